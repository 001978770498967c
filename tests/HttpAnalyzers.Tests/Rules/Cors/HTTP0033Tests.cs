using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Cors;

public class HTTP0033Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.CorsPolicyNotDefined);

    [Fact]
    public Task UseCors_with_misspelt_name() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));
        var app = builder.Build();
        app.UseCors({|#0:"Frontnd"|});
        app.Run();
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("CORS policy 'Frontnd' is not defined (the only defined policy is 'Frontend'), so no policy is applied and cross-origin requests and preflights fail"));

    [Fact]
    public Task Names_compare_case_sensitively() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));
        var app = builder.Build();
        app.UseCors([|"frontend"|]);
        app.Run();
        """);

    [Fact]
    public Task RequireCors_on_route_group() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));
        var app = builder.Build();
        app.UseCors();
        app.MapGroup("/api").RequireCors([|"Fronted"|]);
        app.Run();
        """);

    [Fact]
    public Task EnableCors_on_controller_and_action() => Verify.AnalyzerAsync([
        """
        using Microsoft.AspNetCore.Cors;
        using Microsoft.AspNetCore.Mvc;

        [ApiController, Route("orders"), EnableCors([|"Frontnd"|])]
        public class OrdersController : ControllerBase
        {
            [HttpGet, EnableCors(PolicyName = [|"Admn"|])] public IActionResult Get() => Ok();
        }
        """,
        """
        public static class CorsSetup
        {
            public static IServiceCollection AddAppCors(this IServiceCollection services)
                => services.AddCors(o =>
                {
                    o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com"));
                    o.AddPolicy("Admin", p => p.WithOrigins("https://admin.example.com"));
                });
        }
        """]);

    [Fact]
    public Task Constant_names() => Verify.AnalyzerAsync("""
        static class Policies
        {
            public const string Frontend = "Frontend";
            public const string Admin = "Admn";
        }

        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.Configure<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>(o => o.AddPolicy(Policies.Frontend, p => p.WithOrigins("https://app.example.com")));

            public void Configure(IApplicationBuilder app)
            {
                app.UseCors(Policies.Frontend);
                app.UseCors([|Policies.Admin|]);
            }
        }
        """);

    // Near misses.

    [Fact]
    public Task Defined_names() => Verify.AnalyzerAsync("""
        const string Admin = "Admin";
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o =>
        {
            o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com"));
            o.AddPolicy(Admin, p => p.WithOrigins("https://admin.example.com"));
        });
        var app = builder.Build();
        app.UseCors("Frontend");
        app.MapGroup("/admin").RequireCors(Admin);
        app.Run();
        """);

    [Fact]
    public Task Name_from_configuration_defines_unknown_policies() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o =>
        {
            o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com"));
            o.AddPolicy(builder.Configuration["Cors:PolicyName"]!, p => p.WithOrigins("https://admin.example.com"));
        });
        var app = builder.Build();
        app.UseCors("Partner");
        app.Run();
        """);

    [Fact]
    public Task No_visible_definition() => Verify.AnalyzerAsync("""
        class Startup
        {
            public void Configure(IApplicationBuilder app) => app.UseCors("Frontend");
        }
        """);

    [Fact]
    public Task Default_policy_is_not_a_name() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
        var app = builder.Build();
        app.UseCors({|#0:"Frontend"|});
        app.Run();
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("CORS policy 'Frontend' is not defined (only the default policy is defined), so no policy is applied and cross-origin requests and preflights fail"));

    [Fact]
    public Task Default_policy_used_without_a_name() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
        var app = builder.Build();
        app.UseCors();
        app.MapGet("/", () => "hi").RequireCors(p => p.WithOrigins("https://app.example.com"));
        app.Run();
        """);

    [Fact]
    public Task Custom_policy_provider() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Cors.Infrastructure;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));
        builder.Services.AddSingleton<ICorsPolicyProvider, TenantPolicies>();
        var app = builder.Build();
        app.UseCors("tenant");
        app.Run();

        class TenantPolicies : ICorsPolicyProvider
        {
            public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName) => Task.FromResult<CorsPolicy?>(null);
        }
        """);

    [Fact]
    public Task Name_from_a_variable() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));
        var app = builder.Build();
        app.UseCors(builder.Configuration["Cors:Policy"]!);
        app.Run();
        """);

    // Fixes.

    [Fact]
    public Task Fix_uses_the_closest_name() => Verify.CodeFixAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o =>
        {
            o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com"));
            o.AddPolicy("Partners", p => p.WithOrigins("https://partner.example.com"));
        });
        var app = builder.Build();
        app.UseCors([|"Frontnd"|]);
        app.MapGroup("/partners").RequireCors([|"partner"|]);
        app.Run();
        """, """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o =>
        {
            o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com"));
            o.AddPolicy("Partners", p => p.WithOrigins("https://partner.example.com"));
        });
        var app = builder.Build();
        app.UseCors("Frontend");
        app.MapGroup("/partners").RequireCors("Partners");
        app.Run();
        """);

    [Fact]
    public Task Fix_at_the_constant() => Verify.CodeFixAsync("""
        static class Policies
        {
            public const string Admin = "Admn";
        }

        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("Admin", p => p.WithOrigins("https://app.example.com")));

            public void Configure(IApplicationBuilder app) => app.UseCors([|Policies.Admin|]);
        }
        """, """
        static class Policies
        {
            public const string Admin = "Admin";
        }

        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("Admin", p => p.WithOrigins("https://app.example.com")));

            public void Configure(IApplicationBuilder app) => app.UseCors(Policies.Admin);
        }
        """);

    [Fact]
    public Task Fix_all_at_a_constant_in_another_document() => Verify.FixAllAsync([
        """
        static class Policies
        {
            public const string Frontend = "Frontnd";
        }
        """,
        """
        using Microsoft.AspNetCore.Cors;
        using Microsoft.AspNetCore.Mvc;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));
        builder.Services.AddControllers();
        var app = builder.Build();
        app.UseCors();
        app.MapGroup("/api").RequireCors([|Policies.Frontend|]);
        app.MapControllers();
        app.Run();

        [ApiController, Route("orders"), EnableCors([|Policies.Frontend|])]
        public class OrdersController : ControllerBase
        {
            [HttpGet] public IActionResult Get() => Ok();
        }
        """], [
        """
        static class Policies
        {
            public const string Frontend = "Frontend";
        }
        """,
        """
        using Microsoft.AspNetCore.Cors;
        using Microsoft.AspNetCore.Mvc;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));
        builder.Services.AddControllers();
        var app = builder.Build();
        app.UseCors();
        app.MapGroup("/api").RequireCors(Policies.Frontend);
        app.MapControllers();
        app.Run();

        [ApiController, Route("orders"), EnableCors(Policies.Frontend)]
        public class OrdersController : ControllerBase
        {
            [HttpGet] public IActionResult Get() => Ok();
        }
        """]);

    [Fact]
    public Task Fix_at_a_local_constant() => Verify.CodeFixAsync("""
        const string policy = "frontend";
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));
        var app = builder.Build();
        app.UseCors([|policy|]);
        app.Run();
        """, """
        const string policy = "Frontend";
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));
        var app = builder.Build();
        app.UseCors(policy);
        app.Run();
        """);

    [Fact]
    public Task No_fix_for_a_constant_used_elsewhere() => Verify.NoCodeFixAsync("""
        static class Policies
        {
            public const string Admin = "Admn";
            public const string Description = "CORS policy " + Admin;
        }

        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("Admin", p => p.WithOrigins("https://app.example.com")));

            public void Configure(IApplicationBuilder app) => app.UseCors([|Policies.Admin|]);
        }
        """);

    [Fact]
    public Task No_fix_for_a_public_constant_of_a_library() => Verify.NoCodeFixAsync("""
        public static class Policies
        {
            public const string Admin = "Admn";
        }

        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("Admin", p => p.WithOrigins("https://app.example.com")));

            public void Configure(IApplicationBuilder app) => app.UseCors([|Policies.Admin|]);
        }
        """);

    [Fact]
    public Task No_fix_for_a_constant_built_from_another() => Verify.NoCodeFixAsync("""
        static class Policies
        {
            private const string Prefix = "Adm";
            public const string Admin = Prefix + "n";
        }

        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("Admin", p => p.WithOrigins("https://app.example.com")));

            public void Configure(IApplicationBuilder app) => app.UseCors([|Policies.Admin|]);
        }
        """);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync([
        """
        using Microsoft.AspNetCore.Cors;
        using Microsoft.AspNetCore.Mvc;

        [ApiController, Route("orders"), EnableCors([|"Frontnd"|])]
        public class OrdersController : ControllerBase
        {
            [HttpGet, EnableCors(PolicyName = [|"Admn"|])] public IActionResult Get() => Ok();
        }
        """,
        """
        public static class CorsSetup
        {
            public static IServiceCollection AddAppCors(this IServiceCollection services)
                => services.AddCors(o =>
                {
                    o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com"));
                    o.AddPolicy("Admin", p => p.WithOrigins("https://admin.example.com"));
                });
        }
        """], [
        """
        using Microsoft.AspNetCore.Cors;
        using Microsoft.AspNetCore.Mvc;

        [ApiController, Route("orders"), EnableCors("Frontend")]
        public class OrdersController : ControllerBase
        {
            [HttpGet, EnableCors(PolicyName = "Admin")] public IActionResult Get() => Ok();
        }
        """,
        """
        public static class CorsSetup
        {
            public static IServiceCollection AddAppCors(this IServiceCollection services)
                => services.AddCors(o =>
                {
                    o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com"));
                    o.AddPolicy("Admin", p => p.WithOrigins("https://admin.example.com"));
                });
        }
        """]);

    [Fact]
    public Task EnableCors_on_minimal_api_lambda() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Cors;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));
        var app = builder.Build();
        app.UseCors();
        app.MapGet("/", [EnableCors([|"Frontnd"|])] () => "hi");
        app.MapGet("/ok", [EnableCors("Frontend")] () => "hi");
        app.Run();
        """);

    [Fact]
    public Task Name_defined_through_a_method_group() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Cors;
        using Microsoft.AspNetCore.Cors.Infrastructure;
        using Microsoft.AspNetCore.Mvc;

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services) => services.Configure<CorsOptions>(ConfigureCors);

            private static void ConfigureCors(CorsOptions options) => options.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com"));
        }

        [ApiController, Route("orders"), EnableCors("Frontend")]
        public class OrdersController : ControllerBase
        {
            [HttpGet, EnableCors] public IActionResult Get() => Ok();

            [HttpGet("x"), DisableCors] public IActionResult Internal() => Ok();
        }
        """);

    [Fact]
    public Task Options_bound_from_configuration() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Cors.Infrastructure;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));
        builder.Services.Configure<CorsOptions>(builder.Configuration.GetSection("Cors"));
        var app = builder.Build();
        app.UseCors("Partner");
        app.Run();
        """);
}
