// Pipelines that put UseCors in the right place through wrappers and branches, with their own authorization.
namespace ValidCode.CorsPipelines;

public static class PipelineExtensions
{
    public static IApplicationBuilder UseFrontendCors(this IApplicationBuilder app)
        => app.UseCors(policy => policy.WithOrigins("https://app.example.com").AllowAnyHeader());

    public static IApplicationBuilder UseApiSecurity(this IApplicationBuilder app)
    {
        app.UseFrontendCors();
        app.UseAuthentication();
        return app.UseAuthorization();
    }
}

public class Startup
{
    public void ConfigureServices(IServiceCollection services)
    {
        services.AddCors();
        services.AddAuthorization();
        services.AddResponseCaching();
    }

    public void Configure(IApplicationBuilder app)
    {
        app.Map("/admin", admin =>
        {
            admin.UseRouting();
            admin.UseCors(policy => policy.WithOrigins("https://admin.example.com"));
            admin.UseAuthorization();
            admin.UseEndpoints(endpoints => endpoints.MapGet("/", () => "admin"));
        });

        app.UseRouting();
        app.UseApiSecurity();
        app.UseResponseCaching();
        app.UseEndpoints(endpoints => endpoints.MapGet("/", () => "hi"));
    }
}
