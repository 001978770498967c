using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace HttpAnalyzers.CodeFixes.Infrastructure;

/// <summary>
/// One fix a diagnostic's fix data asks for: the title the user sees, the equivalence key (<c>HTTPnnnn.&lt;Action&gt;</c>,
/// one per distinct action so Fix All applies the same action everywhere) and, when a provider offers several actions,
/// which one (<see cref="Action"/>).
/// </summary>
public readonly struct FixPlan
{
    public FixPlan(string title, string equivalenceKey, string? action = null)
    {
        Title = title;
        EquivalenceKey = equivalenceKey;
        Action = action;
    }

    public string Title { get; }

    public string EquivalenceKey { get; }

    public string? Action { get; }
}

/// <summary>
/// The base of every HttpAnalyzers code fix provider: the analyzer → fixer contract in one place.
/// <list type="number">
/// <item><see cref="Plan"/> decides which fixes to offer from the diagnostic's fix data (its properties, named by the
/// family's fix-data class beside the analyzer) and the syntax at its locations. It never binds and never re-runs the
/// analysis.</item>
/// <item>The change is computed only when the action is invoked or previewed: <see cref="Rewrite"/> for an edit of the
/// document's syntax, <see cref="RewriteAsync"/> when it needs the document (a semantic model, options), or
/// <see cref="ApplyAsync"/> when it changes other documents.</item>
/// <item>Fix All is the batch fixer unless a provider whose fixes interact overrides <see cref="GetFixAllProvider"/>.</item>
/// </list>
/// </summary>
public abstract class FixDataCodeFixProvider : CodeFixProvider
{
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        var document = context.Document;
        foreach (var diagnostic in context.Diagnostics)
        {
            foreach (var plan in Plan(diagnostic, root))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(plan.Title, ct => ApplyAsync(document, diagnostic, plan, ct), plan.EquivalenceKey),
                    diagnostic);
            }
        }
    }

    /// <summary>The fixes to offer for <paramref name="diagnostic"/>, from its fix data and the syntax at its locations.</summary>
    protected abstract IEnumerable<FixPlan> Plan(Diagnostic diagnostic, SyntaxNode root);

    /// <summary>The changed solution; by default the document rewritten by <see cref="RewriteAsync"/>.</summary>
    protected virtual async Task<Solution> ApplyAsync(Document document, Diagnostic diagnostic, FixPlan plan, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document.Project.Solution;
        }

        var rewritten = await RewriteAsync(document, root, diagnostic, plan, cancellationToken).ConfigureAwait(false);
        return rewritten is null || rewritten == root ? document.Project.Solution : document.WithSyntaxRoot(rewritten).Project.Solution;
    }

    /// <summary>The document's new root, or null to leave it unchanged; by default <see cref="Rewrite"/>.</summary>
    protected virtual Task<SyntaxNode?> RewriteAsync(Document document, SyntaxNode root, Diagnostic diagnostic, FixPlan plan, CancellationToken cancellationToken)
        => Task.FromResult(Rewrite(root, diagnostic, plan));

    /// <summary>The document's new root, or null to leave it unchanged.</summary>
    protected virtual SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic, FixPlan plan) => null;

    /// <summary>The fix-data value of <paramref name="key"/>, or null.</summary>
    protected static string? Data(Diagnostic diagnostic, string key)
        => diagnostic.Properties.TryGetValue(key, out var value) ? value : null;

    /// <summary>The node of type <typeparamref name="TNode"/> at the diagnostic's additional location <paramref name="index"/>, or null.</summary>
    protected static TNode? Target<TNode>(SyntaxNode root, Diagnostic diagnostic, int index)
        where TNode : SyntaxNode
        => index < diagnostic.AdditionalLocations.Count ? NodeAt<TNode>(root, diagnostic.AdditionalLocations[index]) : null;

    /// <summary>The node of type <typeparamref name="TNode"/> the diagnostic is reported on, or null.</summary>
    protected static TNode? Reported<TNode>(SyntaxNode root, Diagnostic diagnostic)
        where TNode : SyntaxNode
        => NodeAt<TNode>(root, diagnostic.Location);

    private static TNode? NodeAt<TNode>(SyntaxNode root, Location location)
        where TNode : SyntaxNode
    {
        if (!location.IsInSource || location.SourceTree != root.SyntaxTree || !root.FullSpan.Contains(location.SourceSpan))
        {
            return null;
        }

        // The innermost node of the type that covers the location.
        for (SyntaxNode? node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true); node is not null; node = node.Parent)
        {
            if (node is TNode typed)
            {
                return typed;
            }
        }

        return null;
    }
}
