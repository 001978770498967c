using Microsoft.CodeAnalysis;

namespace HttpAnalyzers;

/// <summary>
/// Every <see cref="DiagnosticDescriptor"/> of the package, in one place. Arguments are constants so that
/// release tracking (RS2000–RS2008) can read them.
/// </summary>
public static class Descriptors
{
    /// <summary>Base of every rule's help link; the rule's page is <c>HelpLinkBase + id + ".md"</c>.</summary>
    public const string HelpLinkBase = "https://github.com/HttpAnalyzers/HttpAnalyzers/blob/main/docs/rules/";

    private const string CompilationEnd = WellKnownDiagnosticTags.CompilationEnd;
}
