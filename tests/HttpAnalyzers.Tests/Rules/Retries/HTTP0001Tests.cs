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

}
