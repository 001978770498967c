using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.CodeFixes.Infrastructure;
using HttpAnalyzers.Rules.Caching;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpAnalyzers.CodeFixes.Rules.Caching;

/// <summary>HTTP0014: <c>value.ToString()</c> → <c>value.ToUniversalTime().ToString("R")</c> (just <c>ToString("R")</c> when the value is already UTC or a <c>DateTimeOffset</c>); <c>{value}</c> → <c>{value.ToUniversalTime():R}</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HttpDateCodeFixProvider))]
[Shared]
public sealed class HttpDateCodeFixProvider : FixDataCodeFixProvider
{
    private const string EquivalenceKey = DiagnosticIds.HttpDateLocalFormat + ".Rfc1123";
    private const string TypedEquivalenceKey = DiagnosticIds.HttpDateLocalFormat + ".TypedHeader";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.HttpDateLocalFormat);

    protected override IEnumerable<FixPlan> Plan(Diagnostic diagnostic, SyntaxNode root)
    {
        if (Formatted(root, diagnostic) is null)
        {
            yield break;
        }

        yield return new FixPlan("Format as IMF-fixdate in GMT (\"R\")", EquivalenceKey);
        if (Typed(root, diagnostic, out var property, out _) is not null)
        {
            yield return new FixPlan("Use the typed header (GetTypedHeaders()." + property + ")", TypedEquivalenceKey);
        }
    }

    protected override async Task<SyntaxNode?> RewriteAsync(Document document, SyntaxNode root, Diagnostic diagnostic, FixPlan plan, CancellationToken cancellationToken)
    {
        if (plan.EquivalenceKey == EquivalenceKey)
        {
            return Formatted(root, diagnostic) is var (original, replacement) ? root.ReplaceNode(original, replacement) : null;
        }

        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || Typed(root, diagnostic, out _, out var typed) is not { } write)
        {
            return null;
        }

        var newRoot = root.ReplaceNode(write, typed);
        if (newRoot is CompilationUnitSyntax unit && !UsingDirectives.IsInScope(model, write.SpanStart, "Microsoft.AspNetCore.Http", "HeaderDictionaryTypeExtensions"))
        {
            newRoot = UsingDirectives.Add(unit, "Microsoft.AspNetCore.Http");
        }

        return newRoot;
    }

    /// <summary>The formatting call or interpolation (the reported node) and its "R" form.</summary>
    private static (SyntaxNode, SyntaxNode)? Formatted(SyntaxNode root, Diagnostic diagnostic)
    {
        var utc = Data(diagnostic, CachingFixData.Utc) == CachingFixData.True;
        var node = Reported<SyntaxNode>(root, diagnostic);
        if (node is ArgumentSyntax argument)
        {
            node = argument.Expression;
        }

        SyntaxNode? replacement = node switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } invocation =>
                invocation.WithExpression(member.WithExpression(Universal(member.Expression, utc)))
                    .WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(
                        SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal("R"))))))
                    .WithTriviaFrom(invocation),
            InterpolationSyntax interpolation =>
                interpolation.WithExpression(Universal(interpolation.Expression, utc))
                    .WithAlignmentClause(null)
                    .WithFormatClause(SyntaxFactory.InterpolationFormatClause(
                        SyntaxFactory.Token(SyntaxKind.ColonToken),
                        SyntaxFactory.Token(default, SyntaxKind.InterpolatedStringTextToken, "R", "R", default))),
            _ => null,
        };
        return node is null || replacement is null ? null : (node, replacement);
    }

    /// <summary>The header write statement's expression (additional location 0) and <c>response.GetTypedHeaders().X = date</c>.</summary>
    private static ExpressionSyntax? Typed(SyntaxNode root, Diagnostic diagnostic, out string property, out ExpressionSyntax typed)
    {
        typed = null!;
        property = Data(diagnostic, CachingFixData.TypedHeader)!;
        if (property is null || diagnostic.AdditionalLocations.Count != 3 ||
            Target<ExpressionSyntax>(root, diagnostic, 0) is not { Parent: ExpressionStatementSyntax } write ||
            Target<ExpressionSyntax>(root, diagnostic, 1) is not { } owner ||
            Target<ExpressionSyntax>(root, diagnostic, 2) is not { } date)
        {
            return null;
        }

        typed = SyntaxFactory.ParseExpression(owner.WithoutTrivia() + ".GetTypedHeaders()." + property + " = " + date.WithoutTrivia()).WithTriviaFrom(write);
        return write;
    }

    private static ExpressionSyntax Universal(ExpressionSyntax value, bool utc)
    {
        if (utc)
        {
            return value;
        }

        var receiver = value.WithoutTrivia();
        if (receiver is not (IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax))
        {
            receiver = SyntaxFactory.ParenthesizedExpression(receiver);
        }

        return SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("ToUniversalTime")))
            .WithTriviaFrom(value);
    }
}
