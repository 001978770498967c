using Microsoft.CodeAnalysis;

namespace HttpAnalyzers.Infrastructure;

/// <summary>Types of the shared endpoint locator (<see cref="Endpoints"/>, <see cref="EndpointFacts"/>): handlers, filters, middleware and authorization conventions.</summary>
internal sealed partial class KnownTypes
{
    // MVC verbs and filters
    public INamedTypeSymbol? AcceptVerbsAttribute => Type("Microsoft.AspNetCore.Mvc.AcceptVerbsAttribute");
    public INamedTypeSymbol? IFilterMetadata => Type("Microsoft.AspNetCore.Mvc.Filters.IFilterMetadata");

    // Minimal-API endpoint filters
    public INamedTypeSymbol? IEndpointFilter => Type("Microsoft.AspNetCore.Http.IEndpointFilter");
    public INamedTypeSymbol? EndpointFilterExtensions => Type("Microsoft.AspNetCore.Http.EndpointFilterExtensions");

    // Endpoints mapped for controllers and pages, and their conventions
    public INamedTypeSymbol? ControllerEndpointRouteBuilderExtensions => Type("Microsoft.AspNetCore.Builder.ControllerEndpointRouteBuilderExtensions");
    public INamedTypeSymbol? RazorPagesEndpointRouteBuilderExtensions => Type("Microsoft.AspNetCore.Builder.RazorPagesEndpointRouteBuilderExtensions");
    public INamedTypeSymbol? PageConventionCollectionExtensions => Type("Microsoft.Extensions.DependencyInjection.PageConventionCollectionExtensions");

    // Authorization policies (AuthorizationOptions and AuthorizationBuilder are in KnownTypes.Cors.cs)
    public INamedTypeSymbol? AuthorizationPolicyBuilder => Type("Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder");
}
