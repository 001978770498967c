using System.Collections.Immutable;

namespace HttpAnalyzers.Rules.Caching;

/// <summary>
/// What the Caching family's code fixes do, passed in <c>Diagnostic.Properties</c>; the nodes to edit are the
/// diagnostic's additional locations. A finding without fix data gets no fix.
/// </summary>
internal static class CachingFixData
{
    /// <summary>The edit to offer (HTTP0010, HTTP0011, HTTP0012).</summary>
    public const string Fix = "Fix";

    // ---- HTTP0010 / HTTP0011 (CacheControlAnalyzer) ----

    /// <summary>
    /// Rewrite the directive in the string value (the reported expression): <c>no-cache</c> → <c>no-store</c>, or
    /// <c>public</c> → <c>private</c> with <c>s-maxage</c> dropped. Additional locations: the
    /// <c>CacheControlHeaderValue.NoCacheString</c> / <c>PublicString</c> references in the value, to rename.
    /// </summary>
    public const string StringDirective = "String";

    /// <summary>
    /// <c>NoCache = true</c> → <c>NoStore = true</c>, <c>Public = true</c> → <c>Private = true</c> (the reported
    /// assignment); only when the initializer does not set <c>NoStore</c> / <c>Private</c> itself.
    /// </summary>
    public const string TypedProperty = "Typed";

    /// <summary><c>[ResponseCache(…, NoStore = true)]</c> / <c>Location = ResponseCacheLocation.Client</c>; additional location 0: the attribute.</summary>
    public const string Attribute = "Attribute";

    // ---- HTTP0012 (ETagAnalyzer) ----

    /// <summary>Wrap the value (additional location 0) in quotes.</summary>
    public const string Quote = "Quote";

    // ---- HTTP0013 (ConditionalRequestAnalyzer): additional locations: the request (owner of the headers), then the compared tag ----

    /// <summary>The typed-header property to use in the fix (<c>IfNoneMatch</c> / <c>IfMatch</c>).</summary>
    public const string Header = "Header";

    /// <summary>"true" when the comparison is negated (<c>!=</c>).</summary>
    public const string Negated = "Negated";

    /// <summary><see cref="TagTyped"/> when the compared tag is an <c>EntityTagHeaderValue</c>, <see cref="TagString"/> when a string.</summary>
    public const string TagKind = "TagKind";

    public const string TagTyped = "Typed";
    public const string TagString = "String";

    // ---- HTTP0014 (HttpDateAnalyzer) ----

    /// <summary>"true" when the formatted value is already UTC (the fix only changes the format).</summary>
    public const string Utc = "Utc";

    /// <summary>
    /// The <c>ResponseHeaders</c> property (<c>LastModified</c>, <c>Expires</c>, <c>Date</c>) when the whole statement can
    /// become <c>response.GetTypedHeaders().X = value</c>; additional locations are then the statement's write, the
    /// response and the date value.
    /// </summary>
    public const string TypedHeader = "TypedProperty";

    public const string True = "true";
    public const string False = "false";

    public static ImmutableDictionary<string, string?> Properties(string fix) => ImmutableDictionary<string, string?>.Empty.Add(Fix, fix);
}
