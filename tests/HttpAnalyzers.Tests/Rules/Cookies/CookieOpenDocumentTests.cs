using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Cookies;

/// <summary>
/// Cookie findings whose exemption lives in another file (the cookie policy and <c>UseCookiePolicy()</c>) show in
/// the open document exactly as in the build.
/// </summary>
public class CookieOpenDocumentTests
{
    private const string HttpOnlyPolicy = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCookiePolicy(o => o.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always);
        var app = builder.Build();
        app.UseCookiePolicy();
        app.Run();
        """;

    private const string SecurePolicy = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCookiePolicy(o => o.Secure = CookieSecurePolicy.Always);
        var app = builder.Build();
        app.UseCookiePolicy();
        app.Run();
        """;

    private const string SecurePolicyNotEnabled = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCookiePolicy(o => o.Secure = CookieSecurePolicy.Always);
        var app = builder.Build();
        app.Run();
        """;

    [Fact]
    public Task HTTP0020_policy_in_another_file_covers_only_HttpOnly() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.CookieNotSecure),
    [
        HttpOnlyPolicy,
        """
        class C
        {
            void M(HttpResponse response)
            {
                response.Cookies.[|Append|]("sid", "v");
                var options = new CookieOptions { HttpOnly = true };
                [|options.Secure = false|];
                response.Cookies.Append("theme", "dark", options);
            }
        }
        """,
    ]);

    [Fact]
    public Task HTTP0020_secure_policy_in_another_file_exempts() => OpenDocument.VerifySilentAsync(RuleVerifier.For(DiagnosticIds.CookieNotSecure),
    [
        SecurePolicy,
        """
        class C
        {
            void M(HttpResponse response) => response.Cookies.{|HTTP0021:Append|}("sid", "v");
        }
        """,
    ]);

    [Fact]
    public Task HTTP0020_policy_without_UseCookiePolicy_does_not_exempt() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.CookieNotSecure),
    [
        SecurePolicyNotEnabled,
        """
        class C
        {
            void M(HttpResponse response) => response.Cookies.Append("sid", "v", [|new CookieOptions|] { HttpOnly = true });
        }
        """,
    ]);

    [Fact]
    public Task HTTP0021_policy_in_another_file_covers_only_Secure() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.CookieNotHttpOnly),
    [
        SecurePolicy,
        """
        class C
        {
            void M(HttpResponse response)
            {
                response.Cookies.[|Append|]("sid", "v");
                var options = new CookieOptions { Secure = true, HttpOnly = false };
                response.Cookies.Append("session", "v", options);
                [|options.HttpOnly = false|];
            }
        }
        """,
    ]);

    [Fact]
    public Task HTTP0021_HttpOnly_policy_in_another_file_exempts() => OpenDocument.VerifySilentAsync(RuleVerifier.For(DiagnosticIds.CookieNotHttpOnly),
    [
        HttpOnlyPolicy,
        """
        class C
        {
            void M(HttpResponse response) => response.Cookies.{|HTTP0020:Append|}("sid", "v");
        }
        """,
    ]);

    [Fact]
    public Task HTTP0022_same_site_assigned_later_with_HttpOnly_policy_in_another_file() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.SameSiteNoneWithoutSecure),
    [
        HttpOnlyPolicy,
        """
        class C
        {
            void M(HttpResponse response)
            {
                var options = {|HTTP0020:new CookieOptions()|};
                [|options.SameSite = SameSiteMode.None|];
                response.Cookies.Append("widget", "v", options);
            }
        }
        """,
    ]);

    [Fact]
    public Task HTTP0022_secure_policy_in_another_file_exempts() => OpenDocument.VerifySilentAsync(RuleVerifier.For(DiagnosticIds.SameSiteNoneWithoutSecure),
    [
        SecurePolicy,
        """
        class C
        {
            void M(HttpResponse response)
            {
                var options = {|HTTP0021:new CookieOptions()|};
                options.SameSite = SameSiteMode.None;
                response.Cookies.Append("widget", "v", options);
            }
        }
        """,
    ]);

    [Fact]
    public Task HTTP0023_prefixed_deletion_with_HttpOnly_policy_in_another_file() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.CookiePrefixViolated),
    [
        HttpOnlyPolicy,
        """
        class C
        {
            void M(HttpResponse response)
            {
                var options = new CookieOptions();
                response.Cookies.Delete([|"__Secure-theme"|], options);
            }
        }
        """,
    ]);

    [Fact]
    public Task HTTP0023_host_cookie_domain_is_reported_despite_a_secure_policy() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.CookiePrefixViolated),
    [
        SecurePolicy,
        """
        class C
        {
            void M(HttpResponse response)
            {
                var options = new CookieOptions { HttpOnly = true, Path = "/" };
                [|options.Domain = "example.com"|];
                response.Cookies.Append("__Host-sid", "v", options);
            }
        }
        """,
    ]);

    [Fact]
    public Task HTTP0023_secure_policy_in_another_file_exempts_the_secure_part() => OpenDocument.VerifySilentAsync(RuleVerifier.For(DiagnosticIds.CookiePrefixViolated),
    [
        SecurePolicy,
        """
        class C
        {
            void M(HttpResponse response)
            {
                var options = new CookieOptions();
                response.Cookies.Delete("__Secure-theme", options);
            }
        }
        """,
    ]);
}
