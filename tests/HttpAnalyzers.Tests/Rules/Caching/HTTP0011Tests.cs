using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Caching;

public class HTTP0011Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.PerUserResponseSharedCacheable);

    private const string MvcUsings = HTTP0010Tests.MvcUsings;

    [Fact]
    public Task Response_cache_default_location_on_authorized_action() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        public class OrdersController : ControllerBase
        {
            [[|ResponseCache|](Duration = 60)]
            public IActionResult Mine() => Ok();
        }
        """);

    [Fact]
    public Task Response_cache_explicit_any() => Verify.AnalyzerAsync(MvcUsings + """

        public class OrdersController : ControllerBase
        {
            [Authorize]
            [ResponseCache(Duration = 60, [|Location = ResponseCacheLocation.Any|])]
            public IActionResult Mine() => Ok();
        }
        """);

    [Fact]
    public Task Response_cache_on_authorized_controller_class() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        [[|ResponseCache|](Duration = 30)]
        public class OrdersController : ControllerBase
        {
            public IActionResult Mine() => Ok();
        }
        """);

    [Fact]
    public Task Response_cache_on_authorized_page_model() => Verify.AnalyzerAsync(MvcUsings + """
        using Microsoft.AspNetCore.Mvc.RazorPages;

        [Authorize]
        [[|ResponseCache|](Duration = 60)]
        public class DashboardModel : PageModel
        {
            public void OnGet()
            {
            }
        }
        """);

    [Fact]
    public Task Response_cache_on_action_that_sets_a_cookie() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        public class PrefsController : ControllerBase
        {
            [[|ResponseCache|](Duration = 60)]
            public IActionResult Get()
            {
                Response.Cookies.Append("seen", "1", new CookieOptions { Secure = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Public_string_in_minimal_api() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapGet("/orders/mine", (HttpResponse response) =>
        {
            response.Headers.CacheControl = [|"public, max-age=60"|];
            return "orders";
        }).RequireAuthorization();
        app.Run();
        """);

    [Fact]
    public Task S_maxage_string() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        public class OrdersController : ControllerBase
        {
            public IActionResult Mine()
            {
                Response.Headers["Cache-Control"] = [|"max-age=0, s-maxage=600"|];
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Typed_public() => Verify.AnalyzerAsync(MvcUsings + """
        using Microsoft.Net.Http.Headers;

        [Authorize]
        public class OrdersController : ControllerBase
        {
            public IActionResult Mine()
            {
                Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { [|Public = true|], MaxAge = TimeSpan.FromMinutes(1) };
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Typed_shared_max_age() => Verify.AnalyzerAsync(MvcUsings + """
        using Microsoft.Net.Http.Headers;

        [Authorize]
        public class OrdersController : ControllerBase
        {
            public IActionResult Mine()
            {
                Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { [|SharedMaxAge = TimeSpan.FromMinutes(5)|] };
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Public_in_handler_that_signs_in() => Verify.AnalyzerAsync("""
        using System.Security.Claims;
        using Microsoft.AspNetCore.Authentication;

        var app = WebApplication.Create();
        app.MapPost("/welcome", async (HttpContext context) =>
        {
            await context.SignInAsync(new ClaimsPrincipal());
            context.Response.Headers.CacheControl = [|"public, max-age=60"|];
        });
        app.Run();
        """);

    [Fact]
    public Task Public_on_handlers_that_sign_in_or_issue_antiforgery_tokens() => Verify.AnalyzerAsync("""
        using System.Security.Claims;
        using Microsoft.AspNetCore.Antiforgery;

        var app = WebApplication.Create();
        app.MapPost("/welcome", (HttpResponse response) =>
        {
            response.Headers.CacheControl = [|"public, max-age=60"|];
            return Results.SignIn(new ClaimsPrincipal());
        });
        app.MapGet("/form", (HttpContext context, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            context.Response.Headers.CacheControl = [|"public, max-age=60"|];
            return Results.Ok(tokens.FormFieldName);
        });
        app.Run();
        """);

    [Fact]
    public Task Message_names_the_directive_and_the_reason() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapGet("/orders/mine", (HttpResponse response) =>
        {
            response.Headers.CacheControl = {|#0:"public, max-age=60"|};
            return "orders";
        }).RequireAuthorization();
        app.Run();
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("'public' lets shared caches (CDNs, proxies) store this response, which requires authorization, and serve it to other users; mark it 'private'"));

    // ---- near-miss negatives ----

    [Fact]
    public Task Response_cache_on_public_endpoint() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        public class ProductsController : ControllerBase
        {
            [ResponseCache(Duration = 60)]
            public IActionResult List() => Ok();
        }
        """);

    [Fact]
    public Task Response_cache_client_location() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        public class OrdersController : ControllerBase
        {
            [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
            public IActionResult Mine() => Ok();
        }
        """);

    [Fact]
    public Task Response_cache_no_store() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        public class OrdersController : ControllerBase
        {
            [ResponseCache(NoStore = true)]
            public IActionResult Mine() => Ok();
        }
        """);

    [Fact]
    public Task Response_cache_profile_not_visible() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        public class OrdersController : ControllerBase
        {
            [ResponseCache(CacheProfileName = "PerUser")]
            public IActionResult Mine() => Ok();
        }
        """);

    [Fact]
    public Task Response_cache_on_allow_anonymous_action() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        public class ProductsController : ControllerBase
        {
            [AllowAnonymous]
            [ResponseCache(Duration = 60)]
            public IActionResult List() => Ok();
        }
        """);

    [Fact]
    public Task Response_cache_on_anonymous_page_model() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.RazorPages;

        [ResponseCache(Duration = 60)]
        public class IndexModel : PageModel
        {
            public void OnGet()
            {
            }
        }
        """);

    [Fact]
    public Task Response_cache_on_non_controller_class() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        [NonController]
        [ResponseCache(Duration = 60)]
        public class HelperController
        {
            [ResponseCache(Duration = 60)]
            public string Describe() => "helper";
        }
        """);

    [Fact]
    public Task Private_string() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapGet("/orders/mine", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "private, max-age=60";
            return "orders";
        }).RequireAuthorization();
        app.Run();
        """);

    [Fact]
    public Task Public_on_anonymous_endpoint() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapGet("/products", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "public, max-age=60";
            return "products";
        });
        app.Run();
        """);

    [Fact]
    public Task Public_on_token_route_without_authorization_or_cookie() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapGet("/.well-known/openid-configuration/token-endpoints", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "public, max-age=3600";
            return "{}";
        });
        app.Run();
        """);

    [Fact]
    public Task Typed_private() => Verify.AnalyzerAsync(MvcUsings + """
        using Microsoft.Net.Http.Headers;

        [Authorize]
        public class OrdersController : ControllerBase
        {
            public IActionResult Mine()
            {
                Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { Private = true, MaxAge = TimeSpan.FromMinutes(1) };
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Public_with_no_store() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        public class OrdersController : ControllerBase
        {
            public IActionResult Mine()
            {
                Response.Headers.CacheControl = "no-store, public";
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Allow_anonymous_group_over_authorized_endpoint() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        var open = app.MapGroup("/open").AllowAnonymous();
        open.MapGet("/news", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "public, max-age=60";
            return "news";
        }).RequireAuthorization();
        app.Run();
        """);

    [Fact]
    public Task Response_cache_on_action_covered_by_MapControllers_RequireAuthorization_in_another_file() => Verify.AnalyzerAsync(
        [
            """
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                [[|ResponseCache|](Duration = 60)]
                public IActionResult Mine() => Ok();
            }
            """,
            """
            var app = WebApplication.Create();
            app.MapControllers().RequireAuthorization();
            app.Run();
            """,
        ]);

    [Fact]
    public Task Response_cache_on_page_in_an_authorized_folder() => Verify.AnalyzerAsync(
        [
            """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            namespace Shop.Pages.Account
            {
                [[|ResponseCache|](Duration = 60)]
                public class OrdersModel : PageModel
                {
                    public void OnGet() { }
                }
            }
            """,
            """
            var builder = WebApplication.CreateBuilder();
            builder.Services.AddRazorPages(options => options.Conventions.AuthorizeFolder("/Account"));
            """,
        ]);

    [Fact]
    public Task Response_cache_on_page_outside_the_authorized_folder() => Verify.AnalyzerAsync(
        [
            """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            namespace Shop.Pages.Catalog
            {
                [ResponseCache(Duration = 60)]
                public class IndexModel : PageModel
                {
                    public void OnGet() { }
                }
            }
            """,
            """
            var builder = WebApplication.CreateBuilder();
            builder.Services.AddRazorPages(options => options.Conventions.AuthorizeFolder("/Account"));
            """,
        ]);

    [Fact]
    public Task Public_cache_control_on_endpoint_under_a_fallback_policy() => Verify.AnalyzerAsync(
        [
            """
            public static class OrderEndpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/orders/mine", (HttpResponse response) =>
                    {
                        response.Headers.CacheControl = [|"public, max-age=60"|];
                        return "orders";
                    });
                    app.MapGet("/catalog", (HttpResponse response) =>
                    {
                        response.Headers.CacheControl = "public, max-age=60";
                        return "catalog";
                    }).AllowAnonymous();
                }
            }
            """,
            """
            using Microsoft.AspNetCore.Authorization;

            var builder = WebApplication.CreateBuilder();
            builder.Services.AddAuthorization(options =>
                options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
            """,
        ]);

    // ---- code fix ----

    [Fact]
    public Task Fix_attribute_default_location_becomes_client() => Verify.CodeFixAsync(MvcUsings + """

        [Authorize]
        public class OrdersController : ControllerBase
        {
            [[|ResponseCache|](Duration = 60)]
            public IActionResult Mine() => Ok();
        }
        """, MvcUsings + """

        [Authorize]
        public class OrdersController : ControllerBase
        {
            [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
            public IActionResult Mine() => Ok();
        }
        """);

    [Fact]
    public Task Fix_attribute_fix_without_using() => Verify.CodeFixAsync("""
        [Microsoft.AspNetCore.Authorization.Authorize]
        public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase
        {
            [Microsoft.AspNetCore.Mvc.[|ResponseCache|](Duration = 60)]
            public Microsoft.AspNetCore.Mvc.IActionResult Mine() => Ok();
        }
        """, """
        [Microsoft.AspNetCore.Authorization.Authorize]
        public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase
        {
            [Microsoft.AspNetCore.Mvc.ResponseCache(Duration = 60, Location = Microsoft.AspNetCore.Mvc.ResponseCacheLocation.Client)]
            public Microsoft.AspNetCore.Mvc.IActionResult Mine() => Ok();
        }
        """);

    [Fact]
    public Task Fix_attribute_any_becomes_client() => Verify.CodeFixAsync(MvcUsings + """

        [Authorize]
        public class OrdersController : ControllerBase
        {
            [ResponseCache([|Location = ResponseCacheLocation.Any|], Duration = 60)]
            public IActionResult Mine() => Ok();
        }
        """, MvcUsings + """

        [Authorize]
        public class OrdersController : ControllerBase
        {
            [ResponseCache(Location = ResponseCacheLocation.Client, Duration = 60)]
            public IActionResult Mine() => Ok();
        }
        """);

    [Fact]
    public Task Fix_public_string_becomes_private() => Verify.CodeFixAsync("""
        var app = WebApplication.Create();
        app.MapGet("/orders/mine", (HttpResponse response) =>
        {
            response.Headers.CacheControl = [|"public, max-age=60, s-maxage=600"|];
            return "orders";
        }).RequireAuthorization();
        app.Run();
        """, """
        var app = WebApplication.Create();
        app.MapGet("/orders/mine", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "private, max-age=60";
            return "orders";
        }).RequireAuthorization();
        app.Run();
        """);

    [Fact]
    public Task Fix_s_maxage_alone_becomes_private() => Verify.CodeFixAsync("""
        var app = WebApplication.Create();
        app.MapGet("/orders/mine", (HttpResponse response) =>
        {
            response.Headers.CacheControl = [|"s-maxage=600, max-age=0"|];
            return "orders";
        }).RequireAuthorization();
        app.Run();
        """, """
        var app = WebApplication.Create();
        app.MapGet("/orders/mine", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "private, max-age=0";
            return "orders";
        }).RequireAuthorization();
        app.Run();
        """);

    [Fact]
    public Task Fix_typed_public_becomes_private() => Verify.CodeFixAsync(MvcUsings + """
        using Microsoft.Net.Http.Headers;

        [Authorize]
        public class OrdersController : ControllerBase
        {
            public IActionResult Mine()
            {
                Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { [|Public = true|], MaxAge = TimeSpan.FromMinutes(1) };
                return Ok();
            }
        }
        """, MvcUsings + """
        using Microsoft.Net.Http.Headers;

        [Authorize]
        public class OrdersController : ControllerBase
        {
            public IActionResult Mine()
            {
                Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { Private = true, MaxAge = TimeSpan.FromMinutes(1) };
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Fix_typed_shared_max_age_has_no_fix() => Verify.NoCodeFixAsync(MvcUsings + """
        using Microsoft.Net.Http.Headers;

        [Authorize]
        public class OrdersController : ControllerBase
        {
            public IActionResult Mine()
            {
                Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { [|SharedMaxAge = TimeSpan.FromMinutes(5)|] };
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync(MvcUsings + """

        [Authorize]
        [[|ResponseCache|](Duration = 30)]
        public class OrdersController : ControllerBase
        {
            [[|ResponseCache|](Duration = 60)]
            public IActionResult Mine() => Ok();

            public IActionResult Recent()
            {
                Response.Headers.CacheControl = [|"public,max-age=10"|];
                return Ok();
            }
        }
        """, MvcUsings + """

        [Authorize]
        [ResponseCache(Duration = 30, Location = ResponseCacheLocation.Client)]
        public class OrdersController : ControllerBase
        {
            [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
            public IActionResult Mine() => Ok();

            public IActionResult Recent()
            {
                Response.Headers.CacheControl = "private,max-age=10";
                return Ok();
            }
        }
        """);

    // ---- near misses: per-user responses kept out of shared caches ----

    public static TheoryData<string> PrivateOrUncached => new()
    {
        "private, max-age=60",
        "max-age=60, private",
        "PRIVATE, max-age=60",
        "private, s-maxage=60",
        "public, no-store",
        "no-store",
        "max-age=60",
        "private, must-revalidate",
        "no-store, max-age=0",
        "private",
    };

    [Theory]
    [MemberData(nameof(PrivateOrUncached))]
    public Task Authorized_endpoint_near_miss(string value) => Verify.AnalyzerAsync(HTTP0010Tests.AuthorizedEndpoint(value));
}
