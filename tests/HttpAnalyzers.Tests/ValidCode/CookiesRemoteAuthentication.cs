using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;

namespace ValidCode.Cookies;

/// <summary>
/// OpenID Connect and Google sign-in with their correlation and nonce cookies left at their secure defaults (or made
/// stricter), the TempData cookie, and hand-written Set-Cookie headers built with interpolation and a local helper.
/// </summary>
public static class RemoteAuthenticationSetup
{
    public static IServiceCollection AddSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always)
            .AddOpenIdConnect(options =>
            {
                options.Authority = configuration["Oidc:Authority"];
                options.ClientId = configuration["Oidc:ClientId"];
                options.ResponseType = "code";
                options.CorrelationCookie.Name = "__Host-correlation";
                options.CorrelationCookie.Path = "/";
                options.NonceCookie.SecurePolicy = CookieSecurePolicy.Always;
            })
            .AddGoogle(options =>
            {
                options.ClientId = configuration["Google:ClientId"]!;
                options.ClientSecret = configuration["Google:ClientSecret"]!;
            });

        services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, options => options.CorrelationCookie.HttpOnly = true);
        services.AddControllersWithViews().AddCookieTempDataProvider(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        services.Configure<CookieTempDataProviderOptions>(options => options.Cookie.IsEssential = true);
        return services;
    }

    public static void WriteConsentCookie(HttpResponse response, string version)
    {
        var cookie = $"consent={version}; Path=/; Max-Age=31536000; Secure; HttpOnly; SameSite=Lax";
        response.Headers.Append("Set-Cookie", cookie);
        response.Headers.Append("Set-Cookie", Preferences(version));

        static string Preferences(string value) => $"prefs={value}; Path=/; Secure; HttpOnly";
    }
}
