using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Client;

public class HTTP0041Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.ContentHeaderOnRequest);

    [Fact]
    public Task Add_content_type_message() => Verify.AnalyzerAsync("""
        class C
        {
            Task<HttpResponseMessage> M(HttpClient http)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "orders");
                request.Headers.Add({|#0:"Content-Type"|}, "application/json");
                return http.SendAsync(request);
            }
        }
        """, Verify.Diagnostic().WithLocation(0).WithMessage("'Content-Type' is a content header: 'Add' on the request headers throws InvalidOperationException ('Misused header name'); set it on the request content's headers"));

    [Fact]
    public Task TryAddWithoutValidation_on_DefaultRequestHeaders_message() => Verify.AnalyzerAsync("""
        class ApiClient
        {
            private readonly HttpClient _http;

            public ApiClient(HttpClient http)
            {
                _http = http;
                _http.DefaultRequestHeaders.TryAddWithoutValidation({|#0:"content-type"|}, "application/json");
            }
        }
        """, Verify.Diagnostic().WithLocation(0).WithMessage("'Content-Type' is a content header: 'TryAddWithoutValidation' on HttpClient.DefaultRequestHeaders returns false and the header is never sent; set it on the request content's headers"));

    [Fact]
    public Task Constants_HeaderNames_Remove_and_the_other_content_headers() => Verify.AnalyzerAsync("""
        using Microsoft.Net.Http.Headers;

        class C
        {
            const string Language = "Content-Language";

            void M(HttpRequestMessage request)
            {
                request.Headers.Add([|HeaderNames.ContentLength|], "12");
                request.Headers.Add([|Language|], "en");
                request.Headers.Remove([|"Content-Encoding"|]);
                request.Headers.TryAddWithoutValidation([|"Expires"|], "0");
                request.Headers.Add([|"Last-Modified"|], new[] { "Wed, 21 Oct 2026 07:28:00 GMT" });
                request.Headers.Add([|"Allow"|], "GET");
                request.Headers.Add([|"Content-MD5"|], "x");
                request.Headers.Add([|"Content-Range"|], "bytes 0-1/2");
                request.Headers.Add([|"Content-Disposition"|], "inline");
                request.Headers.Add([|"Content-Location"|], "/a");
            }
        }
        """);

    [Fact]
    public Task Collection_initializer_in_minimal_api() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapPost("/relay", async (IHttpClientFactory factory) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "https://upstream.example/orders")
            {
                Headers = { { [|"Content-Type"|], "application/json" } },
                Content = new StringContent("{}"),
            };
            using var response = await factory.CreateClient().SendAsync(request);
            return (int)response.StatusCode;
        });
        app.Run();
        """);

    [Fact]
    public Task Typed_client_expression_bodied_and_local_function() => Verify.AnalyzerAsync("""
        class OrdersClient(HttpClient http)
        {
            public void Configure() => http.{|HTTP0042:DefaultRequestHeaders|}.TryAddWithoutValidation([|"Content-Type"|], "application/json");

            public Task<HttpResponseMessage> Send(HttpRequestMessage request)
            {
                Tag(request);
                return http.SendAsync(request);

                static void Tag(HttpRequestMessage message) => message.Headers.Add([|"Content-Type"|], "text/plain");
            }
        }
        """);

    // Near misses

    [Fact]
    public Task Content_headers_and_request_headers_of_the_right_kind() => Verify.AnalyzerAsync("""
        using System.Net.Http.Headers;

        class C
        {
            void M(HttpRequestMessage request, HttpContent content)
            {
                content.Headers.Add("Content-Language", "en");
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Add("Accept", "application/json");
                request.Headers.TryAddWithoutValidation("X-Content-Type-Options", "nosniff");
                request.Headers.Add("Content-Type-Hint", "json");
                Console.WriteLine(request.Headers.Contains("Content-Type"));
            }
        }
        """);

    [Fact]
    public Task Response_headers_and_own_types_are_not_request_headers() => Verify.AnalyzerAsync("""
        class MyHeaders
        {
            public void Add(string name, string value) { }
        }

        class C
        {
            void M(HttpResponseMessage response, MyHeaders mine, HttpResponse server)
            {
                mine.Add("Content-Type", "application/json");
                server.Headers.Append("Content-Type", "application/json");
            }
        }
        """);

    [Fact]
    public Task Header_name_not_constant() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpRequestMessage request, string name) => request.Headers.TryAddWithoutValidation(name, "x");
        }
        """);

    [Fact]
    public Task Content_header_name_with_spaces_is_not_the_header() => Verify.AnalyzerAsync("""
        class C
        {
            bool M(HttpRequestMessage request) => request.Headers.TryAddWithoutValidation("Content Type", "x");
        }
        """);

    // Fixes

    [Fact]
    public Task Fix_sets_ContentType_on_the_content() => Verify.CodeFixAsync("""
        class C
        {
            Task<HttpResponseMessage> M(HttpClient http, string json)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "orders") { Content = new StringContent(json) };
                request.Headers.Add([|"Content-Type"|], "application/json; charset=utf-8");
                return http.SendAsync(request);
            }
        }
        """, """
        using System.Net.Http.Headers;

        class C
        {
            Task<HttpResponseMessage> M(HttpClient http, string json)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "orders") { Content = new StringContent(json) };
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
                return http.SendAsync(request);
            }
        }
        """);

    [Fact]
    public Task Fix_moves_other_headers_to_the_content() => Verify.CodeFixAsync("""
        class C
        {
            Task<HttpResponseMessage> M(HttpClient http, byte[] body)
            {
                var request = new HttpRequestMessage(HttpMethod.Put, "files/1");
                request.Content = new ByteArrayContent(body);
                request.Headers.Add([|"Content-Disposition"|], "attachment; filename=a.txt");
                request.Headers.TryAddWithoutValidation([|"Content-Language"|], "en");
                return http.SendAsync(request);
            }
        }
        """, """
        class C
        {
            Task<HttpResponseMessage> M(HttpClient http, byte[] body)
            {
                var request = new HttpRequestMessage(HttpMethod.Put, "files/1");
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.Add("Content-Disposition", "attachment; filename=a.txt");
                request.Content.Headers.TryAddWithoutValidation("Content-Language", "en");
                return http.SendAsync(request);
            }
        }
        """);

    [Fact]
    public Task No_fix_without_content_or_on_DefaultRequestHeaders() => Verify.NoCodeFixAsync("""
        class C
        {
            Task<HttpResponseMessage> M(HttpClient http)
            {
                http.DefaultRequestHeaders.Add([|"Content-Type"|], "application/json");
                var request = new HttpRequestMessage(HttpMethod.Post, "orders");
                request.Headers.Add([|"Content-Type"|], "application/json");
                request.Content = new StringContent("{}");
                return http.SendAsync(request);
            }
        }
        """);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync("""
        class C
        {
            Task<HttpResponseMessage> A(HttpClient http)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "a") { Content = new StringContent("{}") };
                request.Headers.TryAddWithoutValidation([|"Content-Type"|], "application/json");
                return http.SendAsync(request);
            }

            Task<HttpResponseMessage> B(HttpClient http)
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, "b") { Content = new StringContent("x") };
                message.Headers.Add([|"Content-Language"|], "de");
                return http.SendAsync(message);
            }
        }
        """, """
        using System.Net.Http.Headers;

        class C
        {
            Task<HttpResponseMessage> A(HttpClient http)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "a") { Content = new StringContent("{}") };
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
                return http.SendAsync(request);
            }

            Task<HttpResponseMessage> B(HttpClient http)
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, "b") { Content = new StringContent("x") };
                message.Content.Headers.Add("Content-Language", "de");
                return http.SendAsync(message);
            }
        }
        """);

    // ---- near misses: content headers on the content, request headers on the request ----

    public static TheoryData<string> RightHeaders => new()
    {
        """content.Headers.Add("Content-Language", "en");""",
        """content.Headers.ContentType = new MediaTypeHeaderValue("application/json");""",
        """request.Headers.Add("Accept", "application/json");""",
        """request.Headers.TryAddWithoutValidation("X-Content-Type-Options", "nosniff");""",
        """request.Headers.Add("Content-Type-Hint", "json");""",
        """Console.WriteLine(request.Headers.Contains("Content-Type"));""",
    };

    [Theory]
    [MemberData(nameof(RightHeaders))]
    public Task Near_miss(string statement) => Verify.AnalyzerAsync($$"""
        using System.Net.Http.Headers;

        class C
        {
            void M(HttpRequestMessage request, HttpContent content)
            {
                {{statement}}
            }
        }
        """);
}
