using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpAnalyzers.CodeFixes.Infrastructure;

/// <summary>Adds a <c>using</c> directive when a type the fix names is not already in scope.</summary>
internal static class UsingDirectives
{
    /// <summary>True when <paramref name="typeName"/> of <paramref name="namespaceName"/> is visible by its simple name at <paramref name="position"/>.</summary>
    public static bool IsInScope(SemanticModel model, int position, string namespaceName, string typeName)
    {
        foreach (var symbol in model.LookupNamespacesAndTypes(position, name: typeName))
        {
            if (symbol is INamedTypeSymbol type && type.ContainingNamespace?.ToDisplayString() == namespaceName)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Appends <c>using <paramref name="namespaceName"/>;</c> to the compilation unit's usings (at the top when it has none).</summary>
    public static CompilationUnitSyntax Add(CompilationUnitSyntax root, string namespaceName)
    {
        if (root.Usings.Any(u => u.Name?.ToString() == namespaceName && u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None)))
        {
            return root;
        }

        var endOfLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var newLine = endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.LineFeed;
        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(namespaceName).WithLeadingTrivia(SyntaxFactory.Space))
            .WithTrailingTrivia(newLine);
        if (root.Usings.Count == 0)
        {
            // Keep a blank line between the new using and the code.
            var first = root.GetFirstToken(includeZeroWidth: true);
            var updated = root.ReplaceToken(first, first.WithLeadingTrivia(first.LeadingTrivia.Insert(0, newLine)));
            return updated.WithUsings(updated.Usings.Add(directive.WithLeadingTrivia(first.LeadingTrivia.Where(t => !t.IsKind(SyntaxKind.EndOfLineTrivia) && !t.IsKind(SyntaxKind.WhitespaceTrivia)))));
        }

        return root.WithUsings(root.Usings.Add(directive));
    }
}
