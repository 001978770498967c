// API-exact declarations of Polly.Extensions.Http (a dependency of Microsoft.Extensions.Http.Polly).
using System.Net.Http;

namespace Polly.Extensions.Http
{
    public static class HttpPolicyExtensions
    {
        public static PolicyBuilder<HttpResponseMessage> HandleTransientHttpError() => throw null!;
        public static PolicyBuilder<HttpResponseMessage> OrTransientHttpStatusCode(this PolicyBuilder<HttpResponseMessage> policyBuilder) => throw null!;
        public static PolicyBuilder<HttpResponseMessage> OrTransientHttpError(this PolicyBuilder<HttpResponseMessage> policyBuilder) => throw null!;
    }
}
