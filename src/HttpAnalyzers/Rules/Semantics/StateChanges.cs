using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Semantics;

/// <summary>What an EF Core call does to the database state.</summary>
[Flags]
internal enum StateChangeKinds
{
    None = 0,

    /// <summary><c>Add</c>, <c>AddAsync</c>, <c>AddRange</c>, <c>AddRangeAsync</c> on a <c>DbSet&lt;T&gt;</c> or a <c>DbContext</c>.</summary>
    Add = 1,

    /// <summary><c>SaveChanges</c>, <c>SaveChangesAsync</c>.</summary>
    Save = 2,

    /// <summary><c>Remove*</c>, <c>Update*</c>, <c>Attach*</c> on a set or context; <c>ExecuteUpdate*</c>, <c>ExecuteDelete*</c>.</summary>
    Modify = 4,
}

/// <summary>The state changes reached from a body: the kinds, the first EF Core call seen and the first-level method it was reached through.</summary>
internal readonly struct StateChangeSummary
{
    public StateChangeSummary(StateChangeKinds kinds, string? call, IMethodSymbol? via)
    {
        Kinds = kinds;
        Call = call;
        Via = via;
    }

    public StateChangeKinds Kinds { get; }

    /// <summary>The name of the first EF Core state-changing method found (<c>SaveChangesAsync</c>).</summary>
    public string? Call { get; }

    /// <summary>The application method the change was reached through (a repository method), or null when the body calls EF Core directly.</summary>
    public IMethodSymbol? Via { get; }

    public bool ChangesState => Kinds != StateChangeKinds.None;
}

/// <summary>
/// The EF Core state-change model: which calls change the database (<c>SaveChanges*</c>, <c>ExecuteUpdate*</c>/
/// <c>ExecuteDelete*</c>, and <c>Add*</c>/<c>Remove*</c>/<c>Update*</c>/<c>Attach*</c> on a <c>DbSet&lt;T&gt;</c> or a
/// <c>DbContext</c>), reached directly or through methods of the same compilation (repositories, services, interface
/// calls whose every implementation in the compilation changes state), following calls at most <see cref="MaxDepth"/>
/// levels deep. Method summaries are computed on first use and cached per compilation.
/// </summary>
internal sealed class StateChangeModel
{
    /// <summary>How many levels of calls are followed from a handler: handler → repository method → its helper.</summary>
    public const int MaxDepth = 2;

    private static readonly string[] EfNames =
    [
        "SaveChanges", "SaveChangesAsync", "Add", "AddAsync", "AddRange", "AddRangeAsync", "Remove", "RemoveRange",
        "Update", "UpdateRange", "Attach", "AttachRange", "ExecuteUpdate", "ExecuteUpdateAsync", "ExecuteDelete", "ExecuteDeleteAsync",
    ];

    private readonly KnownTypes _types;
    private readonly INamedTypeSymbol _dbContext;
    private readonly ConcurrentDictionary<IMethodSymbol, StateChangeSummary>[] _summaries;
    private List<INamedTypeSymbol>? _sourceTypes;

    private StateChangeModel(KnownTypes types, INamedTypeSymbol dbContext)
    {
        _types = types;
        _dbContext = dbContext;
        _summaries = new ConcurrentDictionary<IMethodSymbol, StateChangeSummary>[MaxDepth + 1];
        for (var i = 0; i < _summaries.Length; i++)
        {
            _summaries[i] = new ConcurrentDictionary<IMethodSymbol, StateChangeSummary>(SymbolEqualityComparer.Default);
        }
    }

    /// <summary>The model of <paramref name="compilation"/>, or null when it does not reference EF Core.</summary>
    public static StateChangeModel? Get(Compilation compilation, CancellationToken cancellationToken)
        => CrossFileIndex<Holder>.Get(compilation, Build, cancellationToken).Model;

    private static Holder Build(Compilation compilation, CancellationToken cancellationToken)
    {
        var types = KnownTypes.Get(compilation);
        return new Holder(types.DbContext is { } dbContext ? new StateChangeModel(types, dbContext) : null);
    }

    /// <summary>What an EF Core method does, by symbol: a <c>DbContext</c>/<c>DbSet&lt;T&gt;</c> method (or an override of one) or an <c>Execute*</c> extension.</summary>
    public StateChangeKinds Classify(IMethodSymbol method)
    {
        StateChangeKinds kind;
        switch (method.Name)
        {
            case "SaveChanges" or "SaveChangesAsync":
                kind = StateChangeKinds.Save;
                break;
            case "Add" or "AddAsync" or "AddRange" or "AddRangeAsync":
                kind = StateChangeKinds.Add;
                break;
            case "Remove" or "RemoveRange" or "Update" or "UpdateRange" or "Attach" or "AttachRange":
                kind = StateChangeKinds.Modify;
                break;
            case "ExecuteUpdate" or "ExecuteUpdateAsync" or "ExecuteDelete" or "ExecuteDeleteAsync":
                var extension = method.ReducedFrom ?? method;
                var container = extension.ContainingType;
                return extension.IsExtensionMethod && (container.Is(_types.EntityFrameworkQueryableExtensions) || container.Is(_types.RelationalQueryableExtensions))
                    ? StateChangeKinds.Modify
                    : StateChangeKinds.None;
            default:
                return StateChangeKinds.None;
        }

        if (method.IsStatic)
        {
            return StateChangeKinds.None;
        }

        var declared = method;
        for (var depth = 0; depth < 8 && declared.OverriddenMethod is { } overridden; depth++)
        {
            declared = overridden;
        }

        var type = declared.ContainingType;
        return type.Is(_dbContext) || type.Is(_types.DbSetOfT) ? kind : StateChangeKinds.None;
    }

    /// <summary>
    /// What one call does: the EF Core call itself, or the summary of the application method it calls, followed
    /// <paramref name="budget"/> more levels.
    /// </summary>
    public StateChangeSummary OfInvocation(IInvocationOperation invocation, int budget, CancellationToken cancellationToken)
    {
        var target = invocation.TargetMethod;
        var kind = Classify(target);
        if (kind != StateChangeKinds.None)
        {
            return new StateChangeSummary(kind, target.Name, null);
        }

        if (budget <= 0)
        {
            return default;
        }

        var summary = OfMethod(target, budget - 1, cancellationToken);
        return summary.ChangesState ? new StateChangeSummary(summary.Kinds, summary.Call, target) : default;
    }

    /// <summary>The state changes reached from a body (a handler's), following calls <paramref name="budget"/> levels.</summary>
    public StateChangeSummary OfBody(IOperation body, int budget, CancellationToken cancellationToken)
    {
        var kinds = StateChangeKinds.None;
        string? call = null;
        IMethodSymbol? via = null;
        Collect(body, budget, ref kinds, ref call, ref via, cancellationToken);
        return new StateChangeSummary(kinds, call, via);
    }

    // A recursive walk, not DescendantsAndSelf: the endpoint rules summarise every handler body, and the iterator allocated per body and per step.
    private void Collect(IOperation operation, int budget, ref StateChangeKinds kinds, ref string? call, ref IMethodSymbol? via, CancellationToken cancellationToken)
    {
        if (operation.Kind == OperationKind.Invocation)
        {
            var summary = OfInvocation((IInvocationOperation)operation, budget, cancellationToken);
            if (summary.ChangesState)
            {
                if (call is null)
                {
                    call = summary.Call;
                    via = summary.Via;
                }

                kinds |= summary.Kinds;
            }
        }

        foreach (var child in operation.ChildOperations)
        {
            Collect(child, budget, ref kinds, ref call, ref via, cancellationToken);
        }
    }

    /// <summary>
    /// The state changes of an application method (source, with a body, or an interface method all of whose source
    /// implementations change state), following its calls <paramref name="budget"/> more levels. Cached.
    /// </summary>
    public StateChangeSummary OfMethod(IMethodSymbol method, int budget, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        if (method.PartialImplementationPart is { } implementation)
        {
            method = implementation;
        }

        if (budget < 0 || budget > MaxDepth || method.DeclaringSyntaxReferences.Length == 0)
        {
            return default;
        }

        var cache = _summaries[budget];
        if (cache.TryGetValue(method, out var cached))
        {
            return cached;
        }

        var summary = method.ContainingType?.TypeKind == TypeKind.Interface && method.IsAbstract
            ? OfInterfaceMethod(method, budget, cancellationToken)
            : Compute(method, budget, cancellationToken);
        return cache.GetOrAdd(method, summary);
    }

    private StateChangeSummary Compute(IMethodSymbol method, int budget, CancellationToken cancellationToken)
    {
        if (method.IsAbstract || method.IsExtern || method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction))
        {
            return default;
        }

        SyntaxNode? declaration = null;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            if (syntax is MethodDeclarationSyntax { Body: not null } or MethodDeclarationSyntax { ExpressionBody: not null } or
                LocalFunctionStatementSyntax { Body: not null } or LocalFunctionStatementSyntax { ExpressionBody: not null })
            {
                declaration = syntax;
                break;
            }
        }

        var compilation = _types.Compilation;
        if (declaration is null || !compilation.ContainsSyntaxTree(declaration.SyntaxTree) || !MayChangeState(declaration, budget))
        {
            return default;
        }

        var model = CrossFileIndex.SemanticModelFor(compilation, declaration.SyntaxTree);
        var operation = model.GetOperation(declaration, cancellationToken);
        if (operation is null)
        {
            return default;
        }

        var summary = OfBody(operation, budget, cancellationToken);
        return new StateChangeSummary(summary.Kinds, summary.Call, null);
    }

    /// <summary>Syntax pre-filter before binding: an EF Core method name is mentioned, or (when calls are followed) any call is made.</summary>
    private static bool MayChangeState(SyntaxNode declaration, int budget)
    {
        foreach (var node in declaration.DescendantNodes())
        {
            if (node is not InvocationExpressionSyntax invocation)
            {
                continue;
            }

            if (budget > 0)
            {
                return true;
            }

            for (var i = 0; i < EfNames.Length; i++)
            {
                if (CrossFileIndex.IsInvocationOf(invocation, EfNames[i]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>An interface method changes state when the compilation implements it, and every implementation does.</summary>
    private StateChangeSummary OfInterfaceMethod(IMethodSymbol method, int budget, CancellationToken cancellationToken)
    {
        var kinds = StateChangeKinds.None;
        string? call = null;
        var found = false;
        foreach (var type in SourceTypes(cancellationToken))
        {
            if (type.IsAbstract || !Implements(type, method.ContainingType))
            {
                continue;
            }

            if (FindImplementation(type, method) is not { } implementation)
            {
                continue;
            }

            var summary = OfMethod(implementation, budget, cancellationToken);
            kinds = found ? kinds & summary.Kinds : summary.Kinds;
            call ??= summary.Call;
            found = true;
            if (kinds == StateChangeKinds.None)
            {
                return default;
            }
        }

        return found ? new StateChangeSummary(kinds, call, null) : default;
    }

    private static bool Implements(INamedTypeSymbol type, INamedTypeSymbol @interface)
    {
        foreach (var candidate in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, @interface.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    private static IMethodSymbol? FindImplementation(INamedTypeSymbol type, IMethodSymbol interfaceMethod)
    {
        foreach (var candidate in type.AllInterfaces)
        {
            if (!SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, interfaceMethod.ContainingType.OriginalDefinition))
            {
                continue;
            }

            foreach (var member in candidate.GetMembers(interfaceMethod.Name))
            {
                if (member is IMethodSymbol constructed && SymbolEqualityComparer.Default.Equals(constructed.OriginalDefinition, interfaceMethod) &&
                    type.FindImplementationForInterfaceMember(constructed) is IMethodSymbol implementation)
                {
                    return implementation;
                }
            }
        }

        return null;
    }

    /// <summary>The classes and structs declared in this compilation's source, listed once (symbols only, no binding).</summary>
    private List<INamedTypeSymbol> SourceTypes(CancellationToken cancellationToken)
    {
        var types = Volatile.Read(ref _sourceTypes);
        if (types is not null)
        {
            return types;
        }

        types = [];
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(_types.Compilation.Assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = pending.Pop();
            if (current is INamespaceSymbol ns)
            {
                foreach (var member in ns.GetMembers())
                {
                    pending.Push(member);
                }
            }
            else if (current is INamedTypeSymbol type)
            {
                if (type.TypeKind is TypeKind.Class or TypeKind.Struct && type.DeclaringSyntaxReferences.Length > 0)
                {
                    types.Add(type);
                }

                foreach (var nested in type.GetTypeMembers())
                {
                    pending.Push(nested);
                }
            }
        }

        Interlocked.CompareExchange(ref _sourceTypes, types, null);
        return _sourceTypes!;
    }

    private sealed class Holder
    {
        public Holder(StateChangeModel? model) => Model = model;

        public StateChangeModel? Model { get; }
    }
}
