using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace HttpAnalyzers.Rules.Cors;

/// <summary>
/// Findings computed from a whole-compilation index, each owned by the syntax node whose document-level action
/// reports it (an invocation, an object creation, an attribute). Every finding lies inside its owner, so the open
/// document's analysis keeps it: Roslyn treats a diagnostic reported outside the callback's node as non-local and
/// drops it there. Immutable once the index is built.
/// </summary>
internal sealed class OwnedFindings
{
    public static readonly OwnedFindings Empty = new();

    private readonly Dictionary<(SyntaxTree Tree, TextSpan Span), List<Diagnostic>> _byOwner = new();

    public bool IsEmpty => _byOwner.Count == 0;

    /// <summary>Records <paramref name="diagnostic"/> as reported by the action on <paramref name="owner"/>. Only while the index is built.</summary>
    public void Add(SyntaxNode owner, Diagnostic diagnostic)
    {
        var key = (owner.SyntaxTree, owner.Span);
        if (!_byOwner.TryGetValue(key, out var list))
        {
            list = new List<Diagnostic>(1);
            _byOwner.Add(key, list);
        }

        list.Add(diagnostic);
    }

    /// <summary>Reports the findings owned by <paramref name="owner"/>.</summary>
    public void ReportAt(SyntaxNode owner, Action<Diagnostic> report)
    {
        if (_byOwner.Count != 0 && _byOwner.TryGetValue((owner.SyntaxTree, owner.Span), out var list))
        {
            foreach (var diagnostic in list)
            {
                report(diagnostic);
            }
        }
    }
}
