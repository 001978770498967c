using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Client;

public class HTTP0047Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.LongLivedClientNoPooledConnectionLifetime);

    [Fact]
    public Task Static_field_with_default_handler() => Verify.AnalyzerAsync("""
        public static class Prices
        {
            private static readonly HttpClient Http = {|#0:new HttpClient()|};

            public static Task<string> TodayAsync() => Http.GetStringAsync("https://prices.example.com/today");
        }
        """, Verify.Diagnostic().WithLocation(0).WithMessage("HttpClient lives as long as the process (in static field 'Http') and is built on the default HttpClientHandler: its pooled connections are never recycled, so after a DNS change it keeps sending to the old address; set SocketsHttpHandler.PooledConnectionLifetime"));

    [Fact]
    public Task Static_property_lazy_and_handlers() => Verify.AnalyzerAsync("""
        public static class Clients
        {
            public static HttpClient Prices { get; } = [|new HttpClient(new HttpClientHandler { AllowAutoRedirect = false })|];

            private static readonly Lazy<HttpClient> LazyClient = new(() => [|new HttpClient()|]);

            public static readonly HttpClient Stock = [|new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 10 })|];

            public static HttpClient? Assigned;

            public static void Init()
            {
                var handler = new SocketsHttpHandler();
                Assigned = [|new HttpClient(handler)|];
            }

            public static HttpClient Lazy => LazyClient.Value;
        }
        """);

    [Fact]
    public Task Singleton_and_hosted_service_and_registration() => Verify.AnalyzerAsync([
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton<PriceCache>();
        builder.Services.AddHostedService<Poller>();
        builder.Services.AddSingleton(sp => [|new HttpClient()|]);
        builder.Build().Run();
        """,
        """
        public class PriceCache
        {
            private readonly HttpClient _http = [|new HttpClient()|];
        }

        public class Poller : BackgroundService
        {
            private readonly HttpClient _http;

            public Poller() => _http = [|new HttpClient()|];

            protected override Task ExecuteAsync(CancellationToken stoppingToken) => _http.GetStringAsync("https://status.example.com/", stoppingToken);
        }
        """]);

    [Fact]
    public Task Factory_client_kept_with_own_primary_handler() => Verify.AnalyzerAsync([
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient("legacy").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
        builder.Services.AddHttpClient("modern");
        builder.Services.AddSingleton<Legacy>();
        builder.Build().Run();
        """,
        """
        public class Legacy
        {
            private static HttpClient? _shared;
            private readonly HttpClient _http;

            public Legacy(IHttpClientFactory factory)
            {
                _http = factory.{|#0:CreateClient|}("legacy");
                _shared ??= factory.CreateClient("modern");
            }
        }
        """], Verify.Diagnostic().WithLocation(0).WithMessage("The client from CreateClient(\"legacy\") lives as long as the process (in field '_http' of 'Legacy', registered with AddSingleton) and the primary handler of its registration (HttpClientHandler) never sets PooledConnectionLifetime: its pooled connections are never recycled, so after a DNS change it keeps sending to the old address; set SocketsHttpHandler.PooledConnectionLifetime"));

    // Near misses

    [Fact]
    public Task Pooled_connection_lifetime_set() => Verify.AnalyzerAsync("""
        public static class Clients
        {
            public static readonly HttpClient A = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

            public static readonly HttpClient B = Create();

            private static HttpClient Create()
            {
                var handler = new SocketsHttpHandler();
                handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5);
                return new HttpClient(handler);
            }

            public static HttpClient C = null!;

            public static void Init(HttpMessageHandler handler) => C = new HttpClient(handler);
        }
        """);

    [Fact]
    public Task Disposed_local_in_a_static_constructor() => Verify.AnalyzerAsync("""
        public static class Warmup
        {
            public static readonly bool Reachable;

            static Warmup()
            {
                using var probe = new HttpClient();
                Reachable = probe.GetAsync("https://status.example.com/").GetAwaiter().GetResult().IsSuccessStatusCode;
            }
        }
        """);

    [Fact]
    public Task Infinite_lifetime_is_not_set() => Verify.AnalyzerAsync("""
        public static class Clients
        {
            public static readonly HttpClient A = [|new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })|];
        }
        """);

    [Fact]
    public Task Per_operation_and_unknown_lifetimes() => Verify.AnalyzerAsync("""
        public class Prices
        {
            private readonly HttpClient _http = new HttpClient();

            public HttpClient Create() => new HttpClient();
        }
        """);

    [Fact]
    public Task Default_factory_clients_and_configured_handlers() => Verify.AnalyzerAsync([
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient("a");
        builder.Services.AddHttpClient("b").ConfigurePrimaryHttpMessageHandler<SocketsHttpHandler>();
        builder.Services.AddHttpClient("c").ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) });
        builder.Services.AddHttpClient("d").ConfigurePrimaryHttpMessageHandler((handler, sp) => ((SocketsHttpHandler)handler).MaxConnectionsPerServer = 4);
        builder.Build().Run();
        """,
        """
        public static class Holder
        {
            public static HttpClient? A, B, C, D;

            public static void Init(IHttpClientFactory f)
            {
                A = f.CreateClient("a");
                B = f.CreateClient("b");
                C = f.CreateClient("c");
                D = f.CreateClient("d");
            }
        }
        """]);

    // Fixes

    [Fact]
    public Task Fix_adds_sockets_handler() => Verify.CodeFixAsync("""
        public static class Prices
        {
            private static readonly HttpClient Http = [|new HttpClient { Timeout = TimeSpan.FromSeconds(10) }|];
            private static readonly HttpClient Other = [|new()|];
        }
        """, """
        public static class Prices
        {
            private static readonly HttpClient Http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { Timeout = TimeSpan.FromSeconds(10) };
            private static readonly HttpClient Other = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
        }
        """);

    [Fact]
    public Task Fix_replaces_empty_handler_and_sets_lifetime() => Verify.CodeFixAsync("""
        public static class Prices
        {
            private static readonly HttpClient A = [|new HttpClient(new HttpClientHandler())|];
            private static readonly HttpClient B = [|new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 10 })|];
            private static readonly HttpClient C = [|new HttpClient(new SocketsHttpHandler())|];
        }
        """, """
        public static class Prices
        {
            private static readonly HttpClient A = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
            private static readonly HttpClient B = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 10, PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
            private static readonly HttpClient C = new HttpClient(new SocketsHttpHandler() { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
        }
        """);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync("""
        public static class Prices
        {
            private static readonly HttpClient A = [|new HttpClient()|];
            private static readonly HttpClient B = [|new HttpClient()|];
        }
        """, """
        public static class Prices
        {
            private static readonly HttpClient A = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
            private static readonly HttpClient B = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
        }
        """);

    [Fact]
    public Task No_fix_for_a_configured_client_handler() => Verify.NoCodeFixAsync("""
        public static class Prices
        {
            private static readonly HttpClient A = [|new HttpClient(new HttpClientHandler { UseCookies = false })|];
        }
        """);

    // ---- near misses: the long-lived client's handler recycles its connections ----

    public static TheoryData<string> PooledLifetimeSet => new()
    {
        "new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })",
        "new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })",
        "new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(90), MaxConnectionsPerServer = 10 })",
        "new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }, disposeHandler: false)",
        "new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { Timeout = TimeSpan.FromSeconds(10) }",
        "new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1) })",
    };

    [Theory]
    [MemberData(nameof(PooledLifetimeSet))]
    public Task Near_miss(string creation) => Verify.AnalyzerAsync($$"""
        public static class Clients
        {
            public static readonly HttpClient A = {{creation}};
        }
        """);
}
