using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Cors;

/// <summary>
/// HTTP0030 (any origin with credentials, on a <c>CorsPolicyBuilder</c>), HTTP0031 (an allowed origin that never matches)
/// and HTTP0033 (a policy name that no <c>AddPolicy</c> defines). All three read the CORS policy model of the whole
/// compilation (policies are often built in one file and used in another), so they are reported at compilation end.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class CorsPolicyAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: what the HTTP0031 fix does (<see cref="FixReplace"/>, <see cref="FixSplit"/>, <see cref="FixWildcard"/>).</summary>
    public const string FixKey = "Fix";
    public const string ValueKey = "Value";
    public const string FixReplace = "Replace";
    public const string FixSplit = "Split";
    public const string FixWildcard = "Wildcard";
    public const string FixRemoveCall = "RemoveCall";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.CorsAnyOriginWithCredentials,
        Descriptors.CorsOriginNeverMatches,
        Descriptors.CorsPolicyNotDefined);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(Start);
    }

    private static void Start(CompilationStartAnalysisContext context)
    {
        var types = KnownTypes.Get(context.Compilation);
        var policies = CorsPolicies.Create(types);
        if (policies is null || types.CorsOptions is null)
        {
            return;
        }

        var state = new State(types, policies);
        context.RegisterOperationAction(c => state.OnInvocation((IInvocationOperation)c.Operation), OperationKind.Invocation);
        context.RegisterOperationAction(c => policies.Collect((IObjectCreationOperation)c.Operation), OperationKind.ObjectCreation);
        context.RegisterSymbolAction(c => state.OnSymbol(c.Symbol), SymbolKind.NamedType, SymbolKind.Method);
        context.RegisterOperationAction(
            c =>
            {
                // Minimal-API handlers: [EnableCors("name")] () => …
                var lambda = (IAnonymousFunctionOperation)c.Operation;
                if (lambda.Syntax is ParenthesizedLambdaExpressionSyntax { AttributeLists.Count: > 0 })
                {
                    state.OnSymbol(lambda.Symbol);
                }
            },
            OperationKind.AnonymousFunction);
        context.RegisterCompilationEndAction(state.OnEnd);
    }

    private sealed class State
    {
        private readonly KnownTypes _types;
        private readonly CorsPolicies _policies;
        private readonly INamedTypeSymbol _corsOptions;
        private readonly INamedTypeSymbol? _middleware;
        private readonly INamedTypeSymbol? _enableCors;
        private readonly INamedTypeSymbol? _policyProvider;
        private readonly ConcurrentQueue<string> _definedNames = new();
        private readonly ConcurrentQueue<(string Name, Location Location, bool IsLiteral)> _usedNames = new();
        private int _unknownDefinitions;
        private int _defaultPolicy;

        public State(KnownTypes types, CorsPolicies policies)
        {
            _types = types;
            _policies = policies;
            _corsOptions = types.CorsOptions!;
            _middleware = types.CorsMiddlewareExtensions;
            _enableCors = types.EnableCorsAttribute;
            _policyProvider = types.ICorsPolicyProvider;
        }

        public void OnInvocation(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "AddPolicy" when SymbolEqualityComparer.Default.Equals(method.ContainingType, _corsOptions):
                    if (invocation.GetArgument("name")?.Value.ConstantValue is { HasValue: true, Value: string name })
                    {
                        _definedNames.Enqueue(name);
                    }
                    else
                    {
                        Interlocked.Exchange(ref _unknownDefinitions, 1);
                    }

                    return;
                case "Configure" or "Bind" when method.IsGenericMethod && method.TypeArguments.Length == 1 &&
                                                 SymbolEqualityComparer.Default.Equals(method.TypeArguments[0], _corsOptions) &&
                                                 !HasDelegateArgument(invocation):
                    // Configure<CorsOptions>(configuration.GetSection("Cors")): options bound from configuration.
                    Interlocked.Exchange(ref _unknownDefinitions, 1);
                    return;
                case "AddDefaultPolicy" when SymbolEqualityComparer.Default.Equals(method.ContainingType, _corsOptions):
                    Interlocked.Exchange(ref _defaultPolicy, 1);
                    break;
                case "UseCors" when method.IsMethod(_middleware, "UseCors"):
                case "RequireCors" when method.IsMethod(_types.CorsEndpointConventionBuilderExtensions, "RequireCors"):
                    if (invocation.GetArgument("policyName")?.Value is { } value)
                    {
                        AddUse(value);
                    }

                    return;
            }

            _policies.Collect(invocation);
        }

        private static bool HasDelegateArgument(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type.TypeKind == TypeKind.Delegate)
                {
                    return true;
                }
            }

            return false;
        }

        private void AddUse(IOperation value)
        {
            if (value.WalkDownConversions() is { ConstantValue: { HasValue: true, Value: string name } } constant)
            {
                _usedNames.Enqueue((name, constant.Syntax.GetLocation(), constant is ILiteralOperation));
            }
        }

        public void OnSymbol(ISymbol symbol)
        {
            if (symbol is INamedTypeSymbol type && _policyProvider is not null && type.TypeKind == TypeKind.Class)
            {
                foreach (var implemented in type.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(implemented, _policyProvider))
                    {
                        // Policies come from a provider the analysis cannot read.
                        Interlocked.Exchange(ref _unknownDefinitions, 1);
                    }
                }
            }

            if (_enableCors is null)
            {
                return;
            }

            foreach (var attribute in symbol.GetAttributes())
            {
                if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _enableCors) ||
                    attribute.ApplicationSyntaxReference?.GetSyntax() is not AttributeSyntax { ArgumentList: { } arguments })
                {
                    continue;
                }

                foreach (var argument in arguments.Arguments)
                {
                    if (argument.NameColon is not null || (argument.NameEquals is { } nameEquals && nameEquals.Name.Identifier.ValueText != "PolicyName"))
                    {
                        continue;
                    }

                    string? name = null;
                    if (argument.NameEquals is null && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string ctorName)
                    {
                        name = ctorName;
                    }
                    else if (argument.NameEquals is not null)
                    {
                        foreach (var named in attribute.NamedArguments)
                        {
                            if (named.Key == "PolicyName" && named.Value.Value is string namedValue)
                            {
                                name = namedValue;
                            }
                        }
                    }

                    if (name is not null)
                    {
                        _usedNames.Enqueue((name, argument.Expression.GetLocation(), argument.Expression is LiteralExpressionSyntax));
                    }
                }
            }
        }

        public void OnEnd(CompilationAnalysisContext context)
        {
            ReportCredentials(context);
            ReportOrigins(context);
            ReportNames(context);
        }

        private void ReportCredentials(CompilationAnalysisContext context)
        {
            foreach (var credentials in _policies.Calls)
            {
                if (credentials.Kind != CorsCallKind.AllowCredentials)
                {
                    continue;
                }

                CorsPolicyCall? culprit = null;
                foreach (var policy in _policies.PoliciesContaining(credentials.Builder))
                {
                    foreach (var call in _policies.CallsOf(policy))
                    {
                        if (call.AllowsEveryOrigin &&
                            !(ReferenceEquals(call.Invocation.GetRoot(), credentials.Invocation.GetRoot()) && CorsPolicies.AreExclusive(call.Invocation, credentials.Invocation)))
                        {
                            culprit = call;
                            break;
                        }
                    }

                    if (culprit is not null)
                    {
                        break;
                    }
                }

                if (culprit is null)
                {
                    continue;
                }

                var (what, consequence) = culprit.Kind switch
                {
                    CorsCallKind.AllowAnyOrigin => ("AllowAnyOrigin()", "building the policy throws InvalidOperationException and no CORS request succeeds"),
                    CorsCallKind.WithOrigins => (culprit.Invocation is IObjectCreationOperation ? "new CorsPolicyBuilder(\"*\")" : "WithOrigins(\"*\")", "building the policy throws InvalidOperationException and no CORS request succeeds"),
                    _ => ("SetIsOriginAllowed(<always true>)", "any web site can send credentialed requests as the signed-in user and read the responses"),
                };
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.CorsAnyOriginWithCredentials,
                    PipelineCollector.CallLocation((IInvocationOperation)credentials.Invocation),
                    ImmutableDictionary<string, string?>.Empty.Add(FixKey, FixRemoveCall),
                    "AllowCredentials()",
                    what + " in the same policy",
                    consequence));
            }
        }

        private void ReportOrigins(CompilationAnalysisContext context)
        {
            foreach (var call in _policies.Calls)
            {
                if (call.Kind != CorsCallKind.WithOrigins)
                {
                    continue;
                }

                bool? customPredicate = null;
                bool? wildcardAllowed = null;
                foreach (var origin in CorsPolicies.OriginArguments(call.Invocation))
                {
                    var shape = StringShape.Of(origin);
                    if (shape is null)
                    {
                        continue;
                    }

                    var constant = shape.ConstantValue;
                    var defect = constant is not null ? CorsOrigins.Analyze(constant) : CorsOrigins.AnalyzeShape(shape);
                    if (defect.Kind == OriginDefectKind.None)
                    {
                        continue;
                    }

                    // A custom SetIsOriginAllowed predicate replaces the origin list: the list is never compared.
                    customPredicate ??= PolicyHas(call.Builder, CorsCallKind.SetIsOriginAllowed);
                    if (customPredicate.Value)
                    {
                        continue;
                    }

                    if (defect.Kind == OriginDefectKind.Wildcard)
                    {
                        wildcardAllowed ??= PolicyHas(call.Builder, CorsCallKind.AllowWildcardSubdomains);
                        if (wildcardAllowed.Value)
                        {
                            continue;
                        }
                    }

                    var properties = ImmutableDictionary<string, string?>.Empty;
                    var isLiteral = origin is ILiteralOperation;
                    if (defect.Kind == OriginDefectKind.Wildcard)
                    {
                        properties = properties.Add(FixKey, FixWildcard);
                    }
                    else if (isLiteral && defect.FixedValue is not null)
                    {
                        properties = properties.Add(FixKey, FixReplace).Add(ValueKey, defect.FixedValue);
                    }
                    else if (isLiteral && defect.Kind == OriginDefectKind.Joined && !defect.Parts.IsDefaultOrEmpty && origin.Parent is IArrayInitializerOperation or ICollectionExpressionOperation or IArgumentOperation)
                    {
                        properties = properties.Add(FixKey, FixSplit).Add(ValueKey, string.Join("\n", defect.Parts));
                    }

                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.CorsOriginNeverMatches,
                        origin.Syntax.GetLocation(),
                        properties,
                        constant ?? origin.Syntax.ToString(),
                        defect.Description));
                }
            }
        }

        private bool PolicyHas(object builder, CorsCallKind kind)
        {
            foreach (var policy in _policies.PoliciesContaining(builder))
            {
                foreach (var call in _policies.CallsOf(policy))
                {
                    if (call.Kind == kind)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private void ReportNames(CompilationAnalysisContext context)
        {
            if (Volatile.Read(ref _unknownDefinitions) != 0 || (_definedNames.IsEmpty && Volatile.Read(ref _defaultPolicy) == 0) || _usedNames.IsEmpty)
            {
                return;
            }

            var defined = new SortedSet<string>(_definedNames, System.StringComparer.Ordinal);
            string? list = null;
            foreach (var (name, location, isLiteral) in _usedNames)
            {
                if (defined.Contains(name))
                {
                    continue;
                }

                string? closest = null;
                var best = int.MaxValue;
                foreach (var candidate in defined)
                {
                    var distance = CorsOrigins.EditDistance(name, candidate);
                    if (distance < best)
                    {
                        best = distance;
                        closest = candidate;
                    }
                }

                list ??= Describe(defined);
                var properties = isLiteral && closest is not null
                    ? ImmutableDictionary<string, string?>.Empty.Add(ValueKey, closest)
                    : ImmutableDictionary<string, string?>.Empty;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CorsPolicyNotDefined, location, properties, name, list));
            }
        }

        private static string Describe(SortedSet<string> defined)
        {
            if (defined.Count == 0)
            {
                return "only the default policy is defined";
            }

            var builder = new StringBuilder(defined.Count == 1 ? "the only defined policy is " : "the defined policies are ");
            var first = true;
            foreach (var name in defined.Take(10))
            {
                if (!first)
                {
                    builder.Append(", ");
                }

                builder.Append('\'').Append(name).Append('\'');
                first = false;
            }

            return builder.ToString();
        }
    }
}
