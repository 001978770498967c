using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Cors;

public class HTTP0031Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.CorsOriginNeverMatches);

    private static string Policy(string origins) => $$"""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.WithOrigins({{origins}})));
        }
        """;

    [Fact]
    public Task Trailing_slash() => Verify.AnalyzerAsync(Policy("""[|"https://app.example.com/"|]"""));

    [Fact]
    public Task Path() => Verify.AnalyzerAsync(Policy("""[|"https://app.example.com/login"|]"""));

    [Fact]
    public Task Query_and_fragment() => Verify.AnalyzerAsync(Policy("""[|"https://app.example.com?x=1"|], [|"https://app.example.com#top"|]"""));

    [Fact]
    public Task Default_port() => Verify.AnalyzerAsync(Policy("""[|"https://app.example.com:443"|], [|"http://app.example.com:80"|]"""));

    [Fact]
    public Task Joined_origins() => Verify.AnalyzerAsync(Policy("""[|"https://a.example.com,https://b.example.com"|]"""));

    [Fact]
    public Task Whitespace() => Verify.AnalyzerAsync(Policy("""[|" https://app.example.com"|]"""));

    [Fact]
    public Task Wildcard_without_subdomain_option() => Verify.AnalyzerAsync(Policy("""[|"https://*.example.com"|]"""));

    [Fact]
    public Task Interpolated_origin_with_trailing_slash() => Verify.AnalyzerAsync("""
        class Startup(IConfiguration configuration)
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.WithOrigins([|$"https://{configuration["Host"]}/"|])));
        }
        """);

    [Fact]
    public Task Constant_origin_in_array() => Verify.AnalyzerAsync("""
        class Startup
        {
            private const string Frontend = "https://app.example.com/";
            private static readonly string[] Origins = { "https://admin.example.com" };

            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.WithOrigins(new[] { [|Frontend|], "https://b.example.com" })));
        }
        """);

    [Fact]
    public Task UseCors_inline_policy_minimal_hosting() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();
        var app = builder.Build();
        app.UseCors(p => p.WithOrigins([|"https://app.example.com/"|]));
        app.Run();
        """);

    [Fact]
    public Task Message() => Verify.AnalyzerAsync(
        Policy("""{|#0:"https://app.example.com/"|}"""),
        Verify.Diagnostic().WithLocation(0).WithMessage("Origin 'https://app.example.com/' ends with '/', so it never matches a browser's Origin header and that site's requests are blocked"));

    // Near misses.

    [Fact]
    public Task Well_formed_origins() => Verify.AnalyzerAsync(Policy("""
        "https://app.example.com", "http://localhost:5173", "https://APP.example.com", "https://app.example.com:8443", "http://[::1]:8080", "https://bücher.example:443"
        """));

    [Fact]
    public Task Star_is_any_origin() => Verify.AnalyzerAsync(Policy("\"*\""));

    [Fact]
    public Task Origins_from_configuration() => Verify.AnalyzerAsync("""
        class Startup(IConfiguration configuration)
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.WithOrigins(configuration.GetSection("Cors:Origins").Get<string[]>()!)
                    .WithOrigins(configuration["Cors:Origin"]!)));
        }
        """);

    [Fact]
    public Task Interpolated_origin_without_defect() => Verify.AnalyzerAsync("""
        class Startup(IConfiguration configuration)
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.WithOrigins($"https://{configuration["Host"]}")));
        }
        """);

    [Fact]
    public Task Wildcard_with_subdomain_option() => Verify.AnalyzerAsync("""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.WithOrigins("https://*.example.com").SetIsOriginAllowedToAllowWildcardSubdomains()));
        }
        """);

    [Fact]
    public Task Custom_predicate_replaces_the_list() => Verify.AnalyzerAsync("""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.WithOrigins("https://app.example.com/").SetIsOriginAllowed(o => o.StartsWith("https://app.example.com"))));
        }
        """);

    [Fact]
    public Task Non_cors_string_with_path() => Verify.AnalyzerAsync("""
        class C
        {
            public Uri Home { get; } = new Uri("https://app.example.com/");
            public string[] Origins { get; } = ["https://app.example.com/"];
        }
        """);

    [Fact]
    public Task Wildcard_option_in_helper() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Cors.Infrastructure;
        static class CorsSetup
        {
            public static void Add(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => { b.WithOrigins("https://*.example.com"); Subdomains(b); }));

            private static void Subdomains(CorsPolicyBuilder b) => b.SetIsOriginAllowedToAllowWildcardSubdomains();
        }
        """);

    [Fact]
    public Task Wildcard_option_on_the_builder_a_helper_returns() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Cors.Infrastructure;
        static class CorsSetup
        {
            public static void Add(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => Origins(b).SetIsOriginAllowedToAllowWildcardSubdomains()));

            private static CorsPolicyBuilder Origins(CorsPolicyBuilder b) => b.WithOrigins("https://*.example.com");
        }
        """);

    [Fact]
    public Task Wildcard_option_after_an_extension_method_of_the_project() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Cors.Infrastructure;
        static class CorsSetup
        {
            public static void Add(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.WithTenants().AllowAnyHeader().SetIsOriginAllowedToAllowWildcardSubdomains()));

            private static CorsPolicyBuilder WithTenants(this CorsPolicyBuilder b) => b.WithOrigins("https://*.example.com");
        }
        """);

    [Fact]
    public Task Wildcard_option_on_a_local_holding_the_helper_result() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Cors.Infrastructure;
        static class CorsSetup
        {
            public static void Add(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b =>
                {
                    var configured = Origins(b);
                    configured.SetIsOriginAllowedToAllowWildcardSubdomains();
                }));

            private static CorsPolicyBuilder Origins(CorsPolicyBuilder b) => b.WithOrigins("https://*.example.com");
        }
        """);

    [Fact]
    public Task Wildcard_option_on_a_builder_held_in_a_property() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Cors.Infrastructure;
        class PolicyFactory
        {
            private CorsPolicyBuilder Builder { get; } = new();

            public CorsPolicy Create()
            {
                Origins(Builder);
                Builder.SetIsOriginAllowedToAllowWildcardSubdomains();
                return Builder.Build();
            }

            private static void Origins(CorsPolicyBuilder b) => b.WithOrigins("https://*.example.com");
        }
        """);

    [Fact]
    public Task Wildcard_through_a_helper_without_the_option() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Cors.Infrastructure;
        static class CorsSetup
        {
            public static void Add(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => Origins(b).AllowAnyHeader()));

            private static CorsPolicyBuilder Origins(CorsPolicyBuilder b) => b.WithOrigins([|"https://*.example.com"|]);
        }
        """);

    [Fact]
    public Task Wildcard_on_a_local_chained_from_the_builder() => Verify.AnalyzerAsync("""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b =>
                {
                    var origins = b.WithOrigins([|"https://*.example.com"|]);
                    origins.AllowAnyHeader();
                }));
        }
        """);

    // Fixes.

    [Fact]
    public Task Fix_strips_slash_path_and_default_port() => Verify.CodeFixAsync(
        Policy("""[|"https://app.example.com/"|], [|"https://b.example.com/login"|], [|"https://c.example.com:443"|]"""),
        Policy("""
        "https://app.example.com", "https://b.example.com", "https://c.example.com"
        """));

    [Fact]
    public Task Fix_splits_joined_origins() => Verify.CodeFixAsync(
        Policy("""[|"https://a.example.com, https://b.example.com"|]"""),
        Policy("""
        "https://a.example.com", "https://b.example.com"
        """));

    [Fact]
    public Task Fix_adds_wildcard_subdomains() => Verify.CodeFixAsync(
        Policy("""[|"https://*.example.com"|]"""),
        """
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.WithOrigins("https://*.example.com").SetIsOriginAllowedToAllowWildcardSubdomains()));
        }
        """);

    [Fact]
    public Task Fix_trims_the_interpolation_literal_part() => Verify.CodeFixAsync("""
        class Startup(IConfiguration configuration)
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.WithOrigins([|$"https://{configuration["Host"]}/"|], [|$"https://{configuration["Admin"]}.example.com/login"|])));
        }
        """, """
        class Startup(IConfiguration configuration)
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.WithOrigins($"https://{configuration["Host"]}", $"https://{configuration["Admin"]}.example.com")));
        }
        """);

    [Fact]
    public Task Fix_all_interpolations_and_constants() => Verify.FixAllAsync("""
        class Startup(IConfiguration configuration)
        {
            private const string Frontend = "https://app.example.com/";

            public void ConfigureServices(IServiceCollection services)
            {
                const string admin = "https://admin.example.com:443";
                services.AddCors(o => o.AddPolicy("p", b => b.WithOrigins([|$"https://{configuration["Host"]}/"|], [|Frontend|], [|admin|])));
                services.AddCors(o => o.AddPolicy("q", b => b.WithOrigins([|Frontend|], [|$@"https://{configuration["Other"]}/?x=1"|])));
            }
        }
        """, """
        class Startup(IConfiguration configuration)
        {
            private const string Frontend = "https://app.example.com";

            public void ConfigureServices(IServiceCollection services)
            {
                const string admin = "https://admin.example.com";
                services.AddCors(o => o.AddPolicy("p", b => b.WithOrigins($"https://{configuration["Host"]}", Frontend, admin)));
                services.AddCors(o => o.AddPolicy("q", b => b.WithOrigins(Frontend, $@"https://{configuration["Other"]}")));
            }
        }
        """);

    [Fact]
    public Task Fix_at_a_constant_in_another_document() => Verify.FixAllAsync([
        """
        static class Origins
        {
            public const string Frontend = "https://app.example.com/";
        }
        """,
        """
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o =>
                {
                    o.AddPolicy("p", b => b.WithOrigins([|Origins.Frontend|]));
                    o.AddDefaultPolicy(b => b.WithOrigins([|Origins.Frontend|], "https://b.example.com"));
                });
        }
        """], [
        """
        static class Origins
        {
            public const string Frontend = "https://app.example.com";
        }
        """,
        """
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o =>
                {
                    o.AddPolicy("p", b => b.WithOrigins(Origins.Frontend));
                    o.AddDefaultPolicy(b => b.WithOrigins(Origins.Frontend, "https://b.example.com"));
                });
        }
        """]);

    [Fact]
    public Task No_fix_for_a_constant_used_elsewhere() => Verify.NoCodeFixAsync("""
        class Startup
        {
            private const string Frontend = "https://app.example.com/";

            public Uri Home { get; } = new Uri(Frontend + "home");

            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.WithOrigins([|Frontend|])));
        }
        """);

    [Fact]
    public Task No_fix_for_a_constant_built_from_another() => Verify.NoCodeFixAsync("""
        class Startup
        {
            private const string Host = "app.example.com";
            private const string Frontend = "https://" + Host + "/";

            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.WithOrigins([|Frontend|])));
        }
        """);

    [Fact]
    public Task No_fix_for_a_public_constant_of_a_library() => Verify.NoCodeFixAsync("""
        public static class Origins
        {
            public const string Frontend = "https://app.example.com/";

            public static void Add(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.WithOrigins([|Frontend|])));
        }
        """);

    [Fact]
    public Task No_fix_for_a_concatenation_or_whitespace_in_an_interpolation() => Verify.NoCodeFixAsync("""
        class Startup(IConfiguration configuration)
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.WithOrigins([|"https://" + configuration["Host"] + "/"|], [|$"https://{configuration["Host"]} "|], [|$"https://{configuration["Host"]}/{configuration["Path"]}/x"|])));
        }
        """);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync(
        Policy("""[|"https://app.example.com/"|], [|"http://b.example.com:80"|]"""),
        Policy("""
        "https://app.example.com", "http://b.example.com"
        """));

    [Fact]
    public Task Message_for_wildcard() => Verify.AnalyzerAsync(
        Policy("""{|#0:"https://*.example.com"|}"""),
        Verify.Diagnostic().WithLocation(0).WithMessage("Origin 'https://*.example.com' uses a '*.' wildcard without SetIsOriginAllowedToAllowWildcardSubdomains(), so it never matches a browser's Origin header and that site's requests are blocked"));

    [Fact]
    public Task Collection_expression_and_RequireCors_policy() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();
        var app = builder.Build();
        app.UseCors();
        string[] origins = ["https://app.example.com/"];
        app.MapGroup("/api").RequireCors(p => p.WithOrigins(["https://a.example.com", [|"https://b.example.com/"|]]));
        app.Run();
        """);

    [Fact]
    public Task Constructor_origins() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Cors.Infrastructure;
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddDefaultPolicy(new CorsPolicyBuilder([|"https://app.example.com/"|], "https://b.example.com").Build()));
        }
        """);

    [Fact]
    public Task Non_default_ports_for_the_scheme() => Verify.AnalyzerAsync(Policy("""
        "https://app.example.com:80", "http://app.example.com:443", "http://localhost:5000"
        """));

    [Fact]
    public Task Null_origin() => Verify.AnalyzerAsync(Policy("\"null\""));

    [Fact]
    public Task Interpolated_host_and_port() => Verify.AnalyzerAsync("""
        class Startup(IConfiguration configuration)
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.WithOrigins($"https://{configuration["Host"]}:{configuration["Port"]}")));
        }
        """);

    [Fact]
    public Task Origins_from_a_field() => Verify.AnalyzerAsync("""
        class Startup
        {
            private static readonly string[] Origins = ["https://app.example.com/"];

            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.WithOrigins(Origins)));
        }
        """);

    [Fact]
    public Task Trimmed_configuration_value() => Verify.AnalyzerAsync("""
        class Startup(IConfiguration configuration)
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.WithOrigins(configuration["Cors:Origin"]!.TrimEnd('/'))));
        }
        """);

    [Fact]
    public Task Other_builder_methods_take_other_values() => Verify.AnalyzerAsync("""
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b
                    .WithOrigins("https://app.example.com")
                    .WithHeaders("Content-Type", "X-Requested-With")
                    .WithExposedHeaders("Location")
                    .WithMethods("GET", "POST")));
        }
        """);

    [Fact]
    public Task Fix_all_two_wildcards_in_one_call() => Verify.FixAllAsync(
        Policy("""[|"https://*.example.com"|], [|"https://*.example.org"|]"""),
        """
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddCors(o => o.AddPolicy("p", b => b.WithOrigins("https://*.example.com", "https://*.example.org").SetIsOriginAllowedToAllowWildcardSubdomains()));
        }
        """);
}
