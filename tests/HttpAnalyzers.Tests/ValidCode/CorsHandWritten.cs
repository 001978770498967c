// Hand-written CORS done right: an allow-list, Vary: Origin, preflight answered, credentials only for listed origins.
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Net.Http.Headers;

namespace ValidCode.CorsHandWritten;

public sealed class AllowListCorsMiddleware(RequestDelegate next, IConfiguration configuration)
{
    private readonly HashSet<string> _allowed = new(configuration.GetSection("Cors:Origins").Get<string[]>() ?? [], StringComparer.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Origin);
        if (origin.Length > 0 && _allowed.Contains(origin))
        {
            context.Response.Headers.AccessControlAllowOrigin = origin;
            context.Response.Headers.AccessControlAllowCredentials = "true";
        }

        if (HttpMethods.IsOptions(context.Request.Method))
        {
            context.Response.Headers.AccessControlAllowMethods = "GET, POST, PUT, DELETE";
            context.Response.Headers.AccessControlAllowHeaders = "Content-Type, Authorization";
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }

        return next(context);
    }
}

public sealed class PublicDataFilter : IResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
        => context.HttpContext.Response.Headers.AccessControlAllowOrigin = "*";

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}

public static class FixedOriginHandler
{
    public static IResult Get(HttpResponse response)
    {
        response.Headers[HeaderNames.AccessControlAllowOrigin] = "https://app.example.com";
        response.Headers[HeaderNames.AccessControlAllowCredentials] = "true";
        return Results.Ok();
    }
}
