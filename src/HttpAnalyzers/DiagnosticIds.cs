namespace HttpAnalyzers;

/// <summary>The stable IDs of every rule. Never renumber, never reuse.</summary>
public static class DiagnosticIds
{
    public const string CookieNotSecure = "HTTP0020";
    public const string CookieNotHttpOnly = "HTTP0021";
    public const string SameSiteNoneWithoutSecure = "HTTP0022";
    public const string CookiePrefixViolated = "HTTP0023";
}
