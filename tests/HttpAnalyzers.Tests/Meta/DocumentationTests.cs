using System.Text.RegularExpressions;
using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Meta;

/// <summary>Docs pages, release tracking and the README rule index stay in step with the descriptors.</summary>
public class DocumentationTests
{
    private static readonly string[] Sections =
    [
        "## Cause", "## Why it matters", "## Non-compliant code", "## Compliant code",
        "## When the rule stays silent", "## Options", "## Suppressing", "## Related rules",
    ];

    public static IEnumerable<object[]> Ids => RuleCatalog.Ids;

    [Theory]
    [MemberData(nameof(Ids))]
    public void Docs_page_matches_descriptor(string id)
    {
        var d = RuleCatalog.Get(id);
        var path = Repository.PathOf("docs", "rules", id + ".md");
        Assert.True(File.Exists(path), $"docs/rules/{id}.md is missing");
        var page = Repository.Read("docs", "rules", id + ".md");
        var lines = page.Split('\n');
        Assert.Equal($"# {id}: {d.Title}", lines[0]);

        var table = ReadTable(lines);
        Assert.Equal(id, table.GetValueOrDefault("ID"));
        Assert.Equal(d.Category, table.GetValueOrDefault("Category"));
        Assert.Equal(RuleCatalog.SeverityName(d.DefaultSeverity), table.GetValueOrDefault("Default severity"));
        Assert.Equal(RuleCatalog.HasCodeFix(id) ? "Yes" : "No", table.GetValueOrDefault("Code fix"));
        Assert.True(table.ContainsKey("Options"), $"docs/rules/{id}.md has no Options row");

        var position = 0;
        foreach (var section in Sections)
        {
            var index = page.IndexOf("\n" + section + "\n", position, StringComparison.Ordinal);
            Assert.True(index >= 0, $"docs/rules/{id}.md lacks '{section}' (or it is out of order)");
            position = index + 1;
        }

        if (d.CustomTags.Contains(Microsoft.CodeAnalysis.WellKnownDiagnosticTags.CompilationEnd))
        {
            Assert.Contains("compilation end", page, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Every_docs_page_belongs_to_a_rule()
    {
        var ids = RuleCatalog.Descriptors.Select(d => d.Id).ToHashSet();
        foreach (var file in Directory.EnumerateFiles(Repository.PathOf("docs", "rules"), "*.md"))
        {
            Assert.Contains(Path.GetFileNameWithoutExtension(file), ids);
        }
    }

    [Fact]
    public void Release_tracking_lists_each_rule_exactly_once()
    {
        var rows = ReleaseRows("AnalyzerReleases.Shipped.md").Concat(ReleaseRows("AnalyzerReleases.Unshipped.md")).ToList();
        foreach (var d in RuleCatalog.Descriptors)
        {
            var matching = rows.Where(r => r[0] == d.Id).ToList();
            Assert.True(matching.Count == 1, $"{d.Id} appears {matching.Count} times in release tracking");
            Assert.Equal(d.Category, matching[0][1]);
            Assert.Equal(d.DefaultSeverity.ToString(), matching[0][2]);
        }

        Assert.Equal(RuleCatalog.Descriptors.Length, rows.Count);
    }

    [Fact]
    public void Readme_rule_index_matches_descriptors()
    {
        var readme = Repository.Read("README.md");
        var rows = Regex.Matches(readme, @"^\| \[(HTTP\d{4})\]\(docs/rules/(HTTP\d{4})\.md\) \| (.+?) \| (.+?) \| (.+?) \| (.+?) \|$", RegexOptions.Multiline)
            .Select(m => m.Groups.Cast<Group>().Skip(1).Select(g => g.Value).ToArray())
            .ToList();
        Assert.Equal(RuleCatalog.Descriptors.Select(d => d.Id), rows.Select(r => r[0]));
        foreach (var row in rows)
        {
            var d = RuleCatalog.Get(row[0]);
            Assert.Equal(row[0], row[1]);
            Assert.Equal(d.Title.ToString(), row[2]);
            Assert.Equal(d.Category, row[3]);
            Assert.Equal(RuleCatalog.SeverityName(d.DefaultSeverity), row[4]);
            Assert.Equal(RuleCatalog.HasCodeFix(d.Id) ? "Yes" : "No", row[5]);
        }
    }

    private static Dictionary<string, string> ReadTable(string[] lines)
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length == 2 && !cells[0].StartsWith('-'))
            {
                table[cells[0]] = cells[1];
            }
        }

        return table;
    }

    private static IEnumerable<string[]> ReleaseRows(string file)
        => Repository.Read("src", "HttpAnalyzers", file).Split('\n')
            .Where(l => l.StartsWith("HTTP", StringComparison.Ordinal))
            .Select(l => l.Split('|').Select(c => c.Trim()).ToArray());
}
