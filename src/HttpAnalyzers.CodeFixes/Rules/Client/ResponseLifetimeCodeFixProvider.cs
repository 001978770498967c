using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.Infrastructure;
using HttpAnalyzers.Rules.Client;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace HttpAnalyzers.CodeFixes.Rules.Client;

/// <summary>
/// HTTP0040: passes <c>HttpCompletionOption.ResponseHeadersRead</c> (and makes the response a <c>using</c> declaration
/// when nothing else disposes it, so that HTTP0046 never follows). HTTP0046: <c>using var response = …</c>.
/// HTTP0048: inserts <c>response.EnsureSuccessStatusCode();</c> before the statement that holds the read.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ResponseLifetimeCodeFixProvider))]
[Shared]
public sealed class ResponseLifetimeCodeFixProvider : CodeFixProvider
{
    private const string OptionKey = DiagnosticIds.StreamedResponseBuffered + ".ResponseHeadersRead";
    private const string UsingKey = DiagnosticIds.StreamedResponseNotDisposed + ".UsingDeclaration";
    private const string EnsureKey = DiagnosticIds.ResponseDeserializedWithoutStatusCheck + ".EnsureSuccessStatusCode";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticIds.StreamedResponseBuffered,
        DiagnosticIds.StreamedResponseNotDisposed,
        DiagnosticIds.ResponseDeserializedWithoutStatusCheck);

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
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            diagnostic.Properties.TryGetValue(ResponseLifetimeAnalyzer.FixProperty, out var fix);
            switch (diagnostic.Id)
            {
                case DiagnosticIds.StreamedResponseBuffered when fix is not null && node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } invocation && !invocation.ContainsDiagnostics:
                    var declaration = fix == ResponseLifetimeAnalyzer.AddOptionAndUsing ? Declaration(root, diagnostic) : null;
                    if (fix == ResponseLifetimeAnalyzer.AddOptionAndUsing && declaration is null)
                    {
                        break;
                    }

                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Pass HttpCompletionOption.ResponseHeadersRead",
                            ct => AddOptionAsync(context.Document, invocation, declaration, ct),
                            OptionKey),
                        diagnostic);
                    break;
                case DiagnosticIds.StreamedResponseNotDisposed when fix == ResponseLifetimeAnalyzer.MakeUsing && Declaration(root, diagnostic) is { } toDispose:
                    context.RegisterCodeFix(
                        CodeAction.Create("Make the response a using declaration", ct => MakeUsingAsync(context.Document, toDispose, ct), UsingKey),
                        diagnostic);
                    break;
                case DiagnosticIds.ResponseDeserializedWithoutStatusCheck
                    when diagnostic.Properties.TryGetValue(ResponseLifetimeAnalyzer.ResponseProperty, out var response) && response is not null &&
                         StatementToPrecede(node) is { } statement:
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Call '" + response + ".EnsureSuccessStatusCode()' before reading the body",
                            ct => EnsureSuccessAsync(context.Document, statement, response, ct),
                            EnsureKey),
                        diagnostic);
                    break;
            }
        }
    }

    private static LocalDeclarationStatementSyntax? Declaration(SyntaxNode root, Diagnostic diagnostic)
    {
        if (diagnostic.AdditionalLocations.Count == 0)
        {
            return null;
        }

        var statement = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<LocalDeclarationStatementSyntax>();
        return statement is null || statement.UsingKeyword.IsKind(SyntaxKind.UsingKeyword) || statement.ContainsDiagnostics ? null : statement;
    }

    private static async Task<Document> AddOptionAsync(Document document, InvocationExpressionSyntax invocation, LocalDeclarationStatementSyntax? declaration, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var option = SyntaxFactory.ParseExpression("System.Net.Http.HttpCompletionOption.ResponseHeadersRead").WithAdditionalAnnotations(Simplifier.Annotation);

        // An explicit ResponseContentRead is replaced; otherwise the option goes after the request or URI.
        ArgumentSyntax? existing = null;
        if (editor.SemanticModel.GetOperation(invocation, cancellationToken) is IInvocationOperation operation &&
            operation.GetArgument("completionOption") is { IsImplicit: false, Syntax: ArgumentSyntax explicitArgument })
        {
            existing = explicitArgument;
        }

        ArgumentListSyntax arguments;
        if (existing is not null)
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

        editor.ReplaceNode(invocation, invocation.WithArgumentList(arguments));
        if (declaration is not null)
        {
            editor.ReplaceNode(declaration, static (node, _) => WithUsing((LocalDeclarationStatementSyntax)node));
        }

        return editor.GetChangedDocument();
    }

    private static async Task<Document> MakeUsingAsync(Document document, LocalDeclarationStatementSyntax declaration, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(declaration, WithUsing(declaration)));
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

    private static async Task<Document> EnsureSuccessAsync(Document document, StatementSyntax statement, string response, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
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

        return editor.GetChangedDocument();
    }
}
