using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Caching;

public class HTTP0012Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.UnquotedETag);

    [Fact]
    public Task Property_write_with_unquoted_literal() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpContext context) => context.Response.Headers.ETag = [|"abc123"|];
        }
        """);

    [Fact]
    public Task Indexer_write_with_interpolation() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, int id, int version) => response.Headers["ETag"] = [|$"{id}-{version}"|];
        }
        """);

    [Fact]
    public Task Append_with_number_to_string() => Verify.AnalyzerAsync("""
        using Microsoft.Net.Http.Headers;

        class C
        {
            void M(HttpResponse response, long version) => response.Headers.Append(HeaderNames.ETag, [|version.ToString()|]);
        }
        """);

    [Fact]
    public Task Add_with_hash() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, byte[] content)
            {
                var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content));
                response.Headers.Add("ETag", [|hash|]);
            }
        }
        """);

    [Fact]
    public Task Encoded_hashes() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.WebUtilities;

        class C
        {
            void M(HttpResponse response, byte[] hash)
            {
                response.Headers.ETag = [|BitConverter.ToString(hash)|];
                response.Headers["ETag"] = [|WebEncoders.Base64UrlEncode(hash)|];
            }
        }
        """);

    [Fact]
    public Task Hash_joined_from_hex_digits() => Verify.AnalyzerAsync("""
        using System.Security.Cryptography;

        class C
        {
            void M(HttpResponse response, byte[] content)
            {
                var hash = SHA256.HashData(content);
                response.Headers.ETag = [|string.Concat(hash.Select(b => b.ToString("x2")))|];
                response.Headers["ETag"] = [|string.Join("", hash.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)))|];
                response.Headers.Append("ETag", [|BitConverter.ToString(hash).Replace("-", "")|]);
                response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.ETag, [|Convert.ToHexStringLower(hash)|]);
            }
        }
        """);

    [Fact]
    public Task Hash_built_in_a_local_or_a_StringBuilder() => Verify.AnalyzerAsync("""
        using System.Text;

        class C
        {
            void M(HttpResponse response, byte[] hash, Guid id, long version)
            {
                var hex = BitConverter.ToString(hash).Replace("-", string.Empty).ToLowerInvariant();
                response.Headers.ETag = [|hex|];

                var sb = new StringBuilder();
                foreach (var b in hash)
                {
                    sb.Append(b.ToString("x2"));
                }

                response.Headers["ETag"] = [|sb.ToString()|];
                var tag = id.ToString();
                response.Headers.Append("ETag", [|tag|]);
                response.Headers.Append("ETag", [|version.ToString()|]);
            }
        }
        """);

    [Fact]
    public Task Quoted_hash_and_builder_with_quotes() => Verify.AnalyzerAsync("""
        using System.Text;

        class C
        {
            void M(HttpResponse response, byte[] hash, string other)
            {
                response.Headers.ETag = "\"" + string.Concat(hash.Select(b => b.ToString("x2"))) + "\"";
                var sb = new StringBuilder();
                sb.Append('"');
                foreach (var b in hash)
                {
                    sb.Append(b.ToString("x2"));
                }

                sb.Append('"');
                response.Headers["ETag"] = sb.ToString();
                response.Headers.Append("ETag", string.Concat(hash.Select(b => other)));
                response.Headers.Append("ETag", $"\"{Convert.ToHexString(hash)}\"");
            }
        }
        """);

    [Fact]
    public Task Fix_quotes_a_joined_hash() => Verify.CodeFixAsync("""
        class C
        {
            void M(HttpResponse response, byte[] hash)
            {
                var etag = string.Concat(hash.Select(b => b.ToString("x2")));
                response.Headers.ETag = [|etag|];
            }
        }
        """, """
        class C
        {
            void M(HttpResponse response, byte[] hash)
            {
                var etag = string.Concat(hash.Select(b => b.ToString("x2")));
                response.Headers.ETag = $"\"{etag}\"";
            }
        }
        """);

    [Fact]
    public Task Entity_tag_constructor_with_guid() => Verify.AnalyzerAsync("""
        using Microsoft.Net.Http.Headers;

        class C
        {
            void M(HttpResponse response, Guid rowVersion)
                => response.GetTypedHeaders().ETag = new EntityTagHeaderValue([|rowVersion.ToString("N")|]);
        }
        """);

    [Fact]
    public Task System_net_http_entity_tag_constructor() => Verify.AnalyzerAsync("""
        class C
        {
            System.Net.Http.Headers.EntityTagHeaderValue M(int id) => new System.Net.Http.Headers.EntityTagHeaderValue([|"v" + id|]);
        }
        """);

    [Fact]
    public Task Weak_prefix_without_quotes() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, int v) => response.Headers.ETag = [|$"W/{v}"|];
        }
        """);

    [Fact]
    public Task Message() => Verify.AnalyzerAsync("""
        using Microsoft.Net.Http.Headers;

        class C
        {
            EntityTagHeaderValue M(int v) => new EntityTagHeaderValue({|#0:$"v{v}"|});
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("Entity tag '$\"v{v}\"' is not a quoted entity tag; 'new EntityTagHeaderValue(…)' throws FormatException at run time"));

    // ---- near-miss negatives ----

    [Fact]
    public Task Quoted_literal() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) => response.Headers.ETag = "\"abc123\"";
        }
        """);

    [Fact]
    public Task Quoted_interpolation_and_weak_tag() => Verify.AnalyzerAsync("""
        using Microsoft.Net.Http.Headers;

        class C
        {
            void M(HttpResponse response, int id, int v)
            {
                response.Headers.ETag = $"\"{id}-{v}\"";
                response.Headers["ETag"] = $"W/\"{v}\"";
                response.GetTypedHeaders().ETag = new EntityTagHeaderValue($"\"{v}\"", isWeak: true);
            }
        }
        """);

    [Fact]
    public Task Quoted_etag_from_a_local() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, byte[] content)
            {
                var etag = "\"" + Convert.ToHexString(content) + "\"";
                response.Headers.ETag = etag;
            }
        }
        """);

    [Fact]
    public Task Entity_tag_value_tag_and_to_string() => Verify.AnalyzerAsync("""
        using Microsoft.Net.Http.Headers;

        class C
        {
            void M(HttpResponse response, EntityTagHeaderValue tag, System.Net.Http.Headers.EntityTagHeaderValue other)
            {
                response.Headers.ETag = tag.Tag.ToString();
                response.Headers.Append("ETag", tag.ToString());
                response.Headers["ETag"] = other.Tag;
            }
        }
        """);

    [Fact]
    public Task Dto_property_named_etag() => Verify.AnalyzerAsync("""
        public class ResourceDto
        {
            public string? ETag { get; set; }
        }

        class C
        {
            ResourceDto M(int version) => new ResourceDto { ETag = version.ToString() };
        }
        """);

    [Fact]
    public Task Unknown_parameter_value() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, string etag) => response.Headers.ETag = etag;
        }
        """);

    [Fact]
    public Task Request_header_and_other_headers() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpContext context, int v)
            {
                context.Request.Headers.ETag = v.ToString();
                context.Response.Headers["X-Version"] = v.ToString();
            }
        }
        """);

    [Fact]
    public Task Any_tag_is_valid() => Verify.AnalyzerAsync("""
        using Microsoft.Net.Http.Headers;

        class C
        {
            EntityTagHeaderValue M() => new EntityTagHeaderValue("*");
        }
        """);

    [Fact]
    public Task Local_reassigned_is_unknown() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, int v)
            {
                var etag = v.ToString();
                etag = "\"" + etag + "\"";
                response.Headers.ETag = etag;
            }
        }
        """);

    // ---- fixes ----

    [Fact]
    public Task Fix_literal() => Verify.CodeFixAsync("""
        class C
        {
            void M(HttpResponse response) => response.Headers.ETag = [|"abc123"|];
        }
        """, """
        class C
        {
            void M(HttpResponse response) => response.Headers.ETag = "\"abc123\"";
        }
        """);

    [Fact]
    public Task Fix_interpolation_and_weak_prefix() => Verify.CodeFixAsync("""
        class C
        {
            void M(HttpResponse response, int id, int v)
            {
                response.Headers.ETag = [|$"{id}-{v}"|];
                response.Headers["ETag"] = [|$"W/{v}"|];
            }
        }
        """, """
        class C
        {
            void M(HttpResponse response, int id, int v)
            {
                response.Headers.ETag = $"\"{id}-{v}\"";
                response.Headers["ETag"] = $"W/\"{v}\"";
            }
        }
        """);

    [Fact]
    public Task Fix_wraps_an_expression() => Verify.CodeFixAsync("""
        using Microsoft.Net.Http.Headers;

        class C
        {
            void M(HttpResponse response, Guid rowVersion, byte[] content)
            {
                response.GetTypedHeaders().ETag = new EntityTagHeaderValue([|rowVersion.ToString("N")|]);
                var hash = Convert.ToBase64String(content);
                response.Headers.Append("ETag", [|hash|]);
            }
        }
        """, """
        using Microsoft.Net.Http.Headers;

        class C
        {
            void M(HttpResponse response, Guid rowVersion, byte[] content)
            {
                response.GetTypedHeaders().ETag = new EntityTagHeaderValue($"\"{rowVersion.ToString("N")}\"");
                var hash = Convert.ToBase64String(content);
                response.Headers.Append("ETag", $"\"{hash}\"");
            }
        }
        """);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync("""
        class C
        {
            void M(HttpResponse response, int v, long w)
            {
                response.Headers.ETag = [|"abc"|];
                response.Headers["ETag"] = [|"v" + v|];
                response.Headers.Append("ETag", [|w.ToString()|]);
            }
        }
        """, """
        class C
        {
            void M(HttpResponse response, int v, long w)
            {
                response.Headers.ETag = "\"abc\"";
                response.Headers["ETag"] = $"\"{("v" + v)}\"";
                response.Headers.Append("ETag", $"\"{w.ToString()}\"");
            }
        }
        """);

    // ---- near misses: entity tags that are quoted, or the '*' wildcard ----

    public static TheoryData<string> QuotedTags => new()
    {
        """
        "\"v1\""
        """,
        """
        "W/\"v1\""
        """,
        """
        $"\"{hash}\""
        """,
        """
        $"W/\"{hash}\""
        """,
        """
        "\"" + hash + "\""
        """,
        """
        "*"
        """,
        """
        new EntityTagHeaderValue("\"v1\"").ToString()
        """,
    };

    [Theory]
    [MemberData(nameof(QuotedTags))]
    public Task Quoted_tag_near_miss(string value) => Verify.AnalyzerAsync($$"""
        using Microsoft.Net.Http.Headers;

        class C
        {
            void M(HttpResponse response, string hash) => response.Headers.ETag = {{value}};
        }
        """);
}
