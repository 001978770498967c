// Correct hand-written middleware: headers set before the body starts, or through OnStarting;
// method checks through HttpMethods; CORS handled by the framework.
namespace ValidCode.Middleware;

public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var response = (HttpResponse)state;
            response.Headers["X-Content-Type-Options"] = "nosniff";
            response.Headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        }, context.Response);

        if (HttpMethods.IsTrace(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        await next(context);

        if (!context.Response.HasStarted)
        {
            context.Response.Headers["X-Processed"] = "1";
        }
    }
}

public sealed class HealthMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path == "/healthz" && HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "text/plain";
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync("ok");
            return;
        }

        await next(context);
    }
}
