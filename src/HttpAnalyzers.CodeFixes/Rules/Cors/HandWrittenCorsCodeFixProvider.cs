using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpAnalyzers.CodeFixes.Rules.Cors;

/// <summary>HTTP0035: add <c>headers.Append("Vary", "Origin");</c> right after the echoed <c>Access-Control-Allow-Origin</c> write.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HandWrittenCorsCodeFixProvider))]
[Shared]
public sealed class HandWrittenCorsCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.CorsOriginEchoWithoutVary);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var statement = node.FirstAncestorOrSelf<ExpressionStatementSyntax>();
            if (statement is null || statement.Expression.Span != diagnostic.Location.SourceSpan)
            {
                continue;
            }

            var headers = statement.Expression switch
            {
                AssignmentExpressionSyntax { Left: ElementAccessExpressionSyntax element } => element.Expression,
                AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax member } => member.Expression,
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } => member.Expression,
                _ => null,
            };
            SyntaxNode? anchor = statement.Parent switch
            {
                BlockSyntax => statement,
                GlobalStatementSyntax global => global,
                _ => null,
            };
            if (headers is null || anchor is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Add 'Vary: Origin'",
                    _ =>
                    {
                        var indentation = anchor.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
                        var endOfLine = anchor.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
                        var vary = SyntaxFactory.ParseStatement(headers.WithoutTrivia().ToString() + ".Append(\"Vary\", \"Origin\");")
                            .WithLeadingTrivia(indentation == default ? SyntaxFactory.TriviaList() : SyntaxFactory.TriviaList(indentation))
                            .WithTrailingTrivia(endOfLine == default ? SyntaxFactory.EndOfLine("\n") : endOfLine);
                        SyntaxNode inserted = anchor is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(vary) : vary;
                        return Task.FromResult(context.Document.WithSyntaxRoot(root.InsertNodesAfter(anchor, new[] { inserted })));
                    },
                    equivalenceKey: DiagnosticIds.CorsOriginEchoWithoutVary + ".AddVary"),
                diagnostic);
        }
    }
}
