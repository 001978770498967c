using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.CodeFixes.Infrastructure;
using HttpAnalyzers.Rules.Retries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace HttpAnalyzers.CodeFixes.Rules.Retries;

/// <summary>
/// HTTP0002: moves the creation of the request (and the statements that configure it) into the loop body or callback; the
/// analyzer passed the statements to move (<see cref="RetryFixData.MoveRequest"/>).
/// </summary>
public sealed partial class RetryRequestCodeFixProvider
{
    private const string ResentRequestKey = DiagnosticIds.RequestMessageResent + ".CreatePerAttempt";
    private const string ResentRequestTitle = "Create the request message on every attempt";

    /// <summary>Where the HTTP0002 fix edits.</summary>
    /// <param name="Moved">The request's declaration, then the statements that configure it.</param>
    /// <param name="Body">The loop's block body, or the lambda.</param>
    private sealed record ResentRequestSite(List<StatementSyntax> Moved, SyntaxNode Body);

    /// <summary>The edit's sites, from the fix data and the syntax at its locations; null when the diagnostic gets no fix.</summary>
    private static ResentRequestSite? FindResentRequest(SyntaxNode root, Diagnostic diagnostic)
    {
        var construct = RetryFixTarget.From(root, diagnostic);
        if (construct is null ||
            !int.TryParse(Data(diagnostic, RetryFixData.MoveRequest), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ||
            count < 1 || diagnostic.AdditionalLocations.Count != RetryFixData.MovedIndex + count)
        {
            return null;
        }

        SyntaxNode body;
        if (construct.Body is BlockSyntax block && construct.IsLoop)
        {
            body = block;
        }
        else if (construct.Body is AnonymousFunctionExpressionSyntax lambda)
        {
            body = lambda;
        }
        else
        {
            return null;
        }

        var moved = new List<StatementSyntax>(count);
        for (var i = 0; i < count; i++)
        {
            if (Target<StatementSyntax>(root, diagnostic, RetryFixData.MovedIndex + i) is not { } statement)
            {
                return null;
            }

            moved.Add(statement);
        }

        return new ResentRequestSite(moved, body);
    }

    private static async Task<SyntaxNode?> RewriteResentRequestAsync(Document document, SyntaxNode root, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var site = FindResentRequest(root, diagnostic);
        if (site is null)
        {
            return null;
        }

        var editor = new SyntaxEditor(root, document.Project.Solution.Services);
        var moved = site.Moved.Select(s => s.WithoutLeadingTrivia().WithTrailingTrivia(LineEndings.Of(s)).WithAdditionalAnnotations(Formatter.Annotation)).ToList();
        foreach (var statement in site.Moved)
        {
            editor.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia);
        }

        if (site.Body is BlockSyntax block)
        {
            editor.InsertBefore(block.Statements[0], moved);
        }
        else if (site.Body is AnonymousFunctionExpressionSyntax lambda)
        {
            if (lambda.Block is { } lambdaBlock)
            {
                editor.InsertBefore(lambdaBlock.Statements[0], moved);
            }
            else if (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is { } model &&
                RetryFixes.WithBlockBody(lambda, moved, RetryFixes.ReturnsValue(model, lambda, cancellationToken)) is { } newLambda)
            {
                editor.ReplaceNode(lambda, newLambda);
            }
        }

        return editor.GetChangedRoot();
    }
}
