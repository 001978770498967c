using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Retries;

public class HTTP0003Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.IdempotencyKeyRegenerated);

    [Fact]
    public Task Guid_in_header_add_inside_loop() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient client, HttpContent content)
            {
                for (var attempt = 1; ; attempt++)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "charges") { Content = content };
                    request.Headers.Add("Idempotency-Key", [|Guid.NewGuid()|].ToString());
                    try
                    {
                        await client.SendAsync(request);
                        return;
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Message() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient client)
            {
                while (true)
                {
                    var key = {|#0:Guid.NewGuid()|}.ToString("N");
                    var request = new HttpRequestMessage(HttpMethod.Post, "charges") { Headers = { { "Idempotency-Key", key } } };
                    var response = await client.SendAsync(request);
                    if ({|HTTP0007:response.IsSuccessStatusCode|}) return;
                }
            }
        }
        """, Verify.Diagnostic().WithLocation(0).WithMessage("The 'Idempotency-Key' value 'Guid.NewGuid()' is created inside the enclosing 'while' loop, so every attempt carries a new key and the server cannot recognise the retries as one operation"));

    [Fact]
    public Task Version7_in_initializer_inside_polly_v8_callback() => Verify.AnalyzerAsync("""
        using Polly;

        class C
        {
            async Task M(HttpClient client)
            {
                var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(new()).Build();
                await pipeline.ExecuteAsync(async ct =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "charges")
                    {
                        Headers = { { "X-Idempotency-Key", [|Guid.CreateVersion7()|].ToString() } },
                    };
                    return await client.SendAsync(request, ct);
                });
            }
        }
        """);

    [Fact]
    public Task Timestamp_inside_polly_v7_callback_sync() => Verify.AnalyzerAsync("""
        using Polly;

        class C
        {
            HttpResponseMessage M(HttpClient client)
                => Policy.Handle<HttpRequestException>().Retry(3).Execute(() =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "charges");
                    request.Headers.TryAddWithoutValidation("Idempotency-Key", [|DateTime.UtcNow|].Ticks.ToString());
                    return client.Send(request);
                });
        }
        """);

    [Fact]
    public Task Random_in_lambda_retry_loop() => Verify.AnalyzerAsync("""
        class C
        {
            Func<Task> M(HttpClient client) => async () =>
            {
                while (true)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "charges");
                    request.Headers.Add("Idempotency-Key", [|Random.Shared.Next()|].ToString());
                    try { await client.SendAsync(request); return; } catch (HttpRequestException) { }
                }
            };
        }
        """);

    [Fact]
    public Task Option_header_name() => Verify.WithOptions("http_analyzers.HTTP0003.idempotency_key_headers = X-Request-Key").AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient client)
            {
                while (true)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "charges");
                    request.Headers.Add("X-Request-Key", [|Guid.NewGuid()|].ToString());
                    request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                    try { await client.SendAsync(request); return; } catch (HttpRequestException) { }
                }
            }
        }
        """);

    [Fact]
    public Task Local_function_do_while() => Verify.AnalyzerAsync("""
        class C
        {
            void M(HttpClient client)
            {
                HttpResponseMessage Send()
                {
                    HttpResponseMessage response;
                    do
                    {
                        var request = new HttpRequestMessage(HttpMethod.Post, "charges");
                        request.Headers.Add("Idempotency-Key", [|DateTimeOffset.Now|].ToUnixTimeMilliseconds().ToString());
                        response = client.Send(request);
                    }
                    while ({|HTTP0007:!response.IsSuccessStatusCode|});
                    return response;
                }

                Send();
            }
        }
        """);

    // Near misses

    [Fact]
    public Task Key_created_once_before_the_loop() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient client)
            {
                var key = Guid.NewGuid().ToString();
                while (true)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "charges");
                    request.Headers.Add("Idempotency-Key", key);
                    try { await client.SendAsync(request); return; } catch (HttpRequestException) { }
                }
            }
        }
        """);

    [Fact]
    public Task Key_per_item_in_foreach() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient client, string[] orders)
            {
                foreach (var order in orders)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "orders");
                    request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                    await client.SendAsync(request);
                }
            }
        }
        """);

    [Fact]
    public Task Key_created_outside_the_callback() => Verify.AnalyzerAsync("""
        using Polly;

        class C
        {
            async Task M(HttpClient client)
            {
                var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(new()).Build();
                var key = Guid.NewGuid().ToString();
                await pipeline.ExecuteAsync(async ct =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "charges") { Headers = { { "Idempotency-Key", key } } };
                    return await client.SendAsync(request, ct);
                });
            }
        }
        """);

    [Fact]
    public Task Other_header_with_guid() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient client, string key)
            {
                while (true)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "charges");
                    request.Headers.Add("X-Correlation-Id", Guid.NewGuid().ToString());
                    request.Headers.Add("Idempotency-Key", key);
                    try { await client.SendAsync(request); return; } catch (HttpRequestException) { }
                }
            }
        }
        """);

    [Fact]
    public Task Key_from_parameter_inside_loop() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient client, Guid operationId)
            {
                while (true)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "charges");
                    request.Headers.Add("Idempotency-Key", operationId.ToString());
                    try { await client.SendAsync(request); return; } catch (HttpRequestException) { }
                }
            }
        }
        """);

    [Fact]
    public Task Pipeline_not_visible() => Verify.AnalyzerAsync("""
        using Polly;

        class C(ResiliencePipeline<HttpResponseMessage> pipeline)
        {
            async Task M(HttpClient client)
            {
                await pipeline.ExecuteAsync(async ct =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "charges") { Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } } };
                    return await client.SendAsync(request, ct);
                });
            }
        }
        """);

    // Fixes

    [Fact]
    public Task Fix_hoists_the_value() => Verify.CodeFixAsync("""
        class C
        {
            async Task M(HttpClient client, HttpContent content)
            {
                for (var attempt = 1; ; attempt++)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "charges") { Content = content };
                    request.Headers.Add("Idempotency-Key", [|Guid.NewGuid()|].ToString());
                    try
                    {
                        await client.SendAsync(request);
                        return;
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                    }
                }
            }
        }
        """, """
        class C
        {
            async Task M(HttpClient client, HttpContent content)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                for (var attempt = 1; ; attempt++)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "charges") { Content = content };
                    request.Headers.Add("Idempotency-Key", idempotencyKey);
                    try
                    {
                        await client.SendAsync(request);
                        return;
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Fix_moves_the_local_out_of_the_callback() => Verify.CodeFixAsync("""
        using Polly;

        class C
        {
            async Task M(HttpClient client)
            {
                var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(new()).Build();
                await pipeline.ExecuteAsync(async ct =>
                {
                    var key = [|Guid.NewGuid()|].ToString("N");
                    using var request = new HttpRequestMessage(HttpMethod.Post, "charges") { Headers = { { "Idempotency-Key", key } } };
                    return await client.SendAsync(request, ct);
                });
            }
        }
        """, """
        using Polly;

        class C
        {
            async Task M(HttpClient client)
            {
                var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(new()).Build();
                var key = Guid.NewGuid().ToString("N");
                await pipeline.ExecuteAsync(async ct =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "charges") { Headers = { { "Idempotency-Key", key } } };
                    return await client.SendAsync(request, ct);
                });
            }
        }
        """);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync("""
        class C
        {
            async Task A(HttpClient client)
            {
                while (true)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "a") { Headers = { { "Idempotency-Key", [|Guid.NewGuid()|].ToString() } } };
                    try { await client.SendAsync(request); return; } catch (HttpRequestException) { }
                }
            }

            async Task B(HttpClient client)
            {
                while (true)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "b") { Headers = { { "Idempotency-Key", [|Guid.NewGuid()|].ToString() } } };
                    try { await client.SendAsync(request); return; } catch (HttpRequestException) { }
                }
            }
        }
        """, """
        class C
        {
            async Task A(HttpClient client)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                while (true)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "a") { Headers = { { "Idempotency-Key", idempotencyKey } } };
                    try { await client.SendAsync(request); return; } catch (HttpRequestException) { }
                }
            }

            async Task B(HttpClient client)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                while (true)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "b") { Headers = { { "Idempotency-Key", idempotencyKey } } };
                    try { await client.SendAsync(request); return; } catch (HttpRequestException) { }
                }
            }
        }
        """);

    [Fact]
    public Task No_fix_when_the_value_uses_loop_state() => Verify.NoCodeFixAsync("""
        class C
        {
            async Task M(HttpClient client)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "a");
                    request.Headers.Add("Idempotency-Key", [|Guid.NewGuid()|] + "-" + attempt);
                    try { await client.SendAsync(request); return; } catch (HttpRequestException) { }
                }
            }
        }
        """);
}
