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
    /// <summary>The words of a file that can map a GET handler.</summary>
    private static readonly FileWords MapFiles = new("MapGet", "MapMethods");

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
            endpoints.RegisterHandlerBlockAction(start, analyzer.AnalyzeMethod, includePageModels: true);
            if (types.EndpointRouteBuilderExtensions is not null)
            {
                // A mapped handler is judged at its MapGet/MapMethods call: only the types of files that write one have the action.
                start.RegisterForTypes(MapFiles.AnyDeclaration, type => type.RegisterOperationAction(analyzer.AnalyzeMap, OperationKind.Invocation));
            }
        });
    }

    private sealed class Analyzer
    {
        private static readonly ImmutableDictionary<string, string?> AttributeProperties = SemanticsFixData.ShapeProperties(SemanticsFixData.Attribute);
        private static readonly ImmutableDictionary<string, string?> MapProperties = SemanticsFixData.ShapeProperties(SemanticsFixData.Map);

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

            // Cheapest first: a page handler's name, or a verb attribute that makes an action answer GET or HEAD (an
            // action's verbs are those of its attributes), before asking the endpoint locator.
            var isPage = PageHandlerVerb(method.Name) is not null;
            string? verb;
            AttributeData? verbAttribute = null;
            if (isPage)
            {
                var endpoint = _endpoints.ForMethod(method, null, context.CancellationToken);
                if (endpoint is null || endpoint.Kind != EndpointKind.PageHandler || SafeVerb(endpoint) is not { } pageVerb)
                {
                    return;
                }

                verb = pageVerb;
            }
            else
            {
                // An action's endpoint is made of these verbs: the locator is asked only whether the method is one.
                var verbs = _endpoints.ActionVerbs(method, out verbAttribute);
                verb = SafeVerb(verbs);
                if (verb is null || !_endpoints.IsActionEndpoint(method))
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

            if (isPage)
            {
                // The fix renames the handler, unless the page model already declares the POST handler.
                var postName = SemanticsFixData.PostHandlerName(method.Name);
                var canRename = postName is not null && method.ContainingType.GetMembers(postName).IsEmpty && method.Locations[0].IsInSource;
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.SafeMethodChangesState,
                    method.Locations[0],
                    canRename ? ImmutableArray.Create(method.Locations[0]) : ImmutableArray<Location>.Empty,
                    canRename ? SemanticsFixData.ShapeProperties(SemanticsFixData.Page).Add(SemanticsFixData.NewName, postName) : null,
                    "Page handler '" + method.Name + "'",
                    verb,
                    Describe(summary)));
                return;
            }

            // [HttpGet]/[HttpHead] (fixable), else the attribute that makes the action answer GET ([AcceptVerbs("GET", …)]).
            var attribute = SafeVerbAttribute(method) ?? verbAttribute;
            var syntax = attribute?.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) as AttributeSyntax;
            var location = syntax is not null ? syntax.GetLocation() : method.Locations[0];
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SafeMethodChangesState,
                location,
                syntax is not null ? ImmutableArray.Create(location) : ImmutableArray<Location>.Empty,
                syntax is not null ? AttributeProperties : null,
                "Action '" + method.Name + "'",
                verb,
                Describe(summary)));
        }

        public void AnalyzeMap(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var target = invocation.TargetMethod;
            if (target.Name is not ("MapGet" or "MapMethods") || !target.IsMethod(_types.EndpointRouteBuilderExtensions, target.Name) ||
                _endpoints.ForMapInvocation(invocation) is not { } endpoint || SafeVerb(endpoint) is not { } verb)
            {
                return;
            }

            var model = StateChangeModel.Get(context.Compilation, context.CancellationToken);
            if (model is null)
            {
                return;
            }

            StateChangeSummary summary;
            if (MapCalls.HandlerLambda(invocation) is { } lambda)
            {
                summary = model.OfBody(lambda.Body, StateChangeModel.MaxDepth, context.CancellationToken);
            }
            else if (endpoint.Handler is IMethodSymbol handler)
            {
                summary = MethodGroup(model, handler, context);
            }
            else
            {
                return;
            }

            if (!summary.ChangesState)
            {
                return;
            }

            var name = invocation.NameLocation();
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SafeMethodChangesState, name, ImmutableArray.Create(name), MapProperties, MapCalls.HandlerName(invocation), verb, Describe(summary)));
        }

        /// <summary>GET or HEAD when the endpoint answers it (GET first), else null.</summary>
        private static string? SafeVerb(EndpointInfo endpoint)
            => SafeVerb(endpoint.HttpMethods);

        /// <summary>GET or HEAD when <paramref name="verbs"/> (an endpoint's methods, or an action's verb attributes) hold it (GET first), else null.</summary>
        private static string? SafeVerb(ImmutableArray<string> verbs)
        {
            var head = false;
            foreach (var verb in verbs)
            {
                if (verb == "GET")
                {
                    return "GET";
                }

                head |= verb == "HEAD";
            }

            return head ? "HEAD" : null;
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

        /// <summary><c>[HttpGet]</c> or <c>[HttpHead]</c> on the action (derived attributes included): what the fix turns into <c>[HttpPost]</c>.</summary>
        private AttributeData? SafeVerbAttribute(IMethodSymbol method)
        {
            foreach (var attribute in method.GetAttributes())
            {
                var type = attribute.AttributeClass;
                if (type.InheritsFromOrEquals(_types.HttpGetAttribute) || type.InheritsFromOrEquals(_types.HttpHeadAttribute))
                {
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
