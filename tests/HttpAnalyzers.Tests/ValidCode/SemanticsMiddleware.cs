// Middleware and endpoints that set headers while they still can: before the body starts, in OnStarting callbacks,
// and behind Response.HasStarted checks.
using System.Diagnostics;

var app = WebApplication.Create(args);
app.UseMiddleware<ServerTiming.ServerTimingMiddleware>();
app.UseMiddleware<ServerTiming.ProblemMiddleware>();
app.Use(async (context, next) =>
{
    context.Response.Headers["X-Content-Type-Options"] = "nosniff";
    context.Response.OnStarting(() =>
    {
        context.Response.Headers["X-Served-By"] = Environment.MachineName;
        return Task.CompletedTask;
    });
    await next(context);
});
app.MapGet("/text", async (HttpContext context) =>
{
    context.Response.ContentType = "text/plain; charset=utf-8";
    context.Response.Headers.CacheControl = "no-store";
    await context.Response.WriteAsync("hello");
});
app.MapGet("/download/{name}", async (string name, HttpContext context) =>
{
    if (name.Contains(".."))
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await context.Response.WriteAsync("bad name");
        return;
    }

    context.Response.ContentType = "application/octet-stream";
    context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
    await context.Response.SendFileAsync(Path.Combine("files", name));
});
app.Run();

namespace ServerTiming
{
    public class ServerTimingMiddleware(RequestDelegate next)
    {
        public async Task InvokeAsync(HttpContext context)
        {
            var watch = Stopwatch.StartNew();
            context.Response.OnStarting(() =>
            {
                context.Response.Headers["Server-Timing"] = $"app;dur={watch.Elapsed.TotalMilliseconds:0.0}";
                return Task.CompletedTask;
            });
            await next(context);
        }
    }

    public class ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> logger)
    {
        public async Task InvokeAsync(HttpContext context)
        {
            try
            {
                await next(context);
            }
            catch (Exception exception) when (!context.Response.HasStarted)
            {
                logger.LogError(exception, "Unhandled exception");
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsJsonAsync(new { title = "Server error" });
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Unhandled exception after the response started");
                throw;
            }
        }
    }
}
