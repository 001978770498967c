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
/// HTTP0004: waits for <c>response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date - DateTimeOffset.UtcNow) ?? &lt;the existing delay&gt;</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RetryAfterCodeFixProvider))]
[Shared]
public sealed class RetryAfterCodeFixProvider : CodeFixProvider
{
    private const string Title = "Wait for the Retry-After delay";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RetryAfterIgnored);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.ContainsKey(RetryFixData.AddDelayGeneratorProperty))
            {
                var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
                var creation = root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>();
                if (creation?.Initializer is not null)
                {
                    var document = context.Document;
                    var creationSpan = creation.Span;
                    context.RegisterCodeFix(
                        CodeAction.Create("Add a DelayGenerator that reads Retry-After", ct => AddDelayGeneratorAsync(document, creationSpan, ct), equivalenceKey: DiagnosticIds.RetryAfterIgnored + ".AddDelayGenerator"),
                        diagnostic);
                }

                continue;
            }

            if (!diagnostic.Properties.ContainsKey(RetryFixData.FixableProperty))
            {
                continue;
            }

            var plan = await PlanAsync(context.Document, diagnostic.Location.SourceSpan, context.CancellationToken).ConfigureAwait(false);
            if (plan is null)
            {
                continue;
            }

            var span = diagnostic.Location.SourceSpan;
            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => ApplyAsync(context.Document, span, ct), equivalenceKey: DiagnosticIds.RetryAfterIgnored + ".WaitForRetryAfter"),
                diagnostic);
        }
    }

    private static async Task<(ExpressionSyntax Delay, ExpressionSyntax Replacement)?> PlanAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, CancellationToken cancellationToken)
    {
        var found = await RetryFixes.GetOperationAsync(document, span, cancellationToken).ConfigureAwait(false);
        if (found is not { Operation: IInvocationOperation delay, Model: var model } || delay.Arguments.Length == 0)
        {
            return null;
        }

        var argument = delay.Arguments[0];
        if (argument.Syntax is not ArgumentSyntax { NameColon: null } argumentSyntax)
        {
            return null;
        }

        var types = KnownTypes.Get(model.Compilation);
        var response = FindResponse(delay, types);
        if (response is null)
        {
            return null;
        }

        var existing = argumentSyntax.Expression;
        var parameterType = argument.Parameter?.Type;
        ExpressionSyntax fallback;
        if (parameterType?.SpecialType == SpecialType.System_Int32)
        {
            fallback = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.ParseName("System.TimeSpan").WithAdditionalAnnotations(Simplifier.Annotation), SyntaxFactory.IdentifierName("FromMilliseconds")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(existing.WithoutTrivia()))));
        }
        else if (parameterType.Is(types.TimeSpan))
        {
            fallback = existing.WithoutTrivia();
            if (fallback is BinaryExpressionSyntax or ConditionalExpressionSyntax or AssignmentExpressionSyntax)
            {
                fallback = SyntaxFactory.ParenthesizedExpression(fallback);
            }
        }
        else
        {
            return null;
        }

        var responseText = response.ToString();
        var replacement = SyntaxFactory.ParseExpression(
            responseText + ".Headers.RetryAfter?.Delta ?? (" + responseText + ".Headers.RetryAfter?.Date - System.DateTimeOffset.UtcNow) ?? FALLBACK");
        var placeholder = replacement.DescendantNodes();
        IdentifierNameSyntax? marker = null;
        foreach (var node in placeholder)
        {
            if (node is IdentifierNameSyntax { Identifier.ValueText: "FALLBACK" } name)
            {
                marker = name;
            }
        }

        if (marker is null)
        {
            return null;
        }

        replacement = replacement.ReplaceNode(marker, fallback);
        var annotated = replacement.ReplaceNodes(
            replacement.DescendantNodes(),
            (original, rewritten) => rewritten is QualifiedNameSyntax or MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "System" } } }
                ? rewritten.WithAdditionalAnnotations(Simplifier.Annotation)
                : rewritten);
        return (existing, annotated.WithTriviaFrom(existing).WithAdditionalAnnotations(Formatter.Annotation));
    }

    /// <summary>The response whose status the analyzer found, as it is spelled in code (a local or parameter).</summary>
    /// <summary>Adds <c>DelayGenerator = args =&gt; … Retry-After …</c> to the initializer of the retry options created at <paramref name="creationSpan"/>.</summary>
    private static async Task<Document> AddDelayGeneratorAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan creationSpan, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var creation = root?.FindNode(creationSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>();
        if (root is null || model is null || creation?.Initializer is not { } initializer)
        {
            return document;
        }

        var name = RetryFixes.UniqueName(model, creation.SpanStart, "args");
        var generator = SyntaxFactory.ParseExpression(
            "DelayGenerator = " + name + " => ValueTask.FromResult(" + name + ".Outcome.Result?.Headers.RetryAfter?.Delta ?? (" +
            name + ".Outcome.Result?.Headers.RetryAfter?.Date - System.DateTimeOffset.UtcNow))");
        var expressions = initializer.Expressions;
        var trailingComma = expressions.Count > 0 && expressions.SeparatorCount == expressions.Count;
        var added = expressions.Add(RetryFixes.SimplifySystemNames(generator));
        if (trailingComma)
        {
            added = SyntaxFactory.SeparatedList<ExpressionSyntax>(added.GetWithSeparators().Add(SyntaxFactory.Token(SyntaxKind.CommaToken)));
        }

        var newInitializer = initializer.WithExpressions(added);
        return document.WithSyntaxRoot(root.ReplaceNode(initializer, newInitializer.WithAdditionalAnnotations(Formatter.Annotation)));
    }

    private static ExpressionSyntax? FindResponse(IOperation delay, KnownTypes types)
    {
        for (var current = delay.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                break;
            }

            var condition = current switch
            {
                IConditionalOperation conditional => conditional.Condition,
                ISwitchCaseOperation { Parent: ISwitchOperation @switch } => @switch.Value,
                _ => null,
            };
            if (condition is null && current is IBlockOperation block)
            {
                foreach (var statement in block.Operations)
                {
                    if (statement is IConditionalOperation guard && statement.Syntax.SpanStart < delay.Syntax.SpanStart)
                    {
                        var candidate = StatusReceiver(guard.Condition, types);
                        if (candidate is not null)
                        {
                            return candidate;
                        }
                    }
                }
            }

            var receiver = StatusReceiver(condition, types);
            if (receiver is not null)
            {
                return receiver;
            }
        }

        return null;
    }

    private static ExpressionSyntax? StatusReceiver(IOperation? condition, KnownTypes types)
    {
        if (condition is null)
        {
            return null;
        }

        foreach (var operation in condition.DescendantsAndSelf())
        {
            if (operation is IPropertyReferenceOperation { Property.Name: "StatusCode", Instance: { } instance } property &&
                property.Property.ContainingType.Is(types.HttpResponseMessage) &&
                instance.WalkDownConversions() is ILocalReferenceOperation or IParameterReferenceOperation &&
                instance.Syntax is ExpressionSyntax syntax)
            {
                return syntax.WithoutTrivia();
            }
        }

        return null;
    }

    private static async Task<Document> ApplyAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(document, span, cancellationToken).ConfigureAwait(false);
        if (plan is null)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        editor.ReplaceNode(plan.Value.Delay, plan.Value.Replacement);
        return editor.GetChangedDocument();
    }
}
