using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.Rules.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace HttpAnalyzers.CodeFixes.Rules.Cors;

/// <summary>
/// HTTP0030: remove <c>AllowCredentials()</c> (or the hand-written <c>Access-Control-Allow-Credentials</c> write).
/// HTTP0031: strip the trailing slash / path / default port, split joined origins, add
/// <c>SetIsOriginAllowedToAllowWildcardSubdomains()</c>. HTTP0033: use the defined policy name closest in spelling.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CorsPolicyCodeFixProvider))]
[Shared]
public sealed class CorsPolicyCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticIds.CorsAnyOriginWithCredentials,
        DiagnosticIds.CorsOriginNeverMatches,
        DiagnosticIds.CorsPolicyNotDefined);

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
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var properties = diagnostic.Properties;
            switch (diagnostic.Id)
            {
                case DiagnosticIds.CorsAnyOriginWithCredentials:
                    RegisterRemoveCredentials(context, diagnostic, root, node);
                    break;
                case DiagnosticIds.CorsOriginNeverMatches:
                    RegisterOriginFix(context, diagnostic, root, node);
                    break;
                case DiagnosticIds.CorsPolicyNotDefined when properties.TryGetValue(CorsPolicyAnalyzer.ValueKey, out var name) && name is not null &&
                                                            node is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression):
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Use the defined policy '{name}'",
                            _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(literal, StringLiteral(name).WithTriviaFrom(literal)))),
                            equivalenceKey: DiagnosticIds.CorsPolicyNotDefined + ".Rename"),
                        diagnostic);
                    break;
            }
        }
    }

    private static void RegisterRemoveCredentials(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root, SyntaxNode node)
    {
        SyntaxNode? newRoot = null;
        var invocation = node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        if (invocation is { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AllowCredentials" } access } &&
            access.Name.SpanStart == diagnostic.Location.SourceSpan.Start)
        {
            if (access.Expression is IdentifierNameSyntax)
            {
                // `builder.AllowCredentials();` on its own: drop the statement.
                if (invocation.Parent is ExpressionStatementSyntax statement && statement.Parent is BlockSyntax or GlobalStatementSyntax)
                {
                    newRoot = root.RemoveNode(statement.Parent is GlobalStatementSyntax global ? global : statement, SyntaxRemoveOptions.KeepNoTrivia);
                }
            }
            else
            {
                newRoot = root.ReplaceNode(invocation, access.Expression.WithTrailingTrivia(invocation.GetTrailingTrivia()));
            }
        }
        else if (node.FirstAncestorOrSelf<ExpressionStatementSyntax>() is { Parent: BlockSyntax or GlobalStatementSyntax } statement && statement.Expression.Span == diagnostic.Location.SourceSpan)
        {
            newRoot = root.RemoveNode(statement.Parent is GlobalStatementSyntax global ? global : statement, SyntaxRemoveOptions.KeepNoTrivia);
        }

        if (newRoot is null)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                "Remove AllowCredentials()",
                _ => Task.FromResult(context.Document.WithSyntaxRoot(newRoot)),
                equivalenceKey: DiagnosticIds.CorsAnyOriginWithCredentials + ".RemoveCredentials"),
            diagnostic);
    }

    private static void RegisterOriginFix(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root, SyntaxNode node)
    {
        if (!diagnostic.Properties.TryGetValue(CorsPolicyAnalyzer.FixKey, out var fix) || fix is null)
        {
            return;
        }

        var document = context.Document;
        switch (fix)
        {
            case CorsPolicyAnalyzer.FixReplace when node is LiteralExpressionSyntax literal &&
                                                    diagnostic.Properties.TryGetValue(CorsPolicyAnalyzer.ValueKey, out var value) && value is not null:
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Use origin '{value}'",
                        _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(literal, StringLiteral(value).WithTriviaFrom(literal)))),
                        equivalenceKey: DiagnosticIds.CorsOriginNeverMatches + ".Normalize"),
                    diagnostic);
                break;

            case CorsPolicyAnalyzer.FixSplit when node is LiteralExpressionSyntax literal &&
                                                  diagnostic.Properties.TryGetValue(CorsPolicyAnalyzer.ValueKey, out var joined) && joined is not null:
                var parts = joined.Split('\n');
                var replaced = Split(root, literal, parts);
                if (replaced is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Pass each origin as its own argument",
                            _ => Task.FromResult(document.WithSyntaxRoot(replaced)),
                            equivalenceKey: DiagnosticIds.CorsOriginNeverMatches + ".Split"),
                        diagnostic);
                }

                break;

            case CorsPolicyAnalyzer.FixWildcard:
                var withOrigins = node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>()
                    .FirstOrDefault(i => i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WithOrigins" });
                if (withOrigins is null)
                {
                    return;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Add SetIsOriginAllowedToAllowWildcardSubdomains()",
                        _ =>
                        {
                            var call = SyntaxFactory.InvocationExpression(
                                SyntaxFactory.MemberAccessExpression(
                                    SyntaxKind.SimpleMemberAccessExpression,
                                    withOrigins.WithoutTrailingTrivia(),
                                    SyntaxFactory.IdentifierName("SetIsOriginAllowedToAllowWildcardSubdomains")))
                                .WithTrailingTrivia(withOrigins.GetTrailingTrivia());
                            return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(withOrigins, call)));
                        },
                        equivalenceKey: DiagnosticIds.CorsOriginNeverMatches + ".Wildcard"),
                    diagnostic);
                break;
        }
    }

    private static SyntaxNode? Split(SyntaxNode root, LiteralExpressionSyntax literal, string[] parts)
    {
        var literals = parts.Select(p => (ExpressionSyntax)StringLiteral(p)).ToList();
        switch (literal.Parent)
        {
            case ArgumentSyntax { Parent: ArgumentListSyntax list } argument:
                var arguments = list.Arguments.ReplaceRange(argument, literals.Select(l => SyntaxFactory.Argument(l)));
                return root.ReplaceNode(list, list.WithArguments(arguments).WithAdditionalAnnotations(Formatter.Annotation));
            case InitializerExpressionSyntax initializer:
                return root.ReplaceNode(initializer, initializer.WithExpressions(initializer.Expressions.ReplaceRange(literal, literals)).WithAdditionalAnnotations(Formatter.Annotation));
            case ExpressionElementSyntax { Parent: CollectionExpressionSyntax collection } element:
                return root.ReplaceNode(collection, collection.WithElements(collection.Elements.ReplaceRange(element, literals.Select(l => (CollectionElementSyntax)SyntaxFactory.ExpressionElement(l)))).WithAdditionalAnnotations(Formatter.Annotation));
            default:
                return null;
        }
    }

    private static LiteralExpressionSyntax StringLiteral(string value)
        => SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value));
}
