using System;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace HttpAnalyzers.CodeFixes.Rules.Retries;

/// <summary>
/// Fixes the findings of <c>RetryRequestAnalyzer</c>: HTTP0001 (adds an idempotency key created once, before the retry),
/// HTTP0002 (creates the request message on every attempt) and HTTP0003 (hoists the key out of the retry). One file per
/// rule: <c>RetryRequestCodeFixProvider.&lt;Part&gt;.cs</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RetryRequestCodeFixProvider))]
[Shared]
public sealed partial class RetryRequestCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticIds.IdempotencyKeyMissing,
        DiagnosticIds.RequestMessageResent,
        DiagnosticIds.IdempotencyKeyRegenerated);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            switch (diagnostic.Id)
            {
                case DiagnosticIds.IdempotencyKeyMissing:
                    await RegisterIfPlannedAsync(context, diagnostic, PlanMissingKeyAsync, ApplyMissingKeyAsync, MissingKeyTitle, MissingKeyKey).ConfigureAwait(false);
                    break;
                case DiagnosticIds.RequestMessageResent:
                    await RegisterIfPlannedAsync(context, diagnostic, PlanResentRequestAsync, ApplyResentRequestAsync, ResentRequestTitle, ResentRequestKey).ConfigureAwait(false);
                    break;
                case DiagnosticIds.IdempotencyKeyRegenerated:
                    await RegisterIfPlannedAsync(context, diagnostic, PlanRegeneratedKeyAsync, ApplyRegeneratedKeyAsync, RegeneratedKeyTitle, RegeneratedKeyKey).ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <summary>Offers <paramref name="title"/> when <paramref name="plan"/> finds a safe edit; the edit is computed again when invoked.</summary>
    private static async Task RegisterIfPlannedAsync<TPlan>(
        CodeFixContext context,
        Diagnostic diagnostic,
        Func<Document, Diagnostic, CancellationToken, Task<TPlan?>> plan,
        Func<Document, Diagnostic, CancellationToken, Task<Document>> apply,
        string title,
        string equivalenceKey)
        where TPlan : class
    {
        if (await plan(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is null)
        {
            return;
        }

        var document = context.Document;
        context.RegisterCodeFix(CodeAction.Create(title, ct => apply(document, diagnostic, ct), equivalenceKey), diagnostic);
    }
}
