using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using HttpAnalyzers.CodeFixes.Infrastructure;
using HttpAnalyzers.Rules.Retries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace HttpAnalyzers.CodeFixes.Rules.Retries;

/// <summary>
/// HTTP0007: narrows a generic failure test (<c>!r.IsSuccessStatusCode</c>, <c>r.StatusCode != HttpStatusCode.OK</c>, …) to the
/// transient statuses: <c>r.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)r.StatusCode &gt;= 500</c>;
/// a Polly v7 <c>Policy.HandleResult&lt;HttpResponseMessage&gt;(generic)</c> becomes
/// <c>HttpPolicyExtensions.HandleTransientHttpError().OrResult(r =&gt; r.StatusCode == HttpStatusCode.TooManyRequests)</c> where
/// Polly.Extensions.Http is referenced. Explicit client-error codes and <c>EnsureSuccessStatusCode</c> get no fix: which
/// statuses to keep is the author's choice.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RetryConditionCodeFixProvider))]
[Shared]
public sealed class RetryConditionCodeFixProvider : FixDataCodeFixProvider
{
    private const string Title = "Retry only 408, 429 and 5xx";
    private const string EquivalenceKey = DiagnosticIds.RetryConditionIncludesClientErrors + ".NarrowToTransientStatuses";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RetryConditionIncludesClientErrors);

    protected override IEnumerable<FixPlan> Plan(Diagnostic diagnostic, SyntaxNode root)
    {
        if (Data(diagnostic, RetryFixData.NarrowProperty) is not null && diagnostic.AdditionalLocations.Count >= 2)
        {
            yield return new FixPlan(Title, EquivalenceKey);
        }
    }

    protected override SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic, FixPlan plan)
    {
        var test = Target<ExpressionSyntax>(root, diagnostic, 0);
        var response = Target<ExpressionSyntax>(root, diagnostic, 1);
        if (test is null || response is null)
        {
            return null;
        }

        var receiver = response.WithoutTrivia().ToString();
        if (Data(diagnostic, RetryFixData.PollyV7Property) is not null && Target<InvocationExpressionSyntax>(root, diagnostic, 2) is { } handleResult)
        {
            var pollyV7 = SyntaxFactory.ParseExpression(
                    "Polly.Extensions.Http.HttpPolicyExtensions.HandleTransientHttpError().OrResult(" + receiver + " => " + receiver +
                    ".StatusCode == System.Net.HttpStatusCode.TooManyRequests)");
            pollyV7 = Simplifiable(pollyV7).WithTriviaFrom(handleResult).WithAdditionalAnnotations(Formatter.Annotation);
            return root.ReplaceNode(handleResult, pollyV7);
        }

        var transient = SyntaxFactory.ParseExpression(
            receiver + ".StatusCode is System.Net.HttpStatusCode.RequestTimeout or System.Net.HttpStatusCode.TooManyRequests || (int)" + receiver + ".StatusCode >= 500");
        if (NeedsParentheses(test))
        {
            transient = SyntaxFactory.ParenthesizedExpression(transient);
        }

        transient = Simplifiable(transient).WithTriviaFrom(test).WithAdditionalAnnotations(Formatter.Annotation);
        return root.ReplaceNode(test, transient);
    }

    /// <summary>Marks the qualified type names (<c>System.Net.HttpStatusCode</c>, …) for simplification to the names the file imports.</summary>
    private static ExpressionSyntax Simplifiable(ExpressionSyntax expression)
        => expression.ReplaceNodes(
            expression.DescendantNodes().OfType<MemberAccessExpressionSyntax>().Where(static m => m.ToString() is "System.Net.HttpStatusCode" or "Polly.Extensions.Http.HttpPolicyExtensions"),
            static (_, rewritten) => rewritten.WithAdditionalAnnotations(Simplifier.Annotation));

    private static bool NeedsParentheses(ExpressionSyntax test) => test.Parent switch
    {
        ParenthesizedExpressionSyntax or ArgumentSyntax or IfStatementSyntax or WhileStatementSyntax or DoStatementSyntax or
            ForStatementSyntax or LambdaExpressionSyntax or ReturnStatementSyntax or EqualsValueClauseSyntax or ArrowExpressionClauseSyntax => false,
        BinaryExpressionSyntax binary => !binary.IsKind(SyntaxKind.LogicalOrExpression),
        _ => true,
    };
}
