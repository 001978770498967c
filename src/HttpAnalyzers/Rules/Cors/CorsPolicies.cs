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
    public CorsPolicyCall(object builder, IOperation invocation, CorsCallKind kind, bool allowsEveryOrigin)
    {
        Builder = builder;
        Invocation = invocation;
        Kind = kind;
        AllowsEveryOrigin = allowsEveryOrigin;
    }

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
    private readonly ConcurrentQueue<(object From, object To)> _helperCalls = new();
    private Dictionary<object, List<CorsPolicyCall>>? _byBuilder;
    private Dictionary<object, List<object>>? _edges;
    private Dictionary<object, List<object>>? _callers;

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
            _helperCalls.Enqueue((declarator.Symbol, creation));
            _helperCalls.Enqueue((creation, declarator.Symbol));
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
            var builder = BuilderOf(invocation.Instance);
            if (builder is null)
            {
                return null;
            }

            var kind = KindOf(method.Name);
            var allowsEveryOrigin = kind switch
            {
                CorsCallKind.AllowAnyOrigin => true,
                CorsCallKind.WithOrigins => HasStarOrigin(invocation),
                CorsCallKind.SetIsOriginAllowed => invocation.Arguments.Length == 1 && IsAlwaysTrue(invocation.Arguments[0].Value),
                _ => false,
            };
            var call = new CorsPolicyCall(builder, invocation, kind, allowsEveryOrigin);
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
                BuilderOf(argument.Value) is { } from)
            {
                _helperCalls.Enqueue((from, (object)parameter.OriginalDefinition));
            }
        }

        return null;
    }

    /// <summary>
    /// The builders whose policy includes the calls made on <paramref name="builder"/> (itself, and every builder that passes
    /// itself, directly or through other helpers, to the helper whose parameter <paramref name="builder"/> is).
    /// </summary>
    public IEnumerable<object> PoliciesContaining(object builder)
    {
        EnsureIndexed();
        var seen = new HashSet<object>(EqualityComparer) { builder };
        var stack = new Stack<object>();
        stack.Push(builder);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            if (_callers!.TryGetValue(current, out var callers))
            {
                foreach (var caller in callers)
                {
                    if (seen.Add(caller))
                    {
                        stack.Push(caller);
                    }
                }
            }
        }
    }

    /// <summary>Every call that acts on the policy built by <paramref name="builder"/>: its own calls and those of the helpers it is passed to.</summary>
    public IEnumerable<CorsPolicyCall> CallsOf(object builder)
    {
        EnsureIndexed();
        var seen = new HashSet<object>(EqualityComparer) { builder };
        var stack = new Stack<object>();
        stack.Push(builder);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (_byBuilder!.TryGetValue(current, out var calls))
            {
                foreach (var call in calls)
                {
                    yield return call;
                }
            }

            if (_edges!.TryGetValue(current, out var helpers))
            {
                foreach (var helper in helpers)
                {
                    if (seen.Add(helper))
                    {
                        stack.Push(helper);
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

        var edges = new Dictionary<object, List<object>>(EqualityComparer);
        var callers = new Dictionary<object, List<object>>(EqualityComparer);
        foreach (var (from, to) in _helperCalls)
        {
            Add(edges, from, to);
            Add(callers, to, from);
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

    /// <summary>The builder a call chain starts from: a parameter, a local, or a <c>new CorsPolicyBuilder()</c>.</summary>
    private object? BuilderOf(IOperation? receiver)
    {
        for (var i = 0; i < 64 && receiver is not null; i++)
        {
            receiver = receiver.WalkDownConversions();
            switch (receiver)
            {
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter.OriginalDefinition;
                case ILocalReferenceOperation local:
                    return local.Local;
                case IObjectCreationOperation creation:
                    return creation;
                case IInvocationOperation inner when SymbolEqualityComparer.Default.Equals(inner.TargetMethod.ContainingType, _builderType):
                    receiver = inner.Instance;
                    break;
                default:
                    return null;
            }
        }

        return null;
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
