using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Retries;

public class HTTP0005Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.RetryAfterNotSent);

    [Fact]
    public Task Minimal_api_results() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create(args);
        app.MapGet("/a", () => Results.[|StatusCode|](429));
        app.MapGet("/b", () => TypedResults.[|StatusCode|](StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/c", () => Results.[|Problem|](statusCode: 429, title: "Slow down"));
        app.MapGet("/d", () => TypedResults.[|Problem|]("busy", statusCode: 503));
        app.Run();
        """);

    [Fact]
    public Task Message() => Verify.AnalyzerAsync("""
        class C
        {
            IResult M() => Results.{|#0:StatusCode|}(429);
        }
        """, Verify.Diagnostic().WithLocation(0).WithMessage("'Results.StatusCode' produces a 429 Too Many Requests response without a Retry-After header: clients cannot tell when to retry and tend to retry at once"));

    [Fact]
    public Task Controller_status_code_and_problem() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        public class OrdersController : ControllerBase
        {
            public IActionResult Create() => [|StatusCode|](StatusCodes.Status429TooManyRequests);

            public IActionResult Busy() => [|Problem|](statusCode: 503);
        }
        """);

    [Fact]
    public Task Response_status_code_assignment_in_middleware() => Verify.AnalyzerAsync("""
        class Throttle(RequestDelegate next)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                if (context.Request.Headers.ContainsKey("X-Flood"))
                {
                    [|context.Response.StatusCode = 429|];
                    return;
                }

                await next(context);
            }
        }
        """);

    [Fact]
    public Task Add_rate_limiter_without_on_rejected() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.RateLimiting;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.[|AddRateLimiter|](options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddFixedWindowLimiter("api", o => { o.PermitLimit = 10; o.Window = TimeSpan.FromSeconds(1); });
        });
        builder.Build().Run();
        """);

    [Fact]
    public Task On_rejected_sets_status_without_header() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddRateLimiter(options =>
        {
            options.OnRejected = (context, token) =>
            {
                [|context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests|];
                return ValueTask.CompletedTask;
            };
        });
        builder.Build().Run();
        """);

    // Near misses

    [Fact]
    public Task Retry_after_set_on_the_path() => Verify.AnalyzerAsync("""
        class C
        {
            IResult M(HttpContext context)
            {
                context.Response.Headers.RetryAfter = "30";
                return Results.StatusCode(429);
            }

            void N(HttpResponse response)
            {
                response.Headers.Append("Retry-After", "120");
                response.StatusCode = 503;
            }
        }
        """);

    [Fact]
    public Task On_rejected_sets_retry_after() => Verify.AnalyzerAsync("""
        using System.Globalization;
        using System.Threading.RateLimiting;
        using Microsoft.AspNetCore.RateLimiting;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = 429;
            options.OnRejected = (context, token) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(NumberFormatInfo.InvariantInfo);
                }

                return ValueTask.CompletedTask;
            };
        });
        builder.Build().Run();
        """);

    [Fact]
    public Task Other_status_codes() => Verify.AnalyzerAsync("""
        class C
        {
            IResult A() => Results.StatusCode(500);
            IResult B() => Results.Problem(statusCode: 400);
            void D(HttpResponse response, int status) => response.StatusCode = status;
        }
        """);

    [Fact]
    public Task Rate_limiter_configured_elsewhere() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddRateLimiter();
        builder.Services.AddRateLimiter(o => o.RejectionStatusCode = 418);
        builder.Build().Run();
        """);

    [Fact]
    public Task Client_side_status_is_not_server_code() => Verify.AnalyzerAsync("""
        class C
        {
            bool M(HttpResponseMessage response) => response.StatusCode == System.Net.HttpStatusCode.TooManyRequests;
        }
        """);

    [Fact]
    public Task Retry_after_through_header_names() => Verify.AnalyzerAsync("""
        using Microsoft.Net.Http.Headers;

        class C
        {
            void M(HttpResponse response)
            {
                response.Headers[HeaderNames.RetryAfter] = "10";
                response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            }
        }
        """);

    // Fixes

    [Fact]
    public Task Fix_on_rejected_status() => Verify.CodeFixAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddRateLimiter(options =>
        {
            options.OnRejected = (context, token) =>
            {
                [|context.HttpContext.Response.StatusCode = 429|];
                return ValueTask.CompletedTask;
            };
        });
        builder.Build().Run();
        """, """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddRateLimiter(options =>
        {
            options.OnRejected = (context, token) =>
            {
                if (context.Lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.NumberFormatInfo.InvariantInfo);
                }
                context.HttpContext.Response.StatusCode = 429;
                return ValueTask.CompletedTask;
            };
        });
        builder.Build().Run();
        """);

    [Fact]
    public Task Fix_adds_on_rejected() => Verify.CodeFixAsync("""
        using System.Globalization;
        using System.Threading.RateLimiting;
        using Microsoft.AspNetCore.RateLimiting;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.[|AddRateLimiter|](options =>
        {
            options.AddFixedWindowLimiter("api", o => { o.PermitLimit = 10; o.Window = TimeSpan.FromSeconds(1); });
        });
        builder.Build().Run();
        """, """
        using System.Globalization;
        using System.Threading.RateLimiting;
        using Microsoft.AspNetCore.RateLimiting;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddRateLimiter(options =>
        {
            options.AddFixedWindowLimiter("api", o => { o.PermitLimit = 10; o.Window = TimeSpan.FromSeconds(1); });
            options.OnRejected = (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(NumberFormatInfo.InvariantInfo);
                }

                return ValueTask.CompletedTask;
            };
        });
        builder.Build().Run();
        """);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync("""
        using System.Globalization;
        using System.Threading.RateLimiting;
        using Microsoft.AspNetCore.RateLimiting;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.[|AddRateLimiter|](options => options.AddConcurrencyLimiter("a", o => o.PermitLimit = 1));
        builder.Services.[|AddRateLimiter|](options => options.AddConcurrencyLimiter("b", o => o.PermitLimit = 2));
        builder.Build().Run();
        """, """
        using System.Globalization;
        using System.Threading.RateLimiting;
        using Microsoft.AspNetCore.RateLimiting;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddRateLimiter(options =>
        {
            options.AddConcurrencyLimiter("a", o => o.PermitLimit = 1);
            options.OnRejected = (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(NumberFormatInfo.InvariantInfo);
                }

                return ValueTask.CompletedTask;
            };
        });
        builder.Services.AddRateLimiter(options =>
        {
            options.AddConcurrencyLimiter("b", o => o.PermitLimit = 2);
            options.OnRejected = (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(NumberFormatInfo.InvariantInfo);
                }

                return ValueTask.CompletedTask;
            };
        });
        builder.Build().Run();
        """);

    [Fact]
    public Task No_fix_without_a_lease() => Verify.NoCodeFixAsync("""
        class C
        {
            IResult M() => Results.[|StatusCode|](503);
        }
        """);
}
