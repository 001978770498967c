using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Cors;

public class HTTP0032Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.CorsMiddlewareMisplaced);

    [Fact]
    public Task After_UseAuthorization_minimal_hosting() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthorization();
        app.{|#0:UseCors("Frontend")|};
        app.MapGet("/", () => "hi");
        app.Run();
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("'UseCors' runs after 'UseAuthorization', so 401/403 responses carry no CORS headers (the browser reports a CORS error instead) and preflight requests to protected endpoints fail"));

    [Fact]
    public Task After_UseAuthorization_in_Startup_with_explicit_routing() => Verify.AnalyzerAsync("""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services) => services.AddCors();

            public void Configure(IApplicationBuilder app)
            {
                app.UseRouting();
                app.UseAuthentication();
                app.UseAuthorization();
                app.[|UseCors()|];
                app.UseEndpoints(e => e.MapGet("/", () => "hi"));
            }
        }
        """);

    [Fact]
    public Task Chained_after_UseAuthorization() => Verify.AnalyzerAsync("""
        class Startup
        {
            public void Configure(IApplicationBuilder app)
                => app.UseRouting().UseAuthorization().[|UseCors("p")|].UseEndpoints(e => { });
        }
        """);

    [Fact]
    public Task After_UseResponseCaching() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();
        builder.Services.AddResponseCaching();
        var app = builder.Build();
        app.UseResponseCaching();
        app.[|UseCors(p => p.WithOrigins("https://app.example.com"))|];
        app.Run();
        """);

    [Fact]
    public Task After_UseEndpoints() => Verify.AnalyzerAsync("""
        class Startup
        {
            public void Configure(IApplicationBuilder app)
            {
                app.UseRouting();
                app.UseEndpoints(e => e.MapGet("/", () => "hi"));
                app.[|UseCors("p")|];
            }
        }
        """);

    [Fact]
    public Task Before_explicit_UseRouting_with_endpoint_metadata() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));
        var app = builder.Build();
        app.[|UseCors()|];
        app.UseRouting();
        app.MapGet("/", () => "hi").RequireCors("Frontend");
        app.Run();
        """);

    [Fact]
    public Task Before_explicit_UseRouting_with_EnableCors_controller() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Cors;
        using Microsoft.AspNetCore.Mvc;

        [ApiController, Route("orders"), EnableCors("Frontend")]
        public class OrdersController : ControllerBase
        {
            [HttpGet] public IActionResult Get() => Ok();
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));

            public void Configure(IApplicationBuilder app)
            {
                app.[|UseCors()|];
                app.UseRouting();
                app.UseEndpoints(e => e.MapControllers());
            }
        }
        """);

    [Fact]
    public Task Missing_UseCors_reported_at_AddCors() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.{|#0:AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")))|};
        var app = builder.Build();
        app.MapGet("/", () => "hi");
        app.Run();
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("'AddCors' configures CORS but UseCors is never called in the app's pipeline, so no response carries CORS headers and browsers block every cross-origin call"));

    [Fact]
    public Task Missing_UseCors_reported_at_EnableCors_in_another_file() => Verify.AnalyzerAsync(
        [
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            var app = builder.Build();
            app.MapControllers();
            app.Run();
            """,
            """
            using Microsoft.AspNetCore.Cors;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("orders")]
            public class OrdersController : ControllerBase
            {
                [HttpGet, {|#0:EnableCors("Frontend")|}]
                public IActionResult Get() => Ok();
            }
            """,
        ],
        Verify.Diagnostic().WithLocation(0).WithMessage("CORS endpoint metadata configures CORS but UseCors is never called in the app's pipeline, so no response carries CORS headers and every endpoint with [EnableCors]/RequireCors metadata throws InvalidOperationException"));

    [Fact]
    public Task Missing_UseCors_with_RequireCors_only() => Verify.AnalyzerAsync("""
        var app = WebApplication.CreateBuilder(args).Build();
        app.MapGroup("/api").{|#0:RequireCors(p => p.WithOrigins("https://app.example.com"))|};
        app.Run();
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("CORS endpoint metadata configures CORS but UseCors is never called in the app's pipeline, so no response carries CORS headers and every endpoint with [EnableCors]/RequireCors metadata throws InvalidOperationException"));

    [Fact]
    public Task Implicit_authorization_runs_before_UseCors() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.{|#0:UseCors("Frontend")|};
        app.MapGroup("/api").RequireAuthorization();
        app.Run();
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("'UseCors' runs after the authorization middleware that WebApplication adds implicitly because the services register authorization, so 401/403 responses carry no CORS headers and preflight requests to protected endpoints fail"));

    [Fact]
    public Task Implicit_authorization_from_AddControllers_and_Authorize_attribute() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddControllers();
        builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
        var app = builder.Build();
        app.[|UseCors()|];
        app.MapControllers();
        app.Run();

        [ApiController, Route("orders"), Authorize]
        public class OrdersController : ControllerBase
        {
            [HttpGet] public IActionResult Get() => Ok();
        }
        """);

    [Fact]
    public Task Wrapper_extension_after_UseAuthorization() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();
        var app = builder.Build();
        app.UseAuthorization();
        app.[|UseFrontendCors()|];
        app.Run();

        static class CorsExtensions
        {
            public static IApplicationBuilder UseFrontendCors(this IApplicationBuilder app)
                => app.UseCors(p => p.WithOrigins("https://app.example.com"));
        }
        """);

    [Fact]
    public Task Branch_pipeline_after_UseAuthorization() => Verify.AnalyzerAsync("""
        class Startup
        {
            public void Configure(IApplicationBuilder app)
            {
                app.Map("/api", api =>
                {
                    api.UseRouting();
                    api.UseAuthorization();
                    api.[|UseCors("p")|];
                    api.UseEndpoints(e => { });
                });
            }
        }
        """);

    // Near misses.

    [Fact]
    public Task UseCors_in_a_generated_pipeline_counts() => Verify.AnalyzerAsync([
        """
        public static class CorsSetup
        {
            public static IServiceCollection AddAppCors(this IServiceCollection services)
                => services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
        }
        """,
        """
        // <auto-generated/>
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAppCors();
        var app = builder.Build();
        app.UseRouting();
        app.UseCors();
        app.UseAuthorization();
        app.MapGet("/", () => "hi");
        app.Run();
        """]);

    [Fact]
    public Task Correct_order_minimal_hosting() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseRouting();
        app.UseCors("Frontend");
        app.UseAuthorization();
        app.MapGet("/", () => "hi").RequireAuthorization();
        app.Run();
        """);

    [Fact]
    public Task After_UseAuthentication_only() => Verify.AnalyzerAsync("""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services) => services.AddCors();

            public void Configure(IApplicationBuilder app)
            {
                app.UseRouting();
                app.UseAuthentication();
                app.UseCors("p");
                app.UseAuthorization();
                app.UseEndpoints(e => e.MapGet("/", () => "hi"));
            }
        }
        """);

    [Fact]
    public Task Global_policy_before_UseRouting_with_endpoint_metadata() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));
        var app = builder.Build();
        app.{|#0:UseCors("Frontend")|};
        app.UseRouting();
        app.MapGet("/", () => "hi").RequireCors("Frontend");
        app.Run();
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("'UseCors' runs before 'UseRouting', so no endpoint is selected yet and every endpoint with [EnableCors]/RequireCors metadata throws InvalidOperationException ('contains CORS metadata, but a middleware was not found that supports CORS')"));

    [Fact]
    public Task Global_policy_before_UseRouting_without_endpoint_metadata() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));
        var app = builder.Build();
        app.UseCors("Frontend");
        app.UseRouting();
        app.MapGet("/", () => "hi");
        app.Run();
        """);

    [Fact]
    public Task Before_implicit_routing_with_endpoint_metadata() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));
        var app = builder.Build();
        app.UseCors();
        app.MapGet("/", () => "hi").RequireCors("Frontend");
        app.Run();
        """);

    [Fact]
    public Task Default_UseCors_before_UseRouting_without_endpoint_metadata() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
        var app = builder.Build();
        app.UseCors();
        app.UseRouting();
        app.MapGet("/", () => "hi");
        app.Run();
        """);

    [Fact]
    public Task UseCors_in_wrapper_in_the_right_place() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseFrontendCors();
        app.UseAuthorization();
        app.Run();

        static class CorsExtensions
        {
            public static IApplicationBuilder UseFrontendCors(this IApplicationBuilder app)
                => app.UseCors(p => p.WithOrigins("https://app.example.com"));
        }
        """);

    [Fact]
    public Task Branch_pipeline_with_its_own_authorization() => Verify.AnalyzerAsync("""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services) => services.AddCors();

            public void Configure(IApplicationBuilder app)
            {
                app.Map("/admin", admin =>
                {
                    admin.UseRouting();
                    admin.UseAuthorization();
                    admin.UseEndpoints(e => { });
                });
                app.UseRouting();
                app.UseCors("p");
                app.UseAuthorization();
                app.UseEndpoints(e => { });
            }
        }
        """);

    [Fact]
    public Task Implicit_authorization_but_no_protected_endpoint() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddControllers();
        builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
        var app = builder.Build();
        app.UseCors();
        app.MapControllers();
        app.Run();
        """);

    [Fact]
    public Task Explicit_UseAuthorization_after_UseCors_replaces_the_implicit_one() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();
        builder.Services.AddAuthorization(o => o.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        var app = builder.Build();
        app.UseCors(p => p.WithOrigins("https://app.example.com"));
        app.UseAuthorization();
        app.Run();
        """);

    [Fact]
    public Task AddCors_in_a_library_without_pipeline() => Verify.AnalyzerAsync("""
        public static class ServiceSetup
        {
            public static IServiceCollection AddFrontendCors(this IServiceCollection services)
                => services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
        }
        """);

    [Fact]
    public Task UseCors_called_in_a_helper() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();
        var app = builder.Build();
        Pipeline.Configure(app);
        app.Run();

        static class Pipeline
        {
            public static void Configure(IApplicationBuilder app) => app.UseCors(p => p.WithOrigins("https://app.example.com"));
        }
        """);

    // Fixes.

    [Fact]
    public Task Fix_moves_UseCors_before_UseAuthorization() => Verify.CodeFixAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthorization();
        app.[|UseCors("Frontend")|];
        app.Run();
        """, """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseCors("Frontend");
        app.UseAuthorization();
        app.Run();
        """);

    [Fact]
    public Task Fix_moves_UseCors_after_UseRouting() => Verify.CodeFixAsync("""
        class Startup
        {
            public void Configure(IApplicationBuilder app)
            {
                app.UseRouting();
                app.UseAuthentication();
                app.UseAuthorization();
                app.[|UseCors("p")|];
                app.UseEndpoints(e => { });
            }
        }
        """, """
        class Startup
        {
            public void Configure(IApplicationBuilder app)
            {
                app.UseRouting();
                app.UseCors("p");
                app.UseAuthentication();
                app.UseAuthorization();
                app.UseEndpoints(e => { });
            }
        }
        """);

    [Fact]
    public Task Fix_inserts_missing_UseCors() => Verify.CodeFixAsync("""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services) => services.[|AddCors()|];

            public void Configure(IApplicationBuilder app)
            {
                app.UseRouting();
                app.UseAuthorization();
                app.UseEndpoints(e => { });
            }
        }
        """, """
        class Startup
        {
            public void ConfigureServices(IServiceCollection services) => services.AddCors();

            public void Configure(IApplicationBuilder app)
            {
                app.UseRouting();
                app.UseCors();
                app.UseAuthorization();
                app.UseEndpoints(e => { });
            }
        }
        """);

    [Fact]
    public Task Fix_inserts_UseCors_before_the_endpoints_of_a_minimal_app() => Verify.CodeFixAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.[|AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")))|];
        var app = builder.Build();
        app.UseHttpsRedirection();
        app.MapGet("/", () => "hi");
        app.Run();
        """, """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
        var app = builder.Build();
        app.UseHttpsRedirection();
        app.UseCors();
        app.MapGet("/", () => "hi");
        app.Run();
        """);

    [Fact]
    public Task Fix_inserts_UseCors_before_Run_and_names_the_only_policy() => Verify.CodeFixAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.[|AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")))|];
        var app = builder.Build();
        app.UseStaticFiles();
        app.Run();
        """, """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));
        var app = builder.Build();
        app.UseStaticFiles();
        app.UseCors("Frontend");
        app.Run();
        """);

    [Fact]
    public Task Fix_all_inserts_UseCors_before_a_chained_endpoint() => Verify.FixAllAsync("""
        const string Policy = "Frontend";
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.[|AddCors(o => o.AddPolicy(Policy, p => p.WithOrigins("https://app.example.com")))|];
        var app = builder.Build();
        app.MapGet("/", () => "hi").WithName("Home");
        app.Run();
        """, """
        const string Policy = "Frontend";
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddPolicy(Policy, p => p.WithOrigins("https://app.example.com")));
        var app = builder.Build();
        app.UseCors("Frontend");
        app.MapGet("/", () => "hi").WithName("Home");
        app.Run();
        """);

    [Fact]
    public Task Fix_inserts_UseCors_without_a_name_for_endpoint_metadata() => Verify.CodeFixAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.[|AddCors(o =>
        {
            o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com"));
            o.AddPolicy("Partners", p => p.WithOrigins("https://partner.example.com"));
        })|];
        var app = builder.Build();
        app.MapGet("/", () => "hi").RequireCors("Frontend");
        app.Run();
        """, """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o =>
        {
            o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com"));
            o.AddPolicy("Partners", p => p.WithOrigins("https://partner.example.com"));
        });
        var app = builder.Build();
        app.UseCors();
        app.MapGet("/", () => "hi").RequireCors("Frontend");
        app.Run();
        """);

    [Fact]
    public Task Fix_inserts_UseCors_and_the_implicit_authorization() => Verify.CodeFixAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.[|AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")))|];
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.MapGet("/", () => "hi").RequireAuthorization();
        app.Run();
        """, """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", () => "hi").RequireAuthorization();
        app.Run();
        """);

    [Fact]
    public Task Fix_inserts_UseCors_before_a_helper_that_authorizes() => Verify.CodeFixAsync("""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services) => services.[|AddCors(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin()))|];

            public void Configure(IApplicationBuilder app)
            {
                app.UseHttpsRedirection();
                Security(app);
                app.UseEndpoints(e => { });
            }

            private static void Security(IApplicationBuilder app) => app.UseAuthorization();
        }
        """, """
        class Startup
        {
            public void ConfigureServices(IServiceCollection services) => services.AddCors(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin()));

            public void Configure(IApplicationBuilder app)
            {
                app.UseHttpsRedirection();
                app.UseCors();
                Security(app);
                app.UseEndpoints(e => { });
            }

            private static void Security(IApplicationBuilder app) => app.UseAuthorization();
        }
        """);

    [Fact]
    public Task No_fix_when_several_named_policies_and_no_default() => Verify.NoCodeFixAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.[|AddCors(o =>
        {
            o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com"));
            o.AddPolicy("Partners", p => p.WithOrigins("https://partner.example.com"));
        })|];
        var app = builder.Build();
        app.MapGet("/", () => "hi");
        app.Run();
        """);

    [Fact]
    public Task No_fix_when_the_policy_name_is_not_a_constant() => Verify.NoCodeFixAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.[|AddCors(o => o.AddPolicy(builder.Configuration["Cors:Policy"]!, p => p.WithOrigins("https://app.example.com")))|];
        var app = builder.Build();
        app.MapGet("/", () => "hi");
        app.Run();
        """);

    [Fact]
    public Task No_fix_when_a_helper_routes_and_authorizes() => Verify.NoCodeFixAsync("""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services) => services.[|AddCors(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin()))|];

            public void Configure(IApplicationBuilder app)
            {
                Pipeline(app);
                app.UseEndpoints(e => { });
            }

            private static void Pipeline(IApplicationBuilder app)
            {
                app.UseRouting();
                app.UseAuthorization();
            }
        }
        """);

    [Fact]
    public Task No_fix_without_an_anchor() => Verify.NoCodeFixAsync("""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services) => services.[|AddCors(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin()))|];

            public void Configure(IApplicationBuilder app) => app.UseStaticFiles();
        }
        """);

    [Fact]
    public Task Fix_inserts_implicit_authentication_and_authorization() => Verify.CodeFixAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.[|UseCors(p => p.WithOrigins("https://app.example.com"))|];
        app.MapGet("/", () => "hi").RequireAuthorization();
        app.Run();
        """, """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseCors(p => p.WithOrigins("https://app.example.com"));
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", () => "hi").RequireAuthorization();
        app.Run();
        """);

    [Fact]
    public Task Fix_inserts_only_authorization_when_authentication_is_not_registered() => Verify.CodeFixAsync("""
        using Microsoft.AspNetCore.Authorization;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();
        builder.Services.AddControllers();
        var app = builder.Build();
        app.[|UseCors(p => p.WithOrigins("https://app.example.com"))|];
        app.MapGet("/", [Authorize] () => "hi");
        app.Run();
        """, """
        using Microsoft.AspNetCore.Authorization;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();
        builder.Services.AddControllers();
        var app = builder.Build();
        app.UseCors(p => p.WithOrigins("https://app.example.com"));
        app.UseAuthorization();
        app.MapGet("/", [Authorize] () => "hi");
        app.Run();
        """);

    [Fact]
    public Task No_fix_when_the_anchor_is_chained() => Verify.NoCodeFixAsync("""
        class Startup
        {
            public void Configure(IApplicationBuilder app)
                => app.UseRouting().UseAuthorization().[|UseCors("p")|].UseEndpoints(e => { });
        }
        """);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync("""
        class Startup
        {
            public void Configure(IApplicationBuilder app)
            {
                app.Map("/api", api =>
                {
                    api.UseAuthorization();
                    api.[|UseCors("p")|];
                });
                app.UseRouting();
                app.UseAuthorization();
                app.[|UseCors("p")|];
                app.UseEndpoints(e => { });
            }
        }
        """, """
        class Startup
        {
            public void Configure(IApplicationBuilder app)
            {
                app.Map("/api", api =>
                {
                    api.UseCors("p");
                    api.UseAuthorization();
                });
                app.UseRouting();
                app.UseCors("p");
                app.UseAuthorization();
                app.UseEndpoints(e => { });
            }
        }
        """);

    [Fact]
    public Task UseAuthorization_in_a_helper_replaces_the_implicit_one() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Authorization;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();
        builder.Services.AddControllers();
        var app = builder.Build();
        app.UseCors(p => p.WithOrigins("https://app.example.com"));
        Security.Configure(app);
        app.MapGet("/", [Authorize] () => "hi");
        app.Run();

        static class Security
        {
            public static void Configure(IApplicationBuilder app) => app.UseAuthorization();
        }
        """);

    [Fact]
    public Task Missing_UseCors_in_Startup_with_RequireCors_and_no_AddCors() => Verify.AnalyzerAsync("""
        class Startup
        {
            public void Configure(IApplicationBuilder app)
            {
                app.UseRouting();
                app.UseEndpoints(e => e.MapGet("/", () => "hi").[|RequireCors("p")|]);
            }
        }
        """);

    [Fact]
    public Task Implicit_authorization_with_fallback_policy_in_Main() => Verify.AnalyzerAsync("""
        public static class Program
        {
            public static void Main(string[] args)
            {
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors();
                builder.Services.AddAuthorizationBuilder()
                    .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
                var app = builder.Build();
                app.[|UseCors(p => p.WithOrigins("https://app.example.com"))|];
                app.MapGet("/", () => "hi");
                app.Run();
            }
        }
        """);

    [Fact]
    public Task Null_fallback_policy_requires_nothing() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();
        builder.Services.AddAuthorization(o => o.FallbackPolicy = null);
        var app = builder.Build();
        app.UseCors(p => p.WithOrigins("https://app.example.com"));
        app.MapGet("/", () => "hi");
        app.Run();
        """);

    [Fact]
    public Task Conditional_UseCors_in_the_right_place() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        if (app.Environment.IsDevelopment())
        {
            app.UseCors(p => p.AllowAnyOrigin());
        }

        app.UseAuthorization();
        app.Run();
        """);

    [Fact]
    public Task Fix_moves_comment_with_UseCors() => Verify.CodeFixAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();
        builder.Services.AddAuthorization();
        var app = builder.Build();

        app.UseHttpsRedirection();
        app.UseAuthorization();

        // Let the frontend in.
        app.[|UseCors("Frontend")|];
        app.MapGet("/", () => "hi");
        app.Run();
        """, """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();
        builder.Services.AddAuthorization();
        var app = builder.Build();

        app.UseHttpsRedirection();
        // Let the frontend in.
        app.UseCors("Frontend");
        app.UseAuthorization();
        app.MapGet("/", () => "hi");
        app.Run();
        """);

    [Fact]
    public Task Fix_all_inserts_missing_UseCors_in_another_file() => Verify.FixAllAsync([
        """
        public static class CorsSetup
        {
            public static IServiceCollection AddAppCors(this IServiceCollection services)
                => services.[|AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")))|];
        }
        """,
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAppCors();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseRouting();
        app.UseAuthorization();
        app.MapGet("/", () => "hi");
        app.Run();
        """], [
        """
        public static class CorsSetup
        {
            public static IServiceCollection AddAppCors(this IServiceCollection services)
                => services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
        }
        """,
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAppCors();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseRouting();
        app.UseCors();
        app.UseAuthorization();
        app.MapGet("/", () => "hi");
        app.Run();
        """]);

    [Fact]
    public Task Message_for_wrapper_and_UseEndpoints() => Verify.AnalyzerAsync("""
        class Startup
        {
            public void Configure(IApplicationBuilder app)
            {
                app.UseRouting();
                app.UseEndpoints(e => { });
                app.{|#0:UseFrontendCors()|};
            }
        }

        static class CorsExtensions
        {
            public static IApplicationBuilder UseFrontendCors(this IApplicationBuilder app) => app.UseCors("Frontend");
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("'UseFrontendCors' (which calls UseCors) runs after 'UseEndpoints', so endpoints have already produced their responses and no CORS headers are added"));

    [Fact]
    public Task UseAuthorization_and_UseCors_in_exclusive_branches() => Verify.AnalyzerAsync("""
        class Startup(IWebHostEnvironment env)
        {
            public void ConfigureServices(IServiceCollection services) => services.AddCors();

            public void Configure(IApplicationBuilder app)
            {
                if (env.IsDevelopment())
                {
                    app.UseAuthorization();
                }
                else
                {
                    app.UseCors("p");
                }
            }
        }
        """);

    [Fact]
    public Task Documentation_template_with_policy_name_in_a_variable() => Verify.AnalyzerAsync("""
        var MyAllowSpecificOrigins = "_myAllowSpecificOrigins";
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(options =>
        {
            options.AddPolicy(name: MyAllowSpecificOrigins,
                policy =>
                {
                    policy.WithOrigins("http://example.com", "http://www.contoso.com");
                });
        });
        builder.Services.AddControllers();
        var app = builder.Build();
        app.UseHttpsRedirection();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseCors(MyAllowSpecificOrigins);
        app.UseAuthorization();
        app.MapControllers();
        app.Run();
        """);

    [Fact]
    public Task Fix_moves_UseCors_after_explicit_UseRouting() => Verify.CodeFixAsync("""
        using Microsoft.AspNetCore.Cors;
        using Microsoft.AspNetCore.Mvc;

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));

            public void Configure(IApplicationBuilder app)
            {
                app.[|UseCors()|];
                app.UseHttpsRedirection();
                app.UseRouting();
                app.UseEndpoints(e => e.MapControllers());
            }
        }

        [ApiController, Route("orders"), EnableCors("Frontend")]
        public class OrdersController : ControllerBase
        {
            [HttpGet] public IActionResult Get() => Ok();
        }
        """, """
        using Microsoft.AspNetCore.Cors;
        using Microsoft.AspNetCore.Mvc;

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));

            public void Configure(IApplicationBuilder app)
            {
                app.UseHttpsRedirection();
                app.UseRouting();
                app.UseCors();
                app.UseEndpoints(e => e.MapControllers());
            }
        }

        [ApiController, Route("orders"), EnableCors("Frontend")]
        public class OrdersController : ControllerBase
        {
            [HttpGet] public IActionResult Get() => Ok();
        }
        """);

    [Fact]
    public Task Helper_method_with_UseCors_after_UseAuthorization() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthorization();
        Pipeline.{|#0:AddCors(app)|};
        app.Run();

        static class Pipeline
        {
            public static void AddCors(IApplicationBuilder app) => app.UseCors(p => p.WithOrigins("https://app.example.com"));
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("'AddCors' (which calls UseCors) runs after 'UseAuthorization', so 401/403 responses carry no CORS headers (the browser reports a CORS error instead) and preflight requests to protected endpoints fail"));

    [Fact]
    public Task Helper_method_with_UseAuthorization_before_UseCors() => Verify.AnalyzerAsync("""
        class Startup
        {
            public void Configure(IApplicationBuilder app)
            {
                app.UseRouting();
                Security(app);
                app.[|UseCors("p")|];
                app.UseEndpoints(e => { });
            }

            private static void Security(IApplicationBuilder app)
            {
                app.UseAuthentication();
                app.UseAuthorization();
            }
        }
        """);

    [Fact]
    public Task Helper_method_in_the_right_place() => Verify.AnalyzerAsync("""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services) => services.AddCors();

            public void Configure(IApplicationBuilder app)
            {
                app.UseRouting();
                Cors(app);
                Security(app);
                app.UseEndpoints(e => { });
            }

            private static void Cors(IApplicationBuilder app) => app.UseCors("p");

            private static void Security(IApplicationBuilder app) => app.UseAuthorization();
        }
        """);

    [Fact]
    public Task Fix_inserts_authorization_after_explicit_UseAuthentication() => Verify.CodeFixAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.[|UseCors(p => p.WithOrigins("https://app.example.com"))|];
        app.UseAuthentication();
        app.MapGet("/", () => "hi").RequireAuthorization();
        app.Run();
        """, """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseCors(p => p.WithOrigins("https://app.example.com"));
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", () => "hi").RequireAuthorization();
        app.Run();
        """);

    [Fact]
    public Task UseCors_before_UseResponseCaching() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();
        builder.Services.AddResponseCaching();
        var app = builder.Build();
        app.UseCors(p => p.WithOrigins("https://app.example.com"));
        app.UseResponseCaching();
        app.Run();
        """);

    [Fact]
    public Task UseAuthorization_only_in_a_branch_before_the_main_UseCors() => Verify.AnalyzerAsync("""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services) => services.AddCors();

            public void Configure(IApplicationBuilder app)
            {
                app.MapWhen(c => c.Request.Path.StartsWithSegments("/admin"), admin => admin.UseAuthorization());
                app.UseCors("p");
            }
        }
        """);

    [Fact]
    public Task AddCors_in_a_library_with_a_pipeline_helper() => Verify.AnalyzerAsync("""
        public static class Platform
        {
            public static IServiceCollection AddPlatform(this IServiceCollection services)
                => services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));

            public static void UsePlatformDefaults(IApplicationBuilder app)
            {
                app.UseRouting();
                app.UseAuthorization();
            }
        }
        """);
}
