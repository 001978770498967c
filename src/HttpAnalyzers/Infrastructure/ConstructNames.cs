using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpAnalyzers.Infrastructure;

/// <summary>
/// Names a construct for a diagnostic message the way a reader finds it in the code ("the enclosing 'for' loop",
/// "'Configure'", "the top-level statements"), never by a line number: messages, baselines and suppressions stay the
/// same when code above the finding moves.
/// </summary>
internal static class ConstructNames
{
    /// <summary>The statement keyword of a loop: <c>for</c>, <c>foreach</c>, <c>while</c> or <c>do</c>; <c>null</c> for any other node.</summary>
    public static string? LoopKeyword(SyntaxNode node) => node switch
    {
        ForStatementSyntax => "for",
        CommonForEachStatementSyntax => "foreach",
        WhileStatementSyntax => "while",
        DoStatementSyntax => "do",
        _ => null,
    };

    /// <summary>
    /// The member whose body holds <paramref name="node"/>, quoted (<c>'Configure'</c>, <c>'Startup'</c> for a
    /// constructor, the property's name for an accessor, a local function's name), or "the top-level statements".
    /// Lambdas are looked through. <c>null</c> when there is none (a field initializer, incomplete code).
    /// </summary>
    public static string? ContainingMember(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case LocalFunctionStatementSyntax local:
                    return Quote(local.Identifier.ValueText);
                case MethodDeclarationSyntax method:
                    return Quote(method.Identifier.ValueText);
                case ConstructorDeclarationSyntax constructor:
                    return Quote(constructor.Identifier.ValueText);
                case PropertyDeclarationSyntax property:
                    return Quote(property.Identifier.ValueText);
                case IndexerDeclarationSyntax:
                    return "the indexer";
                case OperatorDeclarationSyntax or ConversionOperatorDeclarationSyntax or DestructorDeclarationSyntax or EventDeclarationSyntax:
                    return null;
                case GlobalStatementSyntax:
                    return "the top-level statements";
                case BaseTypeDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    private static string? Quote(string name) => name.Length == 0 ? null : "'" + name + "'";
}
