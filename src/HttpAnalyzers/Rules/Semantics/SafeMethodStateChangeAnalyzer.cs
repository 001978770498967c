using System;
using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Semantics;

/// <summary>
/// HTTP0050: an <c>[HttpGet]</c>/<c>[HttpHead]</c> action, a <c>MapGet</c> handler or a Razor Page <c>OnGet…</c>/<c>OnHead…</c>
/// handler that changes database state through EF Core (directly or through application methods, see <see cref="StateChangeModel"/>).
/// One diagnostic per handler: at the verb attribute, the <c>MapGet</c> name or the handler method's name.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SafeMethodStateChangeAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: which shape the fixer rewrites (<see cref="AttributeShape"/>, <see cref="MapShape"/>, <see cref="PageShape"/>).</summary>
    public const string ShapeProperty = "Shape";

    public const string AttributeShape = "Attribute";
    public const string MapShape = "Map";
    public const string PageShape = "Page";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SafeMethodChangesState);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var types = KnownTypes.Get(start.Compilation);
            if (types.DbContext is null || Endpoints.Create(types) is not { } endpoints)
            {
                return;
            }

            var analyzer = new Analyzer(types, endpoints);
            start.RegisterOperationBlockAction(analyzer.AnalyzeMethod);
            if (types.EndpointRouteBuilderExtensions is not null)
            {
                start.RegisterOperationAction(analyzer.AnalyzeMap, OperationKind.Invocation);
            }
        });
    }

    private sealed class Analyzer
    {
        private static readonly ImmutableDictionary<string, string?> AttributeProperties = ImmutableDictionary<string, string?>.Empty.Add(ShapeProperty, AttributeShape);
        private static readonly ImmutableDictionary<string, string?> MapProperties = ImmutableDictionary<string, string?>.Empty.Add(ShapeProperty, MapShape);
        private static readonly ImmutableDictionary<string, string?> PageProperties = ImmutableDictionary<string, string?>.Empty.Add(ShapeProperty, PageShape);

        private readonly KnownTypes _types;
        private readonly Endpoints _endpoints;

        public Analyzer(KnownTypes types, Endpoints endpoints)
        {
            _types = types;
            _endpoints = endpoints;
        }

        public void AnalyzeMethod(OperationBlockAnalysisContext context)
        {
            if (context.OwningSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false } method ||
                context.OperationBlocks.IsEmpty)
            {
                return;
            }

            // Cheapest first: a page handler's name, or a verb attribute, before the controller/page model checks.
            var pageVerb = PageHandlerVerb(method.Name);
            AttributeData? verbAttribute = null;
            string? verb = null;
            if (pageVerb is not null)
            {
                if (!_endpoints.IsPageHandler(method))
                {
                    return;
                }

                verb = pageVerb;
            }
            else
            {
                verbAttribute = SafeVerbAttribute(method, out verb);
                if (verbAttribute is null || !_endpoints.IsAction(method))
                {
                    return;
                }
            }

            var model = StateChangeModel.Get(context.Compilation, context.CancellationToken);
            if (model is null)
            {
                return;
            }

            var summary = default(StateChangeSummary);
            foreach (var block in context.OperationBlocks)
            {
                summary = model.OfBody(block, StateChangeModel.MaxDepth, context.CancellationToken);
                if (summary.ChangesState)
                {
                    break;
                }
            }

            if (!summary.ChangesState)
            {
                return;
            }

            if (verbAttribute is not null)
            {
                var location = verbAttribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is AttributeSyntax attribute
                    ? attribute.GetLocation()
                    : method.Locations[0];
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.SafeMethodChangesState, location, AttributeProperties, "Action '" + method.Name + "'", verb, Describe(summary)));
            }
            else
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.SafeMethodChangesState, method.Locations[0], PageProperties, "Page handler '" + method.Name + "'", verb, Describe(summary)));
            }
        }

        public void AnalyzeMap(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var target = invocation.TargetMethod;
            if (target.Name != "MapGet" || !target.IsMethod(_types.EndpointRouteBuilderExtensions, "MapGet"))
            {
                return;
            }

            IOperation? handler = null;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "handler" || argument.Parameter?.Name == "requestDelegate")
                {
                    handler = argument.Value.WalkDownConversions();
                }
            }

            var model = handler is null ? null : StateChangeModel.Get(context.Compilation, context.CancellationToken);
            if (model is null)
            {
                return;
            }

            var summary = handler switch
            {
                IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => model.OfBody(lambda.Body, StateChangeModel.MaxDepth, context.CancellationToken),
                IAnonymousFunctionOperation lambda => model.OfBody(lambda.Body, StateChangeModel.MaxDepth, context.CancellationToken),
                IDelegateCreationOperation { Target: IMethodReferenceOperation reference } => MethodGroup(model, reference.Method, context),
                _ => default,
            };
            if (!summary.ChangesState)
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SafeMethodChangesState, invocation.NameLocation(), MapProperties, MapCalls.HandlerName(invocation), "GET", Describe(summary)));
        }

        private static StateChangeSummary MethodGroup(StateChangeModel model, IMethodSymbol method, OperationAnalysisContext context)
        {
            // The handler's own body is level 0: its calls are followed MaxDepth levels, as for a lambda.
            var summary = model.OfMethod(method, StateChangeModel.MaxDepth, context.CancellationToken);
            return summary.ChangesState ? new StateChangeSummary(summary.Kinds, summary.Call, null) : default;
        }

        private static string Describe(StateChangeSummary summary)
            => summary.Via is null
                ? "it calls '" + summary.Call + "'"
                : "it calls '" + summary.Call + "' through '" + summary.Via.ContainingType.Name + "." + summary.Via.Name + "'";

        /// <summary><c>[HttpGet]</c> or <c>[HttpHead]</c> on the action (derived attributes included), with the verb it names.</summary>
        private AttributeData? SafeVerbAttribute(IMethodSymbol method, out string? verb)
        {
            verb = null;
            foreach (var attribute in method.GetAttributes())
            {
                var type = attribute.AttributeClass;
                if (type.InheritsFromOrEquals(_types.HttpGetAttribute))
                {
                    verb = "GET";
                    return attribute;
                }

                if (type.InheritsFromOrEquals(_types.HttpHeadAttribute))
                {
                    verb = "HEAD";
                    return attribute;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// The verb of a Razor Pages handler name, as Razor Pages parses it (<c>On</c>, then the verb up to the next upper-case
    /// letter): <c>OnGet</c>, <c>OnGetAsync</c>, <c>OnGetDelete</c> → GET; <c>OnHead…</c> → HEAD; anything else → null.
    /// </summary>
    internal static string? PageHandlerVerb(string name)
    {
        if (!name.StartsWith("On", StringComparison.Ordinal))
        {
            return null;
        }

        if (IsVerb(name, "Get"))
        {
            return "GET";
        }

        return IsVerb(name, "Head") ? "HEAD" : null;
    }

    private static bool IsVerb(string name, string verb)
        => name.Length >= 2 + verb.Length &&
           string.CompareOrdinal(name, 2, verb, 0, verb.Length) == 0 &&
           (name.Length == 2 + verb.Length || char.IsUpper(name[2 + verb.Length]));
}
