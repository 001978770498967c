using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HttpAnalyzers.Sample.Semantics;

/// <summary>HTTP0055: a signed-in caller without permission gets 401, so the client signs the user out.</summary>
[ApiController]
[Authorize]
[Route("api/semantics/documents")]
public class DocumentsController : ControllerBase
{
    [HttpDelete("{id}")]
    public IActionResult Delete(int id, string owner)
    {
        if (owner != User.Identity?.Name)
        {
            return Unauthorized(); // HTTP0055: answer Forbid()
        }

        return NoContent();
    }
}

/// <summary>HTTP0052 in middleware, HTTP0054 in the service registrations.</summary>
public static class MethodAndStatusSamples
{
    public static IServiceCollection AddSemanticsSamples(this IServiceCollection services)
    {
        services.AddAntiforgery();
        services.AddResponseCompression(options => options.EnableForHttps = true); // HTTP0054: BREACH
        return services;
    }

    public static IApplicationBuilder UseMethodAudit(this IApplicationBuilder app)
        => app.Use(async (context, next) =>
        {
            if (context.Request.Method == "POST") // HTTP0052: HttpMethods.IsPost(context.Request.Method)
            {
                context.Items["audit"] = true;
            }

            await next(context);
        });
}
