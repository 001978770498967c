namespace HttpAnalyzers;

/// <summary>Rule categories, usable in .editorconfig as <c>dotnet_analyzer_diagnostic.category-&lt;name&gt;.severity</c>.</summary>
public static class Categories
{
    public const string Retries = "HttpRetries";
    public const string Caching = "HttpCaching";
    public const string Cookies = "HttpCookies";
    public const string Cors = "HttpCors";
    public const string Client = "HttpClient";
    public const string Semantics = "HttpSemantics";
}
