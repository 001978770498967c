using Microsoft.CodeAnalysis;

namespace HttpAnalyzers.Infrastructure;

/// <summary>Types of the HttpClient family's response and request-header rules (HTTP0040, HTTP0041, HTTP0042, HTTP0046, HTTP0048).</summary>
internal sealed partial class KnownTypes
{
    // Reading a response body
    public INamedTypeSymbol? HttpContentJsonExtensions => Type("System.Net.Http.Json.HttpContentJsonExtensions");
    public INamedTypeSymbol? StreamReader => Type("System.IO.StreamReader");
    public INamedTypeSymbol? TextReader => Type("System.IO.TextReader");
    public INamedTypeSymbol? SseParser => Type("System.Net.ServerSentEvents.SseParser");

    // Request and content headers
    public INamedTypeSymbol? HttpContentHeaders => Type("System.Net.Http.Headers.HttpContentHeaders");
    public INamedTypeSymbol? HttpHeaderValueCollectionOfT => Type("System.Net.Http.Headers.HttpHeaderValueCollection`1");
    public INamedTypeSymbol? HttpClientBuilderExtensions => Type("Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions");
}
