namespace HttpAnalyzers.Tests.Verifiers;

/// <summary>A diagnostic expected at a <c>{|#n:…|}</c> location, optionally with its exact message.</summary>
public sealed record ExpectedDiagnostic(string Id, int? LocationIndex = null, string? Message = null)
{
    public ExpectedDiagnostic WithLocation(int index) => this with { LocationIndex = index };

    public ExpectedDiagnostic WithMessage(string message) => this with { Message = message };
}
