using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ValidCode.Cookies;

public sealed class CookieSettings
{
    public bool RequireHttps { get; set; } = true;

    public string? Domain { get; set; }
}

/// <summary>Minimal API endpoints that write cookies correctly, or in ways the analyzer cannot judge.</summary>
public static class CookieEndpoints
{
    private static readonly CookieBuilder ConsentCookie = new()
    {
        Name = "consent",
        SecurePolicy = CookieSecurePolicy.Always,
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        IsEssential = true,
    };

    public static IEndpointRouteBuilder MapCookieEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/consent", (HttpContext context) =>
        {
            context.Response.Cookies.Append(ConsentCookie.Name!, "yes", ConsentCookie.Build(context));
            return Results.NoContent();
        });

        app.MapPost("/cart/{id}", (string id, HttpResponse response, IOptions<CookieSettings> settings) =>
        {
            var options = new CookieOptions
            {
                HttpOnly = true,
                Secure = settings.Value.RequireHttps,
                SameSite = SameSiteMode.Lax,
                Domain = settings.Value.Domain,
                MaxAge = TimeSpan.FromDays(7),
            };
            response.Cookies.Append("cart", id, options);
            return Results.Ok();
        });

        app.MapPost("/widget", (HttpResponse response) =>
        {
            response.Cookies.Append("widget", "1", new CookieOptions
            {
                Secure = true,
                HttpOnly = true,
                SameSite = SameSiteMode.None,
                Extensions = { "Partitioned" },
            });
            return Results.Ok();
        });

        app.MapPost("/logout", (HttpResponse response) =>
        {
            response.Cookies.Delete("__Host-session", new CookieOptions { Secure = true, Path = "/" });
            response.Cookies.Delete("cart");
            return Results.Redirect("/");
        });

        app.MapGet("/echo", (HttpRequest request, HttpResponse response) =>
        {
            // Proxying a header value verbatim: the analyzer cannot see it, so it says nothing.
            if (request.Headers.TryGetValue("X-Upstream-Set-Cookie", out var upstream))
            {
                response.Headers.Append("Set-Cookie", upstream);
            }

            return Results.Ok();
        });

        return app;
    }
}

public sealed class PrivacyModel : PageModel
{
    public IActionResult OnPost()
    {
        Response.Cookies.Append("__Secure-privacy", "accepted", new CookieOptions { Secure = true, HttpOnly = true, Expires = DateTimeOffset.UtcNow.AddYears(1) });
        return RedirectToPage("/Index");
    }
}
