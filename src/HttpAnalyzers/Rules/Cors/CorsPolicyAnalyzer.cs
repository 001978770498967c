using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Cors;

/// <summary>
/// HTTP0030 (any origin with credentials, on a <c>CorsPolicyBuilder</c>), HTTP0031 (an allowed origin that never matches)
/// and HTTP0033 (a policy name that no <c>AddPolicy</c> defines). All three read the CORS policy model of the whole
/// compilation (policies are often built in one file and used in another): a candidate (an <c>AllowCredentials</c> call,
/// an origin with a defect, a named policy use) asks the compilation's <see cref="CorsPolicyIndex"/>, built once on
/// first use, and reports the findings it owns from its own document-level action.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class CorsPolicyAnalyzer : DiagnosticAnalyzer
{
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
        if (types.CorsPolicyBuilder is null || types.CorsOptions is null)
        {
            return;
        }

        var triggers = new Triggers(types);
        context.RegisterForTypes(Triggers.MayHoldOwner, type =>
        {
            type.RegisterOperationAction(triggers.OnInvocation, OperationKind.Invocation);
            type.RegisterOperationAction(triggers.OnCreation, OperationKind.ObjectCreation);
            type.RegisterOperationAction(triggers.OnLambda, OperationKind.AnonymousFunction);
        });
        if (types.EnableCorsAttribute is not null)
        {
            context.RegisterSyntaxNodeAction(triggers.OnAttribute, SyntaxKind.Attribute);
        }
    }

    /// <summary>The document-level actions: each candidate reports the findings the index holds for it.</summary>
    private sealed class Triggers
    {
        private readonly KnownTypes _types;
        private readonly INamedTypeSymbol _builderType;
        private readonly INamedTypeSymbol? _middleware;
        private readonly INamedTypeSymbol? _enableCors;
        private readonly Func<Compilation, CancellationToken, CorsPolicyIndex> _build;

        /// <summary>The files that can hold a finding's owner: a superset, as text, of the names the index reads a file for.</summary>
        /// <remarks>"Cors" covers AddCors, UseCors, RequireCors, CorsPolicyBuilder, CorsOptions, EnableCors; "Policy" AddPolicy and AddDefaultPolicy; "Origin" WithOrigins, AllowAnyOrigin, SetIsOriginAllowed….</remarks>
        private static readonly TreeMentions Files = new(StringComparison.Ordinal, "Cors", "Policy", "Origin", "AllowCredentials");

        /// <summary>Whether a file declaring the type can hold a finding's owner: the operation actions exist only in such types.</summary>
        public static bool MayHoldOwner(ISymbol type) => Files.AnyDeclaration(type);

        public Triggers(KnownTypes types)
        {
            _types = types;
            _builderType = types.CorsPolicyBuilder!;
            _middleware = types.CorsMiddlewareExtensions;
            _enableCors = types.EnableCorsAttribute;
            _build = (compilation, cancellationToken) => CorsPolicyIndex.Build(compilation, types, cancellationToken);
        }

        public void OnInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!Files.Any(invocation.Syntax.SyntaxTree))
            {
                return;
            }

            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "AllowCredentials" when SymbolEqualityComparer.Default.Equals(method.ContainingType, _builderType):
                    Report(context, invocation.Syntax);
                    break;
                case "WithOrigins" when SymbolEqualityComparer.Default.Equals(method.ContainingType, _builderType) && CorsPolicyIndex.HasOriginDefect(invocation):
                    Report(context, invocation.Syntax);
                    break;
                case "UseCors" when method.IsMethod(_middleware, "UseCors"):
                case "RequireCors" when method.IsMethod(_types.CorsEndpointConventionBuilderExtensions, "RequireCors"):
                    if (invocation.GetArgument("policyName")?.Value.WalkDownConversions().ConstantValue is { HasValue: true, Value: string })
                    {
                        Report(context, invocation.Syntax);
                    }

                    break;
            }
        }

        public void OnCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (SymbolEqualityComparer.Default.Equals(creation.Type, _builderType) && Files.Any(creation.Syntax.SyntaxTree) && CorsPolicyIndex.HasOriginDefect(creation))
            {
                Report(context, creation.Syntax);
            }
        }

        // [EnableCors("name")] on a controller, page model or action.
        public void OnAttribute(SyntaxNodeAnalysisContext context)
        {
            if (_enableCors is not null && EnableCorsAttributes.IsOnTypeOrMethod(context, _enableCors))
            {
                CrossFileIndex<CorsPolicyIndex>.Get(context.Compilation, _build, context.CancellationToken).Findings.ReportAt(context.Node, context.ReportDiagnostic);
            }
        }

        public void OnLambda(OperationAnalysisContext context)
        {
            // Minimal-API handlers: [EnableCors("name")] () => …
            var lambda = (IAnonymousFunctionOperation)context.Operation;
            if (_enableCors is null || lambda.Syntax is not ParenthesizedLambdaExpressionSyntax { AttributeLists.Count: > 0 } || !Files.Any(lambda.Syntax.SyntaxTree))
            {
                return;
            }

            foreach (var attribute in lambda.Symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _enableCors) && attribute.ApplicationSyntaxReference is { } reference)
                {
                    Report(context, reference.GetSyntax(context.CancellationToken));
                }
            }
        }

        private void Report(OperationAnalysisContext context, SyntaxNode owner)
            => CrossFileIndex<CorsPolicyIndex>.Get(context.Compilation, _build, context.CancellationToken).Findings.ReportAt(owner, context.ReportDiagnostic);
    }

    /// <summary>The policy model of the whole compilation, fed by <see cref="CorsPolicyIndex"/>.</summary>
    internal sealed class State
    {
        private readonly KnownTypes _types;
        private readonly CorsPolicies _policies;
        private readonly INamedTypeSymbol _corsOptions;
        private readonly INamedTypeSymbol? _middleware;
        private readonly INamedTypeSymbol? _enableCors;
        private readonly INamedTypeSymbol? _policyProvider;
        private readonly List<string> _definedNames = new();
        private readonly List<(string Name, Location Location, bool IsLiteral, SyntaxNode Owner, ISymbol? Constant)> _usedNames = new();
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
                        _definedNames.Add(name);
                    }
                    else
                    {
                        _unknownDefinitions = 1;
                    }

                    return;
                case "Configure" or "Bind" when method.IsGenericMethod && method.TypeArguments.Length == 1 &&
                                                 SymbolEqualityComparer.Default.Equals(method.TypeArguments[0], _corsOptions) &&
                                                 !HasDelegateArgument(invocation):
                    // Configure<CorsOptions>(configuration.GetSection("Cors")): options bound from configuration.
                    _unknownDefinitions = 1;
                    return;
                case "AddDefaultPolicy" when SymbolEqualityComparer.Default.Equals(method.ContainingType, _corsOptions):
                    _defaultPolicy = 1;
                    break;
                case "UseCors" when method.IsMethod(_middleware, "UseCors"):
                case "RequireCors" when method.IsMethod(_types.CorsEndpointConventionBuilderExtensions, "RequireCors"):
                    if (invocation.GetArgument("policyName")?.Value is { } value)
                    {
                        AddUse(value, invocation.Syntax);
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

        private void AddUse(IOperation value, SyntaxNode owner)
        {
            if (value.WalkDownConversions() is { ConstantValue: { HasValue: true, Value: string name } } constant)
            {
                _usedNames.Add((name, constant.Syntax.GetLocation(), constant is ILiteralOperation, owner, ConstantReferences.ConstantOf(constant)));
            }
        }

        public void OnCreation(IObjectCreationOperation creation) => _policies.Collect(creation);

        /// <summary>Reads a declaration's <c>[EnableCors]</c> uses (<paramref name="model"/> binds a name given by a constant) and policy providers.</summary>
        public void OnSymbol(ISymbol symbol, SemanticModel? model)
        {
            if (symbol is INamedTypeSymbol type && _policyProvider is not null && type.TypeKind == TypeKind.Class)
            {
                foreach (var implemented in type.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(implemented, _policyProvider))
                    {
                        // Policies come from a provider the analysis cannot read.
                        _unknownDefinitions = 1;
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
                    attribute.ApplicationSyntaxReference?.GetSyntax() is not AttributeSyntax { ArgumentList: { } arguments } attributeSyntax)
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
                        var constant = argument.Expression is LiteralExpressionSyntax || model is null || model.SyntaxTree != argument.SyntaxTree
                            ? null
                            : model.GetSymbolInfo(argument.Expression).Symbol;
                        _usedNames.Add((
                            name,
                            argument.Expression.GetLocation(),
                            argument.Expression is LiteralExpressionSyntax,
                            attributeSyntax,
                            constant is IFieldSymbol { IsConst: true } or ILocalSymbol { IsConst: true } ? constant : null));
                    }
                }
            }
        }

        /// <summary>The constant names of the policies <c>AddPolicy</c> defines, each once.</summary>
        public ImmutableArray<string> DefinedNames()
        {
            var names = new SortedSet<string>(_definedNames, System.StringComparer.Ordinal);
            return names.ToImmutableArray();
        }

        /// <summary><c>AddDefaultPolicy</c> is called somewhere.</summary>
        public bool HasDefaultPolicy => _defaultPolicy != 0;

        /// <summary>Some policy is defined where the analysis cannot read its name (a non-constant name, options bound from configuration, a custom policy provider).</summary>
        public bool HasUnknownDefinitions => _unknownDefinitions != 0;

        /// <summary>Every finding of the compilation, each owned by the node whose action reports it.</summary>
        public OwnedFindings Findings(Compilation compilation, CancellationToken cancellationToken)
        {
            var findings = new OwnedFindings();
            var constants = new ConstantFixes(compilation, cancellationToken);
            ReportCredentials(findings);
            ReportOrigins(findings, constants);
            ReportNames(findings, constants);
            return findings;
        }

        private void ReportCredentials(OwnedFindings findings)
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
                findings.Add(credentials.Invocation.Syntax, Diagnostic.Create(
                    Descriptors.CorsAnyOriginWithCredentials,
                    PipelineCollector.CallLocation((IInvocationOperation)credentials.Invocation),
                    ImmutableDictionary<string, string?>.Empty.Add(CorsFixData.Kind, CorsFixData.RemoveCall),
                    "AllowCredentials()",
                    what + " in the same policy",
                    consequence));
            }
        }

        private void ReportOrigins(OwnedFindings findings, ConstantFixes constants)
        {
            foreach (var call in _policies.Calls)
            {
                if (call.Kind == CorsCallKind.WithOrigins)
                {
                    foreach (var origin in CorsPolicies.OriginArguments(call.Invocation))
                    {
                        constants.AddUse(origin);
                    }
                }
            }

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
                    if (CorsPolicyIndex.DefectOf(origin, out var constant) is not { } defect)
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
                    var additional = Array.Empty<Location>();
                    var isLiteral = origin is ILiteralOperation;
                    if (defect.Kind == OriginDefectKind.Wildcard)
                    {
                        properties = properties.Add(CorsFixData.Kind, CorsFixData.Wildcard);
                    }
                    else if (isLiteral && defect.FixedValue is not null)
                    {
                        properties = properties.Add(CorsFixData.Kind, CorsFixData.Replace).Add(CorsFixData.Value, defect.FixedValue);
                    }
                    else if (isLiteral && defect.Kind == OriginDefectKind.Joined && !defect.Parts.IsDefaultOrEmpty && origin.Parent is IArrayInitializerOperation or ICollectionExpressionOperation or IArgumentOperation)
                    {
                        properties = properties.Add(CorsFixData.Kind, CorsFixData.Split).Add(CorsFixData.Value, string.Join("\n", defect.Parts));
                    }
                    else if (defect.FixedValue is not null && constants.Declaration(origin) is { } declaration)
                    {
                        // const string Frontend = "https://app.example.com/";  — fixed where it is declared, when only origins use it.
                        properties = properties.Add(CorsFixData.Kind, CorsFixData.ReplaceConstant).Add(CorsFixData.Value, defect.FixedValue);
                        additional = new[] { declaration.GetLocation() };
                    }
                    else if (defect.Suffix is { Length: > 0 } suffix && origin is IInterpolatedStringOperation && EndsWithText(origin.Syntax, suffix) && OnlyTailIsWrong(origin))
                    {
                        // $"https://{host}/": the defect is in the last literal part.
                        properties = properties.Add(CorsFixData.Kind, CorsFixData.TrimInterpolation).Add(CorsFixData.Value, suffix);
                    }

                    findings.Add(call.Invocation.Syntax, Diagnostic.Create(
                        Descriptors.CorsOriginNeverMatches,
                        origin.Syntax.GetLocation(),
                        additional,
                        properties,
                        constant ?? origin.Syntax.ToString(),
                        defect.Description));
                }
            }
        }

        /// <summary>
        /// No path, query or fragment starts before the last hole (<c>$"https://{host}/{path}/x"</c>): removing the text
        /// after it would not leave an origin.
        /// </summary>
        private static bool OnlyTailIsWrong(IOperation origin)
        {
            if (StringShape.Of(origin) is not { } shape)
            {
                return false;
            }

            var schemeSeen = false;
            for (var i = 0; i < shape.Parts.Length - 1; i++)
            {
                if (shape.Parts[i].Text is not { } text)
                {
                    continue;
                }

                var scheme = text.IndexOf("://", StringComparison.Ordinal);
                var rest = scheme >= 0 && !schemeSeen ? text.Substring(scheme + 3) : text;
                schemeSeen |= scheme >= 0;
                if (rest.IndexOfAny(PathStart) >= 0)
                {
                    return false;
                }
            }

            return true;
        }

        private static readonly char[] PathStart = { '/', '?', '#' };

        /// <summary>The interpolated string (not a raw one) ends with a text part that ends with <paramref name="suffix"/>, in its source text and its value.</summary>
        private static bool EndsWithText(SyntaxNode syntax, string suffix)
            => syntax is InterpolatedStringExpressionSyntax { Contents.Count: > 0 } interpolated &&
               interpolated.StringStartToken.Kind() is SyntaxKind.InterpolatedStringStartToken or SyntaxKind.InterpolatedVerbatimStringStartToken &&
               interpolated.Contents[interpolated.Contents.Count - 1] is InterpolatedStringTextSyntax { TextToken: var token } &&
               token.Text.EndsWith(suffix, StringComparison.Ordinal) &&
               token.ValueText.EndsWith(suffix, StringComparison.Ordinal);

        /// <summary>
        /// Whether the policy built by <paramref name="builder"/> may make a call of <paramref name="kind"/>: its own calls and
        /// its helpers', a builder a helper returns, and any call on a builder the analysis cannot trace (it may be this one).
        /// </summary>
        private bool PolicyHas(object builder, CorsCallKind kind)
        {
            foreach (var policy in _policies.PoliciesContaining(builder, includeGuesses: true))
            {
                if (Has(policy, kind))
                {
                    return true;
                }
            }

            return Has(CorsPolicies.Unknown, kind);
        }

        private bool Has(object builder, CorsCallKind kind)
        {
            foreach (var call in _policies.CallsOf(builder, includeGuesses: true))
            {
                if (call.Kind == kind)
                {
                    return true;
                }
            }

            return false;
        }

        private void ReportNames(OwnedFindings findings, ConstantFixes constants)
        {
            if (_unknownDefinitions != 0 || (_definedNames.Count == 0 && _defaultPolicy == 0) || _usedNames.Count == 0)
            {
                return;
            }

            foreach (var use in _usedNames)
            {
                if (use.Constant is not null && use.Location.SourceTree is { } tree)
                {
                    constants.AddUse(use.Constant, tree, use.Location.SourceSpan);
                }
            }

            var defined = new SortedSet<string>(_definedNames, System.StringComparer.Ordinal);
            string? list = null;
            foreach (var (name, location, isLiteral, owner, constant) in _usedNames)
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
                var properties = ImmutableDictionary<string, string?>.Empty;
                var additional = Array.Empty<Location>();
                if (closest is not null && isLiteral)
                {
                    properties = properties.Add(CorsFixData.Kind, CorsFixData.Replace).Add(CorsFixData.Value, closest);
                }
                else if (closest is not null && constant is not null && constants.Declaration(constant) is { } declaration)
                {
                    // const string Policy = "Frontent";  — every use of the constant names the same undefined policy.
                    properties = properties.Add(CorsFixData.Kind, CorsFixData.ReplaceConstant).Add(CorsFixData.Value, closest);
                    additional = new[] { declaration.GetLocation() };
                }

                findings.Add(owner, Diagnostic.Create(Descriptors.CorsPolicyNotDefined, location, additional, properties, name, list));
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
