// A payments client in the style of Stripe's SDKs: every POST carries an idempotency key created once per
// operation, retries reuse it, a new request message is built for every attempt, and 429s wait for Retry-After.
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;

namespace ValidCode.Retries.Stripe;

public sealed record Charge(string Id, long Amount, string Currency);

public sealed class PaymentsClient(HttpClient http)
{
    private const int MaxAttempts = 4;

    public async Task<Charge?> CreateChargeAsync(long amount, string currency, CancellationToken cancellationToken)
    {
        var idempotencyKey = Guid.NewGuid().ToString();
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/charges")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["amount"] = amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["currency"] = currency,
                }),
                Headers = { { "Idempotency-Key", idempotencyKey } },
            };

            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < MaxAttempts)
                {
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(attempt), cancellationToken);
                    continue;
                }

                response.EnsureSuccessStatusCode();
                return await response.Content.ReadFromJsonAsync<Charge>(cancellationToken);
            }
            // Only failures that another attempt can fix: no status (a network error) or a server error.
            catch (HttpRequestException e) when (attempt < MaxAttempts && e.StatusCode is null or >= HttpStatusCode.InternalServerError)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
        }
    }

    public async Task<Charge?> RefundAsync(string chargeId, CancellationToken cancellationToken)
    {
        var key = Guid.NewGuid().ToString("N");
        while (true)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"v1/refunds?charge={chargeId}");
            request.Headers.Add("Idempotency-Key", key);
            var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync<Charge>(cancellationToken);
            }

            if ((int)response.StatusCode < 500)
            {
                return null;
            }
        }
    }

    public Task<Charge?> GetChargeAsync(string id, CancellationToken cancellationToken)
        => http.GetFromJsonAsync<Charge>($"v1/charges/{id}", cancellationToken);
}

public static class PaymentsRegistration
{
    public static IServiceCollection AddPayments(this IServiceCollection services)
    {
        // Every POST of PaymentsClient carries an Idempotency-Key: the standard handler may retry them.
        services.AddHttpClient<PaymentsClient>(client => client.BaseAddress = new Uri("https://api.stripe.example/"))
            .AddStandardResilienceHandler(options => options.Retry.MaxRetryAttempts = 3);
        return services;
    }
}

public sealed class Reporting(IHttpClientFactory factory)
{
    public async Task<string> DailyAsync()
    {
        // GET, PUT and DELETE are idempotent: plain retries are fine.
        var client = factory.CreateClient("reports");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                return await client.GetStringAsync("daily");
            }
            catch (HttpRequestException)
            {
                await Task.Delay(1000);
            }
        }

        await client.PutAsync("daily/ack", new StringContent("ok"));
        return string.Empty;
    }

    public async Task NotifyAllAsync(IEnumerable<string> recipients)
    {
        // A loop over recipients is not a retry: one POST per recipient.
        var client = factory.CreateClient("reports");
        foreach (var recipient in recipients)
        {
            try
            {
                await client.PostAsync("notify", new StringContent(recipient));
            }
            catch (HttpRequestException)
            {
            }
        }
    }
}
