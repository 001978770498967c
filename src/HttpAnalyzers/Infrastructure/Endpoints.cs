using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Infrastructure;

/// <summary>What kind of handler a piece of code runs in.</summary>
internal enum EndpointKind
{
    /// <summary>An MVC action: a public instance method of a controller, not <c>[NonAction]</c>.</summary>
    Action,

    /// <summary>A Razor Pages handler (<c>OnGet</c>, <c>OnPostAsync</c>, <c>OnPostDelete</c>, …) of a <c>PageModel</c>.</summary>
    PageHandler,

    /// <summary>A lambda, local function or method group passed to <c>MapGet</c>/<c>MapPost</c>/<c>MapMethods</c>/<c>Map</c>/….</summary>
    MinimalApi,

    /// <summary>
    /// Middleware: <c>Invoke</c>/<c>InvokeAsync(HttpContext, …)</c> of a conventional middleware class or an
    /// <c>IMiddleware</c>, or a lambda passed to <c>app.Use</c>/<c>app.Run</c>/….
    /// </summary>
    Middleware,

    /// <summary>
    /// A filter: an <c>IEndpointFilter</c>, a lambda passed to <c>AddEndpointFilter</c>, or an MVC / Razor Pages filter
    /// method (<c>OnActionExecuting</c>, <c>OnActionExecutionAsync</c>, <c>OnPageHandlerExecuting</c>, …).
    /// </summary>
    Filter,

    /// <summary>Any other method or lambda (a helper): only its own attributes and body are known.</summary>
    Method,
}

/// <summary>Where the authorization of an endpoint can also come from, besides its own metadata.</summary>
internal enum EndpointScope
{
    /// <summary>Only the handler's own metadata counts.</summary>
    None,

    /// <summary>An MVC action: <c>MapControllers().RequireAuthorization()</c> and a fallback policy also count.</summary>
    Controllers,

    /// <summary>A Razor Page: <c>MapRazorPages().RequireAuthorization()</c>, page conventions and a fallback policy also count.</summary>
    Pages,

    /// <summary>A minimal-API endpoint: a fallback policy also counts.</summary>
    MinimalApi,
}

/// <summary>The endpoint context of a piece of code, as the shared locator (<see cref="Endpoints"/>) sees it.</summary>
internal sealed class EndpointInfo
{
    private readonly Endpoints _locator;
    private Metadata? _metadata;
    private int _requires; // 0: not computed yet, 1: requires, 2: does not

    internal EndpointInfo(
        Endpoints locator,
        EndpointKind kind,
        ISymbol? handler,
        IOperation? body,
        ImmutableArray<string> routeTemplates,
        ImmutableArray<string> httpMethods,
        IInvocationOperation? mapInvocation,
        AttributeData? verbAttribute,
        EndpointScope scope,
        bool ownRequires,
        bool ownAnonymous)
        : this(locator, kind, handler, body, httpMethods, mapInvocation, verbAttribute, scope)
    {
        _metadata = new Metadata(routeTemplates, ownRequires, ownAnonymous);
    }

    /// <summary>An endpoint whose route templates and own authorization metadata are read on first use (<see cref="Endpoints.ComputeMetadata"/>).</summary>
    internal EndpointInfo(
        Endpoints locator,
        EndpointKind kind,
        ISymbol? handler,
        IOperation? body,
        ImmutableArray<string> httpMethods,
        IInvocationOperation? mapInvocation,
        AttributeData? verbAttribute,
        EndpointScope scope)
    {
        _locator = locator;
        Kind = kind;
        Handler = handler;
        Body = body;
        HttpMethods = httpMethods;
        MapInvocation = mapInvocation;
        VerbAttribute = verbAttribute;
        Scope = scope;
    }

    public EndpointKind Kind { get; }

    /// <summary>The action / page handler / lambda / local function / method symbol (for <see cref="ForType"/>-made contexts, the type).</summary>
    public ISymbol? Handler { get; }

    /// <summary>The handler's body (lambda, local function or method body operation), when known.</summary>
    public IOperation? Body { get; }

    /// <summary>The route templates, prefixes included (<c>api/[controller]</c> is expanded; <c>/api</c> + <c>/token</c>).</summary>
    public ImmutableArray<string> RouteTemplates => Meta.RouteTemplates;

    /// <summary>
    /// The HTTP methods the handler answers, upper case (<c>GET</c>, <c>POST</c>): from <c>[HttpGet]</c>/<c>[AcceptVerbs]</c>,
    /// the page handler's name, or <c>MapGet</c>/<c>MapMethods</c>. Empty when any method reaches it (or it is not known).
    /// </summary>
    public ImmutableArray<string> HttpMethods { get; }

    /// <summary>For minimal APIs (and filters on them), the <c>MapGet</c>/… call.</summary>
    public IInvocationOperation? MapInvocation { get; }

    /// <summary>For MVC actions, the first verb attribute (<c>[HttpGet]</c>, <c>[AcceptVerbs]</c>), when there is one.</summary>
    public AttributeData? VerbAttribute { get; }

    /// <summary>Which app-wide conventions apply to this endpoint.</summary>
    public EndpointScope Scope { get; }

    /// <summary>For an ad-hoc helper (<see cref="EndpointKind.Method"/>) this is false unless the method itself carries <c>[Authorize]</c>.</summary>
    public bool IsKnownHandler => Kind is EndpointKind.Action or EndpointKind.PageHandler or EndpointKind.MinimalApi;

    /// <summary>
    /// Only an authenticated caller reaches the handler: <c>[Authorize]</c> / <c>RequireAuthorization()</c> somewhere in
    /// its metadata (action, controller or base class, lambda, endpoint, route group, <c>MapControllers()</c>/<c>MapRazorPages()</c>),
    /// a Razor Pages <c>AuthorizeFolder</c>/<c>AuthorizePage</c> convention, or a fallback policy that requires an
    /// authenticated user; and <c>[AllowAnonymous]</c> / <c>AllowAnonymous()</c> nowhere, since any of them skips authorization.
    /// App-wide facts come from <see cref="EndpointFacts"/>, built on first use.
    /// </summary>
    public bool RequiresAuthorization
    {
        get
        {
            var value = Volatile.Read(ref _requires);
            if (value == 0)
            {
                var metadata = Meta;
                value = _locator.ComputeRequiresAuthorization(this, metadata.OwnRequires, metadata.OwnAnonymous) ? 1 : 2;
                Volatile.Write(ref _requires, value);
            }

            return value == 1;
        }
    }

    /// <summary>The endpoint's own metadata requires authorization (before app-wide facts).</summary>
    internal bool OwnRequires => Meta.OwnRequires;

    /// <summary>The endpoint's own metadata allows anonymous callers.</summary>
    internal bool OwnAnonymous => Meta.OwnAnonymous;

    private Metadata Meta
    {
        get
        {
            var metadata = Volatile.Read(ref _metadata);
            if (metadata is null)
            {
                // Computing twice on a race is harmless: both results are equal.
                metadata = _locator.ComputeMetadata(this);
                Volatile.Write(ref _metadata, metadata);
            }

            return metadata;
        }
    }

    /// <summary>Whether <paramref name="method"/> (upper case) is one of <see cref="HttpMethods"/>.</summary>
    public bool Answers(string method)
    {
        foreach (var candidate in HttpMethods)
        {
            if (candidate == method)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The parts of an endpoint that cost a walk of its attributes or route groups, read on first use.</summary>
internal sealed class Metadata
{
    public Metadata(ImmutableArray<string> routeTemplates, bool ownRequires, bool ownAnonymous)
    {
        RouteTemplates = routeTemplates;
        OwnRequires = ownRequires;
        OwnAnonymous = ownAnonymous;
    }

    public ImmutableArray<string> RouteTemplates { get; }

    public bool OwnRequires { get; }

    public bool OwnAnonymous { get; }
}

/// <summary>
/// The shared endpoint locator: given an operation, the handler that contains it (MVC action, Razor Page handler,
/// minimal-API handler with its route group chain, middleware, filter, or a plain method), its HTTP methods and routes,
/// and whether only an authenticated caller reaches it. Facts from other files (a method group mapped in
/// <c>Program.cs</c>, <c>MapControllers().RequireAuthorization()</c>, page conventions, a fallback policy) come from
/// <see cref="EndpointFacts"/>, a lazily built per-compilation index.
/// </summary>
internal sealed class Endpoints
{
    private static readonly string[] PageVerbs = ["Get", "Post", "Put", "Delete", "Patch", "Head", "Options"];

    private readonly KnownTypes _types;
    private readonly Authorization? _authorization;
    private readonly Func<Compilation, CancellationToken, EndpointFacts> _buildFacts;
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _controllers = new(SymbolEqualityComparer.Default);
    private readonly Func<INamedTypeSymbol, bool> _isController;
    private ControllerAnswer? _lastController;

    private Endpoints(KnownTypes types, Authorization? authorization)
    {
        _types = types;
        _authorization = authorization;
        _buildFacts = BuildFacts;
        _isController = ComputeIsController;
    }

    public Authorization? Authorization => _authorization;

    internal KnownTypes Types => _types;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<KnownTypes, Endpoints> Shared = new();
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<KnownTypes, Endpoints>.CreateValueCallback CreateShared =
        static types => new Endpoints(types, Authorization.Create(types));

    /// <summary>
    /// The compilation's one locator (per <see cref="KnownTypes"/>), shared by every rule that asks, with its answers (which
    /// types are controllers); null when the compilation has no ASP.NET Core HTTP abstractions.
    /// </summary>
    public static Endpoints? Create(KnownTypes types)
        => types.HttpContext is null ? null : Shared.GetValue(types, CreateShared);

    /// <summary>
    /// Registers <paramref name="action"/> for the method bodies of controllers (see <see cref="IsController"/>) and, with
    /// <paramref name="includePageModels"/>, of Razor Pages page models: a rule about actions or page handlers then costs
    /// nothing in the other types' methods (services, clients, middleware), which an operation-block action for every
    /// method would each be called for. A symbol-start action runs in the open document as a block action does.
    /// </summary>
    public void RegisterHandlerBlockAction(CompilationStartAnalysisContext start, Action<OperationBlockAnalysisContext> action, bool includePageModels)
        => start.RegisterForTypes(
            symbol => symbol is INamedTypeSymbol type && (IsController(type) || (includePageModels && type.InheritsFromOrEquals(_types.PageModel))),
            typeStart => typeStart.RegisterOperationBlockAction(action));

    /// <summary>The app-wide endpoint facts of the compilation (built once, on first use).</summary>
    public EndpointFacts Facts(CancellationToken cancellationToken = default)
        => CrossFileIndex<EndpointFacts>.Get(_types.Compilation, _buildFacts, cancellationToken);

    private EndpointFacts BuildFacts(Compilation compilation, CancellationToken cancellationToken) => EndpointFacts.Build(this, compilation, cancellationToken);

    /// <summary>
    /// The handler that runs <paramref name="operation"/>: the nearest enclosing lambda or local function registered
    /// with a <c>Map…</c> call, <c>AddEndpointFilter</c> or <c>app.Use</c>/<c>app.Run</c>, else the containing member
    /// (an MVC action, a page handler, a filter or middleware method, a method group mapped anywhere in the
    /// compilation, or a plain method). Returns null for top-level statements outside any handler, constructors,
    /// accessors and the like.
    /// </summary>
    public EndpointInfo? Find(IOperation operation, ISymbol containingSymbol, CancellationToken cancellationToken = default)
    {
        IOperation? innermost = null;
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation lambda:
                    if (GetMapInvocation(lambda) is { } map)
                    {
                        return MinimalApi(lambda.Symbol, lambda, map);
                    }

                    if (GetEndpointFilterInvocation(lambda) is { } filter)
                    {
                        return EndpointFilter(lambda, filter);
                    }

                    if (IsMiddlewareLambda(lambda))
                    {
                        return new EndpointInfo(this, EndpointKind.Middleware, lambda.Symbol, lambda.Body, ImmutableArray<string>.Empty, ImmutableArray<string>.Empty, null, null, EndpointScope.None, false, false);
                    }

                    innermost ??= lambda;
                    break;
                case ILocalFunctionOperation localFunction:
                    if (FindMapInvocation(localFunction) is { } mapped)
                    {
                        return MinimalApi(localFunction.Symbol, localFunction, mapped);
                    }

                    innermost ??= localFunction;
                    break;
            }
        }

        if (containingSymbol is not IMethodSymbol method)
        {
            return null;
        }

        // A callback inside a handler (Response.OnStarting, a Select lambda) belongs to the handler's response.
        if (IsAction(method) || IsPageHandler(method) || IsFilterMethod(method) || IsMiddlewareMethod(method))
        {
            return ForMethod(method, operation.GetRoot(), cancellationToken);
        }

        var isTopLevel = operation.GetRoot().Syntax is CompilationUnitSyntax;

        // A method passed as a method group to a Map… call anywhere in the compilation (callbacks inside it belong to it too).
        if (!isTopLevel && FindMethodGroupRegistration(method, cancellationToken) is { } registration)
        {
            return MinimalApi(method, operation.GetRoot(), registration);
        }

        // Otherwise the nearest function is the unit of code (a lambda in Program.cs, a helper).
        if (innermost is not null)
        {
            var symbol = innermost is IAnonymousFunctionOperation anonymous ? anonymous.Symbol : ((ILocalFunctionOperation)innermost).Symbol;
            var body = innermost is IAnonymousFunctionOperation lambda ? lambda.Body : (IOperation?)((ILocalFunctionOperation)innermost).Body ?? innermost;
            return PlainMethod(symbol, body);
        }

        return isTopLevel ? null : ForMethod(method, operation.GetRoot(), cancellationToken);
    }

    /// <summary>
    /// The endpoint registered by a <c>MapGet</c>/<c>MapPost</c>/<c>MapMethods</c>/<c>Map</c>/… call (lambda, local function or
    /// method-group handler), with its group prefixes and conventions; null when the call registers no handler delegate.
    /// </summary>
    public EndpointInfo? ForMapInvocation(IInvocationOperation map)
    {
        foreach (var argument in map.Arguments)
        {
            if (!IsMapHandlerArgument(map, argument))
            {
                continue;
            }

            switch (argument.Value.WalkDownConversions())
            {
                case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }:
                    return MinimalApi(lambda.Symbol, lambda, map);
                case IDelegateCreationOperation { Target: IMethodReferenceOperation reference }:
                    return MinimalApi(reference.Method, (IOperation?)DeclaredLocalFunction(reference) ?? reference, map);
                case IAnonymousFunctionOperation lambda:
                    return MinimalApi(lambda.Symbol, lambda, map);
            }
        }

        return null;
    }

    /// <summary>
    /// The endpoint of a method declaration (action, page handler, filter, middleware, a method group mapped in the
    /// compilation, or a plain method); <paramref name="body"/> may be null.
    /// </summary>
    public EndpointInfo? ForMethod(IMethodSymbol method, IOperation? body, CancellationToken cancellationToken = default)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.IsImplicitlyDeclared)
        {
            return null;
        }

        if (IsActionEndpoint(method))
        {
            var verbs = ActionVerbs(method, out var verbAttribute);
            return new EndpointInfo(this, EndpointKind.Action, method, body, verbs, null, verbAttribute, EndpointScope.Controllers);
        }

        if (IsFilterMethod(method))
        {
            // A controller's or page model's own filter methods run for its handlers, after authorization.
            var type = method.ContainingType;
            var scope = IsController(type) ? EndpointScope.Controllers : type.InheritsFromOrEquals(_types.PageModel) ? EndpointScope.Pages : EndpointScope.None;
            var requires = scope != EndpointScope.None && _authorization?.TypeHasAuthorize(type) == true;
            var anonymous = scope == EndpointScope.None || _authorization?.TypeHasAllowAnonymous(type) != false;
            return new EndpointInfo(this, EndpointKind.Filter, method, body, ImmutableArray<string>.Empty, ImmutableArray<string>.Empty, null, null, scope, requires, anonymous);
        }

        if (IsPageHandler(method))
        {
            // Razor Pages read authorization metadata from the page model, never from a handler method.
            var type = method.ContainingType;
            var requires = _authorization?.TypeHasAuthorize(type) == true;
            var anonymous = _authorization?.TypeHasAllowAnonymous(type) == true;
            return new EndpointInfo(this, EndpointKind.PageHandler, method, body, ImmutableArray<string>.Empty, PageHandlerVerbs(method.Name), null, null, EndpointScope.Pages, requires, anonymous);
        }

        if (IsMiddlewareMethod(method))
        {
            return new EndpointInfo(this, EndpointKind.Middleware, method, body, ImmutableArray<string>.Empty, ImmutableArray<string>.Empty, null, null, EndpointScope.None, false, false);
        }

        if (FindMethodGroupRegistration(method, cancellationToken) is { } registration)
        {
            return MinimalApi(method, body, registration);
        }

        return PlainMethod(method, body);
    }

    /// <summary>The endpoint context shared by every handler of a controller or page model (class-level attributes only), or null for other types.</summary>
    public EndpointInfo? ForType(INamedTypeSymbol type)
    {
        if (IsController(type))
        {
            var name = type.Name.EndsWith("Controller", StringComparison.OrdinalIgnoreCase) ? type.Name.Substring(0, type.Name.Length - "Controller".Length) : type.Name;
            var templates = ImmutableArray.CreateBuilder<string>();
            for (var current = type; current is not null; current = current.BaseType)
            {
                AddTemplates(current.GetAttributes(), templates, name, "[action]");
            }

            return new EndpointInfo(
                this, EndpointKind.Action, type, null, templates.ToImmutable(), ImmutableArray<string>.Empty, null, null, EndpointScope.Controllers,
                _authorization?.TypeHasAuthorize(type) == true, _authorization?.TypeHasAllowAnonymous(type) == true);
        }

        if (type.InheritsFromOrEquals(_types.PageModel))
        {
            return new EndpointInfo(
                this, EndpointKind.PageHandler, type, null, ImmutableArray<string>.Empty, ImmutableArray<string>.Empty, null, null, EndpointScope.Pages,
                _authorization?.TypeHasAuthorize(type) == true, _authorization?.TypeHasAllowAnonymous(type) == true);
        }

        return null;
    }

    /// <summary>An MVC controller per MVC conventions: public top-level non-abstract non-generic class, <c>[Controller]</c> (inherited, e.g. from <c>ControllerBase</c>) or named <c>*Controller</c>, and no <c>[NonController]</c>.</summary>
    public bool IsController(INamedTypeSymbol? type)
    {
        if (type is not { TypeKind: TypeKind.Class, IsAbstract: false, IsStatic: false, DeclaredAccessibility: Accessibility.Public, ContainingType: null } ||
            type.IsGenericType)
        {
            return false;
        }

        // Every action of a controller asks, and every handler rule's type gate asks about the same type in turn: the answer
        // for the type asked last is kept in front of the table (which reads the attributes of the whole base chain once).
        var last = Volatile.Read(ref _lastController);
        if (last is not null && ReferenceEquals(last.Type, type))
        {
            return last.IsController;
        }

        var isController = _controllers.GetOrAdd(type, _isController);
        Volatile.Write(ref _lastController, new ControllerAnswer(type, isController));
        return isController;
    }

    /// <summary>The last answer of <see cref="IsController"/>, replaced whole (readers see a type with its own answer).</summary>
    private sealed class ControllerAnswer(INamedTypeSymbol type, bool isController)
    {
        public INamedTypeSymbol Type { get; } = type;

        public bool IsController { get; } = isController;
    }

    private bool ComputeIsController(INamedTypeSymbol type)
    {
        var hasControllerAttribute = false;
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.HasAttribute(_types.NonControllerAttribute))
            {
                return false;
            }

            hasControllerAttribute |= current.HasAttribute(_types.ControllerAttribute);
        }

        return hasControllerAttribute || type.Name.EndsWith("Controller", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// <see cref="ForMethod"/> answers an <see cref="EndpointKind.Action"/> for the method, made of its
    /// <see cref="ActionVerbs"/>: a rule that needs only the verbs asks this instead of building the endpoint.
    /// </summary>
    public bool IsActionEndpoint(IMethodSymbol method) => !method.IsImplicitlyDeclared && IsAction(method);

    /// <summary>A public instance ordinary method of a controller that is not <c>[NonAction]</c>, not declared on <c>object</c>, and not a filter method the controller overrides.</summary>
    public bool IsAction(IMethodSymbol method)
        => method is { MethodKind: MethodKind.Ordinary, IsStatic: false, IsGenericMethod: false, DeclaredAccessibility: Accessibility.Public } &&
           method.ContainingType?.SpecialType != SpecialType.System_Object &&
           !method.HasAttribute(_types.NonActionAttribute) &&
           !(method.OverriddenMethod?.ContainingType?.SpecialType == SpecialType.System_Object) &&
           IsController(method.ContainingType) &&
           !IsFilterOverride(method);

    /// <summary>A Razor Pages handler: public instance <c>On…</c> method of a <c>PageModel</c>, not one of its filter methods.</summary>
    public bool IsPageHandler(IMethodSymbol method)
        => method is { MethodKind: MethodKind.Ordinary, IsStatic: false, DeclaredAccessibility: Accessibility.Public } &&
           method.Name.StartsWith("On", StringComparison.Ordinal) && method.Name.Length > 2 && char.IsUpper(method.Name[2]) &&
           method.ContainingType.InheritsFromOrEquals(_types.PageModel) &&
           !method.HasAttribute(_types.NonActionAttribute) &&
           !IsFilterOverride(method);

    /// <summary>
    /// A filter method: <c>IEndpointFilter.InvokeAsync</c>, or an MVC / Razor Pages filter interface method
    /// (<c>OnActionExecuting</c>, <c>OnActionExecutionAsync</c>, <c>OnResultExecuting</c>, <c>OnAuthorization</c>,
    /// <c>OnPageHandlerExecuting</c>, …) of a type implementing <c>IFilterMetadata</c> (a filter attribute, a
    /// controller or a page model).
    /// </summary>
    public bool IsFilterMethod(IMethodSymbol method)
    {
        if (method is not { MethodKind: MethodKind.Ordinary, IsStatic: false } || method.ContainingType is not { } type)
        {
            return false;
        }

        if (method.Name == "InvokeAsync" && type.IsOrImplements(_types.IEndpointFilter) && method.Parameters.Length == 2)
        {
            return true;
        }

        return IsFilterMethodName(method.Name) && type.IsOrImplements(_types.IFilterMetadata);
    }

    /// <summary>
    /// Middleware: a public instance <c>Invoke</c>/<c>InvokeAsync</c> whose first parameter is <c>HttpContext</c>, in an
    /// <c>IMiddleware</c> or in a class whose constructor takes the next <c>RequestDelegate</c>.
    /// </summary>
    public bool IsMiddlewareMethod(IMethodSymbol method)
    {
        if (method is not { MethodKind: MethodKind.Ordinary, IsStatic: false, DeclaredAccessibility: Accessibility.Public, Name: "Invoke" or "InvokeAsync" } ||
            method.Parameters.Length == 0 || !method.Parameters[0].Type.Is(_types.HttpContext) || method.ContainingType is not { } type)
        {
            return false;
        }

        if (type.IsOrImplements(_types.IMiddleware))
        {
            return true;
        }

        foreach (var constructor in type.InstanceConstructors)
        {
            foreach (var parameter in constructor.Parameters)
            {
                if (parameter.Type.Is(_types.RequestDelegate))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The path of a Razor Page (<c>/Admin/Index</c>): its file's path under <c>Pages/</c> (<c>Pages/Admin/Index.cshtml.cs</c>),
    /// or else its namespace below <c>.Pages</c> and its class name without <c>Model</c>. Null when neither tells (areas included).
    /// </summary>
    public static string? PagePath(INamedTypeSymbol pageModel)
    {
        foreach (var reference in pageModel.DeclaringSyntaxReferences)
        {
            var path = reference.SyntaxTree.FilePath?.Replace('\\', '/');
            if (string.IsNullOrEmpty(path) || path!.IndexOf("/Areas/", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                continue;
            }

            var pages = path.LastIndexOf("/Pages/", StringComparison.Ordinal);
            if (pages >= 0 && path.EndsWith(".cshtml.cs", StringComparison.OrdinalIgnoreCase))
            {
                return path.Substring(pages + "/Pages".Length, path.Length - pages - "/Pages".Length - ".cshtml.cs".Length);
            }
        }

        var folders = new List<string>();
        var found = false;
        for (var ns = pageModel.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (ns.Name == "Areas")
            {
                return null;
            }

            if (ns.Name == "Pages")
            {
                found = true;
                break;
            }

            folders.Insert(0, ns.Name);
        }

        if (!found)
        {
            return null;
        }

        var name = pageModel.Name.EndsWith("Model", StringComparison.Ordinal) && pageModel.Name.Length > 5
            ? pageModel.Name.Substring(0, pageModel.Name.Length - 5)
            : pageModel.Name;
        folders.Add(name);
        return "/" + string.Join("/", folders);
    }

    /// <summary>The decision behind <see cref="EndpointInfo.RequiresAuthorization"/>: own metadata first, app-wide facts only when they can change the answer.</summary>
    internal bool ComputeRequiresAuthorization(EndpointInfo endpoint, bool ownRequires, bool ownAnonymous)
    {
        if (ownAnonymous || _authorization is null)
        {
            return false;
        }

        if (endpoint.Scope == EndpointScope.None)
        {
            return ownRequires;
        }

        var facts = Facts();
        switch (endpoint.Scope)
        {
            case EndpointScope.Controllers:
                return !facts.ControllersAllowAnonymous && (ownRequires || facts.ControllersRequireAuthorization || facts.FallbackRequiresAuthenticatedUser);
            case EndpointScope.Pages:
                var type = endpoint.Handler as INamedTypeSymbol ?? endpoint.Handler?.ContainingType;
                var path = type is null ? null : PagePath(type);
                if (facts.PagesAllowAnonymous || (path is not null && facts.IsAnonymousPage(path)))
                {
                    return false;
                }

                return ownRequires || facts.PagesRequireAuthorization || facts.FallbackRequiresAuthenticatedUser || (path is not null && facts.IsAuthorizedPage(path));
            default:
                return ownRequires || facts.FallbackRequiresAuthenticatedUser;
        }
    }

    private EndpointInfo PlainMethod(ISymbol symbol, IOperation? body)
    {
        var requires = _authorization is not null && _authorization.HasAuthorize(symbol);
        var anonymous = _authorization is not null && _authorization.HasAllowAnonymous(symbol);
        return new EndpointInfo(this, EndpointKind.Method, symbol, body, ImmutableArray<string>.Empty, ImmutableArray<string>.Empty, null, null, EndpointScope.None, requires, anonymous);
    }

    /// <summary>The <c>Map…(pattern, Method)</c> call anywhere in the compilation that registers <paramref name="method"/> as a handler.</summary>
    private IInvocationOperation? FindMethodGroupRegistration(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method.DeclaringSyntaxReferences.Length == 0 || method.MethodKind != MethodKind.Ordinary)
        {
            return null;
        }

        return Facts(cancellationToken).FindMethodGroupHandler(method);
    }

    private static bool IsFilterMethodName(string name) => name switch
    {
        "OnActionExecuting" or "OnActionExecuted" or "OnActionExecutionAsync" => true,
        "OnResultExecuting" or "OnResultExecuted" or "OnResultExecutionAsync" => true,
        "OnResourceExecuting" or "OnResourceExecuted" or "OnResourceExecutionAsync" => true,
        "OnException" or "OnExceptionAsync" or "OnAuthorization" or "OnAuthorizationAsync" => true,
        "OnPageHandlerSelected" or "OnPageHandlerSelectionAsync" or "OnPageHandlerExecuting" or "OnPageHandlerExecuted" or "OnPageHandlerExecutionAsync" => true,
        _ => false,
    };

    private bool IsFilterOverride(IMethodSymbol method)
        => method.IsOverride && IsFilterMethodName(method.Name) && method.ContainingType.IsOrImplements(_types.IFilterMetadata);

    /// <summary>The verbs an action's attributes give it (<c>[HttpGet]</c> → GET, <c>[AcceptVerbs(…)]</c>); empty when none does.</summary>
    internal ImmutableArray<string> ActionVerbs(IMethodSymbol method, out AttributeData? verbAttribute)
    {
        verbAttribute = null;
        ImmutableArray<string>.Builder? verbs = null;
        foreach (var attribute in method.GetAttributes())
        {
            var type = attribute.AttributeClass;
            if (type is null)
            {
                continue;
            }

            string? verb = null;
            if (type.InheritsFromOrEquals(_types.HttpMethodAttribute))
            {
                verb = type.Name switch
                {
                    "HttpGetAttribute" => "GET",
                    "HttpPostAttribute" => "POST",
                    "HttpPutAttribute" => "PUT",
                    "HttpDeleteAttribute" => "DELETE",
                    "HttpPatchAttribute" => "PATCH",
                    "HttpHeadAttribute" => "HEAD",
                    "HttpOptionsAttribute" => "OPTIONS",
                    _ => null,
                };
                if (verb is null)
                {
                    continue;
                }

                verbAttribute ??= attribute;
                (verbs ??= ImmutableArray.CreateBuilder<string>()).Add(verb);
            }
            else if (type.Is(_types.AcceptVerbsAttribute))
            {
                verbAttribute ??= attribute;
                verbs ??= ImmutableArray.CreateBuilder<string>();
                foreach (var argument in attribute.ConstructorArguments)
                {
                    if (argument.Kind == TypedConstantKind.Array)
                    {
                        foreach (var element in argument.Values)
                        {
                            if (element.Value is string text)
                            {
                                verbs.Add(text.ToUpperInvariant());
                            }
                        }
                    }
                    else if (argument.Value is string text)
                    {
                        verbs.Add(text.ToUpperInvariant());
                    }
                }
            }
        }

        return verbs is null ? ImmutableArray<string>.Empty : verbs.ToImmutable();
    }

    /// <summary><c>OnGet</c>, <c>OnPostAsync</c>, <c>OnPostDelete</c> → the verb after <c>On</c>.</summary>
    private static ImmutableArray<string> PageHandlerVerbs(string name)
    {
        foreach (var verb in PageVerbs)
        {
            if (string.CompareOrdinal(name, 2, verb, 0, verb.Length) == 0 &&
                (name.Length == 2 + verb.Length || char.IsUpper(name[2 + verb.Length])))
            {
                return ImmutableArray.Create(verb.ToUpperInvariant());
            }
        }

        return ImmutableArray<string>.Empty;
    }

    private static ImmutableArray<string> MapVerbs(IInvocationOperation map)
    {
        switch (map.TargetMethod.Name)
        {
            case "MapGet":
                return ImmutableArray.Create("GET");
            case "MapPost":
                return ImmutableArray.Create("POST");
            case "MapPut":
                return ImmutableArray.Create("PUT");
            case "MapDelete":
                return ImmutableArray.Create("DELETE");
            case "MapPatch":
                return ImmutableArray.Create("PATCH");
            case "MapMethods":
                var methods = map.GetArgument("httpMethods")?.Value.WalkDownConversions();
                var elements = methods switch
                {
                    IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
                    ICollectionExpressionOperation collection => collection.Elements,
                    _ => ImmutableArray<IOperation>.Empty,
                };
                var builder = ImmutableArray.CreateBuilder<string>(elements.Length);
                foreach (var element in elements)
                {
                    if (element.WalkDownConversions().ConstantValue is { HasValue: true, Value: string verb })
                    {
                        builder.Add(verb.ToUpperInvariant());
                    }
                }

                return builder.ToImmutable();
            default:
                return ImmutableArray<string>.Empty;
        }
    }

    private EndpointInfo MinimalApi(IMethodSymbol? handler, IOperation? body, IInvocationOperation map)
    {
        var handlerBody = body switch
        {
            IAnonymousFunctionOperation lambda => lambda.Body,
            ILocalFunctionOperation local => (IOperation?)local.Body ?? local.IgnoredBody,
            IMethodReferenceOperation => null, // declared elsewhere
            _ => body,
        };
        return new EndpointInfo(this, EndpointKind.MinimalApi, handler, handlerBody, MapVerbs(map), map, null, EndpointScope.MinimalApi);
    }

    /// <summary>The route templates and own authorization metadata of an endpoint made without them.</summary>
    internal Metadata ComputeMetadata(EndpointInfo endpoint)
    {
        var requires = false;
        var anonymous = false;
        var handler = endpoint.Handler as IMethodSymbol;
        if (endpoint.Kind == EndpointKind.Action && handler is not null)
        {
            anonymous = _authorization is not null && (_authorization.HasAllowAnonymous(handler) || _authorization.TypeHasAllowAnonymous(handler.ContainingType));
            requires = _authorization is not null && (_authorization.HasAuthorize(handler) || _authorization.TypeHasAuthorize(handler.ContainingType));
            return new Metadata(ActionRouteTemplates(handler), requires, anonymous);
        }

        if (endpoint.Kind != EndpointKind.MinimalApi || endpoint.MapInvocation is not { } map)
        {
            return new Metadata(ImmutableArray<string>.Empty, false, false);
        }

        if (_authorization is not null && handler is not null)
        {
            requires = _authorization.HasAuthorize(handler);
            anonymous = _authorization.HasAllowAnonymous(handler);
        }

        // Conventions chained on (or later applied to) the endpoint builder.
        ReadConventions(map, ref requires, ref anonymous);

        // Route groups: the receiver chain of the Map call.
        var pattern = GetPattern(map);
        var prefix = ReadGroups(map.GetReceiverOrThisArgument(), ref requires, ref anonymous);
        var templates = pattern is not null
            ? ImmutableArray.Create(prefix is null ? pattern : prefix.TrimEnd('/') + "/" + pattern.TrimStart('/'))
            : prefix is not null ? ImmutableArray.Create(prefix) : ImmutableArray<string>.Empty;
        return new Metadata(templates, requires, anonymous);
    }

    /// <summary>A lambda passed to <c>AddEndpointFilter</c>: it runs for the endpoints of the builder it is added to, after authorization.</summary>
    private EndpointInfo EndpointFilter(IAnonymousFunctionOperation lambda, IInvocationOperation filter)
    {
        var requires = false;
        var anonymous = false;
        ReadConventions(filter, ref requires, ref anonymous);
        IInvocationOperation? map = null;
        var receiver = filter.GetReceiverOrThisArgument()?.WalkDownConversions();
        while (receiver is IInvocationOperation call && map is null)
        {
            if (ForMapInvocation(call) is not null)
            {
                map = call;
            }
            else if (call.TargetMethod.ReturnType.IsOrImplements(_types.IEndpointConventionBuilder) && !call.TargetMethod.ReturnType.Is(_types.RouteGroupBuilder))
            {
                Apply(call, ref requires, ref anonymous);
                receiver = call.GetReceiverOrThisArgument()?.WalkDownConversions();
            }
            else
            {
                break;
            }
        }

        if (map is not null)
        {
            var endpoint = ForMapInvocation(map)!;
            return new EndpointInfo(
                this, EndpointKind.Filter, lambda.Symbol, lambda.Body, endpoint.RouteTemplates, endpoint.HttpMethods, map, null, EndpointScope.MinimalApi,
                requires || endpoint.OwnRequires, anonymous || endpoint.OwnAnonymous);
        }

        // A filter on a route group (or a local holding one): the group's conventions; the fallback policy is not assumed
        // because an endpoint of the group may opt out with AllowAnonymous().
        ReadGroups(receiver, ref requires, ref anonymous);
        return new EndpointInfo(this, EndpointKind.Filter, lambda.Symbol, lambda.Body, ImmutableArray<string>.Empty, ImmutableArray<string>.Empty, null, null, EndpointScope.None, requires, anonymous);
    }

    private static string? GetPattern(IInvocationOperation map)
    {
        foreach (var argument in map.Arguments)
        {
            if (argument.Parameter?.Name is "pattern" or "prefix" && argument.Value.WalkDownConversions().ConstantValue is { HasValue: true, Value: string pattern })
            {
                return pattern;
            }
        }

        return null;
    }

    /// <summary>Walks the fluent chain above <paramref name="builder"/> (<c>.RequireAuthorization().WithName(…)</c>) and, when it ends in a local, the calls made on that local.</summary>
    internal void ReadConventions(IOperation builder, ref bool requires, ref bool anonymous)
    {
        var current = builder;
        for (var depth = 0; depth < 16; depth++)
        {
            var parent = current.WalkUpConversions();
            if (parent is IArgumentOperation { Parent: IInvocationOperation outer } argument && argument.Parameter?.Ordinal == 0 && outer.TargetMethod.IsExtensionMethod)
            {
                Apply(outer, ref requires, ref anonymous);
                current = outer;
                continue;
            }

            if (parent is IInvocationOperation instanceCall && instanceCall.Instance is not null && instanceCall.Instance.WalkDownConversions() == current)
            {
                Apply(instanceCall, ref requires, ref anonymous);
                current = instanceCall;
                continue;
            }

            if (parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                ReadLocalConventions(declarator.Symbol, current, ref requires, ref anonymous);
            }

            return;
        }
    }

    private void ReadLocalConventions(ILocalSymbol local, IOperation anyOperation, ref bool requires, ref bool anonymous)
    {
        foreach (var operation in OperationWalk.Below(anyOperation.GetRoot()))
        {
            if (operation is IInvocationOperation invocation &&
                invocation.GetReceiverOrThisArgument() is ILocalReferenceOperation reference &&
                SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                Apply(invocation, ref requires, ref anonymous);
            }
        }
    }

    private void Apply(IInvocationOperation invocation, ref bool requires, ref bool anonymous)
    {
        if (_authorization is null)
        {
            return;
        }

        if (_authorization.IsRequireAuthorization(invocation))
        {
            requires = true;
        }
        else if (_authorization.IsAllowAnonymous(invocation))
        {
            anonymous = true;
        }
    }

    /// <summary>Follows the route builder a <c>Map…</c> call is made on through <c>MapGroup</c> calls, conventions and locals; returns the combined prefix.</summary>
    private string? ReadGroups(IOperation? builder, ref bool requires, ref bool anonymous)
    {
        string? prefix = null;
        for (var depth = 0; depth < 16 && builder is not null; depth++)
        {
            builder = builder.WalkDownConversions();
            switch (builder)
            {
                case IInvocationOperation invocation when invocation.TargetMethod.Name == "MapGroup" && invocation.TargetMethod.ReturnType.Is(_types.RouteGroupBuilder):
                    var groupPrefix = GetPattern(invocation);
                    if (groupPrefix is not null)
                    {
                        prefix = prefix is null ? groupPrefix : groupPrefix.TrimEnd('/') + "/" + prefix.TrimStart('/');
                    }

                    builder = invocation.GetReceiverOrThisArgument();
                    break;
                case IInvocationOperation invocation when invocation.TargetMethod.ReturnType.IsOrImplements(_types.IEndpointConventionBuilder):
                    Apply(invocation, ref requires, ref anonymous);
                    builder = invocation.GetReceiverOrThisArgument();
                    break;
                case ILocalReferenceOperation local:
                    ReadLocalConventions(local.Local, local, ref requires, ref anonymous);
                    builder = LocalValues.GetSingleValue(local);
                    break;
                case IParameterReferenceOperation:
                    // A builder passed in (static void MapOrders(RouteGroupBuilder group)): its conventions are applied elsewhere.
                    return prefix;
                default:
                    return prefix;
            }
        }

        return prefix;
    }

    /// <summary>The <c>Map…</c> call a lambda is passed to as its handler, or null.</summary>
    private IInvocationOperation? GetMapInvocation(IAnonymousFunctionOperation lambda)
        => GetArgumentOf(lambda) is { Parent: IInvocationOperation invocation } argument && IsMapHandlerArgument(invocation, argument) ? invocation : null;

    /// <summary>The <c>AddEndpointFilter</c> call a lambda is passed to, or null.</summary>
    private IInvocationOperation? GetEndpointFilterInvocation(IAnonymousFunctionOperation lambda)
        => GetArgumentOf(lambda) is { Parent: IInvocationOperation invocation } &&
           invocation.TargetMethod.IsMethod(_types.EndpointFilterExtensions, "AddEndpointFilter") ? invocation : null;

    /// <summary>
    /// A lambda with an <c>HttpContext</c> parameter that returns a task, passed to a method of an <c>IApplicationBuilder</c>
    /// (<c>app.Use(async (context, next) => …)</c>, <c>app.Run(async context => …)</c>), or returned by a lambda that is
    /// (<c>app.Use(next => async context => …)</c>).
    /// </summary>
    private bool IsMiddlewareLambda(IAnonymousFunctionOperation lambda)
    {
        var symbol = lambda.Symbol;
        if (symbol.Parameters.Length == 0 || !symbol.Parameters[0].Type.Is(_types.HttpContext) || !symbol.ReturnType.InheritsFromOrEquals(_types.Task))
        {
            return false;
        }

        var argument = GetArgumentOf(lambda);
        if (argument is null)
        {
            // next => async context => …: returned from the outer lambda's body.
            var parent = lambda.Parent is IDelegateCreationOperation creation ? creation.WalkUpConversions() : lambda.WalkUpConversions();
            if (parent is IReturnOperation { Parent: IBlockOperation { Parent: IAnonymousFunctionOperation outer } })
            {
                argument = GetArgumentOf(outer);
            }
        }

        return argument is { Parent: IInvocationOperation invocation } &&
               !IsMapHandlerArgument(invocation, argument) &&
               invocation.GetReceiverOrThisArgument()?.Type.IsOrImplements(_types.IApplicationBuilder) == true;
    }

    private static IArgumentOperation? GetArgumentOf(IAnonymousFunctionOperation lambda)
    {
        var parent = lambda.Parent;
        if (parent is IDelegateCreationOperation creation)
        {
            parent = creation.WalkUpConversions();
        }

        return parent as IArgumentOperation;
    }

    /// <summary>The <c>Map…</c> call a local function is passed to as a method group, searched in the enclosing operation tree.</summary>
    /// <summary>The declaration of a local function passed as a method group, in the body of the reference (its body is the handler's).</summary>
    private static ILocalFunctionOperation? DeclaredLocalFunction(IMethodReferenceOperation reference)
    {
        if (reference.Method.MethodKind != MethodKind.LocalFunction)
        {
            return null;
        }

        foreach (var operation in OperationWalk.Of(reference.GetRoot()))
        {
            if (operation is ILocalFunctionOperation local && SymbolEqualityComparer.Default.Equals(local.Symbol, reference.Method.OriginalDefinition))
            {
                return local;
            }
        }

        return null;
    }

    private IInvocationOperation? FindMapInvocation(ILocalFunctionOperation localFunction)
    {
        foreach (var operation in OperationWalk.Below(localFunction.GetRoot()))
        {
            if (operation is IArgumentOperation { Parent: IInvocationOperation invocation } argument &&
                argument.Value.WalkDownConversions() is IDelegateCreationOperation { Target: IMethodReferenceOperation reference } &&
                SymbolEqualityComparer.Default.Equals(reference.Method.OriginalDefinition, localFunction.Symbol) &&
                IsMapHandlerArgument(invocation, argument))
            {
                return invocation;
            }
        }

        return null;
    }

    internal bool IsMapHandlerArgument(IInvocationOperation invocation, IArgumentOperation argument)
    {
        var method = invocation.TargetMethod;
        if (!method.Name.StartsWith("Map", StringComparison.Ordinal) || argument.Parameter is not { } parameter)
        {
            return false;
        }

        var parameterType = parameter.Type;
        if (parameterType.SpecialType != SpecialType.System_Delegate && !parameterType.Is(_types.RequestDelegate))
        {
            return false;
        }

        var receiver = invocation.GetReceiverOrThisArgument();
        return receiver?.Type.IsOrImplements(_types.IEndpointRouteBuilder) == true;
    }

    private ImmutableArray<string> ActionRouteTemplates(IMethodSymbol method)
    {
        var controller = method.ContainingType;
        var controllerName = controller.Name.EndsWith("Controller", StringComparison.OrdinalIgnoreCase)
            ? controller.Name.Substring(0, controller.Name.Length - "Controller".Length)
            : controller.Name;
        var actionName = method.Name.EndsWith("Async", StringComparison.Ordinal) && method.Name.Length > 5
            ? method.Name.Substring(0, method.Name.Length - 5)
            : method.Name;

        var templates = ImmutableArray.CreateBuilder<string>();
        AddTemplates(method.GetAttributes(), templates, controllerName, actionName);
        for (var type = controller; type is not null; type = type.BaseType)
        {
            AddTemplates(type.GetAttributes(), templates, controllerName, actionName);
        }

        if (templates.Count == 0)
        {
            // Conventional routing ({controller}/{action}): the names are the URL.
            templates.Add(controllerName + "/" + actionName);
        }

        return templates.ToImmutable();
    }

    private void AddTemplates(ImmutableArray<AttributeData> attributes, ImmutableArray<string>.Builder templates, string controllerName, string actionName)
    {
        foreach (var attribute in attributes)
        {
            if (!attribute.AttributeClass.IsOrImplements(_types.IRouteTemplateProvider))
            {
                continue;
            }

            string? template = null;
            foreach (var argument in attribute.ConstructorArguments)
            {
                if (argument.Kind == TypedConstantKind.Primitive && argument.Value is string value)
                {
                    template = value;
                    break;
                }
            }

            if (template is null)
            {
                continue;
            }

            templates.Add(template
                .Replace("[controller]", controllerName)
                .Replace("[action]", actionName));
        }
    }
}
