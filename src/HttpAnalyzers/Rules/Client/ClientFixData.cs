using System.Collections.Immutable;

namespace HttpAnalyzers.Rules.Client;

/// <summary>
/// What the Client family's code fixes do, passed in <c>Diagnostic.Properties</c>: <see cref="Fix"/> names the edit
/// (absent when no safe fix exists) and the nodes to edit are the diagnostic's additional locations.
/// </summary>
internal static class ClientFixData
{
    /// <summary>The edit to offer (HTTP0040, HTTP0041, HTTP0043, HTTP0044, HTTP0046, HTTP0047).</summary>
    public const string Fix = "Fix";

    // ---- HTTP0043 / HTTP0047 (ClientLifetimeAnalyzer) ----

    /// <summary>HTTP0043: hoist the local or instance field to a static readonly field. Additional locations: the local declaration statement then the local's uses, or the field declaration.</summary>
    public const string Hoist = "Hoist";

    /// <summary>HTTP0047: pass <c>new SocketsHttpHandler { PooledConnectionLifetime = … }</c> to a client created without a handler. Additional location 0: the client creation.</summary>
    public const string AddHandler = "AddHandler";

    /// <summary>HTTP0047: replace an empty <c>new HttpClientHandler()</c> argument with the SocketsHttpHandler. Additional location 0: the handler creation.</summary>
    public const string ReplaceHandler = "ReplaceHandler";

    /// <summary>HTTP0047: set <c>PooledConnectionLifetime</c> in the SocketsHttpHandler's initializer. Additional location 0: the handler creation.</summary>
    public const string SetLifetime = "SetLifetime";

    // ---- HTTP0044 (RequestUriAnalyzer): additional location 0 is the string to edit ----

    public const string AddTrailingSlash = "AddTrailingSlash";

    public const string DropLeadingSlash = "DropLeadingSlash";

    // ---- HTTP0041 / HTTP0042 (RequestHeadersAnalyzer) ----

    /// <summary>HTTP0041: <c>request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value)</c>.</summary>
    public const string SetContentType = "ContentType";

    /// <summary>HTTP0041: the same call on <c>request.Content.Headers</c>.</summary>
    public const string MoveToContent = "ContentHeaders";

    /// <summary>
    /// HTTP0042: the HTTP method (<c>Get</c>) of the send to rewrite as <c>SendAsync(request)</c>. Additional locations:
    /// the send, its request URI argument, then (each only when present, named by <see cref="SendArguments"/>) its content,
    /// completion option and cancellation token arguments.
    /// </summary>
    public const string SendMethod = "SendMethod";

    /// <summary>HTTP0042: which optional send arguments follow the URI in the additional locations: <c>C</c> content, <c>O</c> option, <c>T</c> token, in that order.</summary>
    public const string SendArguments = "SendArguments";

    /// <summary>HTTP0042: "true" when the send is awaited where it is made, so the request message can be a <c>using</c> declaration.</summary>
    public const string SendAwaited = "SendAwaited";

    // ---- HTTP0040 / HTTP0046 / HTTP0048 (ResponseLifetimeAnalyzer) ----

    /// <summary>HTTP0040: pass ResponseHeadersRead; the response (or its stream) is already disposed or owned elsewhere.</summary>
    public const string AddOption = "Option";

    /// <summary>HTTP0040: pass ResponseHeadersRead and make the response's declaration (additional location 0) a <c>using</c> declaration.</summary>
    public const string AddOptionAndUsing = "OptionAndUsing";

    /// <summary>HTTP0040: "true" when the last additional location is an explicit completion-option argument to replace. (HTTP0040's additional locations: the send, the declaration for <see cref="AddOptionAndUsing"/>, then that argument.)</summary>
    public const string ExistingOption = "ExistingOption";

    /// <summary>HTTP0046: make the response's declaration (additional location 0) a <c>using</c> declaration.</summary>
    public const string MakeUsing = "Using";

    /// <summary>HTTP0048: the name of the local that holds the response, for <c>response.EnsureSuccessStatusCode();</c>.</summary>
    public const string Response = "Response";

    public const string True = "true";

    public static ImmutableDictionary<string, string?> Properties(string fix) => ImmutableDictionary<string, string?>.Empty.Add(Fix, fix);
}
