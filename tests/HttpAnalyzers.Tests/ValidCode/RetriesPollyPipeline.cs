// A correct Polly v8 pipeline: 429/503 handled with a Retry-After-aware delay, the request built inside the callback,
// the idempotency key created once outside it. And a correct Polly v7 policy.
using System.Net;
using Polly;
using Polly.Retry;

namespace ValidCode.Retries.Polly8;

public sealed class OrdersGateway
{
    private static readonly ResiliencePipeline<HttpResponseMessage> Pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = 4,
            ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                .Handle<HttpRequestException>()
                .HandleResult(r => r.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable),
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.Headers.RetryAfter?.Delta),
        })
        .Build();

    private static readonly IAsyncPolicy<HttpResponseMessage> LegacyPolicy = Policy
        .HandleResult<HttpResponseMessage>(r => r.StatusCode == HttpStatusCode.TooManyRequests)
        .WaitAndRetryAsync(
            3,
            (attempt, outcome, context) => outcome.Result?.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(attempt),
            (outcome, delay, attempt, context) => Task.CompletedTask);

    private readonly HttpClient _http;

    public OrdersGateway(HttpClient http) => _http = http;

    public async Task<HttpResponseMessage> PlaceAsync(string json, CancellationToken cancellationToken)
    {
        var idempotencyKey = Guid.NewGuid().ToString();
        return await Pipeline.ExecuteAsync(async ct =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "orders")
            {
                Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
                Headers = { { "Idempotency-Key", idempotencyKey } },
            };
            return await _http.SendAsync(request, ct);
        }, cancellationToken);
    }

    public Task<HttpResponseMessage> CancelAsync(string id)
        => LegacyPolicy.ExecuteAsync(() => _http.PostAsync($"orders/{id}/cancel", null));

    public Task<HttpResponseMessage> GetAsync(string id, CancellationToken cancellationToken)
        => Pipeline.ExecuteAsync(async ct => await _http.GetAsync($"orders/{id}", ct), cancellationToken).AsTask();
}
