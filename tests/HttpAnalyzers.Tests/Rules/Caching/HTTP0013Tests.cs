using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Caching;

public class HTTP0013Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.IfNoneMatchStringComparison);

    [Fact]
    public Task Property_compared_with_equals_operator() => Verify.AnalyzerAsync("""
        class C
        {
            bool M(HttpRequest request, string etag) => [|request.Headers.IfNoneMatch == etag|];
        }
        """);

    [Fact]
    public Task Indexer_through_to_string_not_equals() => Verify.AnalyzerAsync("""
        class C
        {
            bool M(HttpContext context, string etag) => [|context.Request.Headers["If-None-Match"].ToString() != etag|];
        }
        """);

    [Fact]
    public Task Local_alias_with_string_equals() => Verify.AnalyzerAsync("""
        class C
        {
            IResult M(HttpRequest request, string etag)
            {
                string? ifNoneMatch = request.Headers.IfNoneMatch;
                if ([|string.Equals(ifNoneMatch, etag, StringComparison.Ordinal)|])
                {
                    return Results.StatusCode(304);
                }

                return Results.Ok();
            }
        }
        """);

    [Fact]
    public Task Instance_equals_and_if_match() => Verify.AnalyzerAsync("""
        class C
        {
            bool M(HttpRequest request, string etag) => [|request.Headers.IfMatch.Equals(etag)|];
        }
        """);

    [Fact]
    public Task Switch_statement_governing_expression() => Verify.AnalyzerAsync("""
        class C
        {
            int M(HttpRequest request)
            {
                switch ([|request.Headers.IfNoneMatch.ToString()|])
                {
                    case "\"v1\"":
                        return 304;
                    default:
                        return 200;
                }
            }
        }
        """);

    [Fact]
    public Task Switch_expression_governing_expression() => Verify.AnalyzerAsync("""
        class C
        {
            int M(HttpRequest request) => [|request.Headers["If-None-Match"].ToString()|] switch
            {
                "\"v1\"" => 304,
                _ => 200,
            };
        }
        """);

    [Fact]
    public Task Compared_with_an_entity_tag_value_in_a_controller() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        public class FilesController : ControllerBase
        {
            public IActionResult Get(string id)
            {
                var etag = "\"" + id + "\"";
                if ([|Request.Headers.IfNoneMatch == etag|])
                {
                    return StatusCode(304);
                }

                return Ok();
            }
        }
        """);

    [Fact]
    public Task Try_get_value_alias() => Verify.AnalyzerAsync("""
        using Microsoft.Net.Http.Headers;

        class C
        {
            bool M(HttpRequest request, string etag)
                => request.Headers.TryGetValue(HeaderNames.IfNoneMatch, out var ifNoneMatch) && [|ifNoneMatch == etag|];
        }
        """);

    [Fact]
    public Task Message() => Verify.AnalyzerAsync("""
        class C
        {
            bool M(HttpRequest request, string etag) => {|#0:request.Headers.IfNoneMatch == etag|};
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("'If-None-Match' is compared as one string, but it is a comma-separated list that may hold weak 'W/' tags or '*'; compare the parsed entity tags"));

    // ---- near-miss negatives ----

    [Fact]
    public Task Star_alone() => Verify.AnalyzerAsync("""
        class C
        {
            bool M(HttpRequest request) => request.Headers.IfMatch == "*";
        }
        """);

    [Fact]
    public Task Presence_checks() => Verify.AnalyzerAsync("""
        using Microsoft.Extensions.Primitives;

        class C
        {
            bool M(HttpRequest request)
                => request.Headers.IfNoneMatch == StringValues.Empty || request.Headers["If-None-Match"].ToString() == "" || request.Headers.IfMatch.ToString() == null;
        }
        """);

    [Fact]
    public Task Typed_headers_comparison() => Verify.AnalyzerAsync("""
        using Microsoft.Net.Http.Headers;

        class C
        {
            bool M(HttpRequest request, EntityTagHeaderValue etag)
                => request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(etag, useStrongComparison: false));
        }
        """);

    [Fact]
    public Task Other_request_header() => Verify.AnalyzerAsync("""
        class C
        {
            bool M(HttpRequest request, string etag) => request.Headers["X-Version"] == etag || request.Headers.Accept == "application/json";
        }
        """);

    [Fact]
    public Task Response_etag_comparison() => Verify.AnalyzerAsync("""
        class C
        {
            bool M(HttpResponse response, string etag) => response.Headers.ETag == etag;
        }
        """);

    [Fact]
    public Task Switch_on_star_only() => Verify.AnalyzerAsync("""
        class C
        {
            int M(HttpRequest request) => request.Headers.IfMatch.ToString() switch
            {
                "*" => 1,
                _ => 0,
            };
        }
        """);

    [Fact]
    public Task Reassigned_local() => Verify.AnalyzerAsync("""
        class C
        {
            bool M(HttpRequest request, string etag)
            {
                string? value = request.Headers.IfNoneMatch;
                value = Normalize(value);
                return value == etag;
            }

            static string? Normalize(string? v) => v;
        }
        """);

    [Fact]
    public Task Count_and_null_or_empty_checks() => Verify.AnalyzerAsync("""
        using Microsoft.Extensions.Primitives;

        class C
        {
            bool M(HttpRequest request) => request.Headers.IfNoneMatch.Count == 1 && !StringValues.IsNullOrEmpty(request.Headers.IfMatch);
        }
        """);

    [Fact]
    public Task Header_compared_with_another_header() => Verify.AnalyzerAsync("""
        class C
        {
            bool M(HttpRequest request) => request.Headers.IfNoneMatch == request.Headers.IfMatch;
        }
        """);

    [Fact]
    public Task Try_get_value_of_another_header() => Verify.AnalyzerAsync("""
        using Microsoft.Net.Http.Headers;

        class C
        {
            bool M(HttpRequest request, string etag)
                => request.Headers.TryGetValue(HeaderNames.Accept, out var accept) && accept == etag;
        }
        """);

    // ---- fixes ----

    [Fact]
    public Task Fix_string_tag_in_minimal_api() => Verify.CodeFixAsync("""
        var app = WebApplication.Create();
        app.MapGet("/doc", (HttpContext context) =>
        {
            var etag = "\"v1\"";
            if ([|context.Request.Headers.IfNoneMatch == etag|])
            {
                return Results.StatusCode(304);
            }

            return Results.Ok("doc");
        });
        app.Run();
        """, """
        using Microsoft.Net.Http.Headers;

        var app = WebApplication.Create();
        app.MapGet("/doc", (HttpContext context) =>
        {
            var etag = "\"v1\"";
            if (context.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(EntityTagHeaderValue.Parse(etag), useStrongComparison: false)))
            {
                return Results.StatusCode(304);
            }

            return Results.Ok("doc");
        });
        app.Run();
        """);

    [Fact]
    public Task Fix_negated_if_match_with_typed_tag() => Verify.CodeFixAsync("""
        using Microsoft.Net.Http.Headers;

        class C
        {
            bool M(HttpRequest request, EntityTagHeaderValue current) => [|request.Headers.IfMatch.ToString() != current.ToString()|];
        }
        """, """
        using Microsoft.Net.Http.Headers;

        class C
        {
            bool M(HttpRequest request, EntityTagHeaderValue current) => !request.GetTypedHeaders().IfMatch.Any(t => t.Compare(EntityTagHeaderValue.Parse(current.ToString()), useStrongComparison: true));
        }
        """);

    [Fact]
    public Task Fix_typed_operand_and_alias() => Verify.CodeFixAsync("""
        using Microsoft.Net.Http.Headers;

        class C
        {
            bool M(HttpRequest request, EntityTagHeaderValue current)
            {
                var header = request.Headers["If-None-Match"];
                return [|header.Equals(current.Tag.ToString())|];
            }
        }
        """, """
        using Microsoft.Net.Http.Headers;

        class C
        {
            bool M(HttpRequest request, EntityTagHeaderValue current)
            {
                var header = request.Headers["If-None-Match"];
                return request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(EntityTagHeaderValue.Parse(current.Tag.ToString()), useStrongComparison: false));
            }
        }
        """);

    [Fact]
    public Task Fix_entity_tag_operand_is_used_as_is() => Verify.CodeFixAsync("""
        using Microsoft.Net.Http.Headers;

        class C
        {
            bool M(HttpRequest request, EntityTagHeaderValue current) => [|request.Headers.IfNoneMatch.Equals(current)|];
        }
        """, """
        using Microsoft.Net.Http.Headers;

        class C
        {
            bool M(HttpRequest request, EntityTagHeaderValue current) => request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(current, useStrongComparison: false));
        }
        """);

    [Fact]
    public Task Fix_comparison_passed_as_an_argument() => Verify.CodeFixAsync("""
        class C
        {
            IResult M(HttpRequest request, string etag) => Check([|request.Headers.IfNoneMatch != etag|]);

            static IResult Check(bool modified) => modified ? Results.Ok() : Results.StatusCode(304);
        }
        """, """
        using Microsoft.Net.Http.Headers;

        class C
        {
            IResult M(HttpRequest request, string etag) => Check(!request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(EntityTagHeaderValue.Parse(etag), useStrongComparison: false)));

            static IResult Check(bool modified) => modified ? Results.Ok() : Results.StatusCode(304);
        }
        """);

    [Fact]
    public Task Fix_try_get_value_alias() => Verify.CodeFixAsync("""
        using Microsoft.Net.Http.Headers;

        class C
        {
            bool M(HttpRequest request, string etag)
                => request.Headers.TryGetValue(HeaderNames.IfNoneMatch, out var ifNoneMatch) && [|ifNoneMatch == etag|];
        }
        """, """
        using Microsoft.Net.Http.Headers;

        class C
        {
            bool M(HttpRequest request, string etag)
                => request.Headers.TryGetValue(HeaderNames.IfNoneMatch, out var ifNoneMatch) && request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(EntityTagHeaderValue.Parse(etag), useStrongComparison: false));
        }
        """);

    [Fact]
    public Task Switch_has_no_fix() => Verify.NoCodeFixAsync("""
        class C
        {
            int M(HttpRequest request) => [|request.Headers["If-None-Match"].ToString()|] switch
            {
                "\"v1\"" => 304,
                _ => 200,
            };
        }
        """);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync("""
        class C
        {
            bool A(HttpRequest request, string etag) => [|request.Headers.IfNoneMatch == etag|];

            bool B(HttpRequest request, string etag) => [|string.Equals(request.Headers["If-None-Match"], etag)|];
        }
        """, """
        using Microsoft.Net.Http.Headers;

        class C
        {
            bool A(HttpRequest request, string etag) => request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(EntityTagHeaderValue.Parse(etag), useStrongComparison: false));

            bool B(HttpRequest request, string etag) => request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(EntityTagHeaderValue.Parse(etag), useStrongComparison: false));
        }
        """);

    // ---- near misses: the header parsed, checked for presence, or another header compared ----

    public static TheoryData<string> SafeChecks => new()
    {
        "request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(EntityTagHeaderValue.Parse(etag), useStrongComparison: false))",
        "request.Headers.IfNoneMatch == \"*\"",
        "request.Headers.IfNoneMatch.Count == 0",
        "string.IsNullOrEmpty(request.Headers.IfNoneMatch)",
        "request.Headers.ContainsKey(\"If-None-Match\")",
        "request.Headers.Accept == etag",
        "request.Headers.IfModifiedSince == etag",
        "request.Headers.IfNoneMatch == request.Headers.IfMatch",
    };

    [Theory]
    [MemberData(nameof(SafeChecks))]
    public Task Safe_check_near_miss(string condition) => Verify.AnalyzerAsync($$"""
        using Microsoft.Net.Http.Headers;

        class C
        {
            bool M(HttpRequest request, string etag) => {{condition}};
        }
        """);
}
