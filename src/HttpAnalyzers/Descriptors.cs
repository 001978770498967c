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

    // Retries and rate limits (HttpRetries)
    public static readonly DiagnosticDescriptor IdempotencyKeyMissing = new(
        DiagnosticIds.IdempotencyKeyMissing,
        title: "Non-idempotent request is retried without an idempotency key",
        messageFormat: "'{0}' request to {1} is retried by {2} without an idempotency key header: a retry after a lost response repeats the side effect",
        Categories.Retries,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "POST and PATCH are not idempotent (RFC 9110): when the response is lost, a retry makes the server act twice (a second order, a double charge). Send an Idempotency-Key header created once per operation so the server can deduplicate the attempts.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.IdempotencyKeyMissing + ".md");

    public static readonly DiagnosticDescriptor RequestMessageResent = new(
        DiagnosticIds.RequestMessageResent,
        title: "HttpRequestMessage is sent more than once",
        messageFormat: "Request message '{0}' is created outside {1} and sent again on each repetition: the second send throws InvalidOperationException because a request message can be sent only once",
        Categories.Retries,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "HttpClient marks a request message as sent and refuses to send it again. Create a new HttpRequestMessage for every attempt.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.RequestMessageResent + ".md");

    public static readonly DiagnosticDescriptor IdempotencyKeyRegenerated = new(
        DiagnosticIds.IdempotencyKeyRegenerated,
        title: "Idempotency key is regenerated on every attempt",
        messageFormat: "The '{0}' value '{1}' is created inside {2}, so every attempt carries a new key and the server cannot recognise the retries as one operation",
        Categories.Retries,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An idempotency key identifies one logical operation: create it once, before the retry, and send the same value with every attempt.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.IdempotencyKeyRegenerated + ".md");

    public static readonly DiagnosticDescriptor RetryAfterIgnored = new(
        DiagnosticIds.RetryAfterIgnored,
        title: "Retry on 429/503 ignores Retry-After",
        messageFormat: "{0} waits after {1} without reading the Retry-After header: the client retries before the server is ready and stays rate-limited",
        Categories.Retries,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A 429 Too Many Requests or 503 Service Unavailable response may say when to come back (Retry-After, RFC 9110 §10.2.3). Use it as the delay, with your own backoff as the fallback.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.RetryAfterIgnored + ".md");

    public static readonly DiagnosticDescriptor RetryAfterNotSent = new(
        DiagnosticIds.RetryAfterNotSent,
        title: "429/503 response is sent without Retry-After",
        messageFormat: "{0} produces a {1} response without a Retry-After header: clients cannot tell when to retry and tend to retry at once",
        Categories.Retries,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "Tell clients when to come back: set Retry-After (seconds or an HTTP date, RFC 9110 §10.2.3) on 429 and 503 responses.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.RetryAfterNotSent + ".md");

    public static readonly DiagnosticDescriptor RetryPolicyRetriesUnsafeMethods = new(
        DiagnosticIds.RetryPolicyRetriesUnsafeMethods,
        title: "Retry policy retries unsafe methods",
        messageFormat: "{0} retries the {1} requests of {2}, which carry no idempotency key: a retry after a lost response repeats the side effect",
        Categories.Retries,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Resilience handlers retry (or hedge) every request by default, POST and PATCH included. Disable retries for unsafe methods or send an idempotency key. Reported when the whole compilation has been analysed.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.RetryPolicyRetriesUnsafeMethods + ".md",
        customTags: CompilationEnd);
}
