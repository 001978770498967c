using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit.Sdk;

namespace HttpAnalyzers.Tests.Verifiers;

/// <summary>A diagnostic as the harness compares it: file, rule, span.</summary>
internal readonly record struct DiagnosticKey(string Path, string Id, TextSpan Span);

/// <summary>
/// Analyses each document as an IDE analyses an open document (Visual Studio's "open documents" scope, C# Dev Kit,
/// Rider): syntax and semantic diagnostics of that one document, from a fresh <see cref="CompilationWithAnalyzers"/>,
/// which runs no compilation-end action. A rule whose finding only a command-line build shows fails here.
/// Descriptors that still carry <see cref="WellKnownDiagnosticTags.CompilationEnd"/> are left out of the comparison:
/// an IDE can't show them while typing anyway.
/// </summary>
internal static class OpenDocumentMode
{
    /// <summary>
    /// Rules with a known shape whose finding an open document doesn't show yet, and why. For these rules a finding
    /// the build shows and the open document doesn't is tolerated (a finding only the open document shows still fails).
    /// <c>OpenDocumentModeTests</c> proves each gap still exists: remove the rule here when it is fixed.
    /// </summary>
    public static readonly ImmutableDictionary<string, string> KnownGaps = new Dictionary<string, string>
    {
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>IDs of the descriptors of <paramref name="analyzers"/> tagged <c>CompilationEnd</c>.</summary>
    public static ImmutableHashSet<string> CompilationEndIds(ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var ids = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var analyzer in analyzers)
        {
            foreach (var descriptor in analyzer.SupportedDiagnostics)
            {
                if (descriptor.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd))
                {
                    ids.Add(descriptor.Id);
                }
            }
        }

        return ids.ToImmutable();
    }

    /// <summary>
    /// The diagnostics of <paramref name="analyzers"/> that open-document analysis finds, document by document.
    /// An analyzer exception or AD0001 throws <see cref="AnalyzerCrashException"/>.
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken = default)
    {
        var compilation = (await project.GetCompilationAsync(cancellationToken))!;
        var result = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            // A fresh analysis per document: nothing learnt while analysing another document carries over.
            var exceptions = new ConcurrentQueue<string>();
            var withAnalyzers = TestWorkspace.WithAnalyzers(compilation, analyzers, project.AnalyzerOptions, exceptions);
            var syntax = await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, cancellationToken);
            var model = withAnalyzers.Compilation.GetSemanticModel(tree);
            var semantic = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, cancellationToken);
            TestWorkspace.ThrowOnCrash(exceptions, syntax.AddRange(semantic));
            foreach (var diagnostic in syntax.AddRange(semantic))
            {
                if (diagnostic.Location.SourceTree == tree)
                {
                    result.Add(diagnostic);
                }
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// Fails unless open-document analysis of <paramref name="project"/> finds exactly <paramref name="expected"/>
    /// (what the full build finds), leaving out descriptors tagged <c>CompilationEnd</c>.
    /// </summary>
    public static async Task VerifyAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, IReadOnlyCollection<DiagnosticKey> expected)
    {
        var excluded = CompilationEndIds(analyzers);
        var expectedSet = expected.Where(e => !excluded.Contains(e.Id)).ToHashSet();
        var actual = (await GetDiagnosticsAsync(project, analyzers))
            .Select(d => new DiagnosticKey(d.Location.SourceTree?.FilePath ?? string.Empty, d.Id, d.Location.SourceSpan))
            .Where(d => !excluded.Contains(d.Id))
            .ToList();
        var actualSet = actual.ToHashSet();
        expectedSet.RemoveWhere(e => KnownGaps.ContainsKey(e.Id) && !actualSet.Contains(e));
        if (actualSet.SetEquals(expectedSet) && actual.Count == actualSet.Count)
        {
            return;
        }

        var message = new StringBuilder(
            "Open-document analysis (what an IDE shows while the file is open: syntax and semantic actions, no compilation-end actions) differs from the full build.\n");
        foreach (var missing in expectedSet.Except(actualSet).OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Span.Start))
        {
            message.AppendLine($"  found by the build only: {missing.Id} at {missing.Path}{missing.Span}");
        }

        foreach (var extra in actualSet.Except(expectedSet).OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Span.Start))
        {
            message.AppendLine($"  found in the open document only: {extra.Id} at {extra.Path}{extra.Span}");
        }

        if (actual.Count != actualSet.Count)
        {
            message.AppendLine("  a diagnostic is reported more than once in the open document");
        }

        message.AppendLine("Open-document diagnostics as markup:");
        message.Append(await Markup.DescribeAsync(project, actual));
        throw new XunitException(message.ToString());
    }
}
