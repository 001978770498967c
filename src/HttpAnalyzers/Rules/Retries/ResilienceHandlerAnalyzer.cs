using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Retries;

/// <summary>
/// HTTP0006: an <c>IHttpClientBuilder</c> configured with a retrying or hedging handler (<c>AddStandardResilienceHandler</c>,
/// <c>AddStandardHedgingHandler</c>, <c>AddResilienceHandler</c> with <c>AddRetry</c>/<c>AddHedging</c>, Polly v7
/// <c>AddTransientHttpErrorPolicy</c>/<c>AddPolicyHandler</c> with a retry policy, also inside <c>ConfigureHttpClientDefaults</c>)
/// whose client sends POST or PATCH requests without an idempotency key, and whose retry is not restricted. Reported from
/// the handler registration call (an operation action, so it shows in the open document); the client's uses come from
/// <see cref="ClientUses"/> and the registrations from <see cref="ClientRegistrations"/>, both built only when a
/// registration is a candidate.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ResilienceHandlerAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.RetryPolicyRetriesUnsafeMethods);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var types = KnownTypes.Get(start.Compilation);
            var requests = HttpRequests.Create(types);
            if (requests is null || types.IHttpClientBuilder is null ||
                (types.ResilienceHttpClientBuilderExtensions is null && types.PollyHttpClientBuilderExtensions is null))
            {
                return;
            }

            var state = new State(types, requests, RetryConstructs.Create(types));
            // Only a handler registration, by its name, is analysed: only the types of files holding one have the action.
            start.RegisterForTypes(RetryLayers.LayerFiles.AnyDeclaration, type => type.RegisterOperationAction(state.AnalyzeInvocation, OperationKind.Invocation));
        });
    }

    [Flags]
    private enum Methods
    {
        None = 0,
        Post = 1,
        Patch = 2,
    }

    private sealed class Registration
    {
        public Registration(ClientKey key, Location location, string handler, Methods disabled, bool restricted, bool standard, bool httpRetryOptions = false)
        {
            HttpRetryOptions = httpRetryOptions;
            Key = key;
            Location = location;
            Handler = handler;
            Disabled = disabled;
            Restricted = restricted;
            Standard = standard;
        }

        public ClientKey Key { get; }

        public Location Location { get; }

        public string Handler { get; }

        public Methods Disabled { get; }

        public bool Restricted { get; }

        public bool Standard { get; }

        public bool HttpRetryOptions { get; }
    }

    private sealed class State
    {
        private static readonly ImmutableDictionary<string, string?> Standard = ImmutableDictionary<string, string?>.Empty.Add(RetryFixData.StandardHandlerProperty, "true");
        private static readonly ImmutableDictionary<string, string?> RetryOptions = ImmutableDictionary<string, string?>.Empty.Add(RetryFixData.RetryOptionsProperty, "true");

        private readonly KnownTypes _types;
        private readonly HttpRequests _requests;
        private readonly RetryConstructs _constructs;
        private readonly RetryLayers _layers;
        public State(KnownTypes types, HttpRequests requests, RetryConstructs constructs)
        {
            _types = types;
            _requests = requests;
            _constructs = constructs;
            _layers = new RetryLayers(types, constructs);
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            switch (invocation.TargetMethod.Name)
            {
                case "AddStandardResilienceHandler":
                case "AddStandardHedgingHandler":
                case "AddResilienceHandler":
                case "AddTransientHttpErrorPolicy":
                case "AddPolicyHandler":
                    if (AnalyzeRegistration(invocation) is { } registration)
                    {
                        Report(context, registration);
                    }

                    return;
            }
        }

        private static ImmutableArray<string> KeyHeaders(AnalyzerOptions options, IOperation operation)
            => HttpRequests.IdempotencyKeyHeaders(options, operation.Syntax.SyntaxTree, DiagnosticIds.RetryPolicyRetriesUnsafeMethods);

        /// <summary>A retrying handler registration that is not restricted: a candidate, to be matched with its client's uses.</summary>
        private Registration? AnalyzeRegistration(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            var isResilience = method.IsMethod(_types.ResilienceHttpClientBuilderExtensions, method.Name);
            var isPolly = method.IsMethod(_types.PollyHttpClientBuilderExtensions, method.Name);
            if (!isResilience && !isPolly)
            {
                return null;
            }

            var key = ClientRegistrations.KeyOfBuilderCall(invocation, _types);
            if (key is null)
            {
                return null;
            }

            var scopes = RetryLayers.ConfigurationScopes(invocation);
            var disabled = Methods.None;
            var restricted = false;
            var retries = true;
            var httpRetryOptions = false;
            switch (method.Name)
            {
                case "AddStandardResilienceHandler":
                    Restrictions(scopes, ref disabled, ref restricted);
                    break;
                case "AddStandardHedgingHandler":
                    // Hedging has no method switch: only a request-method check in its predicate makes it safe.
                    var ignored = Methods.None;
                    Restrictions(scopes, ref ignored, ref restricted);
                    break;
                case "AddResilienceHandler":
                    retries = false;
                    var all429 = true;
                    var retryCount = 0;
                    var hedging = false;
                    foreach (var scope in scopes)
                    {
                        foreach (var operation in OperationWalk.Below(scope))
                        {
                            if (operation is IInvocationOperation add && _constructs.IsAddRetry(add))
                            {
                                retries = true;
                                var options = add.Arguments.Length > 1 ? add.Arguments[1].Value : null;
                                hedging |= add.TargetMethod.Name == "AddHedging";
                                if (!hedging && options?.WalkDownConversions() is IObjectCreationOperation { Type: var optionsType } && optionsType.InheritsFromOrEquals(_types.HttpRetryStrategyOptions))
                                {
                                    retryCount++;
                                }
                                else
                                {
                                    retryCount += 100;
                                }

                                all429 &= options is not null && _constructs.OptionsOnlyTooManyRequests(options);
                            }
                        }
                    }

                    restricted = retries && all429;
                    Restrictions(scopes, ref disabled, ref restricted);
                    httpRetryOptions = retryCount == 1 && !hedging;
                    break;
                case "AddTransientHttpErrorPolicy":
                    retries = _layers.ReturnsRetryPolicy(scopes);
                    Restrictions(scopes, ref disabled, ref restricted);
                    break;
                case "AddPolicyHandler":
                    var policy = invocation.GetArgument("policy")?.Value;
                    if (policy is not null)
                    {
                        var creation = _constructs.FindPolicyCreation(RetryLayers.ResolvePolicy(policy));
                        retries = creation is not null;
                        restricted = creation?.GetReceiverOrThisArgument() is { } builder && StatusTests.Of(builder, _types).OnlyTooManyRequests;
                    }
                    else
                    {
                        retries = _layers.ReturnsRetryPolicy(scopes);
                        Restrictions(scopes, ref disabled, ref restricted);
                    }

                    break;
            }

            if (!retries || restricted)
            {
                return null;
            }

            var standard = method.Name == "AddStandardResilienceHandler" && invocation.GetArgument("section") is null;
            return new Registration(key.Value, invocation.NameLocation(), method.Name, disabled, restricted, standard, httpRetryOptions);
        }

        /// <summary>
        /// <c>DisableForUnsafeHttpMethods()</c>, <c>DisableFor(HttpMethod.Post, …)</c>, a predicate that reads the request's
        /// method, or a <c>ShouldHandle</c> that admits only 429.
        /// </summary>
        private void Restrictions(List<IOperation> scopes, ref Methods disabled, ref bool restricted)
        {
            foreach (var scope in scopes)
            {
                foreach (var operation in OperationWalk.Below(scope))
                {
                    switch (operation)
                    {
                        case IInvocationOperation { TargetMethod.Name: "DisableForUnsafeHttpMethods" } unsafeMethods when unsafeMethods.TargetMethod.IsMethod(_types.HttpRetryStrategyOptionsExtensions, "DisableForUnsafeHttpMethods"):
                            disabled |= Methods.Post | Methods.Patch;
                            break;
                        case IInvocationOperation { TargetMethod.Name: "DisableFor" } disableFor when disableFor.TargetMethod.IsMethod(_types.HttpRetryStrategyOptionsExtensions, "DisableFor"):
                            foreach (var part in OperationWalk.Below(disableFor))
                            {
                                switch (_requests.GetMethodName(part))
                                {
                                    case "POST":
                                        disabled |= Methods.Post;
                                        break;
                                    case "PATCH":
                                        disabled |= Methods.Patch;
                                        break;
                                }
                            }

                            break;
                        case IPropertyReferenceOperation { Property.Name: "Method" } property when property.Property.ContainingType.Is(_requests.RequestMessage):
                            restricted = true;
                            break;
                        case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "ShouldHandle" } } shouldHandle:
                            if (StatusTests.Of(shouldHandle.Value, _types).OnlyTooManyRequests)
                            {
                                restricted = true;
                            }

                            break;
                    }
                }
            }
        }

        private void Report(OperationAnalysisContext context, Registration registration)
        {
            var compilation = context.Compilation;
            var token = context.CancellationToken;
            var facts = ResilienceFacts.Get(compilation, token);
            if ((registration.Standard && facts.HasUnattributedRestriction) || facts.HandlerAddsKey(_requests, context.Options))
            {
                return;
            }

            var registrations = ClientRegistrations.Get(compilation, token);
            var unsafeMethods = Methods.None;
            string? example = null;
            foreach (var use in ClientUses.Get(compilation, token).All)
            {
                if (!Covers(registration.Key, use.Key, registrations) || !_requests.TryGetSend(use.Send, out var send) || !send.IsUnsafe ||
                    _requests.CarriesHeader(send, KeyHeaders(context.Options, use.Send)))
                {
                    continue;
                }

                unsafeMethods |= send.Method == "POST" ? Methods.Post : Methods.Patch;
                var key = use.Key;
                example ??= key.Kind == ClientKind.Typed ? key.Type!.Name : key.Name!.Length == 0 ? "CreateClient()" : key.Name;
            }

            unsafeMethods &= ~registration.Disabled;
            if (unsafeMethods == Methods.None)
            {
                return;
            }

            var methods = unsafeMethods == (Methods.Post | Methods.Patch) ? "POST and PATCH" : unsafeMethods == Methods.Post ? "POST" : "PATCH";
            var client = registration.Key.Kind == ClientKind.Defaults ? registration.Key.Describe() + ", such as '" + example + "'" : registration.Key.Describe();
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.RetryPolicyRetriesUnsafeMethods,
                registration.Location,
                FixData(registration),
                "'" + registration.Handler + "'",
                methods,
                client));
        }

        /// <summary>What the fix restricts, when the compilation references <c>DisableForUnsafeHttpMethods</c> (the fix calls it).</summary>
        private ImmutableDictionary<string, string?>? FixData(Registration registration)
            => _types.HttpRetryStrategyOptionsExtensions is null ? null
                : registration.Standard ? Standard
                : registration.HttpRetryOptions ? RetryOptions
                : null;

        private static bool Covers(ClientKey registration, ClientKey send, ClientRegistrations registrations)
        {
            if (registration.Kind != ClientKind.Defaults)
            {
                return registration.Equals(send);
            }

            if (registrations.RemovesResilienceHandlers(send))
            {
                return false;
            }

            return send.Kind == ClientKind.Named || (send.Kind == ClientKind.Typed && registrations.IsTypedClient(send.Type));
        }
    }
}
