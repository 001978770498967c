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
/// HTTP0052: <c>Request.Method == "GET"</c> → <c>HttpMethods.IsGet(Request.Method)</c> (<c>!=</c> negated, <c>Equals</c>
/// alike, a name without a helper → <c>HttpMethods.Equals(Request.Method, "PROPFIND")</c>); <c>is "POST" or "PUT"</c> →
/// <c>HttpMethods.IsPost(x) || HttpMethods.IsPut(x)</c>; <c>x is { Method: "GET" }</c> → <c>HttpMethods.IsGet(x.Method)</c>; <c>switch (Request.Method)</c> →
/// <c>switch (HttpMethods.GetCanonicalizedValue(Request.Method))</c> with known method names in upper case.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MethodComparisonCodeFixProvider))]
[Shared]
public sealed class MethodComparisonCodeFixProvider : FixDataCodeFixProvider
{
    private const string EquivalenceKey = DiagnosticIds.MethodComparedWithLiteral + ".UseHttpMethods";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MethodComparedWithLiteral);

    protected override IEnumerable<FixPlan> Plan(Diagnostic diagnostic, SyntaxNode root)
    {
        if (Data(diagnostic, SemanticsFixData.Shape) is { } shape)
        {
            yield return new FixPlan(shape == SemanticsFixData.Switch ? "Switch on HttpMethods.GetCanonicalizedValue" : "Use the HttpMethods helpers", EquivalenceKey);
        }
    }

    protected override SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic, FixPlan plan)
    {
        SyntaxNode? target;
        ExpressionSyntax? replacement;
        switch (Data(diagnostic, SemanticsFixData.Shape))
        {
            case SemanticsFixData.Equal or SemanticsFixData.NotEqual:
                target = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (diagnostic.AdditionalLocations.Count != 1 || Data(diagnostic, SemanticsFixData.Method) is not { } method ||
                    root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value)
                {
                    return null;
                }

                replacement = Is(value, method);
                if (Data(diagnostic, SemanticsFixData.Shape) == SemanticsFixData.NotEqual)
                {
                    replacement = SyntaxFactory.PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, replacement);
                }

                break;
            case SemanticsFixData.Pattern:
                if (diagnostic.AdditionalLocations.Count != 2 ||
                    root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not IsPatternExpressionSyntax isPattern ||
                    root.FindNode(diagnostic.AdditionalLocations[1].SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax subject ||
                    FromPattern(isPattern.Pattern, subject) is not { } built)
                {
                    return null;
                }

                target = isPattern;
                replacement = SyntaxFactory.ParenthesizedExpression(built);
                break;
            case SemanticsFixData.PropertyPattern:
                // x is { Method: "GET" } / x is { Request.Method: "GET" }: the pattern applied to x.Method / x.Request.Method.
                if (diagnostic.AdditionalLocations.Count != 2 ||
                    root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not IsPatternExpressionSyntax { Pattern: RecursivePatternSyntax { PropertyPatternClause.Subpatterns: { Count: 1 } subpatterns } } propertyPattern ||
                    root.FindNode(diagnostic.AdditionalLocations[1].SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax owner ||
                    MemberPath((ExpressionSyntax?)subpatterns[0].NameColon?.Name ?? subpatterns[0].ExpressionColon?.Expression, owner.WithoutTrivia()) is not { } methodValue ||
                    FromPattern(subpatterns[0].Pattern, methodValue) is not { } fromProperty)
                {
                    return null;
                }

                target = propertyPattern;
                replacement = SyntaxFactory.ParenthesizedExpression(fromProperty);
                break;
            case SemanticsFixData.Switch:
                return FixSwitch(root, diagnostic);
            default:
                return null;
        }

        if (target is not ExpressionSyntax expression || expression.ContainsDiagnostics)
        {
            return null;
        }

        replacement = replacement.WithTriviaFrom(expression).WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
        return root.ReplaceNode(expression, replacement);
    }

    private static SyntaxNode? FixSwitch(SyntaxNode root, Diagnostic diagnostic)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax governing || governing.ContainsDiagnostics)
        {
            return null;
        }

        var owner = governing.Parent is SwitchStatementSyntax or SwitchExpressionSyntax ? governing.Parent : null;
        if (owner is null)
        {
            return null;
        }

        // Known method names compare against the canonical upper-case constants after canonicalization.
        var literals = new List<LiteralExpressionSyntax>();
        foreach (var node in owner.DescendantNodes())
        {
            if (node is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) && IsInLabel(literal, owner) &&
                SemanticsFixData.IsHelper(literal.Token.ValueText) is not null && literal.Token.ValueText != literal.Token.ValueText.ToUpperInvariant())
            {
                literals.Add(literal);
            }
        }

        var canonical = Call("GetCanonicalizedValue", governing.WithoutTrivia()).WithTriviaFrom(governing).WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
        var nodes = new List<SyntaxNode>(literals) { governing };
        var newRoot = root.ReplaceNodes(nodes, (original, _) => original == governing
            ? canonical
            : SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(((LiteralExpressionSyntax)original).Token.ValueText.ToUpperInvariant())).WithTriviaFrom(original));
        return newRoot;
    }

    private static bool IsInLabel(SyntaxNode node, SyntaxNode owner)
    {
        for (var current = node.Parent; current is not null && current != owner; current = current.Parent)
        {
            if (current is CaseSwitchLabelSyntax or CasePatternSwitchLabelSyntax)
            {
                return true;
            }

            if (current is SwitchExpressionArmSyntax arm)
            {
                return arm.Pattern.Span.Contains(node.Span);
            }

            if (current is StatementSyntax)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>A pattern of string constants with <c>or</c>/<c>and</c>/<c>not</c> as calls; null for anything else.</summary>
    private static ExpressionSyntax? FromPattern(PatternSyntax pattern, ExpressionSyntax subject)
    {
        switch (pattern)
        {
            case ConstantPatternSyntax { Expression: LiteralExpressionSyntax literal } when literal.IsKind(SyntaxKind.StringLiteralExpression):
                return Is(subject, literal.Token.ValueText);
            case BinaryPatternSyntax binary when FromPattern(binary.Left, subject) is { } left && FromPattern(binary.Right, subject) is { } right:
                return SyntaxFactory.BinaryExpression(
                    binary.IsKind(SyntaxKind.OrPattern) ? SyntaxKind.LogicalOrExpression : SyntaxKind.LogicalAndExpression,
                    Parenthesize(left),
                    Parenthesize(right));
            case UnaryPatternSyntax unary when FromPattern(unary.Pattern, subject) is { } operand:
                return SyntaxFactory.PrefixUnaryExpression(
                    SyntaxKind.LogicalNotExpression,
                    operand is ParenthesizedExpressionSyntax ? operand : SyntaxFactory.ParenthesizedExpression(operand).WithAdditionalAnnotations(Simplifier.Annotation));
            case ParenthesizedPatternSyntax parenthesized when FromPattern(parenthesized.Pattern, subject) is { } inner:
                return inner is BinaryExpressionSyntax ? SyntaxFactory.ParenthesizedExpression(inner).WithAdditionalAnnotations(Simplifier.Annotation) : inner;
            default:
                return null;
        }
    }

    /// <summary><c>Method</c> or <c>Request.Method</c> of a property pattern, read from <paramref name="owner"/>: <c>owner.Request.Method</c>.</summary>
    private static ExpressionSyntax? MemberPath(ExpressionSyntax? path, ExpressionSyntax owner)
    {
        switch (path)
        {
            case IdentifierNameSyntax name:
                var receiver = owner is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ThisExpressionSyntax
                    ? owner
                    : SyntaxFactory.ParenthesizedExpression(owner);
                return SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, name.WithoutTrivia());
            case MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } access when MemberPath(access.Expression, owner) is { } inner:
                return SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, inner, access.Name.WithoutTrivia());
            default:
                return null;
        }
    }

    private static ExpressionSyntax Parenthesize(ExpressionSyntax expression)
        => expression is BinaryExpressionSyntax ? SyntaxFactory.ParenthesizedExpression(expression).WithAdditionalAnnotations(Simplifier.Annotation) : expression;

    /// <summary><c>HttpMethods.IsGet(value)</c>, or <c>HttpMethods.Equals(value, "NAME")</c> for a name without a helper.</summary>
    private static ExpressionSyntax Is(ExpressionSyntax value, string method)
    {
        var subject = value.WithoutTrivia();
        return SemanticsFixData.IsHelper(method) is { } helper
            ? Call(helper, subject)
            : Call("Equals", subject, SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(method)));
    }

    private static InvocationExpressionSyntax Call(string name, params ExpressionSyntax[] arguments)
    {
        var list = new List<ArgumentSyntax>(arguments.Length);
        foreach (var argument in arguments)
        {
            list.Add(SyntaxFactory.Argument(argument));
        }

        return SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    SyntaxFactory.ParseExpression("Microsoft.AspNetCore.Http.HttpMethods").WithAdditionalAnnotations(Simplifier.Annotation),
                    SyntaxFactory.IdentifierName(name)),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(list)))
            .WithAdditionalAnnotations(Simplifier.Annotation);
    }
}
