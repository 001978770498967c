using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Caching;

/// <summary>
/// A value held in an earlier local is reported at the local's initializer, judged at the header write that uses it:
/// the open document shows it exactly as the build does.
/// </summary>
public class CachingOpenDocumentTests
{
    private const string ProfileController = HTTP0010Tests.MvcUsings + """
        using Microsoft.Net.Http.Headers;

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                var cacheControl = new CacheControlHeaderValue { VALUE };
                var headers = Response.GetTypedHeaders();
                headers.CacheControl = cacheControl;
                return Ok();
            }
        }
        """;

    [Fact]
    public Task HTTP0010_no_cache_header_value_in_a_local() => OpenDocument.VerifyAsync(
        RuleVerifier.For(DiagnosticIds.NoCacheInsteadOfNoStore),
        [ProfileController.Replace("VALUE", "[|NoCache = true|]", StringComparison.Ordinal)]);

    [Fact]
    public Task HTTP0010_no_store_header_value_in_a_local() => OpenDocument.VerifySilentAsync(
        RuleVerifier.For(DiagnosticIds.NoCacheInsteadOfNoStore),
        [ProfileController.Replace("VALUE", "NoStore = true", StringComparison.Ordinal)]);

    [Fact]
    public Task HTTP0014_local_formatted_date() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.HttpDateLocalFormat),
    [
        """
        class C
        {
            void M(HttpResponse response, DateTime modified)
            {
                var text = [|modified.ToString("yyyy-MM-dd HH:mm:ss")|];
                response.Headers.LastModified = text;
            }
        }
        """,
    ]);

    [Fact]
    public Task HTTP0014_local_rfc1123_date() => OpenDocument.VerifySilentAsync(RuleVerifier.For(DiagnosticIds.HttpDateLocalFormat),
    [
        """
        class C
        {
            void M(HttpResponse response, DateTime modified)
            {
                var text = modified.ToUniversalTime().ToString("R");
                response.Headers.LastModified = text;
            }
        }
        """,
    ]);
}
