using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.CodeFixes.Rules.Retries;

/// <summary>HTTP0003: hoists the key's value into a local declared before the retry construct.</summary>
public sealed partial class RetryRequestCodeFixProvider
{
    private const string RegeneratedKeyKey = DiagnosticIds.IdempotencyKeyRegenerated + ".HoistKey";
    private const string RegeneratedKeyTitle = "Create the idempotency key once, before the retry";

    private sealed class RegeneratedKeyPlan
    {
        public RegeneratedKeyPlan(SyntaxNode insertBefore, ExpressionSyntax? hoisted, LocalDeclarationStatementSyntax? moved, string name)
        {
            InsertBefore = insertBefore;
            Hoisted = hoisted;
            Moved = moved;
            Name = name;
        }

        public SyntaxNode InsertBefore { get; }

        public ExpressionSyntax? Hoisted { get; }

        public LocalDeclarationStatementSyntax? Moved { get; }

        public string Name { get; }
    }

    private static async Task<RegeneratedKeyPlan?> PlanRegeneratedKeyAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var found = await RetryFixes.GetOperationAsync(document, diagnostic.Location.SourceSpan, cancellationToken).ConfigureAwait(false);
        if (found is not { Operation: var generator, Model: var model, Root: var root })
        {
            return null;
        }

        var construct = RetryFixTarget.From(root, diagnostic);
        var anchor = construct?.AnchorStatement;
        if (construct is null || !RetryFixes.CanInsertBefore(anchor))
        {
            return null;
        }

        for (var current = generator.Parent; current is not null; current = current.Parent)
        {
            if (current is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Add" or "TryAddWithoutValidation" } } argument &&
                argument.Value.Syntax is ExpressionSyntax value)
            {
                if (RetryFixes.UsesLocalsDeclaredIn(model, value, construct.Scope, cancellationToken))
                {
                    return null;
                }

                var name = RetryFixes.UniqueName(model, anchor!.SpanStart, "idempotencyKey");
                return new RegeneratedKeyPlan(RetryFixes.InsertionTarget(anchor), value, null, name);
            }

            if (current is IVariableDeclaratorOperation { Initializer: not null } declarator &&
                declarator.Syntax.Parent is VariableDeclarationSyntax { Variables.Count: 1 } &&
                declarator.Syntax.Parent.Parent is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0 } declaration &&
                declaration.Parent is BlockSyntax)
            {
                var initializer = ((VariableDeclaratorSyntax)declarator.Syntax).Initializer!;
                var name = declarator.Symbol.Name;
                if (RetryFixes.UsesLocalsDeclaredIn(model, initializer, construct.Scope, cancellationToken) ||
                    !model.LookupSymbols(anchor!.SpanStart, name: name).IsEmpty ||
                    CountDeclarations(anchor.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? (SyntaxNode)anchor.SyntaxTree.GetRoot(cancellationToken), name) > 1)
                {
                    return null;
                }

                return new RegeneratedKeyPlan(RetryFixes.InsertionTarget(anchor), null, declaration, name);
            }

            if (current is IBlockOperation or IAnonymousFunctionOperation)
            {
                break;
            }
        }

        return null;
    }

    private static int CountDeclarations(SyntaxNode scope, string name)
    {
        var count = 0;
        foreach (var node in scope.DescendantNodes())
        {
            if ((node is VariableDeclaratorSyntax declarator && declarator.Identifier.ValueText == name) ||
                (node is SingleVariableDesignationSyntax designation && designation.Identifier.ValueText == name) ||
                (node is ParameterSyntax parameter && parameter.Identifier.ValueText == name))
            {
                count++;
            }
        }

        return count;
    }

    private static async Task<Document> ApplyRegeneratedKeyAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var plan = await PlanRegeneratedKeyAsync(document, diagnostic, cancellationToken).ConfigureAwait(false);
        if (plan is null)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        if (plan.Hoisted is not null)
        {
            editor.InsertBefore(plan.InsertBefore, RetryFixes.ForTarget(plan.InsertBefore, RetryFixes.DeclareVar(plan.Name, plan.Hoisted)));
            editor.ReplaceNode(plan.Hoisted, SyntaxFactory.IdentifierName(plan.Name).WithTriviaFrom(plan.Hoisted));
        }
        else if (plan.Moved is not null)
        {
            editor.RemoveNode(plan.Moved, SyntaxRemoveOptions.KeepNoTrivia);
            var moved = plan.Moved.WithoutLeadingTrivia().WithTrailingTrivia(LineEndings.Of(plan.Moved)).WithAdditionalAnnotations(Formatter.Annotation);
            editor.InsertBefore(plan.InsertBefore, RetryFixes.ForTarget(plan.InsertBefore, moved));
        }

        return editor.GetChangedDocument();
    }
}
