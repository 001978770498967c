// Correct authorization answers: 403 Forbidden for a signed-in caller without permission, 401 only where the caller
// may be anonymous (a login endpoint, an API-key middleware), Challenge() for step-up; method checks through
// HttpMethods; response compression over HTTP only in an app with antiforgery and cookie authentication.
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ValidCode.SemanticsAuthorization
{
    public static class App
    {
        public static void Configure(WebApplicationBuilder builder)
        {
            builder.Services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/Admin");
                options.Conventions.AllowAnonymousToPage("/Admin/SignIn");
            });
            builder.Services.AddControllersWithViews();
            builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
            builder.Services.AddAuthorizationBuilder()
                .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
            builder.Services.AddResponseCompression(); // EnableForHttps stays false: the app sends antiforgery tokens
        }

        public static void Map(WebApplication app)
        {
            app.Use(async (context, next) =>
            {
                if (context.Request.Path.StartsWithSegments("/hooks") && !context.Request.Headers.ContainsKey("X-Signature"))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized; // middleware: the caller may be anonymous
                    return;
                }

                if (HttpMethods.IsPost(context.Request.Method) || HttpMethods.Equals(context.Request.Method, "PROPFIND"))
                {
                    context.Items["write"] = true;
                }

                await next(context);
            });

            var orders = app.MapGroup("/orders").RequireAuthorization();
            orders.MapDelete("/{id}", (int id, HttpContext context) =>
                context.User.IsInRole("admin") ? Results.NoContent() : Results.Forbid());
            orders.MapGet("/{id}", (int id) => id > 0 ? Results.Ok(id) : Results.NotFound());

            app.MapPost("/token", (string user, string password) =>
                password.Length > 12 ? Results.Ok(new { user }) : Results.Unauthorized()).AllowAnonymous();

            app.MapControllers();
            app.MapRazorPages();
        }
    }

    [Authorize]
    [Route("api/documents")]
    public class DocumentsController : ControllerBase
    {
        [HttpDelete("{id}")]
        public IActionResult Delete(int id, string owner)
            => owner == User.Identity?.Name ? NoContent() : Forbid();

        [HttpPost("{id}/approve")]
        public IActionResult Approve(int id, bool recentSignIn)
            => recentSignIn ? Ok() : Challenge(); // step-up: authenticate again

        [AllowAnonymous]
        [HttpPost("/api/sessions")]
        public IActionResult SignIn(string password)
            => password.Length > 12 ? Ok() : Unauthorized();

        [HttpGet("{id}")]
        public IActionResult Get(int id)
            => Request.Method.Equals(HttpMethods.Head, StringComparison.OrdinalIgnoreCase) ? Ok() : Ok(new { id });
    }
}

namespace ValidCode.SemanticsAuthorization.Pages.Admin
{
    public class SignInModel : PageModel
    {
        public IActionResult OnPost(string password) => password.Length > 12 ? RedirectToPage("/Admin/Index") : Unauthorized();
    }

    public class UsersModel : PageModel
    {
        public IActionResult OnGet() => User.IsInRole("admin") ? Page() : Forbid();
    }
}
