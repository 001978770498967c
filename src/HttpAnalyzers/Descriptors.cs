using Microsoft.CodeAnalysis;

namespace HttpAnalyzers;

/// <summary>
/// Every <see cref="DiagnosticDescriptor"/> of the package, in one place. Arguments are constants so that
/// release tracking (RS2000–RS2008) can read them.
/// </summary>
public static class Descriptors
{
    /// <summary>Base of every rule's help link; the rule's page is <c>HelpLinkBase + id + ".md"</c>.</summary>
    public const string HelpLinkBase = "https://github.com/HttpAnalyzers/HttpAnalyzers/blob/main/docs/rules/";

    private const string CompilationEnd = WellKnownDiagnosticTags.CompilationEnd;

    // CORS and preflight
    public static readonly DiagnosticDescriptor CorsAnyOriginWithCredentials = new(
        DiagnosticIds.CorsAnyOriginWithCredentials,
        title: "Any origin allowed together with credentials",
        messageFormat: "{0} is combined with {1}, so {2}",
        Categories.Cors,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A CORS policy that allows every origin must not allow credentials: ASP.NET Core throws when such a policy is built, and a predicate or hand-written echo that accepts every origin lets any web site act as the signed-in user.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.CorsAnyOriginWithCredentials + ".md",
        customTags: CompilationEnd);

    public static readonly DiagnosticDescriptor CorsOriginNeverMatches = new(
        DiagnosticIds.CorsOriginNeverMatches,
        title: "CORS origin will never match",
        messageFormat: "Origin '{0}' {1}, so it never matches a browser's Origin header and that site's requests are blocked",
        Categories.Cors,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Browsers send the Origin header as scheme://host[:port] with no path, no trailing slash and no default port; the CORS middleware compares origins exactly, so an allowed origin written any other way never matches.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.CorsOriginNeverMatches + ".md",
        customTags: CompilationEnd);

    public static readonly DiagnosticDescriptor CorsMiddlewareMisplaced = new(
        DiagnosticIds.CorsMiddlewareMisplaced,
        title: "CORS middleware is missing or in the wrong place",
        messageFormat: "{0}, so {1}",
        Categories.Cors,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "UseCors must run after UseRouting (when CORS comes from endpoint metadata) and before UseAuthorization, UseResponseCaching and UseEndpoints; without it no CORS header is ever sent.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.CorsMiddlewareMisplaced + ".md",
        customTags: CompilationEnd);

    public static readonly DiagnosticDescriptor CorsPolicyNotDefined = new(
        DiagnosticIds.CorsPolicyNotDefined,
        title: "CORS policy name is not defined",
        messageFormat: "CORS policy '{0}' is not defined ({1}), so no policy is applied and cross-origin requests and preflights fail",
        Categories.Cors,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Policy names are compared ordinally; a name that no AddPolicy call defines makes the CORS middleware apply nothing.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.CorsPolicyNotDefined + ".md",
        customTags: CompilationEnd);

    public static readonly DiagnosticDescriptor CorsHeadersWithoutPreflight = new(
        DiagnosticIds.CorsHeadersWithoutPreflight,
        title: "Hand-written CORS headers without preflight handling",
        messageFormat: "'Access-Control-Allow-Origin' is set by hand but nothing in the app answers a preflight OPTIONS request, so browsers never send cross-origin requests with a JSON body, custom headers, PUT or DELETE; use AddCors and UseCors",
        Categories.Cors,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Browsers send a preflight OPTIONS request before most cross-origin calls; when nothing answers it with the CORS headers, the real request is never sent.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.CorsHeadersWithoutPreflight + ".md",
        customTags: CompilationEnd);

    public static readonly DiagnosticDescriptor CorsOriginEchoWithoutVary = new(
        DiagnosticIds.CorsOriginEchoWithoutVary,
        title: "Origin echoed into Access-Control-Allow-Origin without Vary: Origin",
        messageFormat: "'Access-Control-Allow-Origin' is set from the request's Origin header without 'Vary: Origin', so a cache can serve the response allowed for one origin to another",
        Categories.Cors,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A response whose Access-Control-Allow-Origin depends on the request's Origin must say Vary: Origin, or browsers, proxies and CDNs reuse it for requests from other origins.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.CorsOriginEchoWithoutVary + ".md");
}
