using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Retries;

public class HTTP0002Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.RequestMessageResent);

    [Fact]
    public Task Retry_loop_with_catch() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "orders");
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await client.[|SendAsync|](request);
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(1000);
                    }
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
                var request = new HttpRequestMessage(HttpMethod.Get, "orders");
                while (true)
                {
                    var response = await client.{|#0:SendAsync|}(request);
                    if ({|HTTP0007:response.IsSuccessStatusCode|})
                    {
                        return response;
                    }
                }
            }
        }
        """, Verify.Diagnostic().WithLocation(0).WithMessage("Request message 'request' is created outside the enclosing 'while' loop and sent again on each repetition: the second send throws InvalidOperationException because a request message can be sent only once"));

    [Fact]
    public Task Sync_send_in_do_while() => Verify.AnalyzerAsync("""
        class C
        {
            HttpResponseMessage M(HttpClient client, HttpRequestMessage request)
            {
                HttpResponseMessage response;
                do
                {
                    response = client.[|Send|](request);
                }
                while (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable);
                return response;
            }
        }
        """);

    [Fact]
    public Task Foreach_over_items_sends_one_message() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient client, string[] items)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "ping");
                foreach (var item in items)
                {
                    await client.[|SendAsync|](request);
                }
            }
        }
        """);

    [Fact]
    public Task Polly_v8_callback() => Verify.AnalyzerAsync("""
        using Polly;
        using Polly.Retry;

        class C
        {
            private readonly ResiliencePipeline<HttpResponseMessage> _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
                .AddRetry(new RetryStrategyOptions<HttpResponseMessage>())
                .Build();

            async Task<HttpResponseMessage> M(HttpClient client)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "orders");
                return await _pipeline.ExecuteAsync(async ct => await client.[|SendAsync|](request, ct));
            }
        }
        """);

    [Fact]
    public Task Polly_v7_callback_expression_bodied() => Verify.AnalyzerAsync("""
        using Polly;

        class C
        {
            Task<HttpResponseMessage> M(HttpClient client, HttpRequestMessage request)
                => Policy.Handle<HttpRequestException>().RetryAsync(3).ExecuteAsync(() => client.[|SendAsync|](request));
        }
        """);

    [Fact]
    public Task Polly_v7_policy_local_sync() => Verify.AnalyzerAsync("""
        using Polly;

        class C
        {
            HttpResponseMessage M(HttpClient client)
            {
                var request = new HttpRequestMessage(HttpMethod.Delete, "orders/1");
                var policy = Policy.Handle<HttpRequestException>().WaitAndRetry(3, i => TimeSpan.FromSeconds(i));
                return policy.Execute(() => client.[|Send|](request));
            }
        }
        """);

    [Fact]
    public Task Local_function_and_lambda_inside_loop() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient client, HttpRequestMessage request)
            {
                async Task Run()
                {
                    for (var i = 0; i < 3; i++)
                    {
                        try { await client.[|SendAsync|](request); return; } catch (HttpRequestException) { }
                    }
                }

                Func<Task> f = async () =>
                {
                    while (true)
                    {
                        var response = await client.[|SendAsync|](request);
                        if ({|HTTP0007:response.IsSuccessStatusCode|}) break;
                    }
                };
                await Run();
                await f();
            }
        }
        """);

    [Fact]
    public Task Polly_v8_callback_state_is_the_same_message() => Verify.AnalyzerAsync("""
        using Polly;

        class C
        {
            HttpResponseMessage M(HttpClient client, HttpRequestMessage request)
            {
                var pipeline = new ResiliencePipelineBuilder().AddRetry(new Polly.Retry.RetryStrategyOptions()).Build();
                return pipeline.Execute((req, ct) => client.[|Send|](req, ct), request);
            }
        }
        """);

    // Near misses

    [Fact]
    public Task Request_created_inside_loop() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                for (var attempt = 0; ; attempt++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, "orders");
                    try
                    {
                        return await client.SendAsync(request);
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Request_reassigned_inside_loop() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                HttpRequestMessage request;
                while (true)
                {
                    request = new HttpRequestMessage(HttpMethod.Get, "orders");
                    var response = await client.SendAsync(request);
                    if ({|HTTP0007:response.IsSuccessStatusCode|}) return response;
                }
            }
        }
        """);

    [Fact]
    public Task Delegating_handler_base_send_in_loop() => Verify.AnalyzerAsync("""
        class RetryHandler : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await base.SendAsync(request, cancellationToken);
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Request_created_inside_callback() => Verify.AnalyzerAsync("""
        using Polly;

        class C
        {
            Task<HttpResponseMessage> M(HttpClient client)
                => Policy.Handle<HttpRequestException>().RetryAsync(3).ExecuteAsync(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "orders")));
        }
        """);

    [Fact]
    public Task Clone_per_attempt() => Verify.AnalyzerAsync("""
        class C
        {
            static HttpRequestMessage Clone(HttpRequestMessage r) => new(r.Method, r.RequestUri);

            async Task<HttpResponseMessage> M(HttpClient client, HttpRequestMessage request)
            {
                while (true)
                {
                    var response = await client.SendAsync(Clone(request));
                    if ({|HTTP0007:response.IsSuccessStatusCode|}) return response;
                }
            }
        }
        """);

    [Fact]
    public Task Return_on_first_send_without_catch() => Verify.AnalyzerAsync("""
        class C
        {
            async Task<HttpResponseMessage?> M(HttpClient client, HttpRequestMessage request, bool[] flags)
            {
                foreach (var flag in flags)
                {
                    if (flag)
                    {
                        return await client.SendAsync(request);
                    }
                }

                return null;
            }
        }
        """);

    [Fact]
    public Task Pipeline_without_retry() => Verify.AnalyzerAsync("""
        using Polly;

        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                var pipeline = new ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromSeconds(5)).Build();
                var request = new HttpRequestMessage(HttpMethod.Get, "orders");
                return await pipeline.ExecuteAsync(async ct => await client.SendAsync(request, ct));
            }
        }
        """);

    [Fact]
    public Task Pipeline_from_dependency_injection() => Verify.AnalyzerAsync("""
        using Polly;

        class C(ResiliencePipeline pipeline)
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "orders");
                return await pipeline.ExecuteAsync(async ct => await client.SendAsync(request, ct));
            }
        }
        """);

    [Fact]
    public Task Field_may_be_rebuilt_by_a_call() => Verify.AnalyzerAsync("""
        class C(HttpClient client)
        {
            private HttpRequestMessage _request = new(HttpMethod.Get, "a");

            private void Rebuild() => _request = new HttpRequestMessage(HttpMethod.Get, "a");

            async Task M()
            {
                while (true)
                {
                    Rebuild();
                    var response = await client.SendAsync(_request);
                    if ({|HTTP0007:response.IsSuccessStatusCode|}) return;
                }
            }
        }
        """);

    [Fact]
    public Task Send_after_the_loop() => Verify.AnalyzerAsync("""
        class C
        {
            async Task M(HttpClient client, string[] items)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "orders");
                foreach (var item in items)
                {
                    request.Headers.Add("X-Item", item);
                }

                await client.SendAsync(request);
            }
        }
        """);

    // Fixes

    [Fact]
    public Task Fix_moves_creation_and_configuration_into_loop() => Verify.CodeFixAsync("""
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "orders");
                request.Headers.Add("X-Trace", "1");
                var attempts = 3;
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await client.[|SendAsync|](request);
                    }
                    catch (HttpRequestException) when (attempt < attempts)
                    {
                    }
                }
            }
        }
        """, """
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                var attempts = 3;
                for (var attempt = 0; ; attempt++)
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, "orders");
                    request.Headers.Add("X-Trace", "1");
                    try
                    {
                        return await client.SendAsync(request);
                    }
                    catch (HttpRequestException) when (attempt < attempts)
                    {
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Fix_moves_creation_into_expression_lambda() => Verify.CodeFixAsync("""
        using Polly;

        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client, ResiliencePipelineBuilder builder)
            {
                var pipeline = builder.AddRetry(new Polly.Retry.RetryStrategyOptions()).Build();
                using var request = new HttpRequestMessage(HttpMethod.Get, "orders");
                return await pipeline.ExecuteAsync(async ct => await client.[|SendAsync|](request, ct));
            }
        }
        """, """
        using Polly;

        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client, ResiliencePipelineBuilder builder)
            {
                var pipeline = builder.AddRetry(new Polly.Retry.RetryStrategyOptions()).Build();
                return await pipeline.ExecuteAsync(async ct =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, "orders");
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
                var request = new HttpRequestMessage(HttpMethod.Get, "a");
                while (true)
                {
                    var response = await client.[|SendAsync|](request);
                    if ((int)response.StatusCode != 429) return;
                }
            }

            async Task B(HttpClient client)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "b");
                while (true)
                {
                    var response = await client.[|SendAsync|](request);
                    if ((int)response.StatusCode != 429) return;
                }
            }
        }
        """, """
        class C
        {
            async Task A(HttpClient client)
            {
                while (true)
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, "a");
                    var response = await client.SendAsync(request);
                    if ((int)response.StatusCode != 429) return;
                }
            }

            async Task B(HttpClient client)
            {
                while (true)
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, "b");
                    var response = await client.SendAsync(request);
                    if ((int)response.StatusCode != 429) return;
                }
            }
        }
        """);

    [Fact]
    public Task No_fix_for_a_parameter() => Verify.NoCodeFixAsync("""
        class C
        {
            async Task M(HttpClient client, HttpRequestMessage request)
            {
                while (true)
                {
                    var response = await client.[|SendAsync|](request);
                    if ({|HTTP0007:response.IsSuccessStatusCode|}) return;
                }
            }
        }
        """);

    [Fact]
    public Task No_fix_when_used_after_the_loop() => Verify.NoCodeFixAsync("""
        class C
        {
            async Task M(HttpClient client)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "a");
                while (true)
                {
                    var response = await client.[|SendAsync|](request);
                    if ({|HTTP0007:response.IsSuccessStatusCode|}) break;
                }

                request.Dispose();
            }
        }
        """);
}
