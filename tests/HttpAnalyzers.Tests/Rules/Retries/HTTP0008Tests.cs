using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Retries;

public class HTTP0008Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.RetryLayersStacked);

    private const string CatalogClient = """
        public class CatalogClient(HttpClient http)
        {
            public Task<HttpResponseMessage> GetAsync(int id) => http.GetAsync($"https://catalog.example/items/{id}");
        }
        """;

    [Fact]
    public Task Standard_handler_and_polly_retry_on_one_chain() => Verify.AnalyzerAsync([
        """
        using Polly;
        using Polly.Extensions.Http;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient<CatalogClient>()
            .AddTransientHttpErrorPolicy(p => p.WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(attempt)))
            .[|AddStandardResilienceHandler|]();
        builder.Build().Run();
        """,
        CatalogClient]);

    [Fact]
    public Task Message() => Verify.AnalyzerAsync([
        """
        using Polly;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient<CatalogClient>()
            .AddStandardResilienceHandler();
        builder.Services.AddHttpClient<CatalogClient>()
            .{|#0:AddResilienceHandler|}("retry", pipeline => pipeline.AddRetry(new Microsoft.Extensions.Http.Resilience.HttpRetryStrategyOptions()));
        builder.Build().Run();
        """,
        CatalogClient], Verify.Diagnostic().WithLocation(0).WithMessage("'AddResilienceHandler(\"retry\")' retries the requests of typed client 'CatalogClient', which already retries with 'AddStandardResilienceHandler': the attempts multiply (three retries inside three retries are 16 sends), a retry storm during an outage"));

    [Fact]
    public Task Two_registrations_of_a_named_client_in_two_files() => Verify.AnalyzerAsync([
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient("catalog").AddStandardHedgingHandler();
        builder.Build().Run();
        """,
        """
        using Polly;
        using Polly.Extensions.Http;

        static class More
        {
            public static void Add(IServiceCollection services)
                => services.AddHttpClient("catalog").[|AddPolicyHandler|](HttpPolicyExtensions.HandleTransientHttpError().RetryAsync(3));
        }
        """]);

    [Fact]
    public Task Defaults_and_per_client_handler() => Verify.AnalyzerAsync([
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        builder.Services.AddHttpClient<CatalogClient>().[|AddStandardResilienceHandler|]();
        builder.Build().Run();
        """,
        CatalogClient]);

    [Fact]
    public Task Defaults_message() => Verify.AnalyzerAsync([
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient("catalog").{|#0:AddStandardHedgingHandler|}();
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        builder.Build().Run();
        """], Verify.Diagnostic().WithLocation(0).WithMessage("'AddStandardHedgingHandler' retries the requests of named client 'catalog', which already retries with 'AddStandardResilienceHandler' in ConfigureHttpClientDefaults: the attempts multiply (three retries inside three retries are 16 sends), a retry storm during an outage"));

    [Fact]
    public Task Polly_v8_pipeline_around_a_typed_client() => Verify.AnalyzerAsync([
        """
        using Polly;
        using Polly.Retry;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient<CatalogClient>().AddStandardResilienceHandler();
        builder.Build().Run();

        class Reader(CatalogClient catalog)
        {
            private readonly ResiliencePipeline _pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions()).Build();

            public async Task<HttpResponseMessage> Read(int id)
                => await _pipeline.[|ExecuteAsync|](async ct => await catalog.GetAsync(id));
        }
        """,
        CatalogClient]);

    [Fact]
    public Task Polly_v7_policy_around_a_named_client() => Verify.AnalyzerAsync([
        """
        using Polly;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient("catalog").AddStandardResilienceHandler();
        builder.Build().Run();

        class Reader(IHttpClientFactory factory)
        {
            public async Task<string> Read()
            {
                var client = factory.CreateClient("catalog");
                var policy = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(attempt));
                return await policy.[|ExecuteAsync|](() => client.GetStringAsync("https://catalog.example/items"));
            }
        }
        """]);

    // Near misses

    [Fact]
    public Task One_retry_layer_with_non_retrying_layers() => Verify.AnalyzerAsync([
        """
        using Polly;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient<CatalogClient>()
            .AddStandardResilienceHandler();
        builder.Services.AddHttpClient<CatalogClient>()
            .AddPolicyHandler(Policy.TimeoutAsync<HttpResponseMessage>(5))
            .AddResilienceHandler("timeout", pipeline => pipeline.AddTimeout(TimeSpan.FromSeconds(2)));
        builder.Build().Run();
        """,
        CatalogClient]);

    [Fact]
    public Task Defaults_removed_before_the_client_handler() => Verify.AnalyzerAsync([
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        #pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient<CatalogClient>().RemoveAllResilienceHandlers().AddStandardHedgingHandler();
        #pragma warning restore EXTEXP0001
        builder.Build().Run();
        """,
        CatalogClient]);

    [Fact]
    public Task Different_clients_each_with_one_layer() => Verify.AnalyzerAsync([
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient<CatalogClient>().AddStandardResilienceHandler();
        builder.Services.AddHttpClient("search").AddStandardHedgingHandler();
        builder.Build().Run();
        """,
        CatalogClient]);

    [Fact]
    public Task Outer_retry_around_a_client_without_retry_layer() => Verify.AnalyzerAsync([
        """
        using Polly;
        using Polly.Retry;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient<CatalogClient>();
        builder.Build().Run();

        class Reader(CatalogClient catalog)
        {
            private readonly ResiliencePipeline _pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions()).Build();

            public async Task<HttpResponseMessage> Read(int id)
                => await _pipeline.ExecuteAsync(async ct => await catalog.GetAsync(id));
        }
        """,
        CatalogClient]);

    [Fact]
    public Task Outer_pipeline_without_retry_and_unregistered_client() => Verify.AnalyzerAsync([
        """
        using Polly;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient("catalog").AddStandardResilienceHandler();
        builder.Build().Run();

        class Reader(IHttpClientFactory factory, HttpClient plain)
        {
            private readonly ResiliencePipeline _timeout = new ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromSeconds(5)).Build();

            public async Task<string> Read()
            {
                var client = factory.CreateClient("catalog");
                var first = await _timeout.ExecuteAsync(async ct => await client.GetStringAsync("https://catalog.example/items", ct));
                var policy = Policy.Handle<HttpRequestException>().RetryAsync(3);
                return first + await policy.ExecuteAsync(() => plain.GetStringAsync("https://catalog.example/items"));
            }
        }
        """]);

    [Fact]
    public Task Polly_handler_that_does_not_retry_and_defaults_without_retry() => Verify.AnalyzerAsync([
        """
        using Polly;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.ConfigureHttpClientDefaults(http => http.AddPolicyHandler(Policy.TimeoutAsync<HttpResponseMessage>(10)));
        builder.Services.AddHttpClient<CatalogClient>().AddStandardResilienceHandler();
        builder.Build().Run();
        """,
        CatalogClient]);
}
