namespace HttpAnalyzers.Rules.Semantics;

/// <summary>
/// What the HTTP0052 fix does, passed in <c>Diagnostic.Properties</c>. For <see cref="Equal"/>/<see cref="NotEqual"/>
/// the diagnostic's location is the comparison and its first additional location the method expression; for
/// <see cref="Pattern"/> the additional locations are the whole <c>is</c> expression and the method expression; for
/// <see cref="Switch"/> the location is the governing expression. No shape: no fix.
/// </summary>
internal static class MethodComparisonFix
{
    public const string ShapeKey = "Shape";
    public const string MethodKey = "Method";

    /// <summary><c>x == "GET"</c>, <c>x.Equals("GET")</c> → <c>HttpMethods.IsGet(x)</c>.</summary>
    public const string Equal = "Equal";

    /// <summary><c>x != "GET"</c> → <c>!HttpMethods.IsGet(x)</c>.</summary>
    public const string NotEqual = "NotEqual";

    /// <summary><c>x is "POST" or "PUT"</c> → <c>HttpMethods.IsPost(x) || HttpMethods.IsPut(x)</c>.</summary>
    public const string Pattern = "Pattern";

    /// <summary><c>switch (x)</c> → <c>switch (HttpMethods.GetCanonicalizedValue(x))</c>, known method names upper-cased.</summary>
    public const string Switch = "Switch";

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
}
