// API-exact declarations of Microsoft.Extensions.Http.Resilience 9.x/10.x (the package is not available here),
// including the [Experimental("EXTEXP0001")] attributes the real API carries. Bodies are placeholders.
using System;
using System.Diagnostics.CodeAnalysis;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Hedging;
using Polly.Retry;
using Polly.Timeout;

namespace Microsoft.Extensions.DependencyInjection
{
    public static class ResilienceHttpClientBuilderExtensions
    {
        public static IHttpResiliencePipelineBuilder AddResilienceHandler(this IHttpClientBuilder builder, string pipelineName, Action<ResiliencePipelineBuilder<HttpResponseMessage>> configure) => throw null!;
        public static IHttpResiliencePipelineBuilder AddResilienceHandler(this IHttpClientBuilder builder, string pipelineName, Action<ResiliencePipelineBuilder<HttpResponseMessage>, ResilienceHandlerContext> configure) => throw null!;
        public static IStandardHedgingHandlerBuilder AddStandardHedgingHandler(this IHttpClientBuilder builder, Action<IRoutingStrategyBuilder> configure) => throw null!;
        public static IStandardHedgingHandlerBuilder AddStandardHedgingHandler(this IHttpClientBuilder builder) => throw null!;
        public static IHttpStandardResiliencePipelineBuilder AddStandardResilienceHandler(this IHttpClientBuilder builder, IConfigurationSection section) => throw null!;
        public static IHttpStandardResiliencePipelineBuilder AddStandardResilienceHandler(this IHttpClientBuilder builder, Action<HttpStandardResilienceOptions> configure) => throw null!;
        public static IHttpStandardResiliencePipelineBuilder AddStandardResilienceHandler(this IHttpClientBuilder builder) => throw null!;

        [Experimental("EXTEXP0001", UrlFormat = "https://aka.ms/dotnet-extensions-warnings/{0}")]
        public static IHttpClientBuilder RemoveAllResilienceHandlers(this IHttpClientBuilder builder) => throw null!;
    }
}

namespace Microsoft.Extensions.Http.Resilience
{
    public class HttpRetryStrategyOptions : RetryStrategyOptions<HttpResponseMessage>
    {
        public HttpRetryStrategyOptions() { }
        public bool ShouldRetryAfterHeader { get; set; }
    }

    [Experimental("EXTEXP0001", UrlFormat = "https://aka.ms/dotnet-extensions-warnings/{0}")]
    public static class HttpRetryStrategyOptionsExtensions
    {
        public static void DisableForUnsafeHttpMethods(this HttpRetryStrategyOptions options) => throw null!;
        public static void DisableFor(this HttpRetryStrategyOptions options, params HttpMethod[] methods) => throw null!;
    }

    public class HttpHedgingStrategyOptions : HedgingStrategyOptions<HttpResponseMessage>
    {
        public HttpHedgingStrategyOptions() { }
    }

    public class HttpCircuitBreakerStrategyOptions : CircuitBreakerStrategyOptions<HttpResponseMessage>
    {
        public HttpCircuitBreakerStrategyOptions() { }
    }

    public class HttpTimeoutStrategyOptions : TimeoutStrategyOptions
    {
        public HttpTimeoutStrategyOptions() { }
    }

    // The real base is Polly.RateLimiting.RateLimiterStrategyOptions (package Polly.RateLimiting, not available here).
    public class HttpRateLimiterStrategyOptions : ResilienceStrategyOptions
    {
        public HttpRateLimiterStrategyOptions() { }
    }

    public class HttpStandardResilienceOptions
    {
        public HttpStandardResilienceOptions() { }
        public HttpRateLimiterStrategyOptions RateLimiter { get; set; } = null!;
        public HttpTimeoutStrategyOptions TotalRequestTimeout { get; set; } = null!;
        public HttpRetryStrategyOptions Retry { get; set; } = null!;
        public HttpCircuitBreakerStrategyOptions CircuitBreaker { get; set; } = null!;
        public HttpTimeoutStrategyOptions AttemptTimeout { get; set; } = null!;
    }

    public class HedgingEndpointOptions
    {
        public HedgingEndpointOptions() { }
        public HttpRateLimiterStrategyOptions RateLimiter { get; set; } = null!;
        public HttpCircuitBreakerStrategyOptions CircuitBreaker { get; set; } = null!;
        public HttpTimeoutStrategyOptions Timeout { get; set; } = null!;
    }

    public class HttpStandardHedgingResilienceOptions
    {
        public HttpStandardHedgingResilienceOptions() { }
        public HttpTimeoutStrategyOptions TotalRequestTimeout { get; set; } = null!;
        public HttpHedgingStrategyOptions Hedging { get; set; } = null!;
        public HedgingEndpointOptions Endpoint { get; set; } = null!;
    }

    public interface IHttpResiliencePipelineBuilder
    {
        string PipelineName { get; }
        Microsoft.Extensions.DependencyInjection.IServiceCollection Services { get; }
    }

    public interface IHttpStandardResiliencePipelineBuilder
    {
        string PipelineName { get; }
        Microsoft.Extensions.DependencyInjection.IServiceCollection Services { get; }
    }

    public interface IRoutingStrategyBuilder
    {
        string Name { get; }
        Microsoft.Extensions.DependencyInjection.IServiceCollection Services { get; }
    }

    public interface IStandardHedgingHandlerBuilder
    {
        string Name { get; }
        IRoutingStrategyBuilder RoutingStrategyBuilder { get; }
        Microsoft.Extensions.DependencyInjection.IServiceCollection Services { get; }
    }

    public static class HttpStandardResiliencePipelineBuilderExtensions
    {
        public static IHttpStandardResiliencePipelineBuilder Configure(this IHttpStandardResiliencePipelineBuilder builder, IConfigurationSection section) => throw null!;
        public static IHttpStandardResiliencePipelineBuilder Configure(this IHttpStandardResiliencePipelineBuilder builder, Action<HttpStandardResilienceOptions> configure) => throw null!;
        public static IHttpStandardResiliencePipelineBuilder Configure(this IHttpStandardResiliencePipelineBuilder builder, Action<HttpStandardResilienceOptions, IServiceProvider> configure) => throw null!;
        public static IHttpStandardResiliencePipelineBuilder SelectPipelineBy(this IHttpStandardResiliencePipelineBuilder builder, Func<IServiceProvider, Func<HttpRequestMessage, string>> selectorFactory) => throw null!;
        public static IHttpStandardResiliencePipelineBuilder SelectPipelineByAuthority(this IHttpStandardResiliencePipelineBuilder builder) => throw null!;
    }

    public static class StandardHedgingHandlerBuilderExtensions
    {
        public static IStandardHedgingHandlerBuilder Configure(this IStandardHedgingHandlerBuilder builder, IConfigurationSection section) => throw null!;
        public static IStandardHedgingHandlerBuilder Configure(this IStandardHedgingHandlerBuilder builder, Action<HttpStandardHedgingResilienceOptions> configure) => throw null!;
        public static IStandardHedgingHandlerBuilder Configure(this IStandardHedgingHandlerBuilder builder, Action<HttpStandardHedgingResilienceOptions, IServiceProvider> configure) => throw null!;
        public static IStandardHedgingHandlerBuilder SelectPipelineBy(this IStandardHedgingHandlerBuilder builder, Func<IServiceProvider, Func<HttpRequestMessage, string>> selectorFactory) => throw null!;
        public static IStandardHedgingHandlerBuilder SelectPipelineByAuthority(this IStandardHedgingHandlerBuilder builder) => throw null!;
    }

    public static class HttpResiliencePipelineBuilderExtensions
    {
        public static IHttpResiliencePipelineBuilder SelectPipelineBy(this IHttpResiliencePipelineBuilder builder, Func<IServiceProvider, Func<HttpRequestMessage, string>> selectorFactory) => throw null!;
        public static IHttpResiliencePipelineBuilder SelectPipelineByAuthority(this IHttpResiliencePipelineBuilder builder) => throw null!;
    }

    public static class HttpClientResiliencePredicates
    {
        public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => throw null!;

        [Experimental("EXTEXP0001", UrlFormat = "https://aka.ms/dotnet-extensions-warnings/{0}")]
        public static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken) => throw null!;
    }

    public static class HttpClientHedgingResiliencePredicates
    {
        public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => throw null!;

        [Experimental("EXTEXP0001", UrlFormat = "https://aka.ms/dotnet-extensions-warnings/{0}")]
        public static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken) => throw null!;
    }

    public sealed class ResilienceHandlerContext
    {
        internal ResilienceHandlerContext() { }
        public IServiceProvider ServiceProvider => throw null!;
        public string BuilderName => throw null!;
        public string InstanceName => throw null!;
        public void EnableReloads<TOptions>(string? name = null) => throw null!;
        public TOptions GetOptions<TOptions>(string? name = null) => throw null!;
        public void OnPipelineDisposed(Action callback) => throw null!;
    }

    public class ResilienceHandler : DelegatingHandler
    {
        public ResilienceHandler(Func<HttpRequestMessage, ResiliencePipeline<HttpResponseMessage>> pipelineProvider) { }
        public ResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline) { }
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => throw null!;
        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) => throw null!;
    }
}
