using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Retries;

public class HTTP0007Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.RetryConditionIncludesClientErrors);

    // Loops

    [Fact]
    public Task Loop_if_not_success_continues() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var response = await client.GetAsync("completions");
                    if ([|!response.IsSuccessStatusCode && attempt < 3|])
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
    public Task Message() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                while (true)
                {
                    var response = await client.GetAsync("completions");
                    if ({|#0:!response.IsSuccessStatusCode|})
                    {
                        await Task.Delay(1000);
                        continue;
                    }

                    return response;
                }
            }
        }
        """, Verify.Diagnostic().WithLocation(0).WithMessage("The 'while' retry loop retries every client error (400 Bad Request, 401 Unauthorized, 402 Payment Required, 403 Forbidden, 413 Content Too Large, 422 Unprocessable Content, …): the same request meets the same answer again, so retrying burns the retry budget and the caller's time and ends in the same error"));

    [Fact]
    public Task Loop_success_test_falls_through_to_the_next_attempt() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<HttpResponseMessage?> M(HttpClient client)
            {
                for (var attempt = 0; attempt < 5; attempt++)
                {
                    var response = await client.GetAsync("completions");
                    if ([|response.IsSuccessStatusCode|])
                    {
                        return response;
                    }

                    await Task.Delay(500 * attempt);
                }

                return null;
            }
        }
        """);

    [Fact]
    public Task Do_while_condition_on_stored_status() => Verify.AnalyzerAsync("""
        using System.Net;

        class C
        {
            async Task M(HttpClient client)
            {
                HttpStatusCode status;
                do
                {
                    using var response = await client.GetAsync("jobs/1");
                    status = response.StatusCode;
                }
                while ([|status != HttpStatusCode.OK|]);
            }
        }
        """);

    [Fact]
    public Task Explicit_client_errors_with_message() => Verify.AnalyzerAsync("""
        using System.Net;

        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                while (true)
                {
                    var response = await client.GetAsync("completions");
                    if ({|#0:response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.PaymentRequired or HttpStatusCode.RequestEntityTooLarge|})
                    {
                        await Task.{|HTTP0004:Delay|}(1000);
                        continue;
                    }

                    return response;
                }
            }
        }
        """, Verify.Diagnostic().WithLocation(0).WithMessage("The 'while' retry loop retries 402 Payment Required and 413 Content Too Large: the same request meets the same answer again, so retrying burns the retry budget and the caller's time and ends in the same error"));

    [Fact]
    public Task Range_from_400() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                for (var i = 0; i < 3; i++)
                {
                    var response = await client.GetAsync("completions");
                    if ([|(int)response.StatusCode >= 400|])
                    {
                        await Task.Delay(1000);
                        continue;
                    }

                    return response;
                }

                throw new InvalidOperationException();
            }
        }
        """);

    [Fact]
    public Task Ensure_success_caught_in_a_loop() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<string> M(HttpClient client)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        var response = await client.GetAsync("completions");
                        response.[|EnsureSuccessStatusCode|]();
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }

                throw new InvalidOperationException();
            }
        }
        """);

    [Fact]
    public Task Sdk_exception_status_in_local() => Verify.AnalyzerAsync("""
        using System.Net;

        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                while (true)
                {
                    var response = await client.GetAsync("completions");
                    var status = response.StatusCode;
                    if ([|status != HttpStatusCode.OK|])
                    {
                        continue;
                    }

                    return response;
                }
            }
        }
        """);

    // Polly v7

    [Fact]
    public Task Polly_v7_handle_result_generic() => Verify.AnalyzerAsync("""
        using System.Net;
        using Polly;

        class C
        {
            IAsyncPolicy<HttpResponseMessage> Policy1 = Policy
                .HandleResult<HttpResponseMessage>(r => [|!r.IsSuccessStatusCode|])
                .WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(attempt));

            IAsyncPolicy<HttpResponseMessage> Policy2 = Policy
                .Handle<HttpRequestException>()
                .OrResult<HttpResponseMessage>(r => [|r.StatusCode == HttpStatusCode.Unauthorized|])
                .RetryAsync(2);
        }
        """);

    [Fact]
    public Task Polly_v7_transient_policy_with_generic_or_result() => Verify.AnalyzerAsync("""
        using Polly;
        using Polly.Extensions.Http;

        class C
        {
            IAsyncPolicy<HttpResponseMessage> Policy1 = HttpPolicyExtensions
                .HandleTransientHttpError()
                .OrResult(r => [|(int)r.StatusCode >= 400|])
                .WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(attempt));
        }
        """);

    [Fact]
    public Task Polly_v7_ensure_success_in_callback() => Verify.AnalyzerAsync("""
        using Polly;

        class C
        {
            async Task M(HttpClient client)
            {
                var policy = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(attempt));
                await policy.ExecuteAsync(async () =>
                {
                    var response = await client.GetAsync("completions");
                    response.[|EnsureSuccessStatusCode|]();
                });
            }
        }
        """);

    // Polly v8

    [Fact]
    public Task Polly_v8_should_handle_predicate_builder() => Verify.AnalyzerAsync("""
        using System.Net;
        using Polly;
        using Polly.Retry;

        class C
        {
            ResiliencePipeline<HttpResponseMessage> Pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
                .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    ShouldHandle = new PredicateBuilder<HttpResponseMessage>().Handle<HttpRequestException>().HandleResult(r => [|r.StatusCode != HttpStatusCode.OK|]),
                })
                .Build();
        }
        """);

    [Fact]
    public Task Polly_v8_should_handle_lambda_and_switch() => Verify.AnalyzerAsync("""
        using System.Net;
        using Polly;
        using Polly.Retry;

        class C
        {
            RetryStrategyOptions<HttpResponseMessage> Options1 = new()
            {
                ShouldHandle = args => ValueTask.FromResult([|args.Outcome.Result is { IsSuccessStatusCode: false }|]),
            };

            RetryStrategyOptions<HttpResponseMessage> Options2 = new()
            {
                ShouldHandle = args => args.Outcome switch
                {
                    { Exception: HttpRequestException } => PredicateResult.True(),
                    [|{ Result.StatusCode: HttpStatusCode.UnprocessableEntity }|] => PredicateResult.True(),
                    _ => PredicateResult.False(),
                },
            };
        }
        """);

    [Fact]
    public Task Polly_v8_ensure_success_with_default_should_handle() => Verify.AnalyzerAsync("""
        using Polly;
        using Polly.Retry;

        class C
        {
            async Task M(HttpClient client)
            {
                var pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3 }).Build();
                await pipeline.ExecuteAsync(async ct =>
                {
                    var response = await client.GetAsync("completions", ct);
                    response.[|EnsureSuccessStatusCode|]();
                });
            }
        }
        """);

    [Fact]
    public Task Http_retry_strategy_options_in_standard_handler() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient("llm").AddStandardResilienceHandler(options =>
        {
            options.Retry.ShouldHandle = args => ValueTask.FromResult([|args.Outcome.Result?.IsSuccessStatusCode == false|]);
        });
        builder.Build().Run();
        """);

    [Fact]
    public Task Resilience_handler_with_http_retry_options() => Verify.AnalyzerAsync("""
        using Microsoft.Extensions.Http.Resilience;
        using Polly;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient("llm").AddResilienceHandler("retry", pipeline =>
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => [|!r.IsSuccessStatusCode|]),
            }));
        builder.Build().Run();
        """);

    [Fact]
    public Task Standard_hedging_handler_predicate() => Verify.AnalyzerAsync("""
        using Microsoft.Extensions.Http.Resilience;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient("llm").AddStandardHedgingHandler().Configure(options =>
        {
            options.Hedging.ShouldHandle = args => ValueTask.FromResult([|args.Outcome.Result is { IsSuccessStatusCode: false }|]);
        });
        builder.Build().Run();
        """);

    [Fact]
    public Task Http_hedging_strategy_options_in_resilience_handler() => Verify.AnalyzerAsync("""
        using System.Net;
        using Microsoft.Extensions.Http.Resilience;
        using Polly;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient("llm").AddResilienceHandler("hedge", pipeline =>
            pipeline.AddHedging(new HttpHedgingStrategyOptions
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => [|r.StatusCode != HttpStatusCode.OK|]),
            }));
        builder.Build().Run();
        """);

    [Fact]
    public Task Switch_statement_section_that_goes_round() => Verify.AnalyzerAsync("""
        using System.Net;

        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                while (true)
                {
                    var response = await client.GetAsync("models");
                    switch (response.StatusCode)
                    {
                        case HttpStatusCode.OK:
                            return response;
                        case [|HttpStatusCode.PaymentRequired|]:
                        case HttpStatusCode.InternalServerError:
                            await Task.Delay(1000);
                            continue;
                        default:
                            throw new HttpRequestException("failed", null, response.StatusCode);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Switch_on_int_status_that_breaks_to_the_next_attempt() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<HttpResponseMessage?> M(HttpClient client)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var response = await client.GetAsync("models");
                    switch ((int)response.StatusCode)
                    {
                        case 200:
                            return response;
                        case [|413|]:
                        case 500:
                            break;
                        default:
                            return null;
                    }

                    await Task.Delay(1000);
                }

                return null;
            }
        }
        """);

    // Near misses

    [Fact]
    public Task Hedging_on_transient_statuses_only() => Verify.AnalyzerAsync("""
        using System.Net;
        using Microsoft.Extensions.Http.Resilience;
        using Polly;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient("llm").AddResilienceHandler("hedge", pipeline =>
            pipeline.AddHedging(new HttpHedgingStrategyOptions
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500),
            }));
        builder.Services.AddHttpClient("search").AddStandardHedgingHandler().Configure(options =>
            options.Hedging.ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException));
        builder.Build().Run();
        """);

    [Fact]
    public Task Hedging_over_results_that_are_not_responses() => Verify.AnalyzerAsync("""
        using Polly;
        using Polly.Hedging;

        class C
        {
            HedgingStrategyOptions<bool> Options = new()
            {
                ShouldHandle = args => ValueTask.FromResult(!args.Outcome.Result),
            };
        }
        """);

    [Fact]
    public Task Fix_hedging_predicate() => Verify.CodeFixAsync("""
        using Microsoft.Extensions.Http.Resilience;
        using Polly;

        class C
        {
            HttpHedgingStrategyOptions Options = new()
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => [|!r.IsSuccessStatusCode|]),
            };
        }
        """, """
        using Microsoft.Extensions.Http.Resilience;
        using Polly;

        class C
        {
            HttpHedgingStrategyOptions Options = new()
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => r.StatusCode is System.Net.HttpStatusCode.RequestTimeout or System.Net.HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500),
            };
        }
        """);

    [Fact]
    public Task Switch_statement_that_retries_only_transient_statuses() => Verify.AnalyzerAsync("""
        using System.Net;

        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                while (true)
                {
                    var response = await client.GetAsync("models");
                    switch (response.StatusCode)
                    {
                        case HttpStatusCode.BadGateway:
                        case HttpStatusCode.InternalServerError:
                            await Task.Delay(1000);
                            continue;
                        case HttpStatusCode.PaymentRequired:
                            throw new InvalidOperationException("Out of credits.");
                        default:
                            return response;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Switch_statement_whose_client_error_section_leaves() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<HttpResponseMessage?> M(HttpClient client)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var response = await client.GetAsync("models");
                    switch ((int)response.StatusCode)
                    {
                        case 400:
                        case 413:
                            return null;
                        case 502:
                            break;
                        default:
                            return response;
                    }

                    await Task.Delay(1000);
                }

                return null;
            }
        }
        """);

    [Fact]
    public Task Switch_statement_polling_for_404() => Verify.AnalyzerAsync("""
        using System.Net;

        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                while (true)
                {
                    var response = await client.GetAsync("jobs/42");
                    switch (response.StatusCode)
                    {
                        case HttpStatusCode.NotFound:
                        case HttpStatusCode.Accepted:
                            await Task.Delay(1000);
                            continue;
                        default:
                            return response;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Transient_only_loop() => Verify.AnalyzerAsync("""
        using System.Net;

        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                while (true)
                {
                    var response = await client.GetAsync("completions");
                    if (response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
                    {
                        await Task.{|HTTP0004:Delay|}(1000);
                        continue;
                    }

                    return response;
                }
            }
        }
        """);

    [Fact]
    public Task Loop_leaves_early_on_client_errors() => Verify.AnalyzerAsync("""
        using System.Net;

        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                for (var attempt = 0; attempt < 5; attempt++)
                {
                    var response = await client.GetAsync("completions");
                    if (response.IsSuccessStatusCode)
                    {
                        return response;
                    }

                    if ((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.TooManyRequests)
                    {
                        throw new HttpRequestException("Not retryable", null, response.StatusCode);
                    }

                    await Task.{|HTTP0004:Delay|}(500 * attempt);
                }

                throw new InvalidOperationException();
            }
        }
        """);

    [Fact]
    public Task Poll_for_202_and_404() => Verify.AnalyzerAsync("""
        using System.Net;

        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                while (true)
                {
                    var response = await client.GetAsync("exports/1");
                    if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.NotFound)
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
    public Task Unauthorized_branch_refreshes_the_token() => Verify.AnalyzerAsync("""
        using System.Net;
        using System.Net.Http.Headers;

        class C
        {
            Task<string> GetTokenAsync() => Task.FromResult("t");

            async Task<HttpResponseMessage> M(HttpClient client)
            {
                for (var attempt = 0; attempt < 2; attempt++)
                {
                    var response = await client.GetAsync("me");
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await GetTokenAsync());
                        continue;
                    }

                    return response;
                }

                throw new InvalidOperationException();
            }
        }
        """);

    [Fact]
    public Task Failure_that_does_not_go_round() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                while (true)
                {
                    HttpResponseMessage response;
                    try
                    {
                        response = await client.GetAsync("completions");
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                        continue;
                    }

                    if (!response.IsSuccessStatusCode)
                    {
                        Console.WriteLine("failed");
                    }

                    return response;
                }
            }
        }
        """);

    [Fact]
    public Task Ensure_success_status_looked_at_in_the_filter() => Verify.AnalyzerAsync("""
        using System.Net;

        class C
        {
            async Task<string> M(HttpClient client)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        var response = await client.GetAsync("completions");
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (HttpRequestException e) when (e.StatusCode is null or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError)
                    {
                        await Task.{|HTTP0004:Delay|}(1000);
                    }
                }

                throw new InvalidOperationException();
            }
        }
        """);

    [Fact]
    public Task Ensure_success_outside_retried_code_and_helpers_that_throw() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<string> M(HttpClient client)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        return await client.GetStringAsync("completions");
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }

                var response = await client.GetAsync("completions");
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync();
            }
        }
        """);

    [Fact]
    public Task Polly_transient_predicates() => Verify.AnalyzerAsync("""
        using System.Net;
        using Polly;
        using Polly.Extensions.Http;
        using Polly.Retry;

        class C
        {
            IAsyncPolicy<HttpResponseMessage> Policy1 = HttpPolicyExtensions
                .HandleTransientHttpError()
                .OrResult(r => r.StatusCode == HttpStatusCode.TooManyRequests)
                .{|HTTP0004:WaitAndRetryAsync|}(3, attempt => TimeSpan.FromSeconds(attempt));

            RetryStrategyOptions<HttpResponseMessage> Options = {|HTTP0004:new()|}
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.TooManyRequests),
            };

            IAsyncPolicy<HttpResponseMessage> Fallback = Policy
                .HandleResult<HttpResponseMessage>(r => !r.IsSuccessStatusCode)
                .FallbackAsync(new HttpResponseMessage(HttpStatusCode.OK));
        }
        """);

    [Fact]
    public Task Polly_ensure_success_with_status_predicate() => Verify.AnalyzerAsync("""
        using System.Net;
        using Polly;

        class C
        {
            async Task M(HttpClient client)
            {
                var policy = Policy.Handle<HttpRequestException>(e => e.StatusCode >= HttpStatusCode.InternalServerError).RetryAsync(3);
                await policy.ExecuteAsync(async () =>
                {
                    var response = await client.GetAsync("completions");
                    response.EnsureSuccessStatusCode();
                });
            }
        }
        """);

    [Fact]
    public Task Unknown_predicate_stays_silent() => Verify.AnalyzerAsync("""
        using Polly;
        using Polly.Retry;

        class C
        {
            static bool ShouldRetry(HttpResponseMessage r) => (int)r.StatusCode >= 500;

            RetryStrategyOptions<HttpResponseMessage> Options = new()
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => ShouldRetry(r) && !r.IsSuccessStatusCode),
            };
        }
        """);

    [Fact]
    public Task Circuit_breaker_is_not_a_retry() => Verify.AnalyzerAsync("""
        using Polly;
        using Polly.CircuitBreaker;

        class C
        {
            CircuitBreakerStrategyOptions<HttpResponseMessage> Options = new()
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => !r.IsSuccessStatusCode),
            };
        }
        """);

    [Fact]
    public Task Loop_over_pages_is_not_a_retry() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient client, string[] ids)
            {
                foreach (var id in ids)
                {
                    var response = await client.GetAsync("items/" + id);
                    if (!response.IsSuccessStatusCode)
                    {
                        continue;
                    }
                }
            }
        }
        """);

    // Fixes

    [Fact]
    public Task Fix_narrows_a_loop_condition() => Verify.CodeFixAsync("""
        using System.Net;

        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var response = await client.GetAsync("completions");
                    if ([|!response.IsSuccessStatusCode && attempt < 3|])
                    {
                        await Task.Delay(1000);
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
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var response = await client.GetAsync("completions");
                    if ((response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500) && attempt < 3)
                    {
                        await Task.{|HTTP0004:Delay|}(1000);
                        continue;
                    }

                    return response;
                }
            }
        }
        """);

    [Fact]
    public Task Fix_polly_v7_uses_transient_http_error() => Verify.CodeFixAsync("""
        using System.Net;
        using Polly;
        using Polly.Extensions.Http;

        class C
        {
            IAsyncPolicy<HttpResponseMessage> Policy1 = Policy
                .HandleResult<HttpResponseMessage>(r => [|!r.IsSuccessStatusCode|])
                .WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(attempt));
        }
        """, """
        using System.Net;
        using Polly;
        using Polly.Extensions.Http;

        class C
        {
            IAsyncPolicy<HttpResponseMessage> Policy1 = HttpPolicyExtensions.HandleTransientHttpError().OrResult(r => r.StatusCode == HttpStatusCode.TooManyRequests)
                .{|HTTP0004:WaitAndRetryAsync|}(3, attempt => TimeSpan.FromSeconds(attempt));
        }
        """);

    [Fact]
    public Task Fix_polly_v8_predicate() => Verify.CodeFixAsync("""
        using System.Net;
        using Polly;
        using Polly.Retry;

        class C
        {
            RetryStrategyOptions<HttpResponseMessage> Options = new()
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => [|r.StatusCode != HttpStatusCode.OK|]),
            };
        }
        """, """
        using System.Net;
        using Polly;
        using Polly.Retry;

        class C
        {
            RetryStrategyOptions<HttpResponseMessage> Options = {|HTTP0004:new()|}
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => r.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500),
            };
        }
        """);

    [Fact]
    public Task No_fix_for_explicit_codes_and_ensure_success() => Verify.NoCodeFixAsync("""
        class C
        {
            async Task<string> M(HttpClient client)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        var response = await client.GetAsync("completions");
                        response.[|EnsureSuccessStatusCode|]();
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }

                throw new InvalidOperationException();
            }
        }
        """);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync("""
        using System.Net;
        using Polly;
        using Polly.Retry;

        class C
        {
            RetryStrategyOptions<HttpResponseMessage> Options1 = new()
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => [|!r.IsSuccessStatusCode|]),
            };

            async Task<HttpResponseMessage> M(HttpClient client)
            {
                while (true)
                {
                    var response = await client.GetAsync("completions");
                    if ([|response.StatusCode is not HttpStatusCode.OK|])
                    {
                        await Task.Delay(1000);
                        continue;
                    }

                    return response;
                }
            }
        }
        """, """
        using System.Net;
        using Polly;
        using Polly.Retry;

        class C
        {
            RetryStrategyOptions<HttpResponseMessage> Options1 = {|HTTP0004:new()|}
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => r.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500),
            };

            async Task<HttpResponseMessage> M(HttpClient client)
            {
                while (true)
                {
                    var response = await client.GetAsync("completions");
                    if (response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
                    {
                        await Task.{|HTTP0004:Delay|}(1000);
                        continue;
                    }

                    return response;
                }
            }
        }
        """);
}
