using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Text;
using HttpAnalyzers.CodeFixes.Infrastructure;
using HttpAnalyzers.Rules.Caching;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace HttpAnalyzers.CodeFixes.Rules.Caching;

/// <summary>
/// HTTP0010: <c>no-cache</c> → <c>no-store</c> (string directive, <c>NoCache = true</c> → <c>NoStore = true</c>,
/// <c>[ResponseCache(…, NoStore = true)]</c>). HTTP0011: <c>public</c> → <c>private</c> (and <c>s-maxage</c> dropped),
/// <c>Public = true</c> → <c>Private = true</c>, <c>Location = ResponseCacheLocation.Client</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CacheControlCodeFixProvider))]
[Shared]
public sealed class CacheControlCodeFixProvider : FixDataCodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.NoCacheInsteadOfNoStore, DiagnosticIds.PerUserResponseSharedCacheable);

    protected override IEnumerable<FixPlan> Plan(Diagnostic diagnostic, SyntaxNode root)
    {
        if (Edit(root, diagnostic) is not null)
        {
            yield return diagnostic.Id == DiagnosticIds.NoCacheInsteadOfNoStore
                ? new FixPlan("Use 'no-store'", DiagnosticIds.NoCacheInsteadOfNoStore + ".NoStore")
                : new FixPlan("Use 'private'", DiagnosticIds.PerUserResponseSharedCacheable + ".Private");
        }
    }

    protected override SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic, FixPlan plan)
        => Edit(root, diagnostic) is var (oldNode, newNode) ? root.ReplaceNode(oldNode, newNode) : null;

    private static (SyntaxNode, SyntaxNode)? Edit(SyntaxNode root, Diagnostic diagnostic)
    {
        var noStore = diagnostic.Id == DiagnosticIds.NoCacheInsteadOfNoStore;
        return Data(diagnostic, CachingFixData.Fix) switch
        {
            CachingFixData.StringDirective => FixString(root, diagnostic, noStore),
            CachingFixData.TypedProperty => FixTyped(Reported<SyntaxNode>(root, diagnostic), noStore),
            CachingFixData.Attribute => FixAttribute(Target<AttributeSyntax>(root, diagnostic, 0), noStore),
            _ => null,
        };
    }

    // ---- strings ----

    /// <summary>The directive rewritten in the value's string literals, and the <c>CacheControlHeaderValue</c> fields the analyzer passes renamed.</summary>
    private static (SyntaxNode, SyntaxNode)? FixString(SyntaxNode root, Diagnostic diagnostic, bool noStore)
    {
        if (Reported<ExpressionSyntax>(root, diagnostic) is not { } expression)
        {
            return null;
        }

        var fields = new HashSet<SyntaxToken>();
        for (var i = 0; i < diagnostic.AdditionalLocations.Count; i++)
        {
            if (Target<MemberAccessExpressionSyntax>(root, diagnostic, i) is { } field && expression.Span.Contains(field.Span))
            {
                fields.Add(field.Name.Identifier);
            }
        }

        var changed = false;
        var to = noStore ? "NoStoreString" : "PrivateString";
        var rewritten = expression.ReplaceTokens(
            expression.DescendantTokens(),
            (original, _) =>
            {
                if (fields.Contains(original))
                {
                    changed = true;
                    return SyntaxFactory.Identifier(original.LeadingTrivia, to, original.TrailingTrivia);
                }

                var token = RewriteToken(original, noStore);
                changed |= token != original;
                return token;
            });
        return changed ? (expression, rewritten) : null;
    }

    private static SyntaxToken RewriteToken(SyntaxToken token, bool noStore)
    {
        if (token.IsKind(SyntaxKind.StringLiteralToken))
        {
            var text = token.Text;
            var prefix = text.StartsWith("@\"", StringComparison.Ordinal) ? 2 : text.StartsWith("\"", StringComparison.Ordinal) ? 1 : 0;
            if (prefix == 0 || text.Length < prefix + 1 || text[text.Length - 1] != '"' || text.StartsWith("\"\"\"", StringComparison.Ordinal))
            {
                return token;
            }

            var content = text.Substring(prefix, text.Length - prefix - 1);
            var newContent = RewriteDirectives(content, noStore);
            if (newContent == content)
            {
                return token;
            }

            var newText = text.Substring(0, prefix) + newContent + "\"";
            return SyntaxFactory.Literal(token.LeadingTrivia, newText, Unescape(newContent, prefix == 2), token.TrailingTrivia);
        }

        if (token.IsKind(SyntaxKind.InterpolatedStringTextToken) && token.Parent?.Parent is InterpolatedStringExpressionSyntax { StringStartToken.RawKind: (int)SyntaxKind.InterpolatedStringStartToken or (int)SyntaxKind.InterpolatedVerbatimStringStartToken })
        {
            var content = token.Text;
            var newContent = RewriteDirectives(content, noStore);
            if (newContent == content)
            {
                return token;
            }

            return SyntaxFactory.Token(token.LeadingTrivia, SyntaxKind.InterpolatedStringTextToken, newContent, newContent, token.TrailingTrivia);
        }

        return token;
    }

    private static string Unescape(string content, bool verbatim)
        => verbatim ? content.Replace("\"\"", "\"") : content.Replace("\\\"", "\"").Replace("\\\\", "\\");

    /// <summary>
    /// Rewrites comma-separated directives: <c>no-cache</c> → <c>no-store</c>; or <c>public</c> → <c>private</c>, with
    /// <c>s-maxage=N</c> dropped (replaced by <c>private</c> when the value has no public/private directive).
    /// </summary>
    internal static string RewriteDirectives(string content, bool noStore)
    {
        var pieces = content.Split(',');
        var hasVisibility = false;
        foreach (var piece in pieces)
        {
            var lower = piece.Trim().ToLowerInvariant();
            hasVisibility |= lower is "public" or "private";
        }

        var builder = new StringBuilder(content.Length + 2);
        var first = true;
        var removedFirst = false;
        for (var i = 0; i < pieces.Length; i++)
        {
            var piece = pieces[i];
            var trimmed = piece.Trim();
            var lower = trimmed.ToLowerInvariant();
            var replacement = piece;
            if (noStore && lower == "no-cache")
            {
                replacement = piece.Replace(trimmed, "no-store");
            }
            else if (!noStore && lower == "public")
            {
                replacement = piece.Replace(trimmed, "private");
            }
            else if (!noStore && lower.StartsWith("s-maxage=", StringComparison.Ordinal) && trimmed.Length > "s-maxage=".Length)
            {
                replacement = hasVisibility ? null : piece.Replace(trimmed, "private");
                hasVisibility = true;
            }

            if (replacement is null)
            {
                removedFirst |= first;
                continue;
            }

            if (!first)
            {
                builder.Append(',');
            }
            else if (removedFirst)
            {
                replacement = replacement.TrimStart();
            }

            builder.Append(replacement);
            first = false;
        }

        return builder.ToString();
    }

    // ---- typed CacheControlHeaderValue ----

    /// <summary>The analyzer passes this fix only when the initializer does not set the new property itself.</summary>
    private static (SyntaxNode, SyntaxNode)? FixTyped(SyntaxNode? node, bool noStore)
    {
        if (node is not AssignmentExpressionSyntax { Left: IdentifierNameSyntax name, Parent: InitializerExpressionSyntax } assignment)
        {
            return null;
        }

        var newName = noStore ? "NoStore" : "Private";
        var renamed = assignment.WithLeft(name.WithIdentifier(SyntaxFactory.Identifier(name.Identifier.LeadingTrivia, newName, name.Identifier.TrailingTrivia)));
        return (assignment, renamed);
    }

    // ---- [ResponseCache] ----

    private static (SyntaxNode, SyntaxNode)? FixAttribute(AttributeSyntax? attribute, bool noStore)
    {
        if (attribute is null)
        {
            return null;
        }

        var arguments = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        if (noStore)
        {
            foreach (var argument in arguments.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == "NoStore")
                {
                    var updated = argument.WithExpression(SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression).WithTriviaFrom(argument.Expression));
                    return (attribute, attribute.WithArgumentList(arguments.ReplaceNode(argument, updated)));
                }
            }

            return (attribute, attribute.WithArgumentList(arguments.AddArguments(NamedArgument("NoStore", SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression)))));
        }

        var client = SyntaxFactory.ParseExpression("global::Microsoft.AspNetCore.Mvc.ResponseCacheLocation.Client").WithAdditionalAnnotations(Simplifier.Annotation);
        foreach (var argument in arguments.Arguments)
        {
            if (argument.NameEquals?.Name.Identifier.ValueText == "Location")
            {
                var updated = argument.WithExpression(client.WithTriviaFrom(argument.Expression));
                return (attribute, attribute.WithArgumentList(arguments.ReplaceNode(argument, updated)));
            }
        }

        return (attribute, attribute.WithArgumentList(arguments.AddArguments(NamedArgument("Location", client))));
    }

    private static AttributeArgumentSyntax NamedArgument(string name, ExpressionSyntax value)
        => SyntaxFactory.AttributeArgument(
            SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName(name), SyntaxFactory.Token(SyntaxKind.EqualsToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)),
            nameColon: null,
            value);
}
