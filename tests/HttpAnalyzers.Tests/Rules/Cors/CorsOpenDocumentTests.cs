using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Cors;

/// <summary>
/// CORS findings whose facts live in another file (policy helpers, policy names, the pipeline and its wrappers,
/// preflight handling) show in the open document exactly as in the build.
/// </summary>
public class CorsOpenDocumentTests
{
    private const string PolicyHelper = """
        using Microsoft.AspNetCore.Cors.Infrastructure;

        static class CorsSetup
        {
            public static void AddCredentials(CorsPolicyBuilder policy) => policy.[|AllowCredentials()|];
        }
        """;

    [Fact]
    public Task HTTP0030_credentials_added_by_a_helper_in_another_file() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.CorsAnyOriginWithCredentials),
    [
        PolicyHelper,
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddPolicy("Open", p =>
        {
            p.AllowAnyOrigin();
            CorsSetup.AddCredentials(p);
        }));
        var app = builder.Build();
        app.UseCors("Open");
        app.Run();
        """,
    ]);

    [Fact]
    public Task HTTP0030_helper_with_listed_origins_is_fine() => OpenDocument.VerifySilentAsync(RuleVerifier.For(DiagnosticIds.CorsAnyOriginWithCredentials),
    [
        PolicyHelper.Replace("[|", string.Empty).Replace("|]", string.Empty),
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddPolicy("Frontend", p =>
        {
            p.WithOrigins("https://app.example.com");
            CorsSetup.AddCredentials(p);
        }));
        var app = builder.Build();
        app.UseCors("Frontend");
        app.Run();
        """,
    ]);

    private const string OriginHelper = """
        using Microsoft.AspNetCore.Cors.Infrastructure;

        static class Origins
        {
            public static CorsPolicyBuilder AllowFrontends(CorsPolicyBuilder policy) => policy.WithOrigins([|"https://*.example.com"|]);
        }
        """;

    [Fact]
    public Task HTTP0031_wildcard_origin_in_a_helper_without_the_wildcard_option() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.CorsOriginNeverMatches),
    [
        OriginHelper,
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddPolicy("Frontend", p => Origins.AllowFrontends(p)));
        var app = builder.Build();
        app.UseCors("Frontend");
        app.Run();
        """,
    ]);

    [Fact]
    public Task HTTP0031_wildcard_option_set_in_another_file() => OpenDocument.VerifySilentAsync(RuleVerifier.For(DiagnosticIds.CorsOriginNeverMatches),
    [
        OriginHelper.Replace("[|", string.Empty).Replace("|]", string.Empty),
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddPolicy("Frontend", p =>
        {
            Origins.AllowFrontends(p);
            p.SetIsOriginAllowedToAllowWildcardSubdomains();
        }));
        var app = builder.Build();
        app.UseCors("Frontend");
        app.Run();
        """,
    ]);

    private const string CorsWrapper = """
        static class CorsPipeline
        {
            public static IApplicationBuilder UseFrontendCors(this IApplicationBuilder app) => app.UseCors("Frontend");
        }
        """;

    [Fact]
    public Task HTTP0032_wrapper_in_another_file_runs_after_UseAuthorization() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.CorsMiddlewareMisplaced),
    [
        CorsWrapper,
        """
        class Startup
        {
            public void ConfigureServices(IServiceCollection services) => services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));

            public void Configure(IApplicationBuilder app)
            {
                app.UseRouting();
                app.UseAuthorization();
                app.[|UseFrontendCors()|];
                app.UseEndpoints(e => e.MapGet("/", () => "hi"));
            }
        }
        """,
    ]);

    [Fact]
    public Task HTTP0032_wrapper_in_another_file_in_place() => OpenDocument.VerifySilentAsync(RuleVerifier.For(DiagnosticIds.CorsMiddlewareMisplaced),
    [
        CorsWrapper,
        """
        class Startup
        {
            public void ConfigureServices(IServiceCollection services) => services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));

            public void Configure(IApplicationBuilder app)
            {
                app.UseRouting();
                app.UseFrontendCors();
                app.UseAuthorization();
                app.UseEndpoints(e => e.MapGet("/", () => "hi"));
            }
        }
        """,
    ]);

    [Fact]
    public Task HTTP0032_AddCors_without_UseCors_in_the_pipeline_of_another_file() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.CorsMiddlewareMisplaced),
    [
        """
        static class Services
        {
            public static void AddWebApi(IServiceCollection services) => services.[|AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")))|];
        }
        """,
        """
        class Startup
        {
            public void ConfigureServices(IServiceCollection services) => Services.AddWebApi(services);

            public void Configure(IApplicationBuilder app)
            {
                app.UseRouting();
                app.UseAuthorization();
                app.UseEndpoints(e => e.MapGet("/", () => "hi"));
            }
        }
        """,
    ]);

    [Fact]
    public Task HTTP0033_policy_name_defined_in_another_file_with_a_typo() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.CorsPolicyNotDefined),
    [
        """
        static class Services
        {
            public static void AddWebApi(IServiceCollection services) => services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));
        }
        """,
        """
        var builder = WebApplication.CreateBuilder(args);
        Services.AddWebApi(builder.Services);
        var app = builder.Build();
        app.UseCors([|"Frontnd"|]);
        app.Run();
        """,
    ]);

    [Fact]
    public Task HTTP0033_policy_name_defined_in_another_file() => OpenDocument.VerifySilentAsync(RuleVerifier.For(DiagnosticIds.CorsPolicyNotDefined),
    [
        """
        static class Services
        {
            public static void AddWebApi(IServiceCollection services) => services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));
        }
        """,
        """
        var builder = WebApplication.CreateBuilder(args);
        Services.AddWebApi(builder.Services);
        var app = builder.Build();
        app.UseCors("Frontend");
        app.Run();
        """,
    ]);

    private const string HandWrittenMiddleware = """
        public class AllowFrontendMiddleware(RequestDelegate next)
        {
            public Task InvokeAsync(HttpContext context)
            {
                [|context.Response.Headers.AccessControlAllowOrigin = "https://app.example.com"|];
                return next(context);
            }
        }
        """;

    [Fact]
    public Task HTTP0034_no_preflight_handling_in_any_file() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.CorsHeadersWithoutPreflight),
    [
        HandWrittenMiddleware,
        """
        var app = WebApplication.CreateBuilder(args).Build();
        app.UseMiddleware<AllowFrontendMiddleware>();
        app.MapPost("/orders", () => Results.Ok());
        app.Run();
        """,
    ]);

    [Fact]
    public Task HTTP0034_preflight_answered_in_another_file() => OpenDocument.VerifySilentAsync(RuleVerifier.For(DiagnosticIds.CorsHeadersWithoutPreflight),
    [
        HandWrittenMiddleware.Replace("[|", string.Empty).Replace("|]", string.Empty),
        """
        var app = WebApplication.CreateBuilder(args).Build();
        app.UseMiddleware<AllowFrontendMiddleware>();
        app.MapMethods("/orders", new[] { HttpMethods.Options }, () => Results.NoContent());
        app.MapPost("/orders", () => Results.Ok());
        app.Run();
        """,
    ]);
}
