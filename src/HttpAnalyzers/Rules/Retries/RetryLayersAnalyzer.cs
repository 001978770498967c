using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Retries;

/// <summary>
/// HTTP0008: two retrying layers around the same requests — two retrying handlers on one client (one builder chain, or two
/// registrations of the same typed or named client), one in <c>ConfigureHttpClientDefaults</c> and another on a client that
/// does not remove the default handlers, or a send inside a Polly retry through a client whose registration retries. The
/// registrations come from the lazily built <see cref="ClientRegistrations"/> index; reports are made from operation actions.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RetryLayersAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.RetryLayersStacked);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var types = KnownTypes.Get(start.Compilation);
            if (types.IHttpClientBuilder is null || types.HttpClient is null ||
                (types.ResilienceHttpClientBuilderExtensions is null && types.PollyHttpClientBuilderExtensions is null))
            {
                return;
            }

            var constructs = RetryConstructs.Create(types);
            var analysis = new Analysis(types, constructs, new RetryLayers(types, constructs));
            // A layer is a call by its name, an outer retry a call in an Execute* callback: only the types of files holding
            // either have the action, and their whole declaration is local to it (TypeScopedActions).
            start.RegisterForTypes(RetryLayers.LayerFiles.AnyDeclaration, type => type.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation));
        });
    }

    private sealed class Analysis
    {
        private readonly KnownTypes _types;
        private readonly RetryConstructs _constructs;
        private readonly RetryLayers _layers;

        public Analysis(KnownTypes types, RetryConstructs constructs, RetryLayers layers)
        {
            _types = types;
            _constructs = constructs;
            _layers = layers;
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var name = invocation.TargetMethod.Name;
            if (RetryLayers.IsLayerName(name))
            {
                AnalyzeLayer(context, invocation);
                return;
            }

            // A static call other than a send (most of them) cannot be a client's: the cheap test before the walk up to a callback.
            if ((invocation.Instance is not null || ClientUses.IsSendName(name)) && RetryConstructs.InExecuteCallback(invocation))
            {
                AnalyzeOuterRetry(context, invocation);
            }
        }

        // Two retrying layers on one client: report the later one (with ConfigureHttpClientDefaults, the per-client one).
        private void AnalyzeLayer(OperationAnalysisContext context, IInvocationOperation layer)
        {
            if (!_layers.IsLayerCall(layer) || ClientRegistrations.KeyOfBuilderCall(layer, _types) is not { } key || !_layers.Retries(layer))
            {
                return;
            }

            var registrations = ClientRegistrations.Get(context.Operation.SemanticModel!.Compilation, context.CancellationToken);
            IInvocationOperation? earlier = null;
            var fromDefaults = false;
            foreach (var registration in registrations.Configuring(key, includeDefaults: key.Kind != ClientKind.Defaults))
            {
                var isDefaults = registration.Key.Kind == ClientKind.Defaults && key.Kind != ClientKind.Defaults;
                if (isDefaults && registrations.RemovesResilienceHandlers(key))
                {
                    continue;
                }

                foreach (var call in registration.Calls)
                {
                    if (ReferenceEquals(call, layer) || call.Syntax == layer.Syntax || !RetryLayers.IsLayerName(call.TargetMethod.Name))
                    {
                        continue;
                    }

                    // Same client: only a layer added before this one; a defaults layer: whatever the order.
                    if (!isDefaults && ClientRegistration.SourceOrder(call.Syntax, layer.Syntax) >= 0)
                    {
                        continue;
                    }

                    if (!isDefaults && RemovedBetween(registrations, key, call, layer))
                    {
                        continue;
                    }

                    if (!_layers.Retries(call))
                    {
                        continue;
                    }

                    if (earlier is null || ClientRegistration.SourceOrder(call.Syntax, earlier.Syntax) < 0)
                    {
                        earlier = call;
                        fromDefaults = isDefaults;
                    }
                }
            }

            if (earlier is null)
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.RetryLayersStacked,
                layer.NameLocation(),
                RetryLayers.Describe(layer),
                key.Describe(),
                RetryLayers.Describe(earlier) + (fromDefaults ? " in ConfigureHttpClientDefaults" : string.Empty)));
        }

        /// <summary><c>RemoveAllResilienceHandlers()</c> on the same client between the two layers drops the earlier resilience handler.</summary>
        private static bool RemovedBetween(ClientRegistrations registrations, ClientKey key, IInvocationOperation earlier, IInvocationOperation later)
        {
            if (earlier.TargetMethod.Name is "AddTransientHttpErrorPolicy" or "AddPolicyHandler")
            {
                return false;
            }

            foreach (var registration in registrations.Configuring(key, includeDefaults: false))
            {
                foreach (var call in registration.Calls)
                {
                    if (call.TargetMethod.Name == "RemoveAllResilienceHandlers" &&
                        ClientRegistration.SourceOrder(earlier.Syntax, call.Syntax) < 0 && ClientRegistration.SourceOrder(call.Syntax, later.Syntax) < 0)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        // A request sent inside a Polly retry through a client whose registration retries: report at the outer Execute* call.
        private void AnalyzeOuterRetry(OperationAnalysisContext context, IInvocationOperation invocation)
        {
            if (!ClientUses.IsSendName(invocation.TargetMethod.Name) &&
                (invocation.Instance is null || invocation.TargetMethod.ContainingType.DeclaringSyntaxReferences.IsEmpty))
            {
                return;
            }

            var construct = _constructs.FindEnclosing(invocation, includePlainLoops: false);
            if (construct is null || construct.Kind == RetryConstructKind.Loop || construct.Operation is not IInvocationOperation execute)
            {
                return;
            }

            var key = ClientOf(invocation, context.CancellationToken);
            if (key is null || !IsFirstClientCall(construct.Body, invocation, context.CancellationToken))
            {
                return;
            }

            var registrations = ClientRegistrations.Get(context.Operation.SemanticModel!.Compilation, context.CancellationToken);
            var removes = registrations.RemovesResilienceHandlers(key.Value);
            foreach (var registration in registrations.Configuring(key.Value, includeDefaults: true))
            {
                if (registration.Key.Kind == ClientKind.Defaults && removes)
                {
                    continue;
                }

                foreach (var call in registration.Calls)
                {
                    if (RetryLayers.IsLayerName(call.TargetMethod.Name) && _layers.Retries(call))
                    {
                        // The Execute* call encloses the send's callback: reported from the block, which contains both.
                        context.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.RetryLayersStacked,
                            execute.NameLocation(),
                            construct.Kind == RetryConstructKind.PollyPipeline ? DescribePipeline(construct) : DescribePolicy(construct),
                            key.Value.Describe(),
                            RetryLayers.Describe(call) + (registration.Key.Kind == ClientKind.Defaults ? " in ConfigureHttpClientDefaults" : string.Empty)));
                        return;
                    }
                }
            }
        }

        private static string DescribePipeline(RetryConstruct construct)
            => construct.Name is null ? "The Polly retry pipeline" : "The Polly retry pipeline '" + construct.Name + "'";

        private static string DescribePolicy(RetryConstruct construct)
            => construct.Name is null ? "The Polly retry policy" : "The Polly retry policy '" + construct.Name + "'";

        /// <summary>
        /// The factory client a call goes through: an <c>HttpClient</c> send whose client is a named or typed factory client,
        /// or a call on an instance of a class registered as a typed client (<c>ordersClient.GetAsync(…)</c>).
        /// </summary>
        private ClientKey? ClientOf(IInvocationOperation invocation, System.Threading.CancellationToken cancellationToken)
        {
            if (ClientUses.IsSendName(invocation.TargetMethod.Name) && ClientUses.ClientOfSend(invocation, _types) is { } client)
            {
                return ClientRegistrations.KeyOfClient(client, _types);
            }

            var receiver = invocation.Instance?.WalkDownConversions();
            if (receiver?.Type is INamedTypeSymbol { TypeKind: TypeKind.Class } type && !type.InheritsFromOrEquals(_types.HttpClient) &&
                receiver is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation &&
                !type.DeclaringSyntaxReferences.IsEmpty)
            {
                var registrations = ClientRegistrations.Get(invocation.SemanticModel!.Compilation, cancellationToken);
                if (registrations.IsTypedClient(type))
                {
                    return ClientKey.Typed(type);
                }
            }

            return null;
        }

        /// <summary>One report per callback: from its first call through a factory client.</summary>
        private bool IsFirstClientCall(IOperation body, IInvocationOperation call, System.Threading.CancellationToken cancellationToken)
        {
            foreach (var operation in RetryConstructs.Descend(body))
            {
                if (operation is IInvocationOperation other && other.Syntax.SpanStart < call.Syntax.SpanStart && ClientOf(other, cancellationToken) is not null)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
