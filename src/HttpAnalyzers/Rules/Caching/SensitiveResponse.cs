using System;
using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Caching;

/// <summary>
/// The caching rules' "sensitive response" heuristics, asked of an endpoint the shared locator found: a route word
/// that names authentication, a cookie set by the handler, a credential-named value written to the response.
/// </summary>
internal sealed class SensitiveResponse
{
    private static readonly ImmutableHashSet<string> SensitiveRouteWords = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "auth", "oauth", "login", "logout", "signin", "signout", "token", "session", "account", "password",
        "auths", "oauths", "logins", "logouts", "signins", "signouts", "tokens", "sessions", "accounts", "passwords");

    private static readonly char[] RouteSeparators = ['/', '-', '_', '.'];

    private readonly KnownTypes _types;
    private readonly HeaderModel _headers;

    public SensitiveResponse(KnownTypes types, HeaderModel headers)
    {
        _types = types;
        _headers = headers;
    }

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

        foreach (var operation in OperationWalk.Below(body))
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

        foreach (var operation in OperationWalk.Below(body))
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
}
