using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Semantics;

public class HTTP0052Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.MethodComparedWithLiteral);

    // Positive: one per shape.

    [Fact]
    public Task Equality_in_middleware_class() => Verify.AnalyzerAsync("""
        public class AuditMiddleware(RequestDelegate next)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                if ({|#0:context.Request.Method == "POST"|})
                {
                    context.Items["audit"] = true;
                }

                await next(context);
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("The HTTP method is compared with \"POST\" as a plain, case-sensitive string; use HttpMethods.IsPost (case-insensitive, interned constants compared first)"));

    [Fact]
    public Task Inequality_in_middleware_lambda() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.Use(async (context, next) =>
        {
            if ([|context.Request.Method != "GET"|])
            {
                context.Response.Headers.CacheControl = "no-store";
            }

            await next(context);
        });
        app.Run();
        """);

    [Fact]
    public Task Literal_on_the_left_in_controller() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        public class OrdersController : ControllerBase
        {
            [AcceptVerbs("GET", "HEAD")]
            public IActionResult Index() => [|"HEAD" == Request.Method|] ? Ok() : Ok("orders");
        }
        """);

    [Fact]
    public Task Instance_and_static_Equals_without_comparison() => Verify.AnalyzerAsync("""
        public class Filter : IEndpointFilter
        {
            public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
            {
                var request = context.HttpContext.Request;
                if ([|request.Method.Equals("DELETE")|] || [|string.Equals("PUT", request.Method)|])
                {
                    return Results.BadRequest();
                }

                return await next(context);
            }
        }
        """);

    [Fact]
    public Task Local_alias_in_page_handler() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc.RazorPages;

        public class IndexModel : PageModel
        {
            public void OnGet()
            {
                var method = Request.Method;
                ViewData["head"] = [|method == "HEAD"|];
            }
        }
        """);

    [Fact]
    public Task Switch_statement_reported_at_governing_expression() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        var api = app.MapGroup("/api");
        api.Map("/orders", (HttpRequest request) =>
        {
            switch ({|#0:request.Method|})
            {
                case "GET":
                    return Results.Ok();
                case "POST":
                case "PUT":
                    return Results.Accepted();
                default:
                    return Results.StatusCode(405);
            }
        });
        app.Run();
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("The HTTP method is compared with \"GET\", \"POST\", \"PUT\" as a plain, case-sensitive string; use HttpMethods.GetCanonicalizedValue (case-insensitive, interned constants compared first)"));

    [Fact]
    public Task Switch_expression() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.Map("/orders", (HttpContext context) => [|context.Request.Method|] switch
        {
            "GET" or "HEAD" => "read",
            "DELETE" => "delete",
            _ => "other",
        });
        app.Run();
        """);

    [Fact]
    public Task Is_pattern_reported_at_the_pattern() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc.Filters;

        public class UnsafeMethodFilter : IActionFilter
        {
            public void OnActionExecuting(ActionExecutingContext context)
            {
                if (context.HttpContext.Request.Method is {|#0:"POST" or "PUT" or "PATCH"|})
                {
                    context.HttpContext.Items["unsafe"] = true;
                }
            }

            public void OnActionExecuted(ActionExecutedContext context) { }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("The HTTP method is compared with \"POST\", \"PUT\", \"PATCH\" as a plain, case-sensitive string; use the HttpMethods.Is… helpers (case-insensitive, interned constants compared first)"));

    [Fact]
    public Task Property_pattern_reported_at_the_subpattern() => Verify.AnalyzerAsync("""
        public class AuditMiddleware(RequestDelegate next)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                if (context.Request is { Method: {|#0:"POST"|}, ContentLength: > 0 })
                {
                    context.Items["audit"] = true;
                }

                await next(context);
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("The HTTP method is compared with \"POST\" as a plain, case-sensitive string; use the HttpMethods.Is… helpers (case-insensitive, interned constants compared first)"));

    [Fact]
    public Task Extended_property_pattern_in_controller() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        public class OrdersController : ControllerBase
        {
            [AcceptVerbs("GET", "HEAD")]
            public IActionResult Index() => HttpContext is { Request.Method: [|"HEAD"|] } ? Ok() : Ok("orders");
        }
        """);

    [Fact]
    public Task Property_pattern_in_switch_arm() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.Map("/orders", (HttpRequest request) => request switch
        {
            { Method: [|"GET" or "HEAD"|] } => "read",
            { ContentLength: 0 } => "empty",
            _ => "write",
        });
        app.Run();
        """);

    [Fact]
    public Task Method_without_a_helper() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.Use(async (context, next) =>
        {
            if ({|#0:context.Request.Method == "PROPFIND"|})
            {
                context.Response.StatusCode = 405;
                return;
            }

            await next(context);
        });
        app.Run();
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("The HTTP method is compared with \"PROPFIND\" as a plain, case-sensitive string; use HttpMethods.Equals (case-insensitive, interned constants compared first)"));

    // Negative: the safe variants.

    [Fact]
    public Task HttpMethods_helpers_are_not_reported() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) || HttpMethods.Equals(context.Request.Method, "PROPFIND"))
            {
                context.Items["write"] = true;
            }

            await next(context);
        });
        app.Run();
        """);

    [Fact]
    public Task Comparison_with_HttpMethods_constants_is_not_reported() => Verify.AnalyzerAsync("""
        public class AuditMiddleware(RequestDelegate next)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                if (context.Request.Method == HttpMethods.Post || context.Request.Method.Equals(HttpMethods.Put))
                {
                    context.Items["audit"] = true;
                }

                await next(context);
            }
        }
        """);

    [Fact]
    public Task Explicit_StringComparison_is_not_reported() => Verify.AnalyzerAsync("""
        public class AuditMiddleware(RequestDelegate next)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                var method = context.Request.Method;
                if (method.Equals("POST", StringComparison.OrdinalIgnoreCase) ||
                    string.Equals(method, "PUT", StringComparison.Ordinal) ||
                    string.Equals("PATCH", method, StringComparison.OrdinalIgnoreCase))
                {
                    context.Items["audit"] = true;
                }

                await next(context);
            }
        }
        """);

    [Fact]
    public Task Client_side_method_strings_are_not_reported() => Verify.AnalyzerAsync("""
        public class Sender
        {
            public bool IsGet(HttpRequestMessage request) => request.Method.Method == "GET" || request.Method == HttpMethod.Get;
        }
        """);

    [Fact]
    public Task Other_request_strings_are_not_reported() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        public class OrdersController : ControllerBase
        {
            public IActionResult Index() => Request.Scheme == "https" && Request.Protocol is "HTTP/2" ? Ok() : NoContent();
        }
        """);

    [Fact]
    public Task A_reassigned_local_is_not_an_alias() => Verify.AnalyzerAsync("""
        public class AuditMiddleware(RequestDelegate next)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                var method = context.Request.Method;
                if (context.Request.Headers.TryGetValue("X-HTTP-Method-Override", out var overridden))
                {
                    method = overridden.ToString();
                }

                if (method == "DELETE")
                {
                    context.Items["delete"] = true;
                }

                await next(context);
            }
        }
        """);

    [Fact]
    public Task Switch_on_canonicalized_value_is_not_reported() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.Map("/orders", (HttpContext context) => HttpMethods.GetCanonicalizedValue(context.Request.Method) switch
        {
            "GET" => "read",
            _ => "other",
        });
        app.Run();
        """);

    [Fact]
    public Task Switch_without_string_labels_is_not_reported() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.Map("/orders", (HttpContext context) => context.Request.Method switch
        {
            var m when HttpMethods.IsGet(m) => "read",
            _ => "other",
        });
        app.Run();
        """);

    [Fact]
    public Task Null_pattern_is_not_reported() => Verify.AnalyzerAsync("""
        public class AuditMiddleware(RequestDelegate next)
        {
            public Task InvokeAsync(HttpContext context) => context.Request.Method is null or { Length: 0 } ? Task.CompletedTask : next(context);
        }
        """);

    // Fixes.

    [Fact]
    public Task Fix_equality_and_inequality() => Verify.CodeFixAsync("""
        public class AuditMiddleware(RequestDelegate next)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                if ([|context.Request.Method == "POST"|] && [|context.Request.Method != "get"|])
                {
                    context.Items["audit"] = true;
                }

                await next(context);
            }
        }
        """, """
        public class AuditMiddleware(RequestDelegate next)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                if (HttpMethods.IsPost(context.Request.Method) && !HttpMethods.IsGet(context.Request.Method))
                {
                    context.Items["audit"] = true;
                }

                await next(context);
            }
        }
        """);

    [Fact]
    public Task Fix_all_comparisons() => Verify.FixAllAsync("""
        public class AuditMiddleware(RequestDelegate next)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                var method = context.Request.Method;
                if ([|method != "GET"|] && ![|method.Equals("HEAD")|] || [|"PROPFIND" == method|])
                {
                    context.Items["audit"] = [|string.Equals(method, "DELETE")|];
                }

                await next(context);
            }
        }
        """, """
        public class AuditMiddleware(RequestDelegate next)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                var method = context.Request.Method;
                if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) || HttpMethods.Equals(method, "PROPFIND"))
                {
                    context.Items["audit"] = HttpMethods.IsDelete(method);
                }

                await next(context);
            }
        }
        """);

    [Fact]
    public Task Fix_is_pattern() => Verify.FixAllAsync("""
        public class AuditMiddleware(RequestDelegate next)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                var request = context.Request;
                if (request.ContentLength > 0 && request.Method is [|"POST" or "PUT"|])
                {
                    context.Items["body"] = true;
                }

                if (request.Method is [|not ("GET" or "HEAD")|])
                {
                    context.Items["unsafe"] = true;
                }

                await next(context);
            }
        }
        """, """
        public class AuditMiddleware(RequestDelegate next)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                var request = context.Request;
                if (request.ContentLength > 0 && (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method)))
                {
                    context.Items["body"] = true;
                }

                if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
                {
                    context.Items["unsafe"] = true;
                }

                await next(context);
            }
        }
        """);

    [Fact]
    public Task Fix_switch_statement_and_expression() => Verify.FixAllAsync("""
        var app = WebApplication.Create();
        app.Map("/a", (HttpRequest request) =>
        {
            switch ([|request.Method|])
            {
                case "get":
                    return Results.Ok();
                case "POST":
                    return Results.Accepted();
                default:
                    return Results.StatusCode(405);
            }
        });
        app.Map("/b", (HttpContext context) => [|context.Request.Method|] switch
        {
            "GET" or "Head" => "read",
            _ => "other",
        });
        app.Run();
        """, """
        var app = WebApplication.Create();
        app.Map("/a", (HttpRequest request) =>
        {
            switch (HttpMethods.GetCanonicalizedValue(request.Method))
            {
                case "GET":
                    return Results.Ok();
                case "POST":
                    return Results.Accepted();
                default:
                    return Results.StatusCode(405);
            }
        });
        app.Map("/b", (HttpContext context) => HttpMethods.GetCanonicalizedValue(context.Request.Method) switch
        {
            "GET" or "HEAD" => "read",
            _ => "other",
        });
        app.Run();
        """);

    [Fact]
    public Task No_fix_for_patterns_with_other_shapes() => Verify.NoCodeFixAsync("""
        public class AuditMiddleware(RequestDelegate next)
        {
            public Task InvokeAsync(HttpContext context) => context.Request.Method is [|"GET" or { Length: 0 }|] ? Task.CompletedTask : next(context);
        }
        """);

    [Fact]
    public Task Fix_property_patterns() => Verify.FixAllAsync("""
        using Microsoft.AspNetCore.Mvc;

        public class OrdersController : ControllerBase
        {
            [AcceptVerbs("GET", "HEAD", "POST")]
            public IActionResult Index()
            {
                if (Request is { Method: [|"POST"|] })
                {
                    return Accepted();
                }

                return HttpContext is { Request.Method: [|not "HEAD"|] } ? Ok("orders") : Ok();
            }
        }
        """, """
        using Microsoft.AspNetCore.Mvc;

        public class OrdersController : ControllerBase
        {
            [AcceptVerbs("GET", "HEAD", "POST")]
            public IActionResult Index()
            {
                if (HttpMethods.IsPost(Request.Method))
                {
                    return Accepted();
                }

                return !HttpMethods.IsHead(HttpContext.Request.Method) ? Ok("orders") : Ok();
            }
        }
        """);

    [Fact]
    public Task No_fix_for_property_patterns_that_also_test_null_or_more() => Verify.NoCodeFixAsync("""
        public class AuditMiddleware(RequestDelegate next, IHttpContextAccessor accessor)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                if (accessor.HttpContext is { Request.Method: [|"POST"|] } || context.Request is { Method: [|"PUT"|], HasFormContentType: true })
                {
                    context.Items["audit"] = true;
                }

                await next(context);
            }
        }
        """);

    [Fact]
    public Task Property_patterns_without_a_method_literal_are_not_reported() => Verify.AnalyzerAsync("""
        public class AuditMiddleware(RequestDelegate next)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                if (context.Request is { Method.Length: > 3 } || context.Request is { Path.Value: "/POST" } || context is { Request.Scheme: "https" })
                {
                    context.Items["audit"] = true;
                }

                await next(context);
            }
        }
        """);

    [Fact]
    public Task Property_pattern_on_another_type_named_Method_is_not_reported() => Verify.AnalyzerAsync("""
        public record Call(string Method);

        public class AuditMiddleware(RequestDelegate next)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                if (context.Items["call"] is Call { Method: "POST" })
                {
                    context.Items["audit"] = true;
                }

                await next(context);
            }
        }
        """);

    // ---- near misses: the method compared without a case-sensitive literal ----

    public static TheoryData<string> SafeComparisons => new()
    {
        "HttpMethods.IsPost(context.Request.Method)",
        "HttpMethods.Equals(context.Request.Method, \"PROPFIND\")",
        "context.Request.Method == HttpMethods.Post",
        "string.Equals(context.Request.Method, \"POST\", StringComparison.OrdinalIgnoreCase)",
        "context.Request.Method.Equals(\"POST\", StringComparison.OrdinalIgnoreCase)",
        "context.Request.Path == \"/POST\"",
        "context.Request.Scheme == \"https\"",
    };

    [Theory]
    [MemberData(nameof(SafeComparisons))]
    public Task Safe_comparison_near_miss(string condition) => Verify.AnalyzerAsync($$"""
        public class AuditMiddleware(RequestDelegate next)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                if ({{condition}})
                {
                    context.Items["audit"] = true;
                }

                await next(context);
            }
        }
        """);
}
