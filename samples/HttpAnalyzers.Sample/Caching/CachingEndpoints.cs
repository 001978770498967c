using Microsoft.Net.Http.Headers;

namespace HttpAnalyzers.Sample.Caching;

/// <summary>Minimal-API endpoints that trip the caching rules (HTTP0010–HTTP0014).</summary>
public static class CachingEndpoints
{
    public static IEndpointRouteBuilder MapCachingSamples(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/caching/auth");

        // HTTP0010: the token is still written to browser and proxy caches with 'no-cache'.
        auth.MapPost("/token", (HttpContext context) =>
        {
            var accessToken = Guid.NewGuid().ToString("N");
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Ok(new { accessToken, expiresIn = 3600 });
        });

        // HTTP0011: a per-user response that a CDN may serve to the next user.
        app.MapGet("/caching/me/orders", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=60";
            return Results.Ok(new[] { "order-1", "order-2" });
        }).RequireAuthorization();

        // HTTP0012, HTTP0013, HTTP0014: an unquoted ETag, a string If-None-Match comparison, a local-time date.
        app.MapGet("/caching/documents/{id:int}", (int id, HttpContext context) =>
        {
            var version = id * 7;
            var etag = $"\"{version}\"";
            if (context.Request.Headers.IfNoneMatch == etag)
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            context.Response.Headers.ETag = version.ToString();
            context.Response.Headers.LastModified = DateTime.Now.ToString("R");
            return Results.Ok(new { id, version });
        });

        return app;
    }
}
