using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Client;

public class HTTP0042Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.SharedDefaultRequestHeadersChanged);

    [Fact]
    public Task Authorization_set_per_call_in_typed_client_message() => Verify.AnalyzerAsync("""
        using System.Net.Http.Headers;

        class OrdersClient(HttpClient http)
        {
            public async Task<string> GetAsync(string token)
            {
                http.{|#0:DefaultRequestHeaders|}.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return await http.GetStringAsync("orders");
            }
        }
        """, Verify.Diagnostic().WithLocation(0).WithMessage("Setting 'Authorization' changes the DefaultRequestHeaders of 'http', a client shared by concurrent requests, in 'GetAsync': the headers race and one caller's values are sent with another's request; set them on an HttpRequestMessage"));

    [Fact]
    public Task Add_Remove_Clear_Accept_and_ParseAdd_on_fields_and_properties() => Verify.AnalyzerAsync("""
        using System.Net.Http.Headers;

        class Gateway
        {
            private static readonly HttpClient Shared = {|HTTP0047:new()|};
            private readonly HttpClient _http = new();
            public HttpClient Client { get; } = new();

            public void Call(string correlationId)
            {
                Shared.[|DefaultRequestHeaders|].Add("X-Correlation-Id", correlationId);
                _http.[|DefaultRequestHeaders|].TryAddWithoutValidation("X-Tenant", correlationId);
                _http.[|DefaultRequestHeaders|].Remove("X-Tenant");
                Client.[|DefaultRequestHeaders|].Clear();
                Client.[|DefaultRequestHeaders|].Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                _http.[|DefaultRequestHeaders|].UserAgent.ParseAdd("gateway/1.0");
            }
        }
        """);

    [Fact]
    public Task Controller_minimal_api_service_and_hosted_service() => Verify.AnalyzerAsync("""
        using System.Net.Http.Headers;
        using Microsoft.AspNetCore.Mvc;

        public class ProfileController : ControllerBase
        {
            private static readonly HttpClient Http = {|HTTP0047:new()|};

            [HttpGet("/profile")]
            public Task<string> Get([FromHeader] string authorization)
            {
                Http.[|DefaultRequestHeaders|].Authorization = AuthenticationHeaderValue.Parse(authorization);
                return Http.GetStringAsync("https://profiles.example/me");
            }
        }

        class Sync(HttpClient http) : BackgroundService
        {
            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    http.[|DefaultRequestHeaders|].Add("X-Run", Guid.NewGuid().ToString());
                    await Task.Delay(1000, stoppingToken);
                }
            }
        }

        static class Endpoints
        {
            public static readonly HttpClient Client = {|HTTP0047:new()|};

            public static void Map(WebApplication app)
                => app.MapGet("/relay", (string tenant) =>
                {
                    Client.[|DefaultRequestHeaders|].Add("X-Tenant", tenant);
                    return Client.GetStringAsync("https://upstream.example/");
                });
        }
        """);

    [Fact]
    public Task Local_function_in_a_method() => Verify.AnalyzerAsync("""
        class C(HttpClient http)
        {
            public Task<string> M(string id)
            {
                Tag();
                return http.GetStringAsync("a");

                void Tag() => http.[|DefaultRequestHeaders|].Add("X-Id", id);
            }
        }
        """);

    // Near misses

    [Fact]
    public Task Constructor_static_constructor_and_initializers() => Verify.AnalyzerAsync("""
        using System.Net.Http.Headers;

        class ApiClient
        {
            private static readonly HttpClient Shared;
            private readonly HttpClient _http;

            static ApiClient()
            {
                Shared = {|HTTP0047:new HttpClient()|};
                Shared.DefaultRequestHeaders.UserAgent.ParseAdd("api/1.0");
            }

            public ApiClient(HttpClient http, string key)
            {
                _http = http;
                _http.DefaultRequestHeaders.Add("X-Api-Key", key);
                _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                ConfigureHeaders();
            }

            private readonly HttpClient _other = new() { DefaultRequestHeaders = { { "X-Client", "other" } } };

            private void ConfigureHeaders() => _http.DefaultRequestHeaders.Add("X-Version", "2");
        }
        """);

    [Fact]
    public Task AddHttpClient_and_ConfigureHttpClient_lambdas_and_Program() => Verify.AnalyzerAsync("""
        using System.Net.Http.Headers;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient("github", client =>
        {
            client.BaseAddress = new Uri("https://api.github.com/");
            client.DefaultRequestHeaders.UserAgent.ParseAdd("sample/1.0");
        });
        builder.Services.AddHttpClient<Catalog>().ConfigureHttpClient(client => client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json")));
        var app = builder.Build();
        Catalog.Shared.DefaultRequestHeaders.Add("X-Started", "now");
        app.Run();

        class Catalog(HttpClient http)
        {
            public static readonly HttpClient Shared = {|HTTP0047:new()|};

            public Task<string> Get() => http.GetStringAsync({|HTTP0049:"items"|});
        }
        """);

    [Fact]
    public Task Locals_and_parameters_are_owned_by_the_method() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<string> M(IHttpClientFactory factory, HttpClient given, string token)
            {
                var client = factory.CreateClient("api");
                client.DefaultRequestHeaders.Add("X-Token", token);
                given.DefaultRequestHeaders.Add("X-Token", token);
                using var local = {|HTTP0043:new HttpClient()|};
                local.DefaultRequestHeaders.Add("X-Token", token);
                return await client.GetStringAsync("a");
            }
        }
        """);

    [Fact]
    public Task Request_message_headers_and_own_DefaultRequestHeaders() => Verify.AnalyzerAsync("""
        using System.Net.Http.Headers;

        class FakeClient
        {
            public Dictionary<string, string> DefaultRequestHeaders { get; } = new();
        }

        class C(HttpClient http, FakeClient fake)
        {
            public Task<HttpResponseMessage> M(string token)
            {
                fake.DefaultRequestHeaders.Add("Authorization", token);
                var request = new HttpRequestMessage(HttpMethod.Get, "a");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                Console.WriteLine(http.DefaultRequestHeaders.Authorization);
                return http.SendAsync(request);
            }
        }
        """);

    [Fact]
    public Task Private_method_also_called_outside_the_constructor_is_reported() => Verify.AnalyzerAsync("""
        class C
        {
            private readonly HttpClient _http = new();

            public C() => SetKey("initial");

            public void Rotate(string key) => SetKey(key);

            private void SetKey(string key) => _http.[|DefaultRequestHeaders|].Add("X-Key", key);
        }
        """);

    // Fixes

    [Fact]
    public Task Fix_moves_the_header_to_a_request_message() => Verify.CodeFixAsync("""
        using System.Net.Http.Headers;

        class OrdersClient(HttpClient http)
        {
            public async Task<HttpResponseMessage> GetAsync(string id, string token, CancellationToken ct)
            {
                http.[|DefaultRequestHeaders|].Authorization = new AuthenticationHeaderValue("Bearer", token);
                return await http.GetAsync($"orders/{id}", HttpCompletionOption.ResponseHeadersRead, ct);
            }
        }
        """, """
        using System.Net.Http.Headers;

        class OrdersClient(HttpClient http)
        {
            public async Task<HttpResponseMessage> GetAsync(string id, string token, CancellationToken ct)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"orders/{id}");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            }
        }
        """);

    [Fact]
    public Task Fix_with_content_and_a_taken_name() => Verify.CodeFixAsync("""
        class Gateway
        {
            private readonly HttpClient _http = new();

            public async Task<int> PostAsync(string request, HttpContent body)
            {
                _http.[|DefaultRequestHeaders|].Add("X-Request", request);
                using var response = await _http.PostAsync("https://api.example/items", body);
                return (int)response.StatusCode;
            }
        }
        """, """
        class Gateway
        {
            private readonly HttpClient _http = new();

            public async Task<int> PostAsync(string request, HttpContent body)
            {
                using var request2 = new HttpRequestMessage(HttpMethod.Post, "https://api.example/items") { Content = body };
                request2.Headers.Add("X-Request", request);
                using var response = await _http.SendAsync(request2);
                return (int)response.StatusCode;
            }
        }
        """);

    [Fact]
    public Task No_fix_when_the_shape_does_not_allow_it() => Verify.NoCodeFixAsync("""
        class C(HttpClient http)
        {
            public async Task A(string token)
            {
                http.[|DefaultRequestHeaders|].Add("X-Token", token);
                Console.WriteLine(await http.GetStringAsync("a"));
            }

            public async Task B(string token)
            {
                http.[|DefaultRequestHeaders|].Add("X-Token", token);
                for (var i = 0; i < 3; i++)
                {
                    await http.GetAsync("b");
                }
            }

            public async Task D(string token)
            {
                http.[|DefaultRequestHeaders|].Remove("X-Token");
                await http.GetAsync("d");
            }

            public async Task E(string token)
            {
                http.[|DefaultRequestHeaders|].Add("X-Token", token);
                await http.GetAsync("e1");
                await http.GetAsync("e2");
            }

            public async Task F(string token)
            {
                http.[|DefaultRequestHeaders|].Add("X-Token", token);
                var uri = "f/" + token;
                await http.GetAsync(uri);
            }
        }
        """);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync("""
        class C(HttpClient http)
        {
            public Task<HttpResponseMessage> A(string token)
            {
                http.[|DefaultRequestHeaders|].Add("X-Token", token);
                return http.DeleteAsync("a");
            }

            public Task<HttpResponseMessage> B(string tenant, HttpContent content)
            {
                http.[|DefaultRequestHeaders|].Add("X-Tenant", tenant);
                return http.PutAsync("b", content);
            }
        }
        """, """
        class C(HttpClient http)
        {
            public Task<HttpResponseMessage> A(string token)
            {
                var request = new HttpRequestMessage(HttpMethod.Delete, "a");
                request.Headers.Add("X-Token", token);
                return http.SendAsync(request);
            }

            public Task<HttpResponseMessage> B(string tenant, HttpContent content)
            {
                var request = new HttpRequestMessage(HttpMethod.Put, "b") { Content = content };
                request.Headers.Add("X-Tenant", tenant);
                return http.SendAsync(request);
            }
        }
        """);

    // ---- near misses: per-request headers, or a client the method owns ----

    public static TheoryData<string> PerRequestHeaders => new()
    {
        """var client = factory.CreateClient("api"); client.DefaultRequestHeaders.Add("X-Token", token);""",
        """using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/a"); request.Headers.Add("X-Token", token);""",
        """using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/a"); request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);""",
        """Console.WriteLine(http.DefaultRequestHeaders.Contains("X-Token"));""",
        """Console.WriteLine(http.DefaultRequestHeaders.Authorization);""",
        """var headers = new HttpRequestMessage().Headers; headers.Add("X-Token", token);""",
    };

    [Theory]
    [MemberData(nameof(PerRequestHeaders))]
    public Task Near_miss(string statement) => Verify.AnalyzerAsync($$"""
        using System.Net.Http.Headers;

        class C(HttpClient http)
        {
            async Task<string> M(IHttpClientFactory factory, string token)
            {
                {{statement}}
                return await http.GetStringAsync("https://api.example.com/a");
            }
        }
        """);
}
