using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Client;

/// <summary>
/// How long clients live: HTTP0043 (an <c>HttpClient</c> or handler created per operation) and HTTP0047 (a client that lives
/// as long as the process on a handler whose <c>PooledConnectionLifetime</c> is never set). Both read the
/// <see cref="ClientInstances"/> model; the two fixes never chase each other (HTTP0043's hoisted client is built on a
/// <c>SocketsHttpHandler</c> with <c>PooledConnectionLifetime</c>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ClientLifetimeAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableDictionary<string, string?> HoistFix = ClientFixData.Properties(ClientFixData.Hoist);
    private static readonly ImmutableDictionary<string, string?> AddHandlerFix = ClientFixData.Properties(ClientFixData.AddHandler);
    private static readonly ImmutableDictionary<string, string?> ReplaceHandlerFix = ClientFixData.Properties(ClientFixData.ReplaceHandler);
    private static readonly ImmutableDictionary<string, string?> SetLifetimeFix = ClientFixData.Properties(ClientFixData.SetLifetime);

    /// <summary>
    /// The words of a file that can hold a finding: a created client or handler names its type (in the creation, or in the
    /// declaration a target-typed <c>new()</c> takes it from), and a factory client is made by <c>CreateClient</c>.
    /// </summary>
    private static readonly FileWords Files = new("HttpClient", "HttpClientHandler", "SocketsHttpHandler", "CreateClient");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.HttpClientPerOperation, Descriptors.LongLivedClientNoPooledConnectionLifetime);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var types = KnownTypes.Get(start.Compilation);
            if (types.HttpClient is null || types.HttpMessageHandler is null)
            {
                return;
            }

            var analysis = new Analysis(types, longRunning: types.HttpContext is not null || types.IHostedService is not null);
            // Only the types of files that name a client or handler type, or call CreateClient, have the actions.
            start.RegisterForTypes(Files.AnyDeclaration, type =>
            {
                type.RegisterOperationAction(analysis.AnalyzeCreation, OperationKind.ObjectCreation);
                if (analysis.LongRunning)
                {
                    type.RegisterOperationAction(analysis.AnalyzeCreateClient, OperationKind.Invocation);
                }
            });
        });
    }

    private sealed class Analysis
    {
        private readonly KnownTypes _types;
        private readonly ClientInstances _instances;

        public Analysis(KnownTypes types, bool longRunning)
        {
            _types = types;
            _instances = new ClientInstances(types);
            LongRunning = longRunning;
        }

        /// <summary>The compilation references ASP.NET Core or Microsoft.Extensions.Hosting: HTTP0047 applies.</summary>
        public bool LongRunning { get; }

        public void AnalyzeCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            var type = creation.Type;

            // The name first: most creations are of other types, and a name test is cheaper than three symbol comparisons.
            if (type?.Name is not ("HttpClient" or "HttpClientHandler" or "SocketsHttpHandler"))
            {
                return;
            }

            if (type.Is(_types.HttpClient))
            {
                AnalyzeClient(context, creation);
            }
            else if (type.Is(_types.HttpClientHandler) || type.Is(_types.SocketsHttpHandler))
            {
                AnalyzeHandler(context, creation);
            }
        }

        private void AnalyzeClient(OperationAnalysisContext context, IObjectCreationOperation creation)
        {
            var handlerCreation = ClientInstances.HandlerCreation(creation, out var handler);
            var shared = ClientInstances.SharesHandler(creation);
            var instance = _instances.Classify(creation, context.ContainingSymbol, context.Compilation, context.CancellationToken);
            switch (instance.Lifetime)
            {
                case InstanceLifetime.PerOperation:
                    if (shared && handlerCreation is null && handler is not null)
                    {
                        return; // built on a shared handler that outlives it
                    }

                    var hoist = HoistTarget(creation, instance);
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.HttpClientPerOperation,
                        creation.Syntax.GetLocation(),
                        hoist.IsDefaultOrEmpty ? null : hoist,
                        hoist.IsDefaultOrEmpty ? null : HoistFix,
                        "HttpClient",
                        instance.Where));
                    return;
                case InstanceLifetime.Static or InstanceLifetime.Singleton when LongRunning:
                    if (handler is not null && handlerCreation is null)
                    {
                        return; // a handler from elsewhere: its settings cannot be seen
                    }

                    if (handlerCreation is not null && !(handlerCreation.Type.Is(_types.HttpClientHandler) || handlerCreation.Type.Is(_types.SocketsHttpHandler)))
                    {
                        return;
                    }

                    if (handlerCreation is not null && handlerCreation.Type.Is(_types.SocketsHttpHandler) && SetsPooledConnectionLifetime(handlerCreation, handler))
                    {
                        return;
                    }

                    var reason = handlerCreation is null
                        ? "is built on the default HttpClientHandler"
                        : handlerCreation.Type.Is(_types.SocketsHttpHandler)
                            ? "its SocketsHttpHandler never sets PooledConnectionLifetime"
                            : "its HttpClientHandler cannot set PooledConnectionLifetime";
                    var target = SocketsFixTarget(creation, handlerCreation, handler, out var fix);
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.LongLivedClientNoPooledConnectionLifetime,
                        creation.Syntax.GetLocation(),
                        target is null ? null : ImmutableArray.Create(target.GetLocation()),
                        fix,
                        "HttpClient",
                        instance.Where,
                        reason));
                    return;
            }
        }

        private void AnalyzeHandler(OperationAnalysisContext context, IObjectCreationOperation creation)
        {
            // A handler passed to an HttpClient (or HttpMessageInvoker) created in the same operation: the client's diagnostic covers both.
            if (PassedToClient(creation))
            {
                return;
            }

            var instance = _instances.Classify(creation, context.ContainingSymbol, context.Compilation, context.CancellationToken);
            if (instance.Lifetime == InstanceLifetime.PerOperation)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.HttpClientPerOperation, creation.Syntax.GetLocation(), creation.Type!.Name, instance.Where));
            }
        }

        /// <summary>HTTP0047 for <c>IHttpClientFactory.CreateClient(…)</c> kept for the process, when the registration builds its own primary handler without PooledConnectionLifetime.</summary>
        public void AnalyzeCreateClient(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name != "CreateClient" || ClientRegistrations.KeyOfCreateClient(invocation, _types) is not { } key ||
                (key.Kind == ClientKind.Named && key.Name!.Length == 0))
            {
                return;
            }

            var where = LongLivedHolder(invocation, context);
            if (where is null)
            {
                return;
            }

            IObjectCreationOperation? primary = null;
            IInvocationOperation? call = null;
            foreach (var registration in ClientRegistrations.Get(context.Compilation, context.CancellationToken).Configuring(key, includeDefaults: false))
            {
                if (registration.PrimaryHandlerCall is not null)
                {
                    call = registration.PrimaryHandlerCall;
                    primary = registration.PrimaryHandlerCreation;
                }
            }

            if (call is null || primary is null || !(primary.Type.Is(_types.HttpClientHandler) || primary.Type.Is(_types.SocketsHttpHandler)) ||
                (primary.Type.Is(_types.SocketsHttpHandler) && SetsPooledConnectionLifetime(primary, null)))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.LongLivedClientNoPooledConnectionLifetime,
                invocation.NameLocation(),
                "The client from CreateClient(" + (key.Kind == ClientKind.Named ? "\"" + key.Name + "\"" : string.Empty) + ")",
                where,
                "the primary handler of its registration (" + primary.Type!.Name + ") never sets PooledConnectionLifetime"));
        }

        /// <summary>Where a CreateClient result is kept for the process: a static member, or a field of a singleton set in its constructor.</summary>
        private static string? LongLivedHolder(IInvocationOperation invocation, OperationAnalysisContext context)
        {
            IOperation current = invocation;
            while (current.Parent is IConversionOperation)
            {
                current = current.Parent;
            }

            ISymbol? holder = current.Parent switch
            {
                IFieldInitializerOperation { InitializedFields.Length: 1 } field => field.InitializedFields[0],
                IPropertyInitializerOperation { InitializedProperties.Length: 1 } property => property.InitializedProperties[0],
                ISimpleAssignmentOperation { Target: IFieldReferenceOperation field } assignment when ReferenceEquals(assignment.Value, current) => field.Field,
                ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment when ReferenceEquals(assignment.Value, current) => property.Property,
                _ => null,
            };
            if (holder is null)
            {
                return null;
            }

            if (holder.IsStatic)
            {
                return "in static " + (holder is IFieldSymbol ? "field" : "property") + " '" + holder.Name + "'";
            }

            var inConstructor = context.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } || context.ContainingSymbol is IFieldSymbol or IPropertySymbol;
            var singleton = inConstructor ? ServiceLifetimes.Get(context.Compilation, context.CancellationToken).SingletonRegistration(holder.ContainingType) : null;
            return singleton is null ? null : "in field '" + holder.Name + "' of '" + holder.ContainingType.Name + "', registered with " + singleton;
        }

        /// <summary>PooledConnectionLifetime is set on the handler: in its initializer or by an assignment to the local that holds it (any non-infinite or non-constant value).</summary>
        private bool SetsPooledConnectionLifetime(IObjectCreationOperation handler, IOperation? reference)
        {
            if (handler.Initializer is { } initializer)
            {
                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "PooledConnectionLifetime" } } assignment && !IsInfinite(assignment.Value))
                    {
                        return true;
                    }
                }
            }

            var local = reference is ILocalReferenceOperation localReference ? localReference.Local : null;
            if (local is null && handler.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                local = declarator.Symbol;
            }

            if (local is null)
            {
                return false;
            }

            foreach (var operation in OperationWalk.Below(handler.GetRoot()))
            {
                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "PooledConnectionLifetime", Instance: ILocalReferenceOperation target } } assignment &&
                    SymbolEqualityComparer.Default.Equals(target.Local, local) && !IsInfinite(assignment.Value))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>Timeout.InfiniteTimeSpan</c> (or a constant -1 ms): the default, which never recycles connections.</summary>
        private bool IsInfinite(IOperation value)
            => value.WalkDownConversions() is IFieldReferenceOperation { Field.Name: "InfiniteTimeSpan" } field && field.Field.ContainingType.Is(_types.ThreadingTimeout);

        private bool PassedToClient(IObjectCreationOperation handler)
        {
            IOperation current = handler;
            while (current.Parent is IConversionOperation)
            {
                current = current.Parent;
            }

            if (current.Parent is IArgumentOperation { Parent: IObjectCreationOperation client } && client.Type.InheritsFromOrEquals(_types.HttpMessageInvoker))
            {
                return true;
            }

            if (current.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                foreach (var operation in OperationWalk.Below(handler.GetRoot()))
                {
                    if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol) &&
                        reference.WalkUpConversions() is IArgumentOperation { Parent: IObjectCreationOperation user } && user.Type.InheritsFromOrEquals(_types.HttpMessageInvoker))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// The statement or field declaration HTTP0043's fix hoists: a <c>using var client = new HttpClient(…);</c> declaration in a
        /// method of a type, or an instance <c>readonly</c> field of a per-request class; the creation takes no handler and its
        /// initializer only sets values that do not depend on the instance or the call; the variable is never assigned,
        /// and its headers, base address and timeout are not changed after creation. Null when the hoist would not be safe.
        /// </summary>
        /// <summary>HTTP0043's fix locations: the local declaration statement then the local's uses, or the field declaration; default when no fix.</summary>
        private static ImmutableArray<Location> HoistTarget(IObjectCreationOperation creation, ClientInstance instance)
        {
            if (creation.Arguments.Length != 0 || !InitializerIsStatic(creation))
            {
                return default;
            }

            switch (instance.Holder)
            {
                case ILocalSymbol local when creation.Syntax.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax { UsingKeyword.RawKind: not 0 } statement } } } &&
                                             statement.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not null:
                    var locations = ImmutableArray.CreateBuilder<Location>();
                    locations.Add(statement.GetLocation());
                    return OnlyUsedToSend(creation.GetRoot(), local, locations) ? locations.ToImmutable() : default;
                case IFieldSymbol { IsStatic: false, IsReadOnly: true } field when creation.Syntax.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: FieldDeclarationSyntax declaration } } }:
                    return FieldOnlyUsedToSend(field, declaration) ? ImmutableArray.Create(declaration.GetLocation()) : default;
                default:
                    return default;
            }
        }

        private static bool InitializerIsStatic(IObjectCreationOperation creation)
        {
            if (creation.Initializer is null)
            {
                return true;
            }

            foreach (var operation in OperationWalk.Below(creation.Initializer))
            {
                if (operation is ILocalReferenceOperation or IParameterReferenceOperation or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } ||
                    operation is IFieldReferenceOperation { Field.IsStatic: false, Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } ||
                    operation is IPropertyReferenceOperation { Property.IsStatic: false, Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } })
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The local is only a receiver of calls and reads (no assignment, no change of its headers, base address or timeout, not handed on).</summary>
        private static bool OnlyUsedToSend(IOperation root, ILocalSymbol local, ImmutableArray<Location>.Builder uses)
        {
            foreach (var operation in OperationWalk.Below(root))
            {
                if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    if (!IsSafeUse(reference))
                    {
                        return false;
                    }

                    uses.Add(reference.Syntax.GetLocation());
                }
            }

            return true;
        }

        private static bool FieldOnlyUsedToSend(IFieldSymbol field, FieldDeclarationSyntax declaration)
        {
            if (declaration.Parent is not TypeDeclarationSyntax type || field.DeclaredAccessibility != Accessibility.Private)
            {
                return false;
            }

            // Syntax check over the class: every mention of the field is a member access whose parent is a call or a read of a non-mutable member.
            foreach (var node in type.DescendantNodes())
            {
                if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == field.Name && !ReferenceEquals(node.Parent, declaration))
                {
                    if (node.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax })
                    {
                        return false; // this._client does not compile once the field is static
                    }

                    ExpressionSyntax access = identifier;
                    if (access.Parent is not MemberAccessExpressionSyntax member || member.Expression != access ||
                        member.Parent is AssignmentExpressionSyntax ||
                        member.Name.Identifier.ValueText is "DefaultRequestHeaders" or "BaseAddress" or "Timeout" or "MaxResponseContentBufferSize" or "DefaultRequestVersion" or "DefaultVersionPolicy" or "Dispose" or "CancelPendingRequests")
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool IsSafeUse(ILocalReferenceOperation reference)
        {
            switch (reference.Parent)
            {
                case IInvocationOperation call when ReferenceEquals(call.Instance, reference):
                    return call.TargetMethod.Name is not ("Dispose" or "CancelPendingRequests");
                case IArgumentOperation { Parent: IInvocationOperation call } argument when call.TargetMethod.IsExtensionMethod && ReferenceEquals(call.Arguments[0], argument):
                    return true;
                case IPropertyReferenceOperation property when ReferenceEquals(property.Instance, reference):
                    return property.Property.Name is not ("DefaultRequestHeaders" or "BaseAddress" or "Timeout" or "MaxResponseContentBufferSize" or "DefaultRequestVersion" or "DefaultVersionPolicy");
                default:
                    return false;
            }
        }

        /// <summary>
        /// What HTTP0047's fix edits: the client creation when it has no handler, or the handler creation (in place or a
        /// local's value) when it is an empty <c>HttpClientHandler</c> or a <c>SocketsHttpHandler</c>. Null otherwise.
        /// </summary>
        private SyntaxNode? SocketsFixTarget(IObjectCreationOperation client, IObjectCreationOperation? handler, IOperation? handlerArgument, out ImmutableDictionary<string, string?>? fix)
        {
            fix = null;
            if (handler is null)
            {
                if (handlerArgument is null && client.Arguments.Length == 0)
                {
                    fix = AddHandlerFix;
                    return client.Syntax;
                }

                return null;
            }

            if (handler.Type.Is(_types.SocketsHttpHandler))
            {
                fix = handler.Arguments.Length == 0 ? SetLifetimeFix : null;
                return fix is null ? null : handler.Syntax;
            }

            if (handler.Arguments.Length == 0 && (handler.Initializer is null || handler.Initializer.Initializers.Length == 0) && handlerArgument is IObjectCreationOperation)
            {
                fix = ReplaceHandlerFix;
                return handler.Syntax;
            }

            return null;
        }
    }
}
