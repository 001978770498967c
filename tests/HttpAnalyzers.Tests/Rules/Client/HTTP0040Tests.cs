using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Client;

public class HTTP0040Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.StreamedResponseBuffered);

    [Fact]
    public Task ReadLineAsync_loop_in_typed_client() => Verify.AnalyzerAsync("""
        class ChatClient(HttpClient http)
        {
            public async IAsyncEnumerable<string> StreamAsync(HttpRequestMessage request)
            {
                using var response = await http.[|SendAsync|](request);
                using var stream = await response.Content.ReadAsStreamAsync();
                using var reader = new StreamReader(stream);
                while (await reader.ReadLineAsync() is { } line)
                {
                    yield return line;
                }
            }
        }
        """);

    [Fact]
    public Task Message() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient http)
            {
                using var response = await http.{|#0:GetAsync|}("events");
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                string? line;
                while ((line = await reader.ReadLineAsync()) != null)
                {
                    Console.WriteLine(line);
                }
            }
        }
        """, Verify.Diagnostic().WithLocation(0).WithMessage("The response of 'GetAsync' is buffered in full before the 'ReadLineAsync' loop reads it: pass HttpCompletionOption.ResponseHeadersRead so that the first item arrives as soon as the server sends it"));

    [Fact]
    public Task Sync_send_and_ReadLine() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpClient http)
            {
                using var response = http.[|Send|](new HttpRequestMessage(HttpMethod.Get, "events"));
                using var reader = new StreamReader(response.Content.ReadAsStream());
                while (!reader.EndOfStream)
                {
                    Console.WriteLine(reader.ReadLine());
                }
            }
        }
        """);

    [Fact]
    public Task DeserializeAsyncEnumerable_in_minimal_api() => Verify.AnalyzerAsync("""
        using System.Text.Json;

        var app = WebApplication.Create();
        app.MapGet("/relay", async (IHttpClientFactory factory) =>
        {
            var http = factory.CreateClient("upstream");
            using var response = await http.[|GetAsync|]("items");
            await using var stream = await response.Content.ReadAsStreamAsync();
            var count = 0;
            await foreach (var item in JsonSerializer.DeserializeAsyncEnumerable<int>(stream))
            {
                count += item;
            }

            return count;
        });
        app.Run();
        """);

    [Fact]
    public Task SseParser_in_hosted_service() => Verify.AnalyzerAsync("""
        using System.Net.ServerSentEvents;

        class Listener(HttpClient http) : BackgroundService
        {
            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                using var response = await http.[|GetAsync|]("stream", stoppingToken);
                using var stream = await response.Content.ReadAsStreamAsync(stoppingToken);
                await foreach (var item in SseParser.Create(stream).EnumerateAsync(stoppingToken))
                {
                    Console.WriteLine(item.Data);
                }
            }
        }
        """);

    [Fact]
    public Task ReadFromJsonAsAsyncEnumerable_with_explicit_ResponseContentRead() => Verify.AnalyzerAsync("""
        using System.Net.Http.Json;

        class C
        {
            async Task M(HttpClient http)
            {
                using var response = await http.[|GetAsync|]("items", HttpCompletionOption.ResponseContentRead);
                response.EnsureSuccessStatusCode();
                await foreach (var item in response.Content.ReadFromJsonAsAsyncEnumerable<int>())
                {
                    Console.WriteLine(item);
                }
            }
        }
        """);

    [Fact]
    public Task Accept_event_stream_request_in_controller() => Verify.AnalyzerAsync("""
        using System.Net.Http.Headers;
        using Microsoft.AspNetCore.Mvc;

        [ApiController]
        public class EventsController(IHttpClientFactory factory) : ControllerBase
        {
            [HttpGet("/events")]
            public async Task<IActionResult> Get()
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "https://upstream.example/events");
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
                using var response = await factory.CreateClient().[|SendAsync|](request);
                return Ok(await response.Content.ReadAsStringAsync());
            }
        }
        """);

    [Fact]
    public Task Local_function_and_lambda() => Verify.AnalyzerAsync("""
        class C
        {
            Func<Task> M(HttpClient http)
            {
                async Task Local()
                {
                    using var response = await http.[|GetAsync|]("a").ConfigureAwait(false);
                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                    while (await reader.ReadLineAsync() is { } line) Console.WriteLine(line);
                }

                return async () =>
                {
                    using var response = await http.[|GetAsync|]("b");
                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                    for (var line = await reader.ReadLineAsync(); line != null; line = await reader.ReadLineAsync()) Console.WriteLine(line);
                    await Local();
                };
            }
        }
        """);

    // Near misses

    [Fact]
    public Task ResponseHeadersRead_passed() => Verify.AnalyzerAsync("""
        class C
        {
            const HttpCompletionOption Streaming = HttpCompletionOption.ResponseHeadersRead;

            async Task M(HttpClient http)
            {
                using var a = await http.GetAsync("a", HttpCompletionOption.ResponseHeadersRead);
                using var reader = new StreamReader(await a.Content.ReadAsStreamAsync());
                while (await reader.ReadLineAsync() is { } line) Console.WriteLine(line);

                using var b = await http.GetAsync("b", Streaming);
                using var reader2 = new StreamReader(await b.Content.ReadAsStreamAsync());
                while (await reader2.ReadLineAsync() is { } line) Console.WriteLine(line);
            }
        }
        """);

    [Fact]
    public Task Option_not_constant() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient http, HttpCompletionOption option)
            {
                using var response = await http.GetAsync("a", option);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                while (await reader.ReadLineAsync() is { } line) Console.WriteLine(line);
            }
        }
        """);

    [Fact]
    public Task Read_to_end_is_not_incremental() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<string> M(HttpClient http)
            {
                using var response = await http.GetAsync("a");
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                return await reader.ReadToEndAsync();
            }
        }
        """);

    [Fact]
    public Task Single_ReadLine_outside_a_loop() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<string?> M(HttpClient http)
            {
                using var response = await http.GetAsync("a");
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                return await reader.ReadLineAsync();
            }
        }
        """);

    [Fact]
    public Task GetStreamAsync_streams_already() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient http)
            {
                using var reader = new StreamReader(await http.GetStreamAsync("a"));
                while (await reader.ReadLineAsync() is { } line) Console.WriteLine(line);
            }
        }
        """);

    [Fact]
    public Task Post_has_no_completion_option_overload() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient http)
            {
                using var response = await http.PostAsync("a", new StringContent("{}"));
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                while (await reader.ReadLineAsync() is { } line) Console.WriteLine(line);
            }
        }
        """);

    [Fact]
    public Task Reader_over_another_stream() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient http, Stream file)
            {
                using var response = await http.GetAsync("a");
                using var reader = new StreamReader(file);
                while (await reader.ReadLineAsync() is { } line) Console.WriteLine(line);
                Console.WriteLine(response.StatusCode);
            }
        }
        """);

    [Fact]
    public Task Accept_json_request() => Verify.AnalyzerAsync("""
        using System.Net.Http.Headers;

        class C
        {
            async Task<string> M(HttpClient http)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "a");
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                using var response = await http.SendAsync(request);
                return await response.Content.ReadAsStringAsync();
            }
        }
        """);

    [Fact]
    public Task Own_SendAsync_is_not_HttpClient() => Verify.AnalyzerAsync("""
        class Sender
        {
            public Task<HttpResponseMessage> GetAsync(string uri) => Task.FromResult(new HttpResponseMessage());
        }

        class C
        {
            async Task M(Sender sender)
            {
                using var response = await sender.GetAsync("a");
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                while (await reader.ReadLineAsync() is { } line) Console.WriteLine(line);
            }
        }
        """);

    // Fixes

    [Fact]
    public Task Fix_adds_option_and_using() => Verify.CodeFixAsync("""
        class C
        {
            async Task M(HttpClient http, CancellationToken ct)
            {
                var response = await http.[|GetAsync|]("events", ct);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
                while (await reader.ReadLineAsync(ct) is { } line)
                {
                    if (line == "[DONE]")
                    {
                        return;
                    }
                }
            }
        }
        """, """
        class C
        {
            async Task M(HttpClient http, CancellationToken ct)
            {
                using var response = await http.GetAsync("events", HttpCompletionOption.ResponseHeadersRead, ct);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
                while (await reader.ReadLineAsync(ct) is { } line)
                {
                    if (line == "[DONE]")
                    {
                        return;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Fix_replaces_ResponseContentRead_and_keeps_using() => Verify.CodeFixAsync("""
        class C
        {
            void M(HttpClient http, HttpRequestMessage request)
            {
                using var response = http.[|Send|](request, HttpCompletionOption.ResponseContentRead);
                using var reader = new StreamReader(response.Content.ReadAsStream());
                while (reader.ReadLine() is { } line) Console.WriteLine(line);
            }
        }
        """, """
        class C
        {
            void M(HttpClient http, HttpRequestMessage request)
            {
                using var response = http.Send(request, HttpCompletionOption.ResponseHeadersRead);
                using var reader = new StreamReader(response.Content.ReadAsStream());
                while (reader.ReadLine() is { } line) Console.WriteLine(line);
            }
        }
        """);

    [Fact]
    public Task Fix_in_top_level_statements() => Verify.CodeFixAsync("""
        var http = new HttpClient();
        var response = await http.[|GetAsync|]("https://example.com/events");
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line) Console.WriteLine(line);
        """, """
        var http = new HttpClient();
        using var response = await http.GetAsync("https://example.com/events", HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line) Console.WriteLine(line);
        """);

    [Fact]
    public Task No_fix_when_the_response_is_not_a_local() => Verify.NoCodeFixAsync("""
        class C
        {
            async Task M(HttpClient http)
            {
                var reader = new StreamReader(await (await http.[|GetAsync|]("a")).Content.ReadAsStreamAsync());
                while (await reader.ReadLineAsync() is { } line) Console.WriteLine(line);
            }
        }
        """);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync("""
        class C
        {
            async Task A(HttpClient http)
            {
                var response = await http.[|GetAsync|]("a");
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                while (await reader.ReadLineAsync() is { } line) Console.WriteLine(line);
            }

            async Task B(HttpClient http)
            {
                using var response = await http.[|SendAsync|](new HttpRequestMessage(HttpMethod.Get, "b"));
                await foreach (var item in System.Text.Json.JsonSerializer.DeserializeAsyncEnumerable<int>(await response.Content.ReadAsStreamAsync()))
                {
                    Console.WriteLine(item);
                }
            }
        }
        """, """
        class C
        {
            async Task A(HttpClient http)
            {
                using var response = await http.GetAsync("a", HttpCompletionOption.ResponseHeadersRead);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                while (await reader.ReadLineAsync() is { } line) Console.WriteLine(line);
            }

            async Task B(HttpClient http)
            {
                using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "b"), HttpCompletionOption.ResponseHeadersRead);
                await foreach (var item in System.Text.Json.JsonSerializer.DeserializeAsyncEnumerable<int>(await response.Content.ReadAsStreamAsync()))
                {
                    Console.WriteLine(item);
                }
            }
        }
        """);

    // ---- near misses: read to the end, streamed already, or sent with ResponseHeadersRead ----

    public static TheoryData<string> NotIncrementalOrStreamed => new()
    {
        """using var response = await http.GetAsync("a"); return await response.Content.ReadAsStringAsync();""",
        """using var response = await http.GetAsync("a"); using var reader = new StreamReader(await response.Content.ReadAsStreamAsync()); return await reader.ReadToEndAsync();""",
        """using var stream = await http.GetStreamAsync("a"); using var reader = new StreamReader(stream); string? last = null; while (await reader.ReadLineAsync() is { } line) last = line; return last;""",
        """using var response = await http.GetAsync("a", HttpCompletionOption.ResponseHeadersRead); using var reader = new StreamReader(await response.Content.ReadAsStreamAsync()); string? last = null; while (await reader.ReadLineAsync() is { } line) last = line; return last;""",
        """using var response = await http.PostAsync("a", null); using var reader = new StreamReader(await response.Content.ReadAsStreamAsync()); string? last = null; while (await reader.ReadLineAsync() is { } line) last = line; return last;""",
    };

    [Theory]
    [MemberData(nameof(NotIncrementalOrStreamed))]
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
