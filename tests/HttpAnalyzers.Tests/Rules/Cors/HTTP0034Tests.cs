using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Cors;

public class HTTP0034Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.CorsHeadersWithoutPreflight);

    [Fact]
    public Task App_Use_lambda() => Verify.AnalyzerAsync("""
        var app = WebApplication.CreateBuilder(args).Build();
        app.Use(async (context, next) =>
        {
            {|#0:context.Response.Headers["Access-Control-Allow-Origin"] = "https://app.example.com"|};
            context.Response.Headers["Access-Control-Allow-Methods"] = "GET, POST";
            await next(context);
        });
        app.MapPost("/orders", () => Results.Ok());
        app.Run();
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("'Access-Control-Allow-Origin' is set by hand but nothing in the app answers a preflight OPTIONS request, so browsers never send cross-origin requests with a JSON body, custom headers, PUT or DELETE; use AddCors and UseCors"));

    [Fact]
    public Task Middleware_class() => Verify.AnalyzerAsync("""
        public class AllowFrontendMiddleware(RequestDelegate next)
        {
            public Task InvokeAsync(HttpContext context)
            {
                [|context.Response.Headers.AccessControlAllowOrigin = "https://app.example.com"|];
                return next(context);
            }
        }
        """);

    [Fact]
    public Task Mvc_filter() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc.Filters;

        public class CorsHeaderFilter : ActionFilterAttribute
        {
            public override void OnResultExecuting(ResultExecutingContext context)
                => [|context.HttpContext.Response.Headers.Append("Access-Control-Allow-Origin", "https://app.example.com")|];
        }
        """);

    [Fact]
    public Task Minimal_api_handler() => Verify.AnalyzerAsync("""
        using Microsoft.Net.Http.Headers;

        public static class Orders
        {
            public static IResult Get(HttpResponse response)
            {
                [|response.Headers[HeaderNames.AccessControlAllowOrigin] = "https://app.example.com"|];
                return Results.Ok();
            }
        }
        """);

    [Fact]
    public Task No_fix_offered() => Verify.NoCodeFixAsync("""
        public class AllowFrontendMiddleware(RequestDelegate next)
        {
            public Task InvokeAsync(HttpContext context)
            {
                [|context.Response.Headers.AccessControlAllowOrigin = "https://app.example.com"|];
                return next(context);
            }
        }
        """);

    // Near misses.

    [Fact]
    public Task Middleware_answers_OPTIONS() => Verify.AnalyzerAsync("""
        public class AllowFrontendMiddleware(RequestDelegate next)
        {
            public Task InvokeAsync(HttpContext context)
            {
                context.Response.Headers.AccessControlAllowOrigin = "https://app.example.com";
                if (HttpMethods.IsOptions(context.Request.Method))
                {
                    context.Response.Headers.AccessControlAllowMethods = "GET, POST, PUT";
                    context.Response.StatusCode = StatusCodes.Status204NoContent;
                    return Task.CompletedTask;
                }

                return next(context);
            }
        }
        """);

    [Fact]
    public Task Method_compared_with_OPTIONS_in_another_file() => Verify.AnalyzerAsync([
        """
        public class AllowFrontendMiddleware(RequestDelegate next)
        {
            public Task InvokeAsync(HttpContext context)
            {
                context.Response.Headers.AccessControlAllowOrigin = "https://app.example.com";
                return next(context);
            }
        }
        """,
        """
        public class PreflightMiddleware(RequestDelegate next)
        {
            public Task InvokeAsync(HttpContext context)
                => {|HTTP0052:context.Request.Method == "OPTIONS"|} ? Task.CompletedTask : next(context);
        }
        """]);

    [Fact]
    public Task MapMethods_OPTIONS_answers_elsewhere() => Verify.AnalyzerAsync("""
        var app = WebApplication.CreateBuilder(args).Build();
        app.MapMethods("/{**path}", new[] { "OPTIONS" }, (HttpContext c) =>
        {
            c.Response.Headers.AccessControlAllowOrigin = "https://app.example.com";
            c.Response.Headers.AccessControlAllowMethods = "GET, POST";
            return Results.NoContent();
        });
        app.MapPost("/orders", (HttpContext c) =>
        {
            c.Response.Headers.AccessControlAllowOrigin = "https://app.example.com";
            return Results.Ok();
        });
        app.Run();
        """);

    [Fact]
    public Task HttpOptions_action() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        [ApiController, Route("orders")]
        public class OrdersController : ControllerBase
        {
            [HttpOptions] public IActionResult Preflight() => NoContent();

            [HttpPost]
            public IActionResult Create()
            {
                Response.Headers.AccessControlAllowOrigin = "https://app.example.com";
                return Ok();
            }
        }
        """);

    [Fact]
    public Task UseCors_in_the_pipeline() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();
        var app = builder.Build();
        app.UseCors(p => p.WithOrigins("https://app.example.com"));
        app.MapGet("/file", (HttpContext c) =>
        {
            c.Response.Headers.AccessControlAllowOrigin = "https://app.example.com";
            return Results.Ok();
        });
        app.Run();
        """);

    [Fact]
    public Task Only_allow_methods_set() => Verify.AnalyzerAsync("""
        public class AllowMethodsMiddleware(RequestDelegate next)
        {
            public Task InvokeAsync(HttpContext context)
            {
                context.Response.Headers.AccessControlAllowMethods = "GET";
                context.Response.Headers["X-Origin"] = "https://app.example.com";
                return next(context);
            }
        }
        """);

    [Fact]
    public Task Static_files_need_no_preflight() => Verify.AnalyzerAsync("""
        var app = WebApplication.CreateBuilder(args).Build();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.Append("Access-Control-Allow-Origin", "*"),
        });
        app.Run();
        """);
}
