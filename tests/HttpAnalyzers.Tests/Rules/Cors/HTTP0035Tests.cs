using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Cors;

public class HTTP0035Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.CorsOriginEchoWithoutVary);

    [Fact]
    public Task Echo_in_app_Use_lambda() => Verify.AnalyzerAsync("""
        var app = WebApplication.CreateBuilder(args).Build();
        app.Use(async (context, next) =>
        {
            {|#0:context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Origin"]|};
            if (HttpMethods.IsOptions(context.Request.Method)) { context.Response.StatusCode = 204; return; }
            await next(context);
        });
        app.Run();
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("'Access-Control-Allow-Origin' is set from the request's Origin header without 'Vary: Origin', so a cache can serve the response allowed for one origin to another"));

    [Fact]
    public Task Allow_list_echo_in_middleware_class() => Verify.AnalyzerAsync("""
        public class AllowListMiddleware(RequestDelegate next, string[] allowed)
        {
            public Task InvokeAsync(HttpContext context)
            {
                var origin = context.Request.Headers.Origin.ToString();
                if (allowed.Contains(origin))
                {
                    [|context.Response.Headers.Append("Access-Control-Allow-Origin", origin)|];
                }

                if (HttpMethods.IsOptions(context.Request.Method)) { context.Response.StatusCode = 204; return Task.CompletedTask; }
                return next(context);
            }
        }
        """);

    [Fact]
    public Task Value_chosen_from_allow_list_in_filter() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc.Filters;

        public class CorsFilter(string[] allowed) : IResultFilter
        {
            public void OnResultExecuting(ResultExecutingContext context)
            {
                var requested = context.HttpContext.Request.Headers.Origin;
                var match = allowed.FirstOrDefault(a => a == requested);
                if (match is not null)
                {
                    [|context.HttpContext.Response.Headers.AccessControlAllowOrigin = match|];
                }
            }

            public void OnResultExecuted(ResultExecutedContext context) { }

            public static bool IsPreflight(HttpRequest request) => HttpMethods.IsOptions(request.Method);
        }
        """);

    [Fact]
    public Task TryGetValue_echo() => Verify.AnalyzerAsync("""
        public static class Handlers
        {
            public static IResult Get(HttpContext context)
            {
                if (context.Request.Headers.TryGetValue("Origin", out var origin) && origin == "https://app.example.com")
                {
                    [|context.Response.Headers.AccessControlAllowOrigin = origin|];
                }

                return HttpMethods.IsOptions(context.Request.Method) ? Results.NoContent() : Results.Ok();
            }
        }
        """);

    // Near misses.

    [Fact]
    public Task Echo_with_Vary_appended() => Verify.AnalyzerAsync("""
        public class AllowListMiddleware(RequestDelegate next, string[] allowed)
        {
            public Task InvokeAsync(HttpContext context)
            {
                var origin = context.Request.Headers.Origin.ToString();
                if (allowed.Contains(origin))
                {
                    context.Response.Headers.Append("Access-Control-Allow-Origin", origin);
                    context.Response.Headers.Append("Vary", "Origin");
                }

                if (HttpMethods.IsOptions(context.Request.Method)) { context.Response.StatusCode = 204; return Task.CompletedTask; }
                return next(context);
            }
        }
        """);

    [Fact]
    public Task Echo_with_Vary_property_and_HeaderNames() => Verify.AnalyzerAsync("""
        using Microsoft.Net.Http.Headers;

        public static class Handlers
        {
            public static IResult Get(HttpContext context)
            {
                context.Response.Headers.AccessControlAllowOrigin = context.Request.Headers.Origin;
                context.Response.Headers[HeaderNames.Vary] = HeaderNames.Origin;
                return HttpMethods.IsOptions(context.Request.Method) ? Results.NoContent() : Results.Ok();
            }

            public static IResult Put(HttpContext context)
            {
                context.Response.Headers.AccessControlAllowOrigin = context.Request.Headers.Origin;
                context.Response.Headers.Vary = "Accept-Encoding, Origin";
                return Results.Ok();
            }
        }
        """);

    [Fact]
    public Task Fixed_origin_needs_no_Vary() => Verify.AnalyzerAsync("""
        public static class Handlers
        {
            public static IResult Get(HttpContext context, IConfiguration configuration)
            {
                context.Response.Headers.AccessControlAllowOrigin = "https://app.example.com";
                context.Response.Headers.Append("Access-Control-Allow-Origin", configuration["Cors:Origin"]);
                return HttpMethods.IsOptions(context.Request.Method) ? Results.NoContent() : Results.Ok();
            }
        }
        """);

    [Fact]
    public Task Star_needs_no_Vary() => Verify.AnalyzerAsync("""
        public static class Handlers
        {
            public static IResult Get(HttpContext context)
            {
                var origin = context.Request.Headers.Origin;
                context.Response.Headers.AccessControlAllowOrigin = "*";
                return HttpMethods.IsOptions(context.Request.Method) ? Results.NoContent() : Results.Ok();
            }
        }
        """);

    [Fact]
    public Task Vary_value_not_known() => Verify.AnalyzerAsync("""
        public static class Handlers
        {
            public static IResult Get(HttpContext context, string vary)
            {
                context.Response.Headers.AccessControlAllowOrigin = context.Request.Headers.Origin;
                context.Response.Headers.Vary = vary;
                return HttpMethods.IsOptions(context.Request.Method) ? Results.NoContent() : Results.Ok();
            }
        }
        """);

    // Fixes.

    [Fact]
    public Task Fix_adds_Vary_after_indexer_assignment() => Verify.CodeFixAsync("""
        var app = WebApplication.CreateBuilder(args).Build();
        app.Use(async (context, next) =>
        {
            [|context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Origin"]|];
            if (HttpMethods.IsOptions(context.Request.Method)) { context.Response.StatusCode = 204; return; }
            await next(context);
        });
        app.Run();
        """, """
        var app = WebApplication.CreateBuilder(args).Build();
        app.Use(async (context, next) =>
        {
            context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Origin"];
            context.Response.Headers.Append("Vary", "Origin");
            if (HttpMethods.IsOptions(context.Request.Method)) { context.Response.StatusCode = 204; return; }
            await next(context);
        });
        app.Run();
        """);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync("""
        public class AllowListMiddleware(RequestDelegate next, string[] allowed)
        {
            public Task InvokeAsync(HttpContext context)
            {
                var origin = context.Request.Headers.Origin.ToString();
                if (allowed.Contains(origin))
                {
                    [|context.Response.Headers.Append("Access-Control-Allow-Origin", origin)|];
                }

                if (HttpMethods.IsOptions(context.Request.Method)) { context.Response.StatusCode = 204; return Task.CompletedTask; }
                return next(context);
            }

            public static void Echo(HttpResponse response, HttpRequest request)
            {
                [|response.Headers.AccessControlAllowOrigin = request.Headers.Origin|];
            }
        }
        """, """
        public class AllowListMiddleware(RequestDelegate next, string[] allowed)
        {
            public Task InvokeAsync(HttpContext context)
            {
                var origin = context.Request.Headers.Origin.ToString();
                if (allowed.Contains(origin))
                {
                    context.Response.Headers.Append("Access-Control-Allow-Origin", origin);
                    context.Response.Headers.Append("Vary", "Origin");
                }

                if (HttpMethods.IsOptions(context.Request.Method)) { context.Response.StatusCode = 204; return Task.CompletedTask; }
                return next(context);
            }

            public static void Echo(HttpResponse response, HttpRequest request)
            {
                response.Headers.AccessControlAllowOrigin = request.Headers.Origin;
                response.Headers.Append("Vary", "Origin");
            }
        }
        """);

    [Fact]
    public Task Echo_on_the_preflight_path_only() => Verify.AnalyzerAsync("""
        public class PreflightMiddleware(RequestDelegate next, string[] allowed)
        {
            public Task InvokeAsync(HttpContext context)
            {
                var origin = context.Request.Headers.Origin.ToString();
                if (HttpMethods.IsOptions(context.Request.Method) && allowed.Contains(origin))
                {
                    context.Response.Headers.AccessControlAllowOrigin = origin;
                    context.Response.StatusCode = 204;
                    return Task.CompletedTask;
                }

                if ({|HTTP0052:context.Request.Method == "OPTIONS"|})
                {
                    context.Response.Headers["Access-Control-Allow-Origin"] = origin;
                }

                return next(context);
            }
        }
        """);

    [Fact]
    public Task Echo_outside_the_preflight_branch() => Verify.AnalyzerAsync("""
        public class PreflightMiddleware(RequestDelegate next)
        {
            public Task InvokeAsync(HttpContext context)
            {
                if (HttpMethods.IsOptions(context.Request.Method))
                {
                    context.Response.StatusCode = 204;
                    return Task.CompletedTask;
                }
                else
                {
                    [|context.Response.Headers.AccessControlAllowOrigin = context.Request.Headers.Origin|];
                }

                return next(context);
            }
        }
        """);
}
