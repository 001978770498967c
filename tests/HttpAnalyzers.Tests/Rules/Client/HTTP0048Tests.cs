using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Client;

public class HTTP0048Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.ResponseDeserializedWithoutStatusCheck);

    private const string Types = """

        public record Order(int Id);
        """;

    [Fact]
    public Task ReadFromJsonAsync_message() => Verify.AnalyzerAsync("""
        using System.Net.Http.Json;

        class C
        {
            async Task<Order?> M(HttpClient http)
            {
                using var response = await http.GetAsync("orders/1");
                return await response.Content.{|#0:ReadFromJsonAsync|}<Order>();
            }
        }
        """ + Types, Verify.Diagnostic().WithLocation(0).WithMessage("'ReadFromJsonAsync' deserializes the body of the response of 'GetAsync' as 'Order' without checking its status: an error response becomes a JsonException or an object of default values"));

    [Fact]
    public Task Deserialize_of_ReadAsStringAsync_and_through_a_local() => Verify.AnalyzerAsync("""
        using System.Text.Json;

        class OrdersClient(HttpClient http)
        {
            public async Task<Order?> A()
            {
                var response = await http.PostAsync("orders", new StringContent("{}"));
                return JsonSerializer.[|Deserialize|]<Order>(await response.Content.ReadAsStringAsync());
            }

            public async Task<Order?> B()
            {
                var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "orders/1"));
                var json = await response.Content.ReadAsStringAsync();
                return JsonSerializer.[|Deserialize|]<Order>(json);
            }
        }
        """ + Types);

    [Fact]
    public Task DeserializeAsync_of_stream_and_sync_ReadAsStream() => Verify.AnalyzerAsync("""
        using System.Text.Json;

        class C
        {
            async Task<Order?> A(HttpClient http)
            {
                using var response = await http.GetAsync("orders/1");
                await using var stream = await response.Content.ReadAsStreamAsync();
                return await JsonSerializer.[|DeserializeAsync|]<Order>(stream);
            }

            Order? B(HttpClient http, HttpRequestMessage request)
            {
                using var response = http.Send(request);
                return JsonSerializer.[|Deserialize|]<Order>(response.Content.ReadAsStream());
            }
        }
        """ + Types);

    [Fact]
    public Task PostAsJsonAsync_in_minimal_api_and_inline_response() => Verify.AnalyzerAsync("""
        using System.Net.Http.Json;

        var app = WebApplication.Create();
        app.MapPost("/orders", async (IHttpClientFactory factory, Order order) =>
        {
            var http = factory.CreateClient("orders");
            var response = await http.PostAsJsonAsync("orders", order);
            var created = await response.Content.[|ReadFromJsonAsync|]<Order>();
            var again = await (await http.GetAsync("orders/1")).Content.[|ReadFromJsonAsync|]<Order>();
            return Results.Ok(created ?? again);
        });
        app.Run();
        """ + Types);

    [Fact]
    public Task Controller_expression_bodied_local_function_and_hosted_service() => Verify.AnalyzerAsync("""
        using System.Net.Http.Json;
        using Microsoft.AspNetCore.Mvc;

        public class OrdersController(HttpClient http) : ControllerBase
        {
            [HttpGet("/orders/{id}")]
            public async Task<Order?> Get(int id) => await (await http.GetAsync($"orders/{id}")).Content.[|ReadFromJsonAsync|]<Order>();

            [HttpGet("/orders")]
            public async Task<IActionResult> List()
            {
                return Ok(await Load());

                async Task<Order[]?> Load()
                {
                    var response = await http.GetAsync("orders");
                    return await response.Content.[|ReadFromJsonAsync|]<Order[]>();
                }
            }
        }

        class Poller(HttpClient http) : BackgroundService
        {
            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                var response = await http.GetAsync("orders/next", stoppingToken);
                var order = await response.Content.[|ReadFromJsonAsync|]<Order>(stoppingToken);
                Console.WriteLine(order);
            }
        }
        """ + Types);

    // Near misses

    [Fact]
    public Task EnsureSuccessStatusCode_before_or_in_the_chain() => Verify.AnalyzerAsync("""
        using System.Net.Http.Json;

        class C
        {
            async Task<Order?> A(HttpClient http)
            {
                using var response = await http.GetAsync("orders/1");
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadFromJsonAsync<Order>();
            }

            async Task<Order?> B(HttpClient http)
                => await (await http.GetAsync("orders/1")).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<Order>();
        }
        """ + Types);

    [Fact]
    public Task IsSuccessStatusCode_and_StatusCode_in_conditions_patterns_logs_and_lambdas() => Verify.AnalyzerAsync("""
        using System.Net;
        using System.Net.Http.Json;

        class C(ILogger<C> logger)
        {
            async Task<Order?> A(HttpClient http)
            {
                var response = await http.GetAsync("a");
                if (!response.IsSuccessStatusCode) return null;
                return await response.Content.ReadFromJsonAsync<Order>();
            }

            async Task<Order?> B(HttpClient http)
            {
                var response = await http.GetAsync("b");
                var order = await response.Content.ReadFromJsonAsync<Order>();
                return response.StatusCode == HttpStatusCode.OK ? order : null;
            }

            async Task<Order?> D(HttpClient http)
            {
                var response = await http.GetAsync("d");
                if (response is not { StatusCode: HttpStatusCode.OK }) return null;
                return await response.Content.ReadFromJsonAsync<Order>();
            }

            async Task<Order?> E(HttpClient http)
            {
                var response = await http.GetAsync("e");
                logger.LogInformation("Upstream answered {Status}", response.StatusCode);
                return await response.Content.ReadFromJsonAsync<Order>();
            }

            async Task<Order?> F(HttpClient http)
            {
                var response = await http.GetAsync("f");
                Func<bool> ok = () => response.IsSuccessStatusCode;
                return ok() ? await response.Content.ReadFromJsonAsync<Order>() : null;
            }
        }
        """ + Types);

    [Fact]
    public Task Response_passed_returned_or_stored() => Verify.AnalyzerAsync("""
        using System.Net.Http.Json;

        class C
        {
            private HttpResponseMessage? _last;

            async Task<Order?> A(HttpClient http)
            {
                var response = await http.GetAsync("a");
                await ThrowOnError(response);
                return await response.Content.ReadFromJsonAsync<Order>();
            }

            async Task<HttpResponseMessage> B(HttpClient http)
            {
                var response = await http.GetAsync("b");
                Console.WriteLine(await response.Content.ReadFromJsonAsync<Order>());
                return response;
            }

            async Task D(HttpClient http)
            {
                var response = await http.GetAsync("d");
                _last = response;
                Console.WriteLine(await response.Content.ReadFromJsonAsync<Order>());
            }

            static Task ThrowOnError(HttpResponseMessage response) => Task.CompletedTask;
        }
        """ + Types);

    [Fact]
    public Task Helpers_that_check_status_and_string_reads() => Verify.AnalyzerAsync("""
        using System.Net.Http.Json;
        using System.Text.Json;
        using System.Text.Json.Nodes;

        class C
        {
            async Task M(HttpClient http)
            {
                Console.WriteLine(await http.GetFromJsonAsync<Order>("a"));
                var response = await http.GetAsync("b");
                Console.WriteLine(await response.Content.ReadAsStringAsync());
                using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Console.WriteLine(JsonNode.Parse(await response.Content.ReadAsStringAsync()));
            }
        }
        """ + Types);

    [Fact]
    public Task Extension_on_another_type_is_not_a_response_read() => Verify.AnalyzerAsync("""
        static class Extensions
        {
            public static Task<T?> ReadFromJsonAsync<T>(this Stream stream) => Task.FromResult(default(T));
        }

        class C
        {
            async Task<Order?> M(HttpClient http, Stream stream)
            {
                Console.WriteLine((await http.GetStringAsync("a")).Length);
                return await stream.ReadFromJsonAsync<Order>();
            }
        }
        """ + Types);

    [Fact]
    public Task Deserialize_of_another_string() => Verify.AnalyzerAsync("""
        using System.Text.Json;

        class C
        {
            async Task<Order?> M(HttpClient http, string cached)
            {
                using var response = await http.GetAsync("a");
                Console.WriteLine(await response.Content.ReadAsStringAsync());
                return JsonSerializer.Deserialize<Order>(cached);
            }
        }
        """ + Types);

    // Fixes

    [Fact]
    public Task Fix_inserts_EnsureSuccessStatusCode() => Verify.CodeFixAsync("""
        using System.Net.Http.Json;

        class C
        {
            async Task<Order?> M(HttpClient http)
            {
                using var response = await http.GetAsync("orders/1");
                // the body is an order
                var order = await response.Content.[|ReadFromJsonAsync|]<Order>();
                return order;
            }
        }
        """ + Types, """
        using System.Net.Http.Json;

        class C
        {
            async Task<Order?> M(HttpClient http)
            {
                using var response = await http.GetAsync("orders/1");
                response.EnsureSuccessStatusCode();
                // the body is an order
                var order = await response.Content.ReadFromJsonAsync<Order>();
                return order;
            }
        }
        """ + Types);

    [Fact]
    public Task Fix_in_top_level_statements() => Verify.CodeFixAsync("""
        using System.Text.Json;

        var http = new HttpClient();
        var reply = await http.GetAsync("https://example.com/orders/1");
        Console.WriteLine(JsonSerializer.[|Deserialize|]<Order>(await reply.Content.ReadAsStringAsync()));
        """ + Types, """
        using System.Text.Json;

        var http = new HttpClient();
        var reply = await http.GetAsync("https://example.com/orders/1");
        reply.EnsureSuccessStatusCode();
        Console.WriteLine(JsonSerializer.Deserialize<Order>(await reply.Content.ReadAsStringAsync()));
        """ + Types);

    [Fact]
    public Task No_fix_for_an_inline_response() => Verify.NoCodeFixAsync("""
        using System.Net.Http.Json;

        class C
        {
            async Task<Order?> M(HttpClient http) => await (await http.GetAsync("a")).Content.[|ReadFromJsonAsync|]<Order>();
        }
        """ + Types);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync("""
        using System.Net.Http.Json;

        class C
        {
            async Task<Order?> A(HttpClient http)
            {
                var response = await http.GetAsync("a");
                return await response.Content.[|ReadFromJsonAsync|]<Order>();
            }

            async Task<Order?> B(HttpClient http)
            {
                var response = await http.PutAsJsonAsync("b", new Order(1));
                return await response.Content.[|ReadFromJsonAsync|]<Order>();
            }
        }
        """ + Types, """
        using System.Net.Http.Json;

        class C
        {
            async Task<Order?> A(HttpClient http)
            {
                var response = await http.GetAsync("a");
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadFromJsonAsync<Order>();
            }

            async Task<Order?> B(HttpClient http)
            {
                var response = await http.PutAsJsonAsync("b", new Order(1));
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadFromJsonAsync<Order>();
            }
        }
        """ + Types);

    // ---- near misses: the status is checked before the body is read ----

    public static TheoryData<string> StatusChecked => new()
    {
        """using var response = await http.GetAsync("a"); response.EnsureSuccessStatusCode(); return await response.Content.ReadFromJsonAsync<int[]>();""",
        """using var response = await http.GetAsync("a"); if (!response.IsSuccessStatusCode) return null; return await response.Content.ReadFromJsonAsync<int[]>();""",
        """return await http.GetFromJsonAsync<int[]>("a");""",
        """using var response = await http.GetAsync("a"); return response.StatusCode == System.Net.HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<int[]>() : null;""",
    };

    [Theory]
    [MemberData(nameof(StatusChecked))]
    public Task Near_miss(string body) => Verify.AnalyzerAsync($$"""
        using System.Net.Http.Json;

        class C
        {
            async Task<int[]?> M(HttpClient http)
            {
                {{body}}
            }
        }
        """);
}
