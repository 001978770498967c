using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Client;

public class HTTP0046Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.StreamedResponseNotDisposed);

    [Fact]
    public Task Local_never_disposed() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<string?> M(HttpClient http)
            {
                var response = await http.{|#0:GetAsync|}("a", HttpCompletionOption.ResponseHeadersRead);
                if (!response.IsSuccessStatusCode)
                {
                    return null;
                }

                return await response.Content.ReadAsStringAsync();
            }
        }
        """, Verify.Diagnostic().WithLocation(0).WithMessage("The response of 'GetAsync' is read with ResponseHeadersRead but is not disposed on every path: its connection stays out of the pool until the response is finalized"));

    [Fact]
    public Task Sync_send_in_typed_client() => Verify.AnalyzerAsync("""
        class CatalogClient(HttpClient http)
        {
            public long Length(HttpRequestMessage request)
            {
                var response = http.[|Send|](request, HttpCompletionOption.ResponseHeadersRead);
                return response.Content.Headers.ContentLength ?? 0;
            }
        }
        """);

    [Fact]
    public Task Dispose_skipped_by_early_return() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<string?> M(HttpClient http)
            {
                var response = await http.[|SendAsync|](new HttpRequestMessage(HttpMethod.Get, "a"), HttpCompletionOption.ResponseHeadersRead);
                if (!response.IsSuccessStatusCode)
                {
                    return null;
                }

                var body = await response.Content.ReadAsStringAsync();
                response.Dispose();
                return body;
            }
        }
        """);

    [Fact]
    public Task Stream_disposed_after_an_early_return() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<int> M(HttpClient http)
            {
                var response = await http.[|GetAsync|]("a", HttpCompletionOption.ResponseHeadersRead);
                if (!response.IsSuccessStatusCode)
                {
                    return 0;
                }

                using var stream = await response.Content.ReadAsStreamAsync();
                return stream.ReadByte();
            }
        }
        """);

    [Fact]
    public Task Discarded_response_in_hosted_service() => Verify.AnalyzerAsync("""
        class Pinger(HttpClient http) : BackgroundService
        {
            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    await http.[|GetAsync|]("health", HttpCompletionOption.ResponseHeadersRead, stoppingToken);
                    await Task.Delay(1000, stoppingToken);
                }
            }
        }
        """);

    [Fact]
    public Task Inline_stream_not_disposed_in_minimal_api_and_lambda() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapGet("/first", async (IHttpClientFactory factory) =>
        {
            var stream = await (await factory.CreateClient().[|GetAsync|]("https://example.com", HttpCompletionOption.ResponseHeadersRead)).Content.ReadAsStreamAsync();
            return stream.ReadByte();
        });
        app.Run();
        """);

    [Fact]
    public Task Expression_bodied_and_local_function() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        public class ProxyController(HttpClient http) : ControllerBase
        {
            [HttpGet("/status")]
            public async Task<int> Status() => (int)(await http.[|GetAsync|]("a", HttpCompletionOption.ResponseHeadersRead)).StatusCode;

            [HttpGet("/length")]
            public async Task<long?> Length()
            {
                return await Local();

                async Task<long?> Local()
                {
                    var response = await http.[|GetAsync|]("b", HttpCompletionOption.ResponseHeadersRead);
                    return response.Content.Headers.ContentLength;
                }
            }
        }
        """);

    // Near misses

    [Fact]
    public Task Using_declaration_and_statement() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<string> M(HttpClient http)
            {
                using var a = await http.GetAsync("a", HttpCompletionOption.ResponseHeadersRead);
                using (var b = await http.GetAsync("b", HttpCompletionOption.ResponseHeadersRead))
                {
                    Console.WriteLine(b.StatusCode);
                }

                var c = await http.GetAsync("c", HttpCompletionOption.ResponseHeadersRead);
                using (c)
                {
                    Console.WriteLine(c.StatusCode);
                }

                return await a.Content.ReadAsStringAsync();
            }
        }
        """);

    [Fact]
    public Task Disposed_in_finally_and_on_every_path() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<string?> M(HttpClient http)
            {
                HttpResponseMessage? a = null;
                try
                {
                    a = await http.GetAsync("a", HttpCompletionOption.ResponseHeadersRead);
                    Console.WriteLine(await a.Content.ReadAsStringAsync());
                }
                finally
                {
                    a?.Dispose();
                }

                var b = await http.GetAsync("b", HttpCompletionOption.ResponseHeadersRead);
                if (!b.IsSuccessStatusCode)
                {
                    b.Dispose();
                    return null;
                }

                var body = await b.Content.ReadAsStringAsync();
                b.Dispose();
                return body;
            }
        }
        """);

    [Fact]
    public Task Content_stream_disposed_on_every_path() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<string> M(HttpClient http)
            {
                var response = await http.GetAsync("a", HttpCompletionOption.ResponseHeadersRead);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                return await reader.ReadToEndAsync();
            }
        }
        """);

    [Fact]
    public Task Returned_stored_or_passed_on() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        class C : ControllerBase
        {
            private HttpResponseMessage? _last;

            Task<HttpResponseMessage> A(HttpClient http) => http.GetAsync("a", HttpCompletionOption.ResponseHeadersRead);

            async Task<HttpResponseMessage> B(HttpClient http)
            {
                var response = await http.GetAsync("b", HttpCompletionOption.ResponseHeadersRead);
                return response;
            }

            async Task D(HttpClient http) => _last = await http.GetAsync("d", HttpCompletionOption.ResponseHeadersRead);

            async Task E(HttpClient http)
            {
                var response = await http.GetAsync("e", HttpCompletionOption.ResponseHeadersRead);
                await Consume(response);
            }

            async Task<IActionResult> F(HttpClient http)
            {
                var response = await http.GetAsync("f", HttpCompletionOption.ResponseHeadersRead);
                return File(await response.Content.ReadAsStreamAsync(), "text/event-stream");
            }

            async Task<Stream> G(HttpClient http)
            {
                var response = await http.GetAsync("g", HttpCompletionOption.ResponseHeadersRead);
                return await response.Content.ReadAsStreamAsync();
            }

            static Task Consume(HttpResponseMessage response) => Task.CompletedTask;
        }
        """);

    [Fact]
    public Task Buffered_response_is_not_this_rule() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<string> M(HttpClient http)
            {
                var response = await http.GetAsync("a");
                return await response.Content.ReadAsStringAsync();
            }
        }
        """);

    [Fact]
    public Task Dispose_in_a_callback_cannot_be_placed() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient http, CancellationToken ct)
            {
                var response = await http.GetAsync("a", HttpCompletionOption.ResponseHeadersRead, ct);
                ct.Register(() => response.Dispose());
                Console.WriteLine(response.StatusCode);
            }
        }
        """);

    // Fixes

    [Fact]
    public Task Fix_makes_a_using_declaration() => Verify.CodeFixAsync("""
        class C
        {
            async Task<string?> M(HttpClient http)
            {
                // the upstream answers slowly
                var response = await http.[|GetAsync|]("a", HttpCompletionOption.ResponseHeadersRead);
                if (!response.IsSuccessStatusCode)
                {
                    return null;
                }

                return await response.Content.ReadAsStringAsync();
            }
        }
        """, """
        class C
        {
            async Task<string?> M(HttpClient http)
            {
                // the upstream answers slowly
                using var response = await http.GetAsync("a", HttpCompletionOption.ResponseHeadersRead);
                if (!response.IsSuccessStatusCode)
                {
                    return null;
                }

                return await response.Content.ReadAsStringAsync();
            }
        }
        """);

    [Fact]
    public Task No_fix_for_a_discarded_or_reassigned_response() => Verify.NoCodeFixAsync("""
        class C
        {
            async Task M(HttpClient http)
            {
                await http.[|GetAsync|]("a", HttpCompletionOption.ResponseHeadersRead);
                var response = await http.[|GetAsync|]("b", HttpCompletionOption.ResponseHeadersRead);
                Console.WriteLine(response.StatusCode);
                response = await http.[|GetAsync|]("c", HttpCompletionOption.ResponseHeadersRead);
                Console.WriteLine(response.StatusCode);
            }
        }
        """);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync("""
        class C
        {
            async Task<int> A(HttpClient http)
            {
                var response = await http.[|GetAsync|]("a", HttpCompletionOption.ResponseHeadersRead);
                return (int)response.StatusCode;
            }

            int B(HttpClient http, HttpRequestMessage request)
            {
                var response = http.[|Send|](request, HttpCompletionOption.ResponseHeadersRead);
                return (int)response.StatusCode;
            }
        }
        """, """
        class C
        {
            async Task<int> A(HttpClient http)
            {
                using var response = await http.GetAsync("a", HttpCompletionOption.ResponseHeadersRead);
                return (int)response.StatusCode;
            }

            int B(HttpClient http, HttpRequestMessage request)
            {
                using var response = http.Send(request, HttpCompletionOption.ResponseHeadersRead);
                return (int)response.StatusCode;
            }
        }
        """);

    // ---- near misses: the streamed response is disposed, or buffered ----

    public static TheoryData<string> DisposedOrBuffered => new()
    {
        """using var response = await http.GetAsync("a", HttpCompletionOption.ResponseHeadersRead); return response.StatusCode.ToString();""",
        """using (var response = await http.GetAsync("a", HttpCompletionOption.ResponseHeadersRead)) { return response.StatusCode.ToString(); }""",
        """var response = await http.GetAsync("a", HttpCompletionOption.ResponseHeadersRead); try { return response.StatusCode.ToString(); } finally { response.Dispose(); }""",
        """var response = await http.GetAsync("a"); return response.StatusCode.ToString();""",
        """using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "a"), HttpCompletionOption.ResponseHeadersRead); return response.ReasonPhrase;""",
    };

    [Theory]
    [MemberData(nameof(DisposedOrBuffered))]
    public Task Near_miss(string body) => Verify.AnalyzerAsync($$"""
        class C
        {
            async Task<string?> M(HttpClient http)
            {
                {{body}}
            }
        }
        """);
}
