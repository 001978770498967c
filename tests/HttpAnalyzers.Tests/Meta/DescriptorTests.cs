using System.Reflection;
using System.Text.RegularExpressions;
using HttpAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Xunit;

namespace HttpAnalyzers.Tests.Meta;

/// <summary>Descriptor conventions: IDs, categories, severities, help links, messages, and which analyzer owns each.</summary>
public partial class DescriptorTests
{
    private static readonly string[] CategoryNames = typeof(Categories).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToArray();

    public static IEnumerable<object[]> Ids => RuleCatalog.Ids;

    [Fact]
    public void Every_id_constant_has_exactly_one_descriptor()
    {
        var constants = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).OrderBy(x => x).ToList();
        Assert.Equal(constants, RuleCatalog.Descriptors.Select(d => d.Id).ToList());
        Assert.Equal(constants.Count, constants.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_follows_conventions(string id)
    {
        var d = RuleCatalog.Get(id);
        Assert.Matches(IdPattern(), d.Id);
        Assert.Contains(d.Category, CategoryNames);
        Assert.True(d.IsEnabledByDefault, $"{id} must be enabled by default");
        Assert.Contains(d.DefaultSeverity, new[] { DiagnosticSeverity.Error, DiagnosticSeverity.Warning, DiagnosticSeverity.Info });
        Assert.Equal(Descriptors.HelpLinkBase + id + ".md", d.HelpLinkUri);

        var title = d.Title.ToString();
        var message = d.MessageFormat.ToString();
        var description = d.Description.ToString();
        Assert.False(string.IsNullOrWhiteSpace(title));
        Assert.False(title.EndsWith('.'), $"{id} title ends with a period");
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.DoesNotContain('\n', message);
        Assert.False(string.IsNullOrWhiteSpace(description), $"{id} has no description");
        Assert.EndsWith(".", description);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_is_supported_by_an_analyzer(string id)
    {
        var owners = TestWorkspace.Analyzers.Where(a => a.SupportedDiagnostics.Any(d => d.Id == id)).ToList();
        // A rule with two shapes (a policy builder and hand-written headers) may be reported by two analyzers.
        Assert.NotEmpty(owners);
        Assert.All(owners, owner => Assert.Same(RuleCatalog.Get(id), owner.SupportedDiagnostics.Single(d => d.Id == id)));
    }

    [Fact]
    public void Analyzers_support_only_declared_descriptors()
    {
        foreach (var analyzer in TestWorkspace.Analyzers)
        {
            Assert.NotEmpty(analyzer.SupportedDiagnostics);
            foreach (var descriptor in analyzer.SupportedDiagnostics)
            {
                Assert.Contains(descriptor, RuleCatalog.Descriptors);
            }
        }
    }

    [Fact]
    public void Code_fix_providers_fix_declared_rules_and_support_fix_all()
    {
        foreach (var provider in TestWorkspace.CodeFixProviders)
        {
            Assert.NotEmpty(provider.FixableDiagnosticIds);
            foreach (var id in provider.FixableDiagnosticIds)
            {
                Assert.Contains(id, RuleCatalog.Descriptors.Select(d => d.Id));
            }

            Assert.NotNull(provider.GetFixAllProvider());
        }
    }

    [Fact]
    public void Code_fix_providers_follow_the_fix_data_contract_and_are_named_for_their_analyzer()
    {
        var analyzerNames = TestWorkspace.Analyzers.Select(a => a.GetType().Name).ToHashSet();
        foreach (var provider in TestWorkspace.CodeFixProviders)
        {
            var type = provider.GetType();
            Assert.True(type.IsSubclassOf(typeof(HttpAnalyzers.CodeFixes.Infrastructure.FixDataCodeFixProvider)), type.Name + " must derive from FixDataCodeFixProvider");
            Assert.EndsWith("CodeFixProvider", type.Name, StringComparison.Ordinal);
            Assert.Contains(type.Name[..^"CodeFixProvider".Length] + "Analyzer", analyzerNames);
        }
    }

    [GeneratedRegex("^HTTP[0-9]{4}$")]
    private static partial Regex IdPattern();
}
