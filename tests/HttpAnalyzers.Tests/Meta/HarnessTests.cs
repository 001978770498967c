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
    public async Task References_polly_ef_core_and_stubs()
    {
        var project = TestWorkspace.CreateProject(["""
            using Polly;
            using Microsoft.EntityFrameworkCore;
            class C
            {
                ResiliencePipeline P = new ResiliencePipelineBuilder().Build();
                Policy? V7;
                DbContext? Db;
            }
            """]);
        Assert.Empty(await TestWorkspace.GetCompilerErrorsAsync(project));
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
