using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.Infrastructure;
using HttpAnalyzers.Rules.Retries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.CodeFixes.Rules.Retries;

/// <summary>Helpers shared by the retries family's code fixes.</summary>
internal static class RetryFixes
{
    /// <summary>The operation of the node the diagnostic points at (the node itself, or the innermost one that has an operation).</summary>
    public static async Task<(SyntaxNode Root, SemanticModel Model, IOperation Operation)?> GetOperationAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return null;
        }

        var node = root.FindNode(span, getInnermostNodeForTie: true);
        for (var current = node; current is not null; current = current.Parent)
        {
            if (current.Span != span && current != node)
            {
                break;
            }

            var operation = model.GetOperation(current, cancellationToken);
            if (operation is not null && operation.Syntax.Span == span)
            {
                return (root, model, operation);
            }
        }

        // A diagnostic on an invoked method's name: the invocation.
        for (var current = node; current is not null; current = current.Parent)
        {
            if (current is InvocationExpressionSyntax invocation && model.GetOperation(invocation, cancellationToken) is { } operation)
            {
                return (root, model, operation);
            }

            if (current is StatementSyntax)
            {
                break;
            }
        }

        return null;
    }

    /// <summary>A name not yet visible at <paramref name="position"/>: <paramref name="name"/>, then name2, name3, …</summary>
    public static string UniqueName(SemanticModel model, int position, string name)
    {
        var candidate = name;
        for (var i = 2; i < 100; i++)
        {
            if (model.LookupSymbols(position, name: candidate).IsEmpty && !DeclaredLater(model, position, candidate))
            {
                return candidate;
            }

            candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    private static bool DeclaredLater(SemanticModel model, int position, string name)
    {
        var token = model.SyntaxTree.GetRoot().FindToken(position);
        var member = token.Parent?.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? (SyntaxNode?)token.Parent?.FirstAncestorOrSelf<CompilationUnitSyntax>();
        if (member is null)
        {
            return false;
        }

        foreach (var node in member.DescendantNodes())
        {
            if (node is VariableDeclaratorSyntax declarator && declarator.Identifier.ValueText == name)
            {
                return true;
            }

            if (node is SingleVariableDesignationSyntax designation && designation.Identifier.ValueText == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when statements may be inserted before <paramref name="statement"/> (it sits in a block, a switch section or top-level code).</summary>
    public static bool CanInsertBefore(StatementSyntax? statement)
        => statement?.Parent is BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax;

    /// <summary>The node to insert a new statement before: the statement, or its global statement in top-level code.</summary>
    public static SyntaxNode InsertionTarget(StatementSyntax statement)
        => statement.Parent is GlobalStatementSyntax global ? global : statement;

    /// <summary>Wraps a statement for insertion next to <paramref name="target"/> (as a global statement in top-level code).</summary>
    public static SyntaxNode ForTarget(SyntaxNode target, StatementSyntax statement)
    {
        if (target is not GlobalStatementSyntax)
        {
            return statement;
        }

        var endOfLine = SyntaxFactory.EndOfLine("\n");
        foreach (var trivia in target.GetTrailingTrivia())
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                endOfLine = trivia;
            }
        }

        return SyntaxFactory.GlobalStatement(statement.WithoutTrivia().WithTrailingTrivia(endOfLine));
    }

    /// <summary><c>var name = value;</c>, formatted.</summary>
    public static LocalDeclarationStatementSyntax DeclareVar(string name, ExpressionSyntax value)
        => SyntaxFactory.LocalDeclarationStatement(
                SyntaxFactory.VariableDeclaration(
                    SyntaxFactory.IdentifierName("var"),
                    SyntaxFactory.SingletonSeparatedList(
                        SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(name))
                            .WithInitializer(SyntaxFactory.EqualsValueClause(value.WithoutTrivia())))))
            .WithAdditionalAnnotations(Formatter.Annotation);

    /// <summary><c>Guid.NewGuid().ToString()</c>, with <c>System.</c> simplified away where <c>using System;</c> is in scope.</summary>
    public static ExpressionSyntax NewGuidString()
        => SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(
                        SyntaxKind.SimpleMemberAccessExpression,
                        SyntaxFactory.ParseName("System.Guid").WithAdditionalAnnotations(Microsoft.CodeAnalysis.Simplification.Simplifier.Annotation),
                        SyntaxFactory.IdentifierName("NewGuid"))),
                SyntaxFactory.IdentifierName("ToString")));

    /// <summary>Marks the <c>System.…</c>-qualified type names in <paramref name="node"/> for simplification (they lose the namespace where a using is in scope).</summary>
    public static T SimplifySystemNames<T>(T node)
        where T : SyntaxNode
        => node.ReplaceNodes(
            node.DescendantNodes(n => true),
            (original, rewritten) => original is MemberAccessExpressionSyntax or QualifiedNameSyntax && IsSystemTypeName(original)
                ? rewritten.WithAdditionalAnnotations(Microsoft.CodeAnalysis.Simplification.Simplifier.Annotation)
                : rewritten);

    private static bool IsSystemTypeName(SyntaxNode node)
    {
        var text = node.ToString();
        return text is "System.Threading.RateLimiting.MetadataName" or "System.Globalization.NumberFormatInfo" or "System.DateTimeOffset" or "System.TimeSpan" or "System.Net.Http.HttpMethod" or "System.Guid";
    }

    /// <summary>A block with one statement per line, for the formatter to indent.</summary>
    public static BlockSyntax MultilineBlock(params StatementSyntax[] statements)
    {
        var list = new System.Collections.Generic.List<StatementSyntax>();
        foreach (var statement in statements)
        {
            list.Add(statement.WithoutTrivia().WithTrailingTrivia(SyntaxFactory.EndOfLine("\n")));
        }

        return SyntaxFactory.Block(
                SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(SyntaxFactory.ElasticMarker).WithTrailingTrivia(SyntaxFactory.EndOfLine("\n")),
                SyntaxFactory.List(list),
                SyntaxFactory.Token(SyntaxKind.CloseBraceToken))
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

}

/// <summary>
/// The retry construct of an HTTP0001–HTTP0003 diagnostic, read from the fix data the analyzer passed
/// (<see cref="RetryFixData"/>): the fixes never look for it again.
/// </summary>
internal sealed class RetryFixTarget
{
    private RetryFixTarget(SyntaxNode construct, SyntaxNode body, bool isLoop, SyntaxNode? creation)
    {
        Construct = construct;
        Body = body;
        IsLoop = isLoop;
        Creation = creation;
    }

    /// <summary>The loop statement, or the <c>Execute*</c> invocation.</summary>
    public SyntaxNode Construct { get; }

    /// <summary>The loop body, or the callback.</summary>
    public SyntaxNode Body { get; }

    public bool IsLoop { get; }

    /// <summary>HTTP0001: the request creation the key is added to, when the send is not a helper.</summary>
    public SyntaxNode? Creation { get; }

    /// <summary>The statement the construct is, or that contains it (where code "before the construct" goes).</summary>
    public StatementSyntax? AnchorStatement => Construct as StatementSyntax ?? Construct.FirstAncestorOrSelf<StatementSyntax>();

    /// <summary>The syntax whose locals are per repetition: the whole loop (its header declares the attempt counter), or the callback.</summary>
    public SyntaxNode Scope => IsLoop ? Construct : Body;

    public bool Contains(SyntaxNode node) => Body.Span.Contains(node.Span);

    public static RetryFixTarget? From(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(RetryFixData.Construct, out var kind) ||
            diagnostic.AdditionalLocations.Count <= RetryFixData.BodyIndex)
        {
            return null;
        }

        var construct = NodeAt(root, diagnostic.AdditionalLocations[RetryFixData.ConstructIndex]);
        var body = NodeAt(root, diagnostic.AdditionalLocations[RetryFixData.BodyIndex]);
        var creation = diagnostic.AdditionalLocations.Count > RetryFixData.CreationIndex
            ? NodeAt(root, diagnostic.AdditionalLocations[RetryFixData.CreationIndex])
            : null;
        return construct is null || body is null ? null : new RetryFixTarget(construct, body, kind == RetryFixData.Loop, creation);
    }

    private static SyntaxNode? NodeAt(SyntaxNode root, Location location)
    {
        if (location.SourceTree != root.SyntaxTree || !root.FullSpan.Contains(location.SourceSpan))
        {
            return null;
        }

        var node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
        return node.Span == location.SourceSpan ? node : null;
    }
}
