// Retries and rate limits (HTTP0001–HTTP0008): code that trips each rule of the family on purpose.
// HTTP0001-HTTP0004 and HTTP0007 use hand-written retry loops; HTTP0006 uses the Microsoft.Extensions.Http.Resilience package.
using System.Net;
using Polly;

namespace HttpAnalyzers.Sample.Retries;

public sealed record Order(string Sku, int Quantity);

/// <summary>A typed client whose POSTs are retried without an idempotency key.</summary>
public sealed class OrdersClient(HttpClient http)
{
    // HTTP0001: a POST retried by the loop without an Idempotency-Key header.
    public async Task<HttpResponseMessage> PlaceAsync(Order order, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await http.PostAsJsonAsync("orders", order, cancellationToken);
            }
            catch (HttpRequestException) when (attempt < 3)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
            }
        }
    }

    // HTTP0002: the same request message is sent by every attempt (the second send throws).
    public async Task<HttpResponseMessage> CancelAsync(string id, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, $"orders/{id}");
        while (true)
        {
            var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }
        }
    }

    // HTTP0003: a new idempotency key per attempt defeats deduplication.
    public async Task ChargeAsync(Order order, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "charges") { Content = JsonContent.Create(order) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            try
            {
                await http.SendAsync(request, cancellationToken);
                return;
            }
            catch (HttpRequestException) when (attempt < 3)
            {
            }
        }
    }

    // HTTP0004: a 429 handler that waits a fixed time instead of reading Retry-After.
    public async Task<string> GetStatusAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await http.GetAsync("status", cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await Task.Delay(1000, cancellationToken);
                continue;
            }

            return await response.Content.ReadAsStringAsync(cancellationToken);
        }
    }

    // HTTP0007: every failure is retried, 400/401/402/413/422 included: the same request gets the same answer again.
    public async Task<string?> GetSummaryAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var response = await http.GetAsync("summary", cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
                continue;
            }

            return await response.Content.ReadAsStringAsync(cancellationToken);
        }

        return null;
    }
}

public static class RetriesSampleSetup
{
    public static IServiceCollection AddRetriesSamples(this IServiceCollection services)
    {
        // HTTP0006: the standard resilience handler retries OrdersClient's POSTs.
        services.AddHttpClient<OrdersClient>(client => client.BaseAddress = new Uri("https://orders.example/"))
            .AddStandardResilienceHandler();

        // HTTP0008: a Polly retry under the standard handler's retry: 4 x 4 = 16 sends of one request during an outage.
        services.AddHttpClient("inventory", client => client.BaseAddress = new Uri("https://inventory.example/"))
            .AddTransientHttpErrorPolicy(policy => policy.WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(attempt)))
            .AddStandardResilienceHandler();
        return services;
    }

    public static WebApplication MapRetriesSamples(this WebApplication app)
    {
        // HTTP0005: a 429 without Retry-After leaves clients guessing.
        app.MapPost("/retries/import", () => Results.StatusCode(StatusCodes.Status429TooManyRequests));

        // HTTP0005: the exception handler answers 503 for timeouts, and nothing adds Retry-After to that answer.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception is TimeoutException ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
        });
        return app;
    }
}
