using HttpAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.CodeActions;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Cookies;

/// <summary>
/// Every cookie mistake at once: the analyzer and fixes survive it cut off at any point, and applying every fix
/// compiles (ValidCode/Cookies*.cs and the repository-wide truncation test live under Meta/).
/// </summary>
public class CookieFixRobustnessTests
{
    private const string Mistakes = """
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

    [Fact]
    public async Task Analyzer_and_fixes_never_throw_on_truncated_mistakes()
    {
        for (var length = 0; length <= Mistakes.Length; length += 23)
        {
            var project = TestWorkspace.CreateProject([Mistakes.Substring(0, length)]);
            foreach (var diagnostic in await TestWorkspace.GetAnalyzerDiagnosticsAsync(project))
            {
                var document = project.GetDocument(diagnostic.Location.SourceTree)!;
                foreach (var action in await RuleVerifier.GetCodeActionsAsync(document, diagnostic))
                {
                    await RuleVerifier.ApplyAsync(action, project.Solution);
                }
            }
        }
    }

    [Fact]
    public async Task Applying_every_fix_leaves_only_the_unfixable_and_compiles()
    {
        var project = TestWorkspace.CreateProject([Mistakes]);
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
            // Only the interpolated header remains: it is not a plain literal, so no fix is offered.
            var text = diagnostic.Location.SourceTree!.GetText().GetSubText(diagnostic.Location.SourceSpan).ToString();
            Assert.True(text == "$\"f={id}; HttpOnly\"", $"{diagnostic.Id} remains at '{text}'");
        }
    }
}
