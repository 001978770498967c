using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.Rules.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpAnalyzers.CodeFixes.Rules.Cors;

/// <summary>
/// HTTP0032: move the misplaced <c>UseCors</c> statement next to the pipeline call the analyzer names (right after
/// <c>UseRouting</c> or right before the first of <c>UseAuthentication</c>/<c>UseAuthorization</c>/…), insert
/// <c>app.UseCors();</c> when it is missing, or insert the authentication/authorization middleware that
/// <c>WebApplication</c> would otherwise add implicitly before it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CorsMiddlewareCodeFixProvider))]
[Shared]
public sealed class CorsMiddlewareCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.CorsMiddlewareMisplaced);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.AdditionalLocations.Count == 0 ||
                !diagnostic.Properties.TryGetValue(CorsMiddlewareAnalyzer.FixKey, out var fix) ||
                !diagnostic.Properties.TryGetValue(CorsMiddlewareAnalyzer.PositionKey, out var position))
            {
                continue;
            }

            var anchorLocation = diagnostic.AdditionalLocations[0];
            var anchorDocument = context.Document.Project.Solution.GetDocument(anchorLocation.SourceTree);
            if (anchorDocument is null)
            {
                continue;
            }

            var anchorRoot = await anchorDocument.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var anchor = anchorRoot is null ? null : StatementOf(anchorRoot.FindNode(anchorLocation.SourceSpan, getInnermostNodeForTie: true));
            if (anchorRoot is null || anchor is null)
            {
                continue;
            }

            var before = position == CorsMiddlewareAnalyzer.Before;
            if (fix == CorsMiddlewareAnalyzer.FixMove && anchorDocument.Id == context.Document.Id)
            {
                var moved = StatementOf(anchorRoot.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true));
                if (moved is null || moved == anchor || moved.Parent != anchor.Parent)
                {
                    continue;
                }

                var description = anchor is GlobalStatementSyntax { Statement: ExpressionStatementSyntax e } ? e.Expression : (anchor as ExpressionStatementSyntax)?.Expression;
                var name = description is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } ? access.Name.Identifier.ValueText : "the pipeline call";
                context.RegisterCodeFix(
                    CodeAction.Create(
                        before ? $"Move UseCors before {name}" : $"Move UseCors after {name}",
                        _ => Task.FromResult(anchorDocument.WithSyntaxRoot(Move(anchorRoot, moved, anchor, before))),
                        equivalenceKey: DiagnosticIds.CorsMiddlewareMisplaced + ".Move"),
                    diagnostic);
            }
            else if (fix == CorsMiddlewareAnalyzer.FixInsert &&
                     diagnostic.Properties.TryGetValue(CorsMiddlewareAnalyzer.StatementsKey, out var statements) && statements is not null)
            {
                var lines = statements.Split('\n');
                var title = lines.Length == 1 ? $"Insert '{lines[0]}'" : "Insert '" + string.Join(" ", lines) + "'";
                context.RegisterCodeFix(
                    CodeAction.Create(
                        title,
                        _ => Task.FromResult(anchorDocument.Project.Solution.WithDocumentSyntaxRoot(anchorDocument.Id, Insert(anchorRoot, anchor, lines, before))),
                        equivalenceKey: DiagnosticIds.CorsMiddlewareMisplaced + ".Insert"),
                    diagnostic);
            }
        }
    }

    /// <summary>The expression statement (or top-level global statement) that holds the call at <paramref name="node"/> as its whole expression.</summary>
    private static SyntaxNode? StatementOf(SyntaxNode node)
    {
        var invocation = node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        if (invocation?.Parent is not ExpressionStatementSyntax statement)
        {
            return null;
        }

        return statement.Parent switch
        {
            GlobalStatementSyntax global => global,
            BlockSyntax => statement,
            _ => null,
        };
    }

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
