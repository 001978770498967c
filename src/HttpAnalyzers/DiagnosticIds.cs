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
}
