using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Cors;

/// <summary>
/// HTTP0032: <c>UseCors</c> missing from the app pipeline while CORS is configured, or placed after
/// <c>UseAuthorization</c> (explicit, or the one <c>WebApplication</c> adds implicitly), <c>UseResponseCaching</c> or
/// <c>UseEndpoints</c>, or before an explicit <c>UseRouting</c> when CORS comes from endpoint metadata. The pipeline, the
/// policies and the endpoint metadata span files: the candidates (a <c>UseCors</c> call or a pipeline call that may
/// reach one, an <c>AddCors</c> call, CORS endpoint metadata) ask the compilation's <see cref="CorsMiddlewareIndex"/>,
/// built once on first use, and report the findings it holds for them from their own document-level actions.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CorsMiddlewareAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CorsMiddlewareMisplaced);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(Start);
    }

    private static void Start(CompilationStartAnalysisContext context)
    {
        var types = KnownTypes.Get(context.Compilation);
        var pipelines = PipelineCollector.Create(types);
        if (pipelines is null || types.CorsMiddlewareExtensions is null)
        {
            return;
        }

        var triggers = new Triggers(types, pipelines);
        context.RegisterForTypes(Triggers.MayHoldOwner, type =>
        {
            type.RegisterOperationAction(triggers.OnInvocation, OperationKind.Invocation);
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
        private readonly PipelineCollector _pipelines;
        private readonly INamedTypeSymbol _corsMiddleware;
        private readonly INamedTypeSymbol? _enableCors;
        private readonly Func<Compilation, CancellationToken, CorsMiddlewareIndex> _build;

        /// <summary>
        /// The files that can hold a finding's owner: those the index reads (a pipeline's builder type, a CORS call or
        /// attribute). Anything else returns after one cached lookup.
        /// </summary>
        /// <remarks>"Application" covers IApplicationBuilder, WebApplication, WebApplicationBuilder; "Cors" UseCors, AddCors, RequireCors, EnableCors.</remarks>
        private static readonly TreeMentions Files = new(StringComparison.Ordinal, "Application", "Cors");

        /// <summary>Whether a file declaring the type can hold a finding's owner: the operation actions exist only in such types.</summary>
        public static bool MayHoldOwner(ISymbol type) => Files.AnyDeclaration(type);

        public Triggers(KnownTypes types, PipelineCollector pipelines)
        {
            _types = types;
            _pipelines = pipelines;
            _corsMiddleware = types.CorsMiddlewareExtensions!;
            _enableCors = types.EnableCorsAttribute;
            _build = (compilation, cancellationToken) => CorsMiddlewareIndex.Build(compilation, types, cancellationToken);
        }

        public void OnInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!Files.Any(invocation.Syntax.SyntaxTree))
            {
                return;
            }

            var method = invocation.TargetMethod;
            var original = method.ReducedFrom ?? method;
            switch (method.Name)
            {
                case "UseCors" when Same(original.ContainingType, _corsMiddleware):
                case "AddCors" when Same(original.ContainingType, _types.CorsServiceCollectionExtensions):
                case "RequireCors" when Same(original.ContainingType, _types.CorsEndpointConventionBuilderExtensions):
                    Report(context, invocation.Syntax);
                    break;
                default:
                    // A wrapper or helper written in the compilation that receives the app builder may call UseCors.
                    if (IsPipelineCall(invocation) && !original.DeclaringSyntaxReferences.IsDefaultOrEmpty)
                    {
                        Report(context, invocation.Syntax);
                    }

                    break;
            }
        }

        private bool IsPipelineCall(IInvocationOperation invocation)
        {
            if (_pipelines.GetBuilder(invocation) is not null)
            {
                return true;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter && _pipelines.IsBuilderType(parameter.Type))
                {
                    return true;
                }
            }

            return false;
        }

        public void OnLambda(OperationAnalysisContext context)
        {
            var lambda = (IAnonymousFunctionOperation)context.Operation;
            if (_enableCors is null || lambda.Syntax is not ParenthesizedLambdaExpressionSyntax { AttributeLists.Count: > 0 } || !Files.Any(lambda.Syntax.SyntaxTree))
            {
                return;
            }

            foreach (var attribute in lambda.Symbol.GetAttributes())
            {
                if (Same(attribute.AttributeClass, _enableCors) && attribute.ApplicationSyntaxReference is { } reference)
                {
                    Report(context, reference.GetSyntax(context.CancellationToken));
                }
            }
        }

        // [EnableCors] on a controller, page model or action.
        public void OnAttribute(SyntaxNodeAnalysisContext context)
        {
            if (_enableCors is not null && EnableCorsAttributes.IsOnTypeOrMethod(context, _enableCors))
            {
                CrossFileIndex<CorsMiddlewareIndex>.Get(context.Compilation, _build, context.CancellationToken).Findings.ReportAt(context.Node, context.ReportDiagnostic);
            }
        }

        private void Report(OperationAnalysisContext context, SyntaxNode owner)
            => CrossFileIndex<CorsMiddlewareIndex>.Get(context.Compilation, _build, context.CancellationToken).Findings.ReportAt(owner, context.ReportDiagnostic);

        private static bool Same(ISymbol? a, ISymbol? b) => b is not null && SymbolEqualityComparer.Default.Equals(a, b);
    }

    /// <summary>The pipelines and CORS facts of the whole compilation, fed by <see cref="CorsMiddlewareIndex"/>.</summary>
    internal sealed class State
    {
        private readonly KnownTypes _types;
        private readonly PipelineCollector _pipelines;
        private readonly Authorization? _authorization;
        private readonly INamedTypeSymbol _corsMiddleware;
        private readonly INamedTypeSymbol? _enableCors;
        private readonly INamedTypeSymbol? _routing;
        private readonly INamedTypeSymbol? _authentication;
        private readonly INamedTypeSymbol? _authorizationMiddleware;
        private readonly INamedTypeSymbol? _responseCaching;

        private readonly List<(Location Location, SyntaxNode Owner)> _corsConfigured = new();
        private readonly List<(Location Location, SyntaxNode Owner)> _endpointMetadata = new();
        private int _useCors;
        private int _authorizationOutsideBranches;
        private int _registersAuthorization;
        private int _registersAuthentication;
        private int _requiresAuthorization;
        private bool _authorizationFactsRead;

        /// <summary>
        /// Reads what the services register and require for authorization from the rest of the compilation. Set by the
        /// index and called at most once, only when a pipeline's verdict depends on those facts (the authorization
        /// middleware WebApplication adds implicitly): most compilations never need them.
        /// </summary>
        public Action<State>? ReadAuthorizationFacts { get; set; }

        public State(KnownTypes types, PipelineCollector pipelines)
        {
            // Types only tested after a method name matches are looked up then, through _types.
            _types = types;
            _pipelines = pipelines;
            _authorization = Authorization.Create(types);
            _corsMiddleware = types.CorsMiddlewareExtensions!;
            _enableCors = types.EnableCorsAttribute;
            _routing = types.EndpointRoutingApplicationBuilderExtensions;
            _authentication = types.AuthAppBuilderExtensions;
            _authorizationMiddleware = types.AuthorizationAppBuilderExtensions;
            _responseCaching = types.ResponseCachingExtensions;
        }

        public void OnInvocation(IInvocationOperation invocation)
        {
            var builder = _pipelines.Collect(invocation);
            var method = invocation.TargetMethod;
            var containing = (method.ReducedFrom ?? method).ContainingType;
            switch (method.Name)
            {
                case "UseAuthorization" when Same(containing, _authorizationMiddleware) &&
                                             !(builder is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } }):
                    // Called on the app itself (possibly in a helper): WebApplication then adds no implicit authorization.
                    _authorizationOutsideBranches = 1;
                    break;
                case "UseCors" when Same(containing, _corsMiddleware):
                    _useCors = 1;
                    break;
                case "AddCors" when Same(containing, _types.CorsServiceCollectionExtensions):
                    _corsConfigured.Add((PipelineCollector.CallLocation(invocation), invocation.Syntax));
                    break;
                case "RequireCors" when Same(containing, _types.CorsEndpointConventionBuilderExtensions):
                    _endpointMetadata.Add((PipelineCollector.CallLocation(invocation), invocation.Syntax));
                    break;
                case "AddAuthorization" or "AddAuthorizationBuilder" when Same(containing, _types.PolicyServiceCollectionExtensions):
                case "AddAuthorizationCore" when Same(containing, _types.AuthorizationServiceCollectionExtensions):
                case "AddControllers" or "AddControllersWithViews" or "AddMvc" or "AddRazorPages" when Same(containing, _types.MvcServiceCollectionExtensions):
                    _registersAuthorization = 1;
                    break;
                case "AddAuthentication" when Same(containing, _types.AuthenticationServiceCollectionExtensions):
                case "AddAuthenticationCore" when Same(containing, _types.AuthenticationCoreServiceCollectionExtensions):
                case "AddIdentity" when Same(containing, _types.IdentityServiceCollectionExtensions):
                case "AddDefaultIdentity" when Same(containing, _types.IdentityServiceCollectionUIExtensions):
                    _registersAuthentication = 1;
                    break;
                case "RequireAuthorization" when _authorization is not null && _authorization.IsRequireAuthorization(invocation):
                    _requiresAuthorization = 1;
                    break;
                case "SetFallbackPolicy" when Same(containing, _types.AuthorizationBuilder) && !IsNull(invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null):
                    _requiresAuthorization = 1;
                    break;
            }
        }

        public void OnAssignment(IOperation operation)
        {
            if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "FallbackPolicy" } property } assignment &&
                Same(property.Property.ContainingType, _types.AuthorizationOptions) &&
                !IsNull(assignment.Value))
            {
                _requiresAuthorization = 1;
            }
        }

        public void OnSymbol(ISymbol symbol)
        {
            // The flag only ever goes from 0 to 1: once set, the attribute walk has nothing left to find.
            if (_authorization is not null && _requiresAuthorization == 0 && RequiresAuthorization(_authorization, symbol))
            {
                _requiresAuthorization = 1;
            }

            if (_enableCors is null)
            {
                return;
            }

            foreach (var attribute in symbol.GetAttributes())
            {
                if (Same(attribute.AttributeClass, _enableCors) && attribute.ApplicationSyntaxReference is { } reference)
                {
                    _endpointMetadata.Add((Location.Create(reference.SyntaxTree, reference.Span), reference.GetSyntax()));
                }
            }
        }

        private static bool RequiresAuthorization(Authorization authorization, ISymbol symbol) => symbol switch
        {
            IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda => authorization.HasAuthorize(lambda) && !authorization.HasAllowAnonymous(lambda),
            IMethodSymbol method => authorization.HasAuthorize(method) && authorization.ActionRequiresAuthorization(method),
            INamedTypeSymbol type => authorization.HasAuthorize(type) && !authorization.TypeHasAllowAnonymous(type),
            _ => false,
        };

        private static bool Same(ISymbol? a, ISymbol? b) => b is not null && SymbolEqualityComparer.Default.Equals(a, b);

        private static bool IsNull(IOperation? value) => value is null || value.WalkDownConversions().ConstantValue is { HasValue: true, Value: null };

        /// <summary>Every finding of the compilation, each owned by the node whose action reports it.</summary>
        public OwnedFindings Findings()
        {
            var findings = new OwnedFindings();
            var pipelines = _pipelines.Build();
            var hasMetadata = _endpointMetadata.Count > 0;
            if (_useCors == 0)
            {
                ReportMissing(findings, pipelines);
                return findings;
            }

            foreach (var pipeline in pipelines)
            {
                // Wrappers and helpers are read where they are called.
                if (pipeline.Kind != PipelineKind.Wrapper && !pipeline.IsCalledFromAnotherPipeline)
                {
                    CheckOrder(findings, pipeline, hasMetadata);
                }
            }

            return findings;
        }

        private void ReportMissing(OwnedFindings findings, ImmutableArray<Pipeline> pipelines)
        {
            var first = First(_corsConfigured) ?? First(_endpointMetadata);
            if (first is not var (location, owner))
            {
                return;
            }

            // The app's pipeline must be visible, and every call on it understood: an extension method from another
            // library may call UseCors where the analysis cannot see.
            Pipeline? main = null;
            foreach (var pipeline in pipelines)
            {
                // The app's pipeline: a WebApplication local, or Startup.Configure / Configure{Environment} (the names
                // ASP.NET Core's StartupLoader looks for), unless another pipeline calls it as a helper.
                if ((pipeline.Kind == PipelineKind.Application ||
                     (pipeline.Kind == PipelineKind.Startup && pipeline.Builder.ContainingSymbol.Name.StartsWith("Configure", StringComparison.Ordinal))) &&
                    !pipeline.IsCalledFromAnotherPipeline)
                {
                    foreach (var step in pipeline.Steps)
                    {
                        if (IsOpaque(step.Method))
                        {
                            return;
                        }
                    }

                    if (main is null || (pipeline.IsWebApplication && !main.IsWebApplication))
                    {
                        main = pipeline;
                    }
                }
            }

            if (main is null)
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty;
            var additional = Array.Empty<Location>();
            if (InsertedUseCors(main) is { } statements && (FindPlace(_pipelines.Flatten(main), null) ?? FindEndpointsPlace(main)) is var (anchor, position))
            {
                properties = properties.Add(CorsFixData.Kind, CorsFixData.Insert).Add(CorsFixData.Position, position).Add(CorsFixData.Statements, statements);
                additional = new[] { anchor.Invocation.Syntax.GetLocation() };
            }

            var what = _corsConfigured.Count > 0 ? "'AddCors'" : "CORS endpoint metadata";
            findings.Add(owner, Diagnostic.Create(
                Descriptors.CorsMiddlewareMisplaced,
                location,
                additional,
                properties,
                what + " configures CORS but UseCors is never called in the app's pipeline",
                _endpointMetadata.Count == 0
                    ? "no response carries CORS headers and browsers block every cross-origin call"
                    : "no response carries CORS headers and every endpoint with [EnableCors]/RequireCors metadata throws InvalidOperationException"));
        }

        private static (Location Location, SyntaxNode Owner)? First(List<(Location Location, SyntaxNode Owner)> locations)
        {
            (Location Location, SyntaxNode Owner)? first = null;
            foreach (var candidate in locations)
            {
                var location = candidate.Location;
                if (first is not { } current ||
                    string.CompareOrdinal(location.SourceTree?.FilePath, current.Location.SourceTree?.FilePath) < 0 ||
                    (location.SourceTree?.FilePath == current.Location.SourceTree?.FilePath && location.SourceSpan.Start < current.Location.SourceSpan.Start))
                {
                    first = candidate;
                }
            }

            return first;
        }

        private bool AuthorizationFactsRead()
        {
            if (!_authorizationFactsRead)
            {
                _authorizationFactsRead = true;
                ReadAuthorizationFacts?.Invoke(this);
            }

            return true;
        }

        private bool HasOpaqueStep(Pipeline pipeline)
        {
            foreach (var step in pipeline.Steps)
            {
                if (IsOpaque(step.Method))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsOpaque(IMethodSymbol method)
        {
            if (!method.IsExtensionMethod || method.Locations.IsDefaultOrEmpty || method.Locations[0].IsInSource)
            {
                return false;
            }

            var assembly = method.ContainingAssembly?.Name ?? string.Empty;
            foreach (var known in WellKnownMiddlewareAssemblies)
            {
                if (assembly.StartsWith(known, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Libraries whose pipeline extension methods add their own middleware only (never CORS or authorization).</summary>
        private static readonly string[] WellKnownMiddlewareAssemblies =
        {
            "Microsoft.", "System.", "Swashbuckle.", "NSwag.", "Scalar.", "Serilog", "Hangfire", "HealthChecks.", "OpenTelemetry", "Elastic.", "Prometheus",
        };

        private void CheckOrder(OwnedFindings findings, Pipeline pipeline, bool hasMetadata)
        {
            var steps = _pipelines.Flatten(pipeline);
            PipelineStep? authorization = null, caching = null, endpoints = null, routing = null, explicitAuthorization = null, explicitAuthentication = null;
            foreach (var step in steps)
            {
                if (step.Is(_routing, "UseRouting"))
                {
                    routing ??= step;
                }
                else if (step.Is(_authorizationMiddleware, "UseAuthorization"))
                {
                    explicitAuthorization ??= step;
                }
                else if (step.Is(_authentication, "UseAuthentication"))
                {
                    explicitAuthentication ??= step;
                }
            }

            HashSet<IOperation>? reported = null;
            foreach (var step in steps)
            {
                if (step.Is(_authorizationMiddleware, "UseAuthorization"))
                {
                    authorization ??= step;
                }
                else if (step.Is(_responseCaching, "UseResponseCaching"))
                {
                    caching ??= step;
                }
                else if (step.Is(_routing, "UseEndpoints"))
                {
                    endpoints ??= step;
                }
                else if (step.Is(_corsMiddleware, "UseCors"))
                {
                    reported ??= new HashSet<IOperation>();
                    if (reported.Contains(step.Site))
                    {
                        continue;
                    }

                    string? problem = null, consequence = null;
                    PipelineStep? culprit = null;
                    var implicitAuthorization = false;
                    if (authorization is not null && !CorsPolicies.AreExclusive(authorization.Site, step.Site))
                    {
                        (culprit, consequence) = (authorization, "401/403 responses carry no CORS headers (the browser reports a CORS error instead) and preflight requests to protected endpoints fail");
                    }
                    else if (caching is not null && !CorsPolicies.AreExclusive(caching.Site, step.Site))
                    {
                        (culprit, consequence) = (caching, "cached responses are replayed with the CORS headers of whichever origin filled the cache");
                    }
                    else if (endpoints is not null && !CorsPolicies.AreExclusive(endpoints.Site, step.Site))
                    {
                        (culprit, consequence) = (endpoints, "endpoints have already produced their responses and no CORS headers are added");
                    }
                    else if (routing is not null && hasMetadata && IsBefore(step, routing))
                    {
                        problem = Describe(step) + " runs before " + Describe(routing, step);
                        consequence = "no endpoint is selected yet and every endpoint with [EnableCors]/RequireCors metadata throws InvalidOperationException ('contains CORS metadata, but a middleware was not found that supports CORS')";
                    }
                    else if (pipeline.Kind == PipelineKind.Application && pipeline.IsWebApplication && explicitAuthorization is null &&
                             _authorizationOutsideBranches == 0 && !HasOpaqueStep(pipeline) && AuthorizationFactsRead() &&
                             _registersAuthorization != 0 && _requiresAuthorization != 0)
                    {
                        implicitAuthorization = true;
                        problem = Describe(step) + " runs after the authorization middleware that WebApplication adds implicitly because the services register authorization";
                        consequence = "401/403 responses carry no CORS headers and preflight requests to protected endpoints fail";
                    }

                    if (culprit is not null)
                    {
                        problem = Describe(step) + " runs after " + Describe(culprit, step);
                    }

                    if (problem is null)
                    {
                        continue;
                    }

                    reported.Add(step.Site);
                    var properties = ImmutableDictionary<string, string?>.Empty;
                    var additional = Array.Empty<Location>();
                    if (implicitAuthorization)
                    {
                        var statements = (explicitAuthentication is null && _registersAuthentication != 0 ? pipeline.Builder.Name + ".UseAuthentication();\n" : string.Empty) +
                                         pipeline.Builder.Name + ".UseAuthorization();";
                        // After UseCors, or after an explicit UseAuthentication that follows it (authorization needs the user).
                        var anchor = explicitAuthentication is not null && IsBefore(step, explicitAuthentication) ? explicitAuthentication.Site : step.Site;
                        properties = properties.Add(CorsFixData.Kind, CorsFixData.Insert).Add(CorsFixData.Position, CorsFixData.After).Add(CorsFixData.Statements, statements);
                        additional = new[] { anchor.Syntax.GetLocation() };
                    }
                    else if ((culprit is null || culprit.Site != step.Site) && FindPlace(steps, step.Site) is var (target, position) && target.Site != step.Site)
                    {
                        properties = properties.Add(CorsFixData.Kind, CorsFixData.Move).Add(CorsFixData.Position, position);
                        additional = new[] { target.Site.Syntax.GetLocation() };
                    }

                    findings.Add(step.Site.Syntax, Diagnostic.Create(
                        Descriptors.CorsMiddlewareMisplaced,
                        PipelineCollector.CallLocation(step.Site),
                        additional,
                        properties,
                        problem,
                        consequence));
                }
            }
        }

        /// <summary>
        /// The statements that add the missing CORS middleware to <paramref name="main"/>, or null when no call is safe.
        /// <c>UseCors()</c> applies the endpoint metadata or the default policy; with neither, the one policy
        /// <c>AddPolicy</c> defines is named (<c>UseCors("Frontend")</c>); with several, or a policy whose name cannot be
        /// read, the user must choose and no fix is offered. When WebApplication would add authorization implicitly before
        /// it (the services register it and an endpoint requires it), the authentication and authorization middleware
        /// follow <c>UseCors</c>, as in the misplaced case.
        /// </summary>
        private string? InsertedUseCors(Pipeline main)
        {
            var app = main.Builder.Name;
            string call;
            if (_endpointMetadata.Count > 0)
            {
                call = app + ".UseCors();";
            }
            else
            {
                var policies = PolicyFacts?.Invoke();
                if (policies is null || policies.HasDefaultPolicy || (!policies.HasUnknownDefinitions && policies.DefinedNames.IsEmpty))
                {
                    call = app + ".UseCors();";
                }
                else if (!policies.HasUnknownDefinitions && policies.DefinedNames.Length == 1)
                {
                    call = app + ".UseCors(" + SymbolDisplay.FormatLiteral(policies.DefinedNames[0], quote: true) + ");";
                }
                else
                {
                    return null;
                }
            }

            if (main.Kind != PipelineKind.Application || !main.IsWebApplication || _authorizationOutsideBranches != 0 || !AuthorizationFactsRead() ||
                _registersAuthorization == 0 || _requiresAuthorization == 0)
            {
                return call;
            }

            foreach (var step in _pipelines.Flatten(main))
            {
                if (step.Is(_authentication, "UseAuthentication") || step.Is(_authorizationMiddleware, "UseAuthorization"))
                {
                    // An explicit UseAuthentication becomes the anchor; authorization would have to follow it: left to the user.
                    return null;
                }
            }

            return call + (_registersAuthentication != 0 ? "\n" + app + ".UseAuthentication();" : string.Empty) + "\n" + app + ".UseAuthorization();";
        }

        /// <summary>
        /// Reads the policies of the compilation (the CORS policy index), set by the index and asked only when UseCors is
        /// missing: which policy an inserted <c>UseCors</c> should apply.
        /// </summary>
        public Func<CorsPolicyIndex?>? PolicyFacts { get; set; }

        /// <summary>
        /// Where UseCors belongs: right after an explicit UseRouting (when that comes before the first of UseAuthentication,
        /// UseAuthorization, UseResponseCaching, UseEndpoints), otherwise right before that first one. The anchor is a call
        /// written directly on the builder; a helper or wrapper that makes one of these calls anchors in its place (one that
        /// makes both the routing call and the barrier gives no place).
        /// </summary>
        private (PipelineStep Anchor, string Position)? FindPlace(ImmutableArray<PipelineStep> steps, IOperation? exclude)
        {
            PipelineStep? top = null, routing = null, barrier = null;
            foreach (var step in steps)
            {
                if (step.Depth == 0)
                {
                    top = step;
                }

                if (step.Site == exclude || top is null)
                {
                    continue;
                }

                if (routing is null && step.Is(_routing, "UseRouting"))
                {
                    routing = top;
                }
                else if (barrier is null &&
                         (step.Is(_authentication, "UseAuthentication") || step.Is(_authorizationMiddleware, "UseAuthorization") ||
                          step.Is(_responseCaching, "UseResponseCaching") || step.Is(_routing, "UseEndpoints")))
                {
                    barrier = top;
                }
            }

            if (routing is not null)
            {
                return barrier is null || (barrier != routing && IsBefore(routing, barrier)) ? (routing, CorsFixData.After) : null;
            }

            return barrier is not null ? (barrier, CorsFixData.Before) : null;
        }

        /// <summary>
        /// For a WebApplication without UseRouting or any of the middleware UseCors must precede (it routes implicitly):
        /// right before the first endpoint mapped on the app (<c>app.MapGet(…)</c>, <c>app.MapControllers()</c>), or before
        /// <c>app.Run()</c>.
        /// </summary>
        private (PipelineStep Anchor, string Position)? FindEndpointsPlace(Pipeline main)
        {
            if (!main.IsWebApplication)
            {
                return null;
            }

            foreach (var step in main.Steps)
            {
                var method = step.Method;
                if (step.Depth == 0 &&
                    step.Invocation.GetReceiverOrThisArgument()?.WalkDownConversions() is ILocalReferenceOperation or IParameterReferenceOperation &&
                    ((method.Name is "Run" or "RunAsync" && Same(method.ContainingType, _types.WebApplication)) ||
                     (method.IsExtensionMethod && method.Parameters.Length > 0 && Same(method.Parameters[0].Type, _types.IEndpointRouteBuilder))))
                {
                    return (step, CorsFixData.Before);
                }
            }

            return null;
        }

        private static bool IsBefore(PipelineStep a, PipelineStep b)
            => a.Site.Syntax.SyntaxTree == b.Site.Syntax.SyntaxTree && PipelineCollector.PositionOf(a.Site) < PipelineCollector.PositionOf(b.Site);

        private static string Describe(PipelineStep step)
            => step.Depth == 0 ? "'UseCors'" : "'" + step.Site.TargetMethod.Name + "' (which calls UseCors)";

        /// <summary>
        /// The step that <paramref name="step"/> is misplaced against, by name ("'UseAuthorization'"), and by the member
        /// that calls it when that is another member than the one calling <paramref name="step"/>; never by line number.
        /// </summary>
        private static string Describe(PipelineStep other, PipelineStep step)
        {
            var name = "'" + other.Method.Name + "'";
            var where = ConstructNames.ContainingMember(other.Site.Syntax);
            return where is null || where == ConstructNames.ContainingMember(step.Site.Syntax) ? name : name + " (called in " + where + ")";
        }
    }
}
