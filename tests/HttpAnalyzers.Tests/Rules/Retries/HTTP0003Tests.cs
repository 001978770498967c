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


    // Fixes in expression bodies: the body becomes a block that creates the key first.

    [Fact]
    public Task Fix_hoists_the_value_out_of_an_expression_bodied_method_polly_v7() => Verify.CodeFixAsync("""
        using Polly;

        class ChargesClient(HttpClient client)
        {
            private readonly IAsyncPolicy<HttpResponseMessage> _policy = Policy.Handle<HttpRequestException>().OrResult<HttpResponseMessage>(r => (int)r.StatusCode >= 500).WaitAndRetryAsync(2, _ => TimeSpan.FromMilliseconds(200));

            public Task<HttpResponseMessage> ChargeAsync(HttpContent content) =>
                _policy.ExecuteAsync(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "charges")
                {
                    Content = content,
                    Headers = { { "Idempotency-Key", [|Guid.NewGuid()|].ToString() } },
                }));
        }
        """, """
        using Polly;

        class ChargesClient(HttpClient client)
        {
            private readonly IAsyncPolicy<HttpResponseMessage> _policy = Policy.Handle<HttpRequestException>().OrResult<HttpResponseMessage>(r => (int)r.StatusCode >= 500).WaitAndRetryAsync(2, _ => TimeSpan.FromMilliseconds(200));

            public Task<HttpResponseMessage> ChargeAsync(HttpContent content)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                return _policy.ExecuteAsync(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "charges")
                {
                    Content = content,
                    Headers = { { "Idempotency-Key", idempotencyKey } },
                }));
            }
        }
        """);

    [Fact]
    public Task Fix_moves_the_local_out_of_the_callback_of_an_expression_bodied_polly_v8_member() => Verify.CodeFixAsync("""
        using Polly;

        class Charges
        {
            private static readonly ResiliencePipeline<HttpResponseMessage> Pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(new()).Build();

            ValueTask<HttpResponseMessage> ChargeAsync(HttpClient client)
                => Pipeline.ExecuteAsync(async ct =>
                {
                    var key = [|Guid.NewGuid()|].ToString("N");
                    var request = new HttpRequestMessage(HttpMethod.Post, "charges");
                    request.Headers.Add("Idempotency-Key", key);
                    return await client.SendAsync(request, ct);
                });
        }
        """, """
        using Polly;

        class Charges
        {
            private static readonly ResiliencePipeline<HttpResponseMessage> Pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(new()).Build();

            ValueTask<HttpResponseMessage> ChargeAsync(HttpClient client)
            {
                var key = Guid.NewGuid().ToString("N");
                return Pipeline.ExecuteAsync(async ct =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "charges");
                    request.Headers.Add("Idempotency-Key", key);
                    return await client.SendAsync(request, ct);
                });
            }
        }
        """);

    [Fact]
    public Task Fix_in_expression_bodied_lambda_returned_by_a_member() => Verify.CodeFixAsync("""
        using Polly;

        class C
        {
            private static readonly IAsyncPolicy<HttpResponseMessage> Retry = Policy<HttpResponseMessage>.Handle<HttpRequestException>().RetryAsync(3);

            Func<string, Task<HttpResponseMessage>> Charge(HttpClient client) => account => Retry.ExecuteAsync(() =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "accounts/" + account + "/charges");
                request.Headers.Add("Idempotency-Key", account + ":" + [|Guid.NewGuid()|]);
                return client.SendAsync(request);
            });
        }
        """, """
        using Polly;

        class C
        {
            private static readonly IAsyncPolicy<HttpResponseMessage> Retry = Policy<HttpResponseMessage>.Handle<HttpRequestException>().RetryAsync(3);

            Func<string, Task<HttpResponseMessage>> Charge(HttpClient client) => account =>
            {
                var idempotencyKey = account + ":" + Guid.NewGuid();
                return Retry.ExecuteAsync(() =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "accounts/" + account + "/charges");
                    request.Headers.Add("Idempotency-Key", idempotencyKey);
                    return client.SendAsync(request);
                });
            };
        }
        """);

    [Fact]
    public Task Fix_in_async_task_and_void_members_keeps_the_call_a_statement() => Verify.CodeFixAsync("""
        using Polly;

        class C
        {
            private static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder().AddRetry(new()).Build();

            async Task ChargeAsync(HttpClient client) => await Pipeline.ExecuteAsync(async ct =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "charges") { Headers = { { "Idempotency-Key", [|Guid.NewGuid()|].ToString() } } };
                await client.SendAsync(request, ct);
            });

            void Charge(HttpClient client) => Pipeline.Execute(() => client.Send(new HttpRequestMessage(HttpMethod.Post, "charges") { Headers = { { "Idempotency-Key", [|Guid.NewGuid()|].ToString() } } }));
        }
        """, """
        using Polly;

        class C
        {
            private static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder().AddRetry(new()).Build();

            async Task ChargeAsync(HttpClient client)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                await Pipeline.ExecuteAsync(async ct =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "charges") { Headers = { { "Idempotency-Key", idempotencyKey } } };
                    await client.SendAsync(request, ct);
                });
            }

            void Charge(HttpClient client)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                Pipeline.Execute(() => client.Send(new HttpRequestMessage(HttpMethod.Post, "charges") { Headers = { { "Idempotency-Key", idempotencyKey } } }));
            }
        }
        """);

    [Fact]
    public Task Fix_all_in_expression_bodied_members() => Verify.FixAllAsync("""
        using Polly;

        class C(HttpClient client)
        {
            private readonly IAsyncPolicy<HttpResponseMessage> _policy = Policy<HttpResponseMessage>.Handle<HttpRequestException>().RetryAsync(3);

            Task<HttpResponseMessage> A() => _policy.ExecuteAsync(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "a") { Headers = { { "Idempotency-Key", [|Guid.NewGuid()|].ToString() } } }));

            Task<HttpResponseMessage> B() => _policy.ExecuteAsync(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "b")
            {
                Headers = { { "Idempotency-Key", [|Guid.NewGuid()|].ToString() }, { "X-Idempotency-Key", [|Guid.NewGuid()|].ToString("N") } },
            }));
        }
        """, """
        using Polly;

        class C(HttpClient client)
        {
            private readonly IAsyncPolicy<HttpResponseMessage> _policy = Policy<HttpResponseMessage>.Handle<HttpRequestException>().RetryAsync(3);

            Task<HttpResponseMessage> A()
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                return _policy.ExecuteAsync(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "a") { Headers = { { "Idempotency-Key", idempotencyKey } } }));
            }

            Task<HttpResponseMessage> B()
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                var idempotencyKey2 = Guid.NewGuid().ToString("N");
                return _policy.ExecuteAsync(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "b")
                {
                    Headers = { { "Idempotency-Key", idempotencyKey }, { "X-Idempotency-Key", idempotencyKey2 } },
                }));
            }
        }
        """);

    [Fact]
    public Task No_fix_when_the_value_uses_callback_state_in_an_expression_bodied_member() => Verify.NoCodeFixAsync("""
        using Polly;

        class C
        {
            private static readonly ResiliencePipeline<HttpResponseMessage> Pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(new()).Build();

            ValueTask<HttpResponseMessage> M(HttpClient client) => Pipeline.ExecuteAsync(async ct =>
            {
                var attempt = Environment.TickCount64;
                using var request = new HttpRequestMessage(HttpMethod.Post, "charges") { Headers = { { "Idempotency-Key", [|Guid.NewGuid()|] + "-" + attempt } } };
                return await client.SendAsync(request, ct);
            });
        }
        """);

    [Fact]
    public Task No_fix_for_a_retry_inside_another_retry() => Verify.NoCodeFixAsync("""
        using Polly;

        class C
        {
            private static readonly ResiliencePipeline<HttpResponseMessage> Pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(new()).Build();

            async Task<HttpResponseMessage> M(HttpClient client)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await Pipeline.ExecuteAsync(async ct =>
                        {
                            using var request = new HttpRequestMessage(HttpMethod.Post, "charges") { Headers = { { "Idempotency-Key", [|Guid.NewGuid()|].ToString() } } };
                            return await client.SendAsync(request, ct);
                        });
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(attempt));
                    }
                }
            }
        }
        """);

    [Fact]
    public Task No_fix_in_a_field_initializer() => Verify.NoCodeFixAsync("""
        using Polly;

        class C(HttpClient client)
        {
            private static readonly ISyncPolicy<HttpResponseMessage> Retry = Policy<HttpResponseMessage>.Handle<HttpRequestException>().Retry(3);
            private readonly HttpResponseMessage _registration = Retry.Execute(() => client.Send(new HttpRequestMessage(HttpMethod.Post, "registrations")
            {
                Headers = { { "Idempotency-Key", [|Guid.NewGuid()|].ToString() } },
            }));
        }
        """);
}
