// A Startup-based MVC app: [EnableCors]/[DisableCors] on controllers, explicit routing, UseCors between routing and auth.
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace ValidCode.CorsStartup;

public static class Policies
{
    public const string Frontend = "Frontend";
    public const string Admin = "Admin";
}

public class Startup(IConfiguration configuration)
{
    public void ConfigureServices(IServiceCollection services)
    {
        services.AddControllers();
        services.AddAuthentication();
        services.AddCors(options =>
        {
            options.AddPolicy(Policies.Frontend, ConfigureFrontend);
            options.AddPolicy(Policies.Admin, policy =>
            {
                policy.WithOrigins(configuration["Cors:AdminOrigin"]!);
                WithCookies(policy);
            });
        });
        services.Configure<CorsOptions>(options => options.AddPolicy("Reports", policy => policy.WithOrigins("https://reports.example.com:8443")));
    }

    private static void ConfigureFrontend(CorsPolicyBuilder policy)
        => policy.WithOrigins("https://app.example.com", "https://www.example.com").AllowAnyHeader();

    private static void WithCookies(CorsPolicyBuilder policy) => policy.AllowCredentials().AllowAnyMethod();

    public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
    {
        if (env.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }

        app.UseRouting();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseEndpoints(endpoints =>
        {
            endpoints.MapControllers();
            endpoints.MapGet("/reports", () => "reports").RequireCors("Reports");
        });
    }
}

[ApiController, Route("orders"), EnableCors(Policies.Frontend), Authorize]
public class OrdersController : ControllerBase
{
    [HttpGet] public IActionResult Get() => Ok();

    [HttpDelete("{id}"), EnableCors(PolicyName = Policies.Admin)] public IActionResult Delete(int id) => NoContent();

    [HttpGet("internal"), DisableCors] public IActionResult Internal() => Ok();
}
