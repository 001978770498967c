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

    public static readonly DiagnosticDescriptor CookieNotSecure = new(
        DiagnosticIds.CookieNotSecure,
        title: "Cookie is not marked Secure",
        messageFormat: "{0} is not marked Secure ({1}), so browsers also send it over plain HTTP where anyone on the network can read or change it",
        Categories.Cookies,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A cookie without the Secure attribute is sent over unencrypted HTTP too. Set Secure = true (or SecurePolicy = CookieSecurePolicy.Always on a CookieBuilder), or enforce it for every cookie with a cookie policy.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.CookieNotSecure + ".md",
        customTags: CompilationEnd);

    public static readonly DiagnosticDescriptor CookieNotHttpOnly = new(
        DiagnosticIds.CookieNotHttpOnly,
        title: "Cookie is readable from JavaScript (HttpOnly not set)",
        messageFormat: "{0} is readable from JavaScript ({1}), so any script injected into the page can read and steal it",
        Categories.Cookies,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A cookie without the HttpOnly attribute is exposed to document.cookie, which turns any XSS into session theft. Set HttpOnly = true unless scripts must read the cookie (an XSRF token cookie).",
        helpLinkUri: HelpLinkBase + DiagnosticIds.CookieNotHttpOnly + ".md",
        customTags: CompilationEnd);

    public static readonly DiagnosticDescriptor SameSiteNoneWithoutSecure = new(
        DiagnosticIds.SameSiteNoneWithoutSecure,
        title: "SameSite=None cookie without Secure is rejected by browsers",
        messageFormat: "{0} sets SameSite=None without Secure ({1}), so browsers reject it and the cookie is never stored",
        Categories.Cookies,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Since 2020 browsers drop SameSite=None cookies that are not Secure. A cookie that needs SameSite=None must also be Secure.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.SameSiteNoneWithoutSecure + ".md",
        customTags: CompilationEnd);

    public static readonly DiagnosticDescriptor CookiePrefixViolated = new(
        DiagnosticIds.CookiePrefixViolated,
        title: "Cookie prefix or partition requirements violated",
        messageFormat: "{0} {1}, so browsers reject {2}",
        Categories.Cookies,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Browsers reject a __Secure- cookie that is not Secure, a __Host- cookie that is not Secure, sets Domain or has a Path other than '/', and a Partitioned cookie that is not Secure; deleting such a cookie without the same attributes fails too.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.CookiePrefixViolated + ".md",
        customTags: CompilationEnd);
}
