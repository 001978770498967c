using HeaderNames = Microsoft.Net.Http.Headers.HeaderNames;

namespace HttpAnalyzers.Sample.Cookies;

/// <summary>
/// Cookie mistakes (HTTP0020–HTTP0023). Endpoints are mapped from Program.cs with <c>app.MapCookieSamples()</c>;
/// <see cref="AddCookieSamples"/> shows the builder mistakes in service registration.
/// </summary>
public static class CookieSamples
{
    public static IEndpointRouteBuilder MapCookieSamples(this IEndpointRouteBuilder app)
    {
        var cookies = app.MapGroup("/cookies");

        // HTTP0020 + HTTP0021: no options, so neither Secure nor HttpOnly.
        cookies.MapPost("/login", (HttpResponse response) => response.Cookies.Append("sid", Guid.NewGuid().ToString("N")));

        // HTTP0022: SameSite=None without Secure is dropped by every current browser (and HTTP0020 for the missing Secure).
        cookies.MapPost("/widget", (HttpResponse response) =>
            response.Cookies.Append("widget", "1", new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.None }));

        // HTTP0023: a __Host- cookie must be Secure, have Path=/ and no Domain.
        cookies.MapPost("/prefs", (HttpResponse response) =>
            response.Cookies.Append("__Host-prefs", "compact", new CookieOptions { Secure = true, HttpOnly = true, Domain = "example.com", Path = "/app" }));

        // HTTP0023: deleting a __Host- cookie without Secure is rejected, so the cookie stays.
        cookies.MapPost("/logout", (HttpResponse response) => response.Cookies.Delete("__Host-prefs"));

        // HTTP0020 + HTTP0021 on a hand-written header (never covered by a cookie policy).
        cookies.MapGet("/theme", (HttpResponse response) =>
        {
            response.Headers.Append(HeaderNames.SetCookie, "theme=dark; Path=/");
            return Results.Ok();
        });

        // HTTP0021: a hand-written session cookie that is Secure but readable from JavaScript (no HttpOnly).
        cookies.MapPost("/session", (HttpResponse response) =>
        {
            var token = Guid.NewGuid().ToString("N");
            response.Headers.Append("Set-Cookie", $"session={token}; Secure; SameSite=Lax; Path=/");
            return Results.NoContent();
        });

        return app;
    }

    public static IServiceCollection AddCookieSamples(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddCookie(options =>
            {
                options.Cookie.Name = "__Secure-auth";
                // HTTP0020 (and HTTP0023 for the __Secure- prefix).
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // HTTP0021.
                options.Cookie.HttpOnly = false;
            })
            .AddOpenIdConnect(options =>
            {
                options.Authority = "https://login.example.com";
                options.ClientId = "sample";
                // HTTP0020 + HTTP0022: the correlation cookie defaults to SameSite=None, so without Secure browsers drop it
                // and the sign-in callback fails ("Correlation failed").
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // HTTP0020 + HTTP0022: the same for the nonce cookie.
                options.NonceCookie.SecurePolicy = CookieSecurePolicy.None;
            })
            .AddGoogle(options =>
            {
                options.ClientId = "sample";
                options.ClientSecret = "from-user-secrets";
                // HTTP0020 + HTTP0022 on the remote handler's correlation cookie.
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            });

        // HTTP0021: the TempData cookie made readable from JavaScript.
        services.AddControllersWithViews().AddCookieTempDataProvider(options => options.Cookie.HttpOnly = false);

        services.AddSession(options =>
        {
            // HTTP0022: the session cookie's SecurePolicy is never Always.
            options.Cookie.SameSite = SameSiteMode.None;
        });

        return services;
    }
}
