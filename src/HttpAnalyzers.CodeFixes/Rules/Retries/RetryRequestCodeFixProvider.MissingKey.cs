using System.Threading;
using HttpAnalyzers.CodeFixes.Infrastructure;
using HttpAnalyzers.Rules.Retries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace HttpAnalyzers.CodeFixes.Rules.Retries;

/// <summary>
/// HTTP0001: creates the key once, before the retry construct (<c>var idempotencyKey = Guid.NewGuid().ToString();</c>), and adds it
/// to the request; <c>PostAsync(uri, content)</c> becomes <c>SendAsync(new HttpRequestMessage(HttpMethod.Post, uri) { Content = content,
/// Headers = { { "Idempotency-Key", idempotencyKey } } })</c>. A construct in an expression body (of a lambda, or of a member's
/// <c>=&gt;</c>) gets the key in the block body the expression becomes.
/// </summary>
public sealed partial class RetryRequestCodeFixProvider
{
    private const string MissingKeyKey = DiagnosticIds.IdempotencyKeyMissing + ".AddIdempotencyKey";
    private const string MissingKeyTitle = "Add an Idempotency-Key header";

    /// <summary>Where the HTTP0001 fix edits.</summary>
    /// <param name="KeyAnchor">
    /// What the key is declared before (<see cref="RetryConstruct.AnchorOf"/>): the retry construct's statement or expression body, or
    /// the creation's when it lies outside the repeated body.
    /// </param>
    /// <param name="Send">The send the diagnostic is reported on.</param>
    /// <param name="SendMember">The send's member access (its receiver and method name).</param>
    /// <param name="Creation">The request creation the key is added to, or null for a helper send, which is rewritten.</param>
    private sealed record MissingKeySite(SyntaxNode KeyAnchor, InvocationExpressionSyntax Send, MemberAccessExpressionSyntax SendMember, BaseObjectCreationExpressionSyntax? Creation);

    /// <summary>The edit's sites, from the fix data and the syntax at its locations; null when the diagnostic gets no fix.</summary>
    private static MissingKeySite? FindMissingKey(SyntaxNode root, Diagnostic diagnostic)
    {
        if (Reported<InvocationExpressionSyntax>(root, diagnostic) is not { Expression: MemberAccessExpressionSyntax memberAccess } invocation)
        {
            return null;
        }

        var construct = RetryFixTarget.From(root, diagnostic);
        var anchor = construct?.Anchor;
        if (construct is null || anchor is null)
        {
            return null;
        }

        if (Data(diagnostic, RetryFixData.HelperMethod) is not null)
        {
            // A helper: rewritten into SendAsync(new HttpRequestMessage(method, uri) { Content = …, Headers = … }[, cancellationToken]).
            return Data(diagnostic, RetryFixData.HelperRewrite) is null ? null : new MissingKeySite(anchor, invocation, memberAccess, null);
        }

        if (construct.Creation is not BaseObjectCreationExpressionSyntax creation)
        {
            return null;
        }

        if (construct.Contains(creation))
        {
            return new MissingKeySite(anchor, invocation, memberAccess, creation);
        }

        var creationAnchor = RetryConstruct.AnchorOf(creation);
        return creationAnchor is null ? null : new MissingKeySite(creationAnchor, invocation, memberAccess, creation);
    }

    /// <summary>Adds the HTTP0001 fix of <paramref name="diagnostic"/> to a document's edit: the key's declaration goes to <paramref name="keys"/>.</summary>
    private static void AddMissingKey(SyntaxEditor editor, SemanticModel model, SyntaxNode root, Diagnostic diagnostic, BeforeConstructs keys, CancellationToken cancellationToken)
    {
        var site = FindMissingKey(root, diagnostic);
        if (site is null || !keys.Claim(site.Creation ?? (SyntaxNode)site.Send))
        {
            return;
        }

        var header = Data(diagnostic, RetryFixData.Header) ?? "Idempotency-Key";
        SyntaxNode replaced;
        SyntaxNode replacement;
        string keyName;
        if (site.Creation is { } creation)
        {
            keyName = keys.Name(model, site.KeyAnchor, "idempotencyKey");
            replaced = creation;
            replacement = AddToInitializer(creation, HeadersAssignment(header, keyName), header, keyName);
        }
        else if (model.GetOperation(site.Send, cancellationToken) is IInvocationOperation invocation && HelperSendParts.TryGet(invocation, out var parts))
        {
            keyName = keys.Name(model, site.KeyAnchor, "idempotencyKey");
            replaced = site.Send;
            replacement = HelperAsSend(site, parts, Data(diagnostic, RetryFixData.HelperMethod) == "PATCH" ? "Patch" : "Post", HeadersAssignment(header, keyName));
        }
        else
        {
            return;
        }

        editor.ReplaceNode(replaced, replacement);
        keys.Add(site.KeyAnchor, RetryFixes.DeclareVar(keyName, RetryFixes.NewGuidString()));
    }

    /// <summary><c>SendAsync(new HttpRequestMessage(HttpMethod.Post, uri) { Content = …, Headers = … }[, cancellationToken])</c> on the helper's receiver.</summary>
    private static InvocationExpressionSyntax HelperAsSend(MissingKeySite site, HelperSendParts parts, string method, AssignmentExpressionSyntax headers)
    {
        var content = parts.Content.WithoutTrivia();
        if (parts.IsJson)
        {
            var arguments = SyntaxFactory.SeparatedList<ArgumentSyntax>().Add(SyntaxFactory.Argument(content));
            if (parts.Options is { } options)
            {
                arguments = arguments.Add(SyntaxFactory.Argument(options.WithoutTrivia()).WithNameColon(SyntaxFactory.NameColon("options")));
            }

            SimpleNameSyntax create = site.SendMember.Name is GenericNameSyntax generic
                ? SyntaxFactory.GenericName(SyntaxFactory.Identifier("Create"), generic.TypeArgumentList)
                : SyntaxFactory.IdentifierName("Create");
            content = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.ParseExpression("System.Net.Http.Json.JsonContent").WithAdditionalAnnotations(Simplifier.Annotation), create),
                SyntaxFactory.ArgumentList(arguments));
        }

        var creationArguments = SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
        {
            SyntaxFactory.Argument(SyntaxFactory.ParseExpression("System.Net.Http.HttpMethod." + method).WithAdditionalAnnotations(Simplifier.Annotation)),
            SyntaxFactory.Argument(parts.Uri.WithoutTrivia()),
        }));
        var newCreation = SyntaxFactory.ObjectCreationExpression(SyntaxFactory.ParseTypeName("System.Net.Http.HttpRequestMessage").WithAdditionalAnnotations(Simplifier.Annotation))
            .WithArgumentList(creationArguments)
            .WithInitializer(SyntaxFactory.InitializerExpression(
                SyntaxKind.ObjectInitializerExpression,
                SyntaxFactory.SeparatedList<ExpressionSyntax>(new ExpressionSyntax[]
                {
                    SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("Content"), content),
                    headers,
                })));
        var sendArguments = SyntaxFactory.SeparatedList<ArgumentSyntax>().Add(SyntaxFactory.Argument(newCreation));
        if (parts.Cancellation is { } cancellation)
        {
            sendArguments = sendArguments.Add(SyntaxFactory.Argument(cancellation.WithoutTrivia()));
        }

        return SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, site.SendMember.Expression, SyntaxFactory.IdentifierName("SendAsync")),
                SyntaxFactory.ArgumentList(sendArguments))
            .WithTriviaFrom(site.Send)
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    private static AssignmentExpressionSyntax HeadersAssignment(string header, string keyName)
        => SyntaxFactory.AssignmentExpression(
            SyntaxKind.SimpleAssignmentExpression,
            SyntaxFactory.IdentifierName("Headers"),
            SyntaxFactory.InitializerExpression(SyntaxKind.CollectionInitializerExpression, SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(KeyElement(header, keyName))));

    private static InitializerExpressionSyntax KeyElement(string header, string keyName)
        => SyntaxFactory.InitializerExpression(
            SyntaxKind.ComplexElementInitializerExpression,
            SyntaxFactory.SeparatedList<ExpressionSyntax>(new ExpressionSyntax[]
            {
                SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(header)),
                SyntaxFactory.IdentifierName(keyName),
            }));

    private static SyntaxNode AddToInitializer(BaseObjectCreationExpressionSyntax creation, AssignmentExpressionSyntax headers, string header, string keyName)
    {
        var initializer = creation.Initializer;
        if (initializer is null)
        {
            var withArguments = creation is ObjectCreationExpressionSyntax { ArgumentList: null } objectCreation
                ? objectCreation.WithArgumentList(SyntaxFactory.ArgumentList())
                : creation;
            return withArguments
                .WithoutTrailingTrivia()
                .WithInitializer(SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(headers)))
                .WithTrailingTrivia(creation.GetTrailingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        foreach (var expression in initializer.Expressions)
        {
            if (expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "Headers" }, Right: InitializerExpressionSyntax { RawKind: (int)SyntaxKind.CollectionInitializerExpression } existing })
            {
                return creation.ReplaceNode(existing, existing.AddExpressions(KeyElement(header, keyName))).WithAdditionalAnnotations(Formatter.Annotation);
            }
        }

        return creation.WithInitializer(initializer.AddExpressions(headers)).WithAdditionalAnnotations(Formatter.Annotation);
    }
}
