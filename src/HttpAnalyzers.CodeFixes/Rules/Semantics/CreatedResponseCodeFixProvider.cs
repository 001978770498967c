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

namespace HttpAnalyzers.CodeFixes.Rules.Semantics;

/// <summary>
/// HTTP0053: <c>Ok(order)</c> → <c>CreatedAtAction(nameof(GetById), new { id = order.Id }, order)</c>;
/// <c>Results.Ok(order)</c> → <c>Results.Created($"/orders/{order.Id}", order)</c> (<c>TypedResults</c> likewise). Offered
/// only when the analyzer found the GET action or route that serves the new resource and the entity's key; the
/// <c>Ok(…)</c> call is its additional location.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CreatedResponseCodeFixProvider))]
[Shared]
public sealed class CreatedResponseCodeFixProvider : FixDataCodeFixProvider
{
    private const string EquivalenceKey = DiagnosticIds.CreationWithoutCreated + ".ReturnCreated";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.CreationWithoutCreated);

    protected override IEnumerable<FixPlan> Plan(Diagnostic diagnostic, SyntaxNode root)
    {
        if (Data(diagnostic, SemanticsFixData.Entity) is null || Data(diagnostic, SemanticsFixData.Key) is null || Ok(root, diagnostic) is null)
        {
            yield break;
        }

        switch (Data(diagnostic, SemanticsFixData.Shape))
        {
            case SemanticsFixData.CreatedAtAction when Data(diagnostic, SemanticsFixData.Action) is { } action && Data(diagnostic, SemanticsFixData.RouteValue) is not null:
                yield return new FixPlan("Return CreatedAtAction(nameof(" + action + "), …)", EquivalenceKey);
                break;
            case SemanticsFixData.Created when Data(diagnostic, SemanticsFixData.Prefix) is not null && Data(diagnostic, SemanticsFixData.Suffix) is not null:
                yield return new FixPlan("Return Created with the new resource's location", EquivalenceKey);
                break;
        }
    }

    protected override SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic, FixPlan plan)
    {
        if (Ok(root, diagnostic) is not { } ok)
        {
            return null;
        }

        var keyAccess = Data(diagnostic, SemanticsFixData.Entity) + "." + Data(diagnostic, SemanticsFixData.Key);
        ArgumentSyntax[] leading;
        string name;
        if (Data(diagnostic, SemanticsFixData.Shape) == SemanticsFixData.CreatedAtAction)
        {
            name = "CreatedAtAction";
            leading =
            [
                SyntaxFactory.Argument(SyntaxFactory.ParseExpression("nameof(" + Data(diagnostic, SemanticsFixData.Action) + ")")),
                SyntaxFactory.Argument(SyntaxFactory.ParseExpression("new { " + Data(diagnostic, SemanticsFixData.RouteValue) + " = " + keyAccess + " }")),
            ];
        }
        else
        {
            name = "Created";
            var location = "$\"" + Escape(Data(diagnostic, SemanticsFixData.Prefix)!) + "{" + keyAccess + "}" + Escape(Data(diagnostic, SemanticsFixData.Suffix)!) + "\"";
            leading = [SyntaxFactory.Argument(SyntaxFactory.ParseExpression(location))];
        }

        var expression = ok.Expression switch
        {
            MemberAccessExpressionSyntax member => member.WithName(SemanticsFixes.Renamed(member.Name, name)),
            SimpleNameSyntax simple => SemanticsFixes.Renamed(simple, name),
            _ => ok.Expression,
        };
        var replacement = ok.WithExpression(expression)
            .WithArgumentList(ok.ArgumentList.WithArguments(ok.ArgumentList.Arguments.InsertRange(0, leading)))
            .WithAdditionalAnnotations(Formatter.Annotation);
        return root.ReplaceNode(ok, replacement);
    }

    /// <summary>The <c>Ok(value)</c> call (additional location 0).</summary>
    private static InvocationExpressionSyntax? Ok(SyntaxNode root, Diagnostic diagnostic)
        => Target<InvocationExpressionSyntax>(root, diagnostic, 0) is { ArgumentList.Arguments.Count: 1 } ok ? ok : null;

    /// <summary>Text for an interpolated string: braces doubled, quotes and backslashes escaped.</summary>
    private static string Escape(string text)
        => text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("{", "{{").Replace("}", "}}");
}
