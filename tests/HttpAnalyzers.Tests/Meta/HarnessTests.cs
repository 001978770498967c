using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Meta;

public class HarnessTests
{
    [Fact]
    public void Markup_parses_nested_spans()
    {
        var (text, spans) = Markup.Parse("a [|b {|HTTP0021:c|}|] {|#0:d|}");
        Assert.Equal("a b c d", text);
        Assert.Equal(3, spans.Count);
        Assert.Contains(spans, s => s.Id == "HTTP0021" && text.Substring(s.Span.Start, s.Span.Length) == "c");
        Assert.Contains(spans, s => s.Id is null && s.LocationIndex is null && text.Substring(s.Span.Start, s.Span.Length) == "b c");
        Assert.Contains(spans, s => s.LocationIndex == 0 && text.Substring(s.Span.Start, s.Span.Length) == "d");
    }

    [Fact]
    public void Annotate_round_trips()
    {
        const string markup = "x {|HTTP0020:{|HTTP0021:Append|}|}(y) {|HTTP0022:z|}";
        var (text, spans) = Markup.Parse(markup);
        var (again, reparsed) = Markup.Parse(Markup.Annotate(text, spans.Select(s => (s.Id!, s.Span))));
        Assert.Equal(text, again);
        Assert.Equal(spans.OrderBy(s => s.Id).ThenBy(s => s.Span.Start), reparsed.OrderBy(s => s.Id).ThenBy(s => s.Span.Start));
    }

    [Fact]
    public async Task Compiles_web_code_with_implicit_usings_and_top_level_statements()
    {
        var project = TestWorkspace.CreateProject(["""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapGet("/", (HttpContext c) => c.Response.WriteAsync("hi"));
            app.Run();
            """]);
        Assert.Empty(await TestWorkspace.GetCompilerErrorsAsync(project));
    }

    [Fact]
    public async Task References_the_real_resilience_polly_authentication_and_ef_core_packages()
    {
        var project = TestWorkspace.CreateProject(["""
            using Microsoft.AspNetCore.Authentication.Google;
            using Microsoft.AspNetCore.Authentication.OpenIdConnect;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.Http.Resilience;
            using Polly;
            using Polly.Extensions.Http;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHttpClient("a").AddStandardResilienceHandler().Configure(o => o.Retry.MaxRetryAttempts = 2);
            builder.Services.AddHttpClient("b").AddResilienceHandler("p", b => b.AddRetry(new HttpRetryStrategyOptions()));
            builder.Services.AddHttpClient("c").AddPolicyHandler(HttpPolicyExtensions.HandleTransientHttpError().RetryAsync(3));
            builder.Services.AddAuthentication()
                .AddOpenIdConnect(o => o.SaveTokens = true)
                .AddGoogle(o => o.ClientId = "id");
            ResiliencePipeline pipeline = new ResiliencePipelineBuilder().Build();
            Policy? v7 = null;
            DbContext? db = null;
            GoogleOptions? google = null;
            OpenIdConnectOptions? oidc = null;
            """]);
        Assert.Empty(await TestWorkspace.GetCompilerErrorsAsync(project));
    }

    /// <summary>
    /// Every type the rules look for exists, under that metadata name, in the real assemblies the tests compile against,
    /// so a rule can't silently depend on a type name the real package doesn't have.
    /// </summary>
    [Fact]
    public async Task Every_known_type_resolves_against_the_real_packages()
    {
        // Known absences, each with its reason.
        string[] allowedMissing =
        [
            // In the Microsoft.AspNetCore.Identity.UI package, which the tests don't reference.
            "IdentityServiceCollectionUIExtensions",
            // Declared twice in the shared framework (Microsoft.AspNetCore.Identity and Microsoft.Extensions.Identity.Core),
            // so Compilation.GetTypeByMetadataName returns null for it.
            "IdentityServiceCollectionExtensions",
            // ExecuteUpdate/ExecuteDelete of EF Core 7 and 8, in Microsoft.EntityFrameworkCore.Relational; EF Core 9+ (referenced
            // by the tests) declares them on EntityFrameworkQueryableExtensions.
            "RelationalQueryableExtensions",
        ];
        var project = TestWorkspace.CreateProject(["class C { }"]);
        var compilation = (await project.GetCompilationAsync())!;
        var types = HttpAnalyzers.Infrastructure.KnownTypes.Get(compilation);
        var missing = typeof(HttpAnalyzers.Infrastructure.KnownTypes)
            .GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(Microsoft.CodeAnalysis.INamedTypeSymbol))
            .Where(p => p.GetValue(types) is null && !allowedMissing.Contains(p.Name))
            .Select(p => p.Name)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(missing.Count == 0, "Known types that resolve to nothing in the test references (wrong metadata name, or a package missing from Verifiers/References.cs): " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Editorconfig_options_reach_analyzers()
    {
        var project = TestWorkspace.CreateProject(["class C { }"], "http_analyzers.HTTP0001.idempotency_key_headers = X-Key, Y-Key");
        var tree = (await project.Documents.First().GetSyntaxTreeAsync())!;
        var value = HttpAnalyzers.Infrastructure.Options.GetList(project.AnalyzerOptions, tree, "HTTP0001", "idempotency_key_headers", ["Idempotency-Key"]);
        Assert.Equal(["X-Key", "Y-Key"], value.ToArray());
        var fallback = HttpAnalyzers.Infrastructure.Options.GetList(project.AnalyzerOptions, tree, "HTTP0002", "idempotency_key_headers", ["Idempotency-Key"]);
        Assert.Equal(["Idempotency-Key"], fallback.ToArray());
    }

    [Fact]
    public async Task Global_option_applies_when_the_rule_specific_one_is_absent()
    {
        var project = TestWorkspace.CreateProject(["class C { }"], "http_analyzers.sensitive_names = pin\nhttp_analyzers.HTTP0011.sensitive_names = ,,");
        var tree = (await project.Documents.First().GetSyntaxTreeAsync())!;
        Assert.Equal(["pin"], HttpAnalyzers.Infrastructure.Options.GetList(project.AnalyzerOptions, tree, "HTTP0010", "sensitive_names", ["token"]).ToArray());
        // An unreadable value falls back to the default.
        Assert.Equal(["token"], HttpAnalyzers.Infrastructure.Options.GetList(project.AnalyzerOptions, tree, "HTTP0011", "sensitive_names", ["token"]).ToArray());
    }
}
