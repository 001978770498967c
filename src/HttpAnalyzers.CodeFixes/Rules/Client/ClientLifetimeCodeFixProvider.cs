using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
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

namespace HttpAnalyzers.CodeFixes.Rules.Client;

/// <summary>
/// HTTP0043: hoists a per-operation <c>using var client = new HttpClient(…)</c> (or a controller's instance field) to a
/// <c>static readonly</c> field built on <c>new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }</c>,
/// so that HTTP0047 does not follow. HTTP0047: builds the client on that handler (adds it, replaces an empty
/// <c>HttpClientHandler</c>, or sets <c>PooledConnectionLifetime</c> in the <c>SocketsHttpHandler</c>'s initializer). The analyzer
/// passes the node to edit as the additional location and the kind of edit as a property; no fix where it passes none.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ClientLifetimeCodeFixProvider))]
[Shared]
public sealed class ClientLifetimeCodeFixProvider : FixDataCodeFixProvider
{
    private const string HoistKey = DiagnosticIds.HttpClientPerOperation + ".HoistToStaticClient";
    private const string SocketsKey = DiagnosticIds.LongLivedClientNoPooledConnectionLifetime + ".UseSocketsHttpHandler";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticIds.HttpClientPerOperation, DiagnosticIds.LongLivedClientNoPooledConnectionLifetime);

    // Hoisted fields of one type take distinct names: a document's fixes are applied in one edit.
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllAsync);

    protected override IEnumerable<FixPlan> Plan(Diagnostic diagnostic, SyntaxNode root)
    {
        if (Data(diagnostic, ClientFixData.Fix) is not { } fix ||
            Target<SyntaxNode>(root, diagnostic, 0) is not { ContainsDiagnostics: false })
        {
            yield break;
        }

        yield return fix == ClientFixData.Hoist
            ? new FixPlan("Hoist to a static HttpClient with PooledConnectionLifetime", HoistKey)
            : new FixPlan("Build the client on SocketsHttpHandler with PooledConnectionLifetime", SocketsKey);
    }

    protected override async Task<Solution> ApplyAsync(Document document, Diagnostic diagnostic, FixPlan plan, CancellationToken cancellationToken)
        => (await ApplyAsync(document, ImmutableArray.Create(diagnostic), cancellationToken).ConfigureAwait(false)).Project.Solution;

    private static async Task<Document?> FixAllAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
        => await ApplyAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false);

    private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var editor = new SyntaxEditor(root, document.Project.Solution.Services);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (Data(diagnostic, ClientFixData.Fix) is not { } fix || Target<SyntaxNode>(root, diagnostic, 0) is not { } node)
            {
                continue;
            }

            var names = new Names(model, node.SpanStart);
            switch (fix)
            {
                case ClientFixData.Hoist when node is LocalDeclarationStatementSyntax statement:
                    HoistLocal(editor, root, diagnostic, statement, taken, names);
                    break;
                case ClientFixData.Hoist when node is FieldDeclarationSyntax field:
                    MakeStatic(editor, field, names);
                    break;
                case ClientFixData.AddHandler when node is BaseObjectCreationExpressionSyntax client:
                    editor.ReplaceNode(client, (current, _) => WithHandler((BaseObjectCreationExpressionSyntax)current, names));
                    break;
                case ClientFixData.ReplaceHandler when node is BaseObjectCreationExpressionSyntax handler:
                    editor.ReplaceNode(handler, (current, _) => Handler(names).WithTriviaFrom(current));
                    break;
                case ClientFixData.SetLifetime when node is BaseObjectCreationExpressionSyntax sockets:
                    editor.ReplaceNode(sockets, (current, _) => WithLifetime((BaseObjectCreationExpressionSyntax)current, names));
                    break;
            }
        }

        return document.WithSyntaxRoot(editor.GetChangedRoot());
    }

    /// <summary>The type names to write at one position: the simple name where it binds to the framework type, else the qualified one.</summary>
    private readonly struct Names
    {
        public Names(SemanticModel model, int position)
        {
            Client = Name(model, position, "System.Net.Http", "HttpClient");
            Sockets = Name(model, position, "System.Net.Http", "SocketsHttpHandler");
            TimeSpan = Name(model, position, "System", "TimeSpan");
        }

        public string Client { get; }

        public string Sockets { get; }

        public string TimeSpan { get; }

        public string Lifetime => "PooledConnectionLifetime = " + TimeSpan + ".FromMinutes(2)";

        public string Handler => "new " + Sockets + " { " + Lifetime + " }";

        private static string Name(SemanticModel model, int position, string ns, string name)
        {
            foreach (var symbol in model.LookupNamespacesAndTypes(position, name: name))
            {
                if (symbol is INamedTypeSymbol type && type.ContainingNamespace?.ToDisplayString() == ns)
                {
                    return name;
                }
            }

            return "global::" + ns + "." + name;
        }
    }

    private static ExpressionSyntax Handler(Names names) => SyntaxFactory.ParseExpression(names.Handler);

    /// <summary><c>new HttpClient()</c> → <c>new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = … })</c>, keeping its initializer.</summary>
    private static SyntaxNode WithHandler(BaseObjectCreationExpressionSyntax creation, Names names)
    {
        var arguments = SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(Handler(names))));
        return creation switch
        {
            ObjectCreationExpressionSyntax { ArgumentList: { } list } explicitType => explicitType.WithArgumentList(arguments.WithTriviaFrom(list)),
            ObjectCreationExpressionSyntax explicitType => explicitType.WithType(explicitType.Type.WithoutTrailingTrivia()).WithArgumentList(arguments.WithTrailingTrivia(explicitType.Type.GetTrailingTrivia())),
            ImplicitObjectCreationExpressionSyntax implicitType => implicitType.WithArgumentList(arguments.WithTriviaFrom(implicitType.ArgumentList)),
            _ => creation,
        };
    }

    /// <summary>Adds <c>PooledConnectionLifetime = TimeSpan.FromMinutes(2)</c> to a SocketsHttpHandler's initializer (creating one if needed).</summary>
    private static SyntaxNode WithLifetime(BaseObjectCreationExpressionSyntax creation, Names names)
    {
        var lifetime = SyntaxFactory.ParseExpression(names.Lifetime);
        if (creation.Initializer is not { } initializer)
        {
            var created = SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SingletonSeparatedList(lifetime))
                .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space))
                .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(SyntaxFactory.Space));
            var trailing = creation.GetTrailingTrivia();
            return creation.WithoutTrailingTrivia().WithInitializer(created).WithTrailingTrivia(trailing);
        }

        var expressions = initializer.Expressions;
        var multiline = initializer.OpenBraceToken.TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (expressions.Count == 0)
        {
            return creation.WithInitializer(initializer.WithExpressions(SyntaxFactory.SingletonSeparatedList(lifetime.WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space))));
        }

        var last = expressions[expressions.Count - 1];
        var nodes = new List<SyntaxNodeOrToken>();
        for (var i = 0; i < expressions.Count; i++)
        {
            var expression = expressions[i];
            if (i == expressions.Count - 1 && !multiline)
            {
                expression = expression.WithoutTrailingTrivia();
            }

            nodes.Add(expression);
            if (i < expressions.SeparatorCount)
            {
                nodes.Add(expressions.GetSeparator(i));
            }
            else
            {
                nodes.Add(multiline
                    ? SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(LineEndings.Of(initializer))
                    : SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
            }
        }

        lifetime = multiline
            ? lifetime.WithLeadingTrivia(last.GetLeadingTrivia())
            : lifetime.WithTrailingTrivia(last.GetTrailingTrivia());
        nodes.Add(lifetime);
        if (expressions.SeparatorCount == expressions.Count)
        {
            nodes.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(expressions.GetSeparator(expressions.SeparatorCount - 1).TrailingTrivia));
        }

        return creation.WithInitializer(initializer.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(nodes)));
    }

    /// <summary><c>private readonly HttpClient _http = new HttpClient();</c> → <c>private static readonly HttpClient _http = new HttpClient(new SocketsHttpHandler { … });</c>.</summary>
    private static void MakeStatic(SyntaxEditor editor, FieldDeclarationSyntax field, Names names)
    {
        editor.ReplaceNode(field, (current, _) =>
        {
            var declaration = (FieldDeclarationSyntax)current;
            var variable = declaration.Declaration.Variables[0];
            if (variable.Initializer?.Value is not BaseObjectCreationExpressionSyntax creation)
            {
                return declaration;
            }

            var modifiers = declaration.Modifiers;
            var index = modifiers.IndexOf(SyntaxKind.ReadOnlyKeyword);
            modifiers = index >= 0 ? modifiers.Insert(index, SyntaxFactory.Token(SyntaxKind.StaticKeyword).WithTrailingTrivia(SyntaxFactory.Space)) : modifiers;
            var updated = variable.WithInitializer(variable.Initializer.WithValue((ExpressionSyntax)WithHandler(creation, names)));
            return declaration.WithModifiers(modifiers).WithDeclaration(declaration.Declaration.WithVariables(SyntaxFactory.SingletonSeparatedList(updated)));
        });
    }

    /// <summary>Moves <c>using var client = new HttpClient { … };</c> to a static readonly field of the containing type and points the uses (additional locations 1…) at it.</summary>
    private static void HoistLocal(SyntaxEditor editor, SyntaxNode root, Diagnostic diagnostic, LocalDeclarationStatementSyntax statement, HashSet<string> taken, Names names)
    {
        var variable = statement.Declaration.Variables[0];
        var member = statement.FirstAncestorOrSelf<MemberDeclarationSyntax>(m => m.Parent is TypeDeclarationSyntax);
        if (variable.Initializer?.Value is not BaseObjectCreationExpressionSyntax creation || member?.Parent is not TypeDeclarationSyntax type)
        {
            return;
        }

        var name = FieldName(variable.Identifier.ValueText, type, taken);
        var initializer = creation.Initializer is { } objectInitializer ? " " + objectInitializer.WithoutTrivia().ToFullString() : string.Empty;
        var field = SyntaxFactory.ParseMemberDeclaration(
                "private static readonly " + names.Client + " " + name + " = new " + names.Client + "(" + names.Handler + ")" + initializer + ";")!
            .WithAdditionalAnnotations(Formatter.Annotation)
            .WithTrailingTrivia(SyntaxFactory.ElasticEndOfLine(LineEndings.Of(type).ToFullString()), SyntaxFactory.ElasticEndOfLine(LineEndings.Of(type).ToFullString()));
        // Hoisted fields go first in the type, in the order of their diagnostics.
        editor.InsertBefore(type.Members[0], field);

        for (var i = 1; i < diagnostic.AdditionalLocations.Count; i++)
        {
            if (Target<IdentifierNameSyntax>(root, diagnostic, i) is { } identifier && identifier.Identifier.ValueText == variable.Identifier.ValueText)
            {
                editor.ReplaceNode(identifier, SyntaxFactory.IdentifierName(name).WithTriviaFrom(identifier));
            }
        }

        editor.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia);
    }

    private static string FieldName(string local, TypeDeclarationSyntax type, HashSet<string> taken)
    {
        var trimmed = local.TrimStart('_');
        var baseName = trimmed.Length == 0 ? "SharedClient" : "Shared" + char.ToUpperInvariant(trimmed[0]) + trimmed.Substring(1);
        var name = baseName;
        for (var i = 2; taken.Contains(name) || Mentions(type, name); i++)
        {
            name = baseName + i;
        }

        taken.Add(name);
        return name;
    }

    private static bool Mentions(SyntaxNode type, string name)
    {
        foreach (var token in type.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name)
            {
                return true;
            }
        }

        return false;
    }
}
