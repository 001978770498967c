namespace HttpAnalyzers.CodeFixes;

/// <summary>Marks the code-fix assembly (used by tests and tools to find the providers).</summary>
public static class CodeFixesAssembly
{
}
