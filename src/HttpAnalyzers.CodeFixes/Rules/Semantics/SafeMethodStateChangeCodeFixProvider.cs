using System;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.Rules.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Rename;

namespace HttpAnalyzers.CodeFixes.Rules.Semantics;

/// <summary>
/// HTTP0050: changes the handler to POST: <c>[HttpGet("x")]</c>/<c>[HttpHead("x")]</c> → <c>[HttpPost("x")]</c> (template and
/// named arguments kept), <c>MapGet</c> → <c>MapPost</c>, <c>OnGet…</c>/<c>OnHead…</c> → <c>OnPost…</c> (renamed with its references).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SafeMethodStateChangeCodeFixProvider))]
[Shared]
public sealed class SafeMethodStateChangeCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = DiagnosticIds.SafeMethodChangesState + ".UsePost";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SafeMethodChangesState);

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
            diagnostic.Properties.TryGetValue(SafeMethodStateChangeAnalyzer.ShapeProperty, out var shape);
            switch (shape)
            {
                case SafeMethodStateChangeAnalyzer.AttributeShape:
                    if (root.FindNode(diagnostic.Location.SourceSpan) is AttributeSyntax attribute && PostName(attribute.Name) is { } postName)
                    {
                        context.RegisterCodeFix(
                            CodeAction.Create("Use [HttpPost]", ct => ReplaceAsync(context.Document, attribute.Name, postName, ct), EquivalenceKey),
                            diagnostic);
                    }

                    break;
                case SafeMethodStateChangeAnalyzer.MapShape:
                    var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
                    if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == "MapGet" && token.Parent is IdentifierNameSyntax name)
                    {
                        var post = SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(token.LeadingTrivia, "MapPost", token.TrailingTrivia));
                        context.RegisterCodeFix(
                            CodeAction.Create("Use MapPost", ct => ReplaceAsync(context.Document, name, post, ct), EquivalenceKey),
                            diagnostic);
                    }

                    break;
                case SafeMethodStateChangeAnalyzer.PageShape:
                    var identifier = root.FindToken(diagnostic.Location.SourceSpan.Start);
                    if (identifier.Parent is MethodDeclarationSyntax method && method.Identifier == identifier && PostHandlerName(identifier.ValueText) is { } newName &&
                        await CanRenameAsync(context.Document, method, newName, context.CancellationToken).ConfigureAwait(false))
                    {
                        context.RegisterCodeFix(
                            CodeAction.Create("Rename to '" + newName + "'", ct => RenameAsync(context.Document, method, newName, ct), EquivalenceKey),
                            diagnostic);
                    }

                    break;
            }
        }
    }

    /// <summary><c>HttpGet</c> → <c>HttpPost</c>, <c>HttpHeadAttribute</c> → <c>HttpPostAttribute</c>, <c>Mvc.HttpGet</c> → <c>Mvc.HttpPost</c>.</summary>
    private static NameSyntax? PostName(NameSyntax name)
    {
        switch (name)
        {
            case IdentifierNameSyntax identifier:
                var text = identifier.Identifier.ValueText;
                var replaced = text switch
                {
                    "HttpGet" or "HttpHead" => "HttpPost",
                    "HttpGetAttribute" or "HttpHeadAttribute" => "HttpPostAttribute",
                    _ => null,
                };
                return replaced is null ? null : identifier.WithIdentifier(SyntaxFactory.Identifier(identifier.Identifier.LeadingTrivia, replaced, identifier.Identifier.TrailingTrivia));
            case QualifiedNameSyntax qualified:
                return PostName(qualified.Right) is SimpleNameSyntax right ? qualified.WithRight(right) : null;
            case AliasQualifiedNameSyntax alias:
                return PostName(alias.Name) is SimpleNameSyntax aliasRight ? alias.WithName(aliasRight) : null;
            default:
                return null;
        }
    }

    /// <summary><c>OnGet</c> → <c>OnPost</c>, <c>OnGetAsync</c> → <c>OnPostAsync</c>, <c>OnHeadExport</c> → <c>OnPostExport</c>.</summary>
    internal static string? PostHandlerName(string name)
    {
        var verb = SafeMethodStateChangeAnalyzer.PageHandlerVerb(name);
        return verb switch
        {
            "GET" => "OnPost" + name.Substring("OnGet".Length),
            "HEAD" => "OnPost" + name.Substring("OnHead".Length),
            _ => null,
        };
    }

    private static async Task<Document> ReplaceAsync(Document document, SyntaxNode node, SyntaxNode replacement, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(node, replacement));
    }

    /// <summary>No fix when the page model already declares the POST handler: the rename would clash.</summary>
    private static async Task<bool> CanRenameAsync(Document document, MethodDeclarationSyntax declaration, string newName, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return model?.GetDeclaredSymbol(declaration, cancellationToken) is IMethodSymbol method && method.ContainingType.GetMembers(newName).IsEmpty;
    }

    private static async Task<Solution> RenameAsync(Document document, MethodDeclarationSyntax declaration, string newName, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model?.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol method)
        {
            return document.Project.Solution;
        }

        return await Renamer.RenameSymbolAsync(document.Project.Solution, method, new SymbolRenameOptions(), newName, cancellationToken).ConfigureAwait(false);
    }
}
