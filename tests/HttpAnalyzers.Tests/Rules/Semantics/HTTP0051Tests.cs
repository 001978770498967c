using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Semantics;

public class HTTP0051Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.HeadersAfterResponseStarted);

    // ---- positives ----

    [Fact]
    public Task Middleware_class_sets_header_after_next() => Verify.AnalyzerAsync("""
        using System.Diagnostics;

        public class TimingMiddleware(RequestDelegate next)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                var watch = Stopwatch.StartNew();
                await next(context);
                {|#0:context.Response.Headers["X-Elapsed-Ms"]|} = watch.ElapsedMilliseconds.ToString();
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage(
            "Header 'X-Elapsed-Ms' is set after 'next', which can start the response: the headers are read-only by then and this throws InvalidOperationException"));

    [Fact]
    public Task Middleware_lambda_sets_status_after_next() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.Use(async (context, next) =>
        {
            await next();
            [|context.Response.StatusCode|] = 299;
        });
        app.Use(async (HttpContext context, RequestDelegate next) =>
        {
            await next(context);
            context.Response.[|OnStarting|](() => Task.CompletedTask);
        });
        app.Run();
        """);

    [Fact]
    public Task Status_after_write_in_endpoint() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapGet("/report", async (HttpContext context) =>
        {
            await context.Response.WriteAsync("partial");
            {|#0:context.Response.StatusCode|} = StatusCodes.Status500InternalServerError;
        });
        app.Run();
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage(
            "'StatusCode' is set after 'WriteAsync', which can start the response: the headers are read-only by then and this throws InvalidOperationException"));

    [Fact]
    public Task Controller_writes_json_then_sets_headers_and_cookie() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Net.Http.Headers;

        public class ExportController : ControllerBase
        {
            [HttpGet("export")]
            public async Task Export()
            {
                await Response.WriteAsJsonAsync(new { rows = 1 });
                [|Response.ContentType|] = "application/json";
                Response.Headers.[|Append|](HeaderNames.CacheControl, "no-store");
                Response.Cookies.[|Append|]("seen", "1", new CookieOptions { Secure = true, HttpOnly = true });
                [|HttpContext.Response.ContentLength|] = 10;
            }
        }
        """);

    [Fact]
    public Task Body_stream_writes_flushes_and_files() => Verify.AnalyzerAsync("""
        class C
        {
            async Task Body(HttpResponse response, byte[] bytes)
            {
                await response.Body.WriteAsync(bytes);
                [|response.Headers.ETag|] = "\"1\"";
            }

            async Task Writer(HttpResponse response)
            {
                await response.BodyWriter.FlushAsync();
                [|response.StatusCode|] = 204;
            }

            async Task Start(HttpResponse response)
            {
                await response.StartAsync();
                [|response.Headers["X-A"]|] = "1";
            }

            async Task File(HttpResponse response)
            {
                await response.SendFileAsync("report.pdf");
                [|response.ContentType|] = "application/pdf";
            }

            async Task Copy(HttpContext context, Stream source)
            {
                await source.CopyToAsync(context.Response.Body);
                [|context.Response.StatusCode|] = 200;
            }
        }
        """);

    [Fact]
    public Task Write_in_a_preceding_branch_that_falls_through() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpContext context, bool verbose)
            {
                if (verbose)
                {
                    await context.Response.WriteAsync("details");
                }

                [|context.Response.StatusCode|] = 400;
            }
        }
        """);

    [Fact]
    public Task Exception_middleware_without_has_started_check() => Verify.AnalyzerAsync("""
        public class ErrorMiddleware(RequestDelegate next)
        {
            public async Task Invoke(HttpContext context)
            {
                try
                {
                    await next(context);
                }
                catch (Exception)
                {
                    [|context.Response.StatusCode|] = 500;
                }
            }
        }
        """);

    [Fact]
    public Task Result_filter_sets_header_after_next() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc.Filters;

        public class StampFilter : IAsyncResultFilter
        {
            public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
            {
                await next();
                context.HttpContext.Response.Headers.[|Append|]("X-Stamp", "1");
            }
        }
        """);

    [Fact]
    public Task Response_held_in_a_local() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpContext context)
            {
                var response = context.Response;
                await response.WriteAsync("hello");
                [|context.Response.Headers.ContentLanguage|] = "en";
            }
        }
        """);

    // ---- negatives ----

    [Fact]
    public Task Headers_set_before_the_body_starts() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpContext context)
            {
                context.Response.StatusCode = 200;
                context.Response.ContentType = "text/plain";
                context.Response.Headers["X-A"] = "1";
                context.Response.Cookies.Append("a", "b", new CookieOptions { Secure = true, HttpOnly = true });
                await context.Response.WriteAsync("hello");
            }
        }
        """);

    [Fact]
    public Task Has_started_guards() => Verify.AnalyzerAsync("""
        public class ErrorMiddleware(RequestDelegate next)
        {
            public async Task Invoke(HttpContext context)
            {
                try
                {
                    await next(context);
                }
                catch (Exception) when (!context.Response.HasStarted)
                {
                    context.Response.StatusCode = 500;
                }

                if (!context.Response.HasStarted)
                {
                    context.Response.Headers["X-B"] = "1";
                }

                if (context.Response.HasStarted)
                {
                    return;
                }

                context.Response.Headers["X-C"] = "1";
            }
        }
        """);

    [Fact]
    public Task Write_in_a_branch_that_returns_or_in_another_branch() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpContext context, bool valid)
            {
                if (!valid)
                {
                    await context.Response.WriteAsync("invalid");
                    return;
                }

                context.Response.StatusCode = 200;
            }

            async Task N(HttpContext context, bool valid)
            {
                if (valid)
                {
                    await context.Response.WriteAsync("ok");
                }
                else
                {
                    context.Response.StatusCode = 400;
                }
            }
        }
        """);

    [Fact]
    public Task Writes_inside_on_starting_callbacks() => Verify.AnalyzerAsync("""
        public class TimingMiddleware(RequestDelegate next)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers["X-Elapsed-Ms"] = watch.ElapsedMilliseconds.ToString();
                    return Task.CompletedTask;
                });
                await next(context);
            }
        }
        """);

    [Fact]
    public Task Different_responses_and_request_headers() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpContext first, HttpContext second)
            {
                await first.Response.WriteAsync("a");
                second.Response.StatusCode = 200;
                first.Request.Headers["X-A"] = "1";
            }
        }
        """);

    [Fact]
    public Task Endpoint_filter_next_does_not_start_the_response() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapGet("/", () => "hi").AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            context.HttpContext.Response.Headers["X-Filtered"] = "1";
            return result;
        });
        app.Run();
        """);

    [Fact]
    public Task Write_in_a_lambda_that_is_not_run_here() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpContext context)
            {
                Func<Task> later = () => context.Response.WriteAsync("later");
                context.Response.StatusCode = 202;
            }
        }
        """);

    [Fact]
    public Task Catch_after_a_try_that_writes_only_after_the_guard() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpContext context)
            {
                try
                {
                    context.Response.StatusCode = 200;
                }
                catch (InvalidOperationException)
                {
                    context.Response.StatusCode = 500;
                }

                await context.Response.WriteAsync("done");
            }
        }
        """);

    // ---- fixes ----

    [Fact]
    public Task Fix_moves_the_write_before_the_body_starts() => Verify.CodeFixAsync("""
        class C
        {
            async Task M(HttpContext context, string language)
            {
                var text = "hello";
                await context.Response.WriteAsync(text);
                // the language of the text
                [|context.Response.Headers.ContentLanguage|] = language;
            }
        }
        """, """
        class C
        {
            async Task M(HttpContext context, string language)
            {
                var text = "hello";
                // the language of the text
                context.Response.Headers.ContentLanguage = language;
                await context.Response.WriteAsync(text);
            }
        }
        """);

    [Fact]
    public Task Fix_registers_on_starting_after_next() => Verify.CodeFixAsync("""
        using System.Diagnostics;

        public class TimingMiddleware(RequestDelegate next)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                var watch = Stopwatch.StartNew();
                await next(context);
                [|context.Response.Headers["X-Elapsed-Ms"]|] = watch.ElapsedMilliseconds.ToString();
            }
        }
        """, """
        using System.Diagnostics;

        public class TimingMiddleware(RequestDelegate next)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                var watch = Stopwatch.StartNew();
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers["X-Elapsed-Ms"] = watch.ElapsedMilliseconds.ToString();
                    return Task.CompletedTask;
                });
                await next(context);
            }
        }
        """);

    [Fact]
    public Task Fix_second_action_registers_on_starting_after_a_write() => Verify.CodeFixAsync("""
        class C
        {
            async Task M(HttpResponse response)
            {
                await response.WriteAsync("x");
                [|response.StatusCode|] = 201;
            }
        }
        """, """
        class C
        {
            async Task M(HttpResponse response)
            {
                response.OnStarting(() =>
                {
                    response.StatusCode = 201;
                    return Task.CompletedTask;
                });
                await response.WriteAsync("x");
            }
        }
        """, codeActionIndex: 1);

    [Fact]
    public Task Fix_moves_a_late_on_starting_registration() => Verify.CodeFixAsync("""
        var app = WebApplication.Create();
        app.Use(async (context, next) =>
        {
            await next();
            context.Response.[|OnStarting|](() => Task.CompletedTask);
        });
        app.Run();
        """, """
        var app = WebApplication.Create();
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() => Task.CompletedTask);
            await next();
        });
        app.Run();
        """);

    [Fact]
    public Task No_fix_when_the_value_is_computed_after_the_start() => Verify.NoCodeFixAsync("""
        class C
        {
            async Task M(HttpContext context, Func<Task<int>> count)
            {
                await context.Response.WriteAsync("a");
                var n = await count();
                [|context.Response.Headers["X-Count"]|] = n.ToString();
            }

            async Task N(HttpContext context, RequestDelegate next)
            {
                try
                {
                    await next(context);
                }
                catch (Exception)
                {
                    [|context.Response.StatusCode|] = 500;
                }
            }
        }
        """);

    [Fact]
    public Task Fix_all_keeps_the_order_of_the_writes() => Verify.FixAllAsync("""
        class C
        {
            async Task M(HttpResponse response)
            {
                await response.WriteAsync("x");
                [|response.StatusCode|] = 201;
                [|response.ContentType|] = "text/plain";
            }
        }
        """, """
        class C
        {
            async Task M(HttpResponse response)
            {
                response.StatusCode = 201;
                response.ContentType = "text/plain";
                await response.WriteAsync("x");
            }
        }
        """);

    // ---- near misses: the write comes before the body starts, or is guarded ----

    public static TheoryData<string> WritesBeforeTheBody => new()
    {
        "context.Response.StatusCode = 201;",
        "context.Response.ContentType = \"text/plain\";",
        "context.Response.Headers[\"X-A\"] = \"1\";",
        "context.Response.Headers.CacheControl = \"no-store\";",
        "context.Response.Headers.Append(\"X-B\", \"2\");",
        "context.Response.ContentLength = 5;",
        "context.Response.OnStarting(() => Task.CompletedTask);",
        "if (!context.Response.HasStarted) { context.Response.StatusCode = 500; }",
    };

    [Theory]
    [MemberData(nameof(WritesBeforeTheBody))]
    public Task Write_before_the_body_near_miss(string write) => Verify.AnalyzerAsync($$"""
        class C
        {
            async Task M(HttpContext context)
            {
                {{write}}
                await context.Response.WriteAsync("hello");
            }
        }
        """);
}
