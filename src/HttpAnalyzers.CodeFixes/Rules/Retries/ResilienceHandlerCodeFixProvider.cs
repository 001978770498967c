using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.Infrastructure;
using HttpAnalyzers.Rules.Retries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace HttpAnalyzers.CodeFixes.Rules.Retries;

/// <summary>
/// HTTP0006: <c>AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods())</c>. Where the referenced
/// API carries <c>[Experimental]</c>, the changed statement is wrapped in <c>#pragma warning disable/restore &lt;that ID&gt;</c> so the
/// fixed code builds.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ResilienceHandlerCodeFixProvider))]
[Shared]
public sealed class ResilienceHandlerCodeFixProvider : CodeFixProvider
{
    private const string Title = "Disable retries for unsafe HTTP methods";
    private const string Namespace = "Microsoft.Extensions.Http.Resilience";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RetryPolicyRetriesUnsafeMethods);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (model is null || root is null || KnownTypes.Get(model.Compilation).HttpRetryStrategyOptionsExtensions is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!(diagnostic.Properties.ContainsKey(RetryFixData.StandardHandlerProperty) || diagnostic.Properties.ContainsKey(RetryFixData.RetryOptionsProperty)) ||
                !diagnostic.Location.IsInSource)
            {
                continue;
            }

            var invocation = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>();
            if (invocation is null || PragmaTarget(invocation) is null || NewInvocation(invocation) is null)
            {
                continue;
            }

            var span = diagnostic.Location.SourceSpan;
            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => ApplyAsync(context.Document, span, ct), equivalenceKey: DiagnosticIds.RetryPolicyRetriesUnsafeMethods + ".DisableForUnsafeMethods"),
                diagnostic);
        }
    }

    /// <summary>The statement that contains the registration, or the expression-bodied member.</summary>
    private static SyntaxNode? PragmaTarget(InvocationExpressionSyntax invocation)
        => (SyntaxNode?)invocation.FirstAncestorOrSelf<StatementSyntax>() ?? invocation.FirstAncestorOrSelf<MemberDeclarationSyntax>();

    private static InvocationExpressionSyntax? NewInvocation(InvocationExpressionSyntax invocation)
    {
        var arguments = invocation.ArgumentList.Arguments;
        if (invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AddResilienceHandler" })
        {
            return RestrictRetryOptions(invocation);
        }

        if (arguments.Count == 0)
        {
            var lambda = SyntaxFactory.ParseExpression("options => options.Retry.DisableForUnsafeHttpMethods()");
            return invocation.WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(lambda))));
        }

        if (arguments.Count != 1)
        {
            return null;
        }

        var (parameter, body) = arguments[0].Expression switch
        {
            SimpleLambdaExpressionSyntax simple => (simple.Parameter.Identifier.ValueText, (CSharpSyntaxNode)simple.Body),
            ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized => (parenthesized.ParameterList.Parameters[0].Identifier.ValueText, parenthesized.Body),
            _ => (null, null),
        };
        if (parameter is null || body is null)
        {
            return null;
        }

        var call = SyntaxFactory.ParseStatement(parameter + ".Retry.DisableForUnsafeHttpMethods();").WithAdditionalAnnotations(Formatter.Annotation);
        var newBody = body switch
        {
            BlockSyntax block => block.AddStatements(call),
            ExpressionSyntax expression => RetryFixes.MultilineBlock(SyntaxFactory.ExpressionStatement(expression.WithoutTrivia()), call),
            _ => null!,
        };
        if (newBody is null)
        {
            return null;
        }

        var lambdaSyntax = (LambdaExpressionSyntax)arguments[0].Expression;
        var newLambda = lambdaSyntax switch
        {
            SimpleLambdaExpressionSyntax s => s.WithExpressionBody(null).WithBlock(newBody),
            ParenthesizedLambdaExpressionSyntax p => p.WithExpressionBody(null).WithBlock(newBody),
            _ => lambdaSyntax,
        };
        return invocation.ReplaceNode(lambdaSyntax, newLambda.WithAdditionalAnnotations(Formatter.Annotation));
    }

    /// <summary>
    /// <c>AddResilienceHandler("name", b => b.AddRetry(new HttpRetryStrategyOptions { … }))</c>: the options move into a local,
    /// restricted with <c>DisableForUnsafeHttpMethods()</c> before they are added.
    /// </summary>
    private static InvocationExpressionSyntax? RestrictRetryOptions(InvocationExpressionSyntax invocation)
    {
        LambdaExpressionSyntax? lambda = null;
        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            if (argument.Expression is LambdaExpressionSyntax candidate)
            {
                lambda = candidate;
            }
        }

        if (lambda is null)
        {
            return null;
        }

        ArgumentSyntax? options = null;
        foreach (var node in lambda.Body.DescendantNodesAndSelf())
        {
            if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AddRetry" } } add &&
                add.ArgumentList.Arguments.Count == 1 &&
                add.ArgumentList.Arguments[0].Expression is BaseObjectCreationExpressionSyntax)
            {
                if (options is not null)
                {
                    return null;
                }

                options = add.ArgumentList.Arguments[0];
            }
        }

        if (options is null || lambda.Body.DescendantNodes().Any(n => n is IdentifierNameSyntax { Identifier.ValueText: "retryOptions" }))
        {
            return null;
        }

        var declaration = SyntaxFactory.ParseStatement("var retryOptions = " + options.Expression.WithoutTrivia().ToFullString() + ";").WithAdditionalAnnotations(Formatter.Annotation);
        var restrict = SyntaxFactory.ParseStatement("retryOptions.DisableForUnsafeHttpMethods();").WithAdditionalAnnotations(Formatter.Annotation);
        var newBodyNode = lambda.Body.ReplaceNode(options, options.WithExpression(SyntaxFactory.IdentifierName("retryOptions")));
        BlockSyntax newBody;
        if (newBodyNode is BlockSyntax block)
        {
            var statement = block.Statements.FirstOrDefault(s => s.Span.Contains(options.Span.Start - lambda.Body.SpanStart + block.SpanStart));
            newBody = statement is null ? block.WithStatements(block.Statements.Insert(0, restrict).Insert(0, declaration)) : block.InsertNodesBefore(statement, new[] { declaration, restrict });
        }
        else if (newBodyNode is ExpressionSyntax expression)
        {
            newBody = RetryFixes.MultilineBlock(declaration, restrict, SyntaxFactory.ExpressionStatement(expression.WithoutTrivia()));
        }
        else
        {
            return null;
        }

        var newLambda = lambda switch
        {
            SimpleLambdaExpressionSyntax s => s.WithExpressionBody(null).WithBlock(newBody),
            ParenthesizedLambdaExpressionSyntax p => p.WithExpressionBody(null).WithBlock(newBody),
            _ => lambda,
        };
        return invocation.ReplaceNode(lambda, newLambda.WithAdditionalAnnotations(Formatter.Annotation));
    }

    private static async Task<Document> ApplyAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is not CompilationUnitSyntax unit || model is null)
        {
            return document;
        }

        var invocation = root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>();
        var statement = invocation is null ? null : PragmaTarget(invocation);
        var newInvocation = invocation is null ? null : NewInvocation(invocation);
        if (invocation is null || statement is null || newInvocation is null)
        {
            return document;
        }

        var experimentalId = ExperimentalId(KnownTypes.Get(model.Compilation));
        var newStatement = statement.ReplaceNode(invocation, newInvocation);
        if (experimentalId is not null && !IsSuppressed(statement, experimentalId))
        {
            var leading = statement.GetLeadingTrivia();
            var indentation = leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia) ? leading[leading.Count - 1] : default;
            var before = leading.Count > 0 && indentation != default ? leading.RemoveAt(leading.Count - 1) : leading;
            var disable = SyntaxFactory.ParseLeadingTrivia("#pragma warning disable " + experimentalId + "\n");
            var restore = SyntaxFactory.ParseLeadingTrivia("#pragma warning restore " + experimentalId + "\n");
            var newLeading = before.AddRange(disable);
            if (indentation != default)
            {
                newLeading = newLeading.Add(indentation);
            }

            var trailing = statement.GetTrailingTrivia();
            if (!trailing.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
            {
                trailing = trailing.Add(SyntaxFactory.EndOfLine("\n"));
            }

            newStatement = newStatement.WithLeadingTrivia(newLeading).WithTrailingTrivia(trailing.AddRange(restore));
        }

        var newRoot = (CompilationUnitSyntax)root.ReplaceNode(statement, newStatement);
        if (!HasUsing(newRoot, model, span.Start))
        {
            newRoot = newRoot.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(Namespace)).WithAdditionalAnnotations(Formatter.Annotation));
        }

        return document.WithSyntaxRoot(newRoot);
    }

    private static bool HasUsing(CompilationUnitSyntax root, SemanticModel model, int position)
    {
        foreach (var symbol in model.LookupNamespacesAndTypes(position))
        {
            if (symbol is INamedTypeSymbol { Name: "HttpRetryStrategyOptionsExtensions" } type && type.ContainingNamespace.ToDisplayString() == Namespace)
            {
                return true;
            }
        }

        return root.Usings.Any(u => u.Name?.ToString() == Namespace);
    }

    /// <summary>The diagnostic ID of the <c>[Experimental]</c> attribute on <c>DisableForUnsafeHttpMethods</c> or its class, if any.</summary>
    private static string? ExperimentalId(KnownTypes types)
    {
        var extensions = types.HttpRetryStrategyOptionsExtensions;
        var experimental = types.ExperimentalAttribute;
        if (extensions is null)
        {
            return null;
        }

        foreach (var member in extensions.GetMembers("DisableForUnsafeHttpMethods"))
        {
            var id = Find(member, experimental);
            if (id is not null)
            {
                return id;
            }
        }

        return Find(extensions, experimental);
    }

    private static string? Find(ISymbol symbol, INamedTypeSymbol? experimental)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            // Libraries built for older targets carry their own internal copy of the attribute: match it by name too.
            var isExperimental = SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, experimental) ||
                                 attribute.AttributeClass?.ToDisplayString() == "System.Diagnostics.CodeAnalysis.ExperimentalAttribute";
            if (isExperimental &&
                attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string id)
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>The statement already sits after a <c>#pragma warning disable</c> of the ID.</summary>
    private static bool IsSuppressed(SyntaxNode statement, string id)
    {
        var tree = statement.SyntaxTree;
        var root = tree.GetRoot();
        var suppressed = false;
        foreach (var directive in root.DescendantTrivia(descendIntoTrivia: true))
        {
            if (directive.SpanStart > statement.SpanStart)
            {
                break;
            }

            if (directive.GetStructure() is PragmaWarningDirectiveTriviaSyntax pragma && pragma.ErrorCodes.Any(c => c.ToString() == id))
            {
                suppressed = pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword);
            }
        }

        return suppressed;
    }
}
