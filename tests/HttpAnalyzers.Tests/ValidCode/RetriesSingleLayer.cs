// One retrying layer per client: the defaults give every client the standard handler; the one client that needs its own
// pipeline removes the defaults first; the client called inside an application-level retry has no retrying handler.
using Polly;
using Polly.Retry;

public sealed class InventoryClient(HttpClient http)
{
    public Task<string> GetStockAsync(string sku, CancellationToken cancellationToken) => http.GetStringAsync($"stock/{sku}", cancellationToken);
}

public sealed class ReportsClient(HttpClient http)
{
    public Task<string> GetReportAsync(int id, CancellationToken cancellationToken) => http.GetStringAsync($"reports/{id}", cancellationToken);
}

public static class SingleLayerRegistration
{
    public static IServiceCollection AddInventory(this IServiceCollection services)
    {
        services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
#pragma warning disable EXTEXP0001
        services.AddHttpClient<InventoryClient>(client => client.BaseAddress = new Uri("https://inventory.example/"))
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(options => options.Retry.MaxRetryAttempts = 5);
        services.AddHttpClient<ReportsClient>(client => client.BaseAddress = new Uri("https://reports.example/")).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return services;
    }
}

public sealed class ReportReader(ReportsClient reports)
{
    private static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions { ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>(e => e.StatusCode is null), MaxRetryAttempts = 3 })
        .Build();

    public async Task<string> ReadAsync(int id, CancellationToken cancellationToken)
        => await Pipeline.ExecuteAsync(async ct => await reports.GetReportAsync(id, ct), cancellationToken);
}
