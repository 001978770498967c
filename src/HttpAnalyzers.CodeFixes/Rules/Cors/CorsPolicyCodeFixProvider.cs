using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.CodeFixes.Infrastructure;
using HttpAnalyzers.Rules.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace HttpAnalyzers.CodeFixes.Rules.Cors;

/// <summary>
/// HTTP0030: remove <c>AllowCredentials()</c> (or the hand-written <c>Access-Control-Allow-Credentials</c> write).
/// HTTP0031: strip the trailing slash / path / default port — in the literal, in the constant's declaration (possibly in
/// another document) or in the interpolation's last literal part —, split joined origins, add
/// <c>SetIsOriginAllowedToAllowWildcardSubdomains()</c>. HTTP0033: use the defined policy name closest in spelling, in
/// the literal or in the constant's declaration. What to do comes from <see cref="CorsFixData"/>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CorsPolicyCodeFixProvider))]
[Shared]
public sealed class CorsPolicyCodeFixProvider : FixDataCodeFixProvider
{
    private const string RemoveCredentialsKey = DiagnosticIds.CorsAnyOriginWithCredentials + ".RemoveCredentials";
    private const string NormalizeKey = DiagnosticIds.CorsOriginNeverMatches + ".Normalize";
    private const string SplitKey = DiagnosticIds.CorsOriginNeverMatches + ".Split";
    private const string WildcardKey = DiagnosticIds.CorsOriginNeverMatches + ".Wildcard";
    private const string RenameKey = DiagnosticIds.CorsPolicyNotDefined + ".Rename";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticIds.CorsAnyOriginWithCredentials,
        DiagnosticIds.CorsOriginNeverMatches,
        DiagnosticIds.CorsPolicyNotDefined);

    protected override IEnumerable<FixPlan> Plan(Diagnostic diagnostic, SyntaxNode root)
    {
        var kind = Data(diagnostic, CorsFixData.Kind);
        var value = Data(diagnostic, CorsFixData.Value);
        var isOrigin = diagnostic.Id == DiagnosticIds.CorsOriginNeverMatches;
        switch (kind)
        {
            case CorsFixData.RemoveCall when diagnostic.Id == DiagnosticIds.CorsAnyOriginWithCredentials && CredentialsRemoval(root, diagnostic) is not null:
                yield return new FixPlan("Remove AllowCredentials()", RemoveCredentialsKey, kind);
                break;
            case CorsFixData.Replace when value is not null && ReportedString(root, diagnostic) is not null:
                yield return isOrigin
                    ? new FixPlan($"Use origin '{value}'", NormalizeKey, kind)
                    : new FixPlan($"Use the defined policy '{value}'", RenameKey, kind);
                break;
            case CorsFixData.ReplaceConstant when value is not null && diagnostic.AdditionalLocations.Count == 1 && diagnostic.AdditionalLocations[0].IsInSource:
                yield return isOrigin
                    ? new FixPlan($"Use origin '{value}' in the constant", NormalizeKey, kind)
                    : new FixPlan($"Use the defined policy '{value}' in the constant", RenameKey, kind);
                break;
            case CorsFixData.TrimInterpolation when isOrigin && value is { Length: > 0 } && TrimmedText(Reported<InterpolatedStringExpressionSyntax>(root, diagnostic), value) is not null:
                yield return new FixPlan($"Remove '{value}' from the origin", NormalizeKey, kind);
                break;
            case CorsFixData.Split when isOrigin && value is not null && ReportedString(root, diagnostic) is { } literal && SplitTarget(literal) is not null:
                yield return new FixPlan("Pass each origin as its own argument", SplitKey, kind);
                break;
            case CorsFixData.Wildcard when isOrigin && WithOriginsCall(root, diagnostic) is not null:
                yield return new FixPlan("Add SetIsOriginAllowedToAllowWildcardSubdomains()", WildcardKey, kind);
                break;
        }
    }

    protected override Task<Solution> ApplyAsync(Document document, Diagnostic diagnostic, FixPlan plan, CancellationToken cancellationToken)
        => plan.Action == CorsFixData.ReplaceConstant
            ? ReplaceConstantAsync(document.Project.Solution, diagnostic, cancellationToken)
            : base.ApplyAsync(document, diagnostic, plan, cancellationToken);

    protected override SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic, FixPlan plan)
    {
        var value = Data(diagnostic, CorsFixData.Value);
        switch (plan.Action)
        {
            case CorsFixData.RemoveCall:
                return CredentialsRemoval(root, diagnostic) switch
                {
                    (StatementSyntax statement, null) => root.RemoveNode(statement.Parent is GlobalStatementSyntax global ? global : statement, SyntaxRemoveOptions.KeepNoTrivia),
                    (InvocationExpressionSyntax invocation, ExpressionSyntax receiver) => root.ReplaceNode(invocation, receiver.WithTrailingTrivia(invocation.GetTrailingTrivia())),
                    _ => null,
                };
            case CorsFixData.Replace when value is not null && ReportedString(root, diagnostic) is { } literal:
                return root.ReplaceNode(literal, StringLiteral(value).WithTriviaFrom(literal));
            case CorsFixData.TrimInterpolation when value is not null && Reported<InterpolatedStringExpressionSyntax>(root, diagnostic) is { } interpolated &&
                                                    TrimmedText(interpolated, value) is { } trimmed:
                return root.ReplaceNode(interpolated, trimmed);
            case CorsFixData.Split when value is not null && ReportedString(root, diagnostic) is { } joined:
                return Split(root, joined, value.Split('\n'));
            case CorsFixData.Wildcard when WithOriginsCall(root, diagnostic) is { } withOrigins:
                var call = SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(
                            SyntaxKind.SimpleMemberAccessExpression,
                            withOrigins.WithoutTrailingTrivia(),
                            SyntaxFactory.IdentifierName("SetIsOriginAllowedToAllowWildcardSubdomains")))
                    .WithTrailingTrivia(withOrigins.GetTrailingTrivia());
                return root.ReplaceNode(withOrigins, call);
            default:
                return null;
        }
    }

    /// <summary>Replaces the literal that initialises the constant (additional location 0, in whichever document declares it).</summary>
    private static async Task<Solution> ReplaceConstantAsync(Solution solution, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var location = diagnostic.AdditionalLocations[0];
        if (Data(diagnostic, CorsFixData.Value) is not { } value || solution.GetDocument(location.SourceTree) is not { } target ||
            await target.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root ||
            !root.FullSpan.Contains(location.SourceSpan) ||
            root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal ||
            !literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.Span != location.SourceSpan)
        {
            return solution;
        }

        return solution.WithDocumentSyntaxRoot(target.Id, root.ReplaceNode(literal, StringLiteral(value).WithTriviaFrom(literal)));
    }

    private static LiteralExpressionSyntax? ReportedString(SyntaxNode root, Diagnostic diagnostic)
        => Reported<LiteralExpressionSyntax>(root, diagnostic) is { } literal && literal.IsKind(SyntaxKind.StringLiteralExpression) && literal.Span == diagnostic.Location.SourceSpan
            ? literal
            : null;

    /// <summary>
    /// What removing the reported <c>AllowCredentials()</c> removes: the statement (<c>builder.AllowCredentials();</c>, or a
    /// hand-written header write), or the call in a chain together with its receiver that replaces it.
    /// </summary>
    private static (SyntaxNode Node, ExpressionSyntax? Receiver)? CredentialsRemoval(SyntaxNode root, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        if (!root.FullSpan.Contains(span))
        {
            return null;
        }

        var node = root.FindNode(span, getInnermostNodeForTie: true);
        if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AllowCredentials" } access } invocation &&
            access.Name.SpanStart == span.Start)
        {
            if (access.Expression is not IdentifierNameSyntax)
            {
                return (invocation, access.Expression);
            }

            // `builder.AllowCredentials();` on its own: drop the statement.
            return invocation.Parent is ExpressionStatementSyntax { Parent: BlockSyntax or GlobalStatementSyntax } statement ? (statement, null) : null;
        }

        return node.FirstAncestorOrSelf<ExpressionStatementSyntax>() is { Parent: BlockSyntax or GlobalStatementSyntax } written && written.Expression.Span == span
            ? (written, null)
            : null;
    }

    /// <summary>The interpolated string with <paramref name="suffix"/> removed from its last text part (the part goes when nothing is left), or null.</summary>
    private static InterpolatedStringExpressionSyntax? TrimmedText(InterpolatedStringExpressionSyntax? interpolated, string suffix)
    {
        if (interpolated is not { Contents.Count: > 0 } ||
            !interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedStringStartToken) && !interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedVerbatimStringStartToken) ||
            interpolated.Contents[interpolated.Contents.Count - 1] is not InterpolatedStringTextSyntax last ||
            !last.TextToken.Text.EndsWith(suffix, System.StringComparison.Ordinal) ||
            !last.TextToken.ValueText.EndsWith(suffix, System.StringComparison.Ordinal))
        {
            return null;
        }

        var token = last.TextToken;
        var text = token.Text.Substring(0, token.Text.Length - suffix.Length);
        if (text.Length == 0)
        {
            return interpolated.WithContents(interpolated.Contents.Remove(last));
        }

        var trimmed = SyntaxFactory.Token(token.LeadingTrivia, SyntaxKind.InterpolatedStringTextToken, text, token.ValueText.Substring(0, token.ValueText.Length - suffix.Length), token.TrailingTrivia);
        return interpolated.WithContents(interpolated.Contents.Replace(last, last.WithTextToken(trimmed)));
    }

    /// <summary>The <c>WithOrigins(…)</c> call that holds the reported origin.</summary>
    private static InvocationExpressionSyntax? WithOriginsCall(SyntaxNode root, Diagnostic diagnostic)
        => Reported<SyntaxNode>(root, diagnostic)?.AncestorsAndSelf().OfType<InvocationExpressionSyntax>()
            .FirstOrDefault(i => i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WithOrigins" });

    private static SyntaxNode? SplitTarget(LiteralExpressionSyntax literal) => literal.Parent switch
    {
        ArgumentSyntax { Parent: ArgumentListSyntax list } => list,
        InitializerExpressionSyntax initializer => initializer,
        ExpressionElementSyntax { Parent: CollectionExpressionSyntax collection } => collection,
        _ => null,
    };

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
