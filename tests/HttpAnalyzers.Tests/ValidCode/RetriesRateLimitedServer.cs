// Server code that rate-limits and tells clients when to come back.
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace ValidCode.Retries.Server;

public static class RateLimitingSetup
{
    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services)
        => services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddFixedWindowLimiter("api", o =>
            {
                o.PermitLimit = 100;
                o.Window = TimeSpan.FromMinutes(1);
            });
            options.OnRejected = (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(NumberFormatInfo.InvariantInfo);
                }

                return ValueTask.CompletedTask;
            };
        });

    public static void MapMaintenance(this IEndpointRouteBuilder app)
    {
        app.MapGet("/maintenance", (HttpContext context) =>
        {
            context.Response.Headers.RetryAfter = "600";
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/teapot", () => Results.StatusCode(418));
    }
}

[ApiController]
[Route("exports")]
public sealed class ExportsController : ControllerBase
{
    [HttpPost]
    public IActionResult Start([FromQuery] bool busy)
    {
        if (busy)
        {
            Response.Headers.RetryAfter = "30";
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        return Accepted();
    }
}

public sealed class MaintenanceMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/down"))
        {
            context.Response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.RetryAfter, "120");
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        await next(context);
    }
}
