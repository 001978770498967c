using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.CodeFixes.Infrastructure;
using HttpAnalyzers.Infrastructure;
using HttpAnalyzers.Rules.Retries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.CodeFixes.Rules.Retries;

/// <summary>HTTP0002: moves the creation of the request (and the statements that configure it) into the loop body or callback.</summary>
public sealed partial class RetryRequestCodeFixProvider
{
    private const string ResentRequestKey = DiagnosticIds.RequestMessageResent + ".CreatePerAttempt";
    private const string ResentRequestTitle = "Create the request message on every attempt";

    private sealed class ResentRequestPlan
    {
        public ResentRequestPlan(List<StatementSyntax> moved, SyntaxNode body)
        {
            Moved = moved;
            Body = body;
        }

        public List<StatementSyntax> Moved { get; }

        /// <summary>The loop's block body, or the lambda.</summary>
        public SyntaxNode Body { get; }
    }

    private static async Task<ResentRequestPlan?> PlanResentRequestAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var found = await RetryFixes.GetOperationAsync(document, diagnostic.Location.SourceSpan, cancellationToken).ConfigureAwait(false);
        if (found is not { Operation: IInvocationOperation invocation, Model: var model, Root: var root } ||
            RequestArgument(invocation) is not ILocalReferenceOperation local)
        {
            return null;
        }

        var construct = RetryFixTarget.From(root, diagnostic);
        if (construct is null)
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

        if (local.Local.DeclaringSyntaxReferences.Length != 1 ||
            local.Local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer: not null } declarator ||
            declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 } ||
            declarator.Parent.Parent is not LocalDeclarationStatementSyntax declaration ||
            declaration.Parent is not BlockSyntax declarationBlock)
        {
            return null;
        }

        var anchorIndex = -1;
        for (var i = 0; i < declarationBlock.Statements.Count; i++)
        {
            if (declarationBlock.Statements[i].Span.Contains(construct.Body.Span))
            {
                anchorIndex = i;
                break;
            }
        }

        var declarationIndex = declarationBlock.Statements.IndexOf(declaration);
        if (anchorIndex <= declarationIndex)
        {
            return null;
        }

        var moved = new List<StatementSyntax> { declaration };
        for (var i = declarationIndex + 1; i < anchorIndex; i++)
        {
            var statement = declarationBlock.Statements[i];
            if (References(model, statement, local.Local, cancellationToken))
            {
                if (statement is not ExpressionStatementSyntax)
                {
                    return null;
                }

                moved.Add(statement);
            }
        }

        // Every other use must be inside the repeated body.
        var anchor = declarationBlock.Statements[anchorIndex];
        foreach (var node in declarationBlock.DescendantNodes())
        {
            if (node is IdentifierNameSyntax name && name.Identifier.ValueText == local.Local.Name &&
                SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, local.Local))
            {
                var inMoved = moved.Any(s => s.Span.Contains(name.Span));
                var inBody = construct.Body.Span.Contains(name.Span);
                if (!inMoved && !inBody)
                {
                    return null;
                }
            }
        }

        return anchor is null ? null : new ResentRequestPlan(moved, body);
    }

    /// <summary>The request message the send passes (<c>SendAsync(request)</c>, <c>Send(request)</c>).</summary>
    private static IOperation? RequestArgument(IInvocationOperation invocation)
        => invocation.GetArgument("request")?.Value.WalkDownConversions();

    private static bool References(SemanticModel model, SyntaxNode node, ILocalSymbol local, CancellationToken cancellationToken)
    {
        foreach (var descendant in node.DescendantNodes())
        {
            if (descendant is IdentifierNameSyntax name && name.Identifier.ValueText == local.Name &&
                SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, local))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<Document> ApplyResentRequestAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var plan = await PlanResentRequestAsync(document, diagnostic, cancellationToken).ConfigureAwait(false);
        if (plan is null)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var moved = plan.Moved.Select(s => s.WithoutLeadingTrivia().WithTrailingTrivia(LineEndings.Of(s)).WithAdditionalAnnotations(Formatter.Annotation)).ToList();
        foreach (var statement in plan.Moved)
        {
            editor.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia);
        }

        if (plan.Body is BlockSyntax block)
        {
            editor.InsertBefore(block.Statements[0], moved);
        }
        else if (plan.Body is AnonymousFunctionExpressionSyntax lambda)
        {
            var model = editor.SemanticModel;
            var symbol = model.GetSymbolInfo(lambda, cancellationToken).Symbol as IMethodSymbol;
            if (lambda.Block is { } lambdaBlock)
            {
                editor.InsertBefore(lambdaBlock.Statements[0], moved);
            }
            else if (lambda.ExpressionBody is { } expression && symbol is not null)
            {
                var returnsValue = !symbol.ReturnsVoid && !(symbol.IsAsync && symbol.ReturnType is INamedTypeSymbol { IsGenericType: false });
                StatementSyntax last = returnsValue
                    ? SyntaxFactory.ReturnStatement(expression.WithoutTrivia())
                    : SyntaxFactory.ExpressionStatement(expression.WithoutTrivia());
                var newBlock = SyntaxFactory.Block(moved.Concat(new[] { last.WithAdditionalAnnotations(Formatter.Annotation) })).WithAdditionalAnnotations(Formatter.Annotation);
                SyntaxNode newLambda = lambda switch
                {
                    ParenthesizedLambdaExpressionSyntax p => p.WithExpressionBody(null).WithBlock(newBlock),
                    SimpleLambdaExpressionSyntax s => s.WithExpressionBody(null).WithBlock(newBlock),
                    AnonymousMethodExpressionSyntax a => a,
                    _ => lambda,
                };
                editor.ReplaceNode(lambda, newLambda.WithAdditionalAnnotations(Formatter.Annotation));
            }
        }

        return editor.GetChangedDocument();
    }
}
