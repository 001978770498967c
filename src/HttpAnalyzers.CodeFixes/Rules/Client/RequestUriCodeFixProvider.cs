using System;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.Rules.Client;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpAnalyzers.CodeFixes.Rules.Client;

/// <summary>
/// HTTP0044: adds the trailing '/' to a BaseAddress (<c>"https://api.example.com/v1"</c> → <c>"https://api.example.com/v1/"</c>)
/// or drops the leading '/' of a request URI (<c>"/orders"</c> → <c>"orders"</c>). The analyzer passes the string literal or
/// interpolated string to edit as the additional location; where it passes none (a constant, a local), no fix is offered.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RequestUriCodeFixProvider))]
[Shared]
public sealed class RequestUriCodeFixProvider : CodeFixProvider
{
    // One key for both edits, so that Fix All repairs base addresses and request URIs together.
    private const string EquivalenceKey = DiagnosticIds.BaseAddressPathDropped + ".FixSlash";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.BaseAddressPathDropped);

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
            if (!diagnostic.Properties.TryGetValue(RequestUriAnalyzer.FixProperty, out var fix) || diagnostic.AdditionalLocations.Count != 1)
            {
                continue;
            }

            var node = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true);
            var add = fix == RequestUriAnalyzer.AddTrailingSlash;
            if (node is not ExpressionSyntax expression || node.ContainsDiagnostics || Edit(expression, add) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                add
                    ? CodeAction.Create("Add the trailing '/' to the BaseAddress", ct => ApplyAsync(context.Document, expression, add: true, ct), EquivalenceKey)
                    : CodeAction.Create("Drop the leading '/' of the request URI", ct => ApplyAsync(context.Document, expression, add: false, ct), EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> ApplyAsync(Document document, ExpressionSyntax expression, bool add, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var edited = Edit(expression, add);
        return root is null || edited is null ? document : document.WithSyntaxRoot(root.ReplaceNode(expression, edited));
    }

    /// <summary>The literal or interpolated string with '/' added at its end or removed from its start; null when the shape does not allow it.</summary>
    private static ExpressionSyntax? Edit(ExpressionSyntax expression, bool add)
    {
        switch (expression)
        {
            case LiteralExpressionSyntax literal when literal.Token.IsKind(SyntaxKind.StringLiteralToken) && literal.Token.ValueText is { } value:
                var text = literal.Token.Text;
                var open = text.StartsWith("@\"", StringComparison.Ordinal) ? 2 : text.StartsWith("\"", StringComparison.Ordinal) && !text.StartsWith("\"\"\"", StringComparison.Ordinal) ? 1 : -1;
                if (open < 0 || text.Length < open + 1)
                {
                    return null;
                }

                string newText;
                string newValue;
                if (add)
                {
                    newText = text.Substring(0, text.Length - 1) + "/\"";
                    newValue = value + "/";
                }
                else
                {
                    if (value.Length == 0 || value[0] != '/' || text[open] != '/')
                    {
                        return null;
                    }

                    newText = text.Remove(open, 1);
                    newValue = value.Substring(1);
                }

                return literal.WithToken(SyntaxFactory.Literal(literal.Token.LeadingTrivia, newText, newValue, literal.Token.TrailingTrivia));
            case InterpolatedStringExpressionSyntax interpolated when interpolated.Contents.Count > 0:
                var index = add ? interpolated.Contents.Count - 1 : 0;
                if (interpolated.Contents[index] is not InterpolatedStringTextSyntax part)
                {
                    return null;
                }

                var token = part.TextToken;
                string partText;
                string partValue;
                if (add)
                {
                    partText = token.Text + "/";
                    partValue = token.ValueText + "/";
                }
                else
                {
                    if (token.Text.Length == 0 || token.Text[0] != '/')
                    {
                        return null;
                    }

                    partText = token.Text.Substring(1);
                    partValue = token.ValueText.Substring(1);
                }

                var contents = partText.Length == 0
                    ? interpolated.Contents.RemoveAt(index)
                    : interpolated.Contents.Replace(part, part.WithTextToken(SyntaxFactory.Token(token.LeadingTrivia, SyntaxKind.InterpolatedStringTextToken, partText, partValue, token.TrailingTrivia)));
                return interpolated.WithContents(contents);
            default:
                return null;
        }
    }
}
