using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using HttpAnalyzers.CodeFixes.Infrastructure;
using HttpAnalyzers.Rules.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpAnalyzers.CodeFixes.Rules.Cors;

/// <summary>HTTP0035: add <c>headers.Append("Vary", "Origin");</c> right after the echoed <c>Access-Control-Allow-Origin</c> write (<see cref="CorsFixData.AddVary"/>).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HandWrittenCorsCodeFixProvider))]
[Shared]
public sealed class HandWrittenCorsCodeFixProvider : FixDataCodeFixProvider
{
    private const string AddVaryKey = DiagnosticIds.CorsOriginEchoWithoutVary + ".AddVary";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.CorsOriginEchoWithoutVary);

    protected override IEnumerable<FixPlan> Plan(Diagnostic diagnostic, SyntaxNode root)
    {
        if (Data(diagnostic, CorsFixData.Kind) == CorsFixData.AddVary && Write(root, diagnostic) is not null)
        {
            yield return new FixPlan("Add 'Vary: Origin'", AddVaryKey, CorsFixData.AddVary);
        }
    }

    protected override SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic, FixPlan plan)
    {
        if (Write(root, diagnostic) is not var (anchor, headers))
        {
            return null;
        }

        var indentation = anchor.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        var endOfLine = anchor.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var vary = SyntaxFactory.ParseStatement(headers.WithoutTrivia().ToString() + ".Append(\"Vary\", \"Origin\");")
            .WithLeadingTrivia(indentation == default ? SyntaxFactory.TriviaList() : SyntaxFactory.TriviaList(indentation))
            .WithTrailingTrivia(endOfLine == default ? SyntaxFactory.EndOfLine("\n") : endOfLine);
        SyntaxNode inserted = anchor is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(vary) : vary;
        return root.InsertNodesAfter(anchor, new[] { inserted });
    }

    /// <summary>The statement of the reported write (the anchor) and the header collection it writes to.</summary>
    private static (SyntaxNode Anchor, ExpressionSyntax Headers)? Write(SyntaxNode root, Diagnostic diagnostic)
    {
        var statement = Reported<ExpressionStatementSyntax>(root, diagnostic);
        if (statement is null || statement.Expression.Span != diagnostic.Location.SourceSpan)
        {
            return null;
        }

        var headers = statement.Expression switch
        {
            AssignmentExpressionSyntax { Left: ElementAccessExpressionSyntax element } => element.Expression,
            AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax member } => member.Expression,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } => member.Expression,
            _ => null,
        };
        SyntaxNode? anchor = statement.Parent switch
        {
            BlockSyntax => statement,
            GlobalStatementSyntax global => global,
            _ => null,
        };
        return headers is null || anchor is null ? null : (anchor, headers);
    }
}
