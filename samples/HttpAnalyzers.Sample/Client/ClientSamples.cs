// HttpClient usage (HTTP0043–HTTP0049): code that trips each rule of the family on purpose.
namespace HttpAnalyzers.Sample.Client;

public static class ClientSamples
{
    public static void AddClientSamples(IServiceCollection services)
    {
        // HTTP0044: the BaseAddress path has no trailing '/', so "v1" is replaced by every relative request URI.
        services.AddHttpClient<CatalogClient>(client => client.BaseAddress = new Uri("https://catalog.example.com/v1"));

        // HTTP0049 (in InventoryClient): registered without a BaseAddress, then sent relative URIs.
        services.AddHttpClient<InventoryClient>();
    }
}

/// <summary>A typed client whose BaseAddress loses its version segment.</summary>
public sealed class CatalogClient(HttpClient http)
{
    public Task<string> ProductsAsync(CancellationToken cancellationToken) => http.GetStringAsync("products", cancellationToken);
}

/// <summary>A typed client without a BaseAddress: every send throws.</summary>
public sealed class InventoryClient(HttpClient http)
{
    // HTTP0049: a relative URI on a client that has no BaseAddress.
    public Task<string> StockAsync(string sku, CancellationToken cancellationToken) => http.GetStringAsync($"stock/{sku}", cancellationToken);
}

/// <summary>A static client with a BaseAddress path, and a credential in a query string.</summary>
public static class WeatherApi
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        BaseAddress = new Uri("https://weather.example.com/api/"),
    };

    // HTTP0044: the leading '/' replaces the BaseAddress path, so "/api/" is lost.
    public static Task<string> ForecastAsync(string city) => Http.GetStringAsync($"/forecast?q={city}");

    // HTTP0045: the API key travels in the query string and lands in every access log.
    public static Task<string> AlertsAsync(string city, string apiKey) => Http.GetStringAsync($"alerts?q={city}&api_key={apiKey}");
}

/// <summary>A client created and disposed per call, and a static client that never recycles its connections.</summary>
public static class QuotesApi
{
    // HTTP0047: a static client on the default handler keeps its connections (and the addresses they point to) forever.
    private static readonly HttpClient Legacy = new HttpClient();

    public static async Task<string> QuoteAsync(string symbol)
    {
        // HTTP0043: a new connection pool per call; under load sockets pile up in TIME_WAIT.
        using var client = new HttpClient();
        return await client.GetStringAsync($"https://quotes.example.com/{symbol}") + await Legacy.GetStringAsync("https://quotes.example.com/");
    }
}
