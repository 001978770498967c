using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.CodeFixes.Infrastructure;
using HttpAnalyzers.Rules.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace HttpAnalyzers.CodeFixes.Rules.Semantics;

/// <summary>
/// HTTP0051: moves the write before the statement that starts the body, or registers it with <c>Response.OnStarting</c>
/// there — whichever the analyzer found safe for the shape (<see cref="SemanticsFixData.Move"/>,
/// <see cref="SemanticsFixData.OnStarting"/>). Fix All applies every fix of a document in one edit, in
/// source order, so several writes moved before the same statement keep their order.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ResponseStartedCodeFixProvider))]
[Shared]
public sealed class ResponseStartedCodeFixProvider : FixDataCodeFixProvider
{
    private const string MoveKey = DiagnosticIds.HeadersAfterResponseStarted + ".MoveBeforeBodyStarts";
    private const string OnStartingKey = DiagnosticIds.HeadersAfterResponseStarted + ".RegisterOnStarting";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.HeadersAfterResponseStarted);

    // Several writes moved before the same statement keep their order: a document's fixes are applied in one edit.
    public override FixAllProvider GetFixAllProvider()
        => FixAllProvider.Create(
            static async (context, document, diagnostics) =>
            {
                var key = context.CodeActionEquivalenceKey;
                var fixable = diagnostics.Where(d => d.Properties.ContainsKey(key == MoveKey ? SemanticsFixData.Move : SemanticsFixData.OnStarting));
                return await ApplyAsync(document, fixable, key == MoveKey, context.CancellationToken).ConfigureAwait(false);
            });

    protected override IEnumerable<FixPlan> Plan(Diagnostic diagnostic, SyntaxNode root)
    {
        if (!TryGetNodes(root, diagnostic, out _, out _, out _))
        {
            yield break;
        }

        if (diagnostic.Properties.ContainsKey(SemanticsFixData.Move))
        {
            yield return new FixPlan("Move before the body starts", MoveKey);
        }

        if (diagnostic.Properties.ContainsKey(SemanticsFixData.OnStarting))
        {
            yield return new FixPlan("Register with Response.OnStarting", OnStartingKey);
        }
    }

    protected override async Task<Solution> ApplyAsync(Document document, Diagnostic diagnostic, FixPlan plan, CancellationToken cancellationToken)
        => (await ApplyAsync(document, [diagnostic], plan.EquivalenceKey == MoveKey, cancellationToken).ConfigureAwait(false)).Project.Solution;

    private static bool TryGetNodes(SyntaxNode root, Diagnostic diagnostic, out ExpressionStatementSyntax write, out StatementSyntax start, out ExpressionSyntax response)
    {
        write = null!;
        start = null!;
        response = null!;
        if (diagnostic.AdditionalLocations.Count < 2)
        {
            return false;
        }

        var startSpan = diagnostic.AdditionalLocations[0].SourceSpan;
        var responseSpan = diagnostic.AdditionalLocations[1].SourceSpan;
        if (root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<ExpressionStatementSyntax>() is not { } statement ||
            root.FindNode(startSpan, getInnermostNodeForTie: false) is not { } startNode ||
            startNode.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.Span == startSpan) is not { Parent: BlockSyntax } startStatement ||
            root.FindNode(responseSpan, getInnermostNodeForTie: true) is not ExpressionSyntax responseExpression ||
            statement.Parent != startStatement.Parent)
        {
            return false;
        }

        write = statement;
        start = startStatement;
        response = responseExpression;
        return true;
    }

    private static async Task<Document> ApplyAsync(Document document, IEnumerable<Diagnostic> diagnostics, bool move, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var editor = new SyntaxEditor(root, document.Project.Solution.Services);
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (!TryGetNodes(root, diagnostic, out var write, out var start, out var response))
            {
                continue;
            }

            var indentation = start.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).LastOrDefault();
            var inserted = move
                ? write.WithAdditionalAnnotations(Formatter.Annotation)
                : OnStarting(write, response).WithLeadingTrivia(indentation).WithTrailingTrivia(LineEndings.Of(start));
            editor.RemoveNode(write, SyntaxRemoveOptions.KeepNoTrivia);
            editor.InsertBefore(start, inserted);
        }

        return document.WithSyntaxRoot(editor.GetChangedRoot());
    }

    /// <summary><c>response.OnStarting(() => { write; return Task.CompletedTask; });</c></summary>
    private static StatementSyntax OnStarting(ExpressionStatementSyntax write, ExpressionSyntax response)
    {
        var completed = SyntaxFactory.ParseExpression("global::System.Threading.Tasks.Task.CompletedTask").WithAdditionalAnnotations(Simplifier.Annotation);
        var body = SyntaxFactory.Block(
            write.WithoutLeadingTrivia().WithTrailingTrivia(LineEndings.Of(write)),
            SyntaxFactory.ReturnStatement(completed));
        var lambda = SyntaxFactory.ParenthesizedLambdaExpression(SyntaxFactory.ParameterList(), body);
        var call = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, response.WithoutTrivia(), SyntaxFactory.IdentifierName("OnStarting")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(lambda))));
        return SyntaxFactory.ExpressionStatement(call).WithAdditionalAnnotations(Formatter.Annotation);
    }
}
