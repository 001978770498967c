namespace HttpAnalyzers.Rules.Retries;

/// <summary>
/// What the HTTP0007 code fix does, passed in <c>Diagnostic.Properties</c>. Additional locations: the generic failure test to
/// narrow, the response it reads, and (Polly v7) the <c>Policy.HandleResult</c> call to replace.
/// </summary>
internal static class RetryConditionFixData
{
    /// <summary>Replace the generic failure test with a test for 408, 429 and 5xx on the same response.</summary>
    public const string NarrowProperty = "Narrow";

    /// <summary>Replace <c>Policy.HandleResult&lt;HttpResponseMessage&gt;(r =&gt; …)</c> with <c>HttpPolicyExtensions.HandleTransientHttpError().OrResult(…429…)</c>.</summary>
    public const string PollyV7Property = "PollyV7";
}
