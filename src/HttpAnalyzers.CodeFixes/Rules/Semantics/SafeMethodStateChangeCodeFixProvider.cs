using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.CodeFixes.Infrastructure;
using HttpAnalyzers.Rules.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Rename;

namespace HttpAnalyzers.CodeFixes.Rules.Semantics;

/// <summary>
/// HTTP0050: changes the handler to POST: <c>[HttpGet("x")]</c>/<c>[HttpHead("x")]</c> → <c>[HttpPost("x")]</c> (template and
/// named arguments kept), <c>MapGet</c> → <c>MapPost</c>, <c>OnGet…</c>/<c>OnHead…</c> → <c>OnPost…</c> (renamed with its
/// references; the analyzer passes the new name only when the page model has no member of that name).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SafeMethodStateChangeCodeFixProvider))]
[Shared]
public sealed class SafeMethodStateChangeCodeFixProvider : FixDataCodeFixProvider
{
    private const string EquivalenceKey = DiagnosticIds.SafeMethodChangesState + ".UsePost";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SafeMethodChangesState);

    protected override IEnumerable<FixPlan> Plan(Diagnostic diagnostic, SyntaxNode root)
    {
        switch (Data(diagnostic, SemanticsFixData.Shape))
        {
            case SemanticsFixData.Attribute when Target<AttributeSyntax>(root, diagnostic, 0) is { } attribute && PostName(attribute.Name) is not null:
                yield return new FixPlan("Use [HttpPost]", EquivalenceKey);
                break;
            case SemanticsFixData.Map when MapGet(root, diagnostic) is not null:
                yield return new FixPlan("Use MapPost", EquivalenceKey);
                break;
            case SemanticsFixData.Page when Data(diagnostic, SemanticsFixData.NewName) is { } newName && Target<MethodDeclarationSyntax>(root, diagnostic, 0) is not null:
                yield return new FixPlan("Rename to '" + newName + "'", EquivalenceKey);
                break;
        }
    }

    protected override async Task<Solution> ApplyAsync(Document document, Diagnostic diagnostic, FixPlan plan, CancellationToken cancellationToken)
    {
        if (Data(diagnostic, SemanticsFixData.Shape) != SemanticsFixData.Page)
        {
            return await base.ApplyAsync(document, diagnostic, plan, cancellationToken).ConfigureAwait(false);
        }

        // The rename reaches every reference, in every document: it needs the handler's symbol.
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || Target<MethodDeclarationSyntax>(root, diagnostic, 0) is not { } declaration || Data(diagnostic, SemanticsFixData.NewName) is not { } newName ||
            model?.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol method)
        {
            return document.Project.Solution;
        }

        return await Renamer.RenameSymbolAsync(document.Project.Solution, method, new SymbolRenameOptions(), newName, cancellationToken).ConfigureAwait(false);
    }

    protected override SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic, FixPlan plan)
    {
        switch (Data(diagnostic, SemanticsFixData.Shape))
        {
            case SemanticsFixData.Attribute when Target<AttributeSyntax>(root, diagnostic, 0) is { } attribute && PostName(attribute.Name) is { } postName:
                return root.ReplaceNode(attribute.Name, postName);
            case SemanticsFixData.Map when MapGet(root, diagnostic) is { } name:
                return root.ReplaceNode(name, SemanticsFixes.Renamed(name, "MapPost"));
            default:
                return null;
        }
    }

    /// <summary>The <c>MapGet</c> name (additional location 0).</summary>
    private static IdentifierNameSyntax? MapGet(SyntaxNode root, Diagnostic diagnostic)
        => Target<IdentifierNameSyntax>(root, diagnostic, 0) is { Identifier.ValueText: "MapGet" } name ? name : null;

    /// <summary><c>HttpGet</c> → <c>HttpPost</c>, <c>HttpHeadAttribute</c> → <c>HttpPostAttribute</c>, <c>Mvc.HttpGet</c> → <c>Mvc.HttpPost</c>.</summary>
    private static NameSyntax? PostName(NameSyntax name)
    {
        switch (name)
        {
            case IdentifierNameSyntax identifier:
                var replaced = identifier.Identifier.ValueText switch
                {
                    "HttpGet" or "HttpHead" => "HttpPost",
                    "HttpGetAttribute" or "HttpHeadAttribute" => "HttpPostAttribute",
                    _ => null,
                };
                return replaced is null ? null : SemanticsFixes.Renamed(identifier, replaced);
            case QualifiedNameSyntax qualified:
                return PostName(qualified.Right) is SimpleNameSyntax right ? qualified.WithRight(right) : null;
            case AliasQualifiedNameSyntax alias:
                return PostName(alias.Name) is SimpleNameSyntax aliasRight ? alias.WithName(aliasRight) : null;
            default:
                return null;
        }
    }
}
