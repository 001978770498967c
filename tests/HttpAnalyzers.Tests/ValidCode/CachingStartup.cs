using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace ValidCode.Caching.Startup;

public static class CachingPipeline
{
    public static void Configure(IServiceCollection services)
    {
        services.AddResponseCaching();
        services.AddControllers(options =>
        {
            options.CacheProfiles.Add("PerUser", new CacheProfile { Duration = 30, Location = ResponseCacheLocation.Client });
            options.CacheProfiles.Add("Never", new CacheProfile { NoStore = true });
        });
    }

    public static void Use(WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                context.Context.Response.Headers.CacheControl = "public, max-age=604800, immutable";
                context.Context.Response.Headers.Expires = DateTime.UtcNow.AddDays(7).ToString("R");
            },
        });
        app.UseResponseCaching();
        app.Use(async (context, next) =>
        {
            context.Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromSeconds(10) };
            context.Response.Headers.Vary = "Accept-Encoding";
            await next(context);
        });

        app.MapPost("/signin", async (HttpContext context) =>
        {
            await context.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity("cookie")));
            context.Response.Headers.CacheControl = "no-store";
            return Results.Redirect("/");
        });

        app.MapGet("/session/info", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "private, no-store";
            return Results.Ok(new { sessionId = context.Session.Id });
        });
    }
}

[Authorize]
public class DashboardController : Controller
{
    [ResponseCache(CacheProfileName = "PerUser")]
    public IActionResult Index() => View();

    [ResponseCache(CacheProfileName = "Never")]
    public IActionResult Secrets() => View();
}

[Authorize]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public class AccountSettingsModel : PageModel
{
    public string? Email { get; private set; }

    public void OnGet()
    {
        Email = User.FindFirstValue(ClaimTypes.Email);
        Response.Headers.Pragma = "no-cache";
    }
}

public class PublicPageModel : PageModel
{
    public IActionResult OnGet()
    {
        var lastModified = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var typed = Request.GetTypedHeaders();
        if (typed.IfModifiedSince is { } since && since >= lastModified)
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        Response.GetTypedHeaders().LastModified = lastModified;
        Response.Headers.CacheControl = "public, max-age=60";
        return Page();
    }
}
