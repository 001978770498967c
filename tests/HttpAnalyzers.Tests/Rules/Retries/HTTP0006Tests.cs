using HttpAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Retries;

public class HTTP0006Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.RetryPolicyRetriesUnsafeMethods);

    private const string OrdersClient = """
        public class OrdersClient(HttpClient http)
        {
            public Task<HttpResponseMessage> CreateAsync(object order) => http.PostAsJsonAsync("https://api.example/orders", order);
            public Task<HttpResponseMessage> GetAsync(int id) => http.GetAsync($"https://api.example/orders/{id}");
        }
        """;

    [Fact]
    public Task Standard_handler_on_typed_client() => Verify.AnalyzerAsync([
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient<OrdersClient>().[|AddStandardResilienceHandler|]();
        builder.Build().Run();
        """,
        OrdersClient]);

    [Fact]
    public Task Message() => Verify.AnalyzerAsync([
        """
        class Startup
        {
            void Configure(IServiceCollection services) => services.AddHttpClient<OrdersClient>().{|#0:AddStandardResilienceHandler|}();
        }
        """,
        OrdersClient], Verify.Diagnostic().WithLocation(0).WithMessage("'AddStandardResilienceHandler' retries the POST requests of typed client 'OrdersClient', which carry no idempotency key: a retry after a lost response repeats the side effect"));

    [Fact]
    public Task Hedging_on_named_client() => Verify.AnalyzerAsync("""
        class Setup
        {
            void Configure(IServiceCollection services) => services.AddHttpClient("payments").[|AddStandardHedgingHandler|]();
        }

        class Payments(IHttpClientFactory factory)
        {
            public async Task Charge(HttpContent content)
            {
                var client = factory.CreateClient("payments");
                await client.PatchAsync("https://api.example/charges/1", content);
            }
        }
        """);

    [Fact]
    public Task Resilience_handler_with_retry_and_field_client() => Verify.AnalyzerAsync("""
        using Microsoft.Extensions.Http.Resilience;
        using Polly;

        class Setup
        {
            void Configure(IServiceCollection services)
                => services.AddHttpClient<Jobs>().[|AddResilienceHandler|]("retry", b => b.AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 3 }));
        }

        class Jobs
        {
            private readonly HttpClient _http;

            public Jobs(HttpClient http) => _http = http;

            public Task Start() => _http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "https://api.example/jobs"));
        }
        """);

    [Fact]
    public Task Polly_v7_transient_policy_and_policy_handler() => Verify.AnalyzerAsync("""
        using Polly;
        using Polly.Extensions.Http;

        class Setup
        {
            static IAsyncPolicy<HttpResponseMessage> GetRetryPolicy()
                => HttpPolicyExtensions.HandleTransientHttpError().WaitAndRetryAsync(3, i => TimeSpan.FromSeconds(i));

            void Configure(IServiceCollection services)
            {
                services.AddHttpClient("a").[|AddTransientHttpErrorPolicy|](p => p.WaitAndRetryAsync(3, i => TimeSpan.FromSeconds(i)));
                services.AddHttpClient("b").[|AddPolicyHandler|](GetRetryPolicy());
            }
        }

        class Sender(IHttpClientFactory factory)
        {
            public Task A(HttpContent c) => factory.CreateClient("a").PostAsync("https://api.example/x", c);
            public Task B(HttpContent c) => factory.CreateClient("b").PostAsync("https://api.example/y", c);
        }
        """);

    [Fact]
    public Task Configure_http_client_defaults() => Verify.AnalyzerAsync([
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.ConfigureHttpClientDefaults(http => http.[|AddStandardResilienceHandler|]());
        builder.Services.AddHttpClient<OrdersClient>();
        builder.Build().Run();
        """,
        OrdersClient]);

    [Fact]
    public Task Restriction_covers_only_put() => Verify.AnalyzerAsync([
        """
        using Microsoft.Extensions.Http.Resilience;

        var builder = WebApplication.CreateBuilder(args);
        #pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient<OrdersClient>().[|AddStandardResilienceHandler|](o => o.Retry.DisableFor(HttpMethod.Put));
        #pragma warning restore EXTEXP0001
        builder.Build().Run();
        """,
        OrdersClient]);

    [Fact]
    public Task Option_changes_the_key_header() => Verify.WithOptions("http_analyzers.idempotency_key_headers = X-Request-Key").AnalyzerAsync("""
        class Setup
        {
            void Configure(IServiceCollection services) => services.AddHttpClient<Charges>().[|AddStandardResilienceHandler|]();
        }

        class Charges(HttpClient http)
        {
            public Task Charge(HttpContent content, string key)
                => http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "https://api.example/charges") { Content = content, Headers = { { "Idempotency-Key", key } } });
        }
        """);

    [Fact]
    public Task Registration_and_uses_in_other_files() => Verify.AnalyzerAsync([
        """
        class Setup
        {
            void Configure(IServiceCollection services)
            {
                services.AddHttpClient("payments").[|AddStandardResilienceHandler|]();
                services.ConfigureHttpClientDefaults(b => b.[|AddStandardHedgingHandler|]());
            }
        }
        """,
        """
        class Payments(IHttpClientFactory factory)
        {
            public Task Charge(HttpContent content) => factory.CreateClient("payments").PostAsync("https://api.example/charges", content);
        }
        """]);

    [Fact]
    public async Task Open_document_analysis_reports_at_the_registration()
    {
        // The registration file analysed alone, as an editor does (no compilation-end actions), finds the uses in the other file.
        var project = TestWorkspace.CreateProject([
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHttpClient<OrdersClient>().AddStandardResilienceHandler();
            builder.Build().Run();
            """,
            OrdersClient]);
        var compilation = (await project.GetCompilationAsync())!;
        var tree = compilation.SyntaxTrees.First(t => t.FilePath == TestWorkspace.PathOf(0));
        var withAnalyzers = compilation.WithAnalyzers(TestWorkspace.Analyzers, project.AnalyzerOptions);
        var diagnostics = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), filterSpan: null, CancellationToken.None);
        Assert.Single(diagnostics, d => d.Id == DiagnosticIds.RetryPolicyRetriesUnsafeMethods);
    }

    // Near misses

    [Fact]
    public Task Delegating_handler_adds_the_key() => Verify.AnalyzerAsync([
        """
        class Setup
        {
            void Configure(IServiceCollection services)
                => services.AddHttpClient<OrdersClient>().AddHttpMessageHandler<IdempotencyHandler>().AddStandardResilienceHandler();
        }

        class IdempotencyHandler : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                if (request.Method == HttpMethod.Post && !request.Headers.Contains("Idempotency-Key"))
                {
                    request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                }

                return base.SendAsync(request, cancellationToken);
            }
        }
        """,
        OrdersClient]);

    [Fact]
    public Task Disabled_for_unsafe_methods() => Verify.AnalyzerAsync([
        """
        using Microsoft.Extensions.Http.Resilience;

        var builder = WebApplication.CreateBuilder(args);
        #pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient<OrdersClient>().AddStandardResilienceHandler(o => o.Retry.DisableForUnsafeHttpMethods());
        builder.Services.AddHttpClient("b").AddStandardResilienceHandler().Configure(o => o.Retry.DisableFor(HttpMethod.Post, HttpMethod.Patch));
        #pragma warning restore EXTEXP0001
        builder.Build().Run();

        class B(IHttpClientFactory f)
        {
            public Task Send(HttpContent c) => f.CreateClient("b").PostAsync("https://api.example/x", c);
        }
        """,
        OrdersClient]);

    [Fact]
    public Task Client_sends_only_idempotent_requests() => Verify.AnalyzerAsync("""
        class Setup
        {
            void Configure(IServiceCollection services) => services.AddHttpClient<Catalog>().AddStandardResilienceHandler();
        }

        class Catalog(HttpClient http)
        {
            public Task<string> Get() => http.GetStringAsync("https://api.example/items");
            public Task Put(HttpContent c) => http.PutAsync("https://api.example/items/1", c);
            public Task Delete() => http.DeleteAsync("https://api.example/items/1");
        }
        """);

    [Fact]
    public Task Every_post_carries_a_key() => Verify.AnalyzerAsync("""
        class Setup
        {
            void Configure(IServiceCollection services) => services.AddHttpClient<Charges>().AddStandardResilienceHandler();
        }

        class Charges(HttpClient http)
        {
            public Task Charge(HttpContent content, string key)
                => http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "https://api.example/charges") { Content = content, Headers = { { "Idempotency-Key", key } } });
        }
        """);

    [Fact]
    public Task Uses_not_visible() => Verify.AnalyzerAsync("""
        class Setup
        {
            void Configure(IServiceCollection services)
            {
                services.AddHttpClient("external").AddStandardResilienceHandler();
                services.AddHttpClient<ExternalClient>().AddStandardResilienceHandler();
            }
        }

        class ExternalClient(HttpClient http)
        {
            public HttpClient Http => http;
        }
        """);

    [Fact]
    public Task Policy_selector_checks_the_method() => Verify.AnalyzerAsync("""
        using Polly;

        class Setup
        {
            void Configure(IServiceCollection services)
            {
                var retry = Policy<HttpResponseMessage>.Handle<HttpRequestException>().RetryAsync(3);
                var noOp = Policy.NoOpAsync<HttpResponseMessage>();
                services.AddHttpClient("a").AddPolicyHandler(request => request.Method == HttpMethod.Get ? retry : noOp);
            }
        }

        class Sender(IHttpClientFactory factory)
        {
            public Task A(HttpContent c) => factory.CreateClient("a").PostAsync("https://api.example/x", c);
        }
        """);

    [Fact]
    public Task Only_429_predicate() => Verify.AnalyzerAsync("""
        using System.Net;
        using Microsoft.Extensions.Http.Resilience;
        using Polly;

        class Setup
        {
            void Configure(IServiceCollection services)
                => services.AddHttpClient("a").AddStandardResilienceHandler(o =>
                    o.Retry.ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests));
        }

        class Sender(IHttpClientFactory factory)
        {
            public Task A(HttpContent c) => factory.CreateClient("a").PostAsync("https://api.example/x", c);
        }
        """);

    [Fact]
    public Task Removed_from_defaults() => Verify.AnalyzerAsync([
        """
        using Microsoft.Extensions.Http.Resilience;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        #pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient<OrdersClient>().RemoveAllResilienceHandlers();
        #pragma warning restore EXTEXP0001
        builder.Build().Run();
        """,
        OrdersClient]);

    [Fact]
    public Task Handler_without_retry() => Verify.AnalyzerAsync("""
        using Polly;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient("t").AddResilienceHandler("timeout", b => b.AddTimeout(TimeSpan.FromSeconds(5)));
        builder.Build().Run();

        class T(IHttpClientFactory f)
        {
            public Task Send(HttpContent c) => f.CreateClient("t").PostAsync("https://api.example/x", c);
        }
        """);

    [Fact]
    public Task Other_named_client_posts() => Verify.AnalyzerAsync("""
        class Setup
        {
            void Configure(IServiceCollection services)
            {
                services.AddHttpClient("reads").AddStandardResilienceHandler();
                services.AddHttpClient("writes");
            }
        }

        class Sender(IHttpClientFactory factory)
        {
            public Task Read() => factory.CreateClient("reads").GetAsync("https://api.example/x");
            public Task Write(HttpContent c) => factory.CreateClient("writes").PostAsync("https://api.example/x", c);
        }
        """);

    // Fixes

    [Fact]
    public Task Fix_adds_disable_for_unsafe_methods_with_pragma() => Verify.CodeFixAsync([
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient<OrdersClient>().[|AddStandardResilienceHandler|]();
        builder.Build().Run();
        """,
        OrdersClient], [
        """
        using Microsoft.Extensions.Http.Resilience;

        var builder = WebApplication.CreateBuilder(args);
        #pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient<OrdersClient>().AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods());
        #pragma warning restore EXTEXP0001
        builder.Build().Run();
        """,
        OrdersClient]);

    [Fact]
    public Task Fix_extends_existing_configuration() => Verify.CodeFixAsync([
        """
        using Microsoft.Extensions.Http.Resilience;

        class Setup
        {
            void Configure(IServiceCollection services)
            {
                services.AddHttpClient<OrdersClient>().[|AddStandardResilienceHandler|](o =>
                {
                    o.Retry.MaxRetryAttempts = 5;
                });
            }
        }
        """,
        OrdersClient], [
        """
        using Microsoft.Extensions.Http.Resilience;

        class Setup
        {
            void Configure(IServiceCollection services)
            {
        #pragma warning disable EXTEXP0001
                services.AddHttpClient<OrdersClient>().AddStandardResilienceHandler(o =>
                {
                    o.Retry.MaxRetryAttempts = 5;
                    o.Retry.DisableForUnsafeHttpMethods();
                });
        #pragma warning restore EXTEXP0001
            }
        }
        """,
        OrdersClient]);

    [Fact]
    public Task Fix_in_expression_bodied_member() => Verify.CodeFixAsync([
        """
        class Startup
        {
            void Configure(IServiceCollection services) => services.AddHttpClient<OrdersClient>().[|AddStandardResilienceHandler|]();
        }
        """,
        OrdersClient], [
        """
        using Microsoft.Extensions.Http.Resilience;

        class Startup
        {
        #pragma warning disable EXTEXP0001
            void Configure(IServiceCollection services) => services.AddHttpClient<OrdersClient>().AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods());
        #pragma warning restore EXTEXP0001
        }
        """,
        OrdersClient]);

    [Fact]
    public Task Fix_restricts_http_retry_options() => Verify.CodeFixAsync("""
        using Microsoft.Extensions.Http.Resilience;
        using Polly;

        class Setup
        {
            void Configure(IServiceCollection services)
            {
                services.AddHttpClient<Jobs>().[|AddResilienceHandler|]("retry", b => b.AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 3 }));
            }
        }

        class Jobs(HttpClient http)
        {
            public Task Start() => http.PostAsync("https://api.example/jobs", null);
        }
        """, """
        using Microsoft.Extensions.Http.Resilience;
        using Polly;

        class Setup
        {
            void Configure(IServiceCollection services)
            {
        #pragma warning disable EXTEXP0001
                services.AddHttpClient<Jobs>().AddResilienceHandler("retry", b =>
                {
                    var retryOptions = new HttpRetryStrategyOptions { MaxRetryAttempts = 3 };
                    retryOptions.DisableForUnsafeHttpMethods();
                    b.AddRetry(retryOptions);
                });
        #pragma warning restore EXTEXP0001
            }
        }

        class Jobs(HttpClient http)
        {
            public Task Start() => http.PostAsync("https://api.example/jobs", null);
        }
        """);

    [Fact]
    public Task Fix_extends_expression_lambda() => Verify.CodeFixAsync([
        """
        class Setup
        {
            void Configure(IServiceCollection services)
            {
                services.AddHttpClient<OrdersClient>().[|AddStandardResilienceHandler|](o => o.Retry.MaxRetryAttempts = 5);
            }
        }
        """,
        OrdersClient], [
        """
        using Microsoft.Extensions.Http.Resilience;

        class Setup
        {
            void Configure(IServiceCollection services)
            {
        #pragma warning disable EXTEXP0001
                services.AddHttpClient<OrdersClient>().AddStandardResilienceHandler(o =>
                {
                    o.Retry.MaxRetryAttempts = 5;
                    o.Retry.DisableForUnsafeHttpMethods();
                });
        #pragma warning restore EXTEXP0001
            }
        }
        """,
        OrdersClient]);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync("""
        using Microsoft.Extensions.Http.Resilience;

        class Setup
        {
            void Configure(IServiceCollection services)
            {
                services.AddHttpClient("a").[|AddStandardResilienceHandler|]();
                services.AddHttpClient("b").[|AddStandardResilienceHandler|]();
            }
        }

        class Sender(IHttpClientFactory factory)
        {
            public Task A(HttpContent c) => factory.CreateClient("a").PostAsync("https://api.example/x", c);
            public Task B(HttpContent c) => factory.CreateClient("b").PatchAsync("https://api.example/y", c);
        }
        """, """
        using Microsoft.Extensions.Http.Resilience;

        class Setup
        {
            void Configure(IServiceCollection services)
            {
        #pragma warning disable EXTEXP0001
                services.AddHttpClient("a").AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods());
        #pragma warning restore EXTEXP0001
        #pragma warning disable EXTEXP0001
                services.AddHttpClient("b").AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods());
        #pragma warning restore EXTEXP0001
            }
        }

        class Sender(IHttpClientFactory factory)
        {
            public Task A(HttpContent c) => factory.CreateClient("a").PostAsync("https://api.example/x", c);
            public Task B(HttpContent c) => factory.CreateClient("b").PatchAsync("https://api.example/y", c);
        }
        """);

    [Fact]
    public Task No_fix_for_hedging() => Verify.NoCodeFixAsync("""
        class Setup
        {
            void Configure(IServiceCollection services) => services.AddHttpClient("payments").[|AddStandardHedgingHandler|]();
        }

        class Payments(IHttpClientFactory factory)
        {
            public Task Charge(HttpContent content) => factory.CreateClient("payments").PostAsync("https://api.example/charges", content);
        }
        """);
}
