using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpAnalyzers.Benchmarks;

// Never loaded by a compiler: the benchmark hands it to CompilationWithAnalyzers directly.
#pragma warning disable RS1001, RS1036, RS2008

/// <summary>The driver's floor: an analyzer whose only action is an empty operation action, so that the driver binds
/// every body and builds its operations as it does for the real analyzers.</summary>
internal sealed class NullAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("BENCH0000", "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly NullAnalyzer Instance = new();

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Never];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(static _ => { }, OperationKind.Invocation);
    }
}
#pragma warning restore RS1001, RS1036, RS2008
