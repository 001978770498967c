using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace HttpAnalyzers.CodeFixes.Infrastructure;

/// <summary>The line ending a document uses, so that inserted or moved code keeps it.</summary>
internal static class LineEndings
{
    /// <summary>The first end of line of <paramref name="node"/>'s document; an elastic LF when the document has none.</summary>
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
}
