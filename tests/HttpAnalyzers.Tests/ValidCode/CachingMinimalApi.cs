using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace ValidCode.Caching;

public static class CachingEndpoints
{
    public static IEndpointRouteBuilder MapCachingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/authors", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "public, max-age=300";
            return Results.Ok(new[] { "Ada", "Grace" });
        });

        app.MapGet("/api/products", (HttpContext context, CancellationToken cancellationToken) =>
        {
            context.Response.Headers.CacheControl = "no-cache";
            var tokenCount = 3;
            return Results.Ok(new { tokenCount });
        });

        var account = app.MapGroup("/account").RequireAuthorization();
        account.MapGet("/profile", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "no-store, no-cache";
            return Results.Ok(new { Name = "n" });
        });
        account.MapPost("/token", (HttpResponse response) =>
        {
            var accessToken = Guid.NewGuid().ToString("N");
            response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { NoStore = true };
            return Results.Ok(new { accessToken });
        });

        app.MapGet("/files/{name}", (string name, HttpContext context) =>
        {
            var info = new FileInfo(Path.Combine("wwwroot", name));
            if (!info.Exists)
            {
                return Results.NotFound();
            }

            var etag = new EntityTagHeaderValue("\"" + info.Length.ToString(CultureInfo.InvariantCulture) + "-" + info.LastWriteTimeUtc.Ticks + "\"");
            var requestHeaders = context.Request.GetTypedHeaders();
            if (requestHeaders.IfNoneMatch.Any(t => t.Compare(etag, useStrongComparison: false)))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            var responseHeaders = context.Response.GetTypedHeaders();
            responseHeaders.ETag = etag;
            responseHeaders.LastModified = info.LastWriteTime;
            context.Response.Headers.Date = DateTime.UtcNow.ToString("R");
            context.Response.Headers.Expires = info.LastWriteTime.ToUniversalTime().AddDays(1).ToString("R");
            return Results.File(info.FullName, "application/octet-stream", lastModified: info.LastWriteTimeUtc, entityTag: etag);
        });

        app.MapGet("/feed", (HttpContext context) =>
        {
            var version = 7;
            var tag = $"W/\"{version}\"";
            context.Response.Headers.ETag = tag;
            context.Response.Headers.RetryAfter = "120";
            return TypedResults.Ok("feed");
        });

        return app;
    }
}

public sealed class CacheHeadersMiddleware
{
    private readonly RequestDelegate _next;

    public CacheHeadersMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            if (!context.Response.Headers.ContainsKey(HeaderNames.CacheControl))
            {
                context.Response.Headers.CacheControl = "no-cache";
            }

            return Task.CompletedTask;
        });
        await _next(context);
    }
}

public sealed class ConditionalClient
{
    private readonly HttpClient _client;
    private System.Net.Http.Headers.EntityTagHeaderValue? _etag;
    private DateTimeOffset? _lastModified;

    public ConditionalClient(HttpClient client) => _client = client;

    public async Task<string?> GetAsync(string url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true };
        if (_etag is not null)
        {
            request.Headers.IfNoneMatch.Add(_etag);
        }

        if (_lastModified is { } lastModified)
        {
            request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified.ToString("R"));
        }

        using var response = await _client.SendAsync(request, cancellationToken);
        _etag = response.Headers.ETag;
        _lastModified = response.Content.Headers.LastModified;
        return response.StatusCode == System.Net.HttpStatusCode.NotModified ? null : await response.Content.ReadAsStringAsync(cancellationToken);
    }
}
