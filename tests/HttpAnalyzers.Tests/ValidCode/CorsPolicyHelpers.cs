// CORS policies assembled by helper methods that return the builder: the wildcard subdomain option is set on the
// returned builder, in the caller, so the wildcard origins do match.
using Microsoft.AspNetCore.Cors.Infrastructure;

namespace ValidCode.CorsPolicyHelpers;

public static class CorsPolicyBuilderExtensions
{
    public static CorsPolicyBuilder WithTenantOrigins(this CorsPolicyBuilder policy)
        => policy.WithOrigins("https://*.tenants.example.com", "https://*.example.com");

    public static CorsPolicyBuilder WithStandardHeaders(this CorsPolicyBuilder policy)
        => policy.WithHeaders("Content-Type", "Authorization").WithMethods("GET", "POST");
}

public static class CorsSetup
{
    public const string Tenants = "Tenants";
    public const string Partners = "Partners";

    public static IServiceCollection AddTenantCors(this IServiceCollection services)
        => services.AddCors(options =>
        {
            options.AddPolicy(Tenants, policy => policy
                .WithTenantOrigins()
                .WithStandardHeaders()
                .SetIsOriginAllowedToAllowWildcardSubdomains());
            options.AddPolicy(Partners, policy =>
            {
                var configured = Partner(policy);
                configured.SetIsOriginAllowedToAllowWildcardSubdomains();
            });
        });

    private static CorsPolicyBuilder Partner(CorsPolicyBuilder policy) => policy.WithOrigins("https://*.partners.example.com");
}

public sealed class PolicyFactory
{
    private CorsPolicyBuilder Builder { get; } = new();

    public CorsPolicy Create()
    {
        Origins(Builder);
        Builder.SetIsOriginAllowedToAllowWildcardSubdomains();
        return Builder.Build();
    }

    private static void Origins(CorsPolicyBuilder builder) => builder.WithOrigins("https://*.apps.example.com");
}
