using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Caching;

/// <summary>The caching analyzers are silent on the realistic code under ValidCode/Caching*.cs, and never throw on it truncated.</summary>
public class CachingValidCodeTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var name in typeof(CachingValidCodeTests).Assembly.GetManifestResourceNames())
        {
            if (name.Replace('\\', '/').StartsWith("ValidCode/Caching", StringComparison.Ordinal))
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public Task Silent(string resource) => RuleVerifier.For(DiagnosticIds.NoCacheInsteadOfNoStore).AnalyzerAsync(Read(resource));

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Never_throws_on_truncated_code(string resource)
    {
        var source = Read(resource);
        for (var length = 0; length < source.Length; length += 41)
        {
            var project = TestWorkspace.CreateProject([source.Substring(0, length)]);
            await TestWorkspace.GetAnalyzerDiagnosticsAsync(project);
        }
    }

    /// <summary>Code that trips every caching rule, cut at every 23rd character: the analyzers must never throw on it.</summary>
    [Fact]
    public async Task Never_throws_on_truncated_positive_code()
    {
        const string source = """
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
        for (var length = 0; length < source.Length; length += 23)
        {
            var project = TestWorkspace.CreateProject([source.Substring(0, length)]);
            await TestWorkspace.GetAnalyzerDiagnosticsAsync(project);
        }
    }

    private static string Read(string resource)
    {
        using var stream = typeof(CachingValidCodeTests).Assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
