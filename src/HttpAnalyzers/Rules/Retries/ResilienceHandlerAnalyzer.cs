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
/// whose client sends POST or PATCH requests without an idempotency key, and whose retry is not restricted. Registrations
/// and the clients' uses are gathered across the compilation and matched at its end.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ResilienceHandlerAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the standard resilience handler, which the fix restricts with <c>DisableForUnsafeHttpMethods()</c>.</summary>
    public const string StandardHandlerProperty = "StandardHandler";

    /// <summary>Diagnostic property: an <c>AddResilienceHandler</c> whose one <c>AddRetry</c> takes <c>HttpRetryStrategyOptions</c>, which the fix restricts.</summary>
    public const string RetryOptionsProperty = "RetryOptions";

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
            start.RegisterOperationAction(state.AnalyzeInvocation, OperationKind.Invocation);
            start.RegisterCompilationEndAction(state.Report);
        });
    }

    private enum ClientKind
    {
        Typed,
        Named,
        Defaults,
    }

    /// <summary>Which clients a registration or a send belongs to: a typed client class, a named client, or every factory client.</summary>
    private readonly struct ClientKey : IEquatable<ClientKey>
    {
        public ClientKey(ClientKind kind, INamedTypeSymbol? type, string? name)
        {
            Kind = kind;
            Type = type;
            Name = name;
        }

        public ClientKind Kind { get; }

        public INamedTypeSymbol? Type { get; }

        public string? Name { get; }

        public bool Equals(ClientKey other)
            => Kind == other.Kind && SymbolEqualityComparer.Default.Equals(Type, other.Type) && string.Equals(Name, other.Name, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is ClientKey other && Equals(other);

        public override int GetHashCode() => ((int)Kind * 397) ^ (Type is null ? 0 : SymbolEqualityComparer.Default.GetHashCode(Type)) ^ (Name is null ? 0 : StringComparer.Ordinal.GetHashCode(Name));

        public string Describe() => Kind switch
        {
            ClientKind.Typed => "typed client '" + Type!.Name + "'",
            ClientKind.Named => Name!.Length == 0 ? "the default factory client" : "named client '" + Name + "'",
            _ => "every factory client (ConfigureHttpClientDefaults)",
        };
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
        private static readonly ImmutableDictionary<string, string?> Standard = ImmutableDictionary<string, string?>.Empty.Add(StandardHandlerProperty, "true");
        private static readonly ImmutableDictionary<string, string?> RetryOptions = ImmutableDictionary<string, string?>.Empty.Add(RetryOptionsProperty, "true");

        private readonly KnownTypes _types;
        private readonly HttpRequests _requests;
        private readonly RetryConstructs _constructs;
        private readonly ConcurrentBag<Registration> _registrations = new();
        private readonly ConcurrentBag<ClientKey> _removesHandlers = new();
        private readonly ConcurrentBag<INamedTypeSymbol> _typedClients = new();
        private readonly ConcurrentBag<(ClientKey Key, Methods Method, bool Keyed)> _sends = new();
        private int _unattributedRestriction;
        private int _handlerAddsKey;

        public State(KnownTypes types, HttpRequests requests, RetryConstructs constructs)
        {
            _types = types;
            _requests = requests;
            _constructs = constructs;
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "AddStandardResilienceHandler":
                case "AddStandardHedgingHandler":
                case "AddResilienceHandler":
                case "AddTransientHttpErrorPolicy":
                case "AddPolicyHandler":
                    AnalyzeRegistration(invocation);
                    return;
                case "RemoveAllResilienceHandlers":
                    if (ClientOf(invocation) is { } removed)
                    {
                        _removesHandlers.Add(removed);
                    }

                    return;
                case "AddHttpClient":
                    if (method.IsGenericMethod && method.IsMethod(_types.HttpClientFactoryServiceCollectionExtensions, "AddHttpClient"))
                    {
                        _typedClients.Add((INamedTypeSymbol)method.TypeArguments[method.TypeArguments.Length - 1]);
                    }

                    return;
                case "DisableForUnsafeHttpMethods":
                case "DisableFor":
                    if (!InsideRegistration(invocation))
                    {
                        System.Threading.Interlocked.Exchange(ref _unattributedRestriction, 1);
                    }

                    return;
                case "Add":
                case "TryAddWithoutValidation":
                    if (_requests.IsHeadersAddCall(invocation) && _requests.IsHeaderAdd(invocation, KeyHeaders(context, invocation), out _) &&
                        ContainingType(context.ContainingSymbol).InheritsFromOrEquals(_types.DelegatingHandler))
                    {
                        System.Threading.Interlocked.Exchange(ref _handlerAddsKey, 1);
                    }

                    return;
            }

            if (!HttpRequests.IsSendName(method.Name) || !_requests.TryGetSend(invocation, out var send) || send.Client is null ||
                (send.IsHelper && !send.IsUnsafe))
            {
                return;
            }

            var key = ClientOfSend(send.Client);
            if (key is null || !send.IsUnsafe)
            {
                return;
            }

            var keyed = _requests.CarriesHeader(send, KeyHeaders(context, invocation));
            _sends.Add((key.Value, send.Method == "POST" ? Methods.Post : Methods.Patch, keyed));
        }

        private static INamedTypeSymbol? ContainingType(ISymbol? symbol) => symbol as INamedTypeSymbol ?? symbol?.ContainingType;

        private static ImmutableArray<string> KeyHeaders(OperationAnalysisContext context, IOperation operation)
            => HttpRequests.IdempotencyKeyHeaders(context.Options, operation.Syntax.SyntaxTree, DiagnosticIds.RetryPolicyRetriesUnsafeMethods);

        private bool InsideRegistration(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is IInvocationOperation { TargetMethod.Name: "AddStandardResilienceHandler" or "AddResilienceHandler" or "Configure" or "AddRetry" })
                {
                    return true;
                }
            }

            return false;
        }

        private void AnalyzeRegistration(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            var isResilience = method.IsMethod(_types.ResilienceHttpClientBuilderExtensions, method.Name);
            var isPolly = method.IsMethod(_types.PollyHttpClientBuilderExtensions, method.Name);
            if (!isResilience && !isPolly)
            {
                return;
            }

            var key = ClientOf(invocation);
            if (key is null)
            {
                return;
            }

            var scopes = ConfigurationScopes(invocation);
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
                        foreach (var operation in scope.Descendants())
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
                    retries = ReturnsRetryPolicy(scopes);
                    Restrictions(scopes, ref disabled, ref restricted);
                    break;
                case "AddPolicyHandler":
                    var policy = invocation.GetArgument("policy")?.Value;
                    if (policy is not null)
                    {
                        var creation = _constructs.FindPolicyCreation(ResolvePolicy(policy));
                        retries = creation is not null;
                        restricted = creation?.GetReceiverOrThisArgument() is { } builder && StatusTests.Of(builder, _types).OnlyTooManyRequests;
                    }
                    else
                    {
                        retries = ReturnsRetryPolicy(scopes);
                        Restrictions(scopes, ref disabled, ref restricted);
                    }

                    break;
            }

            if (!retries)
            {
                return;
            }

            var standard = method.Name == "AddStandardResilienceHandler" && invocation.GetArgument("section") is null;
            _registrations.Add(new Registration(key.Value, invocation.NameLocation(), method.Name, disabled, restricted, standard, httpRetryOptions));
        }

        /// <summary>The lambdas that configure the handler: its own arguments and those of chained <c>Configure(…)</c> calls.</summary>
        private static List<IOperation> ConfigurationScopes(IInvocationOperation registration)
        {
            var scopes = new List<IOperation>();
            AddLambdas(registration, scopes);
            IOperation current = registration;
            while (current.Parent is IArgumentOperation { Parent: IInvocationOperation next } && next.TargetMethod.IsExtensionMethod &&
                   next.Arguments.Length > 0 && ReferenceEquals(next.Arguments[0].Value.WalkDownConversions(), current))
            {
                if (next.TargetMethod.Name is "Configure" or "SelectPipelineBy")
                {
                    AddLambdas(next, scopes);
                }

                current = next;
            }

            return scopes;
        }

        private static void AddLambdas(IInvocationOperation invocation, List<IOperation> scopes)
        {
            foreach (var argument in invocation.Arguments)
            {
                var value = argument.Value.WalkDownConversions();
                if (value is IDelegateCreationOperation creation)
                {
                    value = creation.Target;
                }

                if (value is IAnonymousFunctionOperation)
                {
                    scopes.Add(value);
                }
            }
        }

        /// <summary>
        /// <c>DisableForUnsafeHttpMethods()</c>, <c>DisableFor(HttpMethod.Post, …)</c>, a predicate that reads the request's
        /// method, or a <c>ShouldHandle</c> that admits only 429.
        /// </summary>
        private void Restrictions(List<IOperation> scopes, ref Methods disabled, ref bool restricted)
        {
            foreach (var scope in scopes)
            {
                foreach (var operation in scope.Descendants())
                {
                    switch (operation)
                    {
                        case IInvocationOperation { TargetMethod.Name: "DisableForUnsafeHttpMethods" } unsafeMethods when unsafeMethods.TargetMethod.IsMethod(_types.HttpRetryStrategyOptionsExtensions, "DisableForUnsafeHttpMethods"):
                            disabled |= Methods.Post | Methods.Patch;
                            break;
                        case IInvocationOperation { TargetMethod.Name: "DisableFor" } disableFor when disableFor.TargetMethod.IsMethod(_types.HttpRetryStrategyOptionsExtensions, "DisableFor"):
                            foreach (var part in disableFor.Descendants())
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

        private bool ReturnsRetryPolicy(List<IOperation> scopes)
        {
            foreach (var scope in scopes)
            {
                foreach (var operation in scope.Descendants())
                {
                    if (operation is IReturnOperation { ReturnedValue: { } value } && _constructs.FindPolicyCreation(ResolvePolicy(value)) is not null)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>A policy value, looking into a source method that returns it (<c>AddPolicyHandler(GetRetryPolicy())</c>) in the same file.</summary>
        private static IOperation? ResolvePolicy(IOperation value)
        {
            value = value.WalkDownConversions();
            if (value is IInvocationOperation { Arguments.Length: 0 } call && call.SemanticModel is { } model &&
                call.TargetMethod.DeclaringSyntaxReferences.Length == 1 &&
                call.TargetMethod.DeclaringSyntaxReferences[0].SyntaxTree == call.Syntax.SyntaxTree)
            {
                var body = model.GetOperation(call.TargetMethod.DeclaringSyntaxReferences[0].GetSyntax());
                if (body is not null)
                {
                    foreach (var operation in body.Descendants())
                    {
                        if (operation is IReturnOperation { ReturnedValue: { } returned })
                        {
                            return returned;
                        }
                    }
                }
            }

            return value;
        }

        /// <summary>The client an <c>IHttpClientBuilder</c> call configures: the typed client, the named client, or every client.</summary>
        private ClientKey? ClientOf(IInvocationOperation invocation)
        {
            var current = invocation.GetReceiverOrThisArgument();
            for (var depth = 0; current is not null && depth < 32; depth++)
            {
                current = current.WalkDownConversions();
                switch (current)
                {
                    case IInvocationOperation call when call.TargetMethod.IsMethod(_types.HttpClientFactoryServiceCollectionExtensions, "AddHttpClient"):
                        var method = call.TargetMethod;
                        if (method.IsGenericMethod)
                        {
                            return method.TypeArguments[method.TypeArguments.Length - 1] is INamedTypeSymbol typed && typed.TypeKind == TypeKind.Class
                                ? new ClientKey(ClientKind.Typed, typed, null)
                                : null;
                        }

                        return call.GetArgument("name")?.Value.ConstantValue.Value is string name ? new ClientKey(ClientKind.Named, null, name) : null;
                    case IInvocationOperation call when call.Type.IsOrImplements(_types.IHttpClientBuilder):
                        current = call.GetReceiverOrThisArgument();
                        break;
                    case ILocalReferenceOperation local:
                        current = RetryConstructs.ResolveValue(local);
                        break;
                    case IParameterReferenceOperation parameter when IsDefaultsLambdaParameter(parameter):
                        return new ClientKey(ClientKind.Defaults, null, null);
                    default:
                        return null;
                }
            }

            return null;
        }

        private static bool IsDefaultsLambdaParameter(IParameterReferenceOperation parameter)
        {
            for (var current = parameter.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, parameter.Parameter.ContainingSymbol))
                {
                    var parent = lambda.Parent is IDelegateCreationOperation ? lambda.Parent.Parent : lambda.Parent;
                    return parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "ConfigureHttpClientDefaults" } };
                }
            }

            return false;
        }

        /// <summary>The factory client an HttpClient value comes from: <c>CreateClient("name")</c>, or the typed client class that holds it.</summary>
        private ClientKey? ClientOfSend(IOperation client)
        {
            client = client.WalkDownConversions();
            switch (client)
            {
                case IInvocationOperation create:
                    return NamedClient(create);
                case ILocalReferenceOperation local:
                    return RetryConstructs.ResolveValue(local) is IInvocationOperation created ? NamedClient(created) : null;
                case IFieldReferenceOperation or IPropertyReferenceOperation:
                    var value = RetryConstructs.ResolveValue(client);
                    if (value is IInvocationOperation fromFactory)
                    {
                        return NamedClient(fromFactory);
                    }

                    var symbol = client is IFieldReferenceOperation field ? (ISymbol)field.Field : ((IPropertyReferenceOperation)client).Property;
                    return value is null or IParameterReferenceOperation && !symbol.IsStatic ? new ClientKey(ClientKind.Typed, symbol.ContainingType, null) : null;
                case IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor }:
                    return new ClientKey(ClientKind.Typed, constructor.ContainingType, null);
                default:
                    return null;
            }
        }

        private ClientKey? NamedClient(IInvocationOperation create)
        {
            if (create.TargetMethod.Name != "CreateClient")
            {
                return null;
            }

            var containing = (create.TargetMethod.ReducedFrom ?? create.TargetMethod).ContainingType;
            if (!containing.IsOrImplements(_types.IHttpClientFactory) && !containing.Is(_types.HttpClientFactoryExtensions))
            {
                return null;
            }

            var name = create.GetArgument("name");
            if (name is null)
            {
                return new ClientKey(ClientKind.Named, null, string.Empty);
            }

            return name.Value.ConstantValue.Value is string text ? new ClientKey(ClientKind.Named, null, text) : null;
        }

        public void Report(CompilationAnalysisContext context)
        {
            if (_handlerAddsKey != 0 || _registrations.IsEmpty)
            {
                return;
            }

            var typedClients = new HashSet<INamedTypeSymbol>(_typedClients, SymbolEqualityComparer.Default);
            var removed = new HashSet<ClientKey>(_removesHandlers);
            foreach (var registration in _registrations)
            {
                if (registration.Restricted || (registration.Standard && _unattributedRestriction != 0))
                {
                    continue;
                }

                var unsafeMethods = Methods.None;
                string? example = null;
                foreach (var (key, method, keyed) in _sends)
                {
                    if (keyed || !Covers(registration.Key, key, typedClients, removed))
                    {
                        continue;
                    }

                    unsafeMethods |= method;
                    example ??= key.Kind == ClientKind.Typed ? key.Type!.Name : key.Name!.Length == 0 ? "CreateClient()" : key.Name;
                }

                unsafeMethods &= ~registration.Disabled;
                if (unsafeMethods == Methods.None)
                {
                    continue;
                }

                var methods = unsafeMethods == (Methods.Post | Methods.Patch) ? "POST and PATCH" : unsafeMethods == Methods.Post ? "POST" : "PATCH";
                var client = registration.Key.Kind == ClientKind.Defaults ? registration.Key.Describe() + ", such as '" + example + "'" : registration.Key.Describe();
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.RetryPolicyRetriesUnsafeMethods,
                    registration.Location,
                    registration.Standard ? Standard : registration.HttpRetryOptions ? RetryOptions : null,
                    "'" + registration.Handler + "'",
                    methods,
                    client));
            }
        }

        private static bool Covers(ClientKey registration, ClientKey send, HashSet<INamedTypeSymbol> typedClients, HashSet<ClientKey> removed)
        {
            if (registration.Kind != ClientKind.Defaults)
            {
                return registration.Equals(send);
            }

            if (removed.Contains(send))
            {
                return false;
            }

            return send.Kind == ClientKind.Named || (send.Kind == ClientKind.Typed && typedClients.Contains(send.Type!));
        }
    }
}
