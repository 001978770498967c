using System;
using Microsoft.CodeAnalysis;

namespace HttpAnalyzers.Infrastructure;

/// <summary>
/// The operations of a tree in source order, the root first, optionally without entering lambdas and local functions:
/// <c>foreach (var operation in OperationWalk.Of(body))</c> (as <c>DescendantsAndSelf()</c>), <see cref="Below"/> (as
/// <c>Descendants()</c>). For the hot paths that walk a body per send or per header write: Roslyn's <c>Descendants()</c>
/// allocates an iterator and a stack per call and per level, and a walk by parent links pays for every sibling before a
/// node again when it moves on (quadratic in a block's statements).
/// <para>
/// The walk keeps a stack of the child enumerators of the operations it is inside, in an array borrowed from a small
/// per-thread pool: a walk allocates nothing once the pool is warm, and each operation is visited once. A walk left early
/// gives its array back when <c>foreach</c> disposes it; one left without disposal just lets the array go to the
/// collector.
/// </para>
/// </summary>
internal struct OperationWalk : IDisposable
{
    [ThreadStatic]
    private static IOperation.OperationList.Enumerator[]? t_spare;

    private readonly IOperation _root;
    private readonly bool _skipFunctions;
    private readonly bool _includeRoot;
    private IOperation.OperationList.Enumerator[]? _stack;
    private int _depth;
    private int _deepest;
    private IOperation? _current;
    private bool _descend;
    private bool _started;

    public OperationWalk(IOperation root, bool skipFunctions, bool includeRoot = true)
    {
        _root = root;
        _skipFunctions = skipFunctions;
        _includeRoot = includeRoot;
        _stack = null;
        _depth = 0;
        _deepest = 0;
        _current = null;
        _descend = false;
        _started = false;
    }

    /// <summary>The root and every operation under it, lambdas and local functions included.</summary>
    public static OperationWalk Of(IOperation root) => new(root, skipFunctions: false);

    /// <summary>Every operation under the root (not the root), lambdas and local functions included.</summary>
    public static OperationWalk Below(IOperation root) => new(root, skipFunctions: false, includeRoot: false);

    public readonly OperationWalk GetEnumerator() => this;

    public readonly IOperation Current => _current!;

    public bool MoveNext()
    {
        if (!_started)
        {
            _started = true;
            _stack = t_spare ?? new IOperation.OperationList.Enumerator[16];
            t_spare = null;
            Push(_root);
            if (_includeRoot)
            {
                _current = _root;
                return true;
            }
        }
        else if (_descend)
        {
            Push(_current!);
        }

        while (_depth > 0)
        {
            ref var top = ref _stack![_depth - 1];
            if (!top.MoveNext())
            {
                _depth--;
                continue;
            }

            var child = top.Current;
            if (_skipFunctions && child.Kind is OperationKind.AnonymousFunction or OperationKind.LocalFunction)
            {
                continue;
            }

            _current = child;
            _descend = true;
            return true;
        }

        _descend = false;
        Dispose();
        return false;
    }

    /// <summary>Gives the borrowed array back to the pool, cleared so that it holds no operation tree alive.</summary>
    public void Dispose()
    {
        var stack = _stack;
        if (stack is null)
        {
            return;
        }

        _stack = null;
        _depth = 0;
        Array.Clear(stack, 0, _deepest);
        if (t_spare is null || t_spare.Length < stack.Length)
        {
            t_spare = stack;
        }
    }

    private void Push(IOperation operation)
    {
        _descend = false;
        if (_depth == _stack!.Length)
        {
            Array.Resize(ref _stack, _stack.Length * 2);
        }

        _stack[_depth++] = operation.ChildOperations.GetEnumerator();
        if (_depth > _deepest)
        {
            _deepest = _depth;
        }
    }
}
