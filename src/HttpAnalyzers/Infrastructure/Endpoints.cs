using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using HttpAnalyzers.Rules.Caching;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Infrastructure;

/// <summary>What kind of handler a piece of code runs in.</summary>
internal enum EndpointKind
{
    /// <summary>An MVC action: a public instance method of a controller, not <c>[NonAction]</c>.</summary>
    Action,

    /// <summary>A Razor Pages handler (<c>OnGet</c>, <c>OnPostAsync</c>, …) of a <c>PageModel</c>.</summary>
    PageHandler,

    /// <summary>A lambda or local function passed to <c>MapGet</c>/<c>MapPost</c>/<c>MapMethods</c>/<c>Map</c>/….</summary>
    MinimalApi,

    /// <summary>Any other method (a method-group handler, middleware, a helper): only its own attributes and body are known.</summary>
    Method,
}

/// <summary>The endpoint context of a piece of code.</summary>
internal sealed class EndpointInfo
{
    public EndpointInfo(EndpointKind kind, ISymbol? handler, IOperation? body, bool requiresAuthorization, ImmutableArray<string> routeTemplates, IInvocationOperation? mapInvocation)
    {
        Kind = kind;
        Handler = handler;
        Body = body;
        RequiresAuthorization = requiresAuthorization;
        RouteTemplates = routeTemplates;
        MapInvocation = mapInvocation;
    }

    public EndpointKind Kind { get; }

    /// <summary>The action / page handler / lambda / local function / method symbol.</summary>
    public ISymbol? Handler { get; }

    /// <summary>The handler's body (lambda, local function or method body operation), when known.</summary>
    public IOperation? Body { get; }

    /// <summary>
    /// <c>[Authorize]</c> / <c>RequireAuthorization()</c> somewhere in the endpoint's metadata (action, controller,
    /// lambda, endpoint, route group) and <c>[AllowAnonymous]</c> / <c>AllowAnonymous()</c> nowhere, since any of them
    /// skips authorization.
    /// </summary>
    public bool RequiresAuthorization { get; }

    /// <summary>The route templates, prefixes included (<c>api/[controller]</c> is expanded; <c>/api</c> + <c>/token</c>).</summary>
    public ImmutableArray<string> RouteTemplates { get; }

    /// <summary>For minimal APIs, the <c>MapGet</c>/… call.</summary>
    public IInvocationOperation? MapInvocation { get; }
}

/// <summary>
/// The shared endpoint model: given an operation, the handler that contains it (MVC action, Razor Page handler,
/// minimal-API handler with its route group chain, or a plain method), whether it requires authorization, its route
/// template words, whether it sets a cookie and whether it writes a credential-named value to the response.
/// </summary>
internal sealed class Endpoints
{
    private static readonly ImmutableHashSet<string> SensitiveRouteWords = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "auth", "oauth", "login", "logout", "signin", "signout", "token", "session", "account", "password",
        "auths", "oauths", "logins", "logouts", "signins", "signouts", "tokens", "sessions", "accounts", "passwords");

    private static readonly char[] RouteSeparators = ['/', '-', '_', '.'];

    private readonly KnownTypes _types;
    private readonly Authorization? _authorization;
    private readonly HeaderModel _headers;

    private Endpoints(KnownTypes types, Authorization? authorization, HeaderModel headers)
    {
        _types = types;
        _authorization = authorization;
        _headers = headers;
    }

    public Authorization? Authorization => _authorization;

    /// <summary>Null when the compilation has no ASP.NET Core HTTP abstractions.</summary>
    public static Endpoints? Create(KnownTypes types, HeaderModel? headers = null)
    {
        headers ??= HeaderModel.Create(types);
        return headers is null || types.HttpContext is null ? null : new Endpoints(types, Authorization.Create(types), headers);
    }

    /// <summary>
    /// The handler that runs <paramref name="operation"/>: the nearest enclosing lambda or local function registered
    /// with a <c>Map…</c> call, else the containing member (an MVC action, a page handler, or a plain method).
    /// Returns null for top-level statements outside any handler, constructors, accessors and the like.
    /// </summary>
    public EndpointInfo? Find(IOperation operation, ISymbol containingSymbol)
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

        // A callback inside an action (Response.OnStarting, a Select lambda) belongs to the action's response.
        if (IsAction(method) || IsPageHandler(method))
        {
            return ForMethod(method, operation.GetRoot());
        }

        var isTopLevel = operation.GetRoot().Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax;

        // A method passed as a method group to a Map… call in the same file (callbacks inside it belong to it too).
        if (!isTopLevel && FindMethodGroupRegistration(method, operation.SemanticModel) is { } registration)
        {
            return MinimalApi(method, operation.GetRoot(), registration);
        }

        // Otherwise the nearest function is the unit of code (a middleware lambda in Program.cs, a helper).
        if (innermost is not null)
        {
            var symbol = innermost is IAnonymousFunctionOperation anonymous ? anonymous.Symbol : ((ILocalFunctionOperation)innermost).Symbol;
            var body = innermost is IAnonymousFunctionOperation lambda ? lambda.Body : (IOperation?)((ILocalFunctionOperation)innermost).Body ?? innermost;
            var requires = _authorization is not null && _authorization.HasAuthorize(symbol) && !_authorization.HasAllowAnonymous(symbol);
            return new EndpointInfo(EndpointKind.Method, symbol, body, requires, ImmutableArray<string>.Empty, null);
        }

        return isTopLevel ? null : ForMethod(method, operation.GetRoot());
    }

    /// <summary>
    /// The <c>Map…(pattern, Method)</c> call in <paramref name="method"/>'s own file that registers it as a handler.
    /// Only the file of the method is searched (syntax pre-filter on the call and argument names, then symbols).
    /// </summary>
    private IInvocationOperation? FindMethodGroupRegistration(IMethodSymbol method, SemanticModel? model)
    {
        if (model is null || method.DeclaringSyntaxReferences.Length == 0 || method.DeclaringSyntaxReferences[0].SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        foreach (var node in model.SyntaxTree.GetRoot().DescendantNodes())
        {
            if (node is not Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax invocation)
            {
                continue;
            }

            var called = invocation.Expression switch
            {
                Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax simple => simple.Identifier.ValueText,
                _ => null,
            };
            if (called is null || !called.StartsWith("Map", StringComparison.Ordinal) || !MentionsMethod(invocation, method.Name))
            {
                continue;
            }

            if (model.GetOperation(invocation) is not IInvocationOperation operation)
            {
                continue;
            }

            foreach (var argument in operation.Arguments)
            {
                if (argument.Value.WalkDownConversions() is IDelegateCreationOperation { Target: IMethodReferenceOperation reference } &&
                    SymbolEqualityComparer.Default.Equals(reference.Method.OriginalDefinition, method.OriginalDefinition) &&
                    IsMapHandlerArgument(operation, argument))
                {
                    return operation;
                }
            }
        }

        return null;
    }

    private static bool MentionsMethod(Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax invocation, string name)
    {
        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            var mentioned = argument.Expression switch
            {
                Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax simple => simple.Identifier.ValueText,
                _ => null,
            };
            if (mentioned == name)
            {
                return true;
            }
        }

        return false;
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
                    return MinimalApi(reference.Method, reference, map);
                case IAnonymousFunctionOperation lambda:
                    return MinimalApi(lambda.Symbol, lambda, map);
            }
        }

        return null;
    }

    /// <summary>The endpoint of a method declaration (action, page handler or plain method); <paramref name="body"/> may be null.</summary>
    public EndpointInfo? ForMethod(IMethodSymbol method, IOperation? body)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.IsImplicitlyDeclared)
        {
            return null;
        }

        if (IsAction(method))
        {
            return new EndpointInfo(EndpointKind.Action, method, body, _authorization?.ActionRequiresAuthorization(method) == true, ActionRouteTemplates(method), null);
        }

        if (IsPageHandler(method))
        {
            return new EndpointInfo(EndpointKind.PageHandler, method, body, _authorization?.ActionRequiresAuthorization(method) == true, ImmutableArray<string>.Empty, null);
        }

        var requires = _authorization is not null && _authorization.HasAuthorize(method) && !_authorization.HasAllowAnonymous(method);
        return new EndpointInfo(EndpointKind.Method, method, body, requires, ImmutableArray<string>.Empty, null);
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

            return new EndpointInfo(EndpointKind.Action, type, null, _authorization?.TypeRequiresAuthorization(type) == true, templates.ToImmutable(), null);
        }

        if (type.InheritsFromOrEquals(_types.PageModel))
        {
            return new EndpointInfo(EndpointKind.PageHandler, type, null, _authorization?.TypeRequiresAuthorization(type) == true, ImmutableArray<string>.Empty, null);
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

    /// <summary>A public instance ordinary method of a controller that is not <c>[NonAction]</c> nor declared on <c>object</c>.</summary>
    public bool IsAction(IMethodSymbol method)
        => method is { MethodKind: MethodKind.Ordinary, IsStatic: false, IsGenericMethod: false, DeclaredAccessibility: Accessibility.Public } &&
           method.ContainingType?.SpecialType != SpecialType.System_Object &&
           !method.HasAttribute(_types.NonActionAttribute) &&
           !(method.OverriddenMethod?.ContainingType?.SpecialType == SpecialType.System_Object) &&
           IsController(method.ContainingType);

    /// <summary>A Razor Pages handler: public instance <c>On…</c> method of a <c>PageModel</c>.</summary>
    public bool IsPageHandler(IMethodSymbol method)
        => method is { MethodKind: MethodKind.Ordinary, IsStatic: false, DeclaredAccessibility: Accessibility.Public } &&
           method.Name.StartsWith("On", StringComparison.Ordinal) && method.Name.Length > 2 && char.IsUpper(method.Name[2]) &&
           method.ContainingType.InheritsFromOrEquals(_types.PageModel) &&
           !method.HasAttribute(_types.NonActionAttribute);

    /// <summary>True when a segment of a route template (split on <c>/</c>, <c>-</c>, <c>_</c>, <c>.</c>) is an authentication word (<c>login</c>, <c>token</c>, <c>account</c>, …, or a plural). Parameters (<c>{id}</c>) are skipped.</summary>
    public static bool HasSensitiveRouteWord(EndpointInfo endpoint, out string word)
    {
        foreach (var template in endpoint.RouteTemplates)
        {
            foreach (var segment in template.Split('/'))
            {
                if (segment.IndexOf('{') >= 0)
                {
                    continue;
                }

                foreach (var part in segment.Split(RouteSeparators, StringSplitOptions.RemoveEmptyEntries))
                {
                    var trimmed = part.Trim('~', '[', ']');
                    if (SensitiveRouteWords.Contains(trimmed))
                    {
                        word = trimmed;
                        return true;
                    }
                }
            }
        }

        word = string.Empty;
        return false;
    }

    /// <summary>
    /// The body sets a cookie: <c>Response.Cookies.Append</c>/<c>Delete</c>, a <c>Set-Cookie</c> header, a sign-in
    /// (<c>HttpContext.SignInAsync</c>, <c>Results.SignIn</c>, <c>ControllerBase.SignIn</c>: the authentication cookie), or
    /// <c>IAntiforgery.GetAndStoreTokens</c> (the antiforgery cookie).
    /// </summary>
    public bool SetsCookie(IOperation? body)
    {
        if (body is null)
        {
            return false;
        }

        foreach (var operation in body.Descendants())
        {
            if (operation is IInvocationOperation invocation)
            {
                var method = invocation.TargetMethod;
                if (method.Name is "Append" or "Delete" && method.ContainingType.IsOrImplements(_types.IResponseCookies))
                {
                    return true;
                }

                // The authentication cookie: HttpContext.SignInAsync, Results.SignIn(…), ControllerBase.SignIn(…).
                if (method.IsMethod(_types.AuthenticationHttpContextExtensions, "SignInAsync") ||
                    (method.Name == "SignIn" &&
                     (method.ContainingType.Is(_types.Results) || method.ContainingType.Is(_types.TypedResults) ||
                      method.ReturnType.Is(_types.SignInHttpResult) || method.ReturnType.InheritsFromOrEquals(_types.MvcSignInResult))))
                {
                    return true;
                }

                // The antiforgery cookie.
                if (method.Name is "GetAndStoreTokens" or "SetCookieTokenAndHeader" && method.ContainingType.IsOrImplements(_types.IAntiforgery))
                {
                    return true;
                }

                if (_headers.TryGetWrite(invocation, "Set-Cookie", null, out var write) && write.Side != HeaderSide.Request)
                {
                    return true;
                }
            }
            else if (operation is ISimpleAssignmentOperation assignment && _headers.TryGetWrite(assignment, "Set-Cookie", null, out var write) && write.Side != HeaderSide.Request)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The handler writes a credential-named value to the response: returns it (directly, in a result such as
    /// <c>Ok(…)</c>/<c>Results.Json(…)</c>, or as a member of the returned object), or passes it to
    /// <c>Response.WriteAsync</c>/<c>WriteAsJsonAsync</c>. A credential is a string, byte/char array or object value;
    /// <c>CancellationToken</c> and other framework types never are. <paramref name="name"/> is the matching name.
    /// </summary>
    public bool WritesCredential(IOperation? body, SensitiveNames names, out string name)
    {
        name = string.Empty;
        if (body is null)
        {
            return false;
        }

        foreach (var operation in body.Descendants())
        {
            switch (operation)
            {
                case IReturnOperation { ReturnedValue: { } returned } when IsOwnReturn(operation, body):
                    if (ContainsCredential(returned, names, 0, out name))
                    {
                        return true;
                    }

                    break;
                case IInvocationOperation invocation when IsResponseWrite(invocation):
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Parameter is { Ordinal: > 0 } parameter && parameter.Name is "text" or "value" &&
                            ContainsCredential(argument.Value, names, 0, out name))
                        {
                            return true;
                        }
                    }

                    break;
            }
        }

        return false;
    }

    private bool IsResponseWrite(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        return (method.Name == "WriteAsync" && method.IsMethod(_types.HttpResponseWritingExtensions, "WriteAsync")) ||
               (method.Name == "WriteAsJsonAsync" && method.IsMethod(_types.HttpResponseJsonExtensions, "WriteAsJsonAsync"));
    }

    private static bool IsOwnReturn(IOperation operation, IOperation body)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current == body)
            {
                return true;
            }

            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return false;
    }

    private bool ContainsCredential(IOperation value, SensitiveNames names, int depth, out string name)
    {
        name = string.Empty;
        if (depth > 4)
        {
            return false;
        }

        value = value.WalkDownConversions();
        switch (value)
        {
            case ILocalReferenceOperation local:
                if (Named(local.Local.Name, local.Local.Type, names, out name))
                {
                    return true;
                }

                // var response = new { accessToken }; return Ok(response);
                return LocalValues.GetInitializer(local) is { } localValue &&
                       localValue.WalkDownConversions() is IObjectCreationOperation or IAnonymousObjectCreationOperation &&
                       ContainsCredential(localValue, names, depth + 1, out name);
            case IParameterReferenceOperation parameter:
                return Named(parameter.Parameter.Name, parameter.Parameter.Type, names, out name);
            case IFieldReferenceOperation field:
                return Named(field.Field.Name, field.Field.Type, names, out name);
            case IPropertyReferenceOperation property:
                return Named(property.Property.Name, property.Property.Type, names, out name);
            case IAwaitOperation awaited:
                return ContainsCredential(awaited.Operation, names, depth + 1, out name) || HasCredentialMember(awaited.Type, names, out name);
            case IConditionalOperation conditional:
                return (conditional.WhenTrue is { } whenTrue && ContainsCredential(whenTrue, names, depth + 1, out name)) ||
                       (conditional.WhenFalse is { } whenFalse && ContainsCredential(whenFalse, names, depth + 1, out name));
            case IAnonymousObjectCreationOperation anonymous:
                return InitializerContainsCredential(anonymous.Initializers, names, depth, out name);
            case IObjectCreationOperation creation:
                foreach (var argument in creation.Arguments)
                {
                    if ((argument.Parameter is { } parameter && Named(parameter.Name, argument.Value.WalkDownConversions().Type, names, out name)) ||
                        ContainsCredential(argument.Value, names, depth + 1, out name))
                    {
                        return true;
                    }
                }

                return (creation.Initializer is { } initializer && InitializerContainsCredential(initializer.Initializers, names, depth, out name)) ||
                       HasCredentialMember(creation.Type, names, out name);
            case IInvocationOperation invocation when IsResultFactory(invocation.TargetMethod) || invocation.TargetMethod.ContainingType.Is(_types.JsonSerializer):
                foreach (var argument in invocation.Arguments)
                {
                    if (ContainsCredential(argument.Value, names, depth + 1, out name))
                    {
                        return true;
                    }
                }

                return false;
            case IInvocationOperation other:
                // return await _tokens.IssueAsync(user): a returned object whose type carries a credential member.
                return HasCredentialMember(other.Type, names, out name);
            case ITupleOperation tuple:
                foreach (var element in tuple.Elements)
                {
                    if (ContainsCredential(element, names, depth + 1, out name))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// An application type (not a framework type, not a result type) with a public instance property whose name, or JSON
    /// name (<c>[JsonPropertyName]</c>), is sensitive and whose type is a credential: serialising it writes the credential.
    /// </summary>
    private bool HasCredentialMember(ITypeSymbol? type, SensitiveNames names, out string name)
    {
        name = string.Empty;
        if (type is INamedTypeSymbol { IsGenericType: true } generic && generic.TypeArguments.Length == 1 &&
            (generic.OriginalDefinition.Is(_types.TaskOfT) || generic.OriginalDefinition.Is(_types.ValueTaskOfT)))
        {
            type = generic.TypeArguments[0];
        }

        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, SpecialType: SpecialType.None } named ||
            named.IsAnonymousType || IsFrameworkType(named) ||
            named.IsOrImplements(_types.IResult) || named.IsOrImplements(_types.IActionResult))
        {
            return false;
        }

        foreach (var member in named.GetMembers())
        {
            if (member is not IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public, IsIndexer: false } property)
            {
                continue;
            }

            if (Named(property.Name, property.Type, names, out name))
            {
                return true;
            }

            foreach (var attribute in property.GetAttributes())
            {
                if (attribute.AttributeClass.Is(_types.JsonPropertyNameAttribute) &&
                    attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string jsonName &&
                    Named(jsonName, property.Type, names, out name))
                {
                    return true;
                }
            }
        }

        name = string.Empty;
        return false;
    }

    private bool InitializerContainsCredential(ImmutableArray<IOperation> initializers, SensitiveNames names, int depth, out string name)
    {
        name = string.Empty;
        foreach (var initializer in initializers)
        {
            if (initializer is ISimpleAssignmentOperation assignment)
            {
                var member = assignment.Target switch
                {
                    IPropertyReferenceOperation p => p.Property.Name,
                    IFieldReferenceOperation f => f.Field.Name,
                    _ => null,
                };
                if ((member is not null && Named(member, assignment.Value.WalkDownConversions().Type, names, out name)) ||
                    ContainsCredential(assignment.Value, names, depth + 1, out name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A method that wraps a value into a response: returns <c>IResult</c>, <c>IActionResult</c> or <c>ActionResult&lt;T&gt;</c> (<c>Ok(…)</c>, <c>Results.Json(…)</c>, <c>TypedResults.Ok(…)</c>).</summary>
    private bool IsResultFactory(IMethodSymbol method)
    {
        var type = method.ReturnType;
        return type.IsOrImplements(_types.IResult) || type.IsOrImplements(_types.IActionResult) || type.IsOrImplements(_types.IConvertToActionResult);
    }

    private static bool Named(string identifier, ITypeSymbol? type, SensitiveNames names, out string name)
    {
        name = identifier;
        return IsCredentialType(type) && names.Matches(identifier);
    }

    /// <summary>A string, a byte or char array, <c>object</c>, or an application class; never a value type (<c>CancellationToken</c>) nor a framework type (<c>ISession</c>).</summary>
    internal static bool IsCredentialType(ITypeSymbol? type)
    {
        switch (type)
        {
            case null:
                return false;
            case { SpecialType: SpecialType.System_String or SpecialType.System_Object }:
                return true;
            case IArrayTypeSymbol array:
                return array.ElementType.SpecialType is SpecialType.System_Byte or SpecialType.System_Char;
            case { IsReferenceType: true, TypeKind: TypeKind.Class or TypeKind.Interface }:
                return !IsFrameworkType(type);
            default:
                return false;
        }
    }

    /// <summary>Declared under a <c>System</c> or <c>Microsoft</c> root namespace (framework plumbing).</summary>
    private static bool IsFrameworkType(ITypeSymbol type)
    {
        var root = type.ContainingNamespace;
        while (root is { ContainingNamespace.IsGlobalNamespace: false })
        {
            root = root.ContainingNamespace;
        }

        return root is not null && !root.IsGlobalNamespace && root.Name is "System" or "Microsoft";
    }

    private EndpointInfo MinimalApi(IMethodSymbol? handler, IOperation body, IInvocationOperation map)
    {
        var requires = false;
        var anonymous = false;
        if (_authorization is not null && handler is not null)
        {
            requires = _authorization.HasAuthorize(handler);
            anonymous = _authorization.HasAllowAnonymous(handler);
        }

        // Conventions chained on (or later applied to) the endpoint builder.
        ReadConventions(map, ref requires, ref anonymous);

        // Route groups: the receiver chain of the Map call.
        var templates = new List<string>(2);
        var pattern = GetPattern(map);
        var prefix = ReadGroups(map.GetReceiverOrThisArgument(), ref requires, ref anonymous);
        if (pattern is not null)
        {
            templates.Add(prefix is null ? pattern : prefix.TrimEnd('/') + "/" + pattern.TrimStart('/'));
        }
        else if (prefix is not null)
        {
            templates.Add(prefix);
        }

        var handlerBody = body switch
        {
            IAnonymousFunctionOperation lambda => lambda.Body,
            ILocalFunctionOperation local => (IOperation?)local.Body ?? local.IgnoredBody,
            IMethodReferenceOperation => null, // declared elsewhere
            _ => body,
        };
        return new EndpointInfo(EndpointKind.MinimalApi, handler, handlerBody, requires && !anonymous, templates.ToImmutableArray(), map);
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
    private void ReadConventions(IOperation builder, ref bool requires, ref bool anonymous)
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
        foreach (var operation in anyOperation.GetRoot().Descendants())
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
                default:
                    return prefix;
            }
        }

        return prefix;
    }

    /// <summary>The <c>Map…</c> call a lambda is passed to as its handler, or null.</summary>
    private IInvocationOperation? GetMapInvocation(IAnonymousFunctionOperation lambda)
    {
        var parent = lambda.Parent;
        if (parent is IDelegateCreationOperation creation)
        {
            parent = creation.WalkUpConversions();
        }

        return parent is IArgumentOperation { Parent: IInvocationOperation invocation } argument && IsMapHandlerArgument(invocation, argument) ? invocation : null;
    }

    /// <summary>The <c>Map…</c> call a local function is passed to as a method group, searched in the enclosing operation tree.</summary>
    private IInvocationOperation? FindMapInvocation(ILocalFunctionOperation localFunction)
    {
        foreach (var operation in localFunction.GetRoot().Descendants())
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

    private bool IsMapHandlerArgument(IInvocationOperation invocation, IArgumentOperation argument)
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
