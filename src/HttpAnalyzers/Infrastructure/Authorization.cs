using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Infrastructure;

/// <summary>
/// What makes an endpoint require authorization, symbol by symbol: <c>[Authorize]</c> (any <c>IAuthorizeData</c>),
/// <c>[AllowAnonymous]</c> (any <c>IAllowAnonymous</c>), and the <c>RequireAuthorization()</c> /
/// <c>AllowAnonymous()</c> endpoint conventions. Any <c>[AllowAnonymous]</c> in an endpoint's metadata skips
/// authorization, wherever it sits (controller, action, group, endpoint).
/// </summary>
internal sealed class Authorization
{
    private readonly INamedTypeSymbol? _authorizeData;
    private readonly INamedTypeSymbol? _allowAnonymous;
    private readonly INamedTypeSymbol? _conventions;

    private Authorization(KnownTypes types)
    {
        _authorizeData = types.IAuthorizeData;
        _allowAnonymous = types.IAllowAnonymous;
        _conventions = types.AuthorizationEndpointConventionBuilderExtensions;
    }

    /// <summary>Null when the compilation has no ASP.NET Core authorization types.</summary>
    public static Authorization? Create(KnownTypes types)
        => types.IAuthorizeData is null || types.IAllowAnonymous is null ? null : new Authorization(types);

    /// <summary>The symbol (method, class, lambda) carries <c>[Authorize]</c> or an attribute implementing <c>IAuthorizeData</c>.</summary>
    public bool HasAuthorize(ISymbol symbol) => HasAttributeImplementing(symbol, _authorizeData);

    /// <summary>The symbol carries <c>[AllowAnonymous]</c> or an attribute implementing <c>IAllowAnonymous</c>.</summary>
    public bool HasAllowAnonymous(ISymbol symbol) => HasAttributeImplementing(symbol, _allowAnonymous);

    /// <summary>A class or any of its base classes carries the attribute (MVC reads controller attributes with inheritance).</summary>
    public bool TypeHasAuthorize(INamedTypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (HasAuthorize(current))
            {
                return true;
            }
        }

        return false;
    }

    public bool TypeHasAllowAnonymous(INamedTypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (HasAllowAnonymous(current))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An MVC action or Razor Page handler method requires authorization: <c>[Authorize]</c> on it or its class, and <c>[AllowAnonymous]</c> on neither.</summary>
    public bool ActionRequiresAuthorization(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (HasAllowAnonymous(method) || TypeHasAllowAnonymous(type))
        {
            return false;
        }

        return HasAuthorize(method) || TypeHasAuthorize(type);
    }

    /// <summary>A controller or page model requires authorization for all its handlers: <c>[Authorize]</c> on it or a base class, and no <c>[AllowAnonymous]</c> there.</summary>
    public bool TypeRequiresAuthorization(INamedTypeSymbol? type) => TypeHasAuthorize(type) && !TypeHasAllowAnonymous(type);

    /// <summary><c>RequireAuthorization(…)</c> on an endpoint or route group convention builder.</summary>
    public bool IsRequireAuthorization(IInvocationOperation invocation) => invocation.TargetMethod.IsMethod(_conventions, "RequireAuthorization");

    /// <summary><c>AllowAnonymous()</c> on an endpoint or route group convention builder.</summary>
    public bool IsAllowAnonymous(IInvocationOperation invocation) => invocation.TargetMethod.IsMethod(_conventions, "AllowAnonymous");

    private static bool HasAttributeImplementing(ISymbol symbol, INamedTypeSymbol? target)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass.IsOrImplements(target))
            {
                return true;
            }
        }

        return false;
    }
}
