using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Retries;

/// <summary>HTTP0005 on every way a handler produces 429/503, and the near misses that set Retry-After on the path.</summary>
public class HTTP0005RealCodeTests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.RetryAfterNotSent);

    [Fact]
    public Task Controller_object_results() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        public class ImportsController : ControllerBase
        {
            public IActionResult Busy() => new ObjectResult("busy") { [|StatusCode = StatusCodes.Status503ServiceUnavailable|] };

            public IActionResult Slow() => [|new StatusCodeResult(429)|];

            public IActionResult Quota() => [|StatusCode|](429, new { error = "quota" });
        }
        """);

    [Fact]
    public Task Page_model_status_code() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.RazorPages;

        public class ExportModel : PageModel
        {
            public IActionResult OnPost() => [|StatusCode|](503);
        }
        """);

    [Fact]
    public Task Results_with_a_status_argument() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create(args);
        app.MapGet("/a", () => Results.[|Json|](new { error = "slow down" }, statusCode: 429));
        app.MapGet("/b", () => TypedResults.[|Json|](new { error = "maintenance" }, statusCode: 503));
        app.MapGet("/c", () => Results.[|Text|]("busy", statusCode: 503));
        app.Run();
        """);

    [Fact]
    public Task Exception_handler_lambda_and_interface() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Diagnostics;

        var app = WebApplication.Create(args);
        app.UseExceptionHandler(handler => handler.Run(async context =>
        {
            [|context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable|];
            await context.Response.WriteAsync("Try again later");
        }));
        app.Run();

        sealed class TimeoutHandler : IExceptionHandler
        {
            public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
            {
                if (exception is not TimeoutException)
                {
                    return false;
                }

                [|httpContext.Response.StatusCode = 503|];
                await httpContext.Response.WriteAsync("busy", cancellationToken);
                return true;
            }
        }
        """);

    [Fact]
    public Task Exception_handler_status_code_selector() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create(args);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception switch
            {
                TimeoutException => {|#0:StatusCodes.Status503ServiceUnavailable|},
                ArgumentException => 400,
                _ => 500,
            },
        });
        app.Run();
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("'ExceptionHandlerOptions.StatusCodeSelector' produces a 503 Service Unavailable response without a Retry-After header: clients cannot tell when to retry and tend to retry at once"));

    [Fact]
    public Task Exception_handler_options_configured_in_services() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler(options => options.StatusCodeSelector = exception => exception is TimeoutException ? [|429|] : 500);
        var app = builder.Build();
        app.UseExceptionHandler();
        app.Run();
        """);

    [Fact]
    public Task Status_code_selector_with_retry_after_in_the_handler_is_not_reported() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create(args);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception is TimeoutException ? 503 : 500,
            ExceptionHandler = async context =>
            {
                if (context.Response.StatusCode == 503)
                {
                    context.Response.Headers.RetryAfter = "30";
                }

                await context.Response.WriteAsync("error");
            },
        });
        app.Run();
        """);

    [Fact]
    public Task Status_code_selector_with_retry_after_in_another_file_is_not_reported() => Verify.AnalyzerAsync(
        [
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddExceptionHandler<BusyHandler>();
            var app = builder.Build();
            app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = exception => exception is TimeoutException ? 503 : 500 });
            app.Run();
            """,
            """
            using Microsoft.AspNetCore.Diagnostics;

            sealed class BusyHandler : IExceptionHandler
            {
                public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
                {
                    if (exception is TimeoutException)
                    {
                        httpContext.Response.Headers.RetryAfter = "30";
                    }

                    return ValueTask.FromResult(false);
                }
            }
            """,
        ]);

    [Fact]
    public Task Status_code_selector_with_retry_after_in_problem_details_is_not_reported() => Verify.AnalyzerAsync(
        [
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            {
                if (context.HttpContext.Response.StatusCode == StatusCodes.Status503ServiceUnavailable)
                {
                    context.HttpContext.Response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.RetryAfter, "30");
                }
            });
            var app = builder.Build();
            app.Run();
            """,
            """
            static class Errors
            {
                public static void Use(WebApplication app)
                    => app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = exception => exception is TimeoutException ? 503 : 500 });
            }
            """,
        ]);

    [Fact]
    public Task Status_code_selector_without_rate_limit_statuses_or_with_an_error_page_is_not_reported() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create(args);
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = exception => exception is ArgumentException ? 400 : 500 });
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            StatusCodeSelector = exception => exception is TimeoutException ? 503 : 500,
        });
        app.Run();
        """);

    [Fact]
    public Task Every_path_needs_its_own_retry_after() => Verify.AnalyzerAsync("""
        class Throttle(RequestDelegate next)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                if (context.Request.Headers.ContainsKey("X-Flood"))
                {
                    context.Response.Headers.RetryAfter = "30";
                    context.Response.StatusCode = 429;
                    return;
                }

                if (context.Request.Headers.ContainsKey("X-Maintenance"))
                {
                    [|context.Response.StatusCode = 503|];
                    return;
                }

                await next(context);
            }
        }
        """);

    // Near misses

    [Fact]
    public Task Retry_after_set_through_a_helper() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        static class Throttling
        {
            public static void SetRetryAfter(HttpResponse response, int seconds)
                => response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public class ImportsController : ControllerBase
        {
            public IActionResult Busy()
            {
                Throttling.SetRetryAfter(Response, 60);
                return StatusCode(503);
            }
        }

        class Maintenance(RequestDelegate next)
        {
            public Task InvokeAsync(HttpContext context)
            {
                Throttling.SetRetryAfter(context.Response, 120);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Task.CompletedTask;
            }
        }
        """);

    [Fact]
    public Task Object_result_with_retry_after_and_other_statuses() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        public class ImportsController : ControllerBase
        {
            public IActionResult Busy()
            {
                Response.Headers.RetryAfter = "10";
                return new ObjectResult("busy") { StatusCode = 503 };
            }

            public IActionResult Gone() => new ObjectResult("gone") { StatusCode = 410 };

            public IActionResult Failed() => new StatusCodeResult(500);
        }
        """);

    [Fact]
    public Task Results_with_other_statuses_and_retry_after() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create(args);
        app.MapGet("/a", () => Results.Json(new { error = "bad" }, statusCode: 400));
        app.MapGet("/b", (HttpResponse response) =>
        {
            response.Headers.RetryAfter = "5";
            return Results.Json(new { error = "slow down" }, statusCode: 429);
        });
        app.Run();
        """);

    [Fact]
    public Task Exception_handler_sets_retry_after() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create(args);
        app.UseExceptionHandler(handler => handler.Run(async context =>
        {
            context.Response.Headers.RetryAfter = "30";
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync("Try again later");
        }));
        app.Run();
        """);

    [Fact]
    public Task Retry_after_before_the_branch_covers_both_paths() => Verify.AnalyzerAsync("""
        class Throttle(RequestDelegate next)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                context.Response.Headers.RetryAfter = "30";
                if (context.Request.Headers.ContainsKey("X-Flood"))
                {
                    context.Response.StatusCode = 429;
                    return;
                }

                await next(context);
            }
        }
        """);

    // Fixes for results that carry the status

    [Fact]
    public Task Fix_result_with_a_time_span_in_scope() => Verify.CodeFixAsync("""
        class Endpoints
        {
            static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

            public static void Map(WebApplication app)
                => app.MapPost("/import", (HttpContext context) => Results.[|StatusCode|](429));
        }
        """, """
        class Endpoints
        {
            static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

            public static void Map(WebApplication app)
                => app.MapPost("/import", (HttpContext context) =>
                {
                    context.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.NumberFormatInfo.InvariantInfo);
                    return Results.StatusCode(429);
                });
        }
        """);

    [Fact]
    public Task Fix_controller_problem_with_a_lease() => Verify.CodeFixAsync("""
        using System.Threading.RateLimiting;
        using Microsoft.AspNetCore.Mvc;

        public class ImportsController(RateLimiter limiter) : ControllerBase
        {
            public IActionResult Import()
            {
                using var lease = limiter.AttemptAcquire();
                if (!lease.IsAcquired)
                {
                    return [|Problem|](statusCode: 429);
                }

                return Ok();
            }
        }
        """, """
        using System.Threading.RateLimiting;
        using Microsoft.AspNetCore.Mvc;

        public class ImportsController(RateLimiter limiter) : ControllerBase
        {
            public IActionResult Import()
            {
                using var lease = limiter.AttemptAcquire();
                if (!lease.IsAcquired)
                {
                    if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    {
                        Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.NumberFormatInfo.InvariantInfo);
                    }
                    return Problem(statusCode: 429);
                }

                return Ok();
            }
        }
        """);

    [Fact]
    public Task No_fix_without_a_visible_delay() => Verify.NoCodeFixAsync("""
        var app = WebApplication.Create(args);
        app.MapGet("/a", (HttpContext context) => Results.[|StatusCode|](503));
        app.Run();
        """);
}
