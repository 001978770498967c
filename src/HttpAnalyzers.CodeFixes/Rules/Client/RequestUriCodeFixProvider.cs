using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using HttpAnalyzers.CodeFixes.Infrastructure;
using HttpAnalyzers.Rules.Client;
using Microsoft.CodeAnalysis;
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
public sealed class RequestUriCodeFixProvider : FixDataCodeFixProvider
{
    // One key for both edits, so that Fix All repairs base addresses and request URIs together.
    private const string EquivalenceKey = DiagnosticIds.BaseAddressPathDropped + ".FixSlash";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.BaseAddressPathDropped);

    protected override IEnumerable<FixPlan> Plan(Diagnostic diagnostic, SyntaxNode root)
    {
        if (Data(diagnostic, ClientFixData.Fix) is not { } fix || diagnostic.AdditionalLocations.Count != 1 ||
            Target<ExpressionSyntax>(root, diagnostic, 0) is not { ContainsDiagnostics: false } expression)
        {
            yield break;
        }

        var add = fix == ClientFixData.AddTrailingSlash;
        if (Edit(expression, add) is not null)
        {
            yield return add
                ? new FixPlan("Add the trailing '/' to the BaseAddress", EquivalenceKey)
                : new FixPlan("Drop the leading '/' of the request URI", EquivalenceKey);
        }
    }

    protected override SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic, FixPlan plan)
        => Target<ExpressionSyntax>(root, diagnostic, 0) is { } expression && Edit(expression, Data(diagnostic, ClientFixData.Fix) == ClientFixData.AddTrailingSlash) is { } edited
            ? root.ReplaceNode(expression, edited)
            : null;

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
