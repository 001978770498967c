using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Retries;

/// <summary>HTTP0004 on the shapes real SDK clients write: their own exception types, constant and computed waits, wait helpers.</summary>
public class HTTP0004RealCodeTests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.RetryAfterIgnored);

    private const string SdkException = """
        public sealed class ApiException(string message, System.Net.HttpStatusCode statusCode) : Exception(message)
        {
            public System.Net.HttpStatusCode StatusCode { get; } = statusCode;
        }

        public interface IApi
        {
            Task<string> GetAsync(string path);
        }
        """;

    [Fact]
    public Task Sdk_exception_in_catch_filter_with_constant_wait() => Verify.AnalyzerAsync([
        """
        using System.Net;

        class C
        {
            async Task<string> M(IApi api)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await api.GetAsync("repos");
                    }
                    catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests && attempt < 3)
                    {
                        await Task.[|Delay|](10_000);
                    }
                }
            }
        }
        """,
        SdkException]);

    [Fact]
    public Task Computed_backoff_after_stored_status() => Verify.AnalyzerAsync("""
        using System.Net;

        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                for (var attempt = 1; ; attempt++)
                {
                    var response = await client.GetAsync("repos");
                    var status = response.StatusCode;
                    if (status == HttpStatusCode.ServiceUnavailable && attempt < 4)
                    {
                        await Task.[|Delay|](TimeSpan.FromSeconds(Math.Pow(2, attempt)));
                        continue;
                    }

                    return response;
                }
            }
        }
        """);

    [Fact]
    public Task Wait_in_a_helper_method() => Verify.AnalyzerAsync("""
        using System.Net;

        class C
        {
            static Task BackoffAsync(int attempt) => Task.Delay(TimeSpan.FromSeconds(attempt * 2));

            async Task<HttpResponseMessage> M(HttpClient client)
            {
                for (var attempt = 1; ; attempt++)
                {
                    var response = await client.GetAsync("repos");
                    if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 4)
                    {
                        await [|BackoffAsync|](attempt);
                        continue;
                    }

                    return response;
                }
            }
        }
        """);

    [Fact]
    public Task Helper_wait_message() => Verify.AnalyzerAsync("""
        using System.Net;

        class C
        {
            static void Pause() => Thread.Sleep(5000);

            HttpResponseMessage M(HttpClient client)
            {
                while (true)
                {
                    var response = client.Send(new HttpRequestMessage(HttpMethod.Get, "repos"));
                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        {|#0:Pause|}();
                        continue;
                    }

                    return response;
                }
            }
        }
        """, Verify.Diagnostic().WithLocation(0).WithMessage("'Pause' waits after a 503 Service Unavailable response without reading the Retry-After header: the client retries before the server is ready and stays rate-limited"));

    // Near misses

    [Fact]
    public Task Sdk_status_read_that_leads_to_no_wait() => Verify.AnalyzerAsync([
        """
        using System.Net;

        class C
        {
            async Task<string?> M(IApi api)
            {
                try
                {
                    return await api.GetAsync("repos");
                }
                catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    Console.WriteLine("rate limited");
                    return null;
                }
            }
        }
        """,
        SdkException]);

    [Fact]
    public Task Retry_after_date_read() => Verify.AnalyzerAsync("""
        using System.Net;

        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                while (true)
                {
                    var response = await client.GetAsync("repos");
                    if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        var until = response.Headers.RetryAfter?.Date ?? DateTimeOffset.UtcNow.AddSeconds(1);
                        await Task.Delay(until - DateTimeOffset.UtcNow);
                        continue;
                    }

                    return response;
                }
            }
        }
        """);

    [Fact]
    public Task Retry_after_read_through_header_constant() => Verify.AnalyzerAsync("""
        using System.Net;
        using Microsoft.Net.Http.Headers;

        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                while (true)
                {
                    var response = await client.GetAsync("repos");
                    if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        var seconds = response.Headers.TryGetValues(HeaderNames.RetryAfter, out var values) ? int.Parse(values.First()) : 1;
                        await Task.Delay(seconds * 1000);
                        continue;
                    }

                    return response;
                }
            }
        }
        """);

    [Fact]
    public Task Retry_after_read_in_a_helper() => Verify.AnalyzerAsync("""
        using System.Net;

        class C
        {
            static TimeSpan DelayFor(HttpResponseMessage response) => response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);

            async Task<HttpResponseMessage> M(HttpClient client)
            {
                while (true)
                {
                    var response = await client.GetAsync("repos");
                    if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        await Task.Delay(DelayFor(response));
                        continue;
                    }

                    return response;
                }
            }
        }
        """);

    [Fact]
    public Task Helper_that_does_not_wait() => Verify.AnalyzerAsync("""
        using System.Net;

        class C
        {
            static Task LogAsync(string message) => Console.Out.WriteLineAsync(message);

            async Task<HttpResponseMessage> M(HttpClient client)
            {
                while (true)
                {
                    var response = await client.GetAsync("repos");
                    if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        await LogAsync("throttled");
                        return response;
                    }

                    return response;
                }
            }
        }
        """);
}
