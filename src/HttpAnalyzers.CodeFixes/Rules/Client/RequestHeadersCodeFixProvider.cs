using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.CodeFixes.Infrastructure;
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
/// HTTP0041: moves the content header to <c>request.Content.Headers</c> (Content-Type: <c>ContentType = MediaTypeHeaderValue.Parse(…)</c>).
/// HTTP0042: sets the header on a new <c>HttpRequestMessage</c> and sends it with <c>SendAsync</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RequestHeadersCodeFixProvider))]
[Shared]
public sealed class RequestHeadersCodeFixProvider : CodeFixProvider
{
    private const string ContentKey = DiagnosticIds.ContentHeaderOnRequest + ".MoveToContentHeaders";
    private const string RequestKey = DiagnosticIds.SharedDefaultRequestHeadersChanged + ".SetOnRequestMessage";
    private const string HeadersNamespace = "System.Net.Http.Headers";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticIds.ContentHeaderOnRequest,
        DiagnosticIds.SharedDefaultRequestHeadersChanged);

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
            if (diagnostic.Id == DiagnosticIds.ContentHeaderOnRequest)
            {
                if (diagnostic.Properties.TryGetValue(RequestHeadersAnalyzer.FixProperty, out var fix) && fix is not null &&
                    node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { Expression: MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax headers } } call &&
                    call.Parent is ExpressionStatementSyntax statement && !statement.ContainsDiagnostics)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Set the header on the request content", ct => MoveToContentAsync(context.Document, statement, call, headers, fix, ct), ContentKey),
                        diagnostic);
                }
            }
            else if (diagnostic.Properties.TryGetValue(RequestHeadersAnalyzer.SendMethodProperty, out var method) && method is not null &&
                     diagnostic.AdditionalLocations.Count == 1 &&
                     node.FirstAncestorOrSelf<MemberAccessExpressionSyntax>() is { } defaultHeaders &&
                     defaultHeaders.FirstAncestorOrSelf<ExpressionStatementSyntax>() is { Parent: BlockSyntax } mutation && !mutation.ContainsDiagnostics &&
                     root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is { Expression: MemberAccessExpressionSyntax } send)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Set the header on an HttpRequestMessage sent with SendAsync", ct => SendRequestAsync(context.Document, mutation, defaultHeaders, send, method, ct), RequestKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> MoveToContentAsync(Document document, ExpressionStatementSyntax statement, InvocationExpressionSyntax call, MemberAccessExpressionSyntax headers, string fix, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        // request.Headers → request.Content.Headers
        var contentHeaders = SyntaxFactory.MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, headers.Expression.WithoutTrivia(), SyntaxFactory.IdentifierName("Content")),
            SyntaxFactory.IdentifierName("Headers"));
        StatementSyntax replacement;
        var addUsing = false;
        if (fix == RequestHeadersAnalyzer.SetContentType && call.ArgumentList.Arguments.Count == 2)
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            addUsing = model is null || !UsingDirectives.IsInScope(model, statement.SpanStart, HeadersNamespace, "MediaTypeHeaderValue");
            var value = call.ArgumentList.Arguments[1].Expression.WithoutTrivia();
            var parse = SyntaxFactory.InvocationExpression(
                SyntaxFactory.ParseExpression("MediaTypeHeaderValue.Parse"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(value))));
            replacement = SyntaxFactory.ExpressionStatement(
                SyntaxFactory.AssignmentExpression(
                    SyntaxKind.SimpleAssignmentExpression,
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, contentHeaders, SyntaxFactory.IdentifierName("ContentType")),
                    parse));
        }
        else
        {
            replacement = statement.ReplaceNode(headers, contentHeaders.WithTriviaFrom(headers));
        }

        replacement = replacement.WithTriviaFrom(statement).WithAdditionalAnnotations(Formatter.Annotation);
        var newRoot = root.ReplaceNode(statement, replacement);
        if (addUsing && newRoot is CompilationUnitSyntax unit)
        {
            newRoot = UsingDirectives.Add(unit, HeadersNamespace);
        }

        return document.WithSyntaxRoot(newRoot);
    }

    private static async Task<Document> SendRequestAsync(Document document, ExpressionStatementSyntax mutation, MemberAccessExpressionSyntax defaultHeaders, InvocationExpressionSyntax send, string method, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        if (editor.SemanticModel.GetOperation(send, cancellationToken) is not IInvocationOperation operation)
        {
            return document;
        }

        var name = UniqueName(mutation, "request");
        var uri = operation.GetArgument("requestUri")?.Syntax as ArgumentSyntax;
        var content = operation.GetArgument("content")?.Syntax as ArgumentSyntax;
        var option = operation.GetArgument("completionOption") is { IsImplicit: false, Syntax: ArgumentSyntax optionArgument } ? optionArgument : null;
        var token = operation.GetArgument("cancellationToken") is { IsImplicit: false, Syntax: ArgumentSyntax tokenArgument } ? tokenArgument : null;
        if (uri is null)
        {
            return document;
        }

        // using var request = new HttpRequestMessage(HttpMethod.Get, uri) { Content = content };
        var creation = SyntaxFactory.ObjectCreationExpression(
            SyntaxFactory.ParseTypeName("System.Net.Http.HttpRequestMessage").WithAdditionalAnnotations(Simplifier.Annotation),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
            {
                SyntaxFactory.Argument(SyntaxFactory.ParseExpression("System.Net.Http.HttpMethod." + method).WithAdditionalAnnotations(Simplifier.Annotation)),
                SyntaxFactory.Argument(uri.Expression.WithoutTrivia()),
            })),
            content is null
                ? null
                : SyntaxFactory.InitializerExpression(
                    SyntaxKind.ObjectInitializerExpression,
                    SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(
                        SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("Content"), content.Expression.WithoutTrivia()))));
        var declaration = SyntaxFactory.LocalDeclarationStatement(
                SyntaxFactory.VariableDeclaration(
                    SyntaxFactory.IdentifierName("var"),
                    SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(name).WithInitializer(SyntaxFactory.EqualsValueClause(creation)))));

        // Disposed at the end of the method only when the send is awaited there: a returned task still uses the message.
        if (operation.WalkUpConversions() is IAwaitOperation || operation.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Parent: IAwaitOperation })
        {
            declaration = declaration.WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword));
        }

        var leading = mutation.GetLeadingTrivia();
        var indentation = leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
            ? SyntaxFactory.TriviaList(leading[leading.Count - 1])
            : SyntaxFactory.TriviaList();
        var endOfLine = mutation.GetTrailingTrivia() is { Count: > 0 } trailing && trailing[trailing.Count - 1].IsKind(SyntaxKind.EndOfLineTrivia)
            ? trailing[trailing.Count - 1]
            : SyntaxFactory.LineFeed;
        declaration = declaration
            .WithLeadingTrivia(indentation)
            .WithTrailingTrivia(endOfLine)
            .WithAdditionalAnnotations(Formatter.Annotation);

        // request.Headers.Authorization = …;
        var requestHeaders = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(name), SyntaxFactory.IdentifierName("Headers"))
            .WithTriviaFrom(defaultHeaders);
        var newMutation = mutation.ReplaceNode(defaultHeaders, requestHeaders);

        // client.GetAsync(uri, option, ct) → client.SendAsync(request, option, ct)
        var arguments = SyntaxFactory.SeparatedList<ArgumentSyntax>();
        arguments = arguments.Add(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(name)));
        if (option is not null)
        {
            arguments = arguments.Add(option.WithNameColon(null));
        }

        if (token is not null)
        {
            arguments = arguments.Add(token.WithNameColon(null));
        }

        var member = (MemberAccessExpressionSyntax)send.Expression;
        var newSend = send
            .WithExpression(member.WithName(SyntaxFactory.IdentifierName("SendAsync").WithTriviaFrom(member.Name)))
            .WithArgumentList(send.ArgumentList.WithArguments(arguments));

        editor.InsertBefore(mutation, declaration);
        editor.ReplaceNode(mutation, newMutation);
        editor.ReplaceNode(send, newSend);
        return editor.GetChangedDocument();
    }

    /// <summary><paramref name="name"/>, or <c>name2</c>, <c>name3</c>… when the enclosing member already uses it.</summary>
    private static string UniqueName(SyntaxNode node, string name)
    {
        var member = node.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? node;
        var candidate = name;
        for (var i = 2; Uses(member, candidate); i++)
        {
            candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    private static bool Uses(SyntaxNode member, string name)
    {
        foreach (var token in member.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name)
            {
                return true;
            }
        }

        return false;
    }
}
