using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Infrastructure;

/// <summary>What an <c>IHttpClientBuilder</c> configures: one typed client class, one named client, or every factory client.</summary>
internal enum ClientKind
{
    Typed,
    Named,
    Defaults,
}

/// <summary>Which factory client a registration or a use belongs to: a typed client class, a named client (the empty name is the unnamed default client), or every client (<c>ConfigureHttpClientDefaults</c>).</summary>
internal readonly struct ClientKey : IEquatable<ClientKey>
{
    public ClientKey(ClientKind kind, INamedTypeSymbol? type, string? name)
    {
        Kind = kind;
        Type = type;
        Name = name;
    }

    public ClientKind Kind { get; }

    /// <summary>The typed client class (the implementation type of <c>AddHttpClient&lt;TClient, TImplementation&gt;</c>).</summary>
    public INamedTypeSymbol? Type { get; }

    /// <summary>The named client's name.</summary>
    public string? Name { get; }

    public static ClientKey Typed(INamedTypeSymbol type) => new(ClientKind.Typed, type, null);

    public static ClientKey Named(string name) => new(ClientKind.Named, null, name);

    public static ClientKey Defaults => new(ClientKind.Defaults, null, null);

    public bool Equals(ClientKey other)
        => Kind == other.Kind && SymbolEqualityComparer.Default.Equals(Type, other.Type) && string.Equals(Name, other.Name, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is ClientKey other && Equals(other);

    public override int GetHashCode() => ((int)Kind * 397) ^ (Type is null ? 0 : SymbolEqualityComparer.Default.GetHashCode(Type)) ^ (Name is null ? 0 : StringComparer.Ordinal.GetHashCode(Name));

    /// <summary>"typed client 'OrdersClient'", "named client 'payments'", "the default factory client", "every factory client (ConfigureHttpClientDefaults)".</summary>
    public string Describe() => Kind switch
    {
        ClientKind.Typed => "typed client '" + Type!.Name + "'",
        ClientKind.Named => Name!.Length == 0 ? "the default factory client" : "named client '" + Name + "'",
        _ => "every factory client (ConfigureHttpClientDefaults)",
    };
}

/// <summary>
/// One registration: an <c>AddHttpClient…(…)</c> call (or a <c>ConfigureHttpClientDefaults(b => …)</c> call) and every
/// <c>IHttpClientBuilder</c> call made on the builder it returns — in one chain, through a local, or on the defaults
/// lambda's parameter — with what they configure.
/// </summary>
internal sealed class ClientRegistration
{
    internal ClientRegistration(ClientKey key, string? factoryName, IInvocationOperation root)
    {
        Key = key;
        FactoryName = factoryName;
        Root = root;
    }

    public ClientKey Key { get; }

    /// <summary>The name the factory knows the client by: the given name, or a typed client's service type name; null for defaults.</summary>
    public string? FactoryName { get; }

    /// <summary>The <c>AddHttpClient</c> or <c>ConfigureHttpClientDefaults</c> call.</summary>
    public IInvocationOperation Root { get; }

    /// <summary>The builder calls (<c>AddStandardResilienceHandler</c>, <c>ConfigureHttpClient</c>, <c>RemoveAllResilienceHandlers</c>, …) in source order.</summary>
    public ImmutableArray<IInvocationOperation> Calls { get; private set; } = ImmutableArray<IInvocationOperation>.Empty;

    /// <summary>The lambdas that configure the <c>HttpClient</c> (<c>AddHttpClient(…, c => …)</c>, <c>ConfigureHttpClient(c => …)</c>).</summary>
    public ImmutableArray<IAnonymousFunctionOperation> ClientConfigurations { get; private set; } = ImmutableArray<IAnonymousFunctionOperation>.Empty;

    /// <summary>The value last assigned to <c>BaseAddress</c> in those lambdas (in source order), or null.</summary>
    public IOperation? BaseAddress { get; private set; }

    /// <summary>The assignment of <see cref="BaseAddress"/>.</summary>
    public ISimpleAssignmentOperation? BaseAddressAssignment { get; private set; }

    /// <summary>Whether a configuration lambda touches the client's <c>DefaultRequestHeaders</c>.</summary>
    public bool SetsDefaultRequestHeaders { get; private set; }

    /// <summary><c>RemoveAllResilienceHandlers()</c> is called on this builder.</summary>
    public bool RemovesResilienceHandlers { get; private set; }

    /// <summary>
    /// Configuration the model cannot see: the builder is passed to, returned from or configured by a method of the
    /// user's, or a configuration is a method group or delegate value. Rules that need the whole configuration stay silent.
    /// </summary>
    public bool HasUnseenConfiguration { get; private set; }

    /// <summary>The <c>ConfigurePrimaryHttpMessageHandler</c> (or <c>UseSocketsHttpHandler</c>, <c>ConfigureHttpMessageHandlerBuilder</c>) call, if any (the last one).</summary>
    public IInvocationOperation? PrimaryHandlerCall { get; private set; }

    /// <summary>The handler created by <c>ConfigurePrimaryHttpMessageHandler(() => new …Handler { … })</c>, when the lambda returns one creation.</summary>
    public IObjectCreationOperation? PrimaryHandlerCreation { get; private set; }

    internal void Add(IInvocationOperation call) => Calls = Calls.Add(call);

    internal void MarkUnseen() => HasUnseenConfiguration = true;

    internal void MarkRemovesResilienceHandlers() => RemovesResilienceHandlers = true;

    internal void SetPrimaryHandler(IInvocationOperation call, IObjectCreationOperation? creation)
    {
        PrimaryHandlerCall = call;
        PrimaryHandlerCreation = creation;
    }

    internal void AddConfiguration(IAnonymousFunctionOperation lambda, INamedTypeSymbol httpClient)
    {
        ClientConfigurations = ClientConfigurations.Add(lambda);
        foreach (var operation in OperationWalk.Below(lambda.Body))
        {
            switch (operation)
            {
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "BaseAddress" } target } assignment
                    when target.Property.ContainingType.Is(httpClient):
                    if (BaseAddressAssignment is null || BaseAddressAssignment.Syntax.SpanStart < assignment.Syntax.SpanStart ||
                        BaseAddressAssignment.Syntax.SyntaxTree != assignment.Syntax.SyntaxTree)
                    {
                        BaseAddressAssignment = assignment;
                        BaseAddress = assignment.Value;
                    }

                    break;
                case IPropertyReferenceOperation { Property.Name: "DefaultRequestHeaders" } headers when headers.Property.ContainingType.Is(httpClient):
                    SetsDefaultRequestHeaders = true;
                    break;
                case IArgumentOperation { Value: IParameterReferenceOperation { Type: { } type } } when type.InheritsFromOrEquals(httpClient):
                    // The client is handed to a helper that may configure it.
                    HasUnseenConfiguration = true;
                    break;
            }
        }
    }

    /// <summary>Whether any configuration this registration applies sets <c>BaseAddress</c>.</summary>
    public bool SetsBaseAddress => BaseAddressAssignment is not null;

    internal void Sort()
    {
        if (Calls.Length > 1)
        {
            Calls = Calls.Sort(static (a, b) => SourceOrder(a.Syntax, b.Syntax));
        }
    }

    internal static int SourceOrder(SyntaxNode a, SyntaxNode b)
    {
        var byPath = string.CompareOrdinal(a.SyntaxTree.FilePath, b.SyntaxTree.FilePath);
        return byPath != 0 ? byPath : a.Span.End.CompareTo(b.Span.End);
    }
}

/// <summary>What a typed client class does to its <c>HttpClient</c> in its own code.</summary>
internal sealed class TypedClientFacts
{
    internal static readonly TypedClientFacts None = new(null, false, false);

    internal TypedClientFacts(ISimpleAssignmentOperation? constructorBaseAddress, bool setsBaseAddress, bool constructorSetsHeaders)
    {
        ConstructorBaseAddress = constructorBaseAddress;
        SetsBaseAddress = setsBaseAddress;
        ConstructorSetsDefaultRequestHeaders = constructorSetsHeaders;
    }

    /// <summary>The <c>BaseAddress</c> assignment in a constructor, if any.</summary>
    public ISimpleAssignmentOperation? ConstructorBaseAddress { get; }

    /// <summary>Whether the class assigns an <c>HttpClient.BaseAddress</c> anywhere.</summary>
    public bool SetsBaseAddress { get; }

    /// <summary>Whether a constructor touches an <c>HttpClient.DefaultRequestHeaders</c>.</summary>
    public bool ConstructorSetsDefaultRequestHeaders { get; }
}

/// <summary>
/// The client registration model: every <c>AddHttpClient&lt;T&gt;()</c>, <c>AddHttpClient&lt;TClient, TImplementation&gt;()</c>,
/// <c>AddHttpClient("name")</c> and <c>ConfigureHttpClientDefaults(b => …)</c> of the compilation, with the calls made on
/// their builders (handlers, <c>ConfigureHttpClient</c>, <c>RemoveAllResilienceHandlers</c>, the primary handler), the
/// <c>BaseAddress</c> and <c>DefaultRequestHeaders</c> set in their configuration lambdas, and what each registered typed
/// client does to its client in its own class. A lazily built <see cref="CrossFileIndex{T}"/>: ask for it only when a
/// candidate finding needs it (<see cref="Get"/>). The uses of these clients are in <see cref="ClientUses"/>.
/// </summary>
internal sealed class ClientRegistrations
{
    private static readonly string[] PreFilter = { "AddHttpClient", "ConfigureHttpClientDefaults", "HttpClientFactoryOptions" };
    private static readonly Func<Compilation, CancellationToken, ClientRegistrations> BuildIndex = Build;

    private readonly Dictionary<INamedTypeSymbol, TypedClientFacts> _typedClients;

    private ClientRegistrations(ImmutableArray<ClientRegistration> all, Dictionary<INamedTypeSymbol, TypedClientFacts> typedClients, bool unseenNamed, bool factoryOptions)
    {
        All = all;
        _typedClients = typedClients;
        HasUnseenNamedRegistration = unseenNamed;
        FactoryOptionsConfigured = factoryOptions;
    }

    /// <summary>Every registration, in source order (by file, then position).</summary>
    public ImmutableArray<ClientRegistration> All { get; }

    /// <summary>An <c>AddHttpClient(name)</c> whose name is not a constant: any named client may be registered there.</summary>
    public bool HasUnseenNamedRegistration { get; }

    /// <summary><c>HttpClientFactoryOptions</c> are configured directly (<c>Configure&lt;HttpClientFactoryOptions&gt;(…)</c>): client configuration the model does not follow.</summary>
    public bool FactoryOptionsConfigured { get; }

    /// <summary>The registration index of <paramref name="compilation"/>, built on first use.</summary>
    public static ClientRegistrations Get(Compilation compilation, CancellationToken cancellationToken)
        => CrossFileIndex<ClientRegistrations>.Get(compilation, BuildIndex, cancellationToken);

    /// <summary>Whether <paramref name="type"/> is registered as a typed client (<c>AddHttpClient&lt;T&gt;</c>).</summary>
    public bool IsTypedClient(INamedTypeSymbol? type) => type is not null && _typedClients.ContainsKey(type);

    /// <summary>What a registered typed client's class does to its client; <see cref="TypedClientFacts.None"/> for others.</summary>
    public TypedClientFacts TypedClient(INamedTypeSymbol? type)
        => type is not null && _typedClients.TryGetValue(type, out var facts) ? facts : TypedClientFacts.None;

    /// <summary>Whether any registration of <paramref name="key"/> calls <c>RemoveAllResilienceHandlers()</c>.</summary>
    public bool RemovesResilienceHandlers(ClientKey key)
    {
        foreach (var registration in All)
        {
            if (registration.RemovesResilienceHandlers && registration.Key.Equals(key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The registrations that configure the client <paramref name="key"/>: those of the same key, those that share its
    /// factory name (a typed client and a named registration of its name), and, unless <paramref name="includeDefaults"/>
    /// is false, the <c>ConfigureHttpClientDefaults</c> ones. Empty when none is visible.
    /// </summary>
    public ImmutableArray<ClientRegistration> Configuring(ClientKey key, bool includeDefaults = true)
    {
        var builder = ImmutableArray.CreateBuilder<ClientRegistration>();
        var name = key.Kind == ClientKind.Named ? key.Name : null;
        if (key.Kind == ClientKind.Typed)
        {
            foreach (var registration in All)
            {
                if (registration.Key.Equals(key))
                {
                    name ??= registration.FactoryName;
                }
            }
        }

        foreach (var registration in All)
        {
            if (registration.Key.Kind == ClientKind.Defaults ? includeDefaults :
                registration.Key.Equals(key) || (name is not null && string.Equals(registration.FactoryName, name, StringComparison.Ordinal)))
            {
                builder.Add(registration);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>
    /// The client an <c>IHttpClientBuilder</c> call configures (<c>services.AddHttpClient&lt;T&gt;().AddStandardResilienceHandler()</c>,
    /// through a local, or on the parameter of a <c>ConfigureHttpClientDefaults</c> lambda); null when it cannot be seen.
    /// Works on the current document alone: no index needed.
    /// </summary>
    public static ClientKey? KeyOfBuilderCall(IInvocationOperation invocation, KnownTypes types)
        => KeyOfBuilder(invocation.GetReceiverOrThisArgument(), types, out _);

    /// <summary>The client and root call of a builder value.</summary>
    public static ClientKey? KeyOfBuilder(IOperation? builder, KnownTypes types, out IInvocationOperation? root)
    {
        root = null;
        var current = builder;
        for (var depth = 0; current is not null && depth < 32; depth++)
        {
            current = current.WalkDownConversions();
            switch (current)
            {
                case IInvocationOperation call when call.TargetMethod.IsMethod(types.HttpClientFactoryServiceCollectionExtensions, "AddHttpClient"):
                    root = call;
                    return KeyOfRoot(call, out _);
                case IInvocationOperation call when call.Type.IsOrImplements(types.IHttpClientBuilder):
                    current = call.GetReceiverOrThisArgument();
                    break;
                case ILocalReferenceOperation local:
                    current = LocalValues.ResolveValue(local);
                    break;
                case IParameterReferenceOperation parameter when DefaultsLambdaOf(parameter) is { } defaults:
                    root = defaults;
                    return ClientKey.Defaults;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The client of an <c>AddHttpClient</c> call: typed (the last type argument, a class), or named by a constant.</summary>
    private static ClientKey? KeyOfRoot(IInvocationOperation call, out string? factoryName)
    {
        factoryName = null;
        var method = call.TargetMethod;
        var name = call.GetArgument("name")?.Value.ConstantValue;
        if (method.IsGenericMethod)
        {
            if (method.TypeArguments[method.TypeArguments.Length - 1] is not INamedTypeSymbol { TypeKind: TypeKind.Class } typed)
            {
                return null;
            }

            factoryName = name is { HasValue: true, Value: string given } ? given : method.TypeArguments[0].Name;
            return ClientKey.Typed(typed);
        }

        if (name is { HasValue: true, Value: string text })
        {
            factoryName = text;
            return ClientKey.Named(text);
        }

        return null;
    }

    private static IInvocationOperation? DefaultsLambdaOf(IParameterReferenceOperation parameter)
    {
        for (var current = parameter.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, parameter.Parameter.ContainingSymbol))
            {
                var parent = lambda.Parent is IDelegateCreationOperation ? lambda.Parent.Parent : lambda.Parent;
                return parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "ConfigureHttpClientDefaults" } defaults } ? defaults : null;
            }
        }

        return null;
    }

    /// <summary>
    /// The factory client an <c>HttpClient</c> value comes from: <c>CreateClient("name")</c> (directly, through a local,
    /// field or property), or the typed client class that holds it (a constructor parameter, or an instance field or
    /// property given no other visible value). Null when it cannot be told.
    /// </summary>
    public static ClientKey? KeyOfClient(IOperation client, KnownTypes types)
    {
        client = client.WalkDownConversions();
        switch (client)
        {
            case IInvocationOperation create:
                return KeyOfCreateClient(create, types);
            case ILocalReferenceOperation local:
                return LocalValues.ResolveValue(local) is IInvocationOperation created ? KeyOfCreateClient(created, types) : null;
            case IFieldReferenceOperation or IPropertyReferenceOperation:
                var value = LocalValues.ResolveValue(client);
                if (value is IInvocationOperation fromFactory)
                {
                    return KeyOfCreateClient(fromFactory, types);
                }

                var symbol = client is IFieldReferenceOperation field ? (ISymbol)field.Field : ((IPropertyReferenceOperation)client).Property;
                return value is null or IParameterReferenceOperation && !symbol.IsStatic && symbol.ContainingType is { } holder ? ClientKey.Typed(holder) : null;
            case IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor }:
                return ClientKey.Typed(constructor.ContainingType);
            default:
                return null;
        }
    }

    /// <summary>The named client of <c>IHttpClientFactory.CreateClient("name")</c> (a constant name), or the default client of <c>CreateClient()</c>.</summary>
    public static ClientKey? KeyOfCreateClient(IInvocationOperation create, KnownTypes types)
    {
        if (create.TargetMethod.Name != "CreateClient")
        {
            return null;
        }

        var containing = (create.TargetMethod.ReducedFrom ?? create.TargetMethod).ContainingType;
        if (!containing.IsOrImplements(types.IHttpClientFactory) && !containing.Is(types.HttpClientFactoryExtensions))
        {
            return null;
        }

        var name = create.GetArgument("name");
        if (name is null)
        {
            return ClientKey.Named(string.Empty);
        }

        return name.Value.ConstantValue.Value is string text ? ClientKey.Named(text) : null;
    }

    private static ClientRegistrations Build(Compilation compilation, CancellationToken cancellationToken)
    {
        var types = KnownTypes.Get(compilation);
        var registrations = new List<ClientRegistration>();
        var typedClients = new Dictionary<INamedTypeSymbol, TypedClientFacts>(SymbolEqualityComparer.Default);
        var unseenNamed = false;
        var factoryOptions = false;
        if (types.HttpClientFactoryServiceCollectionExtensions is { } extensions && types.HttpClient is { } httpClient)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (!CrossFileIndex.MayMentionAny(tree, PreFilter, cancellationToken))
                {
                    continue;
                }

                SemanticModel? model = null;
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    if (node is IdentifierNameSyntax { Identifier.ValueText: "HttpClientFactoryOptions" })
                    {
                        factoryOptions = true;
                        continue;
                    }

                    if (node is not InvocationExpressionSyntax invocation ||
                        !(CrossFileIndex.IsInvocationOf(invocation, "AddHttpClient") || CrossFileIndex.IsInvocationOf(invocation, "ConfigureHttpClientDefaults")))
                    {
                        continue;
                    }

                    model ??= CrossFileIndex.SemanticModelFor(compilation, tree);
                    if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation call)
                    {
                        continue;
                    }

                    if (call.TargetMethod.IsMethod(extensions, "ConfigureHttpClientDefaults"))
                    {
                        var registration = new ClientRegistration(ClientKey.Defaults, null, call);
                        new Walker(types, httpClient, registration).FollowDefaults(call);
                        registrations.Add(registration);
                    }
                    else if (call.TargetMethod.IsMethod(extensions, "AddHttpClient"))
                    {
                        var key = KeyOfRoot(call, out var factoryName);
                        if (key is null)
                        {
                            // AddHttpClient() registers the factory alone; a non-constant name hides which client it configures.
                            unseenNamed |= call.GetArgument("name") is not null;
                            continue;
                        }

                        var registration = new ClientRegistration(key.Value, factoryName, call);
                        var walker = new Walker(types, httpClient, registration);
                        walker.Configurations(call);
                        walker.Follow(call, 0);
                        registrations.Add(registration);
                        if (key.Value.Kind == ClientKind.Typed && !typedClients.ContainsKey(key.Value.Type!))
                        {
                            typedClients.Add(key.Value.Type!, TypedFacts(compilation, key.Value.Type!, httpClient, cancellationToken));
                        }
                    }
                }
            }
        }

        foreach (var registration in registrations)
        {
            registration.Sort();
        }

        registrations.Sort(static (a, b) => ClientRegistration.SourceOrder(a.Root.Syntax, b.Root.Syntax));
        return new ClientRegistrations(registrations.ToImmutableArray(), typedClients, unseenNamed, factoryOptions);
    }

    /// <summary>Reads a typed client class: its <c>BaseAddress</c> assignments and constructor <c>DefaultRequestHeaders</c> changes.</summary>
    private static TypedClientFacts TypedFacts(Compilation compilation, INamedTypeSymbol type, INamedTypeSymbol httpClient, CancellationToken cancellationToken)
    {
        ISimpleAssignmentOperation? constructorBaseAddress = null;
        var setsBaseAddress = false;
        var constructorHeaders = false;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax(cancellationToken);
            SemanticModel? model = null;
            foreach (var node in declaration.DescendantNodes())
            {
                IOperation? operation;
                switch (node)
                {
                    case AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "BaseAddress" } } assignment:
                        model ??= CrossFileIndex.SemanticModelFor(compilation, declaration.SyntaxTree);
                        operation = model.GetOperation(assignment, cancellationToken);
                        if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } simple && target.Property.ContainingType.Is(httpClient))
                        {
                            setsBaseAddress = true;
                            if (InConstructor(node))
                            {
                                constructorBaseAddress = simple;
                            }
                        }

                        break;
                    case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "DefaultRequestHeaders" } access when InConstructor(node):
                        model ??= CrossFileIndex.SemanticModelFor(compilation, declaration.SyntaxTree);
                        operation = model.GetOperation(access, cancellationToken);
                        constructorHeaders |= operation is IPropertyReferenceOperation headers && headers.Property.ContainingType.Is(httpClient);
                        break;
                }
            }
        }

        return new TypedClientFacts(constructorBaseAddress, setsBaseAddress, constructorHeaders);
    }

    private static bool InConstructor(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case ConstructorDeclarationSyntax:
                    return true;
                case BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or TypeDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    /// <summary>Follows a builder value forward to the calls made on it.</summary>
    private sealed class Walker
    {
        private const int MaxDepth = 16;
        private readonly KnownTypes _types;
        private readonly INamedTypeSymbol _httpClient;
        private readonly ClientRegistration _registration;

        public Walker(KnownTypes types, INamedTypeSymbol httpClient, ClientRegistration registration)
        {
            _types = types;
            _httpClient = httpClient;
            _registration = registration;
        }

        /// <summary>The builder calls made on the parameter of <c>ConfigureHttpClientDefaults(b => …)</c>.</summary>
        public void FollowDefaults(IInvocationOperation call)
        {
            foreach (var argument in call.Arguments)
            {
                var value = argument.Value.WalkDownConversions();
                if (value is IDelegateCreationOperation creation)
                {
                    value = creation.Target;
                }

                if (value is IAnonymousFunctionOperation lambda && lambda.Symbol.Parameters.Length == 1)
                {
                    var parameter = lambda.Symbol.Parameters[0];
                    foreach (var operation in OperationWalk.Below(lambda.Body))
                    {
                        if (operation is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
                        {
                            Follow(reference, 0);
                        }
                    }
                }
                else if (argument.Parameter?.Type.TypeKind == TypeKind.Delegate)
                {
                    _registration.MarkUnseen();
                }
            }
        }

        /// <summary>The configuration lambdas among the arguments of an <c>AddHttpClient</c> or <c>ConfigureHttpClient</c> call.</summary>
        public void Configurations(IInvocationOperation call)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Type is not INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { ReturnsVoid: true } invoke } ||
                    !TakesClient(invoke))
                {
                    continue;
                }

                var value = argument.Value.WalkDownConversions();
                if (value is IDelegateCreationOperation creation)
                {
                    value = creation.Target;
                }

                if (value is IAnonymousFunctionOperation lambda)
                {
                    _registration.AddConfiguration(lambda, _httpClient);
                }
                else
                {
                    _registration.MarkUnseen();
                }
            }
        }

        private bool TakesClient(IMethodSymbol invoke)
        {
            foreach (var parameter in invoke.Parameters)
            {
                if (parameter.Type.InheritsFromOrEquals(_httpClient))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Follows <paramref name="builder"/> (an <c>IHttpClientBuilder</c> value) to its consumers.</summary>
        public void Follow(IOperation builder, int depth)
        {
            if (depth > MaxDepth)
            {
                _registration.MarkUnseen();
                return;
            }

            var current = builder;
            while (true)
            {
                var parent = current.Parent;
                switch (parent)
                {
                    case IConversionOperation or IParenthesizedOperation:
                        current = parent;
                        continue;
                    case IArgumentOperation { Parent: IInvocationOperation call } argument
                        when call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 && ReferenceEquals(call.Arguments[0], argument):
                        OnCall(call);
                        if (!call.Type.IsOrImplements(_types.IHttpClientBuilder))
                        {
                            return;
                        }

                        current = call;
                        continue;
                    case IPropertyReferenceOperation or IExpressionStatementOperation or null:
                        // builder.Services / builder.Name, or the end of the chain.
                        return;
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        FollowLocal(declarator.Symbol, current, depth);
                        return;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when ReferenceEquals(assignment.Value, current):
                        FollowLocal(local.Local, current, depth);
                        return;
                    case IReturnOperation { IsImplicit: true, Parent.Parent: IAnonymousFunctionOperation }:
                        // b => b.AddX() where the lambda returns the builder: the framework ignores the result.
                        return;
                    default:
                        // Passed to a method, returned, stored in a field: configured where the model cannot follow.
                        _registration.MarkUnseen();
                        return;
                }
            }
        }

        private void FollowLocal(ILocalSymbol local, IOperation from, int depth)
        {
            foreach (var operation in OperationWalk.Below(from.GetRoot()))
            {
                if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local) &&
                    !(reference.Parent is ISimpleAssignmentOperation assignment && ReferenceEquals(assignment.Target, reference)))
                {
                    Follow(reference, depth + 1);
                }
            }
        }

        private void OnCall(IInvocationOperation call)
        {
            _registration.Add(call);
            var method = call.TargetMethod;
            if (!method.Locations.IsEmpty && method.Locations[0].IsInSource)
            {
                // An extension method of the user's: it may configure anything.
                _registration.MarkUnseen();
                return;
            }

            switch (method.Name)
            {
                case "ConfigureHttpClient":
                    Configurations(call);
                    break;
                case "RemoveAllResilienceHandlers":
                    _registration.MarkRemovesResilienceHandlers();
                    break;
                case "ConfigurePrimaryHttpMessageHandler":
                case "UseSocketsHttpHandler":
                case "ConfigureHttpMessageHandlerBuilder":
                    _registration.SetPrimaryHandler(call, method.Name == "ConfigurePrimaryHttpMessageHandler" ? CreatedHandler(call) : null);
                    break;
            }
        }

        /// <summary>The handler a <c>ConfigurePrimaryHttpMessageHandler(() => new …)</c> lambda creates, when it returns one creation.</summary>
        private static IObjectCreationOperation? CreatedHandler(IInvocationOperation call)
        {
            if (call.Arguments.Length < 2)
            {
                return null;
            }

            var value = call.Arguments[1].Value.WalkDownConversions();
            if (value is IDelegateCreationOperation creation)
            {
                value = creation.Target;
            }

            if (value is not IAnonymousFunctionOperation lambda || lambda.Symbol.ReturnsVoid)
            {
                return null;
            }

            IObjectCreationOperation? created = null;
            foreach (var operation in OperationWalk.Below(lambda.Body))
            {
                if (operation is IReturnOperation { ReturnedValue: { } returned })
                {
                    var handler = LocalValues.ResolveValue(returned.WalkDownConversions()) as IObjectCreationOperation;
                    if (handler is null || created is not null)
                    {
                        return null;
                    }

                    created = handler;
                }
            }

            return created;
        }
    }
}

/// <summary>A send through a factory client: the client it goes through and the send call.</summary>
internal readonly struct ClientUse
{
    public ClientUse(ClientKey key, IInvocationOperation send)
    {
        Key = key;
        Send = send;
    }

    public ClientKey Key { get; }

    /// <summary>The <c>HttpClient</c> call (<c>SendAsync</c>, <c>PostAsync</c>, <c>PostAsJsonAsync</c>, …).</summary>
    public IInvocationOperation Send { get; }
}

/// <summary>
/// The uses of the registered clients: the sends made in the registered typed client classes, and through
/// <c>IHttpClientFactory.CreateClient("name")</c> (constant names; <c>CreateClient()</c> is the unnamed default client).
/// A lazily built <see cref="CrossFileIndex{T}"/> on top of <see cref="ClientRegistrations"/>.
/// </summary>
internal sealed class ClientUses
{
    private static readonly Func<Compilation, CancellationToken, ClientUses> BuildIndex = Build;

    private ClientUses(ImmutableArray<ClientUse> all) => All = all;

    /// <summary>Every send whose client is known, in no particular order.</summary>
    public ImmutableArray<ClientUse> All { get; }

    public static ClientUses Get(Compilation compilation, CancellationToken cancellationToken)
        => CrossFileIndex<ClientUses>.Get(compilation, BuildIndex, cancellationToken);

    /// <summary>The names <see cref="IsSendName"/> accepts (change both together), for the file filters (<see cref="FileWords"/>) of the rules about sends.</summary>
    public static readonly string[] SendNames =
    {
        "Send", "SendAsync", "PostAsync", "PatchAsync", "PutAsync", "DeleteAsync", "GetAsync", "GetStringAsync", "GetByteArrayAsync", "GetStreamAsync",
        "PostAsJsonAsync", "PatchAsJsonAsync", "PutAsJsonAsync", "GetFromJsonAsync", "DeleteFromJsonAsync",
    };

    /// <summary>Cheap name filter for an <c>HttpClient</c> send (<c>SendAsync</c>, <c>GetAsync</c>, <c>PostAsJsonAsync</c>, …).</summary>
    public static bool IsSendName(string name)
    {
        switch (name)
        {
            case "Send":
            case "SendAsync":
            case "PostAsync":
            case "PatchAsync":
            case "PutAsync":
            case "DeleteAsync":
            case "GetAsync":
            case "GetStringAsync":
            case "GetByteArrayAsync":
            case "GetStreamAsync":
            case "PostAsJsonAsync":
            case "PatchAsJsonAsync":
            case "PutAsJsonAsync":
            case "GetFromJsonAsync":
            case "DeleteFromJsonAsync":
                return true;
            default:
                return false;
        }
    }

    /// <summary>The client value of an <c>HttpClient</c> send (the receiver, or the first argument of an <c>HttpClientJsonExtensions</c> call), or null when the call is not a send.</summary>
    public static IOperation? ClientOfSend(IInvocationOperation invocation, KnownTypes types)
    {
        var method = invocation.TargetMethod;
        if (!IsSendName(method.Name))
        {
            return null;
        }

        var containing = (method.ReducedFrom ?? method).ContainingType?.OriginalDefinition;
        if (containing is null ||
            !(containing.Is(types.HttpClient) || containing.Is(types.HttpMessageInvoker) || containing.Is(types.HttpClientJsonExtensions)))
        {
            return null;
        }

        var client = invocation.GetReceiverOrThisArgument();
        return client?.Type is not null && client.Type.InheritsFromOrEquals(types.HttpClient) ? client : null;
    }

    private static ClientUses Build(Compilation compilation, CancellationToken cancellationToken)
    {
        var types = KnownTypes.Get(compilation);
        var registrations = ClientRegistrations.Get(compilation, cancellationToken);
        var typedTrees = new HashSet<SyntaxTree>();
        foreach (var registration in registrations.All)
        {
            if (registration.Key.Kind == ClientKind.Typed)
            {
                foreach (var reference in registration.Key.Type!.DeclaringSyntaxReferences)
                {
                    typedTrees.Add(reference.SyntaxTree);
                }
            }
        }

        var uses = ImmutableArray.CreateBuilder<ClientUse>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!typedTrees.Contains(tree) && !CrossFileIndex.MayMention(tree, "CreateClient", cancellationToken))
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax invocation || !IsSendSyntax(invocation))
                {
                    continue;
                }

                model ??= CrossFileIndex.SemanticModelFor(compilation, tree);
                if (model.GetOperation(invocation, cancellationToken) is IInvocationOperation send && ClientOfSend(send, types) is { } client &&
                    ClientRegistrations.KeyOfClient(client, types) is { } key)
                {
                    uses.Add(new ClientUse(key, send));
                }
            }
        }

        return new ClientUses(uses.ToImmutable());
    }

    private static bool IsSendSyntax(InvocationExpressionSyntax invocation)
    {
        var expression = invocation.Expression;
        var name = expression switch
        {
            MemberAccessExpressionSyntax member => member.Name,
            MemberBindingExpressionSyntax binding => binding.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };

        return name is not null && IsSendName(name.Identifier.ValueText);
    }
}
