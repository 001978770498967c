using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.CodeFixes.Infrastructure;
using HttpAnalyzers.Rules.Retries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace HttpAnalyzers.CodeFixes.Rules.Retries;

/// <summary>
/// HTTP0003: hoists the key's value into a local declared before the retry construct, or moves the declaration of the local
/// that holds it there (<see cref="RetryFixData.KeyHoist"/> says which; the analyzer checked that the value uses no local of
/// the construct and that the name is free).
/// </summary>
public sealed partial class RetryRequestCodeFixProvider
{
    private const string RegeneratedKeyKey = DiagnosticIds.IdempotencyKeyRegenerated + ".HoistKey";
    private const string RegeneratedKeyTitle = "Create the idempotency key once, before the retry";

    /// <summary>Where the HTTP0003 fix edits.</summary>
    /// <param name="Anchor">The statement the key is created before.</param>
    /// <param name="Hoisted">The header value that moves into a new local, or null.</param>
    /// <param name="Moved">The declaration that moves, or null.</param>
    private sealed record RegeneratedKeySite(StatementSyntax Anchor, ExpressionSyntax? Hoisted, LocalDeclarationStatementSyntax? Moved);

    /// <summary>The edit's sites, from the fix data and the syntax at its locations; null when the diagnostic gets no fix.</summary>
    private static RegeneratedKeySite? FindRegeneratedKey(SyntaxNode root, Diagnostic diagnostic)
    {
        var anchor = RetryFixTarget.From(root, diagnostic)?.AnchorStatement;
        if (anchor is null || !RetryFixes.CanInsertBefore(anchor))
        {
            return null;
        }

        return Data(diagnostic, RetryFixData.KeyHoist) switch
        {
            RetryFixData.HoistValue when Target<ExpressionSyntax>(root, diagnostic, RetryFixData.KeyIndex) is { } value => new RegeneratedKeySite(anchor, value, null),
            RetryFixData.MoveDeclaration when Target<LocalDeclarationStatementSyntax>(root, diagnostic, RetryFixData.KeyIndex) is { } declaration => new RegeneratedKeySite(anchor, null, declaration),
            _ => null,
        };
    }

    private static async Task<SyntaxNode?> RewriteRegeneratedKeyAsync(Document document, SyntaxNode root, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var site = FindRegeneratedKey(root, diagnostic);
        if (site is null)
        {
            return null;
        }

        var insertBefore = RetryFixes.InsertionTarget(site.Anchor);
        var editor = new SyntaxEditor(root, document.Project.Solution.Services);
        if (site.Hoisted is { } hoisted)
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model is null)
            {
                return null;
            }

            var name = RetryFixes.UniqueName(model, site.Anchor.SpanStart, "idempotencyKey");
            editor.InsertBefore(insertBefore, RetryFixes.ForTarget(insertBefore, RetryFixes.DeclareVar(name, hoisted)));
            editor.ReplaceNode(hoisted, SyntaxFactory.IdentifierName(name).WithTriviaFrom(hoisted));
        }
        else if (site.Moved is { } moved)
        {
            editor.RemoveNode(moved, SyntaxRemoveOptions.KeepNoTrivia);
            var declaration = moved.WithoutLeadingTrivia().WithTrailingTrivia(LineEndings.Of(moved)).WithAdditionalAnnotations(Formatter.Annotation);
            editor.InsertBefore(insertBefore, RetryFixes.ForTarget(insertBefore, declaration));
        }

        return editor.GetChangedRoot();
    }
}
