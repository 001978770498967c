using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace HttpAnalyzers.Infrastructure;

/// <summary>
/// A per-compilation, per-tree text pre-filter for hot callbacks: whether a tree's source text contains any of a few
/// strings (as substrings, so <c>"Cookie"</c> also matches <c>IResponseCookies</c> and <c>"Set-Cookie"</c>). Computed
/// once per tree and cached, so an operation or symbol callback in a file that cannot hold a finding returns after one
/// dictionary lookup, before any binding or walking. Create one per compilation (in the compilation-start action).
/// </summary>
internal sealed class TreeMentions
{
    private readonly ConcurrentDictionary<SyntaxTree, bool> _trees = new();
    private readonly Func<SyntaxTree, bool> _compute;
    private readonly string[] _needles;
    private readonly StringComparison _comparison;

    public TreeMentions(StringComparison comparison, params string[] needles)
    {
        _needles = needles;
        _comparison = comparison;
        _compute = Compute;
    }

    /// <summary>Whether <paramref name="tree"/>'s text contains one of the strings.</summary>
    public bool Any(SyntaxTree? tree) => tree is not null && _trees.GetOrAdd(tree, _compute);

    /// <summary>Whether a file declaring <paramref name="symbol"/> (any part of a partial type) contains one of the strings.</summary>
    public bool AnyDeclaration(ISymbol symbol)
    {
        foreach (var location in symbol.Locations)
        {
            if (location.IsInSource && Any(location.SourceTree))
            {
                return true;
            }
        }

        return false;
    }

    private bool Compute(SyntaxTree tree)
    {
        var text = tree.GetText().ToString();
        foreach (var needle in _needles)
        {
            if (text.IndexOf(needle, _comparison) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
