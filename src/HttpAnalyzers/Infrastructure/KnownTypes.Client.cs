using Microsoft.CodeAnalysis;

namespace HttpAnalyzers.Infrastructure;

/// <summary>Types of the HttpClient family's registration and instance models: the client builder, factory options, DI lifetimes, URIs.</summary>
internal sealed partial class KnownTypes
{
    public INamedTypeSymbol? HttpClientFactoryOptions => Type("Microsoft.Extensions.Http.HttpClientFactoryOptions");
    public INamedTypeSymbol? ServiceCollectionServiceExtensions => Type("Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions");
    public INamedTypeSymbol? ServiceCollectionDescriptorExtensions => Type("Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions");
    public INamedTypeSymbol? ServiceCollectionHostedServiceExtensions => Type("Microsoft.Extensions.DependencyInjection.ServiceCollectionHostedServiceExtensions");
    public INamedTypeSymbol? IHostedService => Type("Microsoft.Extensions.Hosting.IHostedService");
    public INamedTypeSymbol? ThreadingTimeout => Type("System.Threading.Timeout");
    public INamedTypeSymbol? LazyOfT => Type("System.Lazy`1");
    public INamedTypeSymbol? Uri => Type("System.Uri");
    public INamedTypeSymbol? UriKind => Type("System.UriKind");
}
