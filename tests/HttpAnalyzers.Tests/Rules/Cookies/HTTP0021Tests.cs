using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Cookies;

public class HTTP0021Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.CookieNotHttpOnly);

    // ------------------------------------------------------------------ positives

    [Fact]
    public Task Append_without_options() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) => response.Cookies.{|HTTP0020:[|Append|]|}("sid", "v");
        }
        """);

    [Fact]
    public Task Options_without_http_only() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) => response.Cookies.Append("sid", "v", [|new CookieOptions|] { Secure = true, SameSite = SameSiteMode.Lax });
        }
        """);

    [Fact]
    public Task Http_only_false_in_initializer_and_later() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response)
            {
                response.Cookies.Append("a", "v", new CookieOptions { Secure = true, [|HttpOnly = false|] });
                var options = new CookieOptions { Secure = true, HttpOnly = true };
                [|options.HttpOnly = false|];
                response.Cookies.Append("b", "v", options);
            }
        }
        """);

    [Fact]
    public Task Non_constant_name() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, string name) => response.Cookies.Append(name, "v", [|new CookieOptions|] { Secure = true });
        }
        """);

    [Fact]
    public Task Options_shared_by_script_readable_and_other_cookie() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, string token)
            {
                var options = [|new CookieOptions|] { Secure = true };
                response.Cookies.Append("XSRF-TOKEN", token, options);
                response.Cookies.Append("sid", "v", options);
            }
        }
        """);

    [Fact]
    public Task Builder_http_only_false() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddCookie(o => [|o.Cookie.HttpOnly = false|]);
                services.AddSession(o => [|o.Cookie.HttpOnly = false|]);
                services.ConfigureApplicationCookie(o => [|o.Cookie.HttpOnly = false|]);
            }
        }
        """);

    [Fact]
    public Task Antiforgery_cookie_must_stay_http_only_whatever_its_name() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services) => services.AddAntiforgery(o =>
            {
                o.Cookie.Name = "XSRF-COOKIE";
                [|o.Cookie.HttpOnly = false|];
            });
        }
        """);

    [Fact]
    public Task Antiforgery_cookie_name_written_by_hand() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) => response.Cookies.Append(".AspNetCore.Antiforgery.xsrf", "v", [|new CookieOptions|] { Secure = true });
        }
        """);

    [Fact]
    public Task Set_cookie_header_without_http_only() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, string id)
            {
                response.Headers["Set-Cookie"] = [|"theme=dark; Secure"|];
                response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.SetCookie, [|"sid=" + id + "; Path=/; Secure"|]);
            }
        }
        """);

    [Fact]
    public Task Option_replaces_script_readable_names() => Verify.WithOptions("http_analyzers.HTTP0021.script_readable_cookie_names = ui_prefs, theme").AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, string token)
            {
                response.Cookies.Append("UI_PREFS", "v", new CookieOptions { Secure = true });
                response.Cookies.Append("theme", "dark", new CookieOptions { Secure = true });
                response.Cookies.Append("XSRF-TOKEN", token, [|new CookieOptions|] { Secure = true });
            }
        }
        """);

    [Fact]
    public Task Option_for_all_rules() => Verify.WithOptions("http_analyzers.script_readable_cookie_names = ui_prefs").AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) => response.Headers["Set-Cookie"] = "ui_prefs=compact; Secure";
        }
        """);

    [Fact]
    public Task Message() => Verify.AnalyzerAsync(
        """
        class C
        {
            void M(HttpResponse response) => response.Cookies.Append("sid", "v", new CookieOptions { Secure = true, {|#0:HttpOnly = false|} });
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("Cookie 'sid' is readable from JavaScript (HttpOnly = false), so any script injected into the page can read and steal it"));

    // ------------------------------------------------------------------ negatives

    [Fact]
    public Task Http_only_true() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response)
            {
                response.Cookies.Append("a", "v", new CookieOptions { Secure = true, HttpOnly = true });
                var options = new CookieOptions { Secure = true };
                options.HttpOnly = true;
                response.Cookies.Append("b", "v", options);
            }
        }
        """);

    [Fact]
    public Task Http_only_not_constant() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, bool readable) =>
                response.Cookies.Append("sid", "v", new CookieOptions { Secure = true, HttpOnly = !readable });
        }
        """);

    [Fact]
    public Task Xsrf_cookie_without_http_only() => Verify.AnalyzerAsync("""
        class C
        {
            private const string XsrfCookie = "XSRF-TOKEN";

            void M(HttpResponse response, string token)
            {
                response.Cookies.Append(XsrfCookie, token, new CookieOptions { Secure = true, SameSite = SameSiteMode.Strict });
                response.Cookies.Append("csrf_token", token, new CookieOptions { Secure = true, HttpOnly = false });
                response.Headers.Append("Set-Cookie", "XSRF-TOKEN=abc; Path=/; Secure");
            }
        }
        """);

    [Fact]
    public Task Explicitly_script_readable_options_of_unknown_cookies() => Verify.AnalyzerAsync("""
        class C
        {
            private static readonly CookieOptions ScriptReadable = new() { Secure = true, HttpOnly = false, SameSite = SameSiteMode.Strict };

            void M(HttpResponse response, string name, string value) =>
                response.Cookies.Append(name, value, new CookieOptions { Secure = true, HttpOnly = false });
        }
        """);

    [Fact]
    public Task Xsrf_cookie_without_options_is_only_not_secure() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, string token) => response.Cookies.{|HTTP0020:Append|}("XSRF-TOKEN", token);
        }
        """);

    [Fact]
    public Task Builder_http_only_never_set_or_true() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddCookie(o => o.Cookie.Name = "auth");
                services.AddSession(o => o.Cookie.HttpOnly = true);
                services.AddAntiforgery(o => o.Cookie.Name = "af");
            }
        }
        """);

    [Fact]
    public Task Script_readable_builder_cookie() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services) => services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o =>
            {
                o.Cookie.Name = "csrf-hint";
                o.Cookie.HttpOnly = false;
            });
        }
        """);

    [Fact]
    public Task Policy_http_only_always_with_use_cookie_policy() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.CookiePolicy;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCookiePolicy(o => o.HttpOnly = HttpOnlyPolicy.Always);
        var app = builder.Build();
        app.UseCookiePolicy();
        app.MapGet("/", (HttpResponse response) => response.Cookies.{|HTTP0020:Append|}("sid", "v"));
        app.Run();
        """);

    [Fact]
    public Task Policy_http_only_without_use_cookie_policy_still_reports() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.CookiePolicy;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCookiePolicy(o => o.HttpOnly = HttpOnlyPolicy.Always);
        var app = builder.Build();
        app.MapGet("/", (HttpResponse response) => response.Cookies.{|HTTP0020:[|Append|]|}("sid", "v"));
        app.Run();
        """);

    [Fact]
    public Task Deletion_options_without_http_only() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response)
            {
                var options = new CookieOptions { Path = "/account" };
                response.Cookies.Delete("sid", options);
            }
        }
        """);

    [Fact]
    public Task Set_cookie_header_with_http_only() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) => response.Headers.SetCookie = "theme=dark; Secure; HttpOnly; SameSite=Lax";
        }
        """);

    [Fact]
    public Task Builder_http_only_not_constant() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services, bool spa) => services.AddAuthentication().AddCookie(o => o.Cookie.HttpOnly = !spa);
        }
        """);

    [Fact]
    public Task Policy_passed_to_use_cookie_policy_exempts_builders() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.CookiePolicy;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSession(o => o.Cookie.HttpOnly = false);
        var app = builder.Build();
        app.UseCookiePolicy(new CookiePolicyOptions { HttpOnly = HttpOnlyPolicy.Always });
        app.Run();
        """);

    [Fact]
    public Task Set_cookie_header_upper_case_http_only() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) => response.Headers.Append("Set-Cookie", "sid=1; SECURE; HTTPONLY");
        }
        """);

    // ------------------------------------------------------------------ fixes

    [Fact]
    public Task Fix_append_without_options() => Verify.CodeFixAsync(
        """
        class C
        {
            void M(HttpResponse response) => response.Cookies.{|HTTP0020:[|Append|]|}("sid", "v");
        }
        """,
        """
        class C
        {
            void M(HttpResponse response) => response.Cookies.Append("sid", "v", {|HTTP0020:new CookieOptions|} { HttpOnly = true });
        }
        """);

    [Fact]
    public Task Fix_after_the_0020_fix_completes_the_options() => Verify.CodeFixAsync(
        """
        class C
        {
            void M(HttpResponse response) => response.Cookies.Append("sid", "v", [|new CookieOptions|] { Secure = true });
        }
        """,
        """
        class C
        {
            void M(HttpResponse response) => response.Cookies.Append("sid", "v", new CookieOptions { Secure = true, HttpOnly = true });
        }
        """);

    [Fact]
    public Task Fix_values() => Verify.CodeFixAsync(
        """
        class C
        {
            void M(HttpResponse response, IServiceCollection services)
            {
                var options = new CookieOptions { Secure = true };
                [|options.HttpOnly = false|];
                response.Cookies.Append("sid", "v", options);
                services.AddAuthentication().AddCookie(o =>
                {
                    [|o.Cookie.HttpOnly = false|];
                });
            }
        }
        """,
        """
        class C
        {
            void M(HttpResponse response, IServiceCollection services)
            {
                var options = new CookieOptions { Secure = true };
                options.HttpOnly = true;
                response.Cookies.Append("sid", "v", options);
                services.AddAuthentication().AddCookie(o =>
                {
                    o.Cookie.HttpOnly = true;
                });
            }
        }
        """);

    [Fact]
    public Task Fix_hand_written_header() => Verify.CodeFixAsync(
        """
        class C
        {
            void M(HttpResponse response) => response.Headers.Append("Set-Cookie", [|@"theme=dark; Secure"|]);
        }
        """,
        """
        class C
        {
            void M(HttpResponse response) => response.Headers.Append("Set-Cookie", "theme=dark; Secure; HttpOnly");
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
                    response.Cookies.{|HTTP0020:[|Append|]|}("a", "v");
                    response.Cookies.Append("b", "v", [|new CookieOptions|] { Secure = true });
                    response.Cookies.Append("c", "v", new CookieOptions { Secure = true, [|HttpOnly = false|] });
                }
            }
            """,
            """
            class D
            {
                void M(IServiceCollection services, HttpResponse response)
                {
                    services.AddSession(o => [|o.Cookie.HttpOnly = false|]);
                    response.Headers["Set-Cookie"] = [|"theme=dark; Secure"|];
                }
            }
            """,
        ],
        [
            """
            class C
            {
                void M(HttpResponse response)
                {
                    response.Cookies.Append("a", "v", {|HTTP0020:new CookieOptions|} { HttpOnly = true });
                    response.Cookies.Append("b", "v", new CookieOptions { Secure = true, HttpOnly = true });
                    response.Cookies.Append("c", "v", new CookieOptions { Secure = true, HttpOnly = true });
                }
            }
            """,
            """
            class D
            {
                void M(IServiceCollection services, HttpResponse response)
                {
                    services.AddSession(o => o.Cookie.HttpOnly = true);
                    response.Headers["Set-Cookie"] = "theme=dark; Secure; HttpOnly";
                }
            }
            """,
        ]);

    // ------------------------------------------------------------------ every CookieBuilder: remote authentication and TempData

    [Fact]
    public Task TempData_cookie_readable_from_scripts() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services)
                => services.AddControllersWithViews().AddCookieTempDataProvider(o => [|o.Cookie.HttpOnly = false|]);
        }
        """);

    [Fact]
    public Task Nonce_cookie_readable_from_scripts() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services)
                => services.AddAuthentication().AddOpenIdConnect(o => [|o.NonceCookie.HttpOnly = false|]);
        }
        """);

    [Fact]
    public Task Correlation_cookie_HttpOnly_left_alone() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services)
                => services.AddAuthentication().AddOpenIdConnect(o => o.NonceCookie.HttpOnly = true);
        }
        """);

    // ------------------------------------------------------------------ hand-written Set-Cookie: interpolations and helpers

    [Fact]
    public Task Interpolated_header_without_HttpOnly() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, string id) => response.Headers.Append("Set-Cookie", [|$"sid={id}; Path=/; Secure"|]);
        }
        """);

    [Fact]
    public Task Interpolated_header_with_HttpOnly() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, string id) => response.Headers.Append("Set-Cookie", $"sid={id}; Path=/; Secure; HttpOnly");
        }
        """);

    [Fact]
    public Task Fix_interpolated_header() => Verify.CodeFixAsync("""
        class C
        {
            void M(HttpResponse response, string id) => response.Headers.Append("Set-Cookie", [|$"sid={id}; Path=/; Secure"|]);
        }
        """, """
        class C
        {
            void M(HttpResponse response, string id) => response.Headers.Append("Set-Cookie", $"sid={id}; Path=/; Secure; HttpOnly");
        }
        """);

    [Fact]
    public Task Fix_all_interpolated_headers() => Verify.FixAllAsync("""
        class C
        {
            void M(HttpResponse response, string id)
            {
                response.Headers.Append("Set-Cookie", {|HTTP0020:[|$"sid={id}; Path=/"|]|});
                var prefs = $"prefs={id};";
                response.Headers.Append("Set-Cookie", {|HTTP0020:[|prefs|]|});
            }
        }
        """, """
        class C
        {
            void M(HttpResponse response, string id)
            {
                response.Headers.Append("Set-Cookie", {|HTTP0020:$"sid={id}; Path=/; HttpOnly"|});
                var prefs = $"prefs={id}; HttpOnly";
                response.Headers.Append("Set-Cookie", {|HTTP0020:prefs|});
            }
        }
        """);
}
