// STAND-IN, NOT THE REAL LIBRARY. The sample cannot reference the Microsoft.Extensions.Http.Resilience package here,
// so this file declares the one API the sample uses, with the real namespaces and signature
// (Microsoft.Extensions.DependencyInjection.ResilienceHttpClientBuilderExtensions.AddStandardResilienceHandler), so that
// HTTP0006 recognises it exactly as it recognises the package's method. The body does nothing.
// In a real app delete this file and add <PackageReference Include="Microsoft.Extensions.Http.Resilience" />.
using Microsoft.Extensions.Http.Resilience;

namespace Microsoft.Extensions.Http.Resilience
{
    public interface IHttpStandardResiliencePipelineBuilder
    {
        string PipelineName { get; }

        IServiceCollection Services { get; }
    }
}

namespace Microsoft.Extensions.DependencyInjection
{
    public static class ResilienceHttpClientBuilderExtensions
    {
        public static IHttpStandardResiliencePipelineBuilder AddStandardResilienceHandler(this IHttpClientBuilder builder)
            => new StandIn(builder.Name, builder.Services);

        private sealed record StandIn(string PipelineName, IServiceCollection Services) : IHttpStandardResiliencePipelineBuilder;
    }
}
