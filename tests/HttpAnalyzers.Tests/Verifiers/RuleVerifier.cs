using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Xunit.Sdk;

namespace HttpAnalyzers.Tests.Verifiers;

/// <summary>
/// Verifies one rule on Microsoft.CodeAnalysis.Testing (see <see cref="HttpAnalyzersTest"/>), with its markup:
/// <c>[|…|]</c> marks a diagnostic of the rule under test, <c>{|HTTP0021:…|}</c> one of a named rule,
/// <c>{|#0:…|}</c> a location referenced by an <see cref="ExpectedDiagnostic"/>. Diagnostics of ALL rules are
/// compared, so a sibling rule's false positive fails the test too. Every verification whose source has diagnostics
/// also runs them in <see cref="OpenDocumentMode"/>: each document analysed as an IDE analyses an open document must
/// show what the full build shows.
/// <code>private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.CookieNotSecure);</code>
/// </summary>
public sealed class RuleVerifier
{
    /// <summary>Upper bound of the code actions applied one after the other by <see cref="CodeFixAsync(string[], string[], int)"/>.</summary>
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
        var test = CreateTest(sources, expected);
        await RunAsync(test, sources, after: null);
        await VerifyOpenDocumentsAsync(sources, expected);
    }

    /// <summary>
    /// Checks the diagnostics of <paramref name="before"/>, applies the code action at <paramref name="codeActionIndex"/>
    /// offered for a diagnostic of the rule under test (re-analysing after each, as long as one is offered), and compares
    /// with <paramref name="after"/>, whose markup, if any, gives the diagnostics that remain. The fixed code must compile.
    /// </summary>
    public Task CodeFixAsync(string before, string after, int codeActionIndex = 0) => CodeFixAsync([before], [after], codeActionIndex);

    public async Task CodeFixAsync(string[] before, string[] after, int codeActionIndex = 0)
    {
        var test = CreateTest(before, []);
        test.SetFixedSources(after);
        test.CodeActionIndex = codeActionIndex;
        test.NumberOfIncrementalIterations = -MaxFixIterations;
        test.CodeFixTestBehaviors = test.FixBehaviors(CodeFixTestBehaviors.SkipFixAllCheck);
        await RunAsync(test, before, after);
        await VerifyOpenDocumentsAsync(before, []);
    }

    /// <summary>Verifies that diagnostics are reported as marked but no code action is offered for the rule under test.</summary>
    public async Task NoCodeFixAsync(string source)
    {
        var test = CreateTest([source], []);
        test.SetFixedSources([source]);
        test.CodeFixTestBehaviors = test.FixBehaviors(CodeFixTestBehaviors.SkipFixAllCheck);
        await RunAsync(test, [source], after: null);
        await VerifyOpenDocumentsAsync([source], []);
    }

    /// <summary>Applies Fix All in document scope (document after document) and in project scope; each must produce <paramref name="after"/>.</summary>
    public Task FixAllAsync(string before, string after) => FixAllAsync([before], [after]);

    public async Task FixAllAsync(string[] before, string[] after)
    {
        var test = CreateTest(before, []);
        test.SetFixedSources(after);
        test.FixAllOnly = true;
        test.NumberOfIncrementalIterations = -MaxFixIterations;
        test.CodeFixTestBehaviors = test.FixBehaviors(CodeFixTestBehaviors.SkipFixAllInSolutionCheck);
        await RunAsync(test, before, after);
        await VerifyOpenDocumentsAsync(before, []);
    }

    private HttpAnalyzersTest CreateTest(string[] sources, ExpectedDiagnostic[] expected)
    {
        var test = new HttpAnalyzersTest(RuleId, sources, EditorConfig);
        foreach (var e in expected)
        {
            if (e.LocationIndex is not int index)
            {
                throw new XunitException($"Expected diagnostic {e.Id} has no location: use {{|#n:…|}} markup and WithLocation(n).");
            }

            // Built from the ID, not the descriptor: a result built from a descriptor would compare the message format.
            var result = new DiagnosticResult(e.Id, HttpAnalyzersTest.Descriptor(e.Id).DefaultSeverity)
                .WithLocation(index)
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);
            test.ExpectedDiagnostics.Add(e.Message is null ? result : result.WithMessage(e.Message));
        }

        return test;
    }

    /// <summary>Runs the test; on failure, adds the actual diagnostics as paste-ready markup (and any analyzer stack trace).</summary>
    private async Task RunAsync(HttpAnalyzersTest test, string[] before, string[]? after)
    {
        try
        {
            await test.RunAsync();
        }
        catch (Exception failure)
        {
            var message = new StringBuilder(failure.Message);
            message.AppendLine().AppendLine("Actual diagnostics of the test source as markup:");
            message.Append(await DescribeActualAsync(before));
            if (after is not null)
            {
                message.AppendLine("Actual diagnostics of the expected fixed code as markup:");
                message.Append(await DescribeActualAsync(after));
            }

            throw new XunitException(message.ToString(), failure);
        }
    }

    private async Task<string> DescribeActualAsync(string[] sources)
    {
        var project = TestWorkspace.CreateProject(sources.Select(Markup.Strip).ToList(), EditorConfig);
        var text = new StringBuilder();
        foreach (var error in await TestWorkspace.GetCompilerErrorsAsync(project))
        {
            text.AppendLine($"// {error.Id} at {error.Location.GetLineSpan()}: {error.GetMessage()}");
        }

        try
        {
            var actual = await TestWorkspace.GetAnalyzerDiagnosticsAsync(project);
            text.Append(await Markup.DescribeAsync(project, actual.Select(d => new DiagnosticKey(d.Location.SourceTree?.FilePath ?? string.Empty, d.Id, d.Location.SourceSpan))));
        }
        catch (AnalyzerCrashException crash)
        {
            text.AppendLine(crash.Message);
        }

        return text.ToString();
    }

    /// <summary>
    /// Open-document mode: when <paramref name="sources"/> expect diagnostics, each document analysed on its own as an
    /// IDE analyses an open document must show the same ones (see <see cref="OpenDocumentMode"/>).
    /// </summary>
    private async Task VerifyOpenDocumentsAsync(string[] sources, ExpectedDiagnostic[] expected)
    {
        var parsed = sources.Select(Markup.Parse).ToList();
        var expectedSet = new List<DiagnosticKey>();
        for (var i = 0; i < parsed.Count; i++)
        {
            foreach (var span in parsed[i].Spans)
            {
                if (span.LocationIndex is int index)
                {
                    var matching = expected.Where(e => e.LocationIndex == index).ToList();
                    Assert.True(matching.Count > 0, $"Location {{|#{index}:…|}} is not used by any expected diagnostic.");
                    expectedSet.AddRange(matching.Select(e => new DiagnosticKey(TestWorkspace.PathOf(i), e.Id, span.Span)));
                }
                else
                {
                    expectedSet.Add(new DiagnosticKey(TestWorkspace.PathOf(i), span.Id ?? RuleId, span.Span));
                }
            }
        }

        if (expectedSet.Count == 0)
        {
            return;
        }

        var project = TestWorkspace.CreateProject(parsed.Select(p => p.Text).ToList(), EditorConfig);
        await OpenDocumentMode.VerifyAsync(project, TestWorkspace.Analyzers, expectedSet);
    }

    internal static IEnumerable<CodeFixProvider> ProvidersFor(string id)
        => TestWorkspace.CodeFixProviders.Where(p => p.FixableDiagnosticIds.Contains(id));

    /// <summary>
    /// The actions as the light bulb lists them (a group's nested actions in its place). Every action needs an
    /// equivalence key: Fix All can't work without one.
    /// </summary>
    internal static ImmutableArray<CodeAction> Flatten(ImmutableArray<CodeAction> actions)
    {
        var flattened = ImmutableArray.CreateBuilder<CodeAction>();
        foreach (var action in actions)
        {
            if (action.NestedActions.IsDefaultOrEmpty)
            {
                flattened.Add(action);
            }
            else
            {
                flattened.AddRange(action.NestedActions);
            }
        }

        foreach (var action in flattened)
        {
            if (string.IsNullOrEmpty(action.EquivalenceKey))
            {
                throw new XunitException($"Code action '{action.Title}' has no EquivalenceKey (Fix All needs one).");
            }
        }

        return flattened.ToImmutable();
    }

    /// <summary>The code actions the fixers of <paramref name="diagnostic"/> offer (flattened, see <see cref="Flatten"/>).</summary>
    internal static async Task<ImmutableArray<CodeAction>> GetCodeActionsAsync(Document document, Diagnostic diagnostic)
    {
        var actions = ImmutableArray.CreateBuilder<CodeAction>();
        foreach (var provider in ProvidersFor(diagnostic.Id))
        {
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
            await provider.RegisterCodeFixesAsync(context);
        }

        return Flatten(actions.ToImmutable());
    }

    internal static async Task<Solution> ApplyAsync(CodeAction action, Solution solution)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var apply = operations.OfType<ApplyChangesOperation>().SingleOrDefault();
        Assert.True(apply is not null, $"Code action '{action.Title}' produced no ApplyChangesOperation.");
        return apply!.ChangedSolution;
    }
}
