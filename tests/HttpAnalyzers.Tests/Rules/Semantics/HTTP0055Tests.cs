using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Semantics;

public class HTTP0055Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.UnauthorizedForAuthenticatedCaller);

    // Positive: one per shape and per form.

    [Fact]
    public Task Unauthorized_in_authorized_controller() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [Authorize]
        public class OrdersController : ControllerBase
        {
            [HttpDelete("{id}")]
            public IActionResult Delete(int id, string owner)
            {
                if (owner != User.Identity?.Name)
                {
                    return {|#0:Unauthorized()|};
                }

                return NoContent();
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("'Unauthorized()' answers 401 Unauthorized in action 'Delete', which only an authenticated caller reaches: clients drop the valid session or token and sign in again; answer 403 Forbidden"));

    [Fact]
    public Task Authorize_on_a_base_class_and_other_mvc_forms() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [Authorize(Roles = "staff")]
        public abstract class StaffController : ControllerBase { }

        public class ReportsController : StaffController
        {
            public IActionResult A() => [|StatusCode(401)|];
            public IActionResult B() => [|StatusCode(StatusCodes.Status401Unauthorized, new { error = "not yours" })|];
            public IActionResult C() => [|Problem(statusCode: 401, title: "Not yours")|];
            public IActionResult D() => [|new UnauthorizedResult()|];
            public IActionResult E() => [|new UnauthorizedObjectResult("not yours")|];
            public IActionResult F() => [|Unauthorized("not yours")|];
            public IActionResult G() => [|new StatusCodeResult((int)System.Net.HttpStatusCode.Unauthorized)|];
        }
        """);

    [Fact]
    public Task Response_StatusCode_in_authorized_action() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        public class FilesController : ControllerBase
        {
            [Authorize, HttpGet("files/{id}")]
            public void Download(int id)
            {
                {|#0:Response.StatusCode = 401|};
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("'Response.StatusCode = 401' answers 401 Unauthorized in action 'Download', which only an authenticated caller reaches: clients drop the valid session or token and sign in again; answer 403 Forbidden"));

    [Fact]
    public Task Page_handler_of_authorized_page_model() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.RazorPages;

        [Authorize]
        public class EditModel : PageModel
        {
            public IActionResult OnPostAsync(string owner) => owner == User.Identity?.Name ? Page() : [|Unauthorized()|];
        }
        """);

    [Fact]
    public Task Page_under_AuthorizeFolder_in_another_file() => Verify.AnalyzerAsync(
        [
            """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            namespace Shop.Pages.Admin;

            public class UsersModel : PageModel
            {
                public IActionResult OnGet() => User.IsInRole("admin") ? Page() : [|Unauthorized()|];
            }
            """,
            """
            var builder = WebApplication.CreateBuilder();
            builder.Services.AddRazorPages(options => options.Conventions.AuthorizeFolder("/Admin"));
            """,
        ]);

    [Fact]
    public Task Minimal_api_in_authorized_group() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        var orders = app.MapGroup("/orders").RequireAuthorization();
        orders.MapDelete("/{id}", (int id, HttpContext context) =>
            id % 2 == 0 ? Results.NoContent() : {|#0:Results.Unauthorized()|});
        orders.MapGet("/{id}", (int id) => id > 0 ? Results.Ok(id) : [|TypedResults.Unauthorized()|]);
        orders.MapPut("/{id}", (int id) => [|Results.StatusCode(401)|]);
        orders.MapPost("/", () => [|Results.Problem(statusCode: 401)|]);
        app.Run();
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("'Results.Unauthorized()' answers 401 Unauthorized in endpoint '/orders/{id}', which only an authenticated caller reaches: clients drop the valid session or token and sign in again; answer 403 Forbidden"));

    [Fact]
    public Task Method_group_handler_mapped_with_RequireAuthorization_in_another_file() => Verify.AnalyzerAsync(
        [
            """
            public static class InvoiceHandlers
            {
                public static IResult Get(int id, HttpContext context)
                {
                    if (!context.User.IsInRole("billing"))
                    {
                        return [|Results.Unauthorized()|];
                    }

                    return Results.Ok(id);
                }
            }
            """,
            """
            var app = WebApplication.Create();
            app.MapGet("/invoices/{id}", InvoiceHandlers.Get).RequireAuthorization();
            app.Run();
            """,
        ]);

    [Fact]
    public Task Fallback_policy_in_another_file() => Verify.AnalyzerAsync(
        [
            """
            public static class ProfileEndpoints
            {
                public static void Map(IEndpointRouteBuilder app)
                {
                    app.MapGet("/profile/{id}", (int id, HttpContext context) =>
                    {
                        return [|Results.Unauthorized()|];
                    });
                }
            }
            """,
            """
            using Microsoft.AspNetCore.Authorization;

            var builder = WebApplication.CreateBuilder();
            builder.Services.AddAuthorizationBuilder()
                .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
            """,
        ]);

    [Fact]
    public Task Controllers_under_MapControllers_RequireAuthorization() => Verify.AnalyzerAsync(
        [
            """
            using Microsoft.AspNetCore.Mvc;

            public class AccountController : ControllerBase
            {
                public IActionResult Settings(string owner) => owner == "me" ? Ok() : [|Unauthorized()|];
            }
            """,
            """
            var app = WebApplication.Create();
            app.MapControllers().RequireAuthorization();
            app.Run();
            """,
        ]);

    [Fact]
    public Task Endpoint_filter_on_authorized_group() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        var admin = app.MapGroup("/admin").RequireAuthorization();
        admin.AddEndpointFilter(async (context, next) =>
        {
            if (!context.HttpContext.User.IsInRole("admin"))
            {
                return [|Results.Unauthorized()|];
            }

            return await next(context);
        });
        app.Run();
        """);

    [Fact]
    public Task Action_filter_override_of_authorized_controller() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.Filters;

        [Authorize]
        public class AdminController : Controller
        {
            public override void OnActionExecuting(ActionExecutingContext context)
            {
                if (!User.IsInRole("admin"))
                {
                    context.Result = [|new UnauthorizedResult()|];
                }
            }

            public IActionResult Index() => View();
        }
        """);

    // Negative: exemptions and near misses.

    [Fact]
    public Task AllowAnonymous_action_returning_401_is_not_reported() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [Authorize]
        public class TokenController : ControllerBase
        {
            [AllowAnonymous, HttpPost("token")]
            public IActionResult Issue(string password) => password == "x" ? Ok("t") : Unauthorized();
        }
        """);

    [Fact]
    public Task AllowAnonymous_endpoint_in_authorized_group_is_not_reported() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapPost("/login", (string password) => password == "x" ? Results.Ok() : Results.Unauthorized()).AllowAnonymous();
        app.Run();
        """);

    [Fact]
    public Task Handlers_without_authorization_metadata_are_not_reported() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        public class ApiKeyController : ControllerBase
        {
            public IActionResult Get(string key) => key == "k" ? Ok() : Unauthorized();
        }

        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/ping", (string key) => key == "k" ? Results.Ok() : Results.Unauthorized());
            }
        }
        """);

    [Fact]
    public Task Challenge_is_not_reported() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [Authorize]
        public class PaymentsController : ControllerBase
        {
            public IActionResult Approve(bool recentSignIn) => recentSignIn ? Ok() : Challenge();
        }
        """);

    [Fact]
    public Task Forbid_and_403_are_not_reported() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [Authorize]
        public class OrdersController : ControllerBase
        {
            public IActionResult A() => Forbid();
            public IActionResult B() => StatusCode(403);
            public IActionResult C() => Problem(statusCode: StatusCodes.Status403Forbidden);
            public void D() => Response.StatusCode = 403;
        }
        """);

    [Fact]
    public Task Middleware_is_not_reported() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization.Count == 0)
            {
                context.Response.StatusCode = 401;
                return;
            }

            await next(context);
        });
        app.Run();

        public class ApiKeyMiddleware(RequestDelegate next)
        {
            public Task InvokeAsync(HttpContext context)
            {
                if (!context.Request.Headers.ContainsKey("X-Api-Key"))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                }

                return next(context);
            }
        }
        """);

    [Fact]
    public Task Page_outside_the_authorized_folder_is_not_reported() => Verify.AnalyzerAsync(
        [
            """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            namespace Shop.Pages.Account
            {
                public class LoginModel : PageModel
                {
                    public IActionResult OnPost(string password) => password == "x" ? RedirectToPage("/Index") : Unauthorized();
                }
            }

            namespace Shop.Pages.Admin
            {
                public class SignInModel : PageModel
                {
                    public IActionResult OnPost(string password) => password == "x" ? Page() : Unauthorized();
                }
            }
            """,
            """
            var builder = WebApplication.CreateBuilder();
            builder.Services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/Admin");
                options.Conventions.AllowAnonymousToPage("/Admin/SignIn");
            });
            """,
        ]);

    [Fact]
    public Task Fallback_policy_without_a_user_requirement_is_not_reported() => Verify.AnalyzerAsync(
        [
            """
            var app = WebApplication.Create();
            app.MapGet("/status", () => Results.Unauthorized());
            app.Run();
            """,
            """
            using Microsoft.AspNetCore.Authorization;

            public static class Setup
            {
                public static void Configure(IServiceCollection services)
                    => services.AddAuthorization(options => options.FallbackPolicy = null);
            }
            """,
        ]);

    [Fact]
    public Task A_401_status_in_a_client_call_is_not_reported() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [Authorize]
        public class ProxyController(HttpClient client) : ControllerBase
        {
            public async Task<IActionResult> Get()
            {
                using var response = await client.GetAsync("https://example.com/");
                return (int)response.StatusCode == 401 ? StatusCode(502) : Ok();
            }
        }
        """);

    [Fact]
    public Task Authorization_filter_class_is_not_reported() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.Filters;

        public class ApiKeyFilter : IAuthorizationFilter
        {
            public void OnAuthorization(AuthorizationFilterContext context)
            {
                if (!context.HttpContext.Request.Headers.ContainsKey("X-Api-Key"))
                {
                    context.Result = new UnauthorizedResult();
                }
            }
        }
        """);

    // Fixes.

    [Fact]
    public Task Fix_each_form() => Verify.FixAllAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [Authorize]
        public class ReportsController : ControllerBase
        {
            public IActionResult A() => [|Unauthorized()|];
            public IActionResult B() => [|StatusCode(401)|];
            public IActionResult C() => [|StatusCode(StatusCodes.Status401Unauthorized, new { error = "not yours" })|];
            public IActionResult D() => [|Problem(statusCode: 401)|];
            public IActionResult E() => [|new UnauthorizedResult()|];
            public IActionResult F() => [|Unauthorized("not yours")|];
            public ActionResult<string> G() => [|Unauthorized()|];
            public void H() => [|Response.StatusCode = 401|];
            public IActionResult I() => [|new StatusCodeResult((int)System.Net.HttpStatusCode.Unauthorized)|];
        }
        """, """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [Authorize]
        public class ReportsController : ControllerBase
        {
            public IActionResult A() => Forbid();
            public IActionResult B() => StatusCode(403);
            public IActionResult C() => StatusCode(StatusCodes.Status403Forbidden, new { error = "not yours" });
            public IActionResult D() => Problem(statusCode: 403);
            public IActionResult E() => new ForbidResult();
            public IActionResult F() => StatusCode(StatusCodes.Status403Forbidden, "not yours");
            public ActionResult<string> G() => Forbid();
            public void H() => Response.StatusCode = 403;
            public IActionResult I() => new StatusCodeResult((int)System.Net.HttpStatusCode.Forbidden);
        }
        """);

    [Fact]
    public Task Fix_minimal_api_forms() => Verify.FixAllAsync("""
        var app = WebApplication.Create();
        var orders = app.MapGroup("/orders").RequireAuthorization();
        orders.MapDelete("/{id}", (int id) => id > 0 ? Results.NoContent() : [|Results.Unauthorized()|]);
        orders.MapGet("/{id}", (int id) => [|TypedResults.Unauthorized()|]);
        orders.MapPut("/{id}", (int id, HttpResponse response) => { [|response.StatusCode = StatusCodes.Status401Unauthorized|]; });
        app.Run();
        """, """
        var app = WebApplication.Create();
        var orders = app.MapGroup("/orders").RequireAuthorization();
        orders.MapDelete("/{id}", (int id) => id > 0 ? Results.NoContent() : Results.Forbid());
        orders.MapGet("/{id}", (int id) => TypedResults.Forbid());
        orders.MapPut("/{id}", (int id, HttpResponse response) => { response.StatusCode = StatusCodes.Status403Forbidden; });
        app.Run();
        """);

    [Fact]
    public Task No_fix_where_the_result_type_is_declared() => Verify.NoCodeFixAsync("""
        using Microsoft.AspNetCore.Http.HttpResults;

        var app = WebApplication.Create();
        app.MapGet("/orders/{id}", Results<Ok<int>, UnauthorizedHttpResult> (int id) => id > 0 ? TypedResults.Ok(id) : [|TypedResults.Unauthorized()|])
            .RequireAuthorization();
        app.Run();
        """);

    [Fact]
    public Task No_fix_for_UnauthorizedObjectResult() => Verify.NoCodeFixAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [Authorize]
        public class ReportsController : ControllerBase
        {
            public IActionResult A() => [|new UnauthorizedObjectResult("not yours")|];
        }
        """);

    // ---- near misses: 401 where the caller is not authenticated, or 403 ----

    public static TheoryData<string> NearMissActions => new()
    {
        "[Authorize, HttpGet(\"a\")] public IActionResult A() => Forbid();",
        "[Authorize, HttpGet(\"b\")] public IActionResult B() => StatusCode(403);",
        "[Authorize, HttpGet(\"c\")] public IActionResult C() => Challenge();",
        "[AllowAnonymous, HttpPost(\"d\")] public IActionResult D() => Unauthorized();",
        "[HttpGet(\"e\")] public IActionResult E() => Unauthorized();",
        "[Authorize, HttpGet(\"f\")] public IActionResult F() => new ForbidResult();",
    };

    [Theory]
    [MemberData(nameof(NearMissActions))]
    public Task Action_near_miss(string action) => Verify.AnalyzerAsync($$"""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        public class AccountController : ControllerBase
        {
            {{action}}
        }
        """);
}
