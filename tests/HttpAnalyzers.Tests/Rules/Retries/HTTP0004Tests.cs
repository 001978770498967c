using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Retries;

public class HTTP0004Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.RetryAfterIgnored);

    [Fact]
    public Task Delay_after_429_check() => Verify.AnalyzerAsync("""
        using System.Net;

        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                while (true)
                {
                    var response = await client.GetAsync("orders");
                    if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        await Task.[|Delay|](TimeSpan.FromSeconds(1));
                        continue;
                    }

                    return response;
                }
            }
        }
        """);

    [Fact]
    public Task Message() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                while (true)
                {
                    var response = await client.GetAsync("orders");
                    if ((int)response.StatusCode == 503)
                    {
                        await Task.{|#0:Delay|}(1000);
                        continue;
                    }

                    return response;
                }
            }
        }
        """, Verify.Diagnostic().WithLocation(0).WithMessage("'Task.Delay' waits after a 503 Service Unavailable response without reading the Retry-After header: the client retries before the server is ready and stays rate-limited"));

    [Fact]
    public Task Thread_sleep_after_guard_and_pattern() => Verify.AnalyzerAsync("""
        using System.Net;

        class C
        {
            HttpResponseMessage M(HttpClient client)
            {
                for (var attempt = 0; attempt < 5; attempt++)
                {
                    var response = client.Send(new HttpRequestMessage(HttpMethod.Get, "orders"));
                    if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
                    {
                        return response;
                    }

                    Thread.[|Sleep|](2000);
                }

                throw new InvalidOperationException();
            }
        }
        """);

    [Fact]
    public Task Switch_section_and_status_codes_constant() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient client)
            {
                while (true)
                {
                    var response = await client.GetAsync("orders");
                    switch ((int)response.StatusCode)
                    {
                        case StatusCodes.Status429TooManyRequests:
                            await Task.[|Delay|](500);
                            continue;
                        default:
                            return;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Exception_status_reported_without_fix() => Verify.NoCodeFixAsync("""
        using System.Net;

        class C
        {
            async Task M(HttpClient client)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        await client.GetStringAsync("orders");
                        return;
                    }
                    catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        await Task.[|Delay|](1000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Polly_v8_options_handle_429_without_delay_generator() => Verify.AnalyzerAsync("""
        using System.Net;
        using Polly;
        using Polly.Retry;

        class C
        {
            ResiliencePipeline<HttpResponseMessage> Pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
                .AddRetry([|new RetryStrategyOptions<HttpResponseMessage>|]
                {
                    ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests),
                    Delay = TimeSpan.FromSeconds(2),
                })
                .Build();
        }
        """);

    [Fact]
    public Task Polly_v7_wait_and_retry() => Verify.AnalyzerAsync("""
        using System.Net;
        using Polly;

        class C
        {
            IAsyncPolicy<HttpResponseMessage> Policy1 = Policy
                .HandleResult<HttpResponseMessage>(r => r.StatusCode == HttpStatusCode.ServiceUnavailable)
                .[|WaitAndRetryAsync|](3, attempt => TimeSpan.FromSeconds(Math.Pow(2, attempt)));

            ISyncPolicy<HttpResponseMessage> Policy2 = Policy
                .HandleResult<HttpResponseMessage>(r => (int)r.StatusCode == 429)
                .[|WaitAndRetry|](new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5) });
        }
        """);

    [Fact]
    public Task Http_retry_strategy_options_turned_off() => Verify.AnalyzerAsync("""
        using Microsoft.Extensions.Http.Resilience;
        using Polly;

        class C
        {
            void M(IServiceCollection services)
            {
                services.AddHttpClient("api").AddStandardResilienceHandler(options =>
                {
                    [|options.Retry.ShouldRetryAfterHeader = false|];
                    [|options.Retry.DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(TimeSpan.FromSeconds(args.AttemptNumber))|];
                });
            }
        }
        """);

    [Fact]
    public Task Local_function_and_lambda() => Verify.AnalyzerAsync("""
        using System.Net;

        class C
        {
            Func<Task> M(HttpClient client)
            {
                async Task Poll()
                {
                    var response = await client.GetAsync("jobs/1");
                    if (response.StatusCode is HttpStatusCode.ServiceUnavailable)
                    {
                        await Task.[|Delay|](5000);
                    }
                }

                return async () =>
                {
                    await Poll();
                    var response = await client.GetAsync("jobs/2");
                    if (response.StatusCode == HttpStatusCode.TooManyRequests) await Task.[|Delay|](100);
                };
            }
        }
        """);

    // Near misses

    [Fact]
    public Task Delay_reads_retry_after() => Verify.AnalyzerAsync("""
        using System.Net;

        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                while (true)
                {
                    var response = await client.GetAsync("orders");
                    if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                        continue;
                    }

                    return response;
                }
            }
        }
        """);

    [Fact]
    public Task Retry_after_read_through_try_get_values() => Verify.AnalyzerAsync("""
        using System.Net;

        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                while (true)
                {
                    var response = await client.GetAsync("orders");
                    if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        var seconds = response.Headers.TryGetValues("Retry-After", out var values) ? int.Parse(values.First()) : 1;
                        await Task.Delay(TimeSpan.FromSeconds(seconds));
                        continue;
                    }

                    return response;
                }
            }
        }
        """);

    [Fact]
    public Task Range_check_and_transient_predicates_do_not_count() => Verify.AnalyzerAsync("""
        using Polly;
        using Polly.Extensions.Http;

        class C
        {
            IAsyncPolicy<HttpResponseMessage> P = HttpPolicyExtensions.HandleTransientHttpError()
                .WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(attempt));

            async Task<HttpResponseMessage> M(HttpClient client)
            {
                while (true)
                {
                    var response = await client.GetAsync("orders");
                    if ((int)response.StatusCode >= 500)
                    {
                        await Task.Delay(1000);
                        continue;
                    }

                    return response;
                }
            }
        }
        """);

    [Fact]
    public Task Delay_for_other_status() => Verify.AnalyzerAsync("""
        using System.Net;

        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                while (true)
                {
                    var response = await client.GetAsync("orders");
                    if (response.StatusCode == HttpStatusCode.BadGateway)
                    {
                        await Task.Delay(1000);
                        continue;
                    }

                    return response;
                }
            }
        }
        """);

    [Fact]
    public Task Polly_v8_delay_generator_reads_retry_after() => Verify.AnalyzerAsync("""
        using System.Net;
        using Polly;
        using Polly.Retry;

        class C
        {
            RetryStrategyOptions<HttpResponseMessage> Options = new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.Headers.RetryAfter?.Delta),
            };
        }
        """);

    [Fact]
    public Task Polly_v7_sleep_provider_reads_retry_after() => Verify.AnalyzerAsync("""
        using System.Net;
        using Polly;

        class C
        {
            IAsyncPolicy<HttpResponseMessage> P = Policy
                .HandleResult<HttpResponseMessage>(r => r.StatusCode == HttpStatusCode.TooManyRequests)
                .WaitAndRetryAsync(3, (attempt, outcome, context) => outcome.Result?.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(attempt), (o, t, a, c) => Task.CompletedTask);
        }
        """);

    [Fact]
    public Task Http_retry_strategy_defaults_and_true() => Verify.AnalyzerAsync("""
        using Microsoft.Extensions.Http.Resilience;

        class C
        {
            void M(IServiceCollection services)
            {
                services.AddHttpClient("api").AddStandardResilienceHandler(options =>
                {
                    options.Retry.ShouldRetryAfterHeader = true;
                    options.Retry.MaxRetryAttempts = 5;
                });
            }
        }
        """);

    [Fact]
    public Task Server_side_status_is_not_client_code() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpContext context)
            {
                if (context.Response.StatusCode == 429)
                {
                    await Task.Delay(100);
                }
            }
        }
        """);

    [Fact]
    public Task Delay_before_the_check() => Verify.AnalyzerAsync("""
        using System.Net;

        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                await Task.Delay(100);
                var response = await client.GetAsync("orders");
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    throw new InvalidOperationException("rate limited");
                }

                return response;
            }
        }
        """);

    // Fixes

    [Fact]
    public Task Fix_reads_retry_after_with_time_span_fallback() => Verify.CodeFixAsync("""
        using System.Net;

        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client, CancellationToken ct)
            {
                while (true)
                {
                    var response = await client.GetAsync("orders", ct);
                    if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        await Task.[|Delay|](TimeSpan.FromSeconds(1), ct);
                        continue;
                    }

                    return response;
                }
            }
        }
        """, """
        using System.Net;

        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client, CancellationToken ct)
            {
                while (true)
                {
                    var response = await client.GetAsync("orders", ct);
                    if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        await Task.Delay(response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date - DateTimeOffset.UtcNow) ?? TimeSpan.FromSeconds(1), ct);
                        continue;
                    }

                    return response;
                }
            }
        }
        """);

    [Fact]
    public Task Fix_converts_milliseconds() => Verify.CodeFixAsync("""
        class C
        {
            HttpResponseMessage M(HttpClient client, int backoff)
            {
                for (var attempt = 0; attempt < 5; attempt++)
                {
                    var response = client.Send(new HttpRequestMessage(HttpMethod.Get, "orders"));
                    if ((int)response.StatusCode != 429)
                    {
                        return response;
                    }

                    Thread.[|Sleep|](backoff * attempt);
                }

                throw new InvalidOperationException();
            }
        }
        """, """
        class C
        {
            HttpResponseMessage M(HttpClient client, int backoff)
            {
                for (var attempt = 0; attempt < 5; attempt++)
                {
                    var response = client.Send(new HttpRequestMessage(HttpMethod.Get, "orders"));
                    if ((int)response.StatusCode != 429)
                    {
                        return response;
                    }

                    Thread.Sleep(response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date - DateTimeOffset.UtcNow) ?? TimeSpan.FromMilliseconds(backoff * attempt));
                }

                throw new InvalidOperationException();
            }
        }
        """);

    [Fact]
    public Task Fix_adds_delay_generator() => Verify.CodeFixAsync("""
        using System.Net;
        using Polly;
        using Polly.Retry;

        class C
        {
            RetryStrategyOptions<HttpResponseMessage> Options = [|new RetryStrategyOptions<HttpResponseMessage>|]
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests),
                Delay = TimeSpan.FromSeconds(2),
            };
        }
        """, """
        using System.Net;
        using Polly;
        using Polly.Retry;

        class C
        {
            RetryStrategyOptions<HttpResponseMessage> Options = new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests),
                Delay = TimeSpan.FromSeconds(2),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.Headers.RetryAfter?.Delta ?? (args.Outcome.Result?.Headers.RetryAfter?.Date - DateTimeOffset.UtcNow)),
            };
        }
        """);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync("""
        using System.Net;

        class C
        {
            async Task M(HttpClient client)
            {
                while (true)
                {
                    var response = await client.GetAsync("a");
                    if (response.StatusCode == HttpStatusCode.TooManyRequests) { await Task.[|Delay|](100); continue; }
                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable) { await Task.[|Delay|](200); continue; }
                    return;
                }
            }
        }
        """, """
        using System.Net;

        class C
        {
            async Task M(HttpClient client)
            {
                while (true)
                {
                    var response = await client.GetAsync("a");
                    if (response.StatusCode == HttpStatusCode.TooManyRequests) { await Task.Delay(response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date - DateTimeOffset.UtcNow) ?? TimeSpan.FromMilliseconds(100)); continue; }
                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable) { await Task.Delay(response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date - DateTimeOffset.UtcNow) ?? TimeSpan.FromMilliseconds(200)); continue; }
                    return;
                }
            }
        }
        """);
}
