using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Sdk;

namespace HttpAnalyzers.Tests.Verifiers;

/// <summary>
/// Analyses each source document the way an IDE analyses the open document: syntax and semantic diagnostics of that
/// document only (<see cref="CompilationWithAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(SemanticModel, Microsoft.CodeAnalysis.Text.TextSpan?, CancellationToken)"/>),
/// so no compilation-end action runs. Every finding of the full build must show up there too.
/// </summary>
internal static class OpenDocument
{
    /// <summary>The diagnostics each source document gets when it is the open document, all documents together.</summary>
    public static async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        var result = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var document in RuleVerifier.SourceDocuments(project))
        {
            // A fresh driver per document, as an editor that has only this document open.
            var withAnalyzers = compilation.WithAnalyzers(
                TestWorkspace.Analyzers,
                new CompilationWithAnalyzersOptions(project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
            var tree = (await document.GetSyntaxTreeAsync())!;
            var model = compilation.GetSemanticModel(tree);
            var syntax = await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, CancellationToken.None);
            var semantic = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None);
            foreach (var diagnostic in syntax.Concat(semantic))
            {
                if (diagnostic.Id == "AD0001")
                {
                    throw new AnalyzerCrashException(diagnostic.ToString());
                }

                if (diagnostic.Id.StartsWith("HTTP", StringComparison.Ordinal) && diagnostic.Location.SourceTree == tree)
                {
                    result.Add(diagnostic);
                }
            }
        }

        return result.ToImmutable();
    }

    /// <summary>Fails unless open-document analysis of every source document finds exactly what the full build finds.</summary>
    public static async Task AssertSameAsBuildAsync(Project project)
    {
        var build = await TestWorkspace.GetAnalyzerDiagnosticsAsync(project);
        var open = await GetDiagnosticsAsync(project);
        var buildSet = build.Select(Key).ToList();
        var openSet = open.Select(Key).ToList();
        var missing = buildSet.Where(b => !openSet.Contains(b)).ToList();
        var extra = openSet.Where(o => !buildSet.Contains(o)).ToList();
        if (missing.Count == 0 && extra.Count == 0 && buildSet.Count == openSet.Count)
        {
            return;
        }

        var message = new StringBuilder("Open-document analysis differs from the full build.\n");
        foreach (var m in missing)
        {
            message.AppendLine($"  only in the build: {m}");
        }

        foreach (var e in extra)
        {
            message.AppendLine($"  only in the open document: {e}");
        }

        throw new XunitException(message.ToString());
    }

    /// <summary>
    /// Verifies <paramref name="sources"/> like <see cref="RuleVerifier.AnalyzerAsync(string[], ExpectedDiagnostic[])"/>, then
    /// analyses each document as the open document: every diagnostic of the build must show there, and at least one must
    /// be of the rule under test.
    /// </summary>
    public static async Task VerifyAsync(RuleVerifier verify, string[] sources, params ExpectedDiagnostic[] expected)
    {
        await verify.AnalyzerAsync(sources, expected);
        var project = TestWorkspace.CreateProject(sources.Select(s => Markup.Parse(s).Text).ToList(), verify.EditorConfig);
        await AssertSameAsBuildAsync(project);
        var open = await GetDiagnosticsAsync(project);
        if (!open.Any(d => d.Id == verify.RuleId))
        {
            throw new XunitException($"No {verify.RuleId} diagnostic in open-document analysis.");
        }
    }

    /// <summary>A near miss: the build and every open document find nothing of the rule under test (other rules as marked).</summary>
    public static async Task VerifySilentAsync(RuleVerifier verify, string[] sources)
    {
        await verify.AnalyzerAsync(sources);
        var project = TestWorkspace.CreateProject(sources.Select(s => Markup.Parse(s).Text).ToList(), verify.EditorConfig);
        await AssertSameAsBuildAsync(project);
        if ((await GetDiagnosticsAsync(project)).Any(d => d.Id == verify.RuleId))
        {
            throw new XunitException($"Unexpected {verify.RuleId} diagnostic in open-document analysis.");
        }
    }

    private static string Key(Diagnostic diagnostic)
        => $"{diagnostic.Id} {diagnostic.Location.SourceTree?.FilePath}{diagnostic.Location.SourceSpan}: {diagnostic.GetMessage()}";
}
