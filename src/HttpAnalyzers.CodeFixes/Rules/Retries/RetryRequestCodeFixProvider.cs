using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

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

    // Keys declared before the same construct, or in the same expression body turned into a block, take distinct names and
    // one block: a document's HTTP0001 or HTTP0003 fixes are applied in one edit. HTTP0002's go through the batch fixer.
    public override FixAllProvider GetFixAllProvider() => KeysFixAll.Instance;

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

    protected override async Task<SyntaxNode?> RewriteAsync(Document document, SyntaxNode root, Diagnostic diagnostic, FixPlan plan, CancellationToken cancellationToken)
    {
        if (diagnostic.Id == DiagnosticIds.RequestMessageResent)
        {
            return await RewriteResentRequestAsync(document, root, diagnostic, cancellationToken).ConfigureAwait(false);
        }

        var fixedDocument = await ApplyKeysAsync(document, [diagnostic], cancellationToken).ConfigureAwait(false);
        return await fixedDocument.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The HTTP0001 or HTTP0003 fixes of <paramref name="diagnostics"/> (of one document) in one edit, in source order, composed as
    /// if applied one after the other (<see cref="BeforeConstructs"/>).
    /// </summary>
    private static async Task<Document> ApplyKeysAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var keys = new BeforeConstructs();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (diagnostic.Id == DiagnosticIds.IdempotencyKeyMissing)
            {
                AddMissingKey(editor, editor.SemanticModel, editor.OriginalRoot, diagnostic, keys, cancellationToken);
            }
            else if (diagnostic.Id == DiagnosticIds.IdempotencyKeyRegenerated)
            {
                AddRegeneratedKey(editor, editor.SemanticModel, editor.OriginalRoot, diagnostic, keys);
            }
        }

        keys.Apply(editor, editor.SemanticModel, cancellationToken);
        return editor.GetChangedDocument();
    }

    /// <summary>Fix All: HTTP0001's and HTTP0003's through <see cref="ApplyKeysAsync"/> a document at a time, HTTP0002's through the batch fixer.</summary>
    private sealed class KeysFixAll : FixAllProvider
    {
        public static readonly KeysFixAll Instance = new();

        // The diagnostics of the action's rule only: a Fix All context may hold all the ids the provider fixes.
        private static readonly FixAllProvider Keys = Create(
            static async (context, document, diagnostics) =>
            {
                var id = context.CodeActionEquivalenceKey == MissingKeyKey ? DiagnosticIds.IdempotencyKeyMissing : DiagnosticIds.IdempotencyKeyRegenerated;
                return await ApplyKeysAsync(document, diagnostics.Where(d => d.Id == id), context.CancellationToken).ConfigureAwait(false);
            });

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => Keys.GetSupportedFixAllScopes();

        public override Task<CodeAction?> GetFixAsync(FixAllContext context)
            => context.CodeActionEquivalenceKey == ResentRequestKey
                ? WellKnownFixAllProviders.BatchFixer.GetFixAsync(context)
                : Keys.GetFixAsync(context);
    }
}
