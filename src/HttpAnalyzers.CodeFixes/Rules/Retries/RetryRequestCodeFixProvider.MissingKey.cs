using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.Infrastructure;
using HttpAnalyzers.Rules.Retries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
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
/// Headers = { { "Idempotency-Key", idempotencyKey } } })</c>.
/// </summary>
public sealed partial class RetryRequestCodeFixProvider
{
    private const string MissingKeyKey = DiagnosticIds.IdempotencyKeyMissing + ".AddIdempotencyKey";
    private const string MissingKeyTitle = "Add an Idempotency-Key header";

    private sealed class MissingKeyPlan
    {
        public MissingKeyPlan(SyntaxNode insertBefore, string keyName, string headerName, SyntaxNode replaced, SyntaxNode replacement)
        {
            InsertBefore = insertBefore;
            KeyName = keyName;
            HeaderName = headerName;
            Replaced = replaced;
            Replacement = replacement;
        }

        public SyntaxNode InsertBefore { get; }

        public string KeyName { get; }

        public string HeaderName { get; }

        public SyntaxNode Replaced { get; }

        public SyntaxNode Replacement { get; }
    }

    private static async Task<MissingKeyPlan?> PlanMissingKeyAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var found = await RetryFixes.GetOperationAsync(document, diagnostic.Location.SourceSpan, cancellationToken).ConfigureAwait(false);
        if (found is not { Operation: IInvocationOperation invocation, Model: var model } ||
            invocation.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax memberAccess } invocationSyntax)
        {
            return null;
        }

        var construct = RetryFixTarget.From(found.Value.Root, diagnostic);
        var anchor = construct?.AnchorStatement;
        if (construct is null || !RetryFixes.CanInsertBefore(anchor))
        {
            return null;
        }

        var header = diagnostic.Properties.TryGetValue(RetryFixData.Header, out var configured) && configured is not null ? configured : "Idempotency-Key";
        var insertBefore = RetryFixes.InsertionTarget(anchor!);
        var keyName = RetryFixes.UniqueName(model, anchor!.SpanStart, "idempotencyKey");
        var headers = HeadersAssignment(header, keyName);

        diagnostic.Properties.TryGetValue(RetryFixData.HelperMethod, out var helperMethod);
        if (helperMethod is null)
        {
            if (construct.Creation is not BaseObjectCreationExpressionSyntax creationSyntax)
            {
                return null;
            }

            if (!construct.Contains(creationSyntax))
            {
                var creationStatement = creationSyntax.FirstAncestorOrSelf<StatementSyntax>();
                if (!RetryFixes.CanInsertBefore(creationStatement))
                {
                    return null;
                }

                insertBefore = RetryFixes.InsertionTarget(creationStatement!);
                keyName = RetryFixes.UniqueName(model, creationStatement!.SpanStart, "idempotencyKey");
                headers = HeadersAssignment(header, keyName);
            }

            return new MissingKeyPlan(insertBefore, keyName, header, creationSyntax, AddToInitializer(creationSyntax, headers, header, keyName));
        }

        // A helper: rewrite into SendAsync(new HttpRequestMessage(method, uri) { Content = …, Headers = … }[, cancellationToken]).
        var uri = invocation.GetArgument("requestUri");
        var cancellation = invocation.GetArgument("cancellationToken");
        if (uri is null || invocation.TargetMethod.Name.EndsWith("Async", System.StringComparison.Ordinal) is false)
        {
            return null;
        }

        ExpressionSyntax content;
        if (invocation.TargetMethod.Name is "PostAsync" or "PatchAsync")
        {
            var contentArgument = invocation.GetArgument("content");
            if (contentArgument?.Syntax is not ArgumentSyntax contentSyntax || invocation.Arguments.Length > 3)
            {
                return null;
            }

            content = contentSyntax.Expression.WithoutTrivia();
        }
        else if (invocation.TargetMethod.Name is "PostAsJsonAsync" or "PatchAsJsonAsync")
        {
            var value = invocation.GetArgument("value");
            var options = invocation.GetArgument("options");
            if (value?.Syntax is not ArgumentSyntax valueSyntax || invocation.GetArgument("jsonTypeInfo") is not null ||
                (options is not null && !options.IsImplicit && options.Syntax is not ArgumentSyntax))
            {
                return null;
            }

            var arguments = SyntaxFactory.SeparatedList<ArgumentSyntax>().Add(SyntaxFactory.Argument(valueSyntax.Expression.WithoutTrivia()));
            if (options is { IsImplicit: false, Syntax: ArgumentSyntax optionsSyntax })
            {
                arguments = arguments.Add(SyntaxFactory.Argument(optionsSyntax.Expression.WithoutTrivia()).WithNameColon(SyntaxFactory.NameColon("options")));
            }

            SimpleNameSyntax create = memberAccess.Name is GenericNameSyntax generic
                ? SyntaxFactory.GenericName(SyntaxFactory.Identifier("Create"), generic.TypeArgumentList)
                : SyntaxFactory.IdentifierName("Create");
            content = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.ParseExpression("System.Net.Http.Json.JsonContent").WithAdditionalAnnotations(Simplifier.Annotation), create),
                SyntaxFactory.ArgumentList(arguments));
        }
        else
        {
            return null;
        }

        if (uri.Syntax is not ArgumentSyntax uriSyntax)
        {
            return null;
        }

        var method = helperMethod == "PATCH" ? "Patch" : "Post";
        var creationArguments = SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
        {
            SyntaxFactory.Argument(SyntaxFactory.ParseExpression("System.Net.Http.HttpMethod." + method).WithAdditionalAnnotations(Simplifier.Annotation)),
            SyntaxFactory.Argument(uriSyntax.Expression.WithoutTrivia()),
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
        if (cancellation is { IsImplicit: false, Syntax: ArgumentSyntax cancellationSyntax })
        {
            sendArguments = sendArguments.Add(SyntaxFactory.Argument(cancellationSyntax.Expression.WithoutTrivia()));
        }

        var newInvocation = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, memberAccess.Expression, SyntaxFactory.IdentifierName("SendAsync")),
                SyntaxFactory.ArgumentList(sendArguments))
            .WithTriviaFrom(invocationSyntax)
            .WithAdditionalAnnotations(Formatter.Annotation);
        return new MissingKeyPlan(insertBefore, keyName, header, invocationSyntax, newInvocation);
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

    private static async Task<Document> ApplyMissingKeyAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var plan = await PlanMissingKeyAsync(document, diagnostic, cancellationToken).ConfigureAwait(false);
        if (plan is null)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var declaration = RetryFixes.DeclareVar(plan.KeyName, RetryFixes.NewGuidString());
        editor.InsertBefore(plan.InsertBefore, RetryFixes.ForTarget(plan.InsertBefore, declaration));
        editor.ReplaceNode(plan.Replaced, plan.Replacement);
        return editor.GetChangedDocument();
    }
}
