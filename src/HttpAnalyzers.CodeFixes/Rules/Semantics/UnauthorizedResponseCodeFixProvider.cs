using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.Rules.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace HttpAnalyzers.CodeFixes.Rules.Semantics;

/// <summary>
/// HTTP0055: answers 403 in the original form: <c>Unauthorized()</c> → <c>Forbid()</c>, <c>Results.Unauthorized()</c> →
/// <c>Results.Forbid()</c>, <c>new UnauthorizedResult()</c> → <c>new ForbidResult()</c>, <c>StatusCode(401)</c> →
/// <c>StatusCode(403)</c>, <c>Response.StatusCode = StatusCodes.Status401Unauthorized</c> → <c>Status403Forbidden</c>.
/// The analyzer passes the node and its replacement; no replacement, no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnauthorizedResponseCodeFixProvider))]
[Shared]
public sealed class UnauthorizedResponseCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = DiagnosticIds.UnauthorizedForAuthenticatedCaller + ".Forbid";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnauthorizedForAuthenticatedCaller);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.AdditionalLocations.Count == 1 &&
                diagnostic.Properties.TryGetValue(UnauthorizedResponseFix.ReplacementKey, out var replacement) && replacement is not null)
            {
                var span = diagnostic.AdditionalLocations[0].SourceSpan;
                context.RegisterCodeFix(
                    CodeAction.Create("Answer 403 Forbidden", ct => ReplaceAsync(context.Document, span, replacement, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    private static async Task<Document> ReplaceAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, string replacement, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root?.FindNode(span, getInnermostNodeForTie: true) is not ExpressionSyntax node || node.ContainsDiagnostics)
        {
            return document;
        }

        var created = node.Parent is BaseObjectCreationExpressionSyntax creation && creation is ObjectCreationExpressionSyntax { Type: var type } && type == node
            ? SyntaxFactory.ParseTypeName(replacement)
            : SyntaxFactory.ParseExpression(replacement);
        // Qualified names (StatusCodes, HttpStatusCode, ForbidResult) shrink to what the usings allow.
        created = created.ReplaceNodes(
            created.DescendantNodesAndSelf(),
            static (_, rewritten) => rewritten is MemberAccessExpressionSyntax or QualifiedNameSyntax ? rewritten.WithAdditionalAnnotations(Simplifier.Annotation) : rewritten);
        created = created.WithTriviaFrom(node).WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
        return document.WithSyntaxRoot(root.ReplaceNode(node, created));
    }
}
