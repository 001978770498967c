using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
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
                    await RegisterMissingKeyAsync(context, diagnostic).ConfigureAwait(false);
                    break;
                case DiagnosticIds.RequestMessageResent:
                    await RegisterResentRequestAsync(context, diagnostic).ConfigureAwait(false);
                    break;
                case DiagnosticIds.IdempotencyKeyRegenerated:
                    await RegisterRegeneratedKeyAsync(context, diagnostic).ConfigureAwait(false);
                    break;
            }
        }
    }
}
