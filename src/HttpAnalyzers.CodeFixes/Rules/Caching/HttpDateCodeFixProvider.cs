using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.CodeFixes.Infrastructure;
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
    private const string TypedEquivalenceKey = DiagnosticIds.HttpDateLocalFormat + ".TypedHeader";

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

            if (diagnostic.Properties.TryGetValue(HttpDateAnalyzer.TypedPropertyKey, out var property) && property is not null &&
                diagnostic.AdditionalLocations.Count == 3 &&
                root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan) is ExpressionSyntax write &&
                root.FindNode(diagnostic.AdditionalLocations[1].SourceSpan) is ExpressionSyntax owner &&
                root.FindNode(diagnostic.AdditionalLocations[2].SourceSpan) is ExpressionSyntax date &&
                write.Parent is ExpressionStatementSyntax)
            {
                var typed = SyntaxFactory.ParseExpression(owner.WithoutTrivia() + ".GetTypedHeaders()." + property + " = " + date.WithoutTrivia())
                    .WithTriviaFrom(write);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Use the typed header (GetTypedHeaders()." + property + ")",
                        ct => ReplaceWithTypedAsync(context.Document, write, typed, ct),
                        TypedEquivalenceKey),
                    diagnostic);
            }
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

    private static async Task<Document> ReplaceWithTypedAsync(Document document, SyntaxNode original, SyntaxNode replacement, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var position = original.SpanStart;
        var newRoot = root.ReplaceNode(original, replacement);
        if (newRoot is CompilationUnitSyntax unit && !UsingDirectives.IsInScope(model, position, "Microsoft.AspNetCore.Http", "HeaderDictionaryTypeExtensions"))
        {
            newRoot = UsingDirectives.Add(unit, "Microsoft.AspNetCore.Http");
        }

        return document.WithSyntaxRoot(newRoot);
    }

    private static async Task<Document> ReplaceAsync(Document document, SyntaxNode original, SyntaxNode replacement, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(original, replacement));
    }
}
