namespace HttpAnalyzers;

/// <summary>The stable IDs of every rule. Never renumber, never reuse.</summary>
public static class DiagnosticIds
{
    public const string NoCacheInsteadOfNoStore = "HTTP0010";
    public const string PerUserResponseSharedCacheable = "HTTP0011";
    public const string UnquotedETag = "HTTP0012";
    public const string IfNoneMatchStringComparison = "HTTP0013";
    public const string HttpDateLocalFormat = "HTTP0014";
}
