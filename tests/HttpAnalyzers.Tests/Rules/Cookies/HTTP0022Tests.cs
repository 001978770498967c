using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Cookies;

public class HTTP0022Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.SameSiteNoneWithoutSecure);

    // ------------------------------------------------------------------ positives

    [Fact]
    public Task Options_without_secure() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) =>
                response.Cookies.Append("widget", "v", {|HTTP0020:new CookieOptions|} { HttpOnly = true, [|SameSite = SameSiteMode.None|] });
        }
        """);

    [Fact]
    public Task Options_with_secure_false() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) =>
                response.Cookies.Append("widget", "v", new CookieOptions { {|HTTP0020:Secure = false|}, HttpOnly = true, [|SameSite = SameSiteMode.None|] });
        }
        """);

    [Fact]
    public Task Same_site_assigned_later() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response)
            {
                var options = {|HTTP0020:new CookieOptions|} { HttpOnly = true };
                [|options.SameSite = SameSiteMode.None|];
                response.Cookies.Append("widget", "v", options);
            }
        }
        """);

    [Fact]
    public Task Builder_without_secure_policy() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddCookie(o => [|o.Cookie.SameSite = SameSiteMode.None|]);
                services.AddSession(o =>
                {
                    [|o.Cookie.SameSite = SameSiteMode.None|];
                });
                services.AddAntiforgery(o => o.Cookie = new CookieBuilder { Name = "af", [|SameSite = SameSiteMode.None|] });
            }
        }
        """);

    [Fact]
    public Task Builder_with_weak_secure_policy() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services) => services.ConfigureExternalCookie(o =>
            {
                [|o.Cookie.SameSite = SameSiteMode.None|];
                {|HTTP0020:o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest|};
            });
        }
        """);

    [Fact]
    public Task Set_cookie_header() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) => response.Headers["Set-Cookie"] = {|HTTP0020:[|"widget=1; Path=/; HttpOnly; SameSite=None"|]|};
        }
        """);

    [Fact]
    public Task Policy_without_use_cookie_policy_still_reports() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCookiePolicy(o => o.Secure = CookieSecurePolicy.Always);
        builder.Services.AddAuthentication().AddCookie(o => [|o.Cookie.SameSite = SameSiteMode.None|]);
        builder.Build().Run();
        """);

    [Fact]
    public Task Message() => Verify.AnalyzerAsync(
        """
        class C
        {
            void M(IServiceCollection services) => services.AddAuthentication().AddCookie(o => {|#0:o.Cookie.SameSite = SameSiteMode.None|});
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("The authentication cookie sets SameSite=None without Secure (SecurePolicy is not set to CookieSecurePolicy.Always), so browsers reject it and the cookie is never stored"));

    // ------------------------------------------------------------------ negatives

    [Fact]
    public Task Options_with_secure() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response)
            {
                response.Cookies.Append("widget", "v", new CookieOptions { Secure = true, HttpOnly = true, SameSite = SameSiteMode.None });
                var options = new CookieOptions { SameSite = SameSiteMode.None, HttpOnly = true };
                options.Secure = true;
                response.Cookies.Append("other", "v", options);
            }
        }
        """);

    [Fact]
    public Task Options_with_secure_not_constant() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpRequest request, HttpResponse response) =>
                response.Cookies.Append("widget", "v", new CookieOptions { Secure = request.IsHttps, HttpOnly = true, SameSite = SameSiteMode.None });
        }
        """);

    [Fact]
    public Task Same_site_lax_without_secure_is_only_not_secure() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) =>
                response.Cookies.Append("widget", "v", {|HTTP0020:new CookieOptions|} { HttpOnly = true, SameSite = SameSiteMode.Lax });
        }
        """);

    [Fact]
    public Task Builder_with_secure_policy_always() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddCookie(o =>
                {
                    o.Cookie.SameSite = SameSiteMode.None;
                    o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                });
                services.AddAntiforgery(o => o.Cookie = new CookieBuilder { SameSite = SameSiteMode.None, SecurePolicy = CookieSecurePolicy.Always });
            }
        }
        """);

    [Fact]
    public Task Builder_secure_policy_set_in_another_lambda_of_the_same_method() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddCookie(o => o.Cookie.SameSite = SameSiteMode.None);
                services.ConfigureApplicationCookie(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            }
        }
        """);

    [Fact]
    public Task Builder_secure_policy_not_constant() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services, CookieSecurePolicy policy) => services.AddSession(o =>
            {
                o.Cookie.SameSite = SameSiteMode.None;
                o.Cookie.SecurePolicy = policy;
            });
        }
        """);

    [Fact]
    public Task Builder_whose_default_secure_policy_is_always() => Verify.AnalyzerAsync("""
        class C
        {
            void M(Microsoft.AspNetCore.Authentication.RemoteAuthenticationOptions options)
            {
                options.CorrelationCookie.SameSite = SameSiteMode.None;
                options.CorrelationCookie.Name = "__Host-correlation";
            }
        }
        """);

    [Fact]
    public Task Policy_always_with_use_cookie_policy() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCookiePolicy(o => o.Secure = CookieSecurePolicy.Always);
        builder.Services.AddAuthentication().AddCookie(o => o.Cookie.SameSite = SameSiteMode.None);
        var app = builder.Build();
        app.UseCookiePolicy();
        app.MapGet("/", (HttpResponse response) => response.Cookies.Append("widget", "v", new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.None }));
        app.Run();
        """);

    [Fact]
    public Task Set_cookie_header_with_secure() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) => response.Headers["Set-Cookie"] = "widget=1; Path=/; Secure; HttpOnly; SameSite=None";
        }
        """);

    // ------------------------------------------------------------------ fixes

    [Fact]
    public Task Fix_options() => Verify.CodeFixAsync(
        """
        class C
        {
            void M(HttpResponse response)
            {
                response.Cookies.Append("a", "v", {|HTTP0020:new CookieOptions|} { HttpOnly = true, [|SameSite = SameSiteMode.None|] });
                response.Cookies.Append("b", "v", new CookieOptions { {|HTTP0020:Secure = false|}, HttpOnly = true, [|SameSite = SameSiteMode.None|] });
            }
        }
        """,
        """
        class C
        {
            void M(HttpResponse response)
            {
                response.Cookies.Append("a", "v", new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.None, Secure = true });
                response.Cookies.Append("b", "v", new CookieOptions { Secure = true, HttpOnly = true, SameSite = SameSiteMode.None });
            }
        }
        """);

    [Fact]
    public Task Fix_builders() => Verify.CodeFixAsync(
        """
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddCookie(o =>
                {
                    o.LoginPath = "/login";
                    [|o.Cookie.SameSite = SameSiteMode.None|];
                });
                services.ConfigureExternalCookie(o =>
                {
                    [|o.Cookie.SameSite = SameSiteMode.None|];
                    {|HTTP0020:o.Cookie.SecurePolicy = CookieSecurePolicy.None|};
                });
                services.AddAntiforgery(o => o.Cookie = new CookieBuilder { Name = "af", [|SameSite = SameSiteMode.None|] });
            }
        }
        """,
        """
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddCookie(o =>
                {
                    o.LoginPath = "/login";
                    o.Cookie.SameSite = SameSiteMode.None;
                    o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                });
                services.ConfigureExternalCookie(o =>
                {
                    o.Cookie.SameSite = SameSiteMode.None;
                    o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                });
                services.AddAntiforgery(o => o.Cookie = new CookieBuilder { Name = "af", SameSite = SameSiteMode.None, SecurePolicy = CookieSecurePolicy.Always });
            }
        }
        """);

    [Fact]
    public Task Fix_expression_bodied_builder_lambda() => Verify.CodeFixAsync(
        """
        class C
        {
            void M(IServiceCollection services) => services.AddAuthentication().AddCookie(o => [|o.Cookie.SameSite = SameSiteMode.None|]);
        }
        """,
        """
        class C
        {
            void M(IServiceCollection services) => services.AddAuthentication().AddCookie(o => { o.Cookie.SameSite = SameSiteMode.None; o.Cookie.SecurePolicy = CookieSecurePolicy.Always; });
        }
        """);

    [Fact]
    public Task Fix_hand_written_header() => Verify.CodeFixAsync(
        """
        class C
        {
            void M(HttpResponse response) => response.Headers["Set-Cookie"] = {|HTTP0020:[|"widget=1; HttpOnly; SameSite=None"|]|};
        }
        """,
        """
        class C
        {
            void M(HttpResponse response) => response.Headers["Set-Cookie"] = "widget=1; HttpOnly; SameSite=None; Secure";
        }
        """);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync(
        [
            """
            class C
            {
                void M(HttpResponse response)
                {
                    var options = {|HTTP0020:new CookieOptions|} { HttpOnly = true };
                    [|options.SameSite = SameSiteMode.None|];
                    response.Cookies.Append("a", "v", options);
                    response.Cookies.Append("b", "v", {|HTTP0020:new CookieOptions|}
                    {
                        HttpOnly = true,
                        [|SameSite = SameSiteMode.None|],
                    });
                }
            }
            """,
            """
            class D
            {
                void M(IServiceCollection services) => services.AddSession(o =>
                {
                    [|o.Cookie.SameSite = SameSiteMode.None|];
                });
            }
            """,
        ],
        [
            """
            class C
            {
                void M(HttpResponse response)
                {
                    var options = new CookieOptions { HttpOnly = true, Secure = true };
                    options.SameSite = SameSiteMode.None;
                    response.Cookies.Append("a", "v", options);
                    response.Cookies.Append("b", "v", new CookieOptions
                    {
                        HttpOnly = true,
                        SameSite = SameSiteMode.None,
                        Secure = true,
                    });
                }
            }
            """,
            """
            class D
            {
                void M(IServiceCollection services) => services.AddSession(o =>
                {
                    o.Cookie.SameSite = SameSiteMode.None;
                    o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                });
            }
            """,
        ]);

    // ------------------------------------------------------------------ correlation and nonce cookies (default SameSite=None)

    [Fact]
    public Task OpenIdConnect_correlation_cookie_weakened() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services)
                => services.AddAuthentication().AddOpenIdConnect(o => {|HTTP0020:{|#0:o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest|}|});
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("The correlation cookie sets SameSite=None without Secure (SameSite defaults to None and SecurePolicy = CookieSecurePolicy.SameAsRequest), so browsers reject it and the cookie is never stored"));

    [Fact]
    public Task OpenIdConnect_nonce_cookie_weakened_in_Configure() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Authentication.OpenIdConnect;

        class C
        {
            void M(IServiceCollection services)
                => services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o => {|HTTP0020:[|o.NonceCookie.SecurePolicy = CookieSecurePolicy.None|]|});
        }
        """);

    [Fact]
    public Task Google_correlation_cookie_weakened() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthentication().AddGoogle(o =>
        {
            o.ClientId = builder.Configuration["Google:ClientId"]!;
            o.ClientSecret = builder.Configuration["Google:ClientSecret"]!;
            {|HTTP0020:[|o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest|]|};
        });
        builder.Build().Run();
        """);

    [Fact]
    public Task OAuth_correlation_cookie_weakened() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services)
                => services.AddAuthentication().AddOAuth("GitHub", o =>
                {
                    o.CallbackPath = "/signin-github";
                    {|HTTP0020:[|o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest|]|};
                });
        }
        """);

    [Fact]
    public Task Correlation_cookie_weakened_with_SameSite_set_is_only_HTTP0020() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services)
                => services.AddAuthentication().AddOpenIdConnect(o =>
                {
                    o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                    {|HTTP0020:o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest|};
                });
        }
        """);

    [Fact]
    public Task Correlation_cookie_left_alone() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services)
                => services.AddAuthentication().AddOpenIdConnect(o =>
                {
                    o.CorrelationCookie.Name = "corr";
                    o.NonceCookie.SecurePolicy = CookieSecurePolicy.Always;
                });
        }
        """);

    [Fact]
    public Task Correlation_cookie_weakened_under_a_secure_cookie_policy() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthentication().AddOpenIdConnect(o => o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        var app = builder.Build();
        app.UseCookiePolicy(new CookiePolicyOptions { Secure = CookieSecurePolicy.Always });
        app.Run();
        """);

    [Fact]
    public Task TempData_cookie_weakened_is_not_SameSite_None() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        class C
        {
            void M(IServiceCollection services)
                => services.Configure<CookieTempDataProviderOptions>(o => {|HTTP0020:o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest|});
        }
        """);

    [Fact]
    public Task Fix_correlation_cookie() => Verify.CodeFixAsync("""
        class C
        {
            void M(IServiceCollection services)
                => services.AddAuthentication().AddOpenIdConnect(o => {|HTTP0020:[|o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest|]|});
        }
        """, """
        class C
        {
            void M(IServiceCollection services)
                => services.AddAuthentication().AddOpenIdConnect(o => o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.Always);
        }
        """);
}
