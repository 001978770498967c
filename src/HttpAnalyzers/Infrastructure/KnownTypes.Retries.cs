using Microsoft.CodeAnalysis;

namespace HttpAnalyzers.Infrastructure;

/// <summary>Types of the retries and rate-limits family (HTTP0001–HTTP0008): Polly v8 and v7, the HttpClient resilience handlers, rate limiting.</summary>
internal sealed partial class KnownTypes
{
    // Polly v8 (Polly.Core)
    public INamedTypeSymbol? PollyResiliencePipeline => Type("Polly.ResiliencePipeline");
    public INamedTypeSymbol? PollyResiliencePipelineOfT => Type("Polly.ResiliencePipeline`1");
    public INamedTypeSymbol? PollyRetryBuilderExtensions => Type("Polly.RetryResiliencePipelineBuilderExtensions");
    public INamedTypeSymbol? PollyHedgingBuilderExtensions => Type("Polly.HedgingResiliencePipelineBuilderExtensions");
    public INamedTypeSymbol? PollyRetryStrategyOptionsOfT => Type("Polly.Retry.RetryStrategyOptions`1");
    public INamedTypeSymbol? PollyHedgingStrategyOptionsOfT => Type("Polly.Hedging.HedgingStrategyOptions`1");
    public INamedTypeSymbol? PollyPredicateBuilderOfT => Type("Polly.PredicateBuilder`1");

    // Polly v7 API (package Polly)
    public INamedTypeSymbol? PollyIRetryPolicy => Type("Polly.Retry.IRetryPolicy");
    public INamedTypeSymbol? PollyISyncPolicy => Type("Polly.ISyncPolicy");
    public INamedTypeSymbol? PollyIAsyncPolicy => Type("Polly.IAsyncPolicy");
    public INamedTypeSymbol? PollyISyncPolicyOfT => Type("Polly.ISyncPolicy`1");
    public INamedTypeSymbol? PollyIAsyncPolicyOfT => Type("Polly.IAsyncPolicy`1");
    public INamedTypeSymbol? PollyRetryTResultSyntax => Type("Polly.RetryTResultSyntax");
    public INamedTypeSymbol? PollyAsyncRetryTResultSyntax => Type("Polly.AsyncRetryTResultSyntax");
    public INamedTypeSymbol? PollyRetrySyntax => Type("Polly.RetrySyntax");
    public INamedTypeSymbol? PollyAsyncRetrySyntax => Type("Polly.AsyncRetrySyntax");
    public INamedTypeSymbol? PollyPolicy => Type("Polly.Policy");
    public INamedTypeSymbol? PollyPolicyBuilderOfT => Type("Polly.PolicyBuilder`1");
    public INamedTypeSymbol? PollyPolicyBuilder => Type("Polly.PolicyBuilder");

    // Polly.Extensions.Http
    public INamedTypeSymbol? PollyHttpPolicyExtensions => Type("Polly.Extensions.Http.HttpPolicyExtensions");

    // Microsoft.Extensions.Http.Resilience / Microsoft.Extensions.Http.Polly
    public INamedTypeSymbol? ResilienceHttpClientBuilderExtensions => Type("Microsoft.Extensions.DependencyInjection.ResilienceHttpClientBuilderExtensions");
    public INamedTypeSymbol? HttpRetryStrategyOptions => Type("Microsoft.Extensions.Http.Resilience.HttpRetryStrategyOptions");
    public INamedTypeSymbol? HttpHedgingStrategyOptions => Type("Microsoft.Extensions.Http.Resilience.HttpHedgingStrategyOptions");
    public INamedTypeSymbol? HttpRetryStrategyOptionsExtensions => Type("Microsoft.Extensions.Http.Resilience.HttpRetryStrategyOptionsExtensions");
    public INamedTypeSymbol? PollyHttpClientBuilderExtensions => Type("Microsoft.Extensions.DependencyInjection.PollyHttpClientBuilderExtensions");
    public INamedTypeSymbol? HttpClientFactoryExtensions => Type("System.Net.Http.HttpClientFactoryExtensions");

    // System.Net.Http.Headers and server-side rate limiting
    public INamedTypeSymbol? RateLimiterServiceCollectionExtensions => Type("Microsoft.AspNetCore.Builder.RateLimiterServiceCollectionExtensions");
    public INamedTypeSymbol? RateLimiterOptions => Type("Microsoft.AspNetCore.RateLimiting.RateLimiterOptions");
    public INamedTypeSymbol? OnRejectedContext => Type("Microsoft.AspNetCore.RateLimiting.OnRejectedContext");
    public INamedTypeSymbol? RateLimitLease => Type("System.Threading.RateLimiting.RateLimitLease");
    public INamedTypeSymbol? ExceptionHandlerOptions => Type("Microsoft.AspNetCore.Builder.ExceptionHandlerOptions");
    public INamedTypeSymbol? IExceptionHandler => Type("Microsoft.AspNetCore.Diagnostics.IExceptionHandler");
    public INamedTypeSymbol? IProblemDetailsWriter => Type("Microsoft.AspNetCore.Http.IProblemDetailsWriter");
    public INamedTypeSymbol? ProblemDetailsOptions => Type("Microsoft.AspNetCore.Http.ProblemDetailsOptions");
    public INamedTypeSymbol? MvcObjectResult => Type("Microsoft.AspNetCore.Mvc.ObjectResult");
    public INamedTypeSymbol? MvcStatusCodeResult => Type("Microsoft.AspNetCore.Mvc.StatusCodeResult");
    public INamedTypeSymbol? Exception => Type("System.Exception");
    public INamedTypeSymbol? Stopwatch => Type("System.Diagnostics.Stopwatch");
    public INamedTypeSymbol? Environment => Type("System.Environment");
    public INamedTypeSymbol? RandomNumberGenerator => Type("System.Security.Cryptography.RandomNumberGenerator");
}
