using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Retries;

public class HTTP0001Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.IdempotencyKeyMissing);

    [Fact]
    public Task Post_in_retry_loop_with_catch() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client, HttpContent content)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await client.[|PostAsync|]("orders", content);
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
    public Task Message() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient client, object order)
            {
                while (true)
                {
                    var response = await client.{|#0:PostAsJsonAsync|}("orders", order);
                    if ({|HTTP0007:response.IsSuccessStatusCode|})
                    {
                        return;
                    }
                }
            }
        }
        """, Verify.Diagnostic().WithLocation(0).WithMessage("'POST' request to 'orders' is retried by the enclosing 'while' loop without an idempotency key header: a retry after a lost response repeats the side effect"));

    [Fact]
    public Task Patch_message_in_do_while_sync() => Verify.AnalyzerAsync("""
        class C
        {
            HttpResponseMessage M(HttpClient client)
            {
                HttpResponseMessage response;
                do
                {
                    var request = new HttpRequestMessage(HttpMethod.Patch, "orders/1") { Content = new StringContent("{}") };
                    response = client.[|Send|](request);
                }
                while ({|HTTP0007:!response.IsSuccessStatusCode|});
                return response;
            }
        }
        """);

    [Fact]
    public Task New_http_method_post_and_status_continue() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                for (var attempt = 0; attempt < 5; attempt++)
                {
                    using var request = new HttpRequestMessage(new HttpMethod("POST"), "payments");
                    var response = await client.[|SendAsync|](request);
                    if ((int)response.StatusCode >= 500)
                    {
                        continue;
                    }

                    return response;
                }

                throw new InvalidOperationException();
            }
        }
        """);

    [Fact]
    public Task Polly_v8_pipeline() => Verify.AnalyzerAsync("""
        using Polly;
        using Polly.Retry;

        class C
        {
            private static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3 })
                .Build();

            Task<HttpResponseMessage> M(HttpClient client, HttpContent content)
                => Pipeline.ExecuteAsync(async ct => await client.[|PostAsync|]("orders", content, ct)).AsTask();
        }
        """);

    [Fact]
    public Task Message_names_the_pipeline() => Verify.AnalyzerAsync("""
        using Polly;
        using Polly.Retry;

        class C
        {
            private static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3 })
                .Build();

            Task<HttpResponseMessage> M(HttpClient client, HttpContent content)
                => Pipeline.ExecuteAsync(async ct => await client.{|#0:PostAsync|}("orders", content, ct)).AsTask();
        }
        """, Verify.Diagnostic().WithLocation(0).WithMessage("'POST' request to 'orders' is retried by the Polly retry pipeline 'Pipeline' without an idempotency key header: a retry after a lost response repeats the side effect"));

    [Fact]
    public Task Message_names_the_member_that_builds_an_unnamed_pipeline() => Verify.AnalyzerAsync("""
        using Polly;
        using Polly.Retry;

        class C
        {
            Task<HttpResponseMessage> SubmitOrder(HttpClient client, HttpContent content)
                => new ResiliencePipelineBuilder()
                    .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3 })
                    .Build()
                    .ExecuteAsync(async ct => await client.{|#0:PostAsync|}("orders", content, ct)).AsTask();
        }
        """, Verify.Diagnostic().WithLocation(0).WithMessage("'POST' request to 'orders' is retried by the Polly retry pipeline built in 'SubmitOrder' without an idempotency key header: a retry after a lost response repeats the side effect"));

    [Fact]
    public Task Message_names_the_for_loop() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client, HttpContent content)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await client.{|#0:PostAsync|}("orders", content);
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(attempt));
                    }
                }
            }
        }
        """, Verify.Diagnostic().WithLocation(0).WithMessage("'POST' request to 'orders' is retried by the enclosing 'for' loop without an idempotency key header: a retry after a lost response repeats the side effect"));

    [Fact]
    public Task Polly_v8_hedging() => Verify.AnalyzerAsync("""
        using Polly;
        using Polly.Hedging;

        class C
        {
            async Task M(HttpClient client, HttpContent content)
            {
                var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
                    .AddHedging(new HedgingStrategyOptions<HttpResponseMessage>())
                    .Build();
                await pipeline.ExecuteAsync(async ct => await client.[|PostAsync|]("orders", content, ct));
            }
        }
        """);

    [Fact]
    public Task Polly_v7_wait_and_retry() => Verify.AnalyzerAsync("""
        using Polly;

        class C
        {
            private readonly IAsyncPolicy<HttpResponseMessage> _policy = Policy<HttpResponseMessage>
                .Handle<HttpRequestException>()
                .OrResult(r => (int)r.StatusCode >= 500)
                .WaitAndRetryAsync(3, i => TimeSpan.FromSeconds(i));

            Task<HttpResponseMessage> M(HttpClient client, HttpContent content)
                => _policy.ExecuteAsync(() => client.[|PatchAsync|]("orders/1", content));
        }
        """);

    [Fact]
    public Task Polly_v7_sync_retry_forever_in_local_function() => Verify.AnalyzerAsync("""
        using Polly;

        class C
        {
            void M(HttpClient client)
            {
                HttpResponseMessage Send()
                {
                    var policy = Policy.Handle<HttpRequestException>().RetryForever();
                    return policy.Execute(() => client.[|Send|](new HttpRequestMessage(HttpMethod.Post, "jobs")));
                }

                Send();
            }
        }
        """);

    [Fact]
    public Task Retry_loop_inside_lambda() => Verify.AnalyzerAsync("""
        class C
        {
            Func<Task> M(HttpClient client, HttpContent content) => async () =>
            {
                while (true)
                {
                    try
                    {
                        await client.[|PostAsync|]("orders", content);
                        return;
                    }
                    catch (TaskCanceledException)
                    {
                    }
                }
            };
        }
        """);

    [Fact]
    public Task Do_while_until_a_response() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<HttpResponseMessage?> M(HttpClient client, HttpContent content)
            {
                HttpResponseMessage? response = null;
                var attempt = 0;
                do
                {
                    try
                    {
                        response = await client.[|PostAsync|]("orders", content);
                    }
                    catch (HttpRequestException)
                    {
                    }
                }
                while (response is null && ++attempt < 3);
                return response;
            }
        }
        """);

    [Fact]
    public Task Option_adds_a_header_name() => Verify.WithOptions("http_analyzers.idempotency_key_headers = X-Request-Id").AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient client, HttpContent content)
            {
                var key = Guid.NewGuid().ToString();
                while (true)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "orders") { Content = content };
                    request.Headers.Add("Idempotency-Key", key);
                    var response = await client.[|SendAsync|](request);
                    if ({|HTTP0007:response.IsSuccessStatusCode|}) return;
                }
            }
        }
        """);

    [Fact]
    public Task Post_in_loop_with_switch_on_status() => Verify.AnalyzerAsync("""
        using System.Net;

        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client, HttpContent order)
            {
                while (true)
                {
                    var response = await client.[|PostAsync|]("orders", order);
                    switch (response.StatusCode)
                    {
                        case HttpStatusCode.Created:
                            return response;
                        case HttpStatusCode.BadGateway:
                            continue;
                        default:
                            throw new HttpRequestException("failed", null, response.StatusCode);
                    }
                }
            }
        }
        """);

    // Near misses

    [Fact]
    public Task Post_per_item_with_switch_on_status() => Verify.AnalyzerAsync("""
        using System.Net;

        class C
        {
            async Task M(HttpClient client, HttpContent[] orders)
            {
                foreach (var order in orders)
                {
                    var response = await client.PostAsync("orders", order);
                    switch (response.StatusCode)
                    {
                        case HttpStatusCode.Created:
                            continue;
                        default:
                            throw new HttpRequestException("failed", null, response.StatusCode);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Put_and_delete_are_idempotent() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient client, HttpContent content)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await client.PutAsync("orders/1", content);
                        await client.DeleteAsync("orders/2");
                        await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "orders/3"));
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
    public Task Key_created_once_before_the_loop() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient client, HttpContent content)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                for (var attempt = 1; ; attempt++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "charges")
                    {
                        Content = content,
                        Headers = { { "Idempotency-Key", idempotencyKey } },
                    };
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
    public Task Key_added_with_headers_add() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient client, HttpContent content, string key)
            {
                while (true)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "charges") { Content = content };
                    request.Headers.TryAddWithoutValidation("X-Idempotency-Key", key);
                    var response = await client.SendAsync(request);
                    if ({|HTTP0007:response.IsSuccessStatusCode|}) return;
                }
            }
        }
        """);

    [Fact]
    public Task Request_passed_to_a_helper_that_may_add_the_key() => Verify.AnalyzerAsync("""
        static class RequestExtensions
        {
            public static void AddIdempotencyKey(this HttpRequestMessage request, string key) => request.Headers.Add("Idempotency-Key", key);
        }

        class C
        {
            async Task M(HttpClient client, string key)
            {
                while (true)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "charges");
                    request.AddIdempotencyKey(key);
                    var response = await client.SendAsync(request);
                    if ({|HTTP0007:response.IsSuccessStatusCode|}) return;
                }
            }
        }
        """);

    [Fact]
    public Task Only_429_retried() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client, HttpContent content)
            {
                while (true)
                {
                    var response = await client.PostAsync("orders", content);
                    if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
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
    public Task Only_429_polly_v8() => Verify.AnalyzerAsync("""
        using System.Net;
        using Polly;
        using Polly.Retry;

        class C
        {
            async Task M(HttpClient client, HttpContent content)
            {
                var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
                    .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                    {
                        ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests),
                        DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.Headers.RetryAfter?.Delta),
                    })
                    .Build();
                await pipeline.ExecuteAsync(async ct => await client.PostAsync("orders", content, ct));
            }
        }
        """);

    [Fact]
    public Task Only_429_polly_v7() => Verify.AnalyzerAsync("""
        using Polly;

        class C
        {
            Task<HttpResponseMessage> M(HttpClient client, HttpContent content)
                => Policy.HandleResult<HttpResponseMessage>(r => (int)r.StatusCode == 429)
                    .WaitAndRetryAsync(3, (i, outcome, ctx) => outcome.Result.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(i), (o, t, i, c) => Task.CompletedTask)
                    .ExecuteAsync(() => client.PostAsync("orders", content));
        }
        """);

    [Fact]
    public Task Foreach_over_items() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient client, List<HttpContent> items)
            {
                foreach (var item in items)
                {
                    try { await client.PostAsync("orders", item); } catch (HttpRequestException) { }
                }

                for (var i = 0; i < items.Count; i++)
                {
                    try { await client.PostAsync("orders", items[i]); } catch (HttpRequestException) { }
                }
            }
        }
        """);

    [Fact]
    public Task Loop_without_retry_evidence() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient client, HttpContent content, Func<bool> more)
            {
                while (more())
                {
                    var response = await client.PostAsync("events", content);
                    response.EnsureSuccessStatusCode();
                }
            }
        }
        """);

    [Fact]
    public Task Pipeline_not_visible() => Verify.AnalyzerAsync("""
        using Polly;

        class C(ResiliencePipeline pipeline)
        {
            async Task M(HttpClient client, HttpContent content)
                => await pipeline.ExecuteAsync(async ct => await client.PostAsync("orders", content, ct));
        }
        """);

    [Fact]
    public Task Delegating_handler_retrying_base_send() => Verify.AnalyzerAsync("""
        class RetryHandler : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try { return await base.SendAsync(request, cancellationToken); }
                    catch (HttpRequestException) when (attempt < 3) { }
                }
            }
        }
        """);

    [Fact]
    public Task Polling_loop_until_cancellation() => Verify.AnalyzerAsync("""
        class Heartbeat(HttpClient client)
        {
            public async Task RunAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    try
                    {
                        await client.PostAsync("heartbeat", new StringContent("alive"), stoppingToken);
                    }
                    catch (HttpRequestException)
                    {
                    }

                    await Task.Delay(TimeSpan.FromSeconds(30), stoppingToken);
                }
            }
        }
        """);

    [Fact]
    public Task Flag_left_on_success() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient client, HttpContent content)
            {
                var sent = false;
                while (!sent)
                {
                    try
                    {
                        await client.[|PostAsync|]("orders", content);
                        sent = true;
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Work_loop_with_early_return_is_not_a_retry() => Verify.AnalyzerAsync("""
        class Worker(HttpClient client, Queue<string> queue)
        {
            public async Task RunAsync()
            {
                while (true)
                {
                    if (!queue.TryDequeue(out var job))
                    {
                        return;
                    }

                    try
                    {
                        await client.PostAsync("process", new StringContent(job));
                    }
                    catch (HttpRequestException)
                    {
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Paging_loop_is_not_a_retry() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient client, HttpContent query)
            {
                for (var page = 1; ; page++)
                {
                    try
                    {
                        var response = await client.PostAsync($"search?page={page}", query);
                        if (response.Content.Headers.ContentLength == 0) break;
                    }
                    catch (HttpRequestException)
                    {
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Catch_that_rethrows_is_not_a_retry() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient client, HttpContent content, Func<bool> more)
            {
                while (more())
                {
                    try { await client.PostAsync("events", content); }
                    catch (HttpRequestException) { throw; }
                }
            }
        }
        """);

    // Fixes

    [Fact]
    public Task Fix_rewrites_post_async_into_send_async() => Verify.CodeFixAsync("""
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client, HttpContent content, CancellationToken ct)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await client.[|PostAsync|]("orders", content, ct);
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
            async Task<HttpResponseMessage> M(HttpClient client, HttpContent content, CancellationToken ct)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "orders") { Content = content, Headers = { { "Idempotency-Key", idempotencyKey } } }, ct);
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Fix_adds_header_to_request_creation() => Verify.CodeFixAsync("""
        using Polly;

        class C
        {
            async Task M(HttpClient client, HttpContent content, ResiliencePipeline<HttpResponseMessage> unused)
            {
                var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(new()).Build();
                await pipeline.ExecuteAsync(async ct =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Patch, "orders/1") { Content = content };
                    return await client.[|SendAsync|](request, ct);
                });
            }
        }
        """, """
        using Polly;

        class C
        {
            async Task M(HttpClient client, HttpContent content, ResiliencePipeline<HttpResponseMessage> unused)
            {
                var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(new()).Build();
                var idempotencyKey = Guid.NewGuid().ToString();
                await pipeline.ExecuteAsync(async ct =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Patch, "orders/1") { Content = content, Headers = { { "Idempotency-Key", idempotencyKey } } };
                    return await client.SendAsync(request, ct);
                });
            }
        }
        """);

    [Fact]
    public Task Fix_post_as_json() => Verify.CodeFixAsync("""
        class C
        {
            async Task M(HttpClient client, object order)
            {
                while (true)
                {
                    var response = await client.[|PostAsJsonAsync|]("orders", order);
                    if ({|HTTP0007:response.IsSuccessStatusCode|}) return;
                }
            }
        }
        """, """
        class C
        {
            async Task M(HttpClient client, object order)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                while (true)
                {
                    var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "orders") { Content = JsonContent.Create(order), Headers = { { "Idempotency-Key", idempotencyKey } } });
                    if ({|HTTP0007:response.IsSuccessStatusCode|}) return;
                }
            }
        }
        """);

    [Fact]
    public Task Fix_in_top_level_statements() => Verify.CodeFixAsync("""
        using var client = new HttpClient();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.[|PatchAsync|]("https://example.com/orders/1", new StringContent("{}"));
                break;
            }
            catch (HttpRequestException) when (attempt < 3)
            {
            }
        }
        """, """
        using var client = new HttpClient();
        var idempotencyKey = Guid.NewGuid().ToString();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, "https://example.com/orders/1") { Content = new StringContent("{}"), Headers = { { "Idempotency-Key", idempotencyKey } } });
                break;
            }
            catch (HttpRequestException) when (attempt < 3)
            {
            }
        }
        """);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync("""
        class C
        {
            async Task A(HttpClient client, HttpContent content)
            {
                while (true)
                {
                    var response = await client.[|PostAsync|]("a", content);
                    if ({|HTTP0007:response.IsSuccessStatusCode|}) return;
                }
            }

            async Task B(HttpClient client)
            {
                while (true)
                {
                    var response = await client.[|SendAsync|](new HttpRequestMessage(HttpMethod.Post, "b"));
                    if ({|HTTP0007:response.IsSuccessStatusCode|}) return;
                }
            }
        }
        """, """
        class C
        {
            async Task A(HttpClient client, HttpContent content)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                while (true)
                {
                    var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "a") { Content = content, Headers = { { "Idempotency-Key", idempotencyKey } } });
                    if ({|HTTP0007:response.IsSuccessStatusCode|}) return;
                }
            }

            async Task B(HttpClient client)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                while (true)
                {
                    var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "b") { Headers = { { "Idempotency-Key", idempotencyKey } } });
                    if ({|HTTP0007:response.IsSuccessStatusCode|}) return;
                }
            }
        }
        """);

    [Fact]
    public Task No_fix_for_a_request_parameter() => Verify.NoCodeFixAsync("""
        using Polly;

        class C
        {
            Task<HttpResponseMessage> M(HttpClient client, HttpRequestMessage request)
                => Policy.Handle<HttpRequestException>().RetryAsync(3).ExecuteAsync(() => client.{|HTTP0002:SendAsync|}(request));
        }
        """);


    // Fixes in expression bodies: the body becomes a block that creates the key first.

    [Fact]
    public Task No_fix_for_a_retry_inside_another_retry() => Verify.NoCodeFixAsync("""
        using Polly;
        using Polly.Retry;

        class OrdersClient(HttpClient client)
        {
            private readonly AsyncRetryPolicy<HttpResponseMessage> _outer = Policy<HttpResponseMessage>.Handle<HttpRequestException>().WaitAndRetryAsync(3, i => TimeSpan.FromSeconds(i));
            private readonly AsyncRetryPolicy<HttpResponseMessage> _inner = Policy<HttpResponseMessage>.Handle<TaskCanceledException>().RetryAsync(2);

            // A key created in the outer callback would be new on every outer attempt.
            public Task<HttpResponseMessage> CreateAsync(HttpContent content) =>
                _outer.ExecuteAsync(() => _inner.ExecuteAsync(() => client.[|PostAsync|]("orders", content)));
        }
        """);

    [Fact]
    public Task Fix_in_expression_bodied_method_polly_v7() => Verify.CodeFixAsync("""
        using Polly;
        using Polly.Retry;

        class OrdersClient(HttpClient client)
        {
            private readonly AsyncRetryPolicy<HttpResponseMessage> _policy = Policy<HttpResponseMessage>.Handle<HttpRequestException>().WaitAndRetryAsync(3, i => TimeSpan.FromSeconds(i));

            // Creates an order.
            public Task<HttpResponseMessage> CreateAsync(HttpContent content) =>
                _policy.ExecuteAsync(() => client.[|PostAsync|]("orders", content)); // one order per call

            public Task<HttpResponseMessage> UpdateAsync(HttpContent content) => _policy.ExecuteAsync(() => client.[|PatchAsync|]("orders/1", content));
        }
        """, """
        using Polly;
        using Polly.Retry;

        class OrdersClient(HttpClient client)
        {
            private readonly AsyncRetryPolicy<HttpResponseMessage> _policy = Policy<HttpResponseMessage>.Handle<HttpRequestException>().WaitAndRetryAsync(3, i => TimeSpan.FromSeconds(i));

            // Creates an order.
            public Task<HttpResponseMessage> CreateAsync(HttpContent content)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                return _policy.ExecuteAsync(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "orders") { Content = content, Headers = { { "Idempotency-Key", idempotencyKey } } })); // one order per call
            }

            public Task<HttpResponseMessage> UpdateAsync(HttpContent content)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                return _policy.ExecuteAsync(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, "orders/1") { Content = content, Headers = { { "Idempotency-Key", idempotencyKey } } }));
            }
        }
        """);

    [Fact]
    public Task Fix_in_expression_bodied_polly_v8_member_with_a_callback_block() => Verify.CodeFixAsync("""
        using Polly;
        using Polly.Retry;

        class C
        {
            private static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3 }).Build();

            Task<HttpResponseMessage> M(HttpClient client, HttpContent content)
                => Pipeline.ExecuteAsync(async ct =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "orders") { Content = content };
                    return await client.[|SendAsync|](request, ct);
                }).AsTask();
        }
        """, """
        using Polly;
        using Polly.Retry;

        class C
        {
            private static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3 }).Build();

            Task<HttpResponseMessage> M(HttpClient client, HttpContent content)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                return Pipeline.ExecuteAsync(async ct =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "orders") { Content = content, Headers = { { "Idempotency-Key", idempotencyKey } } };
                    return await client.SendAsync(request, ct);
                }).AsTask();
            }
        }
        """);

    [Fact]
    public Task Fix_in_expression_bodied_lambda() => Verify.CodeFixAsync("""
        using Polly;

        class C
        {
            void M(HttpClient client, HttpContent content, Func<Func<ValueTask<HttpResponseMessage>>, Task> run)
            {
                var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(new()).Build();
                Func<ValueTask<HttpResponseMessage>> send = () => pipeline.ExecuteAsync(async ct => await client.[|PostAsync|]("orders", content, ct), CancellationToken.None);
                run(send);
            }
        }
        """, """
        using Polly;

        class C
        {
            void M(HttpClient client, HttpContent content, Func<Func<ValueTask<HttpResponseMessage>>, Task> run)
            {
                var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(new()).Build();
                Func<ValueTask<HttpResponseMessage>> send = () =>
                {
                    var idempotencyKey = Guid.NewGuid().ToString();
                    return pipeline.ExecuteAsync(async ct => await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "orders") { Content = content, Headers = { { "Idempotency-Key", idempotencyKey } } }, ct), CancellationToken.None);
                };
                run(send);
            }
        }
        """);

    [Fact]
    public Task Fix_gives_each_item_its_key_in_a_lambda() => Verify.CodeFixAsync("""
        using Polly;

        class C
        {
            private static readonly IAsyncPolicy<HttpResponseMessage> Policy = Polly.Policy<HttpResponseMessage>.Handle<HttpRequestException>().RetryAsync(3);

            async Task M(HttpClient client, HttpContent[] orders)
            {
                await Task.WhenAll(orders.Select(order => Policy.ExecuteAsync(() => client.[|PostAsync|]("orders", order))));
            }
        }
        """, """
        using Polly;

        class C
        {
            private static readonly IAsyncPolicy<HttpResponseMessage> Policy = Polly.Policy<HttpResponseMessage>.Handle<HttpRequestException>().RetryAsync(3);

            async Task M(HttpClient client, HttpContent[] orders)
            {
                await Task.WhenAll(orders.Select(order =>
                {
                    var idempotencyKey = Guid.NewGuid().ToString();
                    return Policy.ExecuteAsync(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "orders") { Content = order, Headers = { { "Idempotency-Key", idempotencyKey } } }));
                }));
            }
        }
        """);

    [Fact]
    public Task Fix_in_void_and_async_task_members_keeps_the_call_a_statement() => Verify.CodeFixAsync("""
        using Polly;

        class Sender
        {
            private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder().AddRetry(new()).Build();

            void Send(HttpClient client, HttpContent content) => Retry.Execute(() => client.[|Send|](new HttpRequestMessage(HttpMethod.Post, "orders") { Content = content }));

            async Task SendAsync(HttpClient client, HttpContent content) => await Retry.ExecuteAsync(async ct => await client.[|PostAsync|]("orders", content, ct));
        }
        """, """
        using Polly;

        class Sender
        {
            private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder().AddRetry(new()).Build();

            void Send(HttpClient client, HttpContent content)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                Retry.Execute(() => client.Send(new HttpRequestMessage(HttpMethod.Post, "orders") { Content = content, Headers = { { "Idempotency-Key", idempotencyKey } } }));
            }

            async Task SendAsync(HttpClient client, HttpContent content)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                await Retry.ExecuteAsync(async ct => await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "orders") { Content = content, Headers = { { "Idempotency-Key", idempotencyKey } } }, ct));
            }
        }
        """);

    [Fact]
    public Task Fix_in_expression_bodied_property_indexer_and_local_function() => Verify.CodeFixAsync("""
        using Polly;

        class C(HttpClient client)
        {
            private readonly IAsyncPolicy<HttpResponseMessage> _policy = Policy<HttpResponseMessage>.Handle<HttpRequestException>().RetryAsync(3);

            public Task<HttpResponseMessage> Created => _policy.ExecuteAsync(() => client.[|PostAsync|]("orders", null));

            public Task<HttpResponseMessage> this[string uri]
            {
                get => _policy.ExecuteAsync(() => client.[|PostAsync|](uri, null));
            }

            Task M()
            {
                Task<HttpResponseMessage> Send() => _policy.ExecuteAsync(() => client.[|PostAsync|]("jobs", null));

                return Send();
            }
        }
        """, """
        using Polly;

        class C(HttpClient client)
        {
            private readonly IAsyncPolicy<HttpResponseMessage> _policy = Policy<HttpResponseMessage>.Handle<HttpRequestException>().RetryAsync(3);

            public Task<HttpResponseMessage> Created
            {
                get
                {
                    var idempotencyKey = Guid.NewGuid().ToString();
                    return _policy.ExecuteAsync(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "orders") { Content = null, Headers = { { "Idempotency-Key", idempotencyKey } } }));
                }
            }

            public Task<HttpResponseMessage> this[string uri]
            {
                get
                {
                    var idempotencyKey = Guid.NewGuid().ToString();
                    return _policy.ExecuteAsync(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, uri) { Content = null, Headers = { { "Idempotency-Key", idempotencyKey } } }));
                }
            }

            Task M()
            {
                Task<HttpResponseMessage> Send()
                {
                    var idempotencyKey = Guid.NewGuid().ToString();
                    return _policy.ExecuteAsync(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "jobs") { Content = null, Headers = { { "Idempotency-Key", idempotencyKey } } }));
                }

                return Send();
            }
        }
        """);

    [Fact]
    public Task Fix_all_in_expression_bodied_members() => Verify.FixAllAsync("""
        using Polly;

        class C
        {
            private readonly IAsyncPolicy<HttpResponseMessage> _policy = Policy<HttpResponseMessage>.Handle<HttpRequestException>().RetryAsync(3);

            Task<HttpResponseMessage> A(HttpClient client, HttpContent content) => _policy.ExecuteAsync(() => client.[|PostAsync|]("a", content));

            Task B(HttpClient client, HttpContent content) => Task.WhenAll(
                _policy.ExecuteAsync(() => client.[|PostAsync|]("b", content)),
                _policy.ExecuteAsync(() => client.[|SendAsync|](new HttpRequestMessage(HttpMethod.Patch, "c"))));

            Task<HttpResponseMessage> D(HttpClient client, HttpContent content)
                => _policy.ExecuteAsync(async () =>
                {
                    await client.[|PostAsync|]("d", content);
                    return await client.[|PostAsync|]("e", content);
                });
        }
        """, """
        using Polly;

        class C
        {
            private readonly IAsyncPolicy<HttpResponseMessage> _policy = Policy<HttpResponseMessage>.Handle<HttpRequestException>().RetryAsync(3);

            Task<HttpResponseMessage> A(HttpClient client, HttpContent content)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                return _policy.ExecuteAsync(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "a") { Content = content, Headers = { { "Idempotency-Key", idempotencyKey } } }));
            }

            Task B(HttpClient client, HttpContent content)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                var idempotencyKey2 = Guid.NewGuid().ToString();
                return Task.WhenAll(
                    _policy.ExecuteAsync(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "b") { Content = content, Headers = { { "Idempotency-Key", idempotencyKey } } })),
                    _policy.ExecuteAsync(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, "c") { Headers = { { "Idempotency-Key", idempotencyKey2 } } })));
            }

            Task<HttpResponseMessage> D(HttpClient client, HttpContent content)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                var idempotencyKey2 = Guid.NewGuid().ToString();
                return _policy.ExecuteAsync(async () =>
                {
                    await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "d") { Content = content, Headers = { { "Idempotency-Key", idempotencyKey } } });
                    return await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "e") { Content = content, Headers = { { "Idempotency-Key", idempotencyKey2 } } });
                });
            }
        }
        """);

    [Fact]
    public Task Fix_all_gives_each_retry_of_a_method_its_own_key() => Verify.FixAllAsync("""
        using Polly;

        class C
        {
            async Task M(HttpClient client, HttpContent content)
            {
                var policy = Policy<HttpResponseMessage>.Handle<HttpRequestException>().RetryAsync(3);
                await policy.ExecuteAsync(() => client.[|PostAsync|]("a", content));
                await policy.ExecuteAsync(() => client.[|PostAsync|]("b", content));
            }
        }
        """, """
        using Polly;

        class C
        {
            async Task M(HttpClient client, HttpContent content)
            {
                var policy = Policy<HttpResponseMessage>.Handle<HttpRequestException>().RetryAsync(3);
                var idempotencyKey = Guid.NewGuid().ToString();
                await policy.ExecuteAsync(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "a") { Content = content, Headers = { { "Idempotency-Key", idempotencyKey } } }));
                var idempotencyKey2 = Guid.NewGuid().ToString();
                await policy.ExecuteAsync(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "b") { Content = content, Headers = { { "Idempotency-Key", idempotencyKey2 } } }));
            }
        }
        """);

    [Fact]
    public Task Fix_all_converts_a_lambda_and_the_member_around_it() => Verify.FixAllAsync("""
        using Polly;

        class Batch(HttpClient client)
        {
            private static readonly IAsyncPolicy<HttpResponseMessage> Retry = Policy<HttpResponseMessage>.Handle<HttpRequestException>().RetryAsync(2);

            Task SendAll(HttpContent summary, HttpContent[] items) => Task.WhenAll(Retry.ExecuteAsync(() => client.[|PostAsync|]("batches", summary)), Task.WhenAll(items.Select(item => Retry.ExecuteAsync(() => client.[|PostAsync|]("items", item)))));
        }
        """, """
        using Polly;

        class Batch(HttpClient client)
        {
            private static readonly IAsyncPolicy<HttpResponseMessage> Retry = Policy<HttpResponseMessage>.Handle<HttpRequestException>().RetryAsync(2);

            Task SendAll(HttpContent summary, HttpContent[] items)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                return Task.WhenAll(Retry.ExecuteAsync(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "batches") { Content = summary, Headers = { { "Idempotency-Key", idempotencyKey } } })), Task.WhenAll(items.Select(item =>
                {
                    var idempotencyKey2 = Guid.NewGuid().ToString();
                    return Retry.ExecuteAsync(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "items") { Content = item, Headers = { { "Idempotency-Key", idempotencyKey2 } } }));
                })));
            }
        }
        """);

    [Fact]
    public Task Fix_all_adds_one_key_to_a_request_sent_twice() => Verify.FixAllAsync("""
        class C
        {
            async Task M(HttpClient client)
            {
                while (true)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "jobs");
                    var response = await client.[|SendAsync|](request);
                    if (response.StatusCode == System.Net.HttpStatusCode.Accepted) response = await client.[|SendAsync|](request);
                    if ({|HTTP0007:response.IsSuccessStatusCode|}) return;
                }
            }
        }
        """, """
        class C
        {
            async Task M(HttpClient client)
            {
                var idempotencyKey = Guid.NewGuid().ToString();
                while (true)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "jobs") { Headers = { { "Idempotency-Key", idempotencyKey } } };
                    var response = await client.SendAsync(request);
                    if (response.StatusCode == System.Net.HttpStatusCode.Accepted) response = await client.SendAsync(request);
                    if ({|HTTP0007:response.IsSuccessStatusCode|}) return;
                }
            }
        }
        """);

    [Fact]
    public Task No_fix_in_a_field_initializer_or_a_constructor() => Verify.NoCodeFixAsync("""
        using Polly;

        class C(HttpClient client)
        {
            private static readonly ISyncPolicy<HttpResponseMessage> Retry = Policy<HttpResponseMessage>.Handle<HttpRequestException>().Retry(3);
            private readonly HttpResponseMessage _registration = Retry.Execute(() => client.[|Send|](new HttpRequestMessage(HttpMethod.Post, "registrations")));
        }

        class D
        {
            private static readonly ISyncPolicy<HttpResponseMessage> Retry = Policy<HttpResponseMessage>.Handle<HttpRequestException>().Retry(3);

            D(HttpClient client, HttpContent content) => Retry.Execute(() => client.[|Send|](new HttpRequestMessage(HttpMethod.Post, "registrations") { Content = content }));
        }
        """);
}
