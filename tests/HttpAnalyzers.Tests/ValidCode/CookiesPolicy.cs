using Microsoft.AspNetCore.CookiePolicy;

namespace ValidCode.Cookies;

/// <summary>
/// A cookie policy that forces Secure and HttpOnly on every cookie written through Response.Cookies: the middleware
/// below can append cookies with the defaults.
/// </summary>
public sealed class Startup
{
    public void ConfigureServices(IServiceCollection services)
    {
        services.Configure<CookiePolicyOptions>(options =>
        {
            options.MinimumSameSitePolicy = SameSiteMode.Lax;
            options.Secure = CookieSecurePolicy.Always;
            options.HttpOnly = HttpOnlyPolicy.Always;
        });
        services.AddSession(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
    }

    public void Configure(IApplicationBuilder app)
    {
        app.UseCookiePolicy();
        app.UseSession();
        app.UseMiddleware<VisitMiddleware>();
    }
}

public sealed class VisitMiddleware
{
    private readonly RequestDelegate _next;

    public VisitMiddleware(RequestDelegate next) => _next = next;

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Cookies.ContainsKey("visited"))
        {
            context.Response.Cookies.Append("visited", "1");
            context.Response.Cookies.Append("__Secure-visit", "1", new CookieOptions { SameSite = SameSiteMode.None });
        }

        context.Response.Cookies.Delete("__Host-old");
        return _next(context);
    }
}
