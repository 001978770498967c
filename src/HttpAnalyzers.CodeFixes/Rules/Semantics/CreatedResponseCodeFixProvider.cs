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

namespace HttpAnalyzers.CodeFixes.Rules.Semantics;

/// <summary>
/// HTTP0053: <c>Ok(order)</c> → <c>CreatedAtAction(nameof(GetById), new { id = order.Id }, order)</c>;
/// <c>Results.Ok(order)</c> → <c>Results.Created($"/orders/{order.Id}", order)</c> (<c>TypedResults</c> likewise). Offered
/// only when the analyzer found the GET action or route that serves the new resource and the entity's key.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CreatedResponseCodeFixProvider))]
[Shared]
public sealed class CreatedResponseCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = DiagnosticIds.CreationWithoutCreated + ".ReturnCreated";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.CreationWithoutCreated);

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
            var properties = diagnostic.Properties;
            if (!properties.TryGetValue(CreatedResponseAnalyzer.ShapeProperty, out var shape) ||
                !properties.TryGetValue(CreatedResponseAnalyzer.EntityProperty, out var entity) || entity is null ||
                !properties.TryGetValue(CreatedResponseAnalyzer.KeyProperty, out var key) || key is null ||
                root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { ArgumentList.Arguments.Count: 1 } ok)
            {
                continue;
            }

            var keyAccess = entity + "." + key;
            if (shape == CreatedResponseAnalyzer.ActionShape &&
                properties.TryGetValue(CreatedResponseAnalyzer.ActionProperty, out var action) && action is not null &&
                properties.TryGetValue(CreatedResponseAnalyzer.RouteValueProperty, out var routeValue) && routeValue is not null)
            {
                var arguments = new[]
                {
                    SyntaxFactory.Argument(SyntaxFactory.ParseExpression("nameof(" + action + ")")),
                    SyntaxFactory.Argument(SyntaxFactory.ParseExpression("new { " + routeValue + " = " + keyAccess + " }")),
                };
                context.RegisterCodeFix(
                    CodeAction.Create("Return CreatedAtAction(nameof(" + action + "), …)", ct => ReplaceAsync(context.Document, ok, "CreatedAtAction", arguments, ct), EquivalenceKey),
                    diagnostic);
            }
            else if (shape == CreatedResponseAnalyzer.CreatedShape &&
                     properties.TryGetValue(CreatedResponseAnalyzer.PrefixProperty, out var prefix) && prefix is not null &&
                     properties.TryGetValue(CreatedResponseAnalyzer.SuffixProperty, out var suffix) && suffix is not null)
            {
                var location = SyntaxFactory.ParseExpression("$\"" + Escape(prefix) + "{" + keyAccess + "}" + Escape(suffix) + "\"");
                context.RegisterCodeFix(
                    CodeAction.Create("Return Created with the new resource's location", ct => ReplaceAsync(context.Document, ok, "Created", [SyntaxFactory.Argument(location)], ct), EquivalenceKey),
                    diagnostic);
            }
        }
    }

    /// <summary>Text for an interpolated string: braces doubled, quotes and backslashes escaped.</summary>
    private static string Escape(string text)
        => text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("{", "{{").Replace("}", "}}");

    private static async Task<Document> ReplaceAsync(Document document, InvocationExpressionSyntax ok, string name, ArgumentSyntax[] leading, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        ExpressionSyntax expression = ok.Expression switch
        {
            MemberAccessExpressionSyntax member => member.WithName(SyntaxFactory.IdentifierName(name).WithTriviaFrom(member.Name)),
            IdentifierNameSyntax identifier => SyntaxFactory.IdentifierName(name).WithTriviaFrom(identifier),
            _ => ok.Expression,
        };
        var arguments = ok.ArgumentList.Arguments.InsertRange(0, leading);
        var replacement = ok.WithExpression(expression)
            .WithArgumentList(ok.ArgumentList.WithArguments(arguments))
            .WithAdditionalAnnotations(Formatter.Annotation);
        return document.WithSyntaxRoot(root.ReplaceNode(ok, replacement));
    }
}
