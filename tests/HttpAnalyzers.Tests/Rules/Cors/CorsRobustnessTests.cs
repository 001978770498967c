using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Cors;

/// <summary>The CORS analyzers never throw on code being typed (missing arguments, unresolved symbols, broken syntax).</summary>
public class CorsRobustnessTests
{
    [Theory]
    [InlineData("var app = WebApplication.CreateBuilder(args).Build(); app.UseAuthorization(); app.UseCors(")]
    [InlineData("var b = WebApplication.CreateBuilder(args); b.Services.AddCors(o => o.AddPolicy(")]
    [InlineData("var b = WebApplication.CreateBuilder(args); b.Services.AddCors(o => o.AddPolicy(\"x\", p => p.WithOrigins(")]
    [InlineData("var b = WebApplication.CreateBuilder(args); b.Services.AddCors(o => o.AddPolicy(Name, p => p.WithOrigins(Missing, \"https://a/\").SetIsOriginAllowed(Unknown).AllowCredentials()));")]
    [InlineData("var b = WebApplication.CreateBuilder(args); b.Services.AddCors(o => o.AddDefaultPolicy(p => p.SetIsOriginAllowed(o => ).AllowCredentials()));")]
    [InlineData("class C { void M(HttpContext c) { c.Response.Headers[] = c.Request.Headers.Origin; c.Response.Headers.Append(\"Access-Control-Allow-Origin\"); } }")]
    [InlineData("class C { void M(HttpContext c) { c.Response.Headers[\"Access-Control-Allow-Origin\"] = ; c.Response.Headers.AccessControlAllowCredentials = \"true\"; } }")]
    [InlineData("[Microsoft.AspNetCore.Cors.EnableCors(PolicyName = )] class C { }")]
    [InlineData("[Microsoft.AspNetCore.Cors.EnableCors(Missing)] class C { } class S { void M(IServiceCollection s) => s.AddCors(o => o.AddPolicy(\"a\", p => { })); }")]
    [InlineData("class Startup { public void Configure(IApplicationBuilder app) { app.UseRouting(); app.UseAuthorization(); app.UseCors(\"a\").; app.UseEndpoints(); } }")]
    [InlineData("static class E { public static IApplicationBuilder UseX(this IApplicationBuilder app) => app.UseX(); } class S { void C(IApplicationBuilder app) { app.UseAuthorization(); app.UseX(); } }")]
    public async Task Incomplete_code_does_not_crash(string source)
    {
        var project = TestWorkspace.CreateProject([source]);
        await TestWorkspace.GetAnalyzerDiagnosticsAsync(project);
    }
}
