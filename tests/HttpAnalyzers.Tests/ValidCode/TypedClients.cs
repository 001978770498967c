// Correct HttpClient usage: a typed client from the factory, a key created once per logical operation,
// a fresh request message per attempt, Retry-After honoured, streamed responses disposed.
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace ValidCode.Clients;

public sealed record Charge(string Id, decimal Amount);

public sealed class PaymentsClient(HttpClient http)
{
    public async Task<Charge?> ChargeAsync(decimal amount, CancellationToken cancellationToken)
    {
        var idempotencyKey = Guid.NewGuid().ToString();
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "charges")
            {
                Content = JsonContent.Create(new { amount }),
            };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 3)
                {
                    var delay = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(attempt);
                    await Task.Delay(delay, cancellationToken);
                    continue;
                }

                response.EnsureSuccessStatusCode();
                return await response.Content.ReadFromJsonAsync<Charge>(cancellationToken);
            }
            catch (HttpRequestException e) when (attempt < 3 && e.StatusCode is null or >= HttpStatusCode.InternalServerError)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
            }
        }
    }

    public async Task<IReadOnlyList<string>> ReadEventsAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        using var request = new HttpRequestMessage(HttpMethod.Get, "events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    public Task<HttpResponseMessage> DeleteAsync(string id, CancellationToken cancellationToken)
        => http.DeleteAsync($"charges/{Uri.EscapeDataString(id)}", cancellationToken);
}

public static class ClientRegistration
{
    public static IServiceCollection AddPayments(this IServiceCollection services, string apiKey)
    {
        services.AddHttpClient<PaymentsClient>(client =>
        {
            client.BaseAddress = new Uri("https://api.payments.example/v1/");
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        });
        return services;
    }
}
