// A correct minimal-API app: CORS before authorization, secure cookies, no-store on credentials,
// Retry-After on 429, quoted ETags, HTTP dates in GMT.
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using SameSiteMode = Microsoft.AspNetCore.Http.SameSiteMode;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCors(options => options.AddPolicy("spa", policy => policy
    .WithOrigins("https://app.example.com", "https://admin.example.com")
    .AllowAnyHeader()
    .AllowAnyMethod()
    .AllowCredentials()));
builder.Services.AddAuthentication().AddCookie(options =>
{
    options.Cookie.Name = "__Host-auth";
    options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
    options.Cookie.HttpOnly = true;
    options.Cookie.SameSite = SameSiteMode.Lax;
});
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseHttpsRedirection();
app.UseRouting();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();

var api = app.MapGroup("/api").RequireCors("spa");

api.MapGet("/products/{id:int}", (int id, HttpContext context) =>
{
    var product = new Product(id, "Keyboard", 49.90m, DateTimeOffset.UtcNow.AddDays(-3));
    var etag = new EntityTagHeaderValue("\"" + product.Version + "\"");
    var headers = context.Response.GetTypedHeaders();
    headers.ETag = etag;
    headers.LastModified = product.UpdatedAt;
    var requestHeaders = context.Request.GetTypedHeaders();
    if (requestHeaders.IfNoneMatch.Any(t => t.Compare(etag, useStrongComparison: false)))
    {
        return Results.StatusCode(StatusCodes.Status304NotModified);
    }

    return Results.Ok(product);
});

api.MapPost("/session", (LoginRequest login, HttpContext context) =>
{
    var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    context.Response.Headers.CacheControl = "no-store";
    context.Response.Cookies.Append("__Host-session", token, new CookieOptions
    {
        Secure = true,
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
    });
    return Results.Ok(new { login.UserName });
}).AllowAnonymous();

api.MapGet("/me", [Authorize] (HttpContext context) =>
{
    context.Response.Headers.CacheControl = "private, no-store";
    return Results.Ok(new { name = context.User.Identity?.Name });
});

api.MapPost("/reports", (HttpContext context) =>
{
    context.Response.Headers.RetryAfter = "120";
    return Results.StatusCode(StatusCodes.Status429TooManyRequests);
});

app.Run();

internal sealed record Product(int Id, string Name, decimal Price, DateTimeOffset UpdatedAt)
{
    public string Version => UpdatedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed record LoginRequest(string UserName, string Password);
