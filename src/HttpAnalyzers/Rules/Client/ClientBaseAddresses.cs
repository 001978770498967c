using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Client;

/// <summary>What is known of a client's <c>BaseAddress</c>.</summary>
internal enum BaseAddressState
{
    /// <summary>The client's configuration cannot all be seen.</summary>
    Unknown,

    /// <summary>Every place that configures the client is visible and none sets <c>BaseAddress</c>.</summary>
    NotSet,

    /// <summary><c>BaseAddress</c> is assigned somewhere (its value may or may not be known).</summary>
    Set,
}

/// <summary>The <c>BaseAddress</c> of the client a send goes through.</summary>
internal readonly struct ClientBaseAddress
{
    public ClientBaseAddress(BaseAddressState state, IOperation? value, string client)
    {
        State = state;
        Value = value;
        Client = client;
    }

    public BaseAddressState State { get; }

    /// <summary>The one value assigned to <c>BaseAddress</c>, when exactly one assignment is visible.</summary>
    public IOperation? Value { get; }

    /// <summary>The client, for messages: "'client'", "typed client 'OrdersClient'", "named client 'github'".</summary>
    public string Client { get; }

    public static ClientBaseAddress Unknown => new(BaseAddressState.Unknown, null, string.Empty);
}

/// <summary>
/// Where a client's <c>BaseAddress</c> comes from: a client created with <c>new HttpClient(…)</c> and held in a local,
/// field or property (its object initializer and every assignment to that variable's <c>BaseAddress</c>), or a typed or
/// named factory client (its registrations in <see cref="ClientRegistrations"/> and the typed client's own class).
/// Facts about a field or property are gathered across the files that mention it, once per member, in a lazily
/// built <see cref="CrossFileIndex{T}"/>.
/// </summary>
internal sealed class ClientBaseAddresses
{
    private static readonly Func<Compilation, CancellationToken, ClientBaseAddresses> BuildIndex = static (compilation, _) => new ClientBaseAddresses(compilation);

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<ISymbol, HolderFacts> _members = new(SymbolEqualityComparer.Default);

    private ClientBaseAddresses(Compilation compilation) => _compilation = compilation;

    /// <summary>The <c>BaseAddress</c> of the client <paramref name="client"/> (the receiver of a send).</summary>
    public static ClientBaseAddress Of(IOperation client, KnownTypes types, Compilation compilation, CancellationToken cancellationToken)
    {
        client = client.WalkDownConversions();
        switch (client)
        {
            case IInvocationOperation create:
                return OfFactoryClient(ClientRegistrations.KeyOfCreateClient(create, types), compilation, cancellationToken);
            case IParameterReferenceOperation:
                return OfFactoryClient(ClientRegistrations.KeyOfClient(client, types), compilation, cancellationToken);
            case ILocalReferenceOperation local:
                return OfHolder(client, HolderFacts.OfLocal(local, types), "'" + local.Local.Name + "'", types, compilation, cancellationToken);
            case IFieldReferenceOperation or IPropertyReferenceOperation:
                var member = client is IFieldReferenceOperation field ? (ISymbol)field.Field.OriginalDefinition : ((IPropertyReferenceOperation)client).Property.OriginalDefinition;
                if (member.DeclaringSyntaxReferences.IsEmpty || member is IPropertySymbol { IsIndexer: true })
                {
                    return ClientBaseAddress.Unknown;
                }

                var index = CrossFileIndex<ClientBaseAddresses>.Get(compilation, BuildIndex, cancellationToken);
                var facts = index._members.GetOrAdd(member, m => HolderFacts.OfMember(m, index._compilation, types, cancellationToken));
                return OfHolder(client, facts, "'" + member.Name + "'", types, compilation, cancellationToken);
            default:
                return ClientBaseAddress.Unknown;
        }
    }

    private static ClientBaseAddress OfHolder(IOperation client, HolderFacts facts, string name, KnownTypes types, Compilation compilation, CancellationToken cancellationToken)
    {
        if (facts.Escapes)
        {
            return ClientBaseAddress.Unknown;
        }

        if (facts.Values.IsEmpty || (facts.Values.Length == 1 && facts.Values[0].WalkDownConversions() is IInvocationOperation or IParameterReferenceOperation))
        {
            // Given by the factory or by DI: a typed client's field, or CreateClient("name") kept in a variable.
            return OfFactoryClient(ClientRegistrations.KeyOfClient(client, types), compilation, cancellationToken);
        }

        var assignments = new List<IOperation>(facts.BaseAddresses);
        foreach (var value in facts.Values)
        {
            if (value.WalkDownConversions() is not IObjectCreationOperation creation || !SymbolEqualityComparer.Default.Equals(creation.Type, types.HttpClient))
            {
                return ClientBaseAddress.Unknown;
            }

            if (creation.Initializer is { } initializer)
            {
                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "BaseAddress" } } assignment)
                    {
                        assignments.Add(assignment.Value);
                    }
                }
            }
        }

        return Result(assignments, facts.BaseAddresses.Length > 0 || assignments.Count > 0, name);
    }

    private static ClientBaseAddress Result(List<IOperation> values, bool set, string client)
        => new(set ? BaseAddressState.Set : BaseAddressState.NotSet, values.Count == 1 ? values[0] : null, client);

    private static ClientBaseAddress OfFactoryClient(ClientKey? key, Compilation compilation, CancellationToken cancellationToken)
    {
        if (key is not { } client || client.Kind == ClientKind.Defaults || (client.Kind == ClientKind.Named && client.Name!.Length == 0))
        {
            return ClientBaseAddress.Unknown;
        }

        var registrations = ClientRegistrations.Get(compilation, cancellationToken);
        if (registrations.FactoryOptionsConfigured || (client.Kind == ClientKind.Named && registrations.HasUnseenNamedRegistration))
        {
            return ClientBaseAddress.Unknown;
        }

        var configuring = registrations.Configuring(client);
        var own = false;
        var values = new List<IOperation>();
        var valueUnknown = false;
        foreach (var registration in configuring)
        {
            if (registration.HasUnseenConfiguration)
            {
                return ClientBaseAddress.Unknown;
            }

            own |= registration.Key.Kind != ClientKind.Defaults;
            if (registration.BaseAddress is { } value)
            {
                values.Add(value);
            }
        }

        if (!own)
        {
            return ClientBaseAddress.Unknown;
        }

        if (client.Kind == ClientKind.Typed)
        {
            var typed = registrations.TypedClient(client.Type);
            if (typed.ConstructorBaseAddress is { } assignment)
            {
                values.Add(assignment.Value);
            }
            else if (typed.SetsBaseAddress)
            {
                // Assigned in a method of the class: set, with a value the model does not pick.
                valueUnknown = true;
            }
        }

        var set = values.Count > 0 || valueUnknown;
        return new ClientBaseAddress(set ? BaseAddressState.Set : BaseAddressState.NotSet, !valueUnknown && values.Count == 1 ? values[0] : null, client.Describe());
    }

    /// <summary>The values a local, field or property holding a client is given, and the <c>BaseAddress</c> assignments made through it.</summary>
    private sealed class HolderFacts
    {
        private static readonly HolderFacts Escaped = new(ImmutableArray<IOperation>.Empty, ImmutableArray<IOperation>.Empty, escapes: true);

        private HolderFacts(ImmutableArray<IOperation> values, ImmutableArray<IOperation> baseAddresses, bool escapes)
        {
            Values = values;
            BaseAddresses = baseAddresses;
            Escapes = escapes;
        }

        /// <summary>The values assigned to the variable (initializer included).</summary>
        public ImmutableArray<IOperation> Values { get; }

        /// <summary>The values assigned to <c>variable.BaseAddress</c>.</summary>
        public ImmutableArray<IOperation> BaseAddresses { get; }

        /// <summary>The client is handed on (passed, returned, aliased): it may be configured where the model cannot see.</summary>
        public bool Escapes { get; }

        public static HolderFacts OfLocal(ILocalReferenceOperation reference, KnownTypes types)
        {
            var value = LocalValues.GetSingleValue(reference);
            if (value is null)
            {
                return Escaped;
            }

            var collector = new Collector(types);
            collector.Values.Add(value);
            foreach (var operation in OperationWalk.Below(reference.GetRoot()))
            {
                if (operation is ILocalReferenceOperation other && SymbolEqualityComparer.Default.Equals(other.Local, reference.Local))
                {
                    collector.Use(other, valuesCounted: true);
                }
            }

            return collector.ToFacts();
        }

        public static HolderFacts OfMember(ISymbol member, Compilation compilation, KnownTypes types, CancellationToken cancellationToken)
        {
            var collector = new Collector(types);
            var trees = new HashSet<SyntaxTree>();
            if (member.DeclaredAccessibility == Accessibility.Private)
            {
                foreach (var reference in member.ContainingType.DeclaringSyntaxReferences)
                {
                    trees.Add(reference.SyntaxTree);
                }
            }
            else
            {
                foreach (var tree in compilation.SyntaxTrees)
                {
                    if (CrossFileIndex.MayMention(tree, member.Name, cancellationToken))
                    {
                        trees.Add(tree);
                    }
                }
            }

            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                var initializer = reference.GetSyntax(cancellationToken) switch
                {
                    VariableDeclaratorSyntax declarator => declarator.Initializer,
                    PropertyDeclarationSyntax property => property.Initializer,
                    _ => null,
                };
                if (initializer is not null &&
                    CrossFileIndex.SemanticModelFor(compilation, initializer.SyntaxTree).GetOperation(initializer, cancellationToken) is ISymbolInitializerOperation init)
                {
                    collector.Values.Add(init.Value);
                }
            }

            foreach (var tree in trees)
            {
                SemanticModel? model = null;
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    if (node is not IdentifierNameSyntax identifier || !string.Equals(identifier.Identifier.ValueText, member.Name, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var bound = node.Parent is MemberAccessExpressionSyntax access && access.Name == node ? access : node;
                    model ??= CrossFileIndex.SemanticModelFor(compilation, tree);
                    var operation = model.GetOperation(bound, cancellationToken);
                    var symbol = operation switch
                    {
                        IFieldReferenceOperation field => (ISymbol)field.Field.OriginalDefinition,
                        IPropertyReferenceOperation property => property.Property.OriginalDefinition,
                        _ => null,
                    };
                    if (symbol is not null && SymbolEqualityComparer.Default.Equals(symbol, member))
                    {
                        collector.Use(operation!, valuesCounted: false);
                    }
                }
            }

            return collector.ToFacts();
        }

        private sealed class Collector
        {
            private readonly KnownTypes _types;

            public Collector(KnownTypes types) => _types = types;

            public List<IOperation> Values { get; } = new();

            private List<IOperation> BaseAddresses { get; } = new();

            private bool Escapes { get; set; }

            public void Use(IOperation reference, bool valuesCounted)
            {
                var parent = reference.Parent;
                switch (parent)
                {
                    case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Target, reference):
                        if (!valuesCounted)
                        {
                            Values.Add(assignment.Value);
                        }

                        return;
                    case IPropertyReferenceOperation { Property.Name: "BaseAddress" } property when ReferenceEquals(property.Instance, reference):
                        if (property.Parent is ISimpleAssignmentOperation set && ReferenceEquals(set.Target, property))
                        {
                            BaseAddresses.Add(set.Value);
                        }
                        else if (property.Parent is ICompoundAssignmentOperation or ICoalesceAssignmentOperation)
                        {
                            Escapes = true;
                        }

                        return;
                    case IPropertyReferenceOperation property when ReferenceEquals(property.Instance, reference):
                    case IInvocationOperation call when ReferenceEquals(call.Instance, reference):
                    case IConditionalAccessOperation access when ReferenceEquals(access.Operation, reference):
                        return;
                    case IArgumentOperation { Parent: IInvocationOperation call } argument
                        when call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 && ReferenceEquals(call.Arguments[0], argument) &&
                             call.TargetMethod.IsMethod(_types.HttpClientJsonExtensions, call.TargetMethod.Name):
                        return;
                    case IUsingOperation or IUsingDeclarationOperation or IVariableInitializerOperation:
                        return;
                    default:
                        Escapes = true;
                        return;
                }
            }

            public HolderFacts ToFacts() => Escapes ? Escaped : new HolderFacts(Values.ToImmutableArray(), BaseAddresses.ToImmutableArray(), escapes: false);
        }
    }
}
