using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using HttpAnalyzers.CodeFixes.Infrastructure;
using HttpAnalyzers.Rules.Caching;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace HttpAnalyzers.CodeFixes.Rules.Caching;

/// <summary>HTTP0012: wraps the value in quotes: <c>"abc"</c> → <c>"\"abc\""</c>, <c>$"{id}-{v}"</c> → <c>$"\"{id}-{v}\""</c>, <c>hash</c> → <c>$"\"{hash}\""</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ETagCodeFixProvider))]
[Shared]
public sealed class ETagCodeFixProvider : FixDataCodeFixProvider
{
    private const string EquivalenceKey = DiagnosticIds.UnquotedETag + ".Quote";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnquotedETag);

    protected override IEnumerable<FixPlan> Plan(Diagnostic diagnostic, SyntaxNode root)
    {
        if (Value(root, diagnostic) is not null)
        {
            yield return new FixPlan("Quote the entity tag", EquivalenceKey);
        }
    }

    protected override SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic, FixPlan plan)
        => Value(root, diagnostic) is { } value ? root.ReplaceNode(value, Quote(value)) : null;

    /// <summary>The value to quote (additional location 0); none on code that does not parse.</summary>
    private static ExpressionSyntax? Value(SyntaxNode root, Diagnostic diagnostic)
        => Data(diagnostic, CachingFixData.Fix) == CachingFixData.Quote && Target<ExpressionSyntax>(root, diagnostic, 0) is { ContainsDiagnostics: false } value ? value : null;

    internal static ExpressionSyntax Quote(ExpressionSyntax expression)
    {
        if (expression is LiteralExpressionSyntax literal && literal.Token.IsKind(SyntaxKind.StringLiteralToken) &&
            !literal.Token.ContainsDiagnostics && literal.Token.Text.Length >= 2 &&
            literal.Token.Text.StartsWith("\"", StringComparison.Ordinal) && !literal.Token.Text.StartsWith("\"\"\"", StringComparison.Ordinal))
        {
            var text = literal.Token.Text;
            var content = QuoteContent(text.Substring(1, text.Length - 2), true, true);
            var value = "\"" + content + "\"";
            return literal.WithToken(SyntaxFactory.Literal(literal.Token.LeadingTrivia, value, Unescape(content), literal.Token.TrailingTrivia));
        }

        if (expression is InterpolatedStringExpressionSyntax interpolated &&
            interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedStringStartToken) &&
            interpolated.Contents.Count > 0)
        {
            var contents = interpolated.Contents;
            var first = contents[0];
            var last = contents[contents.Count - 1];
            var startsQuoted = first is InterpolatedStringTextSyntax firstText && (firstText.TextToken.Text.StartsWith("\\\"", StringComparison.Ordinal) || firstText.TextToken.Text.StartsWith("W/\\\"", StringComparison.Ordinal));
            var endsQuoted = last is InterpolatedStringTextSyntax lastText && lastText.TextToken.Text.EndsWith("\\\"", StringComparison.Ordinal);
            if (!startsQuoted)
            {
                if (first is InterpolatedStringTextSyntax text)
                {
                    contents = contents.Replace(text, Text(QuoteContent(text.TextToken.Text, true, false)));
                }
                else
                {
                    contents = contents.Insert(0, Text("\\\""));
                }
            }

            if (!endsQuoted)
            {
                if (contents[contents.Count - 1] is InterpolatedStringTextSyntax endText)
                {
                    contents = contents.Replace(endText, Text(endText.TextToken.Text + "\\\""));
                }
                else
                {
                    contents = contents.Add(Text("\\\""));
                }
            }

            return interpolated.WithContents(contents);
        }

        var inner = expression.WithoutTrivia();
        if (inner is not (IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax or LiteralExpressionSyntax or InterpolatedStringExpressionSyntax))
        {
            inner = SyntaxFactory.ParenthesizedExpression(inner);
        }

        var wrapped = SyntaxFactory.InterpolatedStringExpression(
            SyntaxFactory.Token(SyntaxKind.InterpolatedStringStartToken),
            SyntaxFactory.List(new InterpolatedStringContentSyntax[]
            {
                Text("\\\""),
                SyntaxFactory.Interpolation(inner),
                Text("\\\""),
            }),
            SyntaxFactory.Token(SyntaxKind.InterpolatedStringEndToken));
        return wrapped.WithTriviaFrom(expression).WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>Adds the missing quotes to a regular string's source text (<c>\"</c> escapes); <c>W/abc</c> becomes <c>W/\"abc\"</c>.</summary>
    private static string QuoteContent(string content, bool start, bool end)
    {
        if (start)
        {
            if (content.StartsWith("W/", StringComparison.Ordinal) && !content.StartsWith("W/\\\"", StringComparison.Ordinal))
            {
                content = "W/\\\"" + content.Substring(2);
            }
            else if (!content.StartsWith("\\\"", StringComparison.Ordinal) && !content.StartsWith("W/\\\"", StringComparison.Ordinal))
            {
                content = "\\\"" + content;
            }
        }

        if (end && !(content.EndsWith("\\\"", StringComparison.Ordinal) && content.Length > 2))
        {
            content += "\\\"";
        }

        return content;
    }

    private static string Unescape(string content) => content.Replace("\\\"", "\"").Replace("\\\\", "\\");

    private static InterpolatedStringTextSyntax Text(string sourceText)
        => SyntaxFactory.InterpolatedStringText(SyntaxFactory.Token(default, SyntaxKind.InterpolatedStringTextToken, sourceText, Unescape(sourceText), default));
}
