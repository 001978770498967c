// A client of an LLM completions API that retries only what another attempt can fix: network failures, 408, 429 (after
// Retry-After) and 5xx. 402 (credits spent) and 413 (prompt over the context limit) fail at once.
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Polly;
using Polly.Retry;

public sealed record Prompt(string Model, string Text);

public sealed class CompletionsClient(HttpClient http, Func<CancellationToken, Task<string>> getToken)
{
    private static readonly ResiliencePipeline<HttpResponseMessage> Pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                .Handle<HttpRequestException>(e => e.StatusCode is null)
                .HandleResult(r => r.StatusCode is HttpStatusCode.RequestTimeout || (int)r.StatusCode >= 500),
            MaxRetryAttempts = 3,
        })
        .Build();

    public async Task<string> CompleteAsync(Prompt prompt, CancellationToken cancellationToken)
    {
        var idempotencyKey = Guid.NewGuid().ToString();
        string? token = null;
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/completions")
            {
                Content = JsonContent.Create(prompt),
                Headers = { { "Idempotency-Key", idempotencyKey } },
            };
            if (token is not null)
            {
                // Per-request credentials go on the message: the client is shared by concurrent calls.
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
            {
                token = await getToken(cancellationToken);
                continue;
            }

            if ((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.TooManyRequests || attempt == 3)
            {
                throw new HttpRequestException($"Completion failed: {(int)response.StatusCode}", null, response.StatusCode);
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(attempt), cancellationToken);
        }
    }

    public async Task<string> GetModelAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await Pipeline.ExecuteAsync(async ct => await http.GetAsync($"v1/models/{id}", ct), cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }
}
