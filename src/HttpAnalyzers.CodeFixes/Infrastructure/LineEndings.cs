using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace HttpAnalyzers.CodeFixes.Infrastructure;

/// <summary>Line endings for code that fixes insert, so that the document keeps its own (LF or CRLF).</summary>
internal static class LineEndings
{
    /// <summary>The end of line <paramref name="node"/>'s document uses (its first one), or an elastic line feed when it has none.</summary>
    public static SyntaxTrivia Of(SyntaxNode node)
    {
        foreach (var trivia in node.SyntaxTree.GetRoot().DescendantTrivia())
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                return trivia;
            }
        }

        return SyntaxFactory.ElasticLineFeed;
    }

    /// <summary>The same end of line as <see cref="Of"/>, elastic, so that the formatter may fold it with its neighbours.</summary>
    public static SyntaxTrivia ElasticOf(SyntaxNode node) => SyntaxFactory.ElasticEndOfLine(Of(node).ToString());
}
