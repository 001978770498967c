using Microsoft.AspNetCore.Authentication.Cookies;

namespace ValidCode.Cookies;

/// <summary>Authentication, session and antiforgery cookies configured the way the docs recommend.</summary>
public static class CookieAuthenticationSetup
{
    public static IServiceCollection AddAppCookies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/account/login";
                options.AccessDeniedPath = "/account/denied";
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.Cookie.Name = "__Host-auth";
                options.Cookie.Path = "/";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            })
            .AddCookie("Partner", options =>
            {
                options.Cookie.Name = "__Secure-partner";
                options.Cookie.SameSite = SameSiteMode.None;
                options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                options.Cookie.Domain = configuration["Cookies:Domain"];
            });

        services.AddSession(options =>
        {
            options.IdleTimeout = TimeSpan.FromMinutes(20);
            options.Cookie.Name = "__Host-session";
            options.Cookie.IsEssential = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });

        services.AddAntiforgery(options =>
        {
            options.HeaderName = "X-XSRF-TOKEN";
            options.Cookie.Name = "__Host-af";
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.SameSite = SameSiteMode.None;
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });

        services.Configure<CookieAuthenticationOptions>("External", options => options.Cookie = new CookieBuilder
        {
            Name = "__Secure-external",
            SameSite = SameSiteMode.None,
            SecurePolicy = CookieSecurePolicy.Always,
            HttpOnly = true,
        });

        return services;
    }

    /// <summary>A builder whose policy comes from configuration: the analyzer cannot tell, so it stays silent.</summary>
    public static void AddConfiguredSession(IServiceCollection services, bool developmentHttp)
        => services.AddSession(options =>
        {
            options.Cookie.SameSite = SameSiteMode.None;
            options.Cookie.SecurePolicy = developmentHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
}
