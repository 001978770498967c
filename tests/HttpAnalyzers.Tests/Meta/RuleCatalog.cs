using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace HttpAnalyzers.Tests.Meta;

/// <summary>The descriptors the package declares, read by reflection.</summary>
internal static class RuleCatalog
{
    public static ImmutableArray<DiagnosticDescriptor> Descriptors { get; } = typeof(Descriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .OrderBy(d => d.Id, StringComparer.Ordinal)
        .ToImmutableArray();

    public static IEnumerable<object[]> Ids => Descriptors.Select(d => new object[] { d.Id });

    public static DiagnosticDescriptor Get(string id) => Descriptors.Single(d => d.Id == id);

    public static string SeverityName(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "Error",
        DiagnosticSeverity.Warning => "Warning",
        DiagnosticSeverity.Info => "Info",
        _ => "Hidden",
    };

    public static bool HasCodeFix(string id) => Verifiers.TestWorkspace.CodeFixProviders.Any(p => p.FixableDiagnosticIds.Contains(id));
}
