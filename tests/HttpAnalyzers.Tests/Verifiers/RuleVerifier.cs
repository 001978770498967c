using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using Xunit.Sdk;

namespace HttpAnalyzers.Tests.Verifiers;

/// <summary>
/// Verifies one rule with the markup conventions of Microsoft.CodeAnalysis.Testing:
/// <c>[|…|]</c> marks a diagnostic of the rule under test, <c>{|HTTP0021:…|}</c> one of a named rule,
/// <c>{|#0:…|}</c> a location referenced by an <see cref="ExpectedDiagnostic"/>. Diagnostics of ALL rules are
/// compared, so a sibling rule's false positive fails the test too.
/// <code>private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.CookieNotSecure);</code>
/// </summary>
public sealed class RuleVerifier
{
    private const int MaxFixIterations = 32;

    private RuleVerifier(string ruleId, string? editorConfig)
    {
        RuleId = ruleId;
        EditorConfig = editorConfig;
    }

    public string RuleId { get; }

    public string? EditorConfig { get; }

    public static RuleVerifier For(string ruleId) => new(ruleId, null);

    /// <summary>The same verifier with extra .editorconfig lines under <c>[*.cs]</c>, e.g. <c>http_analyzers.sensitive_names = pin</c>.</summary>
    public RuleVerifier WithOptions(string editorConfigLines) => new(RuleId, editorConfigLines);

    /// <summary>An expected diagnostic of the rule under test (or of <paramref name="id"/>).</summary>
    public ExpectedDiagnostic Diagnostic(string? id = null) => new(id ?? RuleId);

    public Task AnalyzerAsync(string source, params ExpectedDiagnostic[] expected) => AnalyzerAsync([source], expected);

    public async Task AnalyzerAsync(string[] sources, params ExpectedDiagnostic[] expected)
    {
        var parsed = sources.Select(Markup.Parse).ToList();
        var project = TestWorkspace.CreateProject(parsed.Select(p => p.Text).ToList(), EditorConfig);
        await AssertCompilesAsync(project, "test source");
        await AssertDiagnosticsAsync(project, parsed.Select(p => p.Spans).ToList(), expected);
    }

    /// <summary>
    /// Checks the diagnostics of <paramref name="before"/>, applies the first code action offered for each diagnostic of
    /// the rule under test (re-analysing after each), and compares with <paramref name="after"/> (whose markup, if any,
    /// gives the diagnostics that remain). The fixed code must compile.
    /// </summary>
    public Task CodeFixAsync(string before, string after, int codeActionIndex = 0) => CodeFixAsync([before], [after], codeActionIndex);

    public async Task CodeFixAsync(string[] before, string[] after, int codeActionIndex = 0)
    {
        var project = await PrepareAsync(before);
        var fixes = 0;
        for (var iteration = 0; iteration < MaxFixIterations; iteration++)
        {
            var diagnostics = (await TestWorkspace.GetAnalyzerDiagnosticsAsync(project)).Where(d => d.Id == RuleId).ToList();
            CodeAction? action = null;
            Document? document = null;
            foreach (var diagnostic in diagnostics)
            {
                document = project.GetDocument(diagnostic.Location.SourceTree)!;
                var actions = await GetCodeActionsAsync(document, diagnostic);
                if (actions.Count > 0)
                {
                    Assert.True(codeActionIndex < actions.Count, $"Code action {codeActionIndex} requested, but only {actions.Count} offered: {string.Join(", ", actions.Select(a => a.Title))}");
                    action = actions[codeActionIndex];
                    break;
                }
            }

            if (action is null)
            {
                break;
            }

            var changed = await ApplyAsync(action, project.Solution);
            var newProject = changed.GetProject(project.Id)!;
            if (await SameTextAsync(project, newProject))
            {
                throw new XunitException($"Code action '{action.Title}' changed nothing.");
            }

            project = newProject;
            fixes++;
        }

        Assert.True(fixes > 0, $"No code fix was offered for {RuleId}.");
        await AssertFixedAsync(project, after);
    }

    /// <summary>Verifies that diagnostics are reported as marked but no code action is offered for the rule under test.</summary>
    public async Task NoCodeFixAsync(string source)
    {
        var project = await PrepareAsync([source]);
        foreach (var diagnostic in (await TestWorkspace.GetAnalyzerDiagnosticsAsync(project)).Where(d => d.Id == RuleId))
        {
            var actions = await GetCodeActionsAsync(project.GetDocument(diagnostic.Location.SourceTree)!, diagnostic);
            Assert.True(actions.Count == 0, $"Expected no code fix for {diagnostic}, got: {string.Join(", ", actions.Select(a => a.Title))}");
        }
    }

    /// <summary>Applies Fix All in document scope and in project scope; each must produce <paramref name="after"/>.</summary>
    public Task FixAllAsync(string before, string after) => FixAllAsync([before], [after]);

    public async Task FixAllAsync(string[] before, string[] after)
    {
        foreach (var scope in new[] { FixAllScope.Document, FixAllScope.Project })
        {
            var project = await PrepareAsync(before);
            // Document scope fixes one document at a time: repeat over each document that has diagnostics.
            for (var round = 0; round < before.Length; round++)
            {
                var diagnostics = (await TestWorkspace.GetAnalyzerDiagnosticsAsync(project)).Where(d => d.Id == RuleId).ToList();
                CodeFixProvider? provider = null;
                CodeAction? first = null;
                Diagnostic? firstDiagnostic = null;
                foreach (var diagnostic in diagnostics)
                {
                    var document = project.GetDocument(diagnostic.Location.SourceTree)!;
                    foreach (var candidate in ProvidersFor(RuleId))
                    {
                        var actions = await GetCodeActionsAsync(document, diagnostic, candidate);
                        if (actions.Count > 0)
                        {
                            provider = candidate;
                            first = actions[0];
                            firstDiagnostic = diagnostic;
                            break;
                        }
                    }

                    if (first is not null)
                    {
                        break;
                    }
                }

                if (first is null || provider is null || firstDiagnostic is null)
                {
                    Assert.True(round > 0, $"No code fix was offered for {RuleId}.");
                    break;
                }

                var fixAll = provider.GetFixAllProvider();
                Assert.NotNull(fixAll);
                Assert.Contains(scope, fixAll!.GetSupportedFixAllScopes());
                var context = new FixAllContext(
                    project.GetDocument(firstDiagnostic.Location.SourceTree)!,
                    provider,
                    scope,
                    first.EquivalenceKey,
                    [RuleId],
                    new DiagnosticProvider(),
                    CancellationToken.None);
                var fixAllAction = await fixAll.GetFixAsync(context);
                Assert.NotNull(fixAllAction);
                project = (await ApplyAsync(fixAllAction!, project.Solution)).GetProject(project.Id)!;
                if (scope == FixAllScope.Project)
                {
                    break;
                }
            }

            await AssertFixedAsync(project, after, $" (Fix All, {scope} scope)");
        }
    }

    private async Task<Project> PrepareAsync(string[] sources)
    {
        var parsed = sources.Select(Markup.Parse).ToList();
        var project = TestWorkspace.CreateProject(parsed.Select(p => p.Text).ToList(), EditorConfig);
        await AssertCompilesAsync(project, "test source");
        await AssertDiagnosticsAsync(project, parsed.Select(p => p.Spans).ToList(), []);
        return project;
    }

    private async Task AssertFixedAsync(Project project, string[] after, string context = "")
    {
        var expected = after.Select(Markup.Parse).ToList();
        var documents = SourceDocuments(project);
        for (var i = 0; i < expected.Count; i++)
        {
            var actual = Markup.Normalize((await documents[i].GetTextAsync()).ToString());
            if (actual != expected[i].Text)
            {
                throw new XunitException($"Fixed code{context} differs from the expected code in Test{i}.cs.\n{Diff(expected[i].Text, actual)}\n--- actual ---\n{actual}");
            }
        }

        await AssertCompilesAsync(project, "fixed code" + context);
        await AssertDiagnosticsAsync(project, expected.Select(p => p.Spans).ToList(), []);
    }

    private async Task AssertDiagnosticsAsync(Project project, List<List<MarkedSpan>> spans, ExpectedDiagnostic[] expected)
    {
        var documents = SourceDocuments(project);
        var expectedSet = new List<(string Path, string Id, TextSpan Span, string? Message)>();
        for (var i = 0; i < spans.Count; i++)
        {
            foreach (var span in spans[i])
            {
                if (span.LocationIndex is int index)
                {
                    var matching = expected.Where(e => e.LocationIndex == index).ToList();
                    Assert.True(matching.Count > 0, $"Location {{|#{index}:…|}} is not used by any expected diagnostic.");
                    foreach (var e in matching)
                    {
                        expectedSet.Add((TestWorkspace.PathOf(i), e.Id, span.Span, e.Message));
                    }
                }
                else
                {
                    expectedSet.Add((TestWorkspace.PathOf(i), span.Id ?? RuleId, span.Span, null));
                }
            }
        }

        foreach (var e in expected.Where(e => e.LocationIndex is null))
        {
            throw new XunitException($"Expected diagnostic {e.Id} has no location: use {{|#n:…|}} markup and WithLocation(n).");
        }

        var actual = await TestWorkspace.GetAnalyzerDiagnosticsAsync(project);
        var actualSet = actual.Select(d => (Path: d.Location.SourceTree?.FilePath ?? string.Empty, d.Id, Span: d.Location.SourceSpan, Message: d.GetMessage())).ToList();

        var missing = expectedSet.Where(e => !actualSet.Any(a => a.Path == e.Path && a.Id == e.Id && a.Span == e.Span && (e.Message is null || e.Message == a.Message))).ToList();
        var unexpected = actualSet.Where(a => !expectedSet.Any(e => a.Path == e.Path && a.Id == e.Id && a.Span == e.Span)).ToList();
        if (missing.Count == 0 && unexpected.Count == 0 && actualSet.Count == expectedSet.Count)
        {
            return;
        }

        var message = new StringBuilder("Diagnostics differ from the markup.\n");
        foreach (var m in missing)
        {
            var actualMessage = actualSet.FirstOrDefault(a => a.Path == m.Path && a.Id == m.Id && a.Span == m.Span).Message;
            message.AppendLine($"  missing: {m.Id} at {m.Path}{m.Span}{(m.Message is null ? string.Empty : $" with message \"{m.Message}\"")}{(actualMessage is null ? string.Empty : $" (actual message: \"{actualMessage}\")")}");
        }

        foreach (var u in unexpected)
        {
            message.AppendLine($"  unexpected: {u.Id} at {u.Path}{u.Span}: {u.Message}");
        }

        message.AppendLine("Actual diagnostics as markup:");
        for (var i = 0; i < documents.Count; i++)
        {
            var text = Markup.Normalize((await documents[i].GetTextAsync()).ToString());
            var path = TestWorkspace.PathOf(i);
            message.AppendLine($"--- Test{i}.cs ---");
            message.AppendLine(Markup.Annotate(text, actualSet.Where(a => a.Path == path).Select(a => (a.Id, a.Span))));
        }

        throw new XunitException(message.ToString());
    }

    private static async Task AssertCompilesAsync(Project project, string what)
    {
        var errors = await TestWorkspace.GetCompilerErrorsAsync(project);
        if (errors.Length == 0)
        {
            return;
        }

        var message = new StringBuilder($"The {what} does not compile:\n");
        foreach (var document in SourceDocuments(project))
        {
            var text = (await document.GetTextAsync()).ToString();
            var tree = await document.GetSyntaxTreeAsync();
            var lines = Markup.Normalize(text).Split('\n');
            var byLine = errors.Where(e => e.Location.SourceTree == tree).ToLookup(e => e.Location.GetLineSpan().StartLinePosition.Line);
            message.AppendLine($"--- {document.Name} ---");
            for (var line = 0; line < lines.Length; line++)
            {
                foreach (var error in byLine[line])
                {
                    message.AppendLine($"// {error.Id}: {error.GetMessage()}");
                }

                message.AppendLine(lines[line]);
            }
        }

        foreach (var error in errors.Where(e => !e.Location.IsInSource || e.Location.SourceTree?.FilePath == TestWorkspace.ImplicitUsingsPath))
        {
            message.AppendLine(error.ToString());
        }

        throw new XunitException(message.ToString());
    }

    internal static List<Document> SourceDocuments(Project project)
        => project.Documents.Where(d => d.FilePath != TestWorkspace.ImplicitUsingsPath).OrderBy(d => d.FilePath, StringComparer.Ordinal).ToList();

    internal static IEnumerable<CodeFixProvider> ProvidersFor(string id)
        => TestWorkspace.CodeFixProviders.Where(p => p.FixableDiagnosticIds.Contains(id));

    internal static async Task<List<CodeAction>> GetCodeActionsAsync(Document document, Diagnostic diagnostic, CodeFixProvider? only = null)
    {
        var actions = new List<CodeAction>();
        foreach (var provider in only is null ? ProvidersFor(diagnostic.Id) : [only])
        {
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
            await provider.RegisterCodeFixesAsync(context);
        }

        var flattened = new List<CodeAction>();
        foreach (var action in actions)
        {
            var nested = action.NestedActions;
            if (nested.IsDefaultOrEmpty)
            {
                flattened.Add(action);
            }
            else
            {
                flattened.AddRange(nested);
            }
        }

        foreach (var action in flattened)
        {
            Assert.False(string.IsNullOrEmpty(action.EquivalenceKey), $"Code action '{action.Title}' has no EquivalenceKey (Fix All needs one).");
        }

        return flattened;
    }

    internal static async Task<Solution> ApplyAsync(CodeAction action, Solution solution)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var apply = operations.OfType<ApplyChangesOperation>().SingleOrDefault();
        Assert.True(apply is not null, $"Code action '{action.Title}' produced no ApplyChangesOperation.");
        return apply!.ChangedSolution;
    }

    private static async Task<bool> SameTextAsync(Project a, Project b)
    {
        foreach (var document in a.Documents)
        {
            var other = b.GetDocument(document.Id);
            if (other is null || !(await document.GetTextAsync()).ContentEquals(await other.GetTextAsync()))
            {
                return false;
            }
        }

        return true;
    }

    private static string Diff(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var builder = new StringBuilder();
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<none>";
            var al = i < a.Length ? a[i] : "<none>";
            if (el != al)
            {
                builder.AppendLine($"line {i + 1}:\n  expected: {el}\n  actual:   {al}");
            }
        }

        return builder.ToString();
    }

    private sealed class DiagnosticProvider : FixAllContext.DiagnosticProvider
    {
        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => await TestWorkspace.GetAnalyzerDiagnosticsAsync(project, cancellationToken);

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken);
            return (await TestWorkspace.GetAnalyzerDiagnosticsAsync(document.Project, cancellationToken)).Where(d => d.Location.SourceTree == tree);
        }

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => (await TestWorkspace.GetAnalyzerDiagnosticsAsync(project, cancellationToken)).Where(d => !d.Location.IsInSource);
    }
}
