namespace HttpAnalyzers;

/// <summary>The stable IDs of every rule. Never renumber, never reuse.</summary>
public static class DiagnosticIds
{
    // CORS and preflight
    public const string CorsAnyOriginWithCredentials = "HTTP0030";
    public const string CorsOriginNeverMatches = "HTTP0031";
    public const string CorsMiddlewareMisplaced = "HTTP0032";
    public const string CorsPolicyNotDefined = "HTTP0033";
    public const string CorsHeadersWithoutPreflight = "HTTP0034";
    public const string CorsOriginEchoWithoutVary = "HTTP0035";
}
