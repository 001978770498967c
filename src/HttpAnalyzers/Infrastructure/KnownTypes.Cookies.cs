using Microsoft.CodeAnalysis;

namespace HttpAnalyzers.Infrastructure;

/// <summary>Cookie types: the response cookie collection, cookie options and builders, the cookie policy and the hosts of cookie builders.</summary>
internal sealed partial class KnownTypes
{
    public INamedTypeSymbol? IResponseCookies => Type("Microsoft.AspNetCore.Http.IResponseCookies");
    public INamedTypeSymbol? CookieOptions => Type("Microsoft.AspNetCore.Http.CookieOptions");
    public INamedTypeSymbol? SameSiteMode => Type("Microsoft.AspNetCore.Http.SameSiteMode");
    public INamedTypeSymbol? CookieBuilder => Type("Microsoft.AspNetCore.Http.CookieBuilder");
    public INamedTypeSymbol? CookieSecurePolicy => Type("Microsoft.AspNetCore.Http.CookieSecurePolicy");
    public INamedTypeSymbol? HttpOnlyPolicy => Type("Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy");
    public INamedTypeSymbol? CookiePolicyOptions => Type("Microsoft.AspNetCore.Builder.CookiePolicyOptions");
    public INamedTypeSymbol? CookiePolicyAppBuilderExtensions => Type("Microsoft.AspNetCore.Builder.CookiePolicyAppBuilderExtensions");
    public INamedTypeSymbol? CookiePolicyServiceCollectionExtensions => Type("Microsoft.Extensions.DependencyInjection.CookiePolicyServiceCollectionExtensions");
    public INamedTypeSymbol? CookieAuthenticationOptions => Type("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions");
    public INamedTypeSymbol? CookieExtensions => Type("Microsoft.Extensions.DependencyInjection.CookieExtensions");
    public INamedTypeSymbol? SessionOptions => Type("Microsoft.AspNetCore.Builder.SessionOptions");
    public INamedTypeSymbol? SessionServiceCollectionExtensions => Type("Microsoft.Extensions.DependencyInjection.SessionServiceCollectionExtensions");
    public INamedTypeSymbol? AntiforgeryOptions => Type("Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions");
    public INamedTypeSymbol? AntiforgeryServiceCollectionExtensions => Type("Microsoft.Extensions.DependencyInjection.AntiforgeryServiceCollectionExtensions");
    public INamedTypeSymbol? IdentityServiceCollectionExtensions => Type("Microsoft.Extensions.DependencyInjection.IdentityServiceCollectionExtensions");
    public INamedTypeSymbol? RemoteAuthenticationOptions => Type("Microsoft.AspNetCore.Authentication.RemoteAuthenticationOptions");
    public INamedTypeSymbol? OpenIdConnectOptions => Type("Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions");
    public INamedTypeSymbol? CookieTempDataProviderOptions => Type("Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions");
}
