using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using HttpAnalyzers.CodeFixes.Infrastructure;
using HttpAnalyzers.Rules.Retries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace HttpAnalyzers.CodeFixes.Rules.Retries;

/// <summary>
/// HTTP0005: sets <c>Response.Headers.RetryAfter</c> from the rate-limit lease's <c>MetadataName.RetryAfter</c> — in the
/// <c>OnRejected</c> callback that sets the status, or in a new <c>OnRejected</c> added to <c>AddRateLimiter</c>'s options — or,
/// next to a result that carries the status, from the lease or delay the analyzer found in scope (its fix data).
/// Where no lease or delay is in scope the value would have to be invented, so no fix is offered.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RetryAfterResponseCodeFixProvider))]
[Shared]
public sealed class RetryAfterResponseCodeFixProvider : FixDataCodeFixProvider
{
    private const string Title = "Send Retry-After from the rate-limit lease";
    private const string ValueTitle = "Send Retry-After with the delay in scope";
    private const string EquivalenceKey = DiagnosticIds.RetryAfterNotSent + ".SendRetryAfter";

    // The values of RetryFixData.LeaseProperty: the kind of site.
    private const string Status = "Status";
    private const string Result = "Result";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RetryAfterNotSent);

    protected override IEnumerable<FixPlan> Plan(Diagnostic diagnostic, SyntaxNode root)
    {
        var kind = Data(diagnostic, RetryFixData.LeaseProperty);
        var node = kind is null ? null : Reported<SyntaxNode>(root, diagnostic);
        SyntaxNode? target = node is null ? null : kind switch
        {
            Status => StatusSite(node, out _, out _, out _),
            Result => ResultHeader(diagnostic) is null ? null : ResultSite(node),
            _ => RateLimiterOptions(node),
        };
        if (target is not null)
        {
            var title = kind == Result && Data(diagnostic, RetryFixData.LeaseNameProperty) is null ? ValueTitle : Title;
            yield return new FixPlan(title, EquivalenceKey);
        }
    }

    protected override SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic, FixPlan plan)
    {
        var node = Reported<SyntaxNode>(root, diagnostic);
        var edit = node is null ? null : Data(diagnostic, RetryFixData.LeaseProperty) switch
        {
            null => null,
            Status => EditStatus(node),
            Result => EditResult(node, diagnostic),
            _ => EditAddRateLimiter(node),
        };
        return edit is (var original, var replacement) ? root.ReplaceNode(original, replacement) : null;
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
    private static (SyntaxNode, SyntaxNode)? EditStatus(SyntaxNode node)
    {
        if (StatusSite(node, out var response, out var block, out var contextName) is not { } statement)
        {
            return null;
        }

        var insert = RetryFixes.SimplifySystemNames(SetFromLease(contextName, response.WithoutTrivia().ToString()));
        var newBlock = block.InsertNodesBefore(statement, new[] { insert });
        return (block, newBlock);
    }

    /// <summary>The statement <c>Response.StatusCode = …;</c> in a block of an <c>OnRejected</c> lambda, the response and the lambda's context parameter.</summary>
    private static StatementSyntax? StatusSite(SyntaxNode node, out ExpressionSyntax response, out BlockSyntax block, out string contextName)
    {
        response = null!;
        block = null!;
        contextName = null!;
        var assignment = node.FirstAncestorOrSelf<AssignmentExpressionSyntax>();
        if (assignment?.Left is not MemberAccessExpressionSyntax { Expression: var left } ||
            assignment.Parent is not ExpressionStatementSyntax statement || statement.Parent is not BlockSyntax parent)
        {
            return null;
        }

        var lambda = statement.FirstAncestorOrSelf<LambdaExpressionSyntax>();
        var name = lambda switch
        {
            ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: > 0 } p => p.ParameterList.Parameters[0].Identifier.ValueText,
            SimpleLambdaExpressionSyntax s => s.Parameter.Identifier.ValueText,
            _ => null,
        };
        if (name is null)
        {
            return null;
        }

        response = left;
        block = parent;
        contextName = name;
        return statement;
    }

    // Results.StatusCode(429), Problem(statusCode: 503), …: set the header before the statement, or turn an expression-bodied lambda into a block.
    private static (SyntaxNode, SyntaxNode)? EditResult(SyntaxNode node, Diagnostic diagnostic)
    {
        var header = ResultHeader(diagnostic);
        var site = ResultSite(node);
        if (header is null || site is null)
        {
            return null;
        }

        header = RetryFixes.SimplifySystemNames(header);
        switch (site)
        {
            case StatementSyntax statement when statement.Parent is BlockSyntax block:
                return (block, block.InsertNodesBefore(statement, new[] { header }));
            case LambdaExpressionSyntax lambda:
                return RetryFixes.WithBlockBody(lambda, [header], returnsValue: true) is { } newLambda ? (lambda, newLambda) : null;
            default:
                return null;
        }
    }

    /// <summary>The statement that sets Retry-After on the response in the fix data: from the lease, or to the value in scope.</summary>
    private static StatementSyntax? ResultHeader(Diagnostic diagnostic)
    {
        if (Data(diagnostic, RetryFixData.ResponseProperty) is not { } response)
        {
            return null;
        }

        if (Data(diagnostic, RetryFixData.LeaseNameProperty) is { } lease)
        {
            return SetFromLeaseExpression(lease, response);
        }

        return Data(diagnostic, RetryFixData.ValueProperty) is { } value
            ? SyntaxFactory.ParseStatement(response + ".Headers.RetryAfter = " + value + ";\n").WithAdditionalAnnotations(Formatter.Annotation)
            : null;
    }

    /// <summary>Where the header goes: the statement (in a block) that produces the result, or the expression-bodied lambda that returns it.</summary>
    private static SyntaxNode? ResultSite(SyntaxNode node)
    {
        var result = node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        for (SyntaxNode? current = result; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case StatementSyntax statement when statement.Parent is BlockSyntax:
                    return statement;
                case LambdaExpressionSyntax { ExpressionBody: { } body } lambda when body.Span.Contains(result!.Span):
                    return lambda;
                case StatementSyntax:
                case MemberDeclarationSyntax:
                case LambdaExpressionSyntax:
                    return null;
            }
        }

        return null;
    }

    // AddRateLimiter(options => …) without OnRejected: add one that sets the header.
    private static (SyntaxNode, SyntaxNode)? EditAddRateLimiter(SyntaxNode node)
    {
        if (RateLimiterOptions(node) is not { } lambda)
        {
            return null;
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
        var newLambda = lambda.Block is { } block
            ? lambda.WithBlock(block.AddStatements(onRejected)).WithAdditionalAnnotations(Formatter.Annotation)
            : RetryFixes.WithBlockBody(lambda, [], returnsValue: false, [onRejected]);
        return newLambda is null ? null : (lambda, RetryFixes.SimplifySystemNames(newLambda));
    }

    /// <summary>The options lambda of the <c>AddRateLimiter</c> call the diagnostic is reported on.</summary>
    private static SimpleLambdaExpressionSyntax? RateLimiterOptions(SyntaxNode node)
    {
        var invocation = node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        if (invocation is null)
        {
            return null;
        }

        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            if (argument.Expression is SimpleLambdaExpressionSyntax lambda)
            {
                return lambda;
            }
        }

        return null;
    }
}
