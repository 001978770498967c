using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
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
/// HTTP0004: waits for <c>response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date - DateTimeOffset.UtcNow) ?? &lt;the existing delay&gt;</c>,
/// with the response and the delay argument the analyzer found; or adds a <c>DelayGenerator</c> that reads Retry-After to
/// Polly v8 retry strategy options that have none.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RetryAfterCodeFixProvider))]
[Shared]
public sealed class RetryAfterCodeFixProvider : FixDataCodeFixProvider
{
    private const string Title = "Wait for the Retry-After delay";
    private const string EquivalenceKey = DiagnosticIds.RetryAfterIgnored + ".WaitForRetryAfter";
    private const string AddDelayGeneratorTitle = "Add a DelayGenerator that reads Retry-After";
    private const string AddDelayGeneratorKey = DiagnosticIds.RetryAfterIgnored + ".AddDelayGenerator";
    private const string AddDelayGeneratorAction = "AddDelayGenerator";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RetryAfterIgnored);

    protected override IEnumerable<FixPlan> Plan(Diagnostic diagnostic, SyntaxNode root)
    {
        if (Data(diagnostic, RetryFixData.AddDelayGeneratorProperty) is not null)
        {
            if (Reported<BaseObjectCreationExpressionSyntax>(root, diagnostic)?.Initializer is not null)
            {
                yield return new FixPlan(AddDelayGeneratorTitle, AddDelayGeneratorKey, AddDelayGeneratorAction);
            }
        }
        else if (Data(diagnostic, RetryFixData.FixableProperty) is not null &&
                 Target<ExpressionSyntax>(root, diagnostic, RetryFixData.ResponseIndex) is not null &&
                 Target<ArgumentSyntax>(root, diagnostic, RetryFixData.DelayArgumentIndex) is not null)
        {
            yield return new FixPlan(Title, EquivalenceKey);
        }
    }

    protected override async Task<SyntaxNode?> RewriteAsync(Document document, SyntaxNode root, Diagnostic diagnostic, FixPlan plan, CancellationToken cancellationToken)
    {
        if (plan.Action != AddDelayGeneratorAction)
        {
            return Rewrite(root, diagnostic, plan);
        }

        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return model is null ? null : AddDelayGenerator(root, model, diagnostic);
    }

    /// <summary>Replaces the delay argument with the Retry-After delay, falling back to the existing delay.</summary>
    protected override SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic, FixPlan plan)
    {
        var response = Target<ExpressionSyntax>(root, diagnostic, RetryFixData.ResponseIndex);
        var argument = Target<ArgumentSyntax>(root, diagnostic, RetryFixData.DelayArgumentIndex);
        if (response is null || argument is null)
        {
            return null;
        }

        var existing = argument.Expression;
        ExpressionSyntax fallback;
        if (Data(diagnostic, RetryFixData.MillisecondsProperty) is not null)
        {
            fallback = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.ParseName("System.TimeSpan").WithAdditionalAnnotations(Simplifier.Annotation), SyntaxFactory.IdentifierName("FromMilliseconds")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(existing.WithoutTrivia()))));
        }
        else
        {
            fallback = existing.WithoutTrivia();
            if (fallback is BinaryExpressionSyntax or ConditionalExpressionSyntax or AssignmentExpressionSyntax)
            {
                fallback = SyntaxFactory.ParenthesizedExpression(fallback);
            }
        }

        var responseText = response.WithoutTrivia().ToString();
        var replacement = SyntaxFactory.ParseExpression(
            responseText + ".Headers.RetryAfter?.Delta ?? (" + responseText + ".Headers.RetryAfter?.Date - System.DateTimeOffset.UtcNow) ?? FALLBACK");
        IdentifierNameSyntax? marker = null;
        foreach (var node in replacement.DescendantNodes())
        {
            if (node is IdentifierNameSyntax { Identifier.ValueText: "FALLBACK" } name)
            {
                marker = name;
            }
        }

        if (marker is null)
        {
            return null;
        }

        replacement = replacement.ReplaceNode(marker, fallback);
        var annotated = replacement.ReplaceNodes(
            replacement.DescendantNodes(),
            (original, rewritten) => rewritten is QualifiedNameSyntax or MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "System" } } }
                ? rewritten.WithAdditionalAnnotations(Simplifier.Annotation)
                : rewritten);
        return root.ReplaceNode(existing, annotated.WithTriviaFrom(existing).WithAdditionalAnnotations(Formatter.Annotation));
    }

    /// <summary>Adds <c>DelayGenerator = args =&gt; … Retry-After …</c> to the initializer of the retry options the diagnostic is reported on.</summary>
    private static SyntaxNode? AddDelayGenerator(SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        var creation = Reported<BaseObjectCreationExpressionSyntax>(root, diagnostic);
        if (creation?.Initializer is not { } initializer)
        {
            return null;
        }

        var name = RetryFixes.UniqueName(model, creation.SpanStart, "args");
        var generator = SyntaxFactory.ParseExpression(
            "DelayGenerator = " + name + " => ValueTask.FromResult(" + name + ".Outcome.Result?.Headers.RetryAfter?.Delta ?? (" +
            name + ".Outcome.Result?.Headers.RetryAfter?.Date - System.DateTimeOffset.UtcNow))");
        var expressions = initializer.Expressions;
        var trailingComma = expressions.Count > 0 && expressions.SeparatorCount == expressions.Count;
        var added = expressions.Add(RetryFixes.SimplifySystemNames(generator));
        if (trailingComma)
        {
            added = SyntaxFactory.SeparatedList<ExpressionSyntax>(added.GetWithSeparators().Add(SyntaxFactory.Token(SyntaxKind.CommaToken)));
        }

        var newInitializer = initializer.WithExpressions(added);
        return root.ReplaceNode(initializer, newInitializer.WithAdditionalAnnotations(Formatter.Annotation));
    }
}
