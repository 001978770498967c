using System;
using System.Collections.Immutable;
using System.Composition;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.Rules.Caching;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
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
public sealed class CacheControlCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.NoCacheInsteadOfNoStore, DiagnosticIds.PerUserResponseSharedCacheable);

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
            if (!diagnostic.Properties.TryGetValue(CacheControlAnalyzer.FixKey, out var kind) || kind is null)
            {
                continue;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan);
            var noStore = diagnostic.Id == DiagnosticIds.NoCacheInsteadOfNoStore;
            var replacement = kind switch
            {
                CacheControlAnalyzer.FixKinds.StringDirective => FixString(node, noStore),
                CacheControlAnalyzer.FixKinds.TypedProperty => FixTyped(node, noStore),
                CacheControlAnalyzer.FixKinds.Attribute => FixAttribute(node, noStore),
                _ => null,
            };

            if (replacement is null)
            {
                continue;
            }

            var (oldNode, newNode) = replacement.Value;
            var title = noStore ? "Use 'no-store'" : "Use 'private'";
            var key = noStore ? DiagnosticIds.NoCacheInsteadOfNoStore + ".NoStore" : DiagnosticIds.PerUserResponseSharedCacheable + ".Private";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => Replace(context.Document, oldNode, newNode, ct), key),
                diagnostic);
        }
    }

    private static async Task<Document> Replace(Document document, SyntaxNode oldNode, SyntaxNode newNode, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(oldNode, newNode));
    }

    // ---- strings ----

    private static (SyntaxNode, SyntaxNode)? FixString(SyntaxNode node, bool noStore)
    {
        if (node is ArgumentSyntax argument)
        {
            node = argument.Expression;
        }

        if (node is not ExpressionSyntax expression)
        {
            return null;
        }

        var changed = false;
        var from = noStore ? "NoCacheString" : "PublicString";
        var to = noStore ? "NoStoreString" : "PrivateString";
        var rewritten = expression.ReplaceTokens(
            expression.DescendantTokens(),
            (original, _) =>
            {
                if (original.IsKind(SyntaxKind.IdentifierToken) && original.ValueText == from &&
                    original.Parent is IdentifierNameSyntax { Parent: MemberAccessExpressionSyntax { Expression: var owner } } &&
                    owner.ToString().EndsWith("CacheControlHeaderValue", StringComparison.Ordinal))
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

    private static (SyntaxNode, SyntaxNode)? FixTyped(SyntaxNode node, bool noStore)
    {
        if (node is not AssignmentExpressionSyntax { Left: IdentifierNameSyntax name } assignment ||
            assignment.Parent is not InitializerExpressionSyntax initializer)
        {
            return null;
        }

        var newName = noStore ? "NoStore" : "Private";
        foreach (var other in initializer.Expressions)
        {
            if (other is AssignmentExpressionSyntax { Left: IdentifierNameSyntax existing } && existing.Identifier.ValueText == newName)
            {
                return null; // an explicit 'NoStore = false' / 'Private = false' is a choice the user makes
            }
        }

        var renamed = assignment.WithLeft(name.WithIdentifier(SyntaxFactory.Identifier(name.Identifier.LeadingTrivia, newName, name.Identifier.TrailingTrivia)));
        return (assignment, renamed);
    }

    // ---- [ResponseCache] ----

    private static (SyntaxNode, SyntaxNode)? FixAttribute(SyntaxNode node, bool noStore)
    {
        var attribute = node.FirstAncestorOrSelf<AttributeSyntax>();
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
