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
using Microsoft.CodeAnalysis.Formatting;

namespace HttpAnalyzers.CodeFixes.Rules.Caching;

/// <summary>
/// HTTP0013: <c>Request.Headers.IfNoneMatch == etag</c> →
/// <c>Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(EntityTagHeaderValue.Parse(etag), useStrongComparison: false))</c>
/// (If-Match uses the strong comparison RFC 9110 §13.1.1 requires).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConditionalRequestCodeFixProvider))]
[Shared]
public sealed class ConditionalRequestCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = DiagnosticIds.IfNoneMatchStringComparison + ".Typed";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.IfNoneMatchStringComparison);

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
            if (diagnostic.AdditionalLocations.Count != 2 ||
                !diagnostic.Properties.TryGetValue(ConditionalRequestAnalyzer.TagKindKey, out var tagKind) ||
                !diagnostic.Properties.TryGetValue(ConditionalRequestAnalyzer.HeaderKey, out var header) || header is null)
            {
                continue;
            }

            var comparisonNode = root.FindNode(diagnostic.Location.SourceSpan);
            var comparison = (comparisonNode is ArgumentSyntax wrapped ? wrapped.Expression : comparisonNode) as ExpressionSyntax;
            var owner = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan) as ExpressionSyntax;
            var tag = root.FindNode(diagnostic.AdditionalLocations[1].SourceSpan);
            if (tag is ArgumentSyntax argument)
            {
                tag = argument.Expression;
            }

            if (comparison is null || owner is null || tag is not ExpressionSyntax tagExpression)
            {
                continue;
            }

            var negated = diagnostic.Properties.TryGetValue(ConditionalRequestAnalyzer.NegatedKey, out var n) && n == "true";
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Compare the parsed entity tags",
                    ct => FixAsync(context.Document, comparison, owner, tagExpression, header, tagKind == "String", negated, ct),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> FixAsync(Document document, ExpressionSyntax comparison, ExpressionSyntax owner, ExpressionSyntax tag, string header, bool parse, bool negated, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var position = comparison.SpanStart;
        var strong = header == "IfMatch" ? "true" : "false";
        var tagText = tag.WithoutTrivia().ToString();
        var compared = parse ? "EntityTagHeaderValue.Parse(" + tagText + ")" : tagText;
        var ownerText = owner.WithoutTrivia().ToString();
        var text = (negated ? "!" : string.Empty) + ownerText + ".GetTypedHeaders()." + header + ".Any(t => t.Compare(" + compared + ", useStrongComparison: " + strong + "))";
        var replacement = SyntaxFactory.ParseExpression(text).WithTriviaFrom(comparison).WithAdditionalAnnotations(Formatter.Annotation);

        var newRoot = root.ReplaceNode(comparison, replacement);
        if (newRoot is CompilationUnitSyntax unit)
        {
            if (parse && !UsingDirectives.IsInScope(model, position, "Microsoft.Net.Http.Headers", "EntityTagHeaderValue"))
            {
                unit = UsingDirectives.Add(unit, "Microsoft.Net.Http.Headers");
            }

            if (!UsingDirectives.IsInScope(model, position, "System.Linq", "Enumerable"))
            {
                unit = UsingDirectives.Add(unit, "System.Linq");
            }

            if (!UsingDirectives.IsInScope(model, position, "Microsoft.AspNetCore.Http", "HeaderDictionaryTypeExtensions"))
            {
                unit = UsingDirectives.Add(unit, "Microsoft.AspNetCore.Http");
            }

            newRoot = unit;
        }

        return document.WithSyntaxRoot(newRoot);
    }
}
