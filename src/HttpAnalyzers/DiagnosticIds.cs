namespace HttpAnalyzers;

/// <summary>The stable IDs of every rule. Never renumber, never reuse.</summary>
public static class DiagnosticIds
{
}
