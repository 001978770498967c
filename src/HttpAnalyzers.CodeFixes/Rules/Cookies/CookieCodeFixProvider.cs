using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.CodeFixes.Infrastructure;
using HttpAnalyzers.Rules.Cookies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace HttpAnalyzers.CodeFixes.Rules.Cookies;

/// <summary>
/// Fixes HTTP0020–HTTP0023: sets <c>Secure = true</c> / <c>HttpOnly = true</c> (adding a <c>CookieOptions</c> argument to
/// <c>Append(name, value)</c> or a member to <c>new CookieOptions { … }</c>), <c>SecurePolicy = CookieSecurePolicy.Always</c>
/// on builders, removes <c>Domain</c> and sets <c>Path = "/"</c> on <c>__Host-</c> cookies, and adds the missing attributes
/// to a hand-written <c>Set-Cookie</c> string literal. Edits of several diagnostics on the same cookie compose (Fix All).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CookieCodeFixProvider))]
[Shared]
public sealed class CookieCodeFixProvider : FixDataCodeFixProvider
{
    private const string CookieSecurePolicyAlways = "global::Microsoft.AspNetCore.Http.CookieSecurePolicy.Always";
    private const string CookieOptionsType = "global::Microsoft.AspNetCore.Http.CookieOptions";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        HttpAnalyzers.DiagnosticIds.CookieNotSecure,
        HttpAnalyzers.DiagnosticIds.CookieNotHttpOnly,
        HttpAnalyzers.DiagnosticIds.SameSiteNoneWithoutSecure,
        HttpAnalyzers.DiagnosticIds.CookiePrefixViolated);

    /// <summary>The equivalence key of the one action per rule: <c>HTTPnnnn.&lt;Action&gt;</c>.</summary>
    private static string EquivalenceKey(string id) => id switch
    {
        HttpAnalyzers.DiagnosticIds.CookieNotSecure => HttpAnalyzers.DiagnosticIds.CookieNotSecure + ".SetSecure",
        HttpAnalyzers.DiagnosticIds.CookieNotHttpOnly => HttpAnalyzers.DiagnosticIds.CookieNotHttpOnly + ".SetHttpOnly",
        HttpAnalyzers.DiagnosticIds.SameSiteNoneWithoutSecure => HttpAnalyzers.DiagnosticIds.SameSiteNoneWithoutSecure + ".SetSecure",
        _ => id + ".FollowPrefixRules",
    };

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
        async (context, document, diagnostics) => await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    protected override IEnumerable<FixPlan> Plan(Diagnostic diagnostic, SyntaxNode root)
    {
        if (Edit(root, diagnostic) is { } edit)
        {
            yield return new FixPlan(edit.Title, EquivalenceKey(diagnostic.Id));
        }
    }

    protected override async Task<SyntaxNode?> RewriteAsync(Document document, SyntaxNode root, Diagnostic diagnostic, FixPlan plan, CancellationToken cancellationToken)
    {
        var fixedDocument = await FixAsync(document, ImmutableArray.Create(diagnostic), cancellationToken).ConfigureAwait(false);
        return await fixedDocument.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (Edit(root, diagnostic) is { } edit && done.Add(edit.Key))
            {
                edit.Apply(editor);
            }
        }

        return editor.GetChangedDocument();
    }

    /// <summary>One edit the fix data asks for, applied to a <see cref="DocumentEditor"/> so that edits of several diagnostics compose.</summary>
    private readonly struct CookieEdit
    {
        public CookieEdit(string title, string key, Action<DocumentEditor> apply)
        {
            Title = title;
            Key = key;
            Apply = apply;
        }

        public string Title { get; }

        /// <summary>Identifies the edit, so that two diagnostics asking for the same edit apply it once.</summary>
        public string Key { get; }

        public Action<DocumentEditor> Apply { get; }
    }

    private static CookieEdit? Edit(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(CookieFixData.Kind, out var kind) || kind is null || diagnostic.AdditionalLocations.Count == 0)
        {
            return null;
        }

        var span = diagnostic.AdditionalLocations[0].SourceSpan;
        if (span.End > root.FullSpan.End)
        {
            return null;
        }

        var node = root.FindNode(span, getInnermostNodeForTie: true);
        diagnostic.Properties.TryGetValue(CookieFixData.Member, out var member);
        diagnostic.Properties.TryGetValue(CookieFixData.Value, out var value);
        var key = kind + "|" + span.Start + "|" + member + "|" + value;
        switch (kind)
        {
            case CookieFixData.AddArgument when member is not null && node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } invocation:
                return new CookieEdit(
                    "Pass new CookieOptions { " + member + " = true }",
                    key,
                    editor => editor.ReplaceNode(invocation, (current, _) => AddOptionsArgument((InvocationExpressionSyntax)current, member)));

            case CookieFixData.AddMember when member is not null && node.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>() is { } creation:
                return new CookieEdit(
                    "Set " + member + " = true",
                    key,
                    editor => editor.ReplaceNode(creation, (current, _) => AddMember((BaseObjectCreationExpressionSyntax)current, MemberAssignment(member, "true"))));

            case CookieFixData.SetValue when value is not null && node.FirstAncestorOrSelf<AssignmentExpressionSyntax>() is { } assignment:
                var name = assignment.Left is MemberAccessExpressionSyntax access ? access.Name.Identifier.ValueText :
                    assignment.Left is IdentifierNameSyntax identifier ? identifier.Identifier.ValueText : "the property";
                return new CookieEdit(
                    "Set " + name + " = " + DisplayValue(value),
                    key,
                    editor => editor.ReplaceNode(assignment.Right, NewValue(value).WithTriviaFrom(assignment.Right)));

            case CookieFixData.Remove when node.FirstAncestorOrSelf<AssignmentExpressionSyntax>() is { } assignment:
                if (assignment.Parent is ExpressionStatementSyntax statement)
                {
                    return new CookieEdit("Remove the Domain", key, editor => editor.RemoveNode(statement));
                }

                if (assignment.Parent is InitializerExpressionSyntax)
                {
                    return new CookieEdit("Remove the Domain", key, editor => editor.RemoveNode(assignment, SyntaxRemoveOptions.KeepNoTrivia));
                }

                return null;

            case CookieFixData.AddBuilderSecurePolicy when node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax extensions } } add:
                return add.Parent is ExpressionStatementSyntax addStatement ? PlanBuilderSecurePolicy(addStatement, extensions.Expression, key) : null;

            case CookieFixData.AddBuilderSecurePolicy when node.FirstAncestorOrSelf<AssignmentExpressionSyntax>() is { } assignment:
                return PlanBuilderSecurePolicy(assignment, key);

            case CookieFixData.Header when node is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) &&
                                           diagnostic.Properties.TryGetValue(CookieFixData.HeaderEdits, out var edits) && edits is not null:
                return new CookieEdit(
                    HeaderTitle(edits),
                    key,
                    editor => editor.ReplaceNode(literal, (current, _) => RewriteHeader((LiteralExpressionSyntax)current, edits)));

            case CookieFixData.Header when node is InterpolatedStringExpressionSyntax interpolated &&
                                           diagnostic.Properties.TryGetValue(CookieFixData.HeaderEdits, out var appended) && appended is not null:
                return new CookieEdit(
                    HeaderTitle(appended),
                    key,
                    editor => editor.ReplaceNode(interpolated, (current, _) => AppendToInterpolation((InterpolatedStringExpressionSyntax)current, appended)));

            default:
                return null;
        }
    }

    private static CookieEdit? PlanBuilderSecurePolicy(AssignmentExpressionSyntax assignment, string key)
    {
        const string Title = "Set SecurePolicy = CookieSecurePolicy.Always";
        if (assignment.Parent is InitializerExpressionSyntax initializer)
        {
            // One edit per builder, however many diagnostics ask for it (Fix All).
            key = CookieFixData.AddBuilderSecurePolicy + "|" + initializer.SpanStart;
            return new CookieEdit(Title, key, editor => editor.ReplaceNode(initializer, (current, _) => AddInitializerMember((InitializerExpressionSyntax)current, MemberAssignment("SecurePolicy", CookieSecurePolicyAlways))));
        }

        if (assignment.Parent is ExpressionStatementSyntax statement && assignment.Left is MemberAccessExpressionSyntax access)
        {
            return PlanBuilderSecurePolicy(statement, access.Expression, key);
        }

        if (assignment.Parent is AnonymousFunctionExpressionSyntax lambda && lambda.ExpressionBody == assignment && assignment.Left is MemberAccessExpressionSyntax lambdaAccess)
        {
            // o => o.Cookie.SameSite = SameSiteMode.None   becomes   o => { o.Cookie.SameSite = SameSiteMode.None; o.Cookie.SecurePolicy = CookieSecurePolicy.Always; }
            key = CookieFixData.AddBuilderSecurePolicy + "|" + lambda.SpanStart;
            var receiver = lambdaAccess.Expression;
            return new CookieEdit(Title, key, editor => editor.ReplaceNode(lambda, (current, _) => WithSecurePolicyBlock((AnonymousFunctionExpressionSyntax)current, receiver)));
        }

        return null;
    }

    private static SyntaxNode WithSecurePolicyBlock(AnonymousFunctionExpressionSyntax lambda, ExpressionSyntax receiver)
    {
        if (lambda.ExpressionBody is not { } body)
        {
            return lambda;
        }

        var block = SyntaxFactory.Block(
                SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.List<StatementSyntax>(new[]
                {
                    SyntaxFactory.ExpressionStatement(body.WithoutTrivia()).WithTrailingTrivia(SyntaxFactory.Space),
                    SecurePolicyStatement(receiver).WithTrailingTrivia(SyntaxFactory.Space),
                }),
                SyntaxFactory.Token(SyntaxKind.CloseBraceToken))
            .WithTriviaFrom(body);
        return lambda.WithExpressionBody(null).WithBlock(block);
    }

    private static ExpressionStatementSyntax SecurePolicyStatement(ExpressionSyntax receiver)
        => SyntaxFactory.ExpressionStatement(
            SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression,
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver.WithoutTrivia(), SyntaxFactory.IdentifierName("SecurePolicy"))
                    .WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.Token(SyntaxKind.EqualsToken).WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.ParseExpression(CookieSecurePolicyAlways).WithAdditionalAnnotations(Simplifier.Annotation)));

    /// <summary>Inserts <c>receiver.SecurePolicy = CookieSecurePolicy.Always;</c> after <paramref name="statement"/>.</summary>
    private static CookieEdit? PlanBuilderSecurePolicy(ExpressionStatementSyntax statement, ExpressionSyntax receiver, string key)
    {
        const string Title = "Set SecurePolicy = CookieSecurePolicy.Always";
        if (statement.Parent is BlockSyntax block)
        {
            // One edit per builder and block, however many diagnostics ask for it (Fix All).
            key = CookieFixData.AddBuilderSecurePolicy + "|" + block.SpanStart + "|" + receiver.WithoutTrivia().ToString();
            var indentation = Indentation(statement);
            var trailing = statement.GetTrailingTrivia();
            var newStatement = SecurePolicyStatement(receiver)
                .WithLeadingTrivia(indentation)
                .WithTrailingTrivia(trailing.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) ? trailing : SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return new CookieEdit(Title, key, editor => editor.InsertAfter(statement, newStatement));
        }

        return null;
    }

    /// <summary>The whitespace that indents the node's line (the last whitespace trivia before it).</summary>
    private static SyntaxTriviaList Indentation(SyntaxNode node)
    {
        var leading = node.GetLeadingTrivia();
        for (var i = leading.Count - 1; i >= 0; i--)
        {
            if (leading[i].IsKind(SyntaxKind.WhitespaceTrivia))
            {
                return SyntaxFactory.TriviaList(leading[i]);
            }
        }

        return SyntaxFactory.TriviaList();
    }

    private static string DisplayValue(string value) => value switch
    {
        CookieFixData.ValueAlways => "CookieSecurePolicy.Always",
        CookieFixData.ValueRootPath => "\"/\"",
        _ => value,
    };

    private static ExpressionSyntax NewValue(string value) => value switch
    {
        CookieFixData.ValueAlways => SyntaxFactory.ParseExpression(CookieSecurePolicyAlways).WithAdditionalAnnotations(Simplifier.Annotation),
        CookieFixData.ValueRootPath => SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal("/")),
        _ => SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression),
    };

    private static ExpressionSyntax MemberAssignment(string member, string value)
    {
        var right = value == CookieSecurePolicyAlways
            ? SyntaxFactory.ParseExpression(value).WithAdditionalAnnotations(Simplifier.Annotation)
            : SyntaxFactory.ParseExpression(value);
        return SyntaxFactory.AssignmentExpression(
            SyntaxKind.SimpleAssignmentExpression,
            SyntaxFactory.IdentifierName(member).WithTrailingTrivia(SyntaxFactory.Space),
            SyntaxFactory.Token(SyntaxKind.EqualsToken).WithTrailingTrivia(SyntaxFactory.Space),
            right);
    }

    private static InvocationExpressionSyntax AddOptionsArgument(InvocationExpressionSyntax invocation, string member)
    {
        var options = SyntaxFactory.ObjectCreationExpression(
                SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.ParseTypeName(CookieOptionsType).WithAdditionalAnnotations(Simplifier.Annotation).WithTrailingTrivia(SyntaxFactory.Space),
                argumentList: null,
                initializer: SingleLineInitializer(MemberAssignment(member, "true")));
        var arguments = invocation.ArgumentList.Arguments;
        var argument = SyntaxFactory.Argument(options);
        if (arguments.Any(a => a.NameColon is not null))
        {
            argument = argument.WithNameColon(SyntaxFactory.NameColon(SyntaxFactory.IdentifierName("options")).WithTrailingTrivia(SyntaxFactory.Space));
        }

        var items = new List<SyntaxNodeOrToken>();
        foreach (var item in arguments.GetWithSeparators())
        {
            items.Add(item);
        }

        if (arguments.Count > 0)
        {
            items.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
        }

        items.Add(argument);
        return invocation.WithArgumentList(invocation.ArgumentList.WithArguments(SyntaxFactory.SeparatedList<ArgumentSyntax>(items)));
    }

    private static InitializerExpressionSyntax SingleLineInitializer(ExpressionSyntax member)
        => SyntaxFactory.InitializerExpression(
            SyntaxKind.ObjectInitializerExpression,
            SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(SyntaxFactory.Space),
            SyntaxFactory.SingletonSeparatedList(member.WithTrailingTrivia(SyntaxFactory.Space)),
            SyntaxFactory.Token(SyntaxKind.CloseBraceToken));

    private static BaseObjectCreationExpressionSyntax AddMember(BaseObjectCreationExpressionSyntax creation, ExpressionSyntax member)
    {
        if (creation.Initializer is { } initializer)
        {
            return creation.WithInitializer(AddInitializerMember(initializer, member));
        }

        var trailing = creation.GetTrailingTrivia();
        var newInitializer = SingleLineInitializer(member).WithTrailingTrivia(trailing);
        if (creation is ObjectCreationExpressionSyntax explicitCreation && explicitCreation.ArgumentList is { Arguments.Count: 0 })
        {
            return explicitCreation
                .WithArgumentList(null)
                .WithType(explicitCreation.Type.WithTrailingTrivia(SyntaxFactory.Space))
                .WithInitializer(newInitializer);
        }

        return creation.WithoutTrailingTrivia().WithTrailingTrivia(SyntaxFactory.Space).WithInitializer(newInitializer);
    }

    private static InitializerExpressionSyntax AddInitializerMember(InitializerExpressionSyntax initializer, ExpressionSyntax member)
    {
        var expressions = initializer.Expressions;
        if (expressions.Count == 0)
        {
            return initializer
                .WithOpenBraceToken(initializer.OpenBraceToken.WithTrailingTrivia(SyntaxFactory.Space))
                .WithExpressions(SyntaxFactory.SingletonSeparatedList(member.WithTrailingTrivia(SyntaxFactory.Space)))
                .WithCloseBraceToken(initializer.CloseBraceToken.WithLeadingTrivia());
        }

        var last = expressions[expressions.Count - 1];
        var items = new List<SyntaxNodeOrToken>();
        foreach (var item in expressions.GetWithSeparators())
        {
            items.Add(item);
        }

        var multiLine = last.GetTrailingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) ||
                        (expressions.SeparatorCount == expressions.Count && expressions.GetSeparator(expressions.Count - 1).TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)));
        var indentation = multiLine
            ? Indentation(last)
            : SyntaxFactory.TriviaList();
        if (expressions.SeparatorCount == expressions.Count)
        {
            var separator = expressions.GetSeparator(expressions.Count - 1);
            items.Add(member.WithLeadingTrivia(indentation).WithoutTrailingTrivia());
            items.Add(separator);
        }
        else
        {
            var lastTrailing = last.GetTrailingTrivia();
            items[items.Count - 1] = last.WithoutTrailingTrivia();
            items.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(multiLine ? lastTrailing : SyntaxFactory.TriviaList(SyntaxFactory.Space)));
            items.Add(member.WithLeadingTrivia(indentation).WithTrailingTrivia(lastTrailing));
        }

        return initializer.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(items));
    }

    private static string HeaderTitle(string edits)
    {
        var parts = new List<string>();
        foreach (var edit in edits.Split(','))
        {
            var text = edit switch
            {
                CookieFixData.EditSecure => "add Secure",
                CookieFixData.EditHttpOnly => "add HttpOnly",
                CookieFixData.EditNoDomain => "remove Domain",
                CookieFixData.EditRootPath => "set Path=/",
                _ => null,
            };
            if (text is not null && !parts.Contains(text))
            {
                parts.Add(text);
            }
        }

        var title = string.Join(", ", parts);
        return title.Length == 0 ? "Fix the Set-Cookie header" : char.ToUpperInvariant(title[0]) + title.Substring(1) + " in the Set-Cookie header";
    }

    /// <summary>Appends <c>; Secure</c> / <c>; HttpOnly</c> to the interpolation's last text part (adding one after a trailing hole).</summary>
    private static InterpolatedStringExpressionSyntax AppendToInterpolation(InterpolatedStringExpressionSyntax interpolated, string edits)
    {
        var contents = interpolated.Contents;
        var last = contents.Count > 0 ? contents[contents.Count - 1] as InterpolatedStringTextSyntax : null;
        var text = last?.TextToken.Text ?? string.Empty;
        foreach (var attribute in new[] { CookieFixData.EditSecure, CookieFixData.EditHttpOnly })
        {
            if (edits.IndexOf(attribute, StringComparison.Ordinal) < 0 || SetCookieHeader.HasAttribute(text, attribute))
            {
                continue;
            }

            var trimmed = text.TrimEnd();
            text = trimmed.EndsWith(";", StringComparison.Ordinal) ? trimmed + " " + attribute : text + "; " + attribute;
        }

        var token = SyntaxFactory.Token(default, SyntaxKind.InterpolatedStringTextToken, text, text, default);
        var part = SyntaxFactory.InterpolatedStringText(token);
        return interpolated.WithContents(last is null ? contents.Add(part) : contents.Replace(last, part));
    }

    private static LiteralExpressionSyntax RewriteHeader(LiteralExpressionSyntax literal, string edits)
    {
        var value = SetCookieHeader.Rewrite(literal.Token.ValueText, edits);
        return SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value)).WithTriviaFrom(literal);
    }
}
