using System.Collections.Concurrent;
using HttpAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;
using Xunit.Abstractions;

namespace HttpAnalyzers.Tests.Meta;

/// <summary>
/// No analyzer or code fix may throw on incomplete code. Every test source in the repository (the string literals
/// passed to the verifier under Rules/), the ValidCode corpus and the sample app are cut off at several points and
/// run through all analyzers; every code action offered on the result is computed too.
/// </summary>
public class RobustnessTests(ITestOutputHelper output)
{
    private const int VariantBudget = 1500;

    [Fact]
    public async Task Analyzers_and_fixes_never_throw_on_truncated_sources()
    {
        var sources = CollectSources();
        Assert.NotEmpty(sources);
        var cutsPerSource = Math.Clamp(VariantBudget / sources.Count, 2, 8);
        var variants = new List<(string Origin, string Text)>();
        foreach (var (origin, text) in sources)
        {
            for (var i = 1; i <= cutsPerSource; i++)
            {
                var cut = (int)((long)text.Length * i / (cutsPerSource + 1));
                variants.Add(($"{origin} cut at {cut}", text[..cut]));
            }

            // A hole in the middle: a statement or member left half-written.
            var start = text.Length / 2;
            var length = Math.Min(text.Length - start, Math.Max(1, text.Length / 10));
            variants.Add(($"{origin} without [{start}..{start + length})", text.Remove(start, length)));
        }

        var failures = new ConcurrentQueue<string>();
        var fixesRun = 0;
        await Parallel.ForEachAsync(variants, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (variant, _) =>
        {
            try
            {
                var project = TestWorkspace.CreateProject([variant.Text]);
                var diagnostics = await TestWorkspace.GetAnalyzerDiagnosticsAsync(project);
                foreach (var diagnostic in diagnostics.Take(3))
                {
                    var document = project.GetDocument(diagnostic.Location.SourceTree);
                    if (document is null)
                    {
                        continue;
                    }

                    foreach (var action in await RuleVerifier.GetCodeActionsAsync(document, diagnostic))
                    {
                        await action.GetOperationsAsync(CancellationToken.None);
                        Interlocked.Increment(ref fixesRun);
                    }
                }
            }
            catch (Exception exception)
            {
                failures.Enqueue($"{variant.Origin}:\n{exception}\n--- source ---\n{variant.Text}");
            }
        });

        output.WriteLine($"{sources.Count} sources, {variants.Count} truncated variants, {fixesRun} code actions computed.");
        Assert.True(failures.IsEmpty, $"{failures.Count} variants crashed an analyzer or a fix. First:\n" + string.Join("\n\n", failures.Take(3)));
    }

    private static List<(string Origin, string Text)> CollectSources()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sources = new List<(string, string)>();
        void Add(string origin, string text)
        {
            text = Markup.Normalize(text);
            if (seen.Add(text))
            {
                sources.Add((origin, text));
            }
        }

        var rules = Repository.PathOf("tests", "HttpAnalyzers.Tests", "Rules");
        if (Directory.Exists(rules))
        {
            foreach (var file in Directory.EnumerateFiles(rules, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
                foreach (var literal in root.DescendantNodes().OfType<LiteralExpressionSyntax>())
                {
                    if (!literal.IsKind(SyntaxKind.StringLiteralExpression))
                    {
                        continue;
                    }

                    var value = literal.Token.ValueText;
                    if (value.Length < 30 || (!value.Contains(';') && !value.Contains('{')))
                    {
                        continue;
                    }

                    string text;
                    try
                    {
                        text = Markup.Strip(value);
                    }
                    catch (InvalidOperationException)
                    {
                        continue;
                    }

                    Add($"{Path.GetRelativePath(Repository.Root, file)}:{literal.GetLocation().GetLineSpan().StartLinePosition.Line + 1}", text);
                }
            }
        }

        foreach (var (name, text) in EmbeddedSources.Under("ValidCode/"))
        {
            Add(name, text);
        }

        var sample = Repository.PathOf("samples", "HttpAnalyzers.Sample");
        foreach (var file in Directory.EnumerateFiles(sample, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/") && !f.Contains("/bin/")).Order(StringComparer.Ordinal))
        {
            Add(Path.GetRelativePath(Repository.Root, file), File.ReadAllText(file));
        }

        return sources;
    }
}
