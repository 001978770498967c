using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Client;

/// <summary>How long an <c>HttpClient</c> or handler created at one place lives.</summary>
internal enum InstanceLifetime
{
    /// <summary>Cannot be told (a factory method, a constructor of a class whose lifetime is not visible, …).</summary>
    Unknown,

    /// <summary>Created per call or per request: a local disposed in its method; a method, field initializer or constructor of a controller or page model; a minimal-API handler; a middleware's <c>Invoke</c>.</summary>
    PerOperation,

    /// <summary>Held in a static field or property (directly or through a <c>Lazy&lt;T&gt;</c>).</summary>
    Static,

    /// <summary>Created in a constructor or field initializer of a class registered as a singleton or hosted service, or in an <c>AddSingleton(sp => …)</c> registration.</summary>
    Singleton,

    /// <summary>Created in a DI registration of another lifetime (<c>AddScoped(sp => new HttpClient { … })</c>).</summary>
    Registration,

    /// <summary>Created once at startup: <c>Main</c> or top-level statements.</summary>
    Startup,
}

/// <summary>Where a client or handler is created, how long it lives and which handler it is built on.</summary>
internal sealed class ClientInstance
{
    public ClientInstance(IObjectCreationOperation creation, InstanceLifetime lifetime, string where, ISymbol? holder)
    {
        Creation = creation;
        Lifetime = lifetime;
        Where = where;
        Holder = holder;
    }

    public IObjectCreationOperation Creation { get; }

    public InstanceLifetime Lifetime { get; }

    /// <summary>For messages: "as a local of 'Fetch' and disposed there", "in static field 'Http'".</summary>
    public string Where { get; }

    /// <summary>The local, field or property that holds the instance, if any.</summary>
    public ISymbol? Holder { get; }
}

/// <summary>
/// The HttpClient instance model: for a <c>new HttpClient(…)</c>, <c>new HttpClientHandler()</c> or <c>new SocketsHttpHandler()</c>,
/// its <see cref="InstanceLifetime"/>, its holder, and the handler it is built on. Per-request classes come from the
/// shared endpoint model; singleton registrations from the lazily built <see cref="ServiceLifetimes"/> index.
/// </summary>
internal sealed class ClientInstances
{
    private readonly KnownTypes _types;
    private readonly Endpoints? _endpoints;

    public ClientInstances(KnownTypes types)
    {
        _types = types;
        _endpoints = Endpoints.Create(types);
    }

    /// <summary>The handler argument of an <c>HttpClient</c> creation and its creation (in place, or a local's one value), if visible.</summary>
    public static IObjectCreationOperation? HandlerCreation(IObjectCreationOperation client, out IOperation? handler)
    {
        handler = client.GetArgument("handler")?.Value.WalkDownConversions();
        return handler switch
        {
            IObjectCreationOperation creation => creation,
            ILocalReferenceOperation local => LocalValues.GetSingleValue(local)?.WalkDownConversions() as IObjectCreationOperation,
            _ => null,
        };
    }

    /// <summary><c>new HttpClient(handler, disposeHandler: false)</c>: the handler is shared and outlives the client.</summary>
    public static bool SharesHandler(IObjectCreationOperation client)
        => client.GetArgument("disposeHandler")?.Value.ConstantValue is { HasValue: true, Value: false };

    /// <summary>The lifetime of the instance created by <paramref name="creation"/>, analysed in <paramref name="containingSymbol"/>.</summary>
    public ClientInstance Classify(IObjectCreationOperation creation, ISymbol containingSymbol, Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        var (holderOperation, holder) = Holder(creation);

        // Static holders: a static field or property, directly or through Lazy<T>.
        if (holder is IFieldSymbol { IsStatic: true } or IPropertySymbol { IsStatic: true })
        {
            return new ClientInstance(creation, InstanceLifetime.Static, "in static " + (holder is IFieldSymbol ? "field" : "property") + " '" + holder.Name + "'", holder);
        }

        // DI registrations: AddSingleton(sp => new HttpClient(…)), AddScoped(…), AddSingleton(new HttpClient(…)).
        if (Registration(holderOperation) is { } registration)
        {
            return registration.TargetMethod.Name.EndsWith("Singleton", System.StringComparison.Ordinal)
                ? new ClientInstance(creation, InstanceLifetime.Singleton, "in an " + registration.TargetMethod.Name + " registration", holder)
                : new ClientInstance(creation, InstanceLifetime.Registration, "in an " + registration.TargetMethod.Name + " registration", holder);
        }

        var function = creation.GetEnclosingFunction();
        var method = function is null ? containingSymbol as IMethodSymbol : null;
        var type = containingSymbol as INamedTypeSymbol ?? containingSymbol.ContainingType;

        // Instance field initializers and constructors: per request in controllers and page models, once in singletons.
        var inInitializer = function is null && (containingSymbol is IFieldSymbol { IsStatic: false } or IPropertySymbol { IsStatic: false } ||
                                                 creation.Syntax.FirstAncestorOrSelf<EqualsValueClauseSyntax>()?.Parent is VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } or PropertyDeclarationSyntax);
        if (holder is not ILocalSymbol &&
            (method is { MethodKind: MethodKind.StaticConstructor } || (function is null && containingSymbol is IFieldSymbol { IsStatic: true } or IPropertySymbol { IsStatic: true })))
        {
            return new ClientInstance(creation, InstanceLifetime.Static, "in a static initializer of '" + type?.Name + "'", holder);
        }

        if (inInitializer || method is { MethodKind: MethodKind.Constructor })
        {
            var what = inInitializer ? "by a field initializer of '" : "in a constructor of '";
            if (IsPerRequestClass(type))
            {
                return new ClientInstance(creation, InstanceLifetime.PerOperation, what + type!.Name + "', which is created per request", holder);
            }

            var singleton = type is null ? null : ServiceLifetimes.Get(compilation, cancellationToken).SingletonRegistration(type);
            return singleton is not null
                ? new ClientInstance(creation, InstanceLifetime.Singleton, what + type!.Name + "', registered with " + singleton, holder)
                : new ClientInstance(creation, InstanceLifetime.Unknown, string.Empty, holder);
        }

        // Code that runs per request: minimal-API handlers, actions, page handlers, middleware.
        if (_endpoints is not null && _endpoints.Find(creation, containingSymbol) is { } endpoint)
        {
            switch (endpoint.Kind)
            {
                case EndpointKind.MinimalApi:
                    return new ClientInstance(creation, InstanceLifetime.PerOperation, "in a minimal-API handler, which runs per request", holder);
                case EndpointKind.Action or EndpointKind.PageHandler:
                    return new ClientInstance(creation, InstanceLifetime.PerOperation, "in '" + endpoint.Handler?.Name + "' of '" + type?.Name + "', which is created per request", holder);
            }
        }

        var enclosingMethod = containingSymbol as IMethodSymbol;
        if (enclosingMethod is not null && IsPerRequestClass(type) && function is null)
        {
            return new ClientInstance(creation, InstanceLifetime.PerOperation, "in '" + enclosingMethod.Name + "' of '" + type!.Name + "', which is created per request", holder);
        }

        if (enclosingMethod is not null && IsMiddlewareInvoke(enclosingMethod))
        {
            return new ClientInstance(creation, InstanceLifetime.PerOperation, "in '" + enclosingMethod.Name + "' of middleware '" + type?.Name + "', which runs per request", holder);
        }

        var isStartup = enclosingMethod is not null && (enclosingMethod.Name == "<Main>$" || (enclosingMethod.Name == "Main" && enclosingMethod.IsStatic));
        if (isStartup && function is null)
        {
            return new ClientInstance(creation, InstanceLifetime.Startup, "at startup", holder);
        }

        // A local disposed in the method that creates it.
        if (holder is ILocalSymbol local && !isStartup && enclosingMethod is { MethodKind: MethodKind.Ordinary or MethodKind.LocalFunction or MethodKind.AnonymousFunction } or { MethodKind: MethodKind.PropertyGet } &&
            IsDisposedLocal(creation, local))
        {
            var name = function is ILocalFunctionOperation localFunction ? localFunction.Symbol.Name : function is null ? enclosingMethod.Name : null;
            return new ClientInstance(creation, InstanceLifetime.PerOperation, name is null ? "as a local of a lambda and disposed there" : "as a local of '" + name + "' and disposed there", holder);
        }

        return new ClientInstance(creation, InstanceLifetime.Unknown, string.Empty, holder);
    }

    private bool IsPerRequestClass(INamedTypeSymbol? type)
        => type is not null && _endpoints is not null && (_endpoints.IsController(type) || type.InheritsFromOrEquals(_types.PageModel));

    /// <summary>A middleware's <c>Invoke</c>/<c>InvokeAsync(HttpContext, …)</c>: conventional middleware or <c>IMiddleware</c>.</summary>
    private bool IsMiddlewareInvoke(IMethodSymbol method)
        => method is { IsStatic: false, Name: "Invoke" or "InvokeAsync", Parameters.Length: > 0 } && _types.HttpContext is not null &&
           method.Parameters[0].Type.Is(_types.HttpContext);

    /// <summary>The operation whose value is the instance (after conversions) and the symbol that holds it.</summary>
    private (IOperation Value, ISymbol? Holder) Holder(IOperation creation)
    {
        var current = creation;
        for (var depth = 0; depth < 8; depth++)
        {
            var parent = current.Parent;
            switch (parent)
            {
                case IConversionOperation or IParenthesizedOperation:
                    current = parent;
                    continue;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return (current, declarator.Symbol);
                case IFieldInitializerOperation { InitializedFields.Length: 1 } field:
                    return (current, field.InitializedFields[0]);
                case IPropertyInitializerOperation { InitializedProperties.Length: 1 } property:
                    return (current, property.InitializedProperties[0]);
                case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, current):
                    return (current, assignment.Target switch
                    {
                        ILocalReferenceOperation local => local.Local,
                        IFieldReferenceOperation field => field.Field,
                        IPropertyReferenceOperation property => property.Property,
                        _ => null,
                    });
                case IReturnOperation { Parent: { } block } when (block as IAnonymousFunctionOperation ?? block.Parent as IAnonymousFunctionOperation) is { } lambda:
                    // () => new HttpClient() passed to new Lazy<HttpClient>(…): the Lazy's holder holds it.
                    var lambdaParent = lambda.Parent is IDelegateCreationOperation ? lambda.Parent.Parent : lambda.Parent;
                    if (lambdaParent is IArgumentOperation { Parent: IObjectCreationOperation lazy } && lazy.Type?.OriginalDefinition is { } lazyType && lazyType.Is(_types.LazyOfT))
                    {
                        current = lazy;
                        continue;
                    }

                    return (current, null);
                default:
                    return (current, null);
            }
        }

        return (current, null);
    }

    /// <summary>The DI registration whose factory lambda returns the instance, or which receives it as the instance.</summary>
    private IInvocationOperation? Registration(IOperation value)
    {
        var current = value.Parent;
        if (current is IReturnOperation)
        {
            for (current = current.Parent; current is not null and not IAnonymousFunctionOperation; current = current.Parent)
            {
            }

            if (current is IAnonymousFunctionOperation lambda)
            {
                current = lambda.Parent is IDelegateCreationOperation ? lambda.Parent.Parent : lambda.Parent;
            }
        }

        if (current is IArgumentOperation { Parent: IInvocationOperation call })
        {
            var method = call.TargetMethod;
            var containing = (method.ReducedFrom ?? method).ContainingType;
            if ((containing.Is(_types.ServiceCollectionServiceExtensions) || containing.Is(_types.ServiceCollectionDescriptorExtensions)) &&
                method.Name.StartsWith(method.Name.StartsWith("Try", System.StringComparison.Ordinal) ? "TryAdd" : "Add", System.StringComparison.Ordinal))
            {
                return call;
            }
        }

        return null;
    }

    /// <summary>A local disposed in its own body: a <c>using</c> declaration or statement, or a <c>Dispose()</c> call on it.</summary>
    private static bool IsDisposedLocal(IOperation creation, ILocalSymbol local)
    {
        if (local.DeclaringSyntaxReferences.Length == 1)
        {
            var declarator = local.DeclaringSyntaxReferences[0].GetSyntax();
            if (declarator.Parent?.Parent is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: not 0 } || declarator.Parent?.Parent is UsingStatementSyntax)
            {
                return true;
            }
        }

        foreach (var operation in OperationWalk.Below(creation.GetRoot()))
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "Dispose", Instance: ILocalReferenceOperation reference } &&
                SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                return true;
            }

            if (operation is IUsingOperation { Resources: ILocalReferenceOperation resource } && SymbolEqualityComparer.Default.Equals(resource.Local, local))
            {
                return true;
            }
        }

        return false;
    }
}
