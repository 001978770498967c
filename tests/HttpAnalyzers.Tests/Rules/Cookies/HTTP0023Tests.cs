using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Cookies;

public class HTTP0023Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.CookiePrefixViolated);

    // ------------------------------------------------------------------ positives

    [Fact]
    public Task Host_prefix_append_without_options() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) => response.Cookies.{|HTTP0020:{|HTTP0021:Append|}|}([|"__Host-sid"|], "v");
        }
        """);

    [Fact]
    public Task Secure_prefix_options_without_secure_case_insensitive() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) => response.Cookies.Append([|"__SECURE-sid"|], "v", {|HTTP0020:new CookieOptions|} { HttpOnly = true });
        }
        """);

    [Fact]
    public Task Host_prefix_with_secure_false() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) => response.Cookies.Append("__Host-sid", "v", new CookieOptions { {|HTTP0020:[|Secure = false|]|}, HttpOnly = true });
        }
        """);

    [Fact]
    public Task Host_prefix_with_domain_and_path() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response)
            {
                response.Cookies.Append("__Host-a", "v", new CookieOptions { Secure = true, HttpOnly = true, [|Domain = "example.com"|] });
                var options = new CookieOptions { Secure = true, HttpOnly = true };
                [|options.Path = "/account"|];
                response.Cookies.Append("__Host-b", "v", options);
            }
        }
        """);

    [Fact]
    public Task Delete_of_prefixed_cookies() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response)
            {
                response.Cookies.Delete([|"__Host-sid"|]);
                response.Cookies.Delete([|"__Secure-theme"|], new CookieOptions { Path = "/" });
            }
        }
        """);

    [Fact]
    public Task Partitioned_without_secure() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response)
            {
                response.Cookies.Append([|"embed"|], "v", {|HTTP0020:new CookieOptions|} { HttpOnly = true, Extensions = { "Partitioned" } });
                var options = {|HTTP0020:new CookieOptions|} { HttpOnly = true };
                options.Extensions.Add("Partitioned");
                response.Cookies.Append([|"widget"|], "v", options);
            }
        }
        """);

    [Fact]
    public Task Builders() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddCookie(o =>
                {
                    o.Cookie.Name = [|"__Host-auth"|];
                    [|o.Cookie.Domain = "example.com"|];
                    [|o.Cookie.Path = "/app"|];
                });
                services.AddSession(o =>
                {
                    o.Cookie.Name = "__Secure-session";
                    {|HTTP0020:[|o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest|]|};
                });
            }
        }
        """);

    [Fact]
    public Task Partitioned_builder_cookies() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddCookie(o =>
                {
                    o.Cookie.SameSite = SameSiteMode.None;
                    o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                    o.Cookie.Extensions.Add("Partitioned");
                });
                services.AddSession(o =>
                {
                    o.Cookie.Extensions.Add([|"Partitioned"|]);
                });
                services.AddAntiforgery(o =>
                {
                    {|HTTP0020:[|o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest|]|};
                    o.Cookie.Extensions.Add("Partitioned");
                });
            }
        }
        """);

    [Fact]
    public Task Set_cookie_headers() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response)
            {
                response.Headers.Append("Set-Cookie", {|HTTP0020:[|"__Host-a=1; Path=/; HttpOnly"|]|});
                response.Headers.Append("Set-Cookie", [|"__Host-b=1; Secure; HttpOnly; Domain=example.com; Path=/"|]);
                response.Headers.Append("Set-Cookie", [|"__Host-c=1; Secure; HttpOnly"|]);
                response.Headers.Append("Set-Cookie", {|HTTP0020:[|"embed=1; HttpOnly; Partitioned"|]|});
            }
        }
        """);

    [Fact]
    public Task Interpolated_prefixed_names() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, IServiceCollection services, string tenant)
            {
                response.Cookies.Delete([|$"__Host-{tenant}"|]);
                response.Cookies.Append([|"__Secure-" + tenant|], "v", {|HTTP0020:new CookieOptions|} { HttpOnly = true });
                services.AddSession(o => o.Cookie.Name = [|$"__Host-session-{tenant}"|]);
            }
        }
        """);

    [Fact]
    public Task Messages() => Verify.AnalyzerAsync(
        """
        class C
        {
            void M(HttpResponse response)
            {
                response.Cookies.Delete({|#0:"__Host-sid"|});
                response.Cookies.Append("__Host-a", "v", new CookieOptions { Secure = true, HttpOnly = true, {|#1:Path = "/app"|} });
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("Cookie '__Host-sid' has the '__Host-' prefix but is not Secure, so browsers reject the deletion and the cookie is never removed"),
        Verify.Diagnostic().WithLocation(1).WithMessage("Cookie '__Host-a' has the '__Host-' prefix but sets Path to '/app' instead of '/', so browsers reject it"));

    [Fact]
    public Task Message_for_hand_written_header() => Verify.AnalyzerAsync(
        """
        class C
        {
            void M(HttpResponse response) => response.Headers.SetCookie = {|#0:"__Host-sid=1; Secure; HttpOnly; Domain=example.com; Path=/app"|};
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("Cookie '__Host-sid' in this Set-Cookie header has the '__Host-' prefix but sets Domain and sets Path to '/app' instead of '/', so browsers reject it"));

    // ------------------------------------------------------------------ negatives

    [Fact]
    public Task Host_prefix_done_right() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response)
            {
                response.Cookies.Append("__Host-a", "v", new CookieOptions { Secure = true, HttpOnly = true });
                response.Cookies.Append("__Host-b", "v", new CookieOptions { Secure = true, HttpOnly = true, Path = "/", Domain = null });
                response.Headers.Append("Set-Cookie", "__Host-c=1; Path=/; Secure; HttpOnly");
            }
        }
        """);

    [Fact]
    public Task Secure_prefix_with_secure_and_domain() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) =>
                response.Cookies.Append("__Secure-a", "v", new CookieOptions { Secure = true, HttpOnly = true, Domain = "example.com", Path = "/app" });
        }
        """);

    [Fact]
    public Task Not_a_prefix() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response)
            {
                response.Cookies.Delete("Host-a");
                response.Cookies.Delete("x__Host-b");
                response.Cookies.Delete("_Secure-c");
            }
        }
        """);

    [Fact]
    public Task Delete_with_secure_options() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response)
            {
                response.Cookies.Delete("__Host-sid", new CookieOptions { Secure = true });
                var options = new CookieOptions { Secure = true, Path = "/" };
                response.Cookies.Delete("__Secure-theme", options);
            }
        }
        """);

    [Fact]
    public Task Partitioned_with_secure() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response)
            {
                response.Cookies.Append("embed", "v", new CookieOptions { Secure = true, HttpOnly = true, SameSite = SameSiteMode.None, Extensions = { "Partitioned" } });
                response.Headers.Append("Set-Cookie", "widget=1; Secure; HttpOnly; SameSite=None; Partitioned");
            }
        }
        """);

    [Fact]
    public Task Secure_not_constant_or_name_not_constant() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpRequest request, HttpResponse response, string name)
            {
                response.Cookies.Append("__Host-a", "v", new CookieOptions { Secure = request.IsHttps, HttpOnly = true });
                response.Cookies.Delete(name);
            }
        }
        """);

    [Fact]
    public Task Policy_always_with_use_cookie_policy_covers_secure_only() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.Always);
        var app = builder.Build();
        app.UseCookiePolicy();
        app.MapGet("/", (HttpResponse response) =>
        {
            response.Cookies.Append("__Host-a", "v", new CookieOptions { HttpOnly = true });
            response.Cookies.Delete("__Host-a");
            response.Cookies.Append("__Host-b", "v", new CookieOptions { HttpOnly = true, [|Domain = "example.com"|] });
        });
        app.Run();
        """);

    [Fact]
    public Task Builders_done_right() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services, string name)
            {
                services.AddAuthentication().AddCookie(o =>
                {
                    o.Cookie.Name = "__Host-auth";
                    o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                    o.Cookie.Path = "/";
                });
                services.AddSession(o => o.Cookie.Name = name);
                services.AddAntiforgery(o => o.Cookie = new CookieBuilder { Name = "__Secure-af", SecurePolicy = CookieSecurePolicy.Always });
            }
        }
        """);

    [Fact]
    public Task Interpolated_names_without_prefix() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, string tenant)
            {
                response.Cookies.Delete($"{tenant}__Host-x");
                response.Cookies.Delete(tenant + "-session");
            }
        }
        """);

    [Fact]
    public Task Host_prefix_path_set_to_root_later_and_lower_case_prefix() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response)
            {
                var options = new CookieOptions { Secure = true, HttpOnly = true, Path = "/app" };
                options.Path = "/";
                response.Cookies.Append("__host-a", "v", options);
            }
        }
        """);

    [Fact]
    public Task Secure_prefix_header_with_secure() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response)
            {
                response.Headers.Append("Set-Cookie", "__Secure-a=1; Secure; HttpOnly; Domain=example.com; Path=/app");
                response.Headers.Append("Set-Cookie", "__Host-a=; Max-Age=0; Path=/; Secure");
            }
        }
        """);

    [Fact]
    public Task Partitioned_builder_with_secure_policy_always() => Verify.AnalyzerAsync("""
        class C
        {
            void M(IServiceCollection services) => services.AddSession(o =>
            {
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.Extensions.Add("Partitioned");
            });
        }
        """);

    [Fact]
    public Task Domain_not_constant() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, IConfiguration configuration) =>
                response.Cookies.Append("__Host-a", "v", new CookieOptions { Secure = true, HttpOnly = true, Domain = configuration["CookieDomain"] });
        }
        """);

    // ------------------------------------------------------------------ fixes

    [Fact]
    public Task Fix_name_without_options() => Verify.CodeFixAsync(
        """
        class C
        {
            void M(HttpResponse response) => response.Cookies.Delete([|"__Host-sid"|]);
        }
        """,
        """
        class C
        {
            void M(HttpResponse response) => response.Cookies.Delete("__Host-sid", new CookieOptions { Secure = true });
        }
        """);

    [Fact]
    public Task Fix_host_cookie_options() => Verify.CodeFixAsync(
        """
        class C
        {
            void M(HttpResponse response)
            {
                response.Cookies.Append([|"__Host-a"|], "v", {|HTTP0020:new CookieOptions|} { HttpOnly = true, [|Domain = "example.com"|], [|Path = "/app"|] });
                var options = new CookieOptions { {|HTTP0020:[|Secure = false|]|}, HttpOnly = true };
                [|options.Domain = "example.com"|];
                response.Cookies.Append("__Host-b", "v", options);
            }
        }
        """,
        """
        class C
        {
            void M(HttpResponse response)
            {
                response.Cookies.Append("__Host-a", "v", new CookieOptions { HttpOnly = true, Path = "/", Secure = true });
                var options = new CookieOptions { Secure = true, HttpOnly = true };
                response.Cookies.Append("__Host-b", "v", options);
            }
        }
        """);

    [Fact]
    public Task Fix_builder() => Verify.CodeFixAsync(
        """
        class C
        {
            void M(IServiceCollection services) => services.AddAuthentication().AddCookie(o =>
            {
                o.Cookie.Name = [|"__Host-auth"|];
                [|o.Cookie.Path = "/app"|];
            });
        }
        """,
        """
        class C
        {
            void M(IServiceCollection services) => services.AddAuthentication().AddCookie(o =>
            {
                o.Cookie.Name = "__Host-auth";
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.Path = "/";
            });
        }
        """);

    [Fact]
    public Task Fix_partitioned_builder() => Verify.CodeFixAsync(
        """
        class C
        {
            void M(IServiceCollection services) => services.AddSession(o =>
            {
                {|HTTP0022:o.Cookie.SameSite = SameSiteMode.None|};
                o.Cookie.Extensions.Add([|"Partitioned"|]);
            });
        }
        """,
        """
        class C
        {
            void M(IServiceCollection services) => services.AddSession(o =>
            {
                o.Cookie.SameSite = SameSiteMode.None;
                o.Cookie.Extensions.Add("Partitioned");
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            });
        }
        """);

    [Fact]
    public Task Fix_all_sets_secure_policy_once_per_builder() => Verify.FixAllAsync(
        """
        class C
        {
            void M(IServiceCollection services) => services.AddAuthentication().AddCookie(o =>
            {
                o.Cookie.Name = [|"__Host-auth"|];
                o.Cookie.Extensions.Add([|"Partitioned"|]);
            });
        }
        """,
        """
        class C
        {
            void M(IServiceCollection services) => services.AddAuthentication().AddCookie(o =>
            {
                o.Cookie.Name = "__Host-auth";
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.Extensions.Add("Partitioned");
            });
        }
        """);

    [Fact]
    public Task Fix_all_expression_bodied_builder_lambdas() => Verify.FixAllAsync(
        """
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddSession(o => o.Cookie.Name = [|"__Host-session"|]);
                services.AddAntiforgery(options => options.Cookie.Name = [|"__Secure-af"|]);
            }
        }
        """,
        """
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddSession(o => { o.Cookie.Name = "__Host-session"; o.Cookie.SecurePolicy = CookieSecurePolicy.Always; });
                services.AddAntiforgery(options => { options.Cookie.Name = "__Secure-af"; options.Cookie.SecurePolicy = CookieSecurePolicy.Always; });
            }
        }
        """);

    [Fact]
    public Task Fix_builder_in_single_line_block() => Verify.CodeFixAsync(
        """
        class C
        {
            void M(IServiceCollection services) => services.AddAuthentication().AddCookie(o => { o.Cookie.Name = [|"__Host-auth"|]; });
        }
        """,
        """
        class C
        {
            void M(IServiceCollection services) => services.AddAuthentication().AddCookie(o => { o.Cookie.Name = "__Host-auth"; o.Cookie.SecurePolicy = CookieSecurePolicy.Always; });
        }
        """);

    [Fact]
    public Task No_fix_for_domain_assigned_inside_an_expression() => Verify.NoCodeFixAsync("""
        class C
        {
            void M(IServiceCollection services, ILogger logger) => services.AddAuthentication().AddCookie(o =>
            {
                o.Cookie.Name = "__Host-auth";
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                logger.LogInformation("Cookie domain: {Domain}", [|o.Cookie.Domain = "example.com"|]);
            });
        }
        """);

    [Fact]
    public Task Fix_hand_written_header() => Verify.CodeFixAsync(
        """
        class C
        {
            void M(HttpResponse response) => response.Headers.Append("Set-Cookie", [|"__Host-b=1; Secure; HttpOnly; Domain=example.com; Path=/app"|]);
        }
        """,
        """
        class C
        {
            void M(HttpResponse response) => response.Headers.Append("Set-Cookie", "__Host-b=1; Secure; HttpOnly; Path=/");
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
                    response.Cookies.Append([|"__Host-a"|], "v", {|HTTP0020:new CookieOptions|}
                    {
                        HttpOnly = true,
                        [|Domain = "example.com"|],
                        [|Path = "/app"|],
                    });
                    response.Cookies.Delete([|"__Secure-b"|]);
                }
            }
            """,
            """
            class D
            {
                void M(HttpResponse response) => response.Headers.Append("Set-Cookie", {|HTTP0020:[|"__Host-c=1; HttpOnly"|]|});
            }
            """,
        ],
        [
            """
            class C
            {
                void M(HttpResponse response)
                {
                    response.Cookies.Append("__Host-a", "v", new CookieOptions
                    {
                        HttpOnly = true,
                        Path = "/",
                        Secure = true,
                    });
                    response.Cookies.Delete("__Secure-b", new CookieOptions { Secure = true });
                }
            }
            """,
            """
            class D
            {
                void M(HttpResponse response) => response.Headers.Append("Set-Cookie", "__Host-c=1; HttpOnly; Path=/; Secure");
            }
            """,
        ]);

    [Fact]
    public Task No_fix_for_interpolated_header_that_needs_more_than_appending() => Verify.NoCodeFixAsync("""
        class C
        {
            void M(HttpResponse response, string id) => response.Headers.Append("Set-Cookie", {|HTTP0020:[|$"__Host-sid={id}; Path=/app; HttpOnly"|]|});
        }
        """);

    [Fact]
    public Task Fix_interpolated_partitioned_header() => Verify.CodeFixAsync("""
        class C
        {
            void M(HttpResponse response, string id) => response.Headers.Append("Set-Cookie", {|HTTP0020:[|$"embed={id}; HttpOnly; Partitioned"|]|});
        }
        """, """
        class C
        {
            void M(HttpResponse response, string id) => response.Headers.Append("Set-Cookie", $"embed={id}; HttpOnly; Partitioned; Secure");
        }
        """);
}
