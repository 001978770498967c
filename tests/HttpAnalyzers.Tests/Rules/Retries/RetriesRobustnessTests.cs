using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Retries;

/// <summary>The retries analyzers never crash on incomplete code (the harness throws on any analyzer exception).</summary>
public class RetriesRobustnessTests
{
    [Theory]
    [InlineData("""
        class C { async Task M(HttpClient client) { while (true) { try { await client.PostAsync( } catch (HttpRequestException) { } } } }
        """)]
    [InlineData("""
        class C { async Task M(HttpClient client) { var r = new HttpRequestMessage(; for (;;) { await client.SendAsync(r); } } }
        """)]
    [InlineData("""
        using Polly;
        class C { Task M(HttpClient client) => Policy.Handle<HttpRequestException>().RetryAsync(3).ExecuteAsync(() => client.SendAsync(missing)); }
        """)]
    [InlineData("""
        using Polly;
        class C { ResiliencePipeline P = new ResiliencePipelineBuilder().AddRetry().Build(); Task M(HttpClient c) => P.ExecuteAsync(async ct => await c.PostAsync("x", null, ct)).AsTask(); }
        """)]
    [InlineData("""
        class C { void M(IServiceCollection s) { s.AddHttpClient<Missing>().AddStandardResilienceHandler(; s.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler(o => o.Retry.DisableFor(HttpMethod.))); } }
        """)]
    [InlineData("""
        class C { async Task M(HttpClient client) { while (true) { var r = await client.GetAsync("x"); if (r.StatusCode == (System.Net.HttpStatusCode)) { await Task.Delay(); Thread.Sleep(); continue; } return; } } }
        """)]
    [InlineData("""
        class C { IResult M() => Results.StatusCode(); void N(HttpResponse r) { r.StatusCode = ; } void O(IServiceCollection s) => s.AddRateLimiter(o => { o.OnRejected = ; o.RejectionStatusCode = x; }); }
        """)]
    [InlineData("""
        class C { async Task M(HttpClient client) { do { var req = new HttpRequestMessage(HttpMethod.Post, "x"); req.Headers.Add("Idempotency-Key", Guid.NewGuid()); await client.SendAsync(req); } while (undefined); } }
        """)]
    [InlineData("""
        using Polly;
        class C { IAsyncPolicy<HttpResponseMessage> P = Policy.HandleResult<HttpResponseMessage>(r => r.StatusCode == 429).WaitAndRetryAsync(3, ); }
        """)]
    public async Task Incomplete_code_does_not_crash(string source)
    {
        var project = TestWorkspace.CreateProject([source]);
        _ = await TestWorkspace.GetAnalyzerDiagnosticsAsync(project);
    }
}
