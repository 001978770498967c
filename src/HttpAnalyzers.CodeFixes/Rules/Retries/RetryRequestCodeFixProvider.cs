using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace HttpAnalyzers.CodeFixes.Rules.Retries;

/// <summary>
/// Fixes the findings of <c>RetryRequestAnalyzer</c>: HTTP0001 (adds an idempotency key created once, before the retry),
/// HTTP0002 (creates the request message on every attempt) and HTTP0003 (hoists the key out of the retry). Each rule's fix
/// is offered from the fix data the analyzer passed (<c>RetryFixData</c>) and the syntax at its locations, and computed when
/// invoked. One file per rule: <c>RetryRequestCodeFixProvider.&lt;Part&gt;.cs</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RetryRequestCodeFixProvider))]
[Shared]
public sealed partial class RetryRequestCodeFixProvider : FixDataCodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticIds.IdempotencyKeyMissing,
        DiagnosticIds.RequestMessageResent,
        DiagnosticIds.IdempotencyKeyRegenerated);

    protected override IEnumerable<FixPlan> Plan(Diagnostic diagnostic, SyntaxNode root)
    {
        var planned = diagnostic.Id switch
        {
            DiagnosticIds.IdempotencyKeyMissing when FindMissingKey(root, diagnostic) is not null => new FixPlan(MissingKeyTitle, MissingKeyKey),
            DiagnosticIds.RequestMessageResent when FindResentRequest(root, diagnostic) is not null => new FixPlan(ResentRequestTitle, ResentRequestKey),
            DiagnosticIds.IdempotencyKeyRegenerated when FindRegeneratedKey(root, diagnostic) is not null => new FixPlan(RegeneratedKeyTitle, RegeneratedKeyKey),
            _ => (FixPlan?)null,
        };
        if (planned is { } plan)
        {
            yield return plan;
        }
    }

    protected override Task<SyntaxNode?> RewriteAsync(Document document, SyntaxNode root, Diagnostic diagnostic, FixPlan plan, CancellationToken cancellationToken)
        => diagnostic.Id switch
        {
            DiagnosticIds.IdempotencyKeyMissing => RewriteMissingKeyAsync(document, root, diagnostic, cancellationToken),
            DiagnosticIds.RequestMessageResent => RewriteResentRequestAsync(document, root, diagnostic, cancellationToken),
            DiagnosticIds.IdempotencyKeyRegenerated => RewriteRegeneratedKeyAsync(document, root, diagnostic, cancellationToken),
            _ => Task.FromResult<SyntaxNode?>(null),
        };
}
