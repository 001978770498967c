using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.Rules.Caching;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpAnalyzers.CodeFixes.Rules.Caching;

/// <summary>HTTP0014: <c>value.ToString()</c> → <c>value.ToUniversalTime().ToString("R")</c> (just <c>ToString("R")</c> when the value is already UTC or a <c>DateTimeOffset</c>); <c>{value}</c> → <c>{value.ToUniversalTime():R}</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HttpDateCodeFixProvider))]
[Shared]
public sealed class HttpDateCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = DiagnosticIds.HttpDateLocalFormat + ".Rfc1123";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.HttpDateLocalFormat);

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
            var utc = diagnostic.Properties.TryGetValue(HttpDateAnalyzer.UtcKey, out var u) && u == "true";
            var node = root.FindNode(diagnostic.Location.SourceSpan);
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

            if (replacement is null)
            {
                continue;
            }

            var original = node;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Format as IMF-fixdate in GMT (\"R\")",
                    ct => ReplaceAsync(context.Document, original, replacement, ct),
                    EquivalenceKey),
                diagnostic);
        }
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

    private static async Task<Document> ReplaceAsync(Document document, SyntaxNode original, SyntaxNode replacement, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(original, replacement));
    }
}
