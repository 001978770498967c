using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpAnalyzers.Infrastructure;

/// <summary>
/// Registers an analyzer's operation actions only for the types declared in files that can hold its findings.
/// <para>
/// An operation action registered at compilation start is called for every invocation (or assignment, or creation) in
/// the compilation, and the driver's own cost of a call (about 40 ns, timed as the analyzer's) is paid even by a
/// callback that returns at once: on a project whose files mostly hold no HTTP code that floor is most of what an
/// analyzer costs. Registered from a symbol-start action of each type, the actions exist only in the types whose
/// declaring files pass the analyzer's text filter (<see cref="TreeMentions"/> or <see cref="FileWords"/>), and every
/// other type's operations cost the analyzer nothing. The filter must hold, as text, something every finding's
/// operation writes: the name of the method called, of the property assigned, of the type created.
/// </para>
/// <para>
/// A symbol-start action runs in the open document (as an operation-block action does), and each type's actions apply
/// to its own members only (a nested type has its own start). Top-level statements belong to their synthesized
/// <c>Program</c> type. A diagnostic such an action reports anywhere in the type's declaration counts as local (the
/// open document shows it), not only one inside the operation the action was called for.
/// </para>
/// </summary>
internal static class TypeScopedActions
{
    /// <summary>
    /// Calls <paramref name="register"/> at the start of every named type that <paramref name="mayHoldFinding"/> admits,
    /// to register the analyzer's operation actions for that type's members.
    /// </summary>
    public static void RegisterForTypes(this CompilationStartAnalysisContext start, Func<ISymbol, bool> mayHoldFinding, Action<SymbolStartAnalysisContext> register)
        => start.RegisterSymbolStartAction(
            typeStart =>
            {
                if (mayHoldFinding(typeStart.Symbol))
                {
                    register(typeStart);
                }
            },
            SymbolKind.NamedType);
}
