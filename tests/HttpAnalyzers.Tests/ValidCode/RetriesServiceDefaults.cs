// Service defaults in the style of the .NET Aspire template: every factory client gets the standard resilience
// handler, the clients of this compilation only read (GET) or send keyed POSTs, and a client that must never be
// retried removes the handlers.
using Microsoft.Extensions.Http.Resilience;

namespace ValidCode.Retries.ServiceDefaults;

public static class Extensions
{
    public static IServiceCollection AddServiceDefaults(this IServiceCollection services)
    {
        services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
        });

        services.AddHttpClient<WeatherClient>(client => client.BaseAddress = new Uri("https://weather.example/"));
        services.AddHttpClient<CheckoutClient>(client => client.BaseAddress = new Uri("https+http://checkout/"));
#pragma warning disable EXTEXP0001
        services.AddHttpClient<WebhookClient>(client => client.BaseAddress = new Uri("https+http://webhooks/")).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return services;
    }
}

public sealed class WeatherClient(HttpClient http)
{
    public Task<string> ForecastAsync(string city) => http.GetStringAsync($"forecast/{Uri.EscapeDataString(city)}");
}

public sealed class CheckoutClient(HttpClient http)
{
    public Task<HttpResponseMessage> PayAsync(string cartId, Guid operationId)
        => http.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"carts/{cartId}/pay")
        {
            Headers = { { "Idempotency-Key", operationId.ToString() } },
        });
}

public sealed class WebhookClient(HttpClient http)
{
    public Task<HttpResponseMessage> NotifyAsync(HttpContent payload) => http.PostAsync("hooks", payload);
}
