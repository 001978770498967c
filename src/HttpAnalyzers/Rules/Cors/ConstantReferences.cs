using System.Collections.Generic;
using System.Threading;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace HttpAnalyzers.Rules.Cors;

/// <summary>
/// A string constant (<c>const</c> field or local) that a CORS value comes from, and whether the constant can be fixed at
/// its declaration: every reference to it in the compilation is one of the uses the rule wants changed the same way.
/// Asked only when a finding's value comes from a constant, so the compilation-wide search for references is rare.
/// </summary>
internal static class ConstantReferences
{
    /// <summary>The <c>const</c> field or local <paramref name="value"/> reads, or null.</summary>
    public static ISymbol? ConstantOf(IOperation value) => value.WalkDownConversions() switch
    {
        IFieldReferenceOperation { Field: { IsConst: true } field } => field,
        ILocalReferenceOperation { Local: { IsConst: true } local } => local,
        _ => null,
    };

    /// <summary>The string literal that initialises the constant (<c>const string X = "…";</c>), or null for any other initializer.</summary>
    public static LiteralExpressionSyntax? LiteralInitializer(ISymbol constant, CancellationToken cancellationToken)
    {
        if (constant.DeclaringSyntaxReferences.Length != 1 ||
            constant.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax literal } ||
            !literal.IsKind(SyntaxKind.StringLiteralExpression))
        {
            return null;
        }

        return literal;
    }

    /// <summary>
    /// True when every reference to <paramref name="constant"/> in the compilation is one of <paramref name="uses"/> (the
    /// spans of the reference expressions). A field other assemblies can read (a public constant of a library) is never
    /// "only used here".
    /// </summary>
    public static bool OnlyUsedAt(Compilation compilation, ISymbol constant, HashSet<(SyntaxTree Tree, TextSpan Span)> uses, CancellationToken cancellationToken)
    {
        if (constant is IFieldSymbol field && IsVisibleOutside(field) && compilation.Options.OutputKind == OutputKind.DynamicallyLinkedLibrary)
        {
            return false;
        }

        var name = constant.Name;
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (constant is ILocalSymbol && tree != constant.DeclaringSyntaxReferences[0].SyntaxTree)
            {
                continue;
            }

            if (!CrossFileIndex.MayMention(tree, name, cancellationToken))
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != name)
                {
                    continue;
                }

                model ??= CrossFileIndex.SemanticModelFor(compilation, tree);
                if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, constant))
                {
                    continue;
                }

                SyntaxNode reference = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access : identifier;
                if (!uses.Contains((tree, reference.Span)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsVisibleOutside(ISymbol symbol)
    {
        for (var current = symbol; current is not null && current is not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// The uses of string constants that one kind of finding wants changed the same way (origins, policy names), and for each
/// constant whether it can be fixed at its declaration: a literal initializer, and no reference anywhere else.
/// </summary>
internal sealed class ConstantFixes
{
    private readonly Compilation _compilation;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<ISymbol, HashSet<(SyntaxTree Tree, TextSpan Span)>> _uses = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, LiteralExpressionSyntax?> _declarations = new(SymbolEqualityComparer.Default);

    public ConstantFixes(Compilation compilation, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Records <paramref name="value"/> as a use when it reads a constant.</summary>
    public void AddUse(IOperation value)
    {
        value = value.WalkDownConversions();
        if (ConstantReferences.ConstantOf(value) is { } constant)
        {
            AddUse(constant, value.Syntax.SyntaxTree, value.Syntax.Span);
        }
    }

    public void AddUse(ISymbol constant, SyntaxTree tree, TextSpan span)
    {
        if (!_uses.TryGetValue(constant, out var spans))
        {
            spans = new HashSet<(SyntaxTree Tree, TextSpan Span)>();
            _uses.Add(constant, spans);
        }

        spans.Add((tree, span));
    }

    /// <summary>The literal to fix for the constant <paramref name="value"/> reads, or null when it reads none or cannot be fixed there.</summary>
    public LiteralExpressionSyntax? Declaration(IOperation value)
        => ConstantReferences.ConstantOf(value) is { } constant ? Declaration(constant) : null;

    /// <summary>The literal that initialises <paramref name="constant"/> when every reference to it is a recorded use, or null.</summary>
    public LiteralExpressionSyntax? Declaration(ISymbol constant)
    {
        if (_declarations.TryGetValue(constant, out var known))
        {
            return known;
        }

        var literal = ConstantReferences.LiteralInitializer(constant, _cancellationToken);
        if (literal is not null &&
            (!_uses.TryGetValue(constant, out var uses) || !ConstantReferences.OnlyUsedAt(_compilation, constant, uses, _cancellationToken)))
        {
            literal = null;
        }

        _declarations[constant] = literal;
        return literal;
    }
}
