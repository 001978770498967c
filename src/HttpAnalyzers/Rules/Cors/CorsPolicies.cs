using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Cors;

/// <summary>What one call on a <c>CorsPolicyBuilder</c> does to the policy.</summary>
internal enum CorsCallKind
{
    Other,
    AllowAnyOrigin,
    WithOrigins,
    AllowCredentials,
    SetIsOriginAllowed,
    AllowWildcardSubdomains,
    DisallowCredentials,
}

/// <summary>One call on a <c>CorsPolicyBuilder</c>, with the builder it acts on.</summary>
internal sealed class CorsPolicyCall
{
    public CorsPolicyCall(object builder, IOperation invocation, CorsCallKind kind, bool allowsEveryOrigin, bool isCertain = true)
    {
        Builder = builder;
        Invocation = invocation;
        Kind = kind;
        AllowsEveryOrigin = allowsEveryOrigin;
        IsCertain = isCertain;
    }

    /// <summary>
    /// False when the call is made on a builder the analysis only guesses (one returned by a helper method, read from a
    /// field or property): such calls may silence a finding (a wildcard allowed elsewhere), never make one.
    /// </summary>
    public bool IsCertain { get; }

    /// <summary>The builder: a parameter or local symbol, or the <c>new CorsPolicyBuilder()</c> operation.</summary>
    public object Builder { get; }

    /// <summary>The call, or the <c>new CorsPolicyBuilder(origins)</c> creation (kind <see cref="CorsCallKind.WithOrigins"/>).</summary>
    public IOperation Invocation { get; }

    public CorsCallKind Kind { get; }

    /// <summary><c>AllowAnyOrigin()</c>, <c>WithOrigins("*")</c>, or <c>SetIsOriginAllowed</c> with a predicate whose body is the constant <c>true</c>.</summary>
    public bool AllowsEveryOrigin { get; }
}

/// <summary>
/// The CORS policy model: the calls made on each <c>CorsPolicyBuilder</c> of the compilation — the builder parameter
/// of a lambda or method group given to <c>AddPolicy</c> / <c>AddDefaultPolicy</c> / <c>UseCors</c> / <c>RequireCors</c>,
/// a helper method's builder parameter, a <c>new CorsPolicyBuilder()</c> — and the helper calls that pass one builder
/// on to another method. <see cref="PoliciesContaining"/> answers "which calls act on the same policy at run time".
/// Thread-safe while collecting; query at compilation end.
/// </summary>
internal sealed class CorsPolicies
{
    private readonly INamedTypeSymbol _builderType;
    private readonly ConcurrentQueue<CorsPolicyCall> _calls = new();
    private readonly ConcurrentQueue<(object From, object To, bool Certain)> _helperCalls = new();

    /// <summary>The builder of calls made on a builder the analysis cannot trace (a field, a property, a library method's result).</summary>
    public static readonly object Unknown = new();
    private Dictionary<object, List<CorsPolicyCall>>? _byBuilder;
    private Dictionary<object, List<(object Builder, bool Certain)>>? _edges;
    private Dictionary<object, List<(object Builder, bool Certain)>>? _callers;

    private CorsPolicies(INamedTypeSymbol builderType) => _builderType = builderType;

    public static CorsPolicies? Create(KnownTypes types) => types.CorsPolicyBuilder is { } builder ? new CorsPolicies(builder) : null;

    public IEnumerable<CorsPolicyCall> Calls => _calls;

    /// <summary>Records <c>new CorsPolicyBuilder("https://…")</c>: its origins act like <c>WithOrigins</c>.</summary>
    public CorsPolicyCall? Collect(IObjectCreationOperation creation)
    {
        if (!SymbolEqualityComparer.Default.Equals(creation.Type, _builderType))
        {
            return null;
        }

        // `var policy = new CorsPolicyBuilder()…;` then `policy.AllowCredentials();`: the local and the creation build one policy.
        IOperation current = creation;
        while (current.WalkUpConversions() is IInvocationOperation chained && ReferenceEquals(chained.Instance?.WalkDownConversions(), current) &&
               SymbolEqualityComparer.Default.Equals(chained.Type, _builderType))
        {
            current = chained;
        }

        if (current.WalkUpConversions() is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
        {
            _helperCalls.Enqueue((declarator.Symbol, creation, true));
            _helperCalls.Enqueue((creation, declarator.Symbol, true));
        }

        if (creation.Constructor is not { Parameters.Length: 1 } constructor || !constructor.Parameters[0].IsParams)
        {
            return null;
        }

        var call = new CorsPolicyCall(creation, creation, CorsCallKind.WithOrigins, HasStarOrigin(creation));
        _calls.Enqueue(call);
        return call;
    }

    /// <summary>Records <paramref name="invocation"/> when it is a call on a CORS policy builder or passes one to a helper method.</summary>
    public CorsPolicyCall? Collect(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (SymbolEqualityComparer.Default.Equals(method.ContainingType, _builderType) && !method.IsStatic)
        {
            var kind = KindOf(method.Name);
            if (BuilderOf(invocation.Instance) is not var (builder, certain) ||
                (!certain && kind is not (CorsCallKind.SetIsOriginAllowed or CorsCallKind.AllowWildcardSubdomains)))
            {
                // A guessed builder only records what may silence a finding.
                return null;
            }

            var allowsEveryOrigin = kind switch
            {
                CorsCallKind.AllowAnyOrigin => true,
                CorsCallKind.WithOrigins => HasStarOrigin(invocation),
                CorsCallKind.SetIsOriginAllowed => invocation.Arguments.Length == 1 && IsAlwaysTrue(invocation.Arguments[0].Value),
                _ => false,
            };
            var call = new CorsPolicyCall(builder, invocation, kind, allowsEveryOrigin, certain);
            _calls.Enqueue(call);
            return call;
        }

        // Only a helper written in the compilation can be followed (its parameters belong to the method, so check it once).
        if (method.MethodKind == MethodKind.Constructor || invocation.Arguments.IsDefaultOrEmpty || method.Locations.IsDefaultOrEmpty || !method.Locations[0].IsInSource)
        {
            return null;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter &&
                SymbolEqualityComparer.Default.Equals(parameter.Type, _builderType) &&
                !parameter.ContainingSymbol.Locations.IsDefaultOrEmpty &&
                parameter.ContainingSymbol.Locations[0].IsInSource &&
                BuilderOf(argument.Value) is var (from, certain))
            {
                _helperCalls.Enqueue((from, parameter.OriginalDefinition, certain));
            }
        }

        return null;
    }

    /// <summary>
    /// The builders whose policy includes the calls made on <paramref name="builder"/> (itself, and every builder that passes
    /// itself, directly or through other helpers, to the helper whose parameter <paramref name="builder"/> is). Links the
    /// analysis only guesses (a builder returned by a helper) count when <paramref name="includeGuesses"/> is set.
    /// </summary>
    public IEnumerable<object> PoliciesContaining(object builder, bool includeGuesses = false)
        => Reachable(builder, includeGuesses, callers: true);

    /// <summary>Every call that acts on the policy built by <paramref name="builder"/>: its own calls and those of the helpers it is passed to.</summary>
    public IEnumerable<CorsPolicyCall> CallsOf(object builder, bool includeGuesses = false)
    {
        foreach (var current in Reachable(builder, includeGuesses, callers: false))
        {
            if (_byBuilder!.TryGetValue(current, out var calls))
            {
                foreach (var call in calls)
                {
                    if (includeGuesses || call.IsCertain)
                    {
                        yield return call;
                    }
                }
            }
        }
    }

    private IEnumerable<object> Reachable(object builder, bool includeGuesses, bool callers)
    {
        EnsureIndexed();
        var links = callers ? _callers! : _edges!;
        var seen = new HashSet<object>(EqualityComparer) { builder };
        var stack = new Stack<object>();
        stack.Push(builder);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            if (links.TryGetValue(current, out var next))
            {
                foreach (var (other, certain) in next)
                {
                    if ((certain || includeGuesses) && seen.Add(other))
                    {
                        stack.Push(other);
                    }
                }
            }
        }
    }

    private static readonly IEqualityComparer<object> EqualityComparer = new BuilderComparer();

    private void EnsureIndexed()
    {
        if (_byBuilder is not null)
        {
            return;
        }

        var byBuilder = new Dictionary<object, List<CorsPolicyCall>>(EqualityComparer);
        foreach (var call in _calls)
        {
            Add(byBuilder, call.Builder, call);
        }

        var edges = new Dictionary<object, List<(object Builder, bool Certain)>>(EqualityComparer);
        var callers = new Dictionary<object, List<(object Builder, bool Certain)>>(EqualityComparer);
        foreach (var (from, to, certain) in _helperCalls)
        {
            Add(edges, from, (to, certain));
            Add(callers, to, (from, certain));
        }

        _edges = edges;
        _callers = callers;
        _byBuilder = byBuilder;
    }

    private static void Add<T>(Dictionary<object, List<T>> map, object key, T value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = new List<T>();
            map.Add(key, list);
        }

        list.Add(value);
    }

    /// <summary>
    /// The builder a call chain starts from: a parameter, a local, or a <c>new CorsPolicyBuilder()</c> (certain). A local
    /// initialised from another builder expression is that builder. A builder returned by a helper written in the
    /// compilation (<c>Origins(b).SetIsOriginAllowedToAllowWildcardSubdomains()</c>, <c>b.WithFrontend()…</c>) is guessed to be
    /// the builder passed to it; one read from a field, a property or a library method is <see cref="Unknown"/>.
    /// </summary>
    private (object Builder, bool Certain)? BuilderOf(IOperation? receiver, int depth = 0)
    {
        var certain = true;
        for (var i = 0; i < 64 && receiver is not null; i++)
        {
            receiver = receiver.WalkDownConversions();
            switch (receiver)
            {
                case IParameterReferenceOperation parameter:
                    return (parameter.Parameter.OriginalDefinition, certain);
                case ILocalReferenceOperation local:
                    if (depth < 4 && InitializerOf(local) is { } initializer && BuilderOf(initializer, depth + 1) is var (initial, initialCertain) &&
                        initializer.WalkDownConversions() is not IObjectCreationOperation && !IsChainOnCreation(initializer))
                    {
                        return (initial, certain && initialCertain);
                    }

                    return (local.Local, certain);
                case IObjectCreationOperation creation:
                    return (creation, certain);
                case IInvocationOperation inner when SymbolEqualityComparer.Default.Equals(inner.TargetMethod.ContainingType, _builderType):
                    receiver = inner.Instance;
                    break;
                case IInvocationOperation helper when SymbolEqualityComparer.Default.Equals(helper.Type, _builderType):
                    // A helper that returns a builder: most often the one it was given.
                    certain = false;
                    receiver = null;
                    foreach (var argument in helper.Arguments)
                    {
                        if (SymbolEqualityComparer.Default.Equals(argument.Value.WalkDownConversions().Type, _builderType))
                        {
                            receiver = argument.Value;
                            break;
                        }
                    }

                    if (receiver is null)
                    {
                        return (Unknown, false);
                    }

                    break;
                default:
                    return SymbolEqualityComparer.Default.Equals(receiver.Type, _builderType) ? (Unknown, false) : null;
            }
        }

        return null;
    }

    /// <summary>The value a builder-typed local is declared with, read from the operation tree of its own body; null without one.</summary>
    private IOperation? InitializerOf(ILocalReferenceOperation local)
    {
        if (!SymbolEqualityComparer.Default.Equals(local.Local.Type, _builderType))
        {
            return null;
        }

        var root = local.GetRoot();
        foreach (var operation in OperationWalk.Below(root))
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local))
            {
                return declarator.GetVariableInitializer()?.Value;
            }
        }

        return null;
    }

    /// <summary><c>new CorsPolicyBuilder().WithOrigins(…)</c>: the local and the creation are linked where the creation is recorded.</summary>
    private bool IsChainOnCreation(IOperation value)
    {
        value = value.WalkDownConversions();
        while (value is IInvocationOperation invocation && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, _builderType) && invocation.Instance is { } instance)
        {
            value = instance.WalkDownConversions();
        }

        return value is IObjectCreationOperation;
    }

    private static CorsCallKind KindOf(string name) => name switch
    {
        "AllowAnyOrigin" => CorsCallKind.AllowAnyOrigin,
        "WithOrigins" => CorsCallKind.WithOrigins,
        "AllowCredentials" => CorsCallKind.AllowCredentials,
        "SetIsOriginAllowed" => CorsCallKind.SetIsOriginAllowed,
        "SetIsOriginAllowedToAllowWildcardSubdomains" => CorsCallKind.AllowWildcardSubdomains,
        "DisallowCredentials" => CorsCallKind.DisallowCredentials,
        _ => CorsCallKind.Other,
    };

    /// <summary>The origin arguments of <c>WithOrigins(params string[])</c>, one operation per origin when the array is written inline.</summary>
    public static IEnumerable<IOperation> OriginArguments(IOperation withOrigins)
    {
        var arguments = withOrigins switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => ImmutableArray<IArgumentOperation>.Empty,
        };
        foreach (var argument in arguments)
        {
            var value = argument.Value.WalkDownConversions();
            if (value is IArrayCreationOperation { Initializer: { } initializer })
            {
                foreach (var element in initializer.ElementValues)
                {
                    yield return element;
                }
            }
            else if (value is ICollectionExpressionOperation collection)
            {
                foreach (var element in collection.Elements)
                {
                    yield return element;
                }
            }
            else
            {
                yield return value;
            }
        }
    }

    private static bool HasStarOrigin(IOperation withOrigins)
    {
        foreach (var origin in OriginArguments(withOrigins))
        {
            if (origin.WalkDownConversions().ConstantValue is { HasValue: true, Value: string s } && s.Trim() == "*")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A lambda, local function or method whose body is the constant <c>true</c>.</summary>
    public static bool IsAlwaysTrue(IOperation value)
    {
        value = value.WalkDownConversions();
        if (value is IDelegateCreationOperation creation)
        {
            value = creation.Target;
        }

        switch (value)
        {
            case IAnonymousFunctionOperation lambda:
                return lambda.Body.Operations.Length == 1 &&
                       lambda.Body.Operations[0] is IReturnOperation { ReturnedValue: { } returned } &&
                       returned.WalkDownConversions().ConstantValue is { HasValue: true, Value: true };
            case IMethodReferenceOperation reference:
                foreach (var declaration in reference.Method.DeclaringSyntaxReferences)
                {
                    var syntax = declaration.GetSyntax();
                    var (expressionBody, body) = syntax switch
                    {
                        MethodDeclarationSyntax m => (m.ExpressionBody, m.Body),
                        LocalFunctionStatementSyntax l => (l.ExpressionBody, l.Body),
                        _ => (null, null),
                    };
                    var result = expressionBody?.Expression ??
                                 (body is { Statements.Count: 1 } && body.Statements[0] is ReturnStatementSyntax r ? r.Expression : null);
                    return result is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.TrueLiteralExpression);
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> sit in different arms of one if/else, ?: or switch: they never both run.</summary>
    public static bool AreExclusive(IOperation a, IOperation b)
    {
        var ancestors = new Dictionary<IOperation, IOperation>();
        var child = a;
        for (var current = a.Parent; current is not null; current = current.Parent)
        {
            ancestors[current] = child;
            child = current;
        }

        child = b;
        for (var current = b.Parent; current is not null; current = current.Parent)
        {
            if (ancestors.TryGetValue(current, out var childOfA))
            {
                switch (current)
                {
                    case IConditionalOperation conditional:
                        return childOfA != child && childOfA != conditional.Condition && child != conditional.Condition;
                    case ISwitchOperation:
                    case ISwitchExpressionOperation:
                        return childOfA != child && childOfA is ISwitchCaseOperation or ISwitchExpressionArmOperation && child is ISwitchCaseOperation or ISwitchExpressionArmOperation;
                    default:
                        return false;
                }
            }

            child = current;
        }

        return false;
    }

    private sealed class BuilderComparer : IEqualityComparer<object>
    {
        public new bool Equals(object? x, object? y)
            => x is ISymbol sx && y is ISymbol sy ? SymbolEqualityComparer.Default.Equals(sx, sy) : ReferenceEquals(x, y);

        public int GetHashCode(object obj) => obj is ISymbol s ? SymbolEqualityComparer.Default.GetHashCode(s) : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
