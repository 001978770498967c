using Microsoft.CodeAnalysis;

namespace HttpAnalyzers.Infrastructure;

/// <summary>The types of the CORS and preflight rules (HTTP0030–HTTP0035) and of the app pipeline model.</summary>
internal sealed partial class KnownTypes
{
    // CORS
    public INamedTypeSymbol? CorsPolicyBuilder => Type("Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicyBuilder");
    public INamedTypeSymbol? CorsOptions => Type("Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions");
    public INamedTypeSymbol? ICorsPolicyProvider => Type("Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider");
    public INamedTypeSymbol? CorsMiddlewareExtensions => Type("Microsoft.AspNetCore.Builder.CorsMiddlewareExtensions");
    public INamedTypeSymbol? CorsEndpointConventionBuilderExtensions => Type("Microsoft.AspNetCore.Builder.CorsEndpointConventionBuilderExtensions");
    public INamedTypeSymbol? CorsServiceCollectionExtensions => Type("Microsoft.Extensions.DependencyInjection.CorsServiceCollectionExtensions");
    public INamedTypeSymbol? EnableCorsAttribute => Type("Microsoft.AspNetCore.Cors.EnableCorsAttribute");

    // Pipeline middleware
    public INamedTypeSymbol? EndpointRoutingApplicationBuilderExtensions => Type("Microsoft.AspNetCore.Builder.EndpointRoutingApplicationBuilderExtensions");
    public INamedTypeSymbol? AuthAppBuilderExtensions => Type("Microsoft.AspNetCore.Builder.AuthAppBuilderExtensions");
    public INamedTypeSymbol? AuthorizationAppBuilderExtensions => Type("Microsoft.AspNetCore.Builder.AuthorizationAppBuilderExtensions");
    public INamedTypeSymbol? ResponseCachingExtensions => Type("Microsoft.AspNetCore.Builder.ResponseCachingExtensions");

    // Services that register authentication / authorization
    public INamedTypeSymbol? PolicyServiceCollectionExtensions => Type("Microsoft.Extensions.DependencyInjection.PolicyServiceCollectionExtensions");
    public INamedTypeSymbol? AuthorizationServiceCollectionExtensions => Type("Microsoft.Extensions.DependencyInjection.AuthorizationServiceCollectionExtensions");
    public INamedTypeSymbol? MvcServiceCollectionExtensions => Type("Microsoft.Extensions.DependencyInjection.MvcServiceCollectionExtensions");
    public INamedTypeSymbol? AuthenticationServiceCollectionExtensions => Type("Microsoft.Extensions.DependencyInjection.AuthenticationServiceCollectionExtensions");
    public INamedTypeSymbol? AuthenticationCoreServiceCollectionExtensions => Type("Microsoft.Extensions.DependencyInjection.AuthenticationCoreServiceCollectionExtensions");
    public INamedTypeSymbol? IdentityServiceCollectionUIExtensions => Type("Microsoft.Extensions.DependencyInjection.IdentityServiceCollectionUIExtensions");
    public INamedTypeSymbol? AuthorizationOptions => Type("Microsoft.AspNetCore.Authorization.AuthorizationOptions");
    public INamedTypeSymbol? AuthorizationBuilder => Type("Microsoft.AspNetCore.Authorization.AuthorizationBuilder");

    // Static files (fetched with simple GET requests that need no preflight)
    public INamedTypeSymbol? StaticFileOptions => Type("Microsoft.AspNetCore.Builder.StaticFileOptions");

    // Preflight handling
    public INamedTypeSymbol? HttpOptionsAttribute => Type("Microsoft.AspNetCore.Mvc.HttpOptionsAttribute");
}
