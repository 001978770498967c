using Microsoft.CodeAnalysis;

namespace HttpAnalyzers.Infrastructure;

/// <summary>Types of the retries and rate-limits family (HTTP0001–HTTP0006): Polly v8 and v7, the HttpClient resilience handlers, rate limiting.</summary>
internal sealed partial class KnownTypes
{
    // Polly v8 (Polly.Core)
    public INamedTypeSymbol? PollyResiliencePipeline => Type("Polly.ResiliencePipeline");
    public INamedTypeSymbol? PollyResiliencePipelineOfT => Type("Polly.ResiliencePipeline`1");
    public INamedTypeSymbol? PollyResiliencePipelineBuilderBase => Type("Polly.ResiliencePipelineBuilderBase");
    public INamedTypeSymbol? PollyRetryBuilderExtensions => Type("Polly.RetryResiliencePipelineBuilderExtensions");
    public INamedTypeSymbol? PollyHedgingBuilderExtensions => Type("Polly.HedgingResiliencePipelineBuilderExtensions");
    public INamedTypeSymbol? PollyRetryStrategyOptionsOfT => Type("Polly.Retry.RetryStrategyOptions`1");
    public INamedTypeSymbol? PollyHedgingStrategyOptionsOfT => Type("Polly.Hedging.HedgingStrategyOptions`1");
    public INamedTypeSymbol? PollyPredicateBuilderOfT => Type("Polly.PredicateBuilder`1");
    public INamedTypeSymbol? PollyPredicateBuilder => Type("Polly.PredicateBuilder");
    public INamedTypeSymbol? PollyRetryDelayGeneratorArgumentsOfT => Type("Polly.Retry.RetryDelayGeneratorArguments`1");

    // Polly v7 API (package Polly)
    public INamedTypeSymbol? PollyIRetryPolicy => Type("Polly.Retry.IRetryPolicy");
    public INamedTypeSymbol? PollyISyncPolicy => Type("Polly.ISyncPolicy");
    public INamedTypeSymbol? PollyIAsyncPolicy => Type("Polly.IAsyncPolicy");
    public INamedTypeSymbol? PollyISyncPolicyOfT => Type("Polly.ISyncPolicy`1");
    public INamedTypeSymbol? PollyIAsyncPolicyOfT => Type("Polly.IAsyncPolicy`1");
    public INamedTypeSymbol? PollyPolicyBuilder => Type("Polly.PolicyBuilder");
    public INamedTypeSymbol? PollyPolicyBuilderOfT => Type("Polly.PolicyBuilder`1");
    public INamedTypeSymbol? PollyPolicy => Type("Polly.Policy");
    public INamedTypeSymbol? PollyRetrySyntax => Type("Polly.RetrySyntax");
    public INamedTypeSymbol? PollyRetryTResultSyntax => Type("Polly.RetryTResultSyntax");
    public INamedTypeSymbol? PollyAsyncRetrySyntax => Type("Polly.AsyncRetrySyntax");
    public INamedTypeSymbol? PollyAsyncRetryTResultSyntax => Type("Polly.AsyncRetryTResultSyntax");
    public INamedTypeSymbol? PollyHttpPolicyExtensions => Type("Polly.Extensions.Http.HttpPolicyExtensions");

    // Microsoft.Extensions.Http.Resilience / Microsoft.Extensions.Http.Polly
    public INamedTypeSymbol? ResilienceHttpClientBuilderExtensions => Type("Microsoft.Extensions.DependencyInjection.ResilienceHttpClientBuilderExtensions");
    public INamedTypeSymbol? HttpStandardResiliencePipelineBuilderExtensions => Type("Microsoft.Extensions.Http.Resilience.HttpStandardResiliencePipelineBuilderExtensions");
    public INamedTypeSymbol? StandardHedgingHandlerBuilderExtensions => Type("Microsoft.Extensions.Http.Resilience.StandardHedgingHandlerBuilderExtensions");
    public INamedTypeSymbol? HttpRetryStrategyOptions => Type("Microsoft.Extensions.Http.Resilience.HttpRetryStrategyOptions");
    public INamedTypeSymbol? HttpRetryStrategyOptionsExtensions => Type("Microsoft.Extensions.Http.Resilience.HttpRetryStrategyOptionsExtensions");
    public INamedTypeSymbol? HttpStandardResilienceOptions => Type("Microsoft.Extensions.Http.Resilience.HttpStandardResilienceOptions");
    public INamedTypeSymbol? PollyHttpClientBuilderExtensions => Type("Microsoft.Extensions.DependencyInjection.PollyHttpClientBuilderExtensions");
    public INamedTypeSymbol? HttpClientFactoryExtensions => Type("System.Net.Http.HttpClientFactoryExtensions");
    public INamedTypeSymbol? HttpClientBuilderExtensions => Type("Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions");

    // System.Net.Http.Headers and server-side rate limiting
    public INamedTypeSymbol? RetryConditionHeaderValue => Type("System.Net.Http.Headers.RetryConditionHeaderValue");
    public INamedTypeSymbol? RateLimiterServiceCollectionExtensions => Type("Microsoft.AspNetCore.Builder.RateLimiterServiceCollectionExtensions");
    public INamedTypeSymbol? RateLimiterOptions => Type("Microsoft.AspNetCore.RateLimiting.RateLimiterOptions");
    public INamedTypeSymbol? OnRejectedContext => Type("Microsoft.AspNetCore.RateLimiting.OnRejectedContext");
    public INamedTypeSymbol? RateLimitLease => Type("System.Threading.RateLimiting.RateLimitLease");
    public INamedTypeSymbol? MetadataName => Type("System.Threading.RateLimiting.MetadataName");
    public INamedTypeSymbol? Exception => Type("System.Exception");
    public INamedTypeSymbol? ObjectResult => Type("Microsoft.AspNetCore.Mvc.ObjectResult");
    public INamedTypeSymbol? Stopwatch => Type("System.Diagnostics.Stopwatch");
    public INamedTypeSymbol? Environment => Type("System.Environment");
    public INamedTypeSymbol? RandomNumberGenerator => Type("System.Security.Cryptography.RandomNumberGenerator");
}
