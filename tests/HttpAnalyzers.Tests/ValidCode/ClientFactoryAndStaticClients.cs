// Correct HttpClient usage: typed and named clients from the factory with a BaseAddress that ends with '/',
// relative request URIs without a leading '/', a static client built on SocketsHttpHandler with PooledConnectionLifetime,
// and credentials sent in headers.
using System.Net.Http.Headers;

namespace ValidCode.ClientFactory;

public static class ClientRegistrations
{
    public static IServiceCollection AddApiClients(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpClient<GitHubClient>(client =>
        {
            client.BaseAddress = new Uri("https://api.github.com/");
            client.DefaultRequestHeaders.UserAgent.ParseAdd("valid-code/1.0");
        });
        services.AddHttpClient("weather", client => client.BaseAddress = new Uri(configuration["Weather:BaseUrl"]!));
        services.AddHttpClient<StatusClient>();
        return services;
    }
}

public sealed class GitHubClient(HttpClient http)
{
    public Task<string> RepositoriesAsync(string owner, CancellationToken cancellationToken)
        => http.GetStringAsync($"users/{owner}/repos?per_page=100", cancellationToken);
}

public sealed class StatusClient(HttpClient http)
{
    public async Task<bool> IsUpAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("https://status.example.com/health", cancellationToken);
        return response.IsSuccessStatusCode;
    }
}

public sealed class WeatherService(IHttpClientFactory factory)
{
    public async Task<string> ForecastAsync(string city, string apiKey, CancellationToken cancellationToken)
    {
        var client = factory.CreateClient("weather");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"forecast?q={Uri.EscapeDataString(city)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await client.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }
}

public static class SharedClient
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        BaseAddress = new Uri("https://api.example.com/v2/"),
    };

    public static Task<string> OrdersAsync(int page) => Http.GetStringAsync($"orders?page={page}&pageToken=abc");
}
