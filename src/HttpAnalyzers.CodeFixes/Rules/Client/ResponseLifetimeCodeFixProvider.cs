using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.CodeFixes.Infrastructure;
using HttpAnalyzers.Rules.Client;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace HttpAnalyzers.CodeFixes.Rules.Client;

/// <summary>
/// HTTP0040: passes <c>HttpCompletionOption.ResponseHeadersRead</c> (and makes the response a <c>using</c> declaration
/// when nothing else disposes it, so that HTTP0046 never follows). HTTP0046: <c>using var response = …</c>.
/// HTTP0048: inserts <c>response.EnsureSuccessStatusCode();</c> before the statement that holds the read.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ResponseLifetimeCodeFixProvider))]
[Shared]
public sealed class ResponseLifetimeCodeFixProvider : FixDataCodeFixProvider
{
    private const string OptionKey = DiagnosticIds.StreamedResponseBuffered + ".ResponseHeadersRead";
    private const string UsingKey = DiagnosticIds.StreamedResponseNotDisposed + ".UsingDeclaration";
    private const string EnsureKey = DiagnosticIds.ResponseDeserializedWithoutStatusCheck + ".EnsureSuccessStatusCode";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticIds.StreamedResponseBuffered,
        DiagnosticIds.StreamedResponseNotDisposed,
        DiagnosticIds.ResponseDeserializedWithoutStatusCheck);

    protected override IEnumerable<FixPlan> Plan(Diagnostic diagnostic, SyntaxNode root)
    {
        var fix = Data(diagnostic, ClientFixData.Fix);
        switch (diagnostic.Id)
        {
            case DiagnosticIds.StreamedResponseBuffered when fix is not null && Send(root, diagnostic) is not null &&
                                                               (fix != ClientFixData.AddOptionAndUsing || Declaration(root, diagnostic) is not null):
                yield return new FixPlan("Pass HttpCompletionOption.ResponseHeadersRead", OptionKey);
                break;
            case DiagnosticIds.StreamedResponseNotDisposed when fix == ClientFixData.MakeUsing && Declaration(root, diagnostic) is not null:
                yield return new FixPlan("Make the response a using declaration", UsingKey);
                break;
            case DiagnosticIds.ResponseDeserializedWithoutStatusCheck
                when Data(diagnostic, ClientFixData.Response) is { } response && Reported<SyntaxNode>(root, diagnostic) is { } read && StatementToPrecede(read) is not null:
                yield return new FixPlan("Call '" + response + ".EnsureSuccessStatusCode()' before reading the body", EnsureKey);
                break;
        }
    }

    protected override async Task<SyntaxNode?> RewriteAsync(Document document, SyntaxNode root, Diagnostic diagnostic, FixPlan plan, CancellationToken cancellationToken)
    {
        switch (diagnostic.Id)
        {
            case DiagnosticIds.StreamedResponseBuffered when Send(root, diagnostic) is { } invocation:
                var withUsing = Data(diagnostic, ClientFixData.Fix) == ClientFixData.AddOptionAndUsing;
                var declaration = withUsing ? Declaration(root, diagnostic) : null;
                var existing = Data(diagnostic, ClientFixData.ExistingOption) is not null
                    ? Target<ArgumentSyntax>(root, diagnostic, diagnostic.AdditionalLocations.Count - 1)
                    : null;
                return withUsing && declaration is null ? null : AddOption(root, invocation, existing, declaration);
            case DiagnosticIds.StreamedResponseNotDisposed when Declaration(root, diagnostic) is { } toDispose:
                return root.ReplaceNode(toDispose, WithUsing(toDispose));
            case DiagnosticIds.ResponseDeserializedWithoutStatusCheck
                when Data(diagnostic, ClientFixData.Response) is { } response && Reported<SyntaxNode>(root, diagnostic) is { } read && StatementToPrecede(read) is { } statement:
                var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
                EnsureSuccess(editor, statement, response);
                return editor.GetChangedRoot();
            default:
                return null;
        }
    }

    /// <summary>HTTP0040: the send (additional location 0).</summary>
    private static InvocationExpressionSyntax? Send(SyntaxNode root, Diagnostic diagnostic)
        => Target<InvocationExpressionSyntax>(root, diagnostic, 0) is { ContainsDiagnostics: false } invocation ? invocation : null;

    /// <summary>The response's declaration: HTTP0046's additional location 0, HTTP0040's 1.</summary>
    private static LocalDeclarationStatementSyntax? Declaration(SyntaxNode root, Diagnostic diagnostic)
    {
        var statement = Target<LocalDeclarationStatementSyntax>(root, diagnostic, diagnostic.Id == DiagnosticIds.StreamedResponseBuffered ? 1 : 0);
        return statement is null || statement.UsingKeyword.IsKind(SyntaxKind.UsingKeyword) || statement.ContainsDiagnostics ? null : statement;
    }

    /// <summary>Passes ResponseHeadersRead: an explicit ResponseContentRead is replaced; otherwise the option goes after the request or URI.</summary>
    private static SyntaxNode AddOption(SyntaxNode root, InvocationExpressionSyntax invocation, ArgumentSyntax? existing, LocalDeclarationStatementSyntax? declaration)
    {
        var option = SyntaxFactory.ParseExpression("System.Net.Http.HttpCompletionOption.ResponseHeadersRead").WithAdditionalAnnotations(Simplifier.Annotation);
        ArgumentListSyntax arguments;
        if (existing is not null && invocation.ArgumentList.Arguments.Contains(existing))
        {
            arguments = invocation.ArgumentList.ReplaceNode(existing, existing.WithExpression(option.WithTriviaFrom(existing.Expression)));
        }
        else
        {
            var argument = SyntaxFactory.Argument(option);
            arguments = invocation.ArgumentList.Arguments.Count == 0
                ? invocation.ArgumentList.AddArguments(argument)
                : invocation.ArgumentList.WithArguments(invocation.ArgumentList.Arguments.Insert(1, argument));
        }

        var replacements = new Dictionary<SyntaxNode, SyntaxNode> { [invocation] = invocation.WithArgumentList(arguments) };
        if (declaration is not null)
        {
            replacements[declaration] = WithUsing(declaration);
        }

        // The send lies inside the declaration: replace the inner node first, then wrap the rewritten declaration.
        return root.ReplaceNodes(replacements.Keys, (original, rewritten) => original == declaration ? WithUsing((LocalDeclarationStatementSyntax)rewritten) : replacements[original]);
    }

    private static LocalDeclarationStatementSyntax WithUsing(LocalDeclarationStatementSyntax declaration)
    {
        var first = declaration.GetFirstToken();
        var usingKeyword = SyntaxFactory.Token(first.LeadingTrivia, SyntaxKind.UsingKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        var stripped = declaration.ReplaceToken(first, first.WithLeadingTrivia(SyntaxFactory.TriviaList()));
        return stripped.WithUsingKeyword(usingKeyword);
    }

    /// <summary>The statement in a block (or a top-level statement) that holds the read.</summary>
    private static StatementSyntax? StatementToPrecede(SyntaxNode node)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            if (current is StatementSyntax statement && current.Parent is BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax)
            {
                return statement.ContainsDiagnostics ? null : statement;
            }

            if (current is MemberDeclarationSyntax and not GlobalStatementSyntax)
            {
                return null; // an expression-bodied member: no statement to precede
            }
        }

        return null;
    }

    private static void EnsureSuccess(SyntaxEditor editor, StatementSyntax statement, string response)
    {
        var indentation = SyntaxFactory.TriviaList();
        var leading = statement.GetLeadingTrivia();
        if (leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia))
        {
            indentation = SyntaxFactory.TriviaList(leading[leading.Count - 1]);
        }

        var endOfLine = SyntaxFactory.LineFeed;
        foreach (var trivia in statement.GetTrailingTrivia())
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                endOfLine = trivia;
            }
        }

        var call = SyntaxFactory.ExpressionStatement(
                SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(response), SyntaxFactory.IdentifierName("EnsureSuccessStatusCode"))))
            .WithLeadingTrivia(indentation)
            .WithTrailingTrivia(endOfLine)
            .WithAdditionalAnnotations(Formatter.Annotation);
        if (statement.Parent is GlobalStatementSyntax global)
        {
            editor.InsertBefore(global, SyntaxFactory.GlobalStatement(call));
        }
        else
        {
            editor.InsertBefore(statement, call);
        }
    }
}
