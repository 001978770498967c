using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.CodeFixes.Infrastructure;
using HttpAnalyzers.Rules.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpAnalyzers.CodeFixes.Rules.Cors;

/// <summary>
/// HTTP0032: move the misplaced <c>UseCors</c> statement next to the pipeline call the analyzer names (right after
/// <c>UseRouting</c> or right before the first of <c>UseAuthentication</c>/<c>UseAuthorization</c>/…), insert the
/// statements the analyzer chose (<c>app.UseCors();</c>, <c>app.UseCors("Frontend");</c>, the authentication/authorization
/// middleware <c>WebApplication</c> would otherwise add implicitly) next to that anchor, which may be in another document.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CorsMiddlewareCodeFixProvider))]
[Shared]
public sealed class CorsMiddlewareCodeFixProvider : FixDataCodeFixProvider
{
    private const string MoveKey = DiagnosticIds.CorsMiddlewareMisplaced + ".Move";
    private const string InsertKey = DiagnosticIds.CorsMiddlewareMisplaced + ".Insert";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.CorsMiddlewareMisplaced);

    protected override IEnumerable<FixPlan> Plan(Diagnostic diagnostic, SyntaxNode root)
    {
        var kind = Data(diagnostic, CorsFixData.Kind);
        var position = Data(diagnostic, CorsFixData.Position);
        if (diagnostic.AdditionalLocations.Count == 0 || position is not (CorsFixData.Before or CorsFixData.After))
        {
            yield break;
        }

        var before = position == CorsFixData.Before;
        if (kind == CorsFixData.Move && diagnostic.AdditionalLocations[0].SourceTree == root.SyntaxTree &&
            AnchorStatement(root, diagnostic.AdditionalLocations[0], before) is { } anchor &&
            MovedStatement(root, diagnostic) is { } moved && moved != anchor && moved.Parent == anchor.Parent)
        {
            var expression = anchor is GlobalStatementSyntax { Statement: ExpressionStatementSyntax global } ? global.Expression : (anchor as ExpressionStatementSyntax)?.Expression;
            var call = expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } ? access.Name.Identifier.ValueText : "the pipeline call";
            yield return new FixPlan(before ? $"Move UseCors before {call}" : $"Move UseCors after {call}", MoveKey, kind);
        }
        else if (kind == CorsFixData.Insert && Data(diagnostic, CorsFixData.Statements) is { Length: > 0 } statements)
        {
            yield return new FixPlan("Insert '" + statements.Replace('\n', ' ') + "'", InsertKey, kind);
        }
    }

    protected override async Task<Solution> ApplyAsync(Document document, Diagnostic diagnostic, FixPlan plan, CancellationToken cancellationToken)
    {
        var solution = document.Project.Solution;
        var location = diagnostic.AdditionalLocations[0];
        var before = Data(diagnostic, CorsFixData.Position) == CorsFixData.Before;
        if (solution.GetDocument(location.SourceTree) is not { } anchorDocument ||
            await anchorDocument.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root ||
            AnchorStatement(root, location, before) is not { } anchor)
        {
            return solution;
        }

        if (plan.Action == CorsFixData.Move)
        {
            return anchorDocument.Id == document.Id && MovedStatement(root, diagnostic) is { } moved && moved != anchor && moved.Parent == anchor.Parent
                ? solution.WithDocumentSyntaxRoot(document.Id, Move(root, moved, anchor, before))
                : solution;
        }

        return Data(diagnostic, CorsFixData.Statements) is { Length: > 0 } statements
            ? solution.WithDocumentSyntaxRoot(anchorDocument.Id, Insert(root, anchor, statements.Split('\n'), before))
            : solution;
    }

    /// <summary>The statement holding the reported <c>UseCors</c> call as its whole expression.</summary>
    private static SyntaxNode? MovedStatement(SyntaxNode root, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        return root.FullSpan.Contains(span) &&
               root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is { Parent: ExpressionStatementSyntax statement }
            ? InBlock(statement)
            : null;
    }

    /// <summary>
    /// The statement to insert next to: the one whose expression is the anchor call. A call in a chain
    /// (<c>app.MapGet(…).RequireCors(…)</c>) anchors its statement only for an insertion before it, and only as the
    /// chain's first call (made on the app itself): anything else would land between chained calls.
    /// </summary>
    private static SyntaxNode? AnchorStatement(SyntaxNode root, Location location, bool before)
    {
        if (!root.FullSpan.Contains(location.SourceSpan) ||
            root.FindNode(location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation)
        {
            return null;
        }

        ExpressionSyntax top = invocation;
        while (top.Parent is MemberAccessExpressionSyntax access && access.Expression == top && access.Parent is InvocationExpressionSyntax outer)
        {
            top = outer;
        }

        if (top != invocation &&
            (!before || invocation.Expression is not MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax or ThisExpressionSyntax or MemberAccessExpressionSyntax }))
        {
            return null;
        }

        return top.Parent is ExpressionStatementSyntax statement ? InBlock(statement) : null;
    }

    private static SyntaxNode? InBlock(ExpressionStatementSyntax statement) => statement.Parent switch
    {
        GlobalStatementSyntax global => global,
        BlockSyntax => statement,
        _ => null,
    };

    private static SyntaxNode Move(SyntaxNode root, SyntaxNode moved, SyntaxNode anchor, bool before)
    {
        var copy = moved.WithLeadingTrivia(TrimLeadingBlankLines(moved.GetLeadingTrivia()));
        var tracked = root.TrackNodes(moved, anchor);
        tracked = tracked.RemoveNode(tracked.GetCurrentNode(moved)!, SyntaxRemoveOptions.KeepNoTrivia)!;
        var currentAnchor = tracked.GetCurrentNode(anchor)!;
        return before ? tracked.InsertNodesBefore(currentAnchor, new[] { copy }) : tracked.InsertNodesAfter(currentAnchor, new[] { copy });
    }

    private static SyntaxTriviaList TrimLeadingBlankLines(SyntaxTriviaList trivia)
    {
        var list = trivia.ToList();
        // Drop blank lines (whitespace followed by end of line) at the start.
        while (true)
        {
            if (list.Count > 0 && list[0].IsKind(SyntaxKind.EndOfLineTrivia))
            {
                list.RemoveAt(0);
            }
            else if (list.Count > 1 && list[0].IsKind(SyntaxKind.WhitespaceTrivia) && list[1].IsKind(SyntaxKind.EndOfLineTrivia))
            {
                list.RemoveRange(0, 2);
            }
            else
            {
                break;
            }
        }

        return SyntaxFactory.TriviaList(list);
    }

    private static SyntaxNode Insert(SyntaxNode root, SyntaxNode anchor, string[] lines, bool before)
    {
        var indentation = anchor.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        var endOfLine = anchor.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (endOfLine == default)
        {
            endOfLine = SyntaxFactory.EndOfLine("\n");
        }

        var nodes = new List<SyntaxNode>();
        foreach (var line in lines)
        {
            var statement = SyntaxFactory.ParseStatement(line)
                .WithLeadingTrivia(indentation == default ? SyntaxFactory.TriviaList() : SyntaxFactory.TriviaList(indentation))
                .WithTrailingTrivia(endOfLine);
            nodes.Add(anchor is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(statement) : statement);
        }

        return before ? root.InsertNodesBefore(anchor, nodes) : root.InsertNodesAfter(anchor, nodes);
    }
}
