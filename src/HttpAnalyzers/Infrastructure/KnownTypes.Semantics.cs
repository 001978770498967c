using Microsoft.CodeAnalysis;

namespace HttpAnalyzers.Infrastructure;

/// <summary>Types of the method and response semantics rules (HTTP0052, HTTP0054, HTTP0055).</summary>
internal sealed partial class KnownTypes
{
    // HTTP0054: response compression
    public INamedTypeSymbol? ResponseCompressionOptions => Type("Microsoft.AspNetCore.ResponseCompression.ResponseCompressionOptions");

    // HTTP0055: 401 results and their 403 counterparts
    public INamedTypeSymbol? UnauthorizedResult => Type("Microsoft.AspNetCore.Mvc.UnauthorizedResult");
    public INamedTypeSymbol? UnauthorizedObjectResult => Type("Microsoft.AspNetCore.Mvc.UnauthorizedObjectResult");
    public INamedTypeSymbol? StatusCodeResult => Type("Microsoft.AspNetCore.Mvc.StatusCodeResult");
    public INamedTypeSymbol? MvcActionResult => Type("Microsoft.AspNetCore.Mvc.ActionResult");
    public INamedTypeSymbol? MvcActionResultOfT => Type("Microsoft.AspNetCore.Mvc.ActionResult`1");
}
