using Microsoft.CodeAnalysis;

namespace HttpAnalyzers.Infrastructure;

/// <summary>Types of the response-started model (HTTP0051) and of HTTP-method attributes and action results (HTTP0050, HTTP0053).</summary>
internal sealed partial class KnownTypes
{
    public INamedTypeSymbol? SendFileResponseExtensions => Type("Microsoft.AspNetCore.Http.SendFileResponseExtensions");
    public INamedTypeSymbol? UseExtensions => Type("Microsoft.AspNetCore.Builder.UseExtensions");
    public INamedTypeSymbol? ResultExecutionDelegate => Type("Microsoft.AspNetCore.Mvc.Filters.ResultExecutionDelegate");
    public INamedTypeSymbol? Stream => Type("System.IO.Stream");
    public INamedTypeSymbol? PipeWriter => Type("System.IO.Pipelines.PipeWriter");
    public INamedTypeSymbol? HttpGetAttribute => Type("Microsoft.AspNetCore.Mvc.HttpGetAttribute");
    public INamedTypeSymbol? HttpHeadAttribute => Type("Microsoft.AspNetCore.Mvc.HttpHeadAttribute");
    public INamedTypeSymbol? HttpPostAttribute => Type("Microsoft.AspNetCore.Mvc.HttpPostAttribute");
    public INamedTypeSymbol? ActionResult => Type("Microsoft.AspNetCore.Mvc.ActionResult");
    public INamedTypeSymbol? ActionResultOfT => Type("Microsoft.AspNetCore.Mvc.ActionResult`1");
}
