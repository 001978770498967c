namespace HttpAnalyzers;

/// <summary>The stable IDs of every rule. Never renumber, never reuse.</summary>
public static class DiagnosticIds
{
    // Retries and rate limits (HttpRetries)
    public const string IdempotencyKeyMissing = "HTTP0001";
    public const string RequestMessageResent = "HTTP0002";
    public const string IdempotencyKeyRegenerated = "HTTP0003";
    public const string RetryAfterIgnored = "HTTP0004";
    public const string RetryAfterNotSent = "HTTP0005";
    public const string RetryPolicyRetriesUnsafeMethods = "HTTP0006";
    public const string RetryConditionIncludesClientErrors = "HTTP0007";

    // Caching (HttpCaching)
    public const string NoCacheInsteadOfNoStore = "HTTP0010";
    public const string PerUserResponseSharedCacheable = "HTTP0011";
    public const string UnquotedETag = "HTTP0012";
    public const string IfNoneMatchStringComparison = "HTTP0013";
    public const string HttpDateLocalFormat = "HTTP0014";

    // Cookies (HttpCookies)
    public const string CookieNotSecure = "HTTP0020";
    public const string CookieNotHttpOnly = "HTTP0021";
    public const string SameSiteNoneWithoutSecure = "HTTP0022";
    public const string CookiePrefixViolated = "HTTP0023";

    // CORS and preflight (HttpCors)
    public const string CorsAnyOriginWithCredentials = "HTTP0030";
    public const string CorsOriginNeverMatches = "HTTP0031";
    public const string CorsMiddlewareMisplaced = "HTTP0032";
    public const string CorsPolicyNotDefined = "HTTP0033";
    public const string CorsHeadersWithoutPreflight = "HTTP0034";
    public const string CorsOriginEchoWithoutVary = "HTTP0035";

    // HttpClient usage (HttpClient)
    public const string StreamedResponseBuffered = "HTTP0040";
    public const string ContentHeaderOnRequest = "HTTP0041";
    public const string SharedDefaultRequestHeadersChanged = "HTTP0042";
    public const string HttpClientPerOperation = "HTTP0043";
    public const string BaseAddressPathDropped = "HTTP0044";
    public const string CredentialInQueryString = "HTTP0045";
    public const string StreamedResponseNotDisposed = "HTTP0046";
    public const string LongLivedClientNoPooledConnectionLifetime = "HTTP0047";
    public const string ResponseDeserializedWithoutStatusCheck = "HTTP0048";
    public const string RelativeUriWithoutBaseAddress = "HTTP0049";

    // Method and response semantics (HttpSemantics)
    public const string SafeMethodChangesState = "HTTP0050";
    public const string HeadersAfterResponseStarted = "HTTP0051";
    public const string CreationWithoutCreated = "HTTP0053";
}
