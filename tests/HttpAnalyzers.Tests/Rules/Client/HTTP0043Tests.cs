using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Client;

public class HTTP0043Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.HttpClientPerOperation);

    [Fact]
    public Task Using_local_in_a_method() => Verify.AnalyzerAsync("""
        public class Prices
        {
            public async Task<string> GetAsync()
            {
                using var client = {|#0:new HttpClient()|};
                return await client.GetStringAsync("https://prices.example.com/today");
            }
        }
        """, Verify.Diagnostic().WithLocation(0).WithMessage("HttpClient is created as a local of 'GetAsync' and disposed there: each instance opens its own connection pool, and under load sockets pile up in TIME_WAIT; inject IHttpClientFactory or a typed client, or keep one static client"));

    [Fact]
    public Task Using_statement_dispose_call_and_sync() => Verify.AnalyzerAsync("""
        public class Prices
        {
            public string Get()
            {
                using (var client = [|new HttpClient()|])
                {
                    return client.GetStringAsync("https://prices.example.com/today").GetAwaiter().GetResult();
                }
            }

            public async Task<string> GetDisposed()
            {
                var client = [|new HttpClient { Timeout = TimeSpan.FromSeconds(5) }|];
                try
                {
                    return await client.GetStringAsync("https://prices.example.com/today");
                }
                finally
                {
                    client.Dispose();
                }
            }

            public Func<Task<string>> Lambda => async () =>
            {
                using var client = [|new HttpClient()|];
                return await client.GetStringAsync("https://prices.example.com/today");
            };

            public async Task<string> LocalFunction()
            {
                return await Fetch();

                static async Task<string> Fetch()
                {
                    using var client = [|new HttpClient()|];
                    return await client.GetStringAsync("https://prices.example.com/today");
                }
            }
        }
        """);

    [Fact]
    public Task Controller_action_field_initializer_and_constructor() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        [ApiController]
        [Route("prices")]
        public class PricesController : ControllerBase
        {
            private readonly HttpClient _http = {|#0:new HttpClient()|};

            [HttpGet]
            public async Task<string> Get()
            {
                var client = [|new HttpClient()|];
                return await client.GetStringAsync("https://prices.example.com/today") + await _http.GetStringAsync("https://prices.example.com/x");
            }
        }

        public class StockController : Controller
        {
            private readonly HttpClient _http;

            public StockController() => _http = [|new HttpClient()|];

            public Task<string> Index() => _http.GetStringAsync("https://stock.example.com/");
        }
        """, Verify.Diagnostic().WithLocation(0).WithMessage("HttpClient is created by a field initializer of 'PricesController', which is created per request: each instance opens its own connection pool, and under load sockets pile up in TIME_WAIT; inject IHttpClientFactory or a typed client, or keep one static client"));

    [Fact]
    public Task Minimal_api_page_model_and_middleware() => Verify.AnalyzerAsync([
        """
        var app = WebApplication.CreateBuilder(args).Build();
        app.MapGet("/prices", async () => await [|new HttpClient()|].GetStringAsync("https://prices.example.com/today"));
        app.UseMiddleware<AuditMiddleware>();
        app.Run();
        """,
        """
        using Microsoft.AspNetCore.Mvc.RazorPages;

        public class IndexModel : PageModel
        {
            public string? Price { get; private set; }

            public async Task OnGetAsync()
            {
                var client = [|new HttpClient()|];
                Price = await client.GetStringAsync("https://prices.example.com/today");
            }
        }

        public class AuditMiddleware(RequestDelegate next)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                var handler = new SocketsHttpHandler();
                var client = [|new HttpClient(handler)|];
                await client.PostAsync("https://audit.example.com/", new StringContent(context.Request.Path));
                await next(context);
            }
        }
        """]);

    [Fact]
    public Task Handler_created_per_operation() => Verify.AnalyzerAsync("""
        public class Probe
        {
            public async Task<bool> PingAsync()
            {
                using var handler = [|new HttpClientHandler()|];
                using var invoker = new HttpMessageInvoker(new SocketsHttpHandler(), disposeHandler: true);
                using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Head, "https://probe.example.com/"), default);
                return response.IsSuccessStatusCode && handler.SupportsAutomaticDecompression;
            }
        }
        """);

    // Near misses

    [Fact]
    public Task Static_singleton_startup_and_registrations() => Verify.AnalyzerAsync([
        """
        using var startupClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddScoped(sp => new HttpClient { BaseAddress = new Uri("https://api.example.com/") });
        builder.Services.AddSingleton<Cache>();
        builder.Build().Run();
        """,
        """
        public class Cache
        {
            private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
        }

        public class Prices
        {
            private static readonly HttpClient Shared = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
            private static HttpClient? _lazy;
            private readonly HttpClient _owned;

            public Prices() => _owned = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

            public HttpClient Lazy() => _lazy ??= new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

            public HttpClient Create() => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
        }
        """]);

    [Fact]
    public Task Shared_handler_with_dispose_handler_false() => Verify.AnalyzerAsync("""
        public class Prices
        {
            private static readonly SocketsHttpHandler Handler = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };

            public async Task<string> GetAsync()
            {
                using var client = new HttpClient(Handler, disposeHandler: false);
                return await client.GetStringAsync("https://prices.example.com/today");
            }
        }
        """);

    [Fact]
    public Task Local_not_disposed_outside_per_request_classes() => Verify.AnalyzerAsync("""
        public class Factory
        {
            public HttpClient Create()
            {
                var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
                client.Timeout = TimeSpan.FromSeconds(5);
                return client;
            }
        }
        """);

    [Fact]
    public Task Controller_with_injected_client() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        [ApiController]
        [Route("prices")]
        public class PricesController(IHttpClientFactory factory) : ControllerBase
        {
            [HttpGet]
            public Task<string> Get() => factory.CreateClient().GetStringAsync("https://prices.example.com/today");
        }
        """);

    // Fixes

    [Fact]
    public Task Fix_hoists_using_local_to_static_field() => Verify.CodeFixAsync("""
        public class Prices
        {
            public async Task<string> GetAsync()
            {
                using var client = [|new HttpClient { Timeout = TimeSpan.FromSeconds(5) }|];
                return await client.GetStringAsync("https://prices.example.com/today");
            }
        }
        """, """
        public class Prices
        {
            private static readonly HttpClient SharedClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { Timeout = TimeSpan.FromSeconds(5) };

            public async Task<string> GetAsync()
            {
                return await SharedClient.GetStringAsync("https://prices.example.com/today");
            }
        }
        """);

    [Fact]
    public Task Fix_makes_controller_field_static() => Verify.CodeFixAsync("""
        using Microsoft.AspNetCore.Mvc;

        [ApiController]
        [Route("prices")]
        public class PricesController : ControllerBase
        {
            private readonly HttpClient _http = [|new HttpClient()|];

            [HttpGet]
            public Task<string> Get() => _http.GetStringAsync("https://prices.example.com/today");
        }
        """, """
        using Microsoft.AspNetCore.Mvc;

        [ApiController]
        [Route("prices")]
        public class PricesController : ControllerBase
        {
            private static readonly HttpClient _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

            [HttpGet]
            public Task<string> Get() => _http.GetStringAsync("https://prices.example.com/today");
        }
        """);

    [Fact]
    public Task Fix_all_gives_each_field_its_own_name() => Verify.FixAllAsync("""
        public class Prices
        {
            public async Task<string> TodayAsync()
            {
                using var client = [|new HttpClient()|];
                return await client.GetStringAsync("https://prices.example.com/today");
            }

            public async Task<string> YesterdayAsync()
            {
                using var client = [|new HttpClient()|];
                return await client.GetStringAsync("https://prices.example.com/yesterday");
            }
        }
        """, """
        public class Prices
        {
            private static readonly HttpClient SharedClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
            private static readonly HttpClient SharedClient2 = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

            public async Task<string> TodayAsync()
            {
                return await SharedClient.GetStringAsync("https://prices.example.com/today");
            }

            public async Task<string> YesterdayAsync()
            {
                return await SharedClient2.GetStringAsync("https://prices.example.com/yesterday");
            }
        }
        """);

    [Fact]
    public Task No_fix_when_the_client_is_configured_per_call() => Verify.NoCodeFixAsync("""
        public class Prices
        {
            public async Task<string> GetAsync(string token)
            {
                using var client = [|new HttpClient()|];
                client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                return await client.GetStringAsync("https://prices.example.com/today");
            }
        }
        """);

    // ---- near misses: a client the operation does not create ----

    public static TheoryData<string> ClientsNotCreatedPerOperation => new()
    {
        """return await factory.CreateClient().GetStringAsync("https://prices.example.com/today");""",
        """return await injected.GetStringAsync("https://prices.example.com/today");""",
        """return await Shared.GetStringAsync("https://prices.example.com/today");""",
        """var client = factory.CreateClient("prices"); return await client.GetStringAsync("https://prices.example.com/today");""",
        """using var request = new HttpRequestMessage(HttpMethod.Get, "https://prices.example.com/today"); using var response = await Shared.SendAsync(request); return await response.Content.ReadAsStringAsync();""",
        """using var content = new StringContent("x"); using var response = await Shared.PostAsync("https://prices.example.com/today", content); return response.ReasonPhrase ?? "";""",
    };

    [Theory]
    [MemberData(nameof(ClientsNotCreatedPerOperation))]
    public Task Near_miss(string body) => Verify.AnalyzerAsync($$"""
        public class Prices(IHttpClientFactory factory, HttpClient injected)
        {
            private static readonly HttpClient Shared = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

            public async Task<string> GetAsync()
            {
                {{body}}
            }
        }
        """);
}
