// API-exact declarations of Microsoft.Extensions.Http.Polly (the package is not available here).
// Bodies are placeholders: only the shapes matter to the analyzers under test.
using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Http;
using Polly;
using Polly.Registry;

namespace Microsoft.Extensions.DependencyInjection
{
    public static class PollyHttpClientBuilderExtensions
    {
        public static IHttpClientBuilder AddPolicyHandler(this IHttpClientBuilder builder, IAsyncPolicy<HttpResponseMessage> policy) => throw null!;
        public static IHttpClientBuilder AddPolicyHandler(this IHttpClientBuilder builder, Func<HttpRequestMessage, IAsyncPolicy<HttpResponseMessage>> policySelector) => throw null!;
        public static IHttpClientBuilder AddPolicyHandler(this IHttpClientBuilder builder, Func<IServiceProvider, HttpRequestMessage, IAsyncPolicy<HttpResponseMessage>> policySelector) => throw null!;
        public static IHttpClientBuilder AddPolicyHandler(this IHttpClientBuilder builder, Func<IServiceProvider, HttpRequestMessage, string, IAsyncPolicy<HttpResponseMessage>> policyFactory, Func<HttpRequestMessage, string> keySelector) => throw null!;
        public static IHttpClientBuilder AddPolicyHandlerFromRegistry(this IHttpClientBuilder builder, string policyKey) => throw null!;
        public static IHttpClientBuilder AddPolicyHandlerFromRegistry(this IHttpClientBuilder builder, Func<IReadOnlyPolicyRegistry<string>, HttpRequestMessage, IAsyncPolicy<HttpResponseMessage>> policySelector) => throw null!;
        public static IHttpClientBuilder AddTransientHttpErrorPolicy(this IHttpClientBuilder builder, Func<PolicyBuilder<HttpResponseMessage>, IAsyncPolicy<HttpResponseMessage>> configurePolicy) => throw null!;
    }
}

namespace Microsoft.Extensions.Http
{
    public class PolicyHttpMessageHandler : DelegatingHandler
    {
        public PolicyHttpMessageHandler(IAsyncPolicy<HttpResponseMessage> policy) { }
        public PolicyHttpMessageHandler(Func<HttpRequestMessage, IAsyncPolicy<HttpResponseMessage>> policySelector) { }
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => throw null!;
        protected virtual Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, Context context, CancellationToken cancellationToken) => throw null!;
    }
}

namespace Polly
{
    public static class HttpRequestMessageExtensions
    {
        public static Context? GetPolicyExecutionContext(this HttpRequestMessage request) => throw null!;
        public static void SetPolicyExecutionContext(this HttpRequestMessage request, Context? context) => throw null!;
    }
}
