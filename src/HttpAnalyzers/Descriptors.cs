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
        description: "Resilience handlers retry (or hedge) every request by default, POST and PATCH included. Disable retries for unsafe methods or send an idempotency key.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.RetryPolicyRetriesUnsafeMethods + ".md");

    public static readonly DiagnosticDescriptor RetryConditionIncludesClientErrors = new(
        DiagnosticIds.RetryConditionIncludesClientErrors,
        title: "Retry condition includes errors that retrying cannot fix",
        messageFormat: "{0} retries {1}: the same request meets the same answer again, so retrying burns the retry budget and the caller's time and ends in the same error",
        Categories.Retries,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Client errors (400, 401, 402, 403, 405, 413, 414, 415, 422, 431; RFC 9110 §15.5) describe the request, not the server's state: the same request gets them again. Retry only 408, 429 and 5xx (RFC 9110 §15.6).",
        helpLinkUri: HelpLinkBase + DiagnosticIds.RetryConditionIncludesClientErrors + ".md");

    // Caching (HttpCaching)
    public static readonly DiagnosticDescriptor NoCacheInsteadOfNoStore = new(
        DiagnosticIds.NoCacheInsteadOfNoStore,
        title: "'no-cache' used where 'no-store' is required",
        messageFormat: "{0} lets browser and proxy caches store this response, which {1}; use 'no-store' to keep it out of caches",
        Categories.Caching,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Cache-Control 'no-cache' means 'store, but revalidate before reuse': a sensitive response marked no-cache is still written to browser and proxy caches. Only 'no-store' keeps it out.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.NoCacheInsteadOfNoStore + ".md");

    public static readonly DiagnosticDescriptor PerUserResponseSharedCacheable = new(
        DiagnosticIds.PerUserResponseSharedCacheable,
        title: "Per-user response is marked cacheable by shared caches",
        messageFormat: "{0} lets shared caches (CDNs, proxies) store this response, which {1}, and serve it to other users; mark it 'private'",
        Categories.Caching,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "'public', 's-maxage' and [ResponseCache] with the default Location = Any allow shared caches to store a response; on an authenticated or cookie-setting endpoint one user's response is then served to another.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.PerUserResponseSharedCacheable + ".md");

    public static readonly DiagnosticDescriptor UnquotedETag = new(
        DiagnosticIds.UnquotedETag,
        title: "ETag value is not a quoted string",
        messageFormat: "{0} is not a quoted entity tag; {1}",
        Categories.Caching,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An entity tag is a quoted string (\"abc\" or W/\"abc\"). EntityTagHeaderValue throws FormatException on an unquoted value, and clients and caches ignore or mangle an unquoted ETag header, which breaks conditional requests.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.UnquotedETag + ".md");

    public static readonly DiagnosticDescriptor IfNoneMatchStringComparison = new(
        DiagnosticIds.IfNoneMatchStringComparison,
        title: "If-None-Match compared as a plain string",
        messageFormat: "'{0}' is compared as one string, but it is a comma-separated list that may hold weak 'W/' tags or '*'; compare the parsed entity tags",
        Categories.Caching,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "If-None-Match and If-Match carry a list of entity tags, weak tags and '*'. Comparing the raw header with one tag misses matches, so conditional requests never return 304 (or 412 is sent wrongly).",
        helpLinkUri: HelpLinkBase + DiagnosticIds.IfNoneMatchStringComparison + ".md");

    public static readonly DiagnosticDescriptor HttpDateLocalFormat = new(
        DiagnosticIds.HttpDateLocalFormat,
        title: "HTTP date header formatted with a local or culture-specific format",
        messageFormat: "'{0}' value {1}; HTTP dates must be IMF-fixdate in GMT ('R' format of a UTC time)",
        Categories.Caching,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "HTTP date headers (Last-Modified, Expires, Date, If-Modified-Since, If-Unmodified-Since, Retry-After) use IMF-fixdate in GMT. A culture-formatted or local-time value is misread or rejected by caches and clients.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.HttpDateLocalFormat + ".md");

    // Cookies (HttpCookies)
    public static readonly DiagnosticDescriptor CookieNotSecure = new(
        DiagnosticIds.CookieNotSecure,
        title: "Cookie is not marked Secure",
        messageFormat: "{0} is not marked Secure ({1}), so browsers also send it over plain HTTP where anyone on the network can read or change it",
        Categories.Cookies,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A cookie without the Secure attribute is sent over unencrypted HTTP too. Set Secure = true (or SecurePolicy = CookieSecurePolicy.Always on a CookieBuilder), or enforce it for every cookie with a cookie policy.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.CookieNotSecure + ".md");

    public static readonly DiagnosticDescriptor CookieNotHttpOnly = new(
        DiagnosticIds.CookieNotHttpOnly,
        title: "Cookie is readable from JavaScript (HttpOnly not set)",
        messageFormat: "{0} is readable from JavaScript ({1}), so any script injected into the page can read and steal it",
        Categories.Cookies,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A cookie without the HttpOnly attribute is exposed to document.cookie, which turns any XSS into session theft. Set HttpOnly = true unless scripts must read the cookie (an XSRF token cookie).",
        helpLinkUri: HelpLinkBase + DiagnosticIds.CookieNotHttpOnly + ".md");

    public static readonly DiagnosticDescriptor SameSiteNoneWithoutSecure = new(
        DiagnosticIds.SameSiteNoneWithoutSecure,
        title: "SameSite=None cookie without Secure is rejected by browsers",
        messageFormat: "{0} sets SameSite=None without Secure ({1}), so browsers reject it and the cookie is never stored",
        Categories.Cookies,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Since 2020 browsers drop SameSite=None cookies that are not Secure. A cookie that needs SameSite=None must also be Secure.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.SameSiteNoneWithoutSecure + ".md");

    public static readonly DiagnosticDescriptor CookiePrefixViolated = new(
        DiagnosticIds.CookiePrefixViolated,
        title: "Cookie prefix or partition requirements violated",
        messageFormat: "{0} {1}, so browsers reject {2}",
        Categories.Cookies,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Browsers reject a __Secure- cookie that is not Secure, a __Host- cookie that is not Secure, sets Domain or has a Path other than '/', and a Partitioned cookie that is not Secure; deleting such a cookie without the same attributes fails too.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.CookiePrefixViolated + ".md");

    // CORS and preflight (HttpCors)
    public static readonly DiagnosticDescriptor CorsAnyOriginWithCredentials = new(
        DiagnosticIds.CorsAnyOriginWithCredentials,
        title: "Any origin allowed together with credentials",
        messageFormat: "{0} is combined with {1}, so {2}",
        Categories.Cors,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A CORS policy that allows every origin must not allow credentials: ASP.NET Core throws when such a policy is built, and a predicate or hand-written echo that accepts every origin lets any web site act as the signed-in user.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.CorsAnyOriginWithCredentials + ".md");

    public static readonly DiagnosticDescriptor CorsOriginNeverMatches = new(
        DiagnosticIds.CorsOriginNeverMatches,
        title: "CORS origin will never match",
        messageFormat: "Origin '{0}' {1}, so it never matches a browser's Origin header and that site's requests are blocked",
        Categories.Cors,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Browsers send the Origin header as scheme://host[:port] with no path, no trailing slash and no default port; the CORS middleware compares origins exactly, so an allowed origin written any other way never matches.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.CorsOriginNeverMatches + ".md");

    public static readonly DiagnosticDescriptor CorsMiddlewareMisplaced = new(
        DiagnosticIds.CorsMiddlewareMisplaced,
        title: "CORS middleware is missing or in the wrong place",
        messageFormat: "{0}, so {1}",
        Categories.Cors,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "UseCors must run after UseRouting (when CORS comes from endpoint metadata) and before UseAuthorization, UseResponseCaching and UseEndpoints; without it no CORS header is ever sent.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.CorsMiddlewareMisplaced + ".md");

    public static readonly DiagnosticDescriptor CorsPolicyNotDefined = new(
        DiagnosticIds.CorsPolicyNotDefined,
        title: "CORS policy name is not defined",
        messageFormat: "CORS policy '{0}' is not defined ({1}), so no policy is applied and cross-origin requests and preflights fail",
        Categories.Cors,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Policy names are compared ordinally; a name that no AddPolicy call defines makes the CORS middleware apply nothing.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.CorsPolicyNotDefined + ".md");

    public static readonly DiagnosticDescriptor CorsHeadersWithoutPreflight = new(
        DiagnosticIds.CorsHeadersWithoutPreflight,
        title: "Hand-written CORS headers without preflight handling",
        messageFormat: "'Access-Control-Allow-Origin' is set by hand but nothing in the app answers a preflight OPTIONS request, so browsers never send cross-origin requests with a JSON body, custom headers, PUT or DELETE; use AddCors and UseCors",
        Categories.Cors,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Browsers send a preflight OPTIONS request before most cross-origin calls; when nothing answers it with the CORS headers, the real request is never sent.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.CorsHeadersWithoutPreflight + ".md");

    public static readonly DiagnosticDescriptor CorsOriginEchoWithoutVary = new(
        DiagnosticIds.CorsOriginEchoWithoutVary,
        title: "Origin echoed into Access-Control-Allow-Origin without Vary: Origin",
        messageFormat: "'Access-Control-Allow-Origin' is set from the request's Origin header without 'Vary: Origin', so a cache can serve the response allowed for one origin to another",
        Categories.Cors,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A response whose Access-Control-Allow-Origin depends on the request's Origin must say Vary: Origin, or browsers, proxies and CDNs reuse it for requests from other origins.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.CorsOriginEchoWithoutVary + ".md");

    // HttpClient usage (HttpClient)
    public static readonly DiagnosticDescriptor StreamedResponseBuffered = new(
        DiagnosticIds.StreamedResponseBuffered,
        title: "Streamed response is buffered before it is read",
        messageFormat: "The response of '{0}' is buffered in full before {1} reads it: pass HttpCompletionOption.ResponseHeadersRead so that the first item arrives as soon as the server sends it",
        Categories.Client,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Without HttpCompletionOption.ResponseHeadersRead, HttpClient reads the whole response body into memory before the send completes, so a body read line by line or item by item (server-sent events, streamed JSON, LLM tokens) arrives all at once at the end.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.StreamedResponseBuffered + ".md");

    public static readonly DiagnosticDescriptor ContentHeaderOnRequest = new(
        DiagnosticIds.ContentHeaderOnRequest,
        title: "Content header added to request headers",
        messageFormat: "'{0}' is a content header: {1} on {2} {3}; set it on the request content's headers",
        Categories.Client,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "HttpRequestHeaders refuses content headers (Content-Type, Content-Length, Expires, …): Add and Remove throw InvalidOperationException 'Misused header name' and TryAddWithoutValidation returns false and drops the header. They belong on HttpContent.Headers.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.ContentHeaderOnRequest + ".md");

    public static readonly DiagnosticDescriptor SharedDefaultRequestHeadersChanged = new(
        DiagnosticIds.SharedDefaultRequestHeadersChanged,
        title: "Shared HttpClient's DefaultRequestHeaders changed per request",
        messageFormat: "{0} changes the DefaultRequestHeaders of '{1}', a client shared by concurrent requests, in '{2}': the headers race and one caller's values are sent with another's request; set them on an HttpRequestMessage",
        Categories.Client,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "DefaultRequestHeaders belongs to the client and is not thread-safe: configure it once, where the client is created, and put per-request headers (tokens, correlation IDs) on the HttpRequestMessage.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.SharedDefaultRequestHeadersChanged + ".md");

    public static readonly DiagnosticDescriptor HttpClientPerOperation = new(
        DiagnosticIds.HttpClientPerOperation,
        title: "HttpClient created per operation",
        messageFormat: "{0} is created {1}: each instance opens its own connection pool, and under load sockets pile up in TIME_WAIT; inject IHttpClientFactory or a typed client, or keep one static client",
        Categories.Client,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An HttpClient (or its handler) created and disposed per call or per request opens a new connection pool each time. Under load the sockets of disposed clients linger in TIME_WAIT and the process runs out of ports. Share one long-lived client (with PooledConnectionLifetime) or use IHttpClientFactory.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.HttpClientPerOperation + ".md");

    public static readonly DiagnosticDescriptor BaseAddressPathDropped = new(
        DiagnosticIds.BaseAddressPathDropped,
        title: "BaseAddress path is dropped by the request URI",
        messageFormat: "{0}, so '{1}' is silently lost; {2}",
        Categories.Client,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A relative request URI is resolved against BaseAddress by RFC 3986 section 5.2: without a trailing slash the base's last segment is replaced, and a request URI that starts with '/' replaces the whole base path. End BaseAddress with '/' and write request URIs without a leading '/'.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.BaseAddressPathDropped + ".md");

    public static readonly DiagnosticDescriptor CredentialInQueryString = new(
        DiagnosticIds.CredentialInQueryString,
        title: "Credential sent in the query string",
        messageFormat: "The request URI carries the credential '{0}' in its query string, which server logs, proxies and browser history keep; send it in the Authorization header (or another request header) instead",
        Categories.Client,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "Query strings are written to web server and proxy access logs, browser history and Referer headers. A credential there outlives the request. Send API keys and tokens in the Authorization header or a dedicated request header.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.CredentialInQueryString + ".md");

    public static readonly DiagnosticDescriptor StreamedResponseNotDisposed = new(
        DiagnosticIds.StreamedResponseNotDisposed,
        title: "Streamed response is never disposed",
        messageFormat: "The response of '{0}' is read with ResponseHeadersRead but is not disposed on every path: its connection stays out of the pool until the response is finalized",
        Categories.Client,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A response obtained with ResponseHeadersRead holds its connection until the body is read to the end or the response (or its content stream) is disposed; on an early return, a status check or an exception the connection is lost to the pool until the garbage collector runs.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.StreamedResponseNotDisposed + ".md");

    public static readonly DiagnosticDescriptor LongLivedClientNoPooledConnectionLifetime = new(
        DiagnosticIds.LongLivedClientNoPooledConnectionLifetime,
        title: "Long-lived HttpClient never refreshes its connections",
        messageFormat: "{0} lives as long as the process ({1}) and {2}: its pooled connections are never recycled, so after a DNS change it keeps sending to the old address; set SocketsHttpHandler.PooledConnectionLifetime",
        Categories.Client,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A static or singleton HttpClient keeps its pooled connections open indefinitely unless PooledConnectionLifetime is set. After a failover, a blue-green switch or a moved service, it keeps talking to the old address until the connection breaks. Build it on a SocketsHttpHandler with PooledConnectionLifetime, or use IHttpClientFactory.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.LongLivedClientNoPooledConnectionLifetime + ".md");

    public static readonly DiagnosticDescriptor ResponseDeserializedWithoutStatusCheck = new(
        DiagnosticIds.ResponseDeserializedWithoutStatusCheck,
        title: "Response body deserialized without checking the status",
        messageFormat: "'{0}' deserializes the body of the response of '{1}' as {2} without checking its status: an error response becomes a JsonException or an object of default values",
        Categories.Client,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An error response (a 4xx/5xx problem+json body, a proxy's HTML page, a 429) has a body too. Check the status (EnsureSuccessStatusCode, IsSuccessStatusCode, StatusCode) before deserializing it as the success type.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.ResponseDeserializedWithoutStatusCheck + ".md");

    public static readonly DiagnosticDescriptor RelativeUriWithoutBaseAddress = new(
        DiagnosticIds.RelativeUriWithoutBaseAddress,
        title: "Relative request URI on a client without BaseAddress",
        messageFormat: "Relative URI '{0}' is sent through {1}, which has no BaseAddress: every such send throws InvalidOperationException ('An invalid request URI was provided')",
        Categories.Client,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "HttpClient resolves a relative request URI against BaseAddress; when none is set, the send throws InvalidOperationException before any handler runs. Set BaseAddress where the client is created or registered, or send an absolute URI.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.RelativeUriWithoutBaseAddress + ".md");

    // Method and response semantics (HttpSemantics)
    public static readonly DiagnosticDescriptor SafeMethodChangesState = new(
        DiagnosticIds.SafeMethodChangesState,
        title: "Safe method handler changes state",
        messageFormat: "{0} answers {1} but changes state ({2}); crawlers, link prefetchers and cross-site <img> tags send {1} requests freely, so use POST",
        Categories.Semantics,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "GET and HEAD are safe methods: clients, crawlers and caches send them without the user's intent, and any page can trigger them cross-site. A handler that writes to the database must use POST (or PUT/PATCH/DELETE).",
        helpLinkUri: HelpLinkBase + DiagnosticIds.SafeMethodChangesState + ".md");

    public static readonly DiagnosticDescriptor HeadersAfterResponseStarted = new(
        DiagnosticIds.HeadersAfterResponseStarted,
        title: "Response headers changed after the body has started",
        messageFormat: "{0} after '{1}', which can start the response: the headers are read-only by then and this throws InvalidOperationException",
        Categories.Semantics,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Once the response body has started, its status line and headers are sent; changing them throws 'Headers are read-only, response has already started'. Set them before the body starts, or in Response.OnStarting.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.HeadersAfterResponseStarted + ".md");

    public static readonly DiagnosticDescriptor CreationWithoutCreated = new(
        DiagnosticIds.CreationWithoutCreated,
        title: "Resource creation does not return 201 Created",
        messageFormat: "{0} creates '{1}' but answers 200 OK: return 201 Created with the new resource's Location",
        Categories.Semantics,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "A POST that creates a resource should answer 201 Created with a Location header naming it (RFC 9110 section 15.3.2), so clients can find the resource without guessing its URL.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.CreationWithoutCreated + ".md");
}
