using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.Infrastructure;
using HttpAnalyzers.Rules.Retries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
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

    /// <summary>A name not yet visible at <paramref name="position"/> nor in <paramref name="taken"/>: <paramref name="name"/>, then name2, name3, …</summary>
    public static string UniqueName(SemanticModel model, int position, string name, ICollection<string>? taken = null)
    {
        var candidate = name;
        for (var i = 2; i < 100; i++)
        {
            if (taken?.Contains(candidate) != true && model.LookupSymbols(position, name: candidate).IsEmpty && !DeclaredLater(model, position, candidate))
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

    /// <summary>
    /// Inserts <paramref name="statements"/> before <paramref name="anchor"/> (a <see cref="RetryConstruct.AnchorOf"/>): before the
    /// statement, or first in the block its expression body becomes (<see cref="WithBlockBody"/>). Call it after the editor's other
    /// edits inside that body: the conversion keeps them.
    /// </summary>
    public static void InsertBefore(SyntaxEditor editor, SemanticModel model, SyntaxNode anchor, IReadOnlyList<StatementSyntax> statements, CancellationToken cancellationToken)
    {
        if (anchor is StatementSyntax statement)
        {
            var target = InsertionTarget(statement);
            editor.InsertBefore(target, statements.Select(s => ForTarget(target, s)));
            return;
        }

        var function = anchor.Parent is ArrowExpressionClauseSyntax arrow ? arrow.Parent : anchor.Parent;
        if (function is not null)
        {
            var returnsValue = ReturnsValue(model, function, cancellationToken);
            editor.ReplaceNode(function, (current, _) => WithBlockBody(current, statements, returnsValue) ?? current);
        }
    }

    /// <summary>
    /// True when the expression body of <paramref name="function"/> (a lambda, or a member, local function or accessor) is its
    /// result; false when the function returns void, or is async and returns a task without a value (<c>Task</c>, <c>ValueTask</c>).
    /// </summary>
    public static bool ReturnsValue(SemanticModel model, SyntaxNode function, CancellationToken cancellationToken)
    {
        var symbol = function is AnonymousFunctionExpressionSyntax
            ? model.GetSymbolInfo(function, cancellationToken).Symbol
            : model.GetDeclaredSymbol(function, cancellationToken);
        return symbol is not IMethodSymbol method || !(method.ReturnsVoid || (method.IsAsync && method.ReturnType is INamedTypeSymbol { IsGenericType: false }));
    }

    /// <summary>
    /// <paramref name="function"/> — a lambda, or a method, local function, operator, accessor, property or indexer with an
    /// <c>=&gt;</c> body — with a block body instead: <paramref name="before"/>, then the expression (returned when
    /// <paramref name="returnsValue"/>, else as a statement; a throw expression is thrown), then <paramref name="after"/>, one
    /// statement per line for the formatter to indent. A property's or indexer's <c>=&gt;</c> becomes a <c>get</c> accessor.
    /// Null when the function has no expression body.
    /// </summary>
    public static SyntaxNode? WithBlockBody(SyntaxNode function, IEnumerable<StatementSyntax> before, bool returnsValue, IEnumerable<StatementSyntax>? after = null)
    {
        var (expression, semicolon) = function switch
        {
            AnonymousFunctionExpressionSyntax lambda => (lambda.ExpressionBody, default),
            BaseMethodDeclarationSyntax method => (method.ExpressionBody?.Expression, method.SemicolonToken),
            LocalFunctionStatementSyntax local => (local.ExpressionBody?.Expression, local.SemicolonToken),
            AccessorDeclarationSyntax accessor => (accessor.ExpressionBody?.Expression, accessor.SemicolonToken),
            PropertyDeclarationSyntax property => (property.ExpressionBody?.Expression, property.SemicolonToken),
            IndexerDeclarationSyntax indexer => (indexer.ExpressionBody?.Expression, indexer.SemicolonToken),
            _ => ((ExpressionSyntax?)null, default(SyntaxToken)),
        };
        if (expression is null)
        {
            return null;
        }

        StatementSyntax result = expression switch
        {
            ThrowExpressionSyntax thrown => SyntaxFactory.ThrowStatement(thrown.Expression.WithoutTrivia()),
            _ when returnsValue => SyntaxFactory.ReturnStatement(expression.WithoutTrivia()),
            _ => SyntaxFactory.ExpressionStatement(expression.WithoutTrivia()),
        };
        var statements = before.ToList();
        var index = statements.Count;
        statements.Add(result);
        statements.AddRange(after ?? []);
        var block = MultilineBlock([.. statements]);

        // The statement starts with the indentation of the line the expression started on: the formatter moves the lines of a
        // multi-line expression (a callback's block) by as much as it moves the first. A comment after a member's semicolon stays
        // on the statement's line; what followed the body (the end of the member's line, the trivia after a lambda's expression)
        // follows the block.
        var moved = block.Statements[index].WithLeadingTrivia(LineIndentation(expression.GetFirstToken()));
        var trailing = semicolon == default ? expression.GetTrailingTrivia() : semicolon.TrailingTrivia;
        if (semicolon != default && trailing.Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia)))
        {
            moved = moved.WithTrailingTrivia(trailing);
            trailing = SyntaxFactory.TriviaList(SyntaxFactory.EndOfLine("\n"));
        }

        block = block.WithStatements(block.Statements.Replace(block.Statements[index], moved));
        block = block.WithCloseBraceToken(block.CloseBraceToken.WithTrailingTrivia(trailing));
        SyntaxNode? converted = function switch
        {
            AnonymousFunctionExpressionSyntax lambda => lambda.WithExpressionBody(null).WithBlock(block),
            BaseMethodDeclarationSyntax method => method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block),
            LocalFunctionStatementSyntax local => local.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block),
            AccessorDeclarationSyntax accessor => accessor.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block),
            PropertyDeclarationSyntax property => property.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(Getter(block)),
            IndexerDeclarationSyntax indexer => indexer.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(Getter(block)),
            _ => null,
        };
        return converted?.WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>The white space that starts the line <paramref name="token"/> stands on.</summary>
    private static SyntaxTriviaList LineIndentation(SyntaxToken token)
    {
        for (var current = token; current != default; current = current.GetPreviousToken())
        {
            var previous = current.GetPreviousToken();
            if (previous != default && !previous.TrailingTrivia.Any(SyntaxKind.EndOfLineTrivia) && !current.LeadingTrivia.Any(SyntaxKind.EndOfLineTrivia))
            {
                continue;
            }

            var leading = current.LeadingTrivia;
            var start = leading.Count;
            while (start > 0 && leading[start - 1].IsKind(SyntaxKind.WhitespaceTrivia))
            {
                start--;
            }

            return SyntaxFactory.TriviaList(leading.Skip(start));
        }

        return default;
    }

    private static AccessorListSyntax Getter(BlockSyntax body)
        => SyntaxFactory.AccessorList(SyntaxFactory.SingletonList(
            SyntaxFactory.AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, body.WithoutTrailingTrivia())))
            .WithTrailingTrivia(body.GetTrailingTrivia());

    /// <summary>The node to insert a new statement before: the statement, or its global statement in top-level code.</summary>
    private static SyntaxNode InsertionTarget(StatementSyntax statement)
        => statement.Parent is GlobalStatementSyntax global ? global : statement;

    /// <summary>Wraps a statement for insertion next to <paramref name="target"/> (as a global statement in top-level code).</summary>
    private static SyntaxNode ForTarget(SyntaxNode target, StatementSyntax statement)
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

    /// <summary>What code "before the construct" is inserted before: a statement, or an expression body (see <see cref="RetryConstruct.AnchorOf"/>).</summary>
    public SyntaxNode? Anchor => RetryConstruct.AnchorOf(Construct);

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

/// <summary>
/// The statements the fixes of one document declare before retry constructs, inserted together once every fix has made its
/// other edits (<see cref="Apply"/>), so that the fixes compose like fixes applied one after the other: the names they take
/// are distinct in each member, the statements for one anchor keep the order they were added in, and an expression body that
/// receives several becomes one block.
/// </summary>
internal sealed class BeforeConstructs
{
    private readonly Dictionary<SyntaxNode, List<StatementSyntax>> _statements = [];
    private readonly List<SyntaxNode> _anchors = [];
    private readonly Dictionary<SyntaxNode, HashSet<string>> _names = [];
    private readonly HashSet<SyntaxNode> _edited = [];

    /// <summary>False when another fix of the document already edits <paramref name="node"/>: two findings that ask for one edit make it once.</summary>
    public bool Claim(SyntaxNode node) => _edited.Add(node);

    /// <summary>A name not visible at <paramref name="anchor"/> and not taken by another fix in its member (<see cref="RetryFixes.UniqueName"/>); it is taken now.</summary>
    public string Name(SemanticModel model, SyntaxNode anchor, string name)
    {
        var taken = Taken(anchor);
        var unique = RetryFixes.UniqueName(model, anchor.SpanStart, name, taken);
        taken.Add(unique);
        return unique;
    }

    /// <summary>Marks a name a fix declares before <paramref name="anchor"/> as taken in its member.</summary>
    public void Take(SyntaxNode anchor, string name) => Taken(anchor).Add(name);

    public void Add(SyntaxNode anchor, StatementSyntax statement)
    {
        if (!_statements.TryGetValue(anchor, out var statements))
        {
            _statements.Add(anchor, statements = []);
            _anchors.Add(anchor);
        }

        statements.Add(statement);
    }

    /// <summary>Inserts the statements: before statements first, then into expression bodies, innermost first.</summary>
    public void Apply(SyntaxEditor editor, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var anchor in _anchors.OrderBy(a => a is StatementSyntax ? 0 : 1).ThenBy(a => a.Span.Length))
        {
            RetryFixes.InsertBefore(editor, model, anchor, _statements[anchor], cancellationToken);
        }
    }

    private HashSet<string> Taken(SyntaxNode anchor)
    {
        // Top-level statements share one scope: the compilation unit's.
        var member = anchor.AncestorsAndSelf().FirstOrDefault(n => n is MemberDeclarationSyntax and not GlobalStatementSyntax) ?? anchor.SyntaxTree.GetRoot();
        if (!_names.TryGetValue(member, out var taken))
        {
            _names.Add(member, taken = new HashSet<string>(System.StringComparer.Ordinal));
        }

        return taken;
    }
}
