using System.Text.RegularExpressions;
using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Meta;

/// <summary>
/// No message carries a line number: baselines, suppression files and code-scanning fingerprints must not change when
/// code above a finding moves. Messages name the construct instead ("by the enclosing 'for' loop").
/// </summary>
public partial class StableMessageTests
{
    [GeneratedRegex(@"\bline\s*[0-9]+|\blines?\s+\{|\([0-9]+,\s*[0-9]+\)|\.cs:[0-9]+", RegexOptions.IgnoreCase)]
    private static partial Regex LineNumber();

    [Fact]
    public void Descriptor_messages_have_no_line_number()
    {
        foreach (var descriptor in RuleCatalog.Descriptors)
        {
            var format = descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.False(LineNumber().IsMatch(format), $"{descriptor.Id}: {format}");
        }
    }

    [Fact]
    public async Task Messages_of_the_sample_app_have_no_line_number()
    {
        var sample = Repository.PathOf("samples", "HttpAnalyzers.Sample");
        var sources = Directory.GetFiles(sample, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                        !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToArray();
        var project = TestWorkspace.CreateProject(sources);
        var diagnostics = await TestWorkspace.GetAnalyzerDiagnosticsAsync(project);

        Assert.NotEmpty(diagnostics);
        var offending = diagnostics.Where(d => LineNumber().IsMatch(d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        Assert.True(offending.Length == 0, "messages with a line number:\n" + string.Join("\n", offending.Select(d => d.ToString())));
    }

    [Fact]
    public void Expected_messages_in_the_tests_have_no_line_number()
    {
        var rules = Repository.PathOf("tests", "HttpAnalyzers.Tests", "Rules");
        var offending = new List<string>();
        foreach (var file in Directory.GetFiles(rules, "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match match in Regex.Matches(File.ReadAllText(file), @"WithMessage\(""((?:[^""\\]|\\.)*)""\)"))
            {
                if (LineNumber().IsMatch(match.Groups[1].Value))
                {
                    offending.Add(Path.GetFileName(file) + ": " + match.Groups[1].Value);
                }
            }
        }

        Assert.True(offending.Count == 0, "expected messages with a line number:\n" + string.Join("\n", offending));
    }
}
