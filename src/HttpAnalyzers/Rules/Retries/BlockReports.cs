using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpAnalyzers.Rules.Retries;

/// <summary>
/// Findings an operation action makes outside the operation it analyses — the retry loop's condition found from the send, a
/// key generated in an earlier local's initializer, the outer <c>Execute*</c> call of a Polly callback — but inside the same
/// operation block. Roslyn counts such a diagnostic as non-local and an IDE doesn't show it while typing, so it is held here
/// and reported by an operation-block action, whose block contains it; findings inside the analysed operation are reported at
/// once. The catalogue's report locations don't change. The block action costs one read of a counter when nothing is held.
/// </summary>
internal sealed class BlockReports
{
    private readonly ConcurrentDictionary<ISymbol, List<Diagnostic>> _held = new(SymbolEqualityComparer.Default);
    private int _count;

    private BlockReports()
    {
    }

    /// <summary>Creates the holder and registers the operation-block action that reports what it holds.</summary>
    public static BlockReports Register(CompilationStartAnalysisContext start)
    {
        var reports = new BlockReports();
        start.RegisterOperationBlockAction(reports.ReportHeld);
        return reports;
    }

    /// <summary>Reports <paramref name="diagnostic"/> now when it lies inside the analysed operation (or outside its block), otherwise from the block action.</summary>
    public void Report(OperationAnalysisContext context, Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        var syntax = context.Operation.Syntax;
        if (!location.IsInSource || location.SourceTree != syntax.SyntaxTree || syntax.Span.Contains(location.SourceSpan))
        {
            context.ReportDiagnostic(diagnostic);
            return;
        }

        if (!context.Operation.GetRoot().Syntax.Span.Contains(location.SourceSpan))
        {
            context.ReportDiagnostic(diagnostic);
            return;
        }

        // Held under the symbol that owns the operation block; its block action reports it.
        var held = _held.GetOrAdd(context.ContainingSymbol, static _ => new List<Diagnostic>());
        lock (held)
        {
            held.Add(diagnostic);
        }

        Interlocked.Increment(ref _count);
    }

    private void ReportHeld(OperationBlockAnalysisContext context)
    {
        if (Volatile.Read(ref _count) == 0)
        {
            return;
        }

        if (!_held.TryRemove(context.OwningSymbol, out var held))
        {
            return;
        }

        lock (held)
        {
            Interlocked.Add(ref _count, -held.Count);
            foreach (var diagnostic in held)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }
}
