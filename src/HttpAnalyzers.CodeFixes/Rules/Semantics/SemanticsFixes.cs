using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpAnalyzers.CodeFixes.Rules.Semantics;

/// <summary>Syntax edits the Semantics family's fixes share.</summary>
internal static class SemanticsFixes
{
    /// <summary>The name with another identifier, its trivia kept (<c>Ok</c> → <c>Created</c>, <c>MapGet</c> → <c>MapPost</c>, <c>HttpGet</c> → <c>HttpPost</c>).</summary>
    public static IdentifierNameSyntax Renamed(SimpleNameSyntax name, string newName)
        => SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(name.Identifier.LeadingTrivia, newName, name.Identifier.TrailingTrivia));
}
