using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Client;

public class HTTP0044Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.BaseAddressPathDropped);

    [Fact]
    public Task Base_address_without_trailing_slash() => Verify.AnalyzerAsync("""
        class Api
        {
            private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            {
                BaseAddress = new Uri({|#0:"https://api.example.com/v1"|}),
            };
        }
        """, Verify.Diagnostic().WithLocation(0).WithMessage("BaseAddress 'https://api.example.com/v1' does not end with '/': a relative request URI replaces its last segment, so 'v1' is silently lost; end it with '/'"));

    [Fact]
    public Task Base_address_in_registration_lambdas() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient("github", c => c.BaseAddress = new Uri([|"https://api.github.com/repos"|]));
        builder.Services.AddHttpClient<Orders>().ConfigureHttpClient((sp, c) => c.BaseAddress = new Uri([|$"https://{builder.Configuration["Host"]}/api/v2"|]));
        builder.Build().Run();

        public class Orders(HttpClient http);
        """);

    [Fact]
    public Task Base_address_in_typed_client_constructor() => Verify.AnalyzerAsync("""
        public class Orders
        {
            private readonly HttpClient _http;

            public Orders(HttpClient http)
            {
                http.BaseAddress = new Uri([|"https://orders.example.com/api"|]);
                _http = http;
            }
        }
        """);

    [Fact]
    public Task Leading_slash_with_base_path() => Verify.AnalyzerAsync("""
        class Api
        {
            private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            {
                BaseAddress = new Uri("https://api.example.com/v1/"),
            };

            public Task<string> Get() => Http.GetStringAsync({|#0:"/orders"|});

            public async Task<HttpResponseMessage> Get(int id) => await Http.GetAsync([|$"/orders/{id}"|]);
        }
        """, Verify.Diagnostic().WithLocation(0).WithMessage("Request URI '/orders' starts with '/', which replaces the whole path of the BaseAddress 'https://api.example.com/v1/' of 'Http', so '/v1/' is silently lost; drop the leading '/'"));

    [Fact]
    public Task Leading_slash_on_typed_client_registered_elsewhere() => Verify.AnalyzerAsync([
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient<GitHubClient>(c => c.BaseAddress = new Uri("https://api.example.com/github/"));
        builder.Build().Run();
        """,
        """
        public class GitHubClient(HttpClient http)
        {
            public Task<string> Repos() => http.GetStringAsync([|"/repos"|]);
        }
        """]);

    // Near misses

    [Fact]
    public Task Safe_shapes() => Verify.AnalyzerAsync("""
        class Api
        {
            private static readonly HttpClient Root = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            {
                BaseAddress = new Uri("https://api.example.com"),
            };

            private static readonly HttpClient Versioned = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            {
                BaseAddress = new Uri("https://api.example.com/v1/"),
            };

            public Task<string> A() => Root.GetStringAsync("/orders");

            public Task<string> B() => Versioned.GetStringAsync("orders");

            public Task<string> C() => Versioned.GetStringAsync("https://other.example.com/x");

            public Task<string> D() => Versioned.GetStringAsync("//cdn.example.com/x");
        }
        """);

    [Fact]
    public Task Base_address_not_visible() => Verify.AnalyzerAsync("""
        class Api(IConfiguration configuration)
        {
            public HttpClient Create(string host) => new HttpClient
            {
                BaseAddress = new Uri(configuration["Api:Url"]!),
                Timeout = TimeSpan.FromSeconds(5),
            };

            public HttpClient Create2(string host) => new HttpClient { BaseAddress = new Uri($"https://{host}") };

            public HttpClient Create3(string host) => new HttpClient { BaseAddress = new Uri("https://api.example.com/v1?x=1") };
        }
        """);

    [Fact]
    public Task Leading_slash_but_base_has_no_path() => Verify.AnalyzerAsync([
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient<GitHubClient>(c => c.BaseAddress = new Uri("https://api.github.com/"));
        builder.Build().Run();
        """,
        """
        public class GitHubClient(HttpClient http)
        {
            public Task<string> Repos() => http.GetStringAsync("/repos");
        }
        """]);

    // Fixes

    [Fact]
    public Task Fix_adds_trailing_slash() => Verify.CodeFixAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient("github", c => c.BaseAddress = new Uri([|"https://api.github.com/repos"|]));
        builder.Build().Run();
        """, """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient("github", c => c.BaseAddress = new Uri("https://api.github.com/repos/"));
        builder.Build().Run();
        """);

    [Fact]
    public Task Fix_drops_leading_slash() => Verify.CodeFixAsync("""
        class Api
        {
            private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            {
                BaseAddress = new Uri("https://api.example.com/v1/"),
            };

            public Task<HttpResponseMessage> Get(int id) => Http.GetAsync([|$"/orders/{id}"|]);
        }
        """, """
        class Api
        {
            private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            {
                BaseAddress = new Uri("https://api.example.com/v1/"),
            };

            public Task<HttpResponseMessage> Get(int id) => Http.GetAsync($"orders/{id}");
        }
        """);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync("""
        class Api
        {
            private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            {
                BaseAddress = new Uri([|$"https://{Environment.MachineName}/v1"|]),
            };

            private static readonly HttpClient Other = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            {
                BaseAddress = new Uri("https://api.example.com/v2/"),
            };

            public Task<string> A() => Other.GetStringAsync([|"/a"|]);

            public Task<string> B() => Other.GetStringAsync([|"/b"|]);
        }
        """, """
        class Api
        {
            private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            {
                BaseAddress = new Uri($"https://{Environment.MachineName}/v1/"),
            };

            private static readonly HttpClient Other = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            {
                BaseAddress = new Uri("https://api.example.com/v2/"),
            };

            public Task<string> A() => Other.GetStringAsync("a");

            public Task<string> B() => Other.GetStringAsync("b");
        }
        """);

    [Fact]
    public Task No_fix_for_a_constant() => Verify.NoCodeFixAsync("""
        class Api
        {
            private const string Orders = "/orders";

            private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            {
                BaseAddress = new Uri("https://api.example.com/v1/"),
            };

            public Task<string> Get() => Http.GetStringAsync([|Orders|]);
        }
        """);

    // ---- near misses: the base path kept ----

    [Theory]
    [InlineData("https://api.example.com/v1/", "orders")]
    [InlineData("https://api.example.com", "/orders")]
    [InlineData("https://api.example.com/", "/orders")]
    [InlineData("https://api.example.com/v1/", "https://other.example.com/x")]
    [InlineData("https://api.example.com/v1/", "//cdn.example.com/x")]
    [InlineData("https://api.example.com/v1/", "orders/1?expand=items")]
    [InlineData("https://api.example.com/v1/", "./orders")]
    public Task Near_miss(string baseAddress, string uri) => Verify.AnalyzerAsync($$"""
        class Api
        {
            private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            {
                BaseAddress = new Uri("{{baseAddress}}"),
            };

            public Task<string> Get() => Http.GetStringAsync("{{uri}}");
        }
        """);
}
