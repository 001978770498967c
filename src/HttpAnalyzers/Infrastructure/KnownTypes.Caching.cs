using Microsoft.CodeAnalysis;

namespace HttpAnalyzers.Infrastructure;

/// <summary>Types of the caching rules (HTTP0010–HTTP0014) and of the shared endpoint and response-header models.</summary>
internal sealed partial class KnownTypes
{
    // Typed headers
    public INamedTypeSymbol? CacheControlHeaderValue => Type("Microsoft.Net.Http.Headers.CacheControlHeaderValue");
    public INamedTypeSymbol? EntityTagHeaderValue => Type("Microsoft.Net.Http.Headers.EntityTagHeaderValue");
    public INamedTypeSymbol? SystemCacheControlHeaderValue => Type("System.Net.Http.Headers.CacheControlHeaderValue");
    public INamedTypeSymbol? SystemEntityTagHeaderValue => Type("System.Net.Http.Headers.EntityTagHeaderValue");
    public INamedTypeSymbol? ResponseHeaders => Type("Microsoft.AspNetCore.Http.Headers.ResponseHeaders");
    public INamedTypeSymbol? RequestHeaders => Type("Microsoft.AspNetCore.Http.Headers.RequestHeaders");
    public INamedTypeSymbol? StringSegment => Type("Microsoft.Extensions.Primitives.StringSegment");
    public INamedTypeSymbol? HeaderDictionaryTypeExtensions => Type("Microsoft.AspNetCore.Http.HeaderDictionaryTypeExtensions");

    // MVC response caching
    public INamedTypeSymbol? ResponseCacheAttribute => Type("Microsoft.AspNetCore.Mvc.ResponseCacheAttribute");
    public INamedTypeSymbol? ResponseCacheLocation => Type("Microsoft.AspNetCore.Mvc.ResponseCacheLocation");

    // What a handler writes
    public INamedTypeSymbol? HttpResponseWritingExtensions => Type("Microsoft.AspNetCore.Http.HttpResponseWritingExtensions");
    public INamedTypeSymbol? HttpResponseJsonExtensions => Type("Microsoft.AspNetCore.Http.HttpResponseJsonExtensions");
    public INamedTypeSymbol? AuthenticationHttpContextExtensions => Type("Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions");
    public INamedTypeSymbol? IResult => Type("Microsoft.AspNetCore.Http.IResult");
    public INamedTypeSymbol? SignInHttpResult => Type("Microsoft.AspNetCore.Http.HttpResults.SignInHttpResult");
    public INamedTypeSymbol? MvcSignInResult => Type("Microsoft.AspNetCore.Mvc.SignInResult");
    public INamedTypeSymbol? IAntiforgery => Type("Microsoft.AspNetCore.Antiforgery.IAntiforgery");
    public INamedTypeSymbol? IActionResult => Type("Microsoft.AspNetCore.Mvc.IActionResult");
    public INamedTypeSymbol? IConvertToActionResult => Type("Microsoft.AspNetCore.Mvc.Infrastructure.IConvertToActionResult");
    public INamedTypeSymbol? JsonSerializer => Type("System.Text.Json.JsonSerializer");
    public INamedTypeSymbol? JsonPropertyNameAttribute => Type("System.Text.Json.Serialization.JsonPropertyNameAttribute");
    public INamedTypeSymbol? TaskOfT => Type("System.Threading.Tasks.Task`1");
    public INamedTypeSymbol? ValueTaskOfT => Type("System.Threading.Tasks.ValueTask`1");

    public INamedTypeSymbol? ServerSentEventsResult => Type("Microsoft.AspNetCore.Http.HttpResults.ServerSentEventsResult`1");

    // Dates
    public INamedTypeSymbol? FileSystemInfo => Type("System.IO.FileSystemInfo");
    public INamedTypeSymbol? File => Type("System.IO.File");
    public INamedTypeSymbol? Directory => Type("System.IO.Directory");
    public INamedTypeSymbol? Convert => Type("System.Convert");
    public INamedTypeSymbol? BitConverter => Type("System.BitConverter");
    public INamedTypeSymbol? StringBuilder => Type("System.Text.StringBuilder");
    public INamedTypeSymbol? IFormatProvider => Type("System.IFormatProvider");
    public INamedTypeSymbol? WebEncoders => Type("Microsoft.AspNetCore.WebUtilities.WebEncoders");
    public INamedTypeSymbol? Base64UrlTextEncoder => Type("Microsoft.AspNetCore.Authentication.Base64UrlTextEncoder");
}
