using System.Collections.Immutable;

namespace HttpAnalyzers.Rules.Semantics;

/// <summary>
/// What the Semantics family's code fixes do, passed in <c>Diagnostic.Properties</c>; the nodes to edit are the
/// diagnostic's additional locations. A finding without fix data gets no fix.
/// </summary>
internal static class SemanticsFixData
{
    /// <summary>Which rewrite applies (HTTP0050, HTTP0052, HTTP0053).</summary>
    public const string Shape = "Shape";

    // ---- HTTP0050 (SafeMethodStateChangeAnalyzer): the reported node is the one to change ----

    /// <summary><c>[HttpGet]</c>/<c>[HttpHead]</c> → <c>[HttpPost]</c>; additional location 0: the attribute.</summary>
    public const string Attribute = "Attribute";

    /// <summary><c>MapGet</c> → <c>MapPost</c>; additional location 0: the <c>MapGet</c> name.</summary>
    public const string Map = "Map";

    /// <summary><c>OnGet…</c> → <see cref="NewName"/> (no member of that name exists); additional location 0: the handler's declaration.</summary>
    public const string Page = "Page";

    /// <summary>HTTP0050: the page handler's POST name (<c>OnPost…</c>).</summary>
    public const string NewName = "NewName";

    // ---- HTTP0051 (ResponseStartedAnalyzer): additional locations: the statement that starts the body, then the response expression of the write ----

    /// <summary>The write can move before the statement that starts the body.</summary>
    public const string Move = "Move";

    /// <summary>The write can be registered with <c>Response.OnStarting</c> before the statement that starts the body.</summary>
    public const string OnStarting = "OnStarting";

    // ---- HTTP0052 (MethodComparisonAnalyzer) ----
    // For Equal/NotEqual the diagnostic's location is the comparison and its first additional location the method
    // expression; for Pattern the additional locations are the whole 'is' expression and the method expression; for
    // Switch the location is the governing expression.

    public const string Method = "Method";

    /// <summary><c>x == "GET"</c>, <c>x.Equals("GET")</c> → <c>HttpMethods.IsGet(x)</c>.</summary>
    public const string Equal = "Equal";

    /// <summary><c>x != "GET"</c> → <c>!HttpMethods.IsGet(x)</c>.</summary>
    public const string NotEqual = "NotEqual";

    /// <summary><c>x is "POST" or "PUT"</c> → <c>HttpMethods.IsPost(x) || HttpMethods.IsPut(x)</c>.</summary>
    public const string Pattern = "Pattern";

    /// <summary>
    /// <c>x is { Method: "POST" or "PUT" }</c> → <c>HttpMethods.IsPost(x.Method) || HttpMethods.IsPut(x.Method)</c> (also an extended
    /// <c>{ Request.Method: … }</c>); the additional locations are those of <see cref="Pattern"/>, with <c>x</c> as the second.
    /// </summary>
    public const string PropertyPattern = "PropertyPattern";

    /// <summary><c>switch (x)</c> → <c>switch (HttpMethods.GetCanonicalizedValue(x))</c>, known method names upper-cased.</summary>
    public const string Switch = "Switch";

    // ---- HTTP0053 (CreatedResponseAnalyzer): additional location 0 is the Ok(…) invocation ----

    /// <summary><c>CreatedAtAction(nameof(Action), new { RouteValue = Entity.Key }, value)</c>.</summary>
    public const string CreatedAtAction = "CreatedAtAction";

    /// <summary><c>Results.Created($"{Prefix}{Entity.Key}{Suffix}", value)</c> (or <c>TypedResults.Created</c>, as the original).</summary>
    public const string Created = "Created";

    public const string Entity = "Entity";
    public const string Key = "Key";
    public const string Action = "Action";
    public const string RouteValue = "RouteValue";
    public const string Prefix = "Prefix";
    public const string Suffix = "Suffix";

    // ---- HTTP0055 (UnauthorizedResponseAnalyzer) ----

    /// <summary>
    /// The node at additional location 0 (the 401 value, the <c>Unauthorized</c> name, the <c>UnauthorizedResult</c> type
    /// or the whole call) is replaced by this text (<c>403</c>, <c>StatusCodes.Status403Forbidden</c>, <c>Forbid</c>,
    /// <c>ForbidResult</c>, <c>StatusCode(StatusCodes.Status403Forbidden, value)</c>).
    /// </summary>
    public const string Replacement = "Replacement";

    public static ImmutableDictionary<string, string?> ShapeProperties(string shape) => ImmutableDictionary<string, string?>.Empty.Add(Shape, shape);

    /// <summary>The <c>HttpMethods</c> helper for a method name: <c>IsGet</c>, …, or null for a name without one (compared with <c>HttpMethods.Equals</c>).</summary>
    public static string? IsHelper(string method)
    {
        switch (method.ToUpperInvariant())
        {
            case "GET":
                return "IsGet";
            case "POST":
                return "IsPost";
            case "PUT":
                return "IsPut";
            case "DELETE":
                return "IsDelete";
            case "PATCH":
                return "IsPatch";
            case "HEAD":
                return "IsHead";
            case "OPTIONS":
                return "IsOptions";
            case "TRACE":
                return "IsTrace";
            case "CONNECT":
                return "IsConnect";
            case "QUERY":
                return "IsQuery";
            default:
                return null;
        }
    }

    /// <summary>The helper as the message names it.</summary>
    public static string HelperFor(string method) => "HttpMethods." + (IsHelper(method) ?? "Equals");

    /// <summary><c>OnGet</c> → <c>OnPost</c>, <c>OnGetAsync</c> → <c>OnPostAsync</c>, <c>OnHeadExport</c> → <c>OnPostExport</c>.</summary>
    public static string? PostHandlerName(string name)
        => SafeMethodStateChangeAnalyzer.PageHandlerVerb(name) switch
        {
            "GET" => "OnPost" + name.Substring("OnGet".Length),
            "HEAD" => "OnPost" + name.Substring("OnHead".Length),
            _ => null,
        };
}
