using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Semantics;

public class HTTP0054Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.CompressionOverHttps);

    // Positive.

    [Fact]
    public Task Razor_pages_app_with_compression_for_https() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddRazorPages();
        builder.Services.AddResponseCompression(options => {|#0:options.EnableForHttps = true|});
        var app = builder.Build();
        app.UseResponseCompression();
        app.MapRazorPages();
        app.Run();
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("Response compression is enabled for HTTPS in an app that configures antiforgery ('AddRazorPages'): compressing a secret next to attacker-influenced text over TLS lets an attacker recover the secret from response sizes (BREACH)"));

    [Fact]
    public Task Controllers_with_views_and_Configure() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.ResponseCompression;

        var builder = WebApplication.CreateBuilder();
        builder.Services.AddControllersWithViews();
        builder.Services.Configure<ResponseCompressionOptions>(options =>
        {
            [|options.EnableForHttps = true|];
            options.Providers.Add<GzipCompressionProvider>();
        });
        """);

    [Fact]
    public Task Antiforgery_registered_in_another_file() => Verify.AnalyzerAsync(
        [
            """
            public static class CompressionSetup
            {
                public static IServiceCollection AddCompression(this IServiceCollection services)
                    => services.AddResponseCompression(options => [|options.EnableForHttps = true|]);
            }
            """,
            """
            var builder = WebApplication.CreateBuilder();
            builder.Services.AddAntiforgery();
            builder.Services.AddCompression();
            """,
        ]);

    [Fact]
    public Task Cookie_authentication_in_another_file() => Verify.AnalyzerAsync(
        [
            """
            using Microsoft.AspNetCore.ResponseCompression;

            public static class CompressionSetup
            {
                public static ResponseCompressionOptions Options() => new() { {|#0:EnableForHttps = true|} };
            }
            """,
            """
            var builder = WebApplication.CreateBuilder();
            builder.Services.AddAuthentication().AddCookie();
            """,
        ],
        Verify.Diagnostic().WithLocation(0).WithMessage("Response compression is enabled for HTTPS in an app that signs users in with an authentication cookie ('AddCookie'): compressing a secret next to attacker-influenced text over TLS lets an attacker recover the secret from response sizes (BREACH)"));

    [Fact]
    public Task Mvc_app() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddMvc();
        builder.Services.AddResponseCompression(options =>
        {
            [|options.EnableForHttps = true|];
        });
        """);

    // Negative.

    [Fact]
    public Task Public_api_without_secrets_is_not_reported() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddControllers();
        builder.Services.AddResponseCompression(options => options.EnableForHttps = true);
        var app = builder.Build();
        app.UseResponseCompression();
        app.MapControllers();
        app.MapGet("/catalog", () => new[] { "a", "b" });
        app.Run();
        """);

    [Fact]
    public Task Compression_only_over_http_is_not_reported() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddRazorPages();
        builder.Services.AddResponseCompression();
        builder.Services.AddResponseCompression(options => options.EnableForHttps = false);
        """);

    [Fact]
    public Task Bearer_tokens_only_are_not_reported() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddAuthentication().AddJwtBearerLike();
        builder.Services.AddResponseCompression(options => options.EnableForHttps = true);

        static class Extensions
        {
            public static Microsoft.AspNetCore.Authentication.AuthenticationBuilder AddJwtBearerLike(this Microsoft.AspNetCore.Authentication.AuthenticationBuilder builder) => builder;
        }
        """);

    [Fact]
    public Task A_user_method_named_like_the_framework_is_not_a_secret() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder();
        Registrations.AddRazorPages(builder.Services);
        builder.Services.AddResponseCompression(options => options.EnableForHttps = true);

        static class Registrations
        {
            public static void AddRazorPages(IServiceCollection services) { }
        }
        """);

    [Fact]
    public Task Other_EnableForHttps_properties_are_not_reported() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddRazorPages();
        var settings = new MySettings { EnableForHttps = true };

        class MySettings
        {
            public bool EnableForHttps { get; set; }
        }
        """);

    [Fact]
    public Task No_fix_is_offered() => Verify.NoCodeFixAsync("""
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddRazorPages();
        builder.Services.AddResponseCompression(options => [|options.EnableForHttps = true|]);
        """);

    [Fact]
    public Task Compression_for_https_switched_off_is_a_near_miss() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddRazorPages();
        builder.Services.AddResponseCompression(options => options.EnableForHttps = false);
        var app = builder.Build();
        app.UseResponseCompression();
        app.MapRazorPages();
        app.Run();
        """);
}
