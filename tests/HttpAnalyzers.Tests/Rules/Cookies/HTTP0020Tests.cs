using HttpAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.CodeActions;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Cookies;

public class HTTP0020Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.CookieNotSecure);

    // ------------------------------------------------------------------ positives: one per site kind

    [Fact]
    public Task Append_without_options() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) => response.Cookies.{|HTTP0021:[|Append|]|}("sid", "v");
        }
        """);

    [Fact]
    public Task Append_with_options_without_secure() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpContext context) => context.Response.Cookies.Append("sid", "v", [|new CookieOptions|] { HttpOnly = true });
        }
        """);

    [Fact]
    public Task Secure_false_in_initializer() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) => response.Cookies.Append("sid", "v", new CookieOptions { [|Secure = false|], HttpOnly = true });
        }
        """);

    [Fact]
    public Task Secure_false_assigned_later() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response)
            {
                var options = new CookieOptions { HttpOnly = true };
                [|options.Secure = false|];
                response.Cookies.Append("sid", "v", options);
            }
        }
        """);

    [Fact]
    public Task Local_options_never_made_secure() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response)
            {
                var options = [|new CookieOptions()|];
                options.HttpOnly = true;
                options.SameSite = SameSiteMode.Strict;
                response.Cookies.Append("sid", "v", options);
            }
        }
        """);

    [Fact]
    public Task Target_typed_new_in_field() => Verify.AnalyzerAsync("""
        class C
        {
            private static readonly CookieOptions Options = [|new()|] { HttpOnly = true };
        }
        """);

    [Fact]
    public Task Options_returned_by_a_factory() => Verify.AnalyzerAsync("""
        class C
        {
            static CookieOptions Create(TimeSpan lifetime) => [|new CookieOptions|] { HttpOnly = true, MaxAge = lifetime };

            void M(HttpResponse response) => response.Cookies.Append("sid", "v", Create(TimeSpan.FromHours(1)));
        }
        """);

    [Fact]
    public Task AddCookie_secure_policy_none() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services) =>
                services.AddAuthentication().AddCookie(o => [|o.Cookie.SecurePolicy = CookieSecurePolicy.None|]);
        }
        """);

    [Fact]
    public Task AddSession_same_as_request() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services) => services.AddSession(o =>
            {
                o.IdleTimeout = TimeSpan.FromMinutes(20);
                [|o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest|];
            });
        }
        """);

    [Fact]
    public Task AddAntiforgery_secure_policy_none() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services) => services.AddAntiforgery(o => [|o.Cookie.SecurePolicy = CookieSecurePolicy.None|]);
        }
        """);

    [Fact]
    public Task ConfigureApplicationCookie_and_external_cookie() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services)
            {
                services.ConfigureApplicationCookie(o => [|o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest|]);
                services.ConfigureExternalCookie(o => [|o.Cookie.SecurePolicy = CookieSecurePolicy.None|]);
            }
        }
        """);

    [Fact]
    public Task Configure_of_cookie_authentication_options() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Authentication.Cookies;

        class C
        {
            void M(IServiceCollection services) =>
                services.Configure<CookieAuthenticationOptions>("Cookies", o => [|o.Cookie.SecurePolicy = CookieSecurePolicy.None|]);
        }
        """);

    [Fact]
    public Task Cookie_builder_initializer() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services) => services.AddSession(o =>
            {
                o.Cookie = new CookieBuilder { Name = "session", [|SecurePolicy = CookieSecurePolicy.None|] };
            });
        }
        """);

    [Fact]
    public Task Set_cookie_header_indexer() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) => response.Headers["Set-Cookie"] = [|"theme=dark; Path=/; HttpOnly"|];
        }
        """);

    [Fact]
    public Task Set_cookie_header_append_with_header_names() => Verify.AnalyzerAsync("""
        using Microsoft.Net.Http.Headers;

        class C
        {
            void M(HttpResponse response, string id) => response.Headers.Append(HeaderNames.SetCookie, [|$"sid={id}; Path=/; HttpOnly"|]);
        }
        """);

    [Fact]
    public Task Set_cookie_header_property() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) => response.Headers.SetCookie = [|"theme=dark; HttpOnly"|];
        }
        """);

    [Fact]
    public Task Set_cookie_header_add_and_try_add() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpContext context)
            {
                context.Response.Headers.Add("Set-Cookie", {|HTTP0021:[|"a=1"|]|});
                context.Response.Headers.TryAdd("Set-Cookie", [|"b=1; HttpOnly"|]);
            }
        }
        """);

    [Fact]
    public Task Policy_without_use_cookie_policy_still_reports() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.Always);
        var app = builder.Build();
        app.MapGet("/", (HttpResponse response) => response.Cookies.Append("sid", "v", [|new CookieOptions|] { HttpOnly = true }));
        app.Run();
        """);

    [Fact]
    public Task Policy_same_as_request_does_not_exempt() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.UseCookiePolicy(new CookiePolicyOptions { Secure = CookieSecurePolicy.SameAsRequest });
        app.MapGet("/", (HttpResponse response) => response.Cookies.Append("sid", "v", [|new CookieOptions|] { HttpOnly = true }));
        app.Run();
        """);

    [Fact]
    public Task Policy_does_not_cover_hand_written_header() => Verify.AnalyzerAsync(
    [
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCookiePolicy(o => o.Secure = CookieSecurePolicy.Always);
        var app = builder.Build();
        app.UseCookiePolicy();
        app.Run();
        """,
        """
        class C
        {
            void M(HttpResponse response) => response.Headers.Append("set-cookie", [|"theme=dark; HttpOnly"|]);
        }
        """,
    ]);

    [Fact]
    public Task Message_for_append_without_options() => Verify.AnalyzerAsync(
        """
        class C
        {
            void M(HttpResponse response) => response.Cookies.{|#0:Append|}("sid", "v");
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("Cookie 'sid' is not marked Secure (Append without CookieOptions leaves Secure unset), so browsers also send it over plain HTTP where anyone on the network can read or change it"),
        Verify.Diagnostic(DiagnosticIds.CookieNotHttpOnly).WithLocation(0));

    [Fact]
    public Task Message_for_builder() => Verify.AnalyzerAsync(
        """
        class C
        {
            void M(IServiceCollection services) => services.AddAuthentication().AddCookie(o =>
            {
                o.Cookie.Name = "auth";
                {|#0:o.Cookie.SecurePolicy = CookieSecurePolicy.None|};
            });
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("Authentication cookie 'auth' is not marked Secure (SecurePolicy = CookieSecurePolicy.None), so browsers also send it over plain HTTP where anyone on the network can read or change it"));

    // ------------------------------------------------------------------ negatives: the safe variant of each site

    [Fact]
    public Task Secure_true() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) => response.Cookies.Append("sid", "v", new CookieOptions { Secure = true, HttpOnly = true });
        }
        """);

    [Fact]
    public Task Secure_true_assigned_later() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response)
            {
                var options = new CookieOptions();
                options.Secure = true;
                options.HttpOnly = true;
                response.Cookies.Append("sid", "v", options);
            }
        }
        """);

    [Fact]
    public Task Secure_not_constant() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpRequest request, HttpResponse response) =>
                response.Cookies.Append("sid", "v", new CookieOptions { Secure = request.IsHttps, HttpOnly = true });
        }
        """);

    [Fact]
    public Task Copied_options() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, CookieOptions defaults) =>
                response.Cookies.Append("sid", "v", new CookieOptions(defaults) { Expires = DateTimeOffset.UtcNow.AddDays(1) });
        }
        """);

    [Fact]
    public Task Options_from_elsewhere() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, CookieOptions options) => response.Cookies.Append("sid", "v", options);
        }
        """);

    [Fact]
    public Task Delete_of_unprefixed_cookie() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response)
            {
                response.Cookies.Delete("sid");
                response.Cookies.Delete("theme", new CookieOptions { Path = "/app" });
            }
        }
        """);

    [Fact]
    public Task Policy_always_with_use_cookie_policy() => Verify.AnalyzerAsync(
    [
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.Configure<CookiePolicyOptions>(o =>
        {
            o.Secure = CookieSecurePolicy.Always;
            o.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always;
        });
        var app = builder.Build();
        app.UseCookiePolicy();
        app.Run();
        """,
        """
        class C
        {
            void M(HttpResponse response)
            {
                response.Cookies.Append("sid", "v");
                response.Cookies.Append("theme", "dark", new CookieOptions { Secure = false });
            }
        }
        """,
    ]);

    [Fact]
    public Task Policy_passed_to_use_cookie_policy_exempts_builders() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthentication().AddCookie(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        var app = builder.Build();
        app.UseCookiePolicy(new CookiePolicyOptions { Secure = CookieSecurePolicy.Always });
        app.Run();
        """);

    [Fact]
    public Task Builder_secure_policy_always() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddCookie(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
                services.AddSession(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            }
        }
        """);

    [Fact]
    public Task Builder_property_never_set() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddCookie(o =>
                {
                    o.LoginPath = "/login";
                    o.Cookie.Name = "auth";
                });
                services.AddSession();
                services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN");
            }
        }
        """);

    [Fact]
    public Task Builder_secure_policy_not_constant() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services, CookieSecurePolicy policy) =>
                services.AddAuthentication().AddCookie(o => o.Cookie.SecurePolicy = policy);
        }
        """);

    [Fact]
    public Task Set_cookie_header_with_secure() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, string id)
            {
                response.Headers["Set-Cookie"] = "theme=dark; Path=/; Secure; HttpOnly";
                response.Headers.Append("Set-Cookie", $"sid={id}; secure; httponly");
            }
        }
        """);

    [Fact]
    public Task Set_cookie_header_not_constant_or_attributes_unknown() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, string header, string attributes)
            {
                response.Headers["Set-Cookie"] = header;
                response.Headers.Append("Set-Cookie", $"sid=1; {attributes}");
            }
        }
        """);

    [Fact]
    public Task Other_headers_and_appends() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, System.Text.StringBuilder text)
            {
                response.Headers["X-Set-Cookie"] = "theme=dark";
                response.Headers.Append("Cache-Control", "no-store");
                text.Append("Set-Cookie");
            }
        }
        """);

    [Fact]
    public Task Hand_written_deletion() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response)
            {
                response.Headers.Append("Set-Cookie", "theme=; Max-Age=0; Path=/");
                response.Headers.Append("Set-Cookie", "lang=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/");
            }
        }
        """);

    [Fact]
    public Task Secure_switched_off_conditionally() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, bool development)
            {
                var options = new CookieOptions { Secure = true, HttpOnly = true };
                if (development)
                {
                    options.Secure = false;
                }

                response.Cookies.Append("sid", "v", options);
            }
        }
        """);

    [Fact]
    public Task Builder_initializer_always() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services) =>
                services.AddSession(o => o.Cookie = new CookieBuilder { Name = "session", SecurePolicy = CookieSecurePolicy.Always, HttpOnly = true });
        }
        """);

    [Fact]
    public Task Policy_configured_by_options_class() => Verify.AnalyzerAsync(
    [
        """
        using Microsoft.Extensions.Options;

        sealed class CookiePolicySetup : IConfigureOptions<CookiePolicyOptions>
        {
            public void Configure(CookiePolicyOptions options) => options.Secure = CookieSecurePolicy.Always;
        }
        """,
        """
        class Startup
        {
            public void Configure(IApplicationBuilder app) => app.UseCookiePolicy();

            public void Write(HttpResponse response) => response.Cookies.Append("theme", "dark", new CookieOptions { HttpOnly = true });
        }
        """,
    ]);

    [Fact]
    public Task Secure_from_a_constant() => Verify.AnalyzerAsync("""
        class C
        {
            private const bool SecureCookies = true;

            void M(HttpResponse response) => response.Cookies.Append("sid", "v", new CookieOptions { Secure = SecureCookies, HttpOnly = true });
        }
        """);

    [Fact]
    public Task Set_cookie_header_attributes_in_any_case_and_spacing() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) => response.Headers["set-cookie"] = "sid=1;secure;HTTPONLY ;  path=/";
        }
        """);

    [Fact]
    public Task Not_the_response_cookie_collection() => Verify.AnalyzerAsync("""
        class CookieJar
        {
            public void Append(string key, string value) { }
        }

        class C
        {
            void M(CookieJar jar, HttpRequest request)
            {
                jar.Append("sid", "v");
                request.Headers["Cookie"] = "sid=1";
                var options = new System.Net.Cookie("sid", "v");
            }
        }
        """);

    [Fact]
    public Task Set_cookie_header_with_several_values() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) => response.Headers["Set-Cookie"] = new[] { "a=1", "b=2" };
        }
        """);

    // ------------------------------------------------------------------ fixes

    [Fact]
    public Task Fix_append_without_options() => Verify.CodeFixAsync(
        """
        class C
        {
            void M(HttpResponse response) => response.Cookies.{|HTTP0021:[|Append|]|}("sid", "v");
        }
        """,
        """
        class C
        {
            void M(HttpResponse response) => response.Cookies.Append("sid", "v", {|HTTP0021:new CookieOptions|} { Secure = true });
        }
        """);

    [Fact]
    public Task Fix_adds_member_to_initializer() => Verify.CodeFixAsync(
        """
        class C
        {
            void M(HttpResponse response)
            {
                response.Cookies.Append("sid", "v", [|new CookieOptions|] { HttpOnly = true });
                response.Cookies.Append("sid", "v", [|new CookieOptions|]
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Strict
                });
                response.Cookies.Append("sid", "v", [|new CookieOptions|]
                {
                    HttpOnly = true,
                });
            }
        }
        """,
        """
        class C
        {
            void M(HttpResponse response)
            {
                response.Cookies.Append("sid", "v", new CookieOptions { HttpOnly = true, Secure = true });
                response.Cookies.Append("sid", "v", new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Strict,
                    Secure = true
                });
                response.Cookies.Append("sid", "v", new CookieOptions
                {
                    HttpOnly = true,
                    Secure = true,
                });
            }
        }
        """);

    [Fact]
    public Task Fix_adds_initializer() => Verify.CodeFixAsync(
        """
        class C
        {
            void M(HttpResponse response)
            {
                var options = [|new CookieOptions()|];
                options.HttpOnly = true;
                CookieOptions other = [|new()|];
                other.HttpOnly = true;
                response.Cookies.Append("a", "v", options);
                response.Cookies.Append("b", "v", other);
            }
        }
        """,
        """
        class C
        {
            void M(HttpResponse response)
            {
                var options = new CookieOptions { Secure = true };
                options.HttpOnly = true;
                CookieOptions other = new() { Secure = true };
                other.HttpOnly = true;
                response.Cookies.Append("a", "v", options);
                response.Cookies.Append("b", "v", other);
            }
        }
        """);

    [Fact]
    public Task Fix_replaces_wrong_values() => Verify.CodeFixAsync(
        """
        class C
        {
            void M(HttpResponse response, IServiceCollection services)
            {
                var options = new CookieOptions { HttpOnly = true };
                [|options.Secure = false|];
                response.Cookies.Append("sid", "v", options);
                services.AddSession(o => [|o.Cookie.SecurePolicy = CookieSecurePolicy.None|]);
            }
        }
        """,
        """
        class C
        {
            void M(HttpResponse response, IServiceCollection services)
            {
                var options = new CookieOptions { HttpOnly = true };
                options.Secure = true;
                response.Cookies.Append("sid", "v", options);
                services.AddSession(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            }
        }
        """);

    [Fact]
    public Task Fix_hand_written_header() => Verify.CodeFixAsync(
        """
        class C
        {
            void M(HttpResponse response) => response.Headers["Set-Cookie"] = [|"theme=dark; Path=/; HttpOnly"|];
        }
        """,
        """
        class C
        {
            void M(HttpResponse response) => response.Headers["Set-Cookie"] = "theme=dark; Path=/; HttpOnly; Secure";
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
                    response.Cookies.{|HTTP0021:[|Append|]|}("a", "v");
                    response.Cookies.{|HTTP0021:[|Append|]|}(value: "v", key: "b");
                    response.Cookies.Append("c", "v", [|new CookieOptions|] { HttpOnly = true });
                    response.Cookies.Append("d", "v", new CookieOptions { [|Secure = false|], HttpOnly = true });
                }
            }
            """,
            """
            class D
            {
                void M(IServiceCollection services, HttpResponse response)
                {
                    services.AddAuthentication().AddCookie(o => [|o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest|]);
                    response.Headers["Set-Cookie"] = [|"theme=dark; HttpOnly"|];
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
                    response.Cookies.Append("a", "v", {|HTTP0021:new CookieOptions|} { Secure = true });
                    response.Cookies.Append(value: "v", key: "b", options: {|HTTP0021:new CookieOptions|} { Secure = true });
                    response.Cookies.Append("c", "v", new CookieOptions { HttpOnly = true, Secure = true });
                    response.Cookies.Append("d", "v", new CookieOptions { Secure = true, HttpOnly = true });
                }
            }
            """,
            """
            class D
            {
                void M(IServiceCollection services, HttpResponse response)
                {
                    services.AddAuthentication().AddCookie(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
                    response.Headers["Set-Cookie"] = "theme=dark; HttpOnly; Secure";
                }
            }
            """,
        ]);

    // ------------------------------------------------------------------ every CookieBuilder: remote authentication and TempData

    [Fact]
    public Task TempData_cookie_weakened() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        class C
        {
            void M(IServiceCollection services)
                => services.Configure<CookieTempDataProviderOptions>(o => {|#0:o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest|});
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("The TempData cookie is not marked Secure (SecurePolicy = CookieSecurePolicy.SameAsRequest), so browsers also send it over plain HTTP where anyone on the network can read or change it"));

    [Fact]
    public Task TempData_cookie_weakened_through_AddCookieTempDataProvider() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services)
                => services.AddControllersWithViews().AddCookieTempDataProvider(o => [|o.Cookie.SecurePolicy = CookieSecurePolicy.None|]);
        }
        """);

    [Fact]
    public Task TempData_cookie_left_alone() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services)
                => services.AddControllersWithViews().AddCookieTempDataProvider(o => o.Cookie.Name = "tempdata");
        }
        """);

    [Fact]
    public Task Correlation_cookie_message() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services)
                => services.AddAuthentication().AddOpenIdConnect(o => {|HTTP0022:{|#0:o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest|}|});
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("The correlation cookie is not marked Secure (SecurePolicy = CookieSecurePolicy.SameAsRequest), so browsers also send it over plain HTTP where anyone on the network can read or change it"));

    // ------------------------------------------------------------------ hand-written Set-Cookie: interpolations, concatenations, helpers

    [Fact]
    public Task Interpolated_header_without_Secure() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, string id) => response.Headers.Append("Set-Cookie", [|$"sid={id}; Path=/; HttpOnly"|]);
        }
        """);

    [Fact]
    public Task Concatenated_header_without_Secure_has_no_fix() => Verify.NoCodeFixAsync("""
        class C
        {
            void M(HttpResponse response, string id) => response.Headers.Append("Set-Cookie", [|"sid=" + id + "; Path=/; HttpOnly"|]);
        }
        """);

    [Fact]
    public Task Header_built_in_a_local() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, string id)
            {
                var cookie = $"sid={id}; Path=/; HttpOnly";
                response.Headers.Append("Set-Cookie", [|cookie|]);
            }
        }
        """);

    [Fact]
    public Task Header_built_by_a_local_function() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, string id)
            {
                response.Headers["Set-Cookie"] = [|Cookie(id)|];

                static string Cookie(string value) => $"sid={value}; Path=/; HttpOnly";
            }
        }
        """);

    [Fact]
    public Task Interpolated_header_with_Secure() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, string id) => response.Headers.Append("Set-Cookie", $"sid={id}; Path=/; Secure; HttpOnly");
        }
        """);

    [Fact]
    public Task Header_attributes_from_a_hole_are_unknown() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, string id, string attributes) => response.Headers.Append("Set-Cookie", $"sid={id}; {attributes}");
        }
        """);

    [Fact]
    public Task Local_header_completed_later_is_unknown() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, string id, bool https)
            {
                var cookie = $"sid={id}; Path=/; HttpOnly";
                if (https)
                {
                    cookie += "; Secure";
                }

                response.Headers.Append("Set-Cookie", cookie);
            }
        }
        """);

    [Fact]
    public Task Local_function_with_Secure() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, string id)
            {
                response.Headers["Set-Cookie"] = Cookie(id);

                static string Cookie(string value) => $"sid={value}; Path=/; Secure; HttpOnly";
            }
        }
        """);

    [Fact]
    public Task Fix_interpolated_header() => Verify.CodeFixAsync("""
        class C
        {
            void M(HttpResponse response, string id) => response.Headers.Append("Set-Cookie", [|$"sid={id}; Path=/; HttpOnly"|]);
        }
        """, """
        class C
        {
            void M(HttpResponse response, string id) => response.Headers.Append("Set-Cookie", $"sid={id}; Path=/; HttpOnly; Secure");
        }
        """);

    [Fact]
    public Task Fix_interpolated_header_ending_in_a_hole() => Verify.CodeFixAsync("""
        class C
        {
            void M(HttpResponse response, string id) => response.Headers.Append("Set-Cookie", {|HTTP0021:[|$"sid={id}"|]|});
        }
        """, """
        class C
        {
            void M(HttpResponse response, string id) => response.Headers.Append("Set-Cookie", {|HTTP0021:$"sid={id}; Secure"|});
        }
        """);

    [Fact]
    public Task Fix_header_at_the_local() => Verify.CodeFixAsync("""
        class C
        {
            void M(HttpResponse response, string id)
            {
                var cookie = $"sid={id}; Path=/; HttpOnly";
                response.Headers.Append("Set-Cookie", [|cookie|]);
            }
        }
        """, """
        class C
        {
            void M(HttpResponse response, string id)
            {
                var cookie = $"sid={id}; Path=/; HttpOnly; Secure";
                response.Headers.Append("Set-Cookie", cookie);
            }
        }
        """);

    [Fact]
    public Task Fix_header_in_the_local_function() => Verify.CodeFixAsync("""
        class C
        {
            void M(HttpResponse response, string id)
            {
                response.Headers["Set-Cookie"] = [|Cookie(id)|];

                static string Cookie(string value) => "sid=abc; Path=/; HttpOnly";
            }
        }
        """, """
        class C
        {
            void M(HttpResponse response, string id)
            {
                response.Headers["Set-Cookie"] = Cookie(id);

                static string Cookie(string value) => "sid=abc; Path=/; HttpOnly; Secure";
            }
        }
        """);

    // ---- every cookie fix together (HTTP0020-HTTP0023 compose) ----

    private const string EveryCookieMistake = """
        using HeaderNames = Microsoft.Net.Http.Headers.HeaderNames;

        class C
        {
            void M(HttpResponse response, IServiceCollection services, string id)
            {
                response.Cookies.Append("__Host-sid", id);
                response.Cookies.Append(value: id, key: "a");
                var options = new CookieOptions { HttpOnly = false, Domain = "example.com", Path = "/app", SameSite = SameSiteMode.None, Extensions = { "Partitioned" } };
                options.Secure = false;
                response.Cookies.Append("__Host-b", id, options);
                response.Cookies.Delete("__Secure-c");
                CookieOptions other = new();
                response.Cookies.Append("d", id, other);
                response.Headers[HeaderNames.SetCookie] = "__Host-e=1; Domain=example.com; Path=/x; SameSite=None; Partitioned";
                response.Headers.Append("Set-Cookie", $"f={id}; HttpOnly");
                services.AddAuthentication().AddCookie(o =>
                {
                    o.Cookie.Name = "__Host-auth";
                    o.Cookie.SameSite = SameSiteMode.None;
                    o.Cookie.HttpOnly = false;
                    o.Cookie.Domain = "example.com";
                    o.Cookie.Path = "/app";
                });
                services.AddSession(o => o.Cookie = new CookieBuilder { Name = "__Secure-s", SecurePolicy = CookieSecurePolicy.None, SameSite = SameSiteMode.None });
                services.AddAntiforgery(o => o.Cookie.HttpOnly = false);
            }
        }
        """;

    /// <summary>Applying every cookie fix in turn leaves only the unfixable finding, and the code compiles.</summary>
    [Fact]
    public async Task Applying_every_cookie_fix_leaves_only_the_unfixable_and_compiles()
    {
        var project = TestWorkspace.CreateProject([EveryCookieMistake]);
        for (var iteration = 0; iteration < 64; iteration++)
        {
            CodeAction? action = null;
            foreach (var diagnostic in await TestWorkspace.GetAnalyzerDiagnosticsAsync(project))
            {
                var actions = await RuleVerifier.GetCodeActionsAsync(project.GetDocument(diagnostic.Location.SourceTree)!, diagnostic);
                if (actions.Length > 0)
                {
                    action = actions[0];
                    break;
                }
            }

            if (action is null)
            {
                break;
            }

            project = (await RuleVerifier.ApplyAsync(action, project.Solution)).GetProject(project.Id)!;
        }

        Assert.Empty(await TestWorkspace.GetCompilerErrorsAsync(project));
        foreach (var diagnostic in await TestWorkspace.GetAnalyzerDiagnosticsAsync(project))
        {
            // Nothing should remain: the interpolated header gets "; Secure" appended to its last text part. Were it
            // ever left unfixed, it would be the only one.
            var text = diagnostic.Location.SourceTree!.GetText().GetSubText(diagnostic.Location.SourceSpan).ToString();
            Assert.True(text == "$\"f={id}; HttpOnly\"", $"{diagnostic.Id} remains at '{text}'");
        }
    }
}
