using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpAnalyzers.Infrastructure;

/// <summary>
/// Makes a diagnostic that an operation action reports anywhere in the operation block it runs in count as local, so
/// that the open document shows it.
/// <para>
/// Roslyn counts a diagnostic reported by an operation action as local only when it lies inside the operation the action
/// was called for — unless the analyzer has an operation-block-start (or symbol-start) action for that block, in which
/// case the whole block counts. A rule that judges a <c>new CookieOptions</c> at a later assignment, or a URI held in a
/// local at the send that uses it, needs the latter. Registering its operation actions inside a block-start action would
/// do it too, but then the driver builds, per body, a table of the nested actions and walks the body a second time for
/// them; one empty block-start action next to ordinary operation actions gives the same locality for a callback per body.
/// The open-document tests of each rule that relies on this fail without it.
/// </para>
/// </summary>
internal static class BlockLocalDiagnostics
{
    private static readonly Action<OperationBlockStartAnalysisContext> None = static _ => { };

    /// <summary>Registers the empty block-start action that makes every operation block local for this analyzer.</summary>
    public static void ReportAnywhereInBlock(this CompilationStartAnalysisContext context)
    {
        // RS1012 asks a start action to register something: this one exists for its effect on the driver (above).
#pragma warning disable RS1012
        context.RegisterOperationBlockStartAction(None);
#pragma warning restore RS1012
    }
}
