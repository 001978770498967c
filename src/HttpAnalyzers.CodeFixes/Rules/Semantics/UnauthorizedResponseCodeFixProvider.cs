using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using HttpAnalyzers.CodeFixes.Infrastructure;
using HttpAnalyzers.Rules.Semantics;
using Microsoft.CodeAnalysis;
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
public sealed class UnauthorizedResponseCodeFixProvider : FixDataCodeFixProvider
{
    private const string EquivalenceKey = DiagnosticIds.UnauthorizedForAuthenticatedCaller + ".Forbid";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnauthorizedForAuthenticatedCaller);

    protected override IEnumerable<FixPlan> Plan(Diagnostic diagnostic, SyntaxNode root)
    {
        if (diagnostic.AdditionalLocations.Count == 1 && Data(diagnostic, SemanticsFixData.Replacement) is not null)
        {
            yield return new FixPlan("Answer 403 Forbidden", EquivalenceKey);
        }
    }

    protected override SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic, FixPlan plan)
    {
        if (Target<ExpressionSyntax>(root, diagnostic, 0) is not { ContainsDiagnostics: false } node ||
            Data(diagnostic, SemanticsFixData.Replacement) is not { } replacement)
        {
            return null;
        }

        var created = node.Parent is BaseObjectCreationExpressionSyntax creation && creation is ObjectCreationExpressionSyntax { Type: var type } && type == node
            ? SyntaxFactory.ParseTypeName(replacement)
            : SyntaxFactory.ParseExpression(replacement);
        // Qualified names (StatusCodes, HttpStatusCode, ForbidResult) shrink to what the usings allow.
        created = created.ReplaceNodes(
            created.DescendantNodesAndSelf(),
            static (_, rewritten) => rewritten is MemberAccessExpressionSyntax or QualifiedNameSyntax ? rewritten.WithAdditionalAnnotations(Simplifier.Annotation) : rewritten);
        created = created.WithTriviaFrom(node).WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
        return root.ReplaceNode(node, created);
    }
}
