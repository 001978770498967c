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
/// HTTP0041: moves the content header to <c>request.Content.Headers</c> (Content-Type: <c>ContentType = MediaTypeHeaderValue.Parse(…)</c>).
/// HTTP0042: sets the header on a new <c>HttpRequestMessage</c> and sends it with <c>SendAsync</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RequestHeadersCodeFixProvider))]
[Shared]
public sealed class RequestHeadersCodeFixProvider : FixDataCodeFixProvider
{
    private const string ContentKey = DiagnosticIds.ContentHeaderOnRequest + ".MoveToContentHeaders";
    private const string RequestKey = DiagnosticIds.SharedDefaultRequestHeadersChanged + ".SetOnRequestMessage";
    private const string HeadersNamespace = "System.Net.Http.Headers";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticIds.ContentHeaderOnRequest,
        DiagnosticIds.SharedDefaultRequestHeadersChanged);

    protected override IEnumerable<FixPlan> Plan(Diagnostic diagnostic, SyntaxNode root)
    {
        if (diagnostic.Id == DiagnosticIds.ContentHeaderOnRequest)
        {
            if (Data(diagnostic, ClientFixData.Fix) is not null && ContentCall(root, diagnostic, out _, out _) is not null)
            {
                yield return new FixPlan("Set the header on the request content", ContentKey);
            }
        }
        else if (Send(root, diagnostic, out _, out _) is not null)
        {
            yield return new FixPlan("Set the header on an HttpRequestMessage sent with SendAsync", RequestKey);
        }
    }

    protected override async Task<SyntaxNode?> RewriteAsync(Document document, SyntaxNode root, Diagnostic diagnostic, FixPlan plan, CancellationToken cancellationToken)
    {
        if (diagnostic.Id == DiagnosticIds.ContentHeaderOnRequest)
        {
            return Data(diagnostic, ClientFixData.Fix) is { } fix && ContentCall(root, diagnostic, out var statement, out var headers) is { } call
                ? await MoveToContentAsync(document, root, statement, call, headers, fix, cancellationToken).ConfigureAwait(false)
                : null;
        }

        return Send(root, diagnostic, out var mutation, out var defaultHeaders) is { } send ? SendRequest(document.Project.Solution.Services, root, diagnostic, mutation, defaultHeaders, send) : null;
    }

    /// <summary>HTTP0041: the <c>request.Headers.Add(…)</c> call (additional location 0) and its statement.</summary>
    private static InvocationExpressionSyntax? ContentCall(SyntaxNode root, Diagnostic diagnostic, out ExpressionStatementSyntax statement, out MemberAccessExpressionSyntax headers)
    {
        statement = null!;
        headers = null!;
        if (Target<InvocationExpressionSyntax>(root, diagnostic, 0) is not { Expression: MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax owner } } call ||
            call.Parent is not ExpressionStatementSyntax { ContainsDiagnostics: false } parent)
        {
            return null;
        }

        statement = parent;
        headers = owner;
        return call;
    }

    /// <summary>HTTP0042: the send (additional location 0), the mutated statement and its <c>DefaultRequestHeaders</c> access.</summary>
    private static InvocationExpressionSyntax? Send(SyntaxNode root, Diagnostic diagnostic, out ExpressionStatementSyntax mutation, out MemberAccessExpressionSyntax defaultHeaders)
    {
        mutation = null!;
        defaultHeaders = null!;
        if (Data(diagnostic, ClientFixData.SendMethod) is null || diagnostic.AdditionalLocations.Count < 2 ||
            Reported<MemberAccessExpressionSyntax>(root, diagnostic) is not { } access ||
            access.FirstAncestorOrSelf<ExpressionStatementSyntax>() is not { Parent: BlockSyntax, ContainsDiagnostics: false } statement ||
            Target<InvocationExpressionSyntax>(root, diagnostic, 0) is not { Expression: MemberAccessExpressionSyntax } send)
        {
            return null;
        }

        mutation = statement;
        defaultHeaders = access;
        return send;
    }

    private static async Task<SyntaxNode> MoveToContentAsync(Document document, SyntaxNode root, ExpressionStatementSyntax statement, InvocationExpressionSyntax call, MemberAccessExpressionSyntax headers, string fix, CancellationToken cancellationToken)
    {

        // request.Headers → request.Content.Headers
        var contentHeaders = SyntaxFactory.MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, headers.Expression.WithoutTrivia(), SyntaxFactory.IdentifierName("Content")),
            SyntaxFactory.IdentifierName("Headers"));
        StatementSyntax replacement;
        var addUsing = false;
        if (fix == ClientFixData.SetContentType && call.ArgumentList.Arguments.Count == 2)
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

        return newRoot;
    }

    private static SyntaxNode SendRequest(Microsoft.CodeAnalysis.Host.SolutionServices services, SyntaxNode root, Diagnostic diagnostic, ExpressionStatementSyntax mutation, MemberAccessExpressionSyntax defaultHeaders, InvocationExpressionSyntax send)
    {
        // The analyzer passes the send's arguments: the URI, then the content, option and token it names.
        var present = Data(diagnostic, ClientFixData.SendArguments) ?? string.Empty;
        var method = Data(diagnostic, ClientFixData.SendMethod)!;
        var uri = Target<ArgumentSyntax>(root, diagnostic, 1);
        var next = 2;
        var content = present.IndexOf('C') >= 0 ? Target<ArgumentSyntax>(root, diagnostic, next++) : null;
        var option = present.IndexOf('O') >= 0 ? Target<ArgumentSyntax>(root, diagnostic, next++) : null;
        var token = present.IndexOf('T') >= 0 ? Target<ArgumentSyntax>(root, diagnostic, next) : null;
        if (uri is null)
        {
            return root;
        }

        var name = UniqueName(mutation, "request");

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
        if (Data(diagnostic, ClientFixData.SendAwaited) is not null)
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

        var editor = new SyntaxEditor(root, services);
        editor.InsertBefore(mutation, declaration);
        editor.ReplaceNode(mutation, newMutation);
        editor.ReplaceNode(send, newSend);
        return editor.GetChangedRoot();
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
