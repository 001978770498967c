using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace HttpAnalyzers.Infrastructure;

/// <summary>
/// A per-tree text pre-filter for hot callbacks: whether a tree's source text contains any of a few strings (as
/// substrings, so <c>"Cookie"</c> also matches <c>IResponseCookies</c> and <c>"Set-Cookie"</c>, which the word filter
/// <see cref="TreeWords"/> cannot answer). Computed once per tree and kept with the tree, like <see cref="TreeWords"/>,
/// so a file nobody edited is not read again in the next compilation, and an operation or symbol callback in a file
/// that cannot hold a finding returns after one lock-free lookup, before any binding or walking. Keep one instance per
/// string set in a static field.
/// </summary>
internal sealed class TreeMentions
{
    private static readonly object Yes = new();
    private static readonly object No = new();

    private readonly ConditionalWeakTable<SyntaxTree, object> _trees = new();
    private readonly ConditionalWeakTable<SyntaxTree, object>.CreateValueCallback _compute;
    private readonly string[] _needles;
    private readonly StringComparison _comparison;

    // Replaced whole, never changed, so a reader on another thread sees a tree with its own answer. It keeps one tree
    // (the last one asked about) alive after its compilation is gone, until the next question.
    private Tuple<SyntaxTree, bool>? _last;

    public TreeMentions(StringComparison comparison, params string[] needles)
    {
        _needles = needles;
        _comparison = comparison;
        _compute = tree => Compute(tree) ? Yes : No;
    }

    /// <summary>Whether <paramref name="tree"/>'s text contains one of the strings.</summary>
    public bool Any(SyntaxTree? tree)
    {
        if (tree is null)
        {
            return false;
        }

        // The answer for the tree asked last first: the driver visits a file's symbols and operations one after another,
        // and a table lookup reads a dependent handle, a call into the runtime, every time.
        var last = _last;
        if (last is not null && ReferenceEquals(last.Item1, tree))
        {
            return last.Item2;
        }

        // The callback is a field: a lambda here would capture the tree and allocate on every call, hit or miss.
        var value = _trees.GetValue(tree, _compute) == Yes;
        _last = Tuple.Create(tree, value);
        return value;
    }

    /// <summary>Whether a file declaring <paramref name="symbol"/> (any part of a partial type) contains one of the strings.</summary>
    public bool AnyDeclaration(ISymbol symbol)
    {
        foreach (var location in DeclaringTrees.Of(symbol))
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
