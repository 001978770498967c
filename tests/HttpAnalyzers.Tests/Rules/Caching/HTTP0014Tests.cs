using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Caching;

public class HTTP0014Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.HttpDateLocalFormat);

    [Fact]
    public Task Last_modified_property_with_default_to_string() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, DateTime modified) => response.Headers.LastModified = [|modified.ToString()|];
        }
        """);

    [Fact]
    public Task Expires_indexer_with_culture_format() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) => response.Headers["Expires"] = [|DateTime.UtcNow.AddHours(1).ToString("u")|];
        }
        """);

    [Fact]
    public Task Date_offset_with_provider_but_no_format() => Verify.AnalyzerAsync("""
        using System.Globalization;

        class C
        {
            void M(HttpResponse response, DateTimeOffset now) => response.Headers.Append("Date", [|now.ToString(CultureInfo.InvariantCulture)|]);
        }
        """);

    [Fact]
    public Task Local_time_with_r_format() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) => response.Headers.LastModified = [|DateTime.Now.ToString("R")|];
        }
        """);

    [Fact]
    public Task File_write_time_with_r_format() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, string path)
            {
                var info = new FileInfo(path);
                response.Headers.LastModified = [|info.LastWriteTime.ToString("r")|];
                var written = File.GetLastWriteTime(path);
                response.Headers["Last-Modified"] = [|written.ToString("R")|];
            }
        }
        """);

    [Fact]
    public Task Interpolated_date() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, DateTime at) => response.Headers.RetryAfter = $"[|{at}|]";
        }
        """);

    [Fact]
    public Task Client_request_if_modified_since() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpRequestMessage request, DateTime cached)
                => request.Headers.TryAddWithoutValidation("If-Modified-Since", [|cached.ToString()|]);
        }
        """);

    [Fact]
    public Task Local_alias_of_formatted_value() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, DateTime modified)
            {
                var text = [|modified.ToString("yyyy-MM-dd HH:mm:ss")|];
                response.Headers.LastModified = text;
            }
        }
        """);

    [Fact]
    public Task Message() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) => response.Headers.LastModified = {|#0:DateTime.Now.ToString("R")|};
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("'Last-Modified' value is a local time formatted with 'R', which labels it GMT without converting it; HTTP dates must be IMF-fixdate in GMT ('R' format of a UTC time)"));

    [Fact]
    public Task Imf_pattern_without_culture() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response)
                => response.Headers.Expires = {|#0:DateTime.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss 'GMT'")|};
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("'Expires' value uses the current culture's day and month names; HTTP dates must be IMF-fixdate in GMT ('R' format of a UTC time)"));

    // ---- near-miss negatives ----

    [Fact]
    public Task Date_time_offset_r_format() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, DateTimeOffset modified) => response.Headers.LastModified = modified.ToString("R");
        }
        """);

    [Fact]
    public Task Utc_date_time_r_format() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, DateTime modified, string path)
            {
                response.Headers.LastModified = DateTime.UtcNow.ToString("R");
                response.Headers.Expires = modified.ToUniversalTime().ToString("r");
                response.Headers["Last-Modified"] = File.GetLastWriteTimeUtc(path).ToString("R");
            }
        }
        """);

    [Fact]
    public Task Typed_header() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response) => response.GetTypedHeaders().LastModified = DateTime.Now;
        }
        """);

    [Fact]
    public Task Invariant_imf_pattern_on_utc_value() => Verify.AnalyzerAsync("""
        using System.Globalization;

        class C
        {
            void M(HttpResponse response)
                => response.Headers.Expires = DateTime.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture);
        }
        """);

    [Fact]
    public Task Retry_after_seconds() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, TimeSpan delay) => response.Headers.RetryAfter = ((int)delay.TotalSeconds).ToString();
        }
        """);

    [Fact]
    public Task Other_header_with_culture_date() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, DateTime at) => response.Headers["X-Generated-At"] = at.ToString();
        }
        """);

    [Fact]
    public Task Dto_property_named_last_modified() => Verify.AnalyzerAsync("""
        public class FileDto
        {
            public string? LastModified { get; set; }
        }

        class C
        {
            FileDto M(DateTime at) => new FileDto { LastModified = at.ToString() };
        }
        """);

    [Fact]
    public Task Interpolated_date_with_r_on_offset() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, DateTimeOffset at) => response.Headers.Expires = $"{at:R}";
        }
        """);

    [Fact]
    public Task Expires_zero_and_unknown_strings() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpResponse response, string lastModified)
            {
                response.Headers.Expires = "0";
                response.Headers.LastModified = lastModified;
            }
        }
        """);

    [Fact]
    public Task Offset_r_with_culture_and_typed_client_header() => Verify.AnalyzerAsync("""
        using System.Globalization;

        class C
        {
            void M(HttpRequestMessage request, HttpResponse response, DateTimeOffset since)
            {
                response.Headers.Date = DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);
                request.Headers.IfModifiedSince = since;
            }
        }
        """);

    // ---- fixes ----

    [Fact]
    public Task Fix_local_time() => Verify.CodeFixAsync("""
        class C
        {
            void M(HttpResponse response, DateTime modified)
            {
                response.Headers.LastModified = [|modified.ToString()|];
                response.Headers.Expires = [|DateTime.Now.AddHours(1).ToString("R")|];
            }
        }
        """, """
        class C
        {
            void M(HttpResponse response, DateTime modified)
            {
                response.Headers.LastModified = modified.ToUniversalTime().ToString("R");
                response.Headers.Expires = DateTime.Now.AddHours(1).ToUniversalTime().ToString("R");
            }
        }
        """);

    [Fact]
    public Task Fix_utc_and_offset_only_change_the_format() => Verify.CodeFixAsync("""
        using System.Globalization;

        class C
        {
            void M(HttpResponse response, DateTimeOffset at)
            {
                response.Headers.Date = [|DateTime.UtcNow.ToString("u")|];
                response.Headers.Expires = [|at.ToString(CultureInfo.InvariantCulture)|];
            }
        }
        """, """
        using System.Globalization;

        class C
        {
            void M(HttpResponse response, DateTimeOffset at)
            {
                response.Headers.Date = DateTime.UtcNow.ToString("R");
                response.Headers.Expires = at.ToString("R");
            }
        }
        """);

    [Fact]
    public Task Fix_interpolation() => Verify.CodeFixAsync("""
        class C
        {
            void M(HttpResponse response, DateTime at) => response.Headers.RetryAfter = $"[|{at}|]";
        }
        """, """
        class C
        {
            void M(HttpResponse response, DateTime at) => response.Headers.RetryAfter = $"{at.ToUniversalTime():R}";
        }
        """);

    [Fact]
    public Task Fix_with_the_typed_header() => Verify.CodeFixAsync("""
        class C
        {
            void M(HttpResponse response, string path)
            {
                response.Headers.LastModified = [|File.GetLastWriteTime(path).ToString("R")|];
                response.Headers.Append("Expires", [|DateTime.Now.AddDays(1).ToString()|]);
            }
        }
        """, """
        class C
        {
            void M(HttpResponse response, string path)
            {
                response.GetTypedHeaders().LastModified = File.GetLastWriteTime(path);
                response.GetTypedHeaders().Expires = DateTime.Now.AddDays(1);
            }
        }
        """, codeActionIndex: 1);

    [Fact]
    public Task Typed_header_fix_not_offered_for_other_headers_or_request() => Verify.CodeFixAsync("""
        class C
        {
            void M(HttpContext context, DateTime at)
            {
                context.Request.Headers.IfModifiedSince = [|at.ToString()|];
            }
        }
        """, """
        class C
        {
            void M(HttpContext context, DateTime at)
            {
                context.Request.Headers.IfModifiedSince = at.ToUniversalTime().ToString("R");
            }
        }
        """);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync("""
        class C
        {
            void M(HttpResponse response, DateTime a, DateTimeOffset b)
            {
                response.Headers.LastModified = [|a.ToString()|];
                response.Headers["Expires"] = [|b.ToString()|];
            }
        }
        """, """
        class C
        {
            void M(HttpResponse response, DateTime a, DateTimeOffset b)
            {
                response.Headers.LastModified = a.ToUniversalTime().ToString("R");
                response.Headers["Expires"] = b.ToString("R");
            }
        }
        """);

    // ---- near misses: IMF-fixdate in GMT ----

    public static TheoryData<string> GmtDates => new()
    {
        "modified.ToUniversalTime().ToString(\"R\")",
        "offset.ToString(\"R\")",
        "DateTime.UtcNow.ToString(\"R\")",
        "DateTimeOffset.UtcNow.ToString(\"R\")",
        "offset.UtcDateTime.ToString(\"R\")",
        "HeaderUtilities.FormatDate(offset)",
        "modified.ToUniversalTime().ToString(\"ddd, dd MMM yyyy HH:mm:ss 'GMT'\", System.Globalization.CultureInfo.InvariantCulture)",
    };

    [Theory]
    [MemberData(nameof(GmtDates))]
    public Task Gmt_date_near_miss(string value) => Verify.AnalyzerAsync($$"""
        using Microsoft.Net.Http.Headers;

        class C
        {
            void M(HttpResponse response, DateTime modified, DateTimeOffset offset) => response.Headers.LastModified = {{value}};
        }
        """);
}
