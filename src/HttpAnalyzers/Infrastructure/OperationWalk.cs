using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Infrastructure;

/// <summary>
/// The operations of a tree in source order, the root first, optionally without entering lambdas and local functions:
/// <c>foreach (var operation in OperationWalk.Of(body))</c> (as <c>DescendantsAndSelf()</c>), <see cref="Below"/> (as
/// <c>Descendants()</c>). A struct that moves through the tree
/// by its parent links, so a walk allocates nothing (Roslyn's <c>Descendants()</c> allocates an iterator and a stack per
/// call and per level), for the hot paths that walk a body per send or per header write.
/// </summary>
internal struct OperationWalk
{
    private readonly IOperation _root;
    private readonly bool _skipFunctions;
    private readonly bool _includeRoot;
    private IOperation? _current;
    private bool _done;

    public OperationWalk(IOperation root, bool skipFunctions, bool includeRoot = true)
    {
        _root = root;
        _skipFunctions = skipFunctions;
        _includeRoot = includeRoot;
        _current = null;
        _done = false;
    }

    /// <summary>The root and every operation under it, lambdas and local functions included.</summary>
    public static OperationWalk Of(IOperation root) => new(root, skipFunctions: false);

    /// <summary>Every operation under the root (not the root), lambdas and local functions included.</summary>
    public static OperationWalk Below(IOperation root) => new(root, skipFunctions: false, includeRoot: false);

    public readonly OperationWalk GetEnumerator() => this;

    public readonly IOperation Current => _current!;

    public bool MoveNext()
    {
        if (_done)
        {
            return false;
        }

        if (_current is null)
        {
            _current = _root;
            if (_includeRoot)
            {
                return true;
            }
        }

        var next = FirstChild(_current);
        for (var node = _current; next is null; node = node.Parent!)
        {
            if (ReferenceEquals(node, _root) || node.Parent is null)
            {
                _done = true;
                return false;
            }

            next = NextSibling(node.Parent, node);
        }

        _current = next;
        return true;
    }

    private readonly IOperation? FirstChild(IOperation operation)
    {
        foreach (var child in operation.ChildOperations)
        {
            if (!Skips(child))
            {
                return child;
            }
        }

        return null;
    }

    private readonly IOperation? NextSibling(IOperation parent, IOperation operation)
    {
        var seen = false;
        foreach (var child in parent.ChildOperations)
        {
            if (seen)
            {
                if (!Skips(child))
                {
                    return child;
                }
            }
            else if (ReferenceEquals(child, operation))
            {
                seen = true;
            }
        }

        return null;
    }

    private readonly bool Skips(IOperation operation) => _skipFunctions && operation is IAnonymousFunctionOperation or ILocalFunctionOperation;
}
