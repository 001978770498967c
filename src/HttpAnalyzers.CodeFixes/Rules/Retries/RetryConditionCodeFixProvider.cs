using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.Rules.Retries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
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
public sealed class RetryConditionCodeFixProvider : CodeFixProvider
{
    private const string Title = "Retry only 408, 429 and 5xx";
    private const string EquivalenceKey = DiagnosticIds.RetryConditionIncludesClientErrors + ".NarrowToTransientStatuses";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RetryConditionIncludesClientErrors);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(RetryFixData.NarrowProperty) || diagnostic.AdditionalLocations.Count < 2)
            {
                continue;
            }

            var document = context.Document;
            context.RegisterCodeFix(CodeAction.Create(Title, ct => ApplyAsync(document, diagnostic, ct), EquivalenceKey), diagnostic);
        }

        return Task.CompletedTask;
    }

    private static async Task<Document> ApplyAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var test = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) as ExpressionSyntax;
        var response = root.FindNode(diagnostic.AdditionalLocations[1].SourceSpan, getInnermostNodeForTie: true) as ExpressionSyntax;
        if (test is null || response is null)
        {
            return document;
        }

        var receiver = response.WithoutTrivia().ToString();
        if (diagnostic.Properties.ContainsKey(RetryFixData.PollyV7Property) && diagnostic.AdditionalLocations.Count > 2 &&
            root.FindNode(diagnostic.AdditionalLocations[2].SourceSpan, getInnermostNodeForTie: true) is InvocationExpressionSyntax handleResult)
        {
            var pollyV7 = SyntaxFactory.ParseExpression(
                    "Polly.Extensions.Http.HttpPolicyExtensions.HandleTransientHttpError().OrResult(" + receiver + " => " + receiver +
                    ".StatusCode == System.Net.HttpStatusCode.TooManyRequests)");
            pollyV7 = Simplifiable(pollyV7).WithTriviaFrom(handleResult).WithAdditionalAnnotations(Formatter.Annotation);
            return document.WithSyntaxRoot(root.ReplaceNode(handleResult, pollyV7));
        }

        var transient = SyntaxFactory.ParseExpression(
            receiver + ".StatusCode is System.Net.HttpStatusCode.RequestTimeout or System.Net.HttpStatusCode.TooManyRequests || (int)" + receiver + ".StatusCode >= 500");
        if (NeedsParentheses(test))
        {
            transient = SyntaxFactory.ParenthesizedExpression(transient);
        }

        transient = Simplifiable(transient).WithTriviaFrom(test).WithAdditionalAnnotations(Formatter.Annotation);
        return document.WithSyntaxRoot(root.ReplaceNode(test, transient));
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
