using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.CodeFixes.Infrastructure;
using HttpAnalyzers.Rules.Caching;
using Microsoft.CodeAnalysis;
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
public sealed class ConditionalRequestCodeFixProvider : FixDataCodeFixProvider
{
    private const string EquivalenceKey = DiagnosticIds.IfNoneMatchStringComparison + ".Typed";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.IfNoneMatchStringComparison);

    protected override IEnumerable<FixPlan> Plan(Diagnostic diagnostic, SyntaxNode root)
    {
        if (Nodes(root, diagnostic, out _, out _, out _, out _))
        {
            yield return new FixPlan("Compare the parsed entity tags", EquivalenceKey);
        }
    }

    /// <summary>The comparison (the reported node), the request (additional location 0), the tag (1) and the typed header's name.</summary>
    private static bool Nodes(SyntaxNode root, Diagnostic diagnostic, out ExpressionSyntax comparison, out ExpressionSyntax owner, out ExpressionSyntax tag, out string header)
    {
        comparison = owner = tag = null!;
        header = Data(diagnostic, CachingFixData.Header)!;
        if (diagnostic.AdditionalLocations.Count != 2 || header is null || Data(diagnostic, CachingFixData.TagKind) is null ||
            Reported<ExpressionSyntax>(root, diagnostic) is not { } reported ||
            Target<ExpressionSyntax>(root, diagnostic, 0) is not { } request ||
            Target<ExpressionSyntax>(root, diagnostic, 1) is not { } compared)
        {
            return false;
        }

        comparison = reported;
        owner = request;
        tag = compared;
        return true;
    }

    protected override async Task<SyntaxNode?> RewriteAsync(Document document, SyntaxNode root, Diagnostic diagnostic, FixPlan plan, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || !Nodes(root, diagnostic, out var comparison, out var owner, out var tag, out var header))
        {
            return null;
        }

        var parse = Data(diagnostic, CachingFixData.TagKind) == CachingFixData.TagString;
        var negated = Data(diagnostic, CachingFixData.Negated) == CachingFixData.True;
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

        return newRoot;
    }
}
