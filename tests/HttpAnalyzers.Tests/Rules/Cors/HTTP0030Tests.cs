using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Cors;

public class HTTP0030Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.CorsAnyOriginWithCredentials);

    [Fact]
    public Task Any_origin_with_credentials_in_AddPolicy_minimal_hosting() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.AllowAnyOrigin().AllowAnyHeader().[|AllowCredentials()|]));
        var app = builder.Build();
        app.UseCors("Frontend");
        app.MapGet("/", () => "hi");
        app.Run();
        """);

    [Fact]
    public Task Message_names_the_call_and_the_exception() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Cors.Infrastructure;
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin().{|#0:AllowCredentials()|}));
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("AllowCredentials() is combined with AllowAnyOrigin() in the same policy, so building the policy throws InvalidOperationException and no CORS request succeeds"));

    [Fact]
    public Task Star_origin_with_credentials_in_block_lambda() => Verify.AnalyzerAsync("""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddCors(options =>
                {
                    options.AddPolicy("api", policy =>
                    {
                        policy.WithOrigins("*");
                        policy.[|AllowCredentials()|];
                    });
                });
            }
        }
        """);

    [Fact]
    public Task Always_true_predicate_with_credentials() => Verify.AnalyzerAsync("""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.SetIsOriginAllowed(_ => true).AllowAnyMethod().[|AllowCredentials()|]));
        }
        """);

    [Fact]
    public Task Always_true_method_group_with_credentials() => Verify.AnalyzerAsync("""
        class Startup
        {
            private static bool AnyOrigin(string origin) => true;

            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.SetIsOriginAllowed(AnyOrigin).[|AllowCredentials()|]));
        }
        """);

    [Fact]
    public Task Helper_method_adds_credentials() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Cors.Infrastructure;
        static class CorsSetup
        {
            public static void AddFrontend(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => { b.AllowAnyOrigin(); WithCookies(b); }));

            private static void WithCookies(CorsPolicyBuilder builder) => builder.[|AllowCredentials()|];
        }
        """);

    [Fact]
    public Task Method_group_policy() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Cors.Infrastructure;
        static class CorsSetup
        {
            public static void AddFrontend(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", Configure));

            private static void Configure(CorsPolicyBuilder builder) => builder.AllowAnyOrigin().[|AllowCredentials()|];
        }
        """);

    [Fact]
    public Task UseCors_inline_policy() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();
        var app = builder.Build();
        app.UseCors(p => p.AllowAnyOrigin().[|AllowCredentials()|]);
        app.Run();
        """);

    [Fact]
    public Task Hand_written_star_with_credentials() => Verify.AnalyzerAsync("""
        class CorsMiddleware(RequestDelegate next)
        {
            public Task InvokeAsync(HttpContext context)
            {
                if (HttpMethods.IsOptions(context.Request.Method)) { context.Response.StatusCode = 204; return Task.CompletedTask; }
                context.Response.Headers["Access-Control-Allow-Origin"] = "*";
                [|context.Response.Headers["Access-Control-Allow-Credentials"] = "true"|];
                return next(context);
            }
        }
        """);

    [Fact]
    public Task Hand_written_unchecked_echo_with_credentials() => Verify.AnalyzerAsync("""
        var app = WebApplication.CreateBuilder(args).Build();
        app.Use(async (context, next) =>
        {
            var origin = context.Request.Headers.Origin.ToString();
            if (!string.IsNullOrEmpty(origin))
            {
                context.Response.Headers.AccessControlAllowOrigin = origin;
                context.Response.Headers.Vary = "Origin";
                [|context.Response.Headers.Append("Access-Control-Allow-Credentials", "true")|];
            }
            if (HttpMethods.IsOptions(context.Request.Method)) { context.Response.StatusCode = 204; return; }
            await next(context);
        });
        app.Run();
        """);

    // Near misses.

    [Fact]
    public Task Listed_origins_with_credentials() => Verify.AnalyzerAsync("""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.WithOrigins("https://app.example.com").AllowCredentials()));
        }
        """);

    [Fact]
    public Task Star_origin_without_credentials() => Verify.AnalyzerAsync("""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.WithOrigins("*").AllowAnyHeader()));
        }
        """);

    [Fact]
    public Task Any_origin_and_credentials_in_different_policies() => Verify.AnalyzerAsync("""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o =>
                {
                    o.AddPolicy("public", b => b.AllowAnyOrigin());
                    o.AddPolicy("app", b => b.WithOrigins("https://app.example.com").AllowCredentials());
                });
        }
        """);

    [Fact]
    public Task Any_origin_and_credentials_in_different_branches() => Verify.AnalyzerAsync("""
        class Startup(IWebHostEnvironment env)
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddDefaultPolicy(b =>
                {
                    if (env.IsDevelopment())
                    {
                        b.AllowAnyOrigin();
                    }
                    else
                    {
                        b.WithOrigins("https://app.example.com").AllowCredentials();
                    }
                }));
        }
        """);

    [Fact]
    public Task Checking_predicate_with_credentials() => Verify.AnalyzerAsync("""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.SetIsOriginAllowed(origin => new Uri(origin).Host.EndsWith(".example.com")).AllowCredentials()));
        }
        """);

    [Fact]
    public Task Helper_shared_by_two_policies_only_one_with_any_origin() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Cors.Infrastructure;
        static class CorsSetup
        {
            public static void Add(IServiceCollection services)
                => services.AddCors(o =>
                {
                    o.AddPolicy("a", b => { b.AllowAnyOrigin(); Common(b); });
                    o.AddPolicy("b", b => { b.WithOrigins("https://app.example.com"); Common(b); b.AllowCredentials(); });
                });

            private static void Common(CorsPolicyBuilder builder) => builder.AllowAnyHeader();
        }
        """);

    [Fact]
    public Task Hand_written_allow_list_echo_with_credentials() => Verify.AnalyzerAsync("""
        class CorsFilter(string[] allowed) : Microsoft.AspNetCore.Mvc.Filters.IActionFilter
        {
            public void OnActionExecuting(Microsoft.AspNetCore.Mvc.Filters.ActionExecutingContext context)
            {
                var origin = context.HttpContext.Request.Headers.Origin.ToString();
                if (allowed.Contains(origin))
                {
                    context.HttpContext.Response.Headers.AccessControlAllowOrigin = origin;
                    context.HttpContext.Response.Headers.Vary = "Origin";
                    context.HttpContext.Response.Headers.AccessControlAllowCredentials = "true";
                }
            }

            public void OnActionExecuted(Microsoft.AspNetCore.Mvc.Filters.ActionExecutedContext context) { }

            [Microsoft.AspNetCore.Mvc.HttpOptions]
            public void Preflight() { }
        }
        """);

    [Fact]
    public Task Hand_written_star_without_credentials() => Verify.AnalyzerAsync("""
        class Handler
        {
            public static IResult Get(HttpContext context)
            {
                context.Response.Headers.AccessControlAllowOrigin = "*";
                context.Response.Headers["Access-Control-Allow-Credentials"] = "false";
                return Results.Ok();
            }

            public static bool IsPreflight(HttpRequest request) => {|HTTP0052:request.Method == "OPTIONS"|};
        }
        """);

    // Fixes.

    [Fact]
    public Task Fix_removes_chained_AllowCredentials() => Verify.CodeFixAsync("""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b
                    .AllowAnyOrigin()
                    .[|AllowCredentials()|]
                    .AllowAnyHeader()));
        }
        """, """
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b
                    .AllowAnyOrigin()
                    .AllowAnyHeader()));
        }
        """);

    [Fact]
    public Task Fix_removes_AllowCredentials_statement() => Verify.CodeFixAsync("""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddCors(options =>
                {
                    options.AddPolicy("api", policy =>
                    {
                        policy.WithOrigins("*");
                        policy.[|AllowCredentials()|];
                        policy.AllowAnyHeader();
                    });
                });
            }
        }
        """, """
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddCors(options =>
                {
                    options.AddPolicy("api", policy =>
                    {
                        policy.WithOrigins("*");
                        policy.AllowAnyHeader();
                    });
                });
            }
        }
        """);

    [Fact]
    public Task Fix_removes_hand_written_credentials_header() => Verify.CodeFixAsync("""
        class CorsMiddleware(RequestDelegate next)
        {
            public Task InvokeAsync(HttpContext context)
            {
                if (HttpMethods.IsOptions(context.Request.Method)) { context.Response.StatusCode = 204; return Task.CompletedTask; }
                context.Response.Headers["Access-Control-Allow-Origin"] = "*";
                [|context.Response.Headers["Access-Control-Allow-Credentials"] = "true"|];
                return next(context);
            }
        }
        """, """
        class CorsMiddleware(RequestDelegate next)
        {
            public Task InvokeAsync(HttpContext context)
            {
                if (HttpMethods.IsOptions(context.Request.Method)) { context.Response.StatusCode = 204; return Task.CompletedTask; }
                context.Response.Headers["Access-Control-Allow-Origin"] = "*";
                return next(context);
            }
        }
        """);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync("""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o =>
                {
                    o.AddPolicy("a", b => b.AllowAnyOrigin().[|AllowCredentials()|]);
                    o.AddPolicy("b", b => b.SetIsOriginAllowed(_ => true).[|AllowCredentials()|]);
                });
        }
        """, """
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o =>
                {
                    o.AddPolicy("a", b => b.AllowAnyOrigin());
                    o.AddPolicy("b", b => b.SetIsOriginAllowed(_ => true));
                });
        }
        """);

    [Fact]
    public Task New_policy_builder() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Cors.Infrastructure;
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", new CorsPolicyBuilder().AllowAnyOrigin().[|AllowCredentials()|].Build()));
        }
        """);

    [Fact]
    public Task RequireCors_inline_policy_on_route_group() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();
        var app = builder.Build();
        app.UseCors();
        app.MapGroup("/api").RequireCors(p => p.WithOrigins("*").[|AllowCredentials()|]);
        app.Run();
        """);

    [Fact]
    public Task Two_builders_in_one_method() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Cors.Infrastructure;
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                var open = new CorsPolicyBuilder().AllowAnyOrigin();
                var cookies = new CorsPolicyBuilder("https://app.example.com").AllowCredentials();
                services.AddCors(o =>
                {
                    o.AddPolicy("open", open.Build());
                    o.AddPolicy("cookies", cookies.Build());
                });
            }
        }
        """);

    [Fact]
    public Task Message_for_hand_written_headers() => Verify.AnalyzerAsync("""
        class CorsMiddleware(RequestDelegate next)
        {
            public Task InvokeAsync(HttpContext context)
            {
                if (HttpMethods.IsOptions(context.Request.Method)) { context.Response.StatusCode = 204; return Task.CompletedTask; }
                context.Response.Headers.AccessControlAllowOrigin = context.Request.Headers.Origin;
                context.Response.Headers.Vary = "Origin";
                {|#0:context.Response.Headers.AccessControlAllowCredentials = "true"|};
                return next(context);
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("'Access-Control-Allow-Credentials: true' is combined with an 'Access-Control-Allow-Origin' that echoes the request's Origin unchecked, so any web site can send credentialed requests as the signed-in user and read the responses"));

    [Fact]
    public Task Hand_written_star_and_credentials_in_different_branches() => Verify.AnalyzerAsync("""
        class CorsMiddleware(RequestDelegate next)
        {
            public Task InvokeAsync(HttpContext context)
            {
                if (HttpMethods.IsOptions(context.Request.Method)) { context.Response.StatusCode = 204; return Task.CompletedTask; }
                if (context.Request.Path.StartsWithSegments("/public"))
                {
                    context.Response.Headers.AccessControlAllowOrigin = "*";
                }
                else
                {
                    context.Response.Headers.AccessControlAllowOrigin = "https://app.example.com";
                    context.Response.Headers.AccessControlAllowCredentials = "true";
                }

                return next(context);
            }
        }
        """);

    [Fact]
    public Task Fix_removes_top_level_statement() => Verify.CodeFixAsync("""
        using Microsoft.AspNetCore.Cors.Infrastructure;

        var policy = new CorsPolicyBuilder();
        policy.AllowAnyOrigin();
        policy.[|AllowCredentials()|];
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddDefaultPolicy(policy.Build()));
        var app = builder.Build();
        app.UseCors();
        app.Run();
        """, """
        using Microsoft.AspNetCore.Cors.Infrastructure;

        var policy = new CorsPolicyBuilder();
        policy.AllowAnyOrigin();
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddDefaultPolicy(policy.Build()));
        var app = builder.Build();
        app.UseCors();
        app.Run();
        """);

    [Fact]
    public Task No_fix_when_the_lambda_body_is_the_call() => Verify.NoCodeFixAsync("""
        using Microsoft.AspNetCore.Cors.Infrastructure;
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => { b.AllowAnyOrigin(); Credentials(b); }));

            private static void Credentials(CorsPolicyBuilder b) => b.[|AllowCredentials()|];
        }
        """);

    [Fact]
    public Task Star_in_constructor_and_credentials_on_the_local() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Cors.Infrastructure;
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                var policy = new CorsPolicyBuilder("*").AllowAnyHeader();
                policy.[|AllowCredentials()|];
                services.AddCors(o => o.AddDefaultPolicy(policy.Build()));
            }
        }
        """);

    [Fact]
    public Task Hand_written_with_dictionary_Add() => Verify.AnalyzerAsync("""
        public class LegacyCorsMiddleware(RequestDelegate next)
        {
            public async Task Invoke(HttpContext context)
            {
                context.Response.Headers.Add("Access-Control-Allow-Origin", "*");
                [|context.Response.Headers.Add("Access-Control-Allow-Credentials", "true")|];
                if ({|HTTP0052:context.Request.Method == "OPTIONS"|})
                {
                    context.Response.StatusCode = 200;
                    return;
                }

                await next(context);
            }
        }
        """);

    [Fact]
    public Task SignalR_style_predicate() => Verify.AnalyzerAsync("""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(options => options.AddPolicy("CorsPolicy", builder => builder
                    .AllowAnyMethod()
                    .AllowAnyHeader()
                    .[|AllowCredentials()|]
                    .SetIsOriginAllowed((host) => { return true; })));
        }
        """);

    [Fact]
    public Task Always_false_predicate_with_credentials() => Verify.AnalyzerAsync("""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.SetIsOriginAllowed(_ => false).AllowCredentials()));
        }
        """);

    [Fact]
    public Task Checking_method_group_with_credentials() => Verify.AnalyzerAsync("""
        class Startup
        {
            private static readonly HashSet<string> Allowed = new() { "https://app.example.com" };

            private static bool IsAllowed(string origin) => Allowed.Contains(origin);

            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.SetIsOriginAllowed(IsAllowed).AllowCredentials()));
        }
        """);

    [Fact]
    public Task Wildcard_subdomains_with_credentials() => Verify.AnalyzerAsync("""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b
                    .WithOrigins("https://*.example.com")
                    .SetIsOriginAllowedToAllowWildcardSubdomains()
                    .AllowCredentials()));
        }
        """);

    [Fact]
    public Task Hand_written_star_and_credentials_in_different_methods() => Verify.AnalyzerAsync("""
        public static class Headers
        {
            public static void Public(HttpResponse response) => response.Headers.AccessControlAllowOrigin = "*";

            public static void Private(HttpResponse response)
            {
                response.Headers.AccessControlAllowOrigin = "https://app.example.com";
                response.Headers.AccessControlAllowCredentials = "true";
            }

            public static bool IsPreflight(HttpRequest request) => HttpMethods.IsOptions(request.Method);
        }
        """);

    [Fact]
    public Task Hand_written_echo_compared_with_constant() => Verify.AnalyzerAsync("""
        public static class Handlers
        {
            public static IResult Get(HttpContext context)
            {
                var origin = context.Request.Headers.Origin;
                if (origin == "https://app.example.com")
                {
                    context.Response.Headers.AccessControlAllowOrigin = origin;
                    context.Response.Headers.Vary = "Origin";
                    context.Response.Headers.AccessControlAllowCredentials = "true";
                }

                return HttpMethods.IsOptions(context.Request.Method) ? Results.NoContent() : Results.Ok();
            }
        }
        """);

    [Fact]
    public Task Hand_written_echo_checked_with_pattern() => Verify.AnalyzerAsync("""
        using System.Text.RegularExpressions;

        public static class Handlers
        {
            public static IResult Get(HttpContext context)
            {
                string origin = context.Request.Headers.Origin.ToString();
                if (Regex.IsMatch(origin, @"^https://[a-z]+\.example\.com$"))
                {
                    context.Response.Headers.AccessControlAllowOrigin = origin;
                    context.Response.Headers.Vary = "Origin";
                    context.Response.Headers.AccessControlAllowCredentials = "true";
                }

                return HttpMethods.IsOptions(context.Request.Method) ? Results.NoContent() : Results.Ok();
            }
        }
        """);

    [Fact]
    public Task Hand_written_TryGetValue_echo_with_credentials() => Verify.AnalyzerAsync("""
        public class EchoMiddleware(RequestDelegate next)
        {
            public Task InvokeAsync(HttpContext context)
            {
                if (context.Request.Headers.TryGetValue("Origin", out var origin))
                {
                    context.Response.Headers.Append("Access-Control-Allow-Origin", origin);
                    context.Response.Headers.Append("Vary", "Origin");
                    [|context.Response.Headers.Append("Access-Control-Allow-Credentials", "true")|];
                }

                return HttpMethods.IsOptions(context.Request.Method) ? Task.CompletedTask : next(context);
            }
        }
        """);

    [Fact]
    public Task Hand_written_echo_checked_through_Uri() => Verify.AnalyzerAsync("""
        public class EchoMiddleware(RequestDelegate next)
        {
            public Task InvokeAsync(HttpContext context)
            {
                var origin = context.Request.Headers.Origin.ToString();
                if (origin.Length > 0 && new Uri(origin).Host.EndsWith(".example.com", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers.Append("Access-Control-Allow-Origin", origin);
                    context.Response.Headers.Append("Vary", "Origin");
                    context.Response.Headers.Append("Access-Control-Allow-Credentials", "true");
                }

                return HttpMethods.IsOptions(context.Request.Method) ? Task.CompletedTask : next(context);
            }
        }
        """);
}
