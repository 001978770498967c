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
/// the construct and that the name is free). A construct in an expression body (of a lambda, or of a member's <c>=&gt;</c>) gets
/// the key in the block body the expression becomes.
/// </summary>
public sealed partial class RetryRequestCodeFixProvider
{
    private const string RegeneratedKeyKey = DiagnosticIds.IdempotencyKeyRegenerated + ".HoistKey";
    private const string RegeneratedKeyTitle = "Create the idempotency key once, before the retry";

    /// <summary>Where the HTTP0003 fix edits.</summary>
    /// <param name="Anchor">What the key is created before: a statement, or an expression body (<see cref="RetryConstruct.AnchorOf"/>).</param>
    /// <param name="Hoisted">The header value that moves into a new local, or null.</param>
    /// <param name="Moved">The declaration that moves, or null.</param>
    private sealed record RegeneratedKeySite(SyntaxNode Anchor, ExpressionSyntax? Hoisted, LocalDeclarationStatementSyntax? Moved);

    /// <summary>The edit's sites, from the fix data and the syntax at its locations; null when the diagnostic gets no fix.</summary>
    private static RegeneratedKeySite? FindRegeneratedKey(SyntaxNode root, Diagnostic diagnostic)
    {
        var anchor = RetryFixTarget.From(root, diagnostic)?.Anchor;
        if (anchor is null)
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

    /// <summary>Adds the HTTP0003 fix of <paramref name="diagnostic"/> to a document's edit: the key's declaration goes to <paramref name="keys"/>.</summary>
    private static void AddRegeneratedKey(SyntaxEditor editor, SemanticModel model, SyntaxNode root, Diagnostic diagnostic, BeforeConstructs keys)
    {
        var site = FindRegeneratedKey(root, diagnostic);
        if (site is null || !keys.Claim((SyntaxNode?)site.Hoisted ?? site.Moved!))
        {
            return;
        }

        if (site.Hoisted is { } hoisted)
        {
            var name = keys.Name(model, site.Anchor, "idempotencyKey");
            editor.ReplaceNode(hoisted, SyntaxFactory.IdentifierName(name).WithTriviaFrom(hoisted));
            keys.Add(site.Anchor, RetryFixes.DeclareVar(name, hoisted));
        }
        else if (site.Moved is { } moved)
        {
            editor.RemoveNode(moved, SyntaxRemoveOptions.KeepNoTrivia);
            foreach (var variable in moved.Declaration.Variables)
            {
                keys.Take(site.Anchor, variable.Identifier.ValueText);
            }

            keys.Add(site.Anchor, moved.WithoutLeadingTrivia().WithTrailingTrivia(LineEndings.Of(moved)).WithAdditionalAnnotations(Formatter.Annotation));
        }
    }
}
