// A minimal-API app with a correct CORS setup: named and default policies, UseCors before authentication and
// authorization, endpoint metadata through RequireCors on route groups, protected endpoints.
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Cors.Infrastructure;

const string FrontendPolicy = "Frontend";

var builder = WebApplication.CreateBuilder(args);
var origins = builder.Configuration.GetSection("Cors:Origins").Get<string[]>() ?? [];

builder.Services.AddCors(options =>
{
    options.AddDefaultPolicy(policy => policy.WithOrigins("https://app.example.com").AllowAnyHeader());
    options.AddPolicy(FrontendPolicy, policy => policy
        .WithOrigins("https://app.example.com", "http://localhost:5173")
        .AllowAnyHeader()
        .AllowAnyMethod()
        .AllowCredentials());
    options.AddPolicy("Partners", policy => policy.WithOrigins(origins).AllowCredentials());
    options.AddPolicy("Public", policy => policy.AllowAnyOrigin().WithMethods("GET"));
    options.AddPolicy("Subdomains", policy => policy
        .WithOrigins("https://*.example.com")
        .SetIsOriginAllowedToAllowWildcardSubdomains()
        .AllowCredentials());
});
builder.Services.AddAuthentication();
builder.Services.AddAuthorization();

var app = builder.Build();

if (app.Environment.IsDevelopment())
{
    app.UseDeveloperExceptionPage();
}

app.UseHttpsRedirection();
app.UseRouting();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();

var api = app.MapGroup("/api").RequireCors(FrontendPolicy).RequireAuthorization();
api.MapGet("/orders", () => Results.Ok(Array.Empty<string>()));
api.MapPost("/orders", (Order order) => Results.Created($"/api/orders/{order.Id}", order));

app.MapGroup("/partners").RequireCors("Partners").MapGet("/", [Authorize] () => "partners");
app.MapGet("/status", () => "ok").RequireCors("Public");
app.MapGet("/public", () => "hello").RequireCors(policy => policy.AllowAnyOrigin());

app.Run();

internal sealed record Order(int Id, string Product);

internal static class CorsPolicyHelpers
{
    public static void Apply(CorsPolicyBuilder policy) => policy.WithOrigins("https://admin.example.com").AllowCredentials();
}
