using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.Rules.Retries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace HttpAnalyzers.CodeFixes.Rules.Retries;

/// <summary>
/// HTTP0005: sets <c>Response.Headers.RetryAfter</c> from the rate-limit lease's <c>MetadataName.RetryAfter</c> — in the
/// <c>OnRejected</c> callback that sets the status, or in a new <c>OnRejected</c> added to <c>AddRateLimiter</c>'s options.
/// Where no lease is in scope the value would have to be invented, so no fix is offered.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RetryAfterResponseCodeFixProvider))]
[Shared]
public sealed class RetryAfterResponseCodeFixProvider : CodeFixProvider
{
    private const string Title = "Send Retry-After from the rate-limit lease";
    private const string ValueTitle = "Send Retry-After with the delay in scope";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RetryAfterNotSent);

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
            if (!diagnostic.Properties.TryGetValue(RetryFixData.LeaseProperty, out var kind))
            {
                continue;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var edit = kind switch
            {
                "Status" => PlanStatus(node),
                "Result" => PlanResult(node, diagnostic),
                _ => PlanAddRateLimiter(node),
            };
            if (edit is null)
            {
                continue;
            }

            var (original, replacement) = edit.Value;
            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(kind == "Result" && !diagnostic.Properties.ContainsKey(RetryFixData.LeaseNameProperty) ? ValueTitle : Title, _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(original, replacement))), equivalenceKey: DiagnosticIds.RetryAfterNotSent + ".SendRetryAfter"),
                diagnostic);
        }
    }

    private static StatementSyntax SetFromLease(string contextName, string response) => SetFromLeaseExpression(contextName + ".Lease", response);

    private static StatementSyntax SetFromLeaseExpression(string lease, string response)
        => SyntaxFactory.ParseStatement(
                "if (" + lease + ".TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter))\n" +
                "{\n" +
                "    " + response + ".Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.NumberFormatInfo.InvariantInfo);\n" +
                "}\n")
            .WithAdditionalAnnotations(Formatter.Annotation);

    // Response.StatusCode = 429 inside OnRejected: insert the header before the assignment.
    private static (SyntaxNode, SyntaxNode)? PlanStatus(SyntaxNode node)
    {
        var assignment = node.FirstAncestorOrSelf<AssignmentExpressionSyntax>();
        if (assignment?.Left is not MemberAccessExpressionSyntax { Expression: var response } ||
            assignment.Parent is not ExpressionStatementSyntax statement || statement.Parent is not BlockSyntax block)
        {
            return null;
        }

        var lambda = statement.FirstAncestorOrSelf<LambdaExpressionSyntax>();
        var contextName = lambda switch
        {
            ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: > 0 } p => p.ParameterList.Parameters[0].Identifier.ValueText,
            SimpleLambdaExpressionSyntax s => s.Parameter.Identifier.ValueText,
            _ => null,
        };
        if (contextName is null)
        {
            return null;
        }

        var insert = RetryFixes.SimplifySystemNames(SetFromLease(contextName, response.WithoutTrivia().ToString()));
        var newBlock = block.InsertNodesBefore(statement, new[] { insert });
        return (block, newBlock);
    }

    // Results.StatusCode(429), Problem(statusCode: 503), …: set the header before the statement, or turn an expression-bodied lambda into a block.
    private static (SyntaxNode, SyntaxNode)? PlanResult(SyntaxNode node, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(RetryFixData.ResponseProperty, out var response) || response is null)
        {
            return null;
        }

        StatementSyntax header;
        if (diagnostic.Properties.TryGetValue(RetryFixData.LeaseNameProperty, out var lease) && lease is not null)
        {
            header = SetFromLeaseExpression(lease, response);
        }
        else if (diagnostic.Properties.TryGetValue(RetryFixData.ValueProperty, out var value) && value is not null)
        {
            header = SyntaxFactory.ParseStatement(response + ".Headers.RetryAfter = " + value + ";\n").WithAdditionalAnnotations(Formatter.Annotation);
        }
        else
        {
            return null;
        }

        header = RetryFixes.SimplifySystemNames(header);
        var result = node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        for (SyntaxNode? current = result; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case StatementSyntax statement when statement.Parent is BlockSyntax block:
                    return (block, block.InsertNodesBefore(statement, new[] { header }));
                case LambdaExpressionSyntax { ExpressionBody: { } body } lambda when body.Span.Contains(result!.Span):
                    var newBlock = RetryFixes.MultilineBlock(header, SyntaxFactory.ReturnStatement(body.WithoutTrivia()));
                    SyntaxNode newLambda = lambda switch
                    {
                        ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.WithExpressionBody(null).WithBlock(newBlock),
                        SimpleLambdaExpressionSyntax simple => simple.WithExpressionBody(null).WithBlock(newBlock),
                        _ => lambda,
                    };
                    return ReferenceEquals(newLambda, lambda) ? null : (lambda, newLambda.WithAdditionalAnnotations(Formatter.Annotation));
                case StatementSyntax:
                case MemberDeclarationSyntax:
                case LambdaExpressionSyntax:
                    return null;
            }
        }

        return null;
    }

    // AddRateLimiter(options => …) without OnRejected: add one that sets the header.
    private static (SyntaxNode, SyntaxNode)? PlanAddRateLimiter(SyntaxNode node)
    {
        var invocation = node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        if (invocation is null)
        {
            return null;
        }

        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            if (argument.Expression is not SimpleLambdaExpressionSyntax lambda)
            {
                continue;
            }

            var options = lambda.Parameter.Identifier.ValueText;
            var onRejected = SyntaxFactory.ParseStatement(
                    options + ".OnRejected = (context, cancellationToken) =>\n" +
                    "{\n" +
                    "    if (context.Lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter))\n" +
                    "    {\n" +
                    "        context.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.NumberFormatInfo.InvariantInfo);\n" +
                    "    }\n" +
                    "\n" +
                    "    return ValueTask.CompletedTask;\n" +
                    "};\n")
                .WithAdditionalAnnotations(Formatter.Annotation);
            BlockSyntax newBody;
            if (lambda.Block is { } block)
            {
                newBody = block.AddStatements(onRejected);
            }
            else if (lambda.ExpressionBody is { } expression)
            {
                newBody = SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(expression.WithoutTrivia()), onRejected).NormalizeWhitespace(eol: "\n").WithAdditionalAnnotations(Formatter.Annotation);
            }
            else
            {
                return null;
            }

            newBody = RetryFixes.SimplifySystemNames(newBody);
            var newLambda = lambda.WithExpressionBody(null).WithArrowToken(lambda.ArrowToken).WithBlock(newBody).WithAdditionalAnnotations(Formatter.Annotation);
            return (lambda, newLambda);
        }

        return null;
    }
}
