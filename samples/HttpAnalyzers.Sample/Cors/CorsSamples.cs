using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Mvc;

namespace HttpAnalyzers.Sample.Cors;

/// <summary>CORS set up the ways that break browsers or open the API to any site (HTTP0030–HTTP0035).</summary>
public static class CorsSamples
{
    public const string FrontendPolicy = "Frontend";

    public static void AddCorsSamples(IServiceCollection services)
        // HTTP0032: CORS is configured, but UseCors is never called in the app's pipeline.
        => services.AddCors(options =>
        {
            // HTTP0031: a trailing slash and the default port never match the Origin header a browser sends.
            options.AddPolicy(FrontendPolicy, policy => policy
                .WithOrigins("https://app.example.com/", "https://admin.example.com:443")
                .AllowAnyHeader());

            // HTTP0030: a predicate that accepts every origin, together with credentials.
            options.AddPolicy("Widgets", policy => policy
                .SetIsOriginAllowed(_ => true)
                .AllowCredentials());
        });

    public static void MapCorsSamples(WebApplication app)
    {
        // HTTP0033: "Frontnd" is not a defined policy.
        app.MapGet("/cors/orders", () => Results.Ok(Array.Empty<string>())).RequireCors("Frontnd");
        app.UseMiddleware<EchoOriginMiddleware>();
    }
}

/// <summary>Hand-written CORS headers.</summary>
public sealed class EchoOriginMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        // HTTP0034: nothing answers the preflight OPTIONS request.
        // HTTP0035: the echoed origin is sent without Vary: Origin.
        context.Response.Headers.AccessControlAllowOrigin = context.Request.Headers.Origin;
        return next(context);
    }
}

[ApiController]
[Route("cors/partners")]
[EnableCors("Partner")] // HTTP0033: no policy named "Partner".
public sealed class PartnersController : ControllerBase
{
    [HttpGet]
    public IActionResult Get() => Ok();
}
