using System.Collections.Concurrent;
using HttpAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;
using Xunit.Abstractions;

namespace HttpAnalyzers.Tests.Meta;

/// <summary>
/// No analyzer or code fix may throw on incomplete code. Every test source in the repository (the string literals
/// under Rules/ and Meta/, this file's incomplete snippets included), the ValidCode corpus and the sample app are cut off at several points and
/// run through all analyzers; every code action offered on the result is computed too.
/// </summary>
public class RobustnessTests(ITestOutputHelper output)
{
    private const int VariantBudget = 1500;

    [Fact]
    public async Task Analyzers_and_fixes_never_throw_on_truncated_sources()
    {
        var sources = CollectSources();
        Assert.NotEmpty(sources);
        var cutsPerSource = Math.Clamp(VariantBudget / sources.Count, 2, 8);
        var variants = new List<(string Origin, string Text)>();
        foreach (var (origin, text) in sources)
        {
            for (var i = 1; i <= cutsPerSource; i++)
            {
                var cut = (int)((long)text.Length * i / (cutsPerSource + 1));
                variants.Add(($"{origin} cut at {cut}", text[..cut]));
            }

            // A hole in the middle: a statement or member left half-written.
            var start = text.Length / 2;
            var length = Math.Min(text.Length - start, Math.Max(1, text.Length / 10));
            variants.Add(($"{origin} without [{start}..{start + length})", text.Remove(start, length)));
        }

        var failures = new ConcurrentQueue<string>();
        var fixesRun = 0;
        await Parallel.ForEachAsync(variants, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (variant, _) =>
        {
            try
            {
                var project = TestWorkspace.CreateProject([variant.Text]);
                var diagnostics = await TestWorkspace.GetAnalyzerDiagnosticsAsync(project);
                foreach (var diagnostic in diagnostics.Take(3))
                {
                    var document = project.GetDocument(diagnostic.Location.SourceTree);
                    if (document is null)
                    {
                        continue;
                    }

                    foreach (var action in await RuleVerifier.GetCodeActionsAsync(document, diagnostic))
                    {
                        await action.GetOperationsAsync(CancellationToken.None);
                        Interlocked.Increment(ref fixesRun);
                    }
                }
            }
            catch (Exception exception)
            {
                failures.Enqueue($"{variant.Origin}:\n{exception}\n--- source ---\n{variant.Text}");
            }
        });

        output.WriteLine($"{sources.Count} sources, {variants.Count} truncated variants, {fixesRun} code actions computed.");
        Assert.True(failures.IsEmpty, $"{failures.Count} variants crashed an analyzer or a fix. First:\n" + string.Join("\n\n", failures.Take(3)));
    }

    /// <summary>Code being typed: missing arguments, unresolved symbols, broken syntax.</summary>
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
    [InlineData("""
        class C { async Task M(HttpClient client) { while (true) { try { await client.PostAsync( } catch (HttpRequestException) { } } } }
        """)]
    [InlineData("""
        class C { async Task M(HttpClient client) { var r = new HttpRequestMessage(; for (;;) { await client.SendAsync(r); } } }
        """)]
    [InlineData("""
        using Polly;
        class C { Task M(HttpClient client) => Policy.Handle<HttpRequestException>().RetryAsync(3).ExecuteAsync(() => client.SendAsync(missing)); }
        """)]
    [InlineData("""
        using Polly;
        class C { ResiliencePipeline P = new ResiliencePipelineBuilder().AddRetry().Build(); Task M(HttpClient c) => P.ExecuteAsync(async ct => await c.PostAsync("x", null, ct)).AsTask(); }
        """)]
    [InlineData("""
        class C { void M(IServiceCollection s) { s.AddHttpClient<Missing>().AddStandardResilienceHandler(; s.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler(o => o.Retry.DisableFor(HttpMethod.))); } }
        """)]
    [InlineData("""
        class C { async Task M(HttpClient client) { while (true) { var r = await client.GetAsync("x"); if (r.StatusCode == (System.Net.HttpStatusCode)) { await Task.Delay(); Thread.Sleep(); continue; } return; } } }
        """)]
    [InlineData("""
        class C { IResult M() => Results.StatusCode(); void N(HttpResponse r) { r.StatusCode = ; } void O(IServiceCollection s) => s.AddRateLimiter(o => { o.OnRejected = ; o.RejectionStatusCode = x; }); }
        """)]
    [InlineData("""
        class C { async Task M(HttpClient client) { do { var req = new HttpRequestMessage(HttpMethod.Post, "x"); req.Headers.Add("Idempotency-Key", Guid.NewGuid()); await client.SendAsync(req); } while (undefined); } }
        """)]
    [InlineData("""
        using Polly;
        class C { IAsyncPolicy<HttpResponseMessage> P = Policy.HandleResult<HttpResponseMessage>(r => r.StatusCode == 429).WaitAndRetryAsync(3, ); }
        """)]
    public async Task Incomplete_code_does_not_crash(string source)
    {
        var project = TestWorkspace.CreateProject([source]);
        _ = await TestWorkspace.GetAnalyzerDiagnosticsAsync(project);
    }

    /// <summary>Code that trips every caching rule at once; the truncation test cuts it like every other source.</summary>
    private const string EveryCachingMistake = """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Net.Http.Headers;

        [Authorize]
        [Route("api/[controller]")]
        public class AccountController : ControllerBase
        {
            [HttpGet("token"), ResponseCache(Duration = 60)]
            public IActionResult Token(string id)
            {
                var accessToken = Guid.NewGuid().ToString();
                Response.Headers.CacheControl = "no-cache, public, s-maxage=60";
                Response.Headers.Pragma = "no-cache";
                Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { NoCache = true, Public = true };
                Response.Headers.ETag = $"{id}";
                Response.GetTypedHeaders().ETag = new EntityTagHeaderValue(id.GetHashCode().ToString());
                if (Request.Headers.IfNoneMatch == id || string.Equals(Request.Headers["If-None-Match"], id)) return StatusCode(304);
                Response.Headers.LastModified = DateTime.Now.ToString("R");
                Response.Headers.Expires = $"{DateTime.UtcNow}";
                return Ok(new { accessToken });
            }

            [ResponseCache(Location = ResponseCacheLocation.None)]
            public IActionResult Other() => Ok();
        }

        public static class Endpoints
        {
            public static void Map(IEndpointRouteBuilder app)
            {
                var group = app.MapGroup("/auth").RequireAuthorization();
                group.MapPost("/login", Login).AllowAnonymous();
                group.MapGet("/me", (HttpContext c) => { c.Response.Headers.Append("Cache-Control", "no-cache"); return c.Request.Headers.IfMatch.ToString() switch { "\"a\"" => 1, _ => 2 }; });
            }

            private static IResult Login(HttpResponse response)
            {
                response.Cookies.Append("sid", "v");
                response.Headers.CacheControl = "public";
                return Results.Ok();
            }
        }
        """;

    private static List<(string Origin, string Text)> CollectSources()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sources = new List<(string, string)>();
        void Add(string origin, string text)
        {
            text = Markup.Normalize(text);
            if (seen.Add(text))
            {
                sources.Add((origin, text));
            }
        }

        foreach (var folder in new[] { "Rules", "Meta" })
        {
            var rules = Repository.PathOf("tests", "HttpAnalyzers.Tests", folder);
            foreach (var file in Directory.EnumerateFiles(rules, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
                foreach (var literal in root.DescendantNodes().OfType<LiteralExpressionSyntax>())
                {
                    if (!literal.IsKind(SyntaxKind.StringLiteralExpression))
                    {
                        continue;
                    }

                    var value = literal.Token.ValueText;
                    if (value.Length < 30 || (!value.Contains(';') && !value.Contains('{')))
                    {
                        continue;
                    }

                    string text;
                    try
                    {
                        text = Markup.Strip(value);
                    }
                    catch (InvalidOperationException)
                    {
                        continue;
                    }

                    Add($"{Path.GetRelativePath(Repository.Root, file)}:{literal.GetLocation().GetLineSpan().StartLinePosition.Line + 1}", text);
                }
            }
        }

        foreach (var (name, text) in EmbeddedSources.Under("ValidCode/"))
        {
            Add(name, text);
        }

        var sample = Repository.PathOf("samples", "HttpAnalyzers.Sample");
        foreach (var file in Directory.EnumerateFiles(sample, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/") && !f.Contains("/bin/")).Order(StringComparer.Ordinal))
        {
            Add(Path.GetRelativePath(Repository.Root, file), File.ReadAllText(file));
        }

        return sources;
    }
}
