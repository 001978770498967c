using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpAnalyzers.CodeFixes.Infrastructure;
using HttpAnalyzers.Infrastructure;
using HttpAnalyzers.Rules.Retries;
using Microsoft.CodeAnalysis;
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
public sealed class ResilienceHandlerCodeFixProvider : FixDataCodeFixProvider
{
    private const string Title = "Disable retries for unsafe HTTP methods";
    private const string EquivalenceKey = DiagnosticIds.RetryPolicyRetriesUnsafeMethods + ".DisableForUnsafeMethods";
    private const string Namespace = "Microsoft.Extensions.Http.Resilience";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RetryPolicyRetriesUnsafeMethods);

    protected override IEnumerable<FixPlan> Plan(Diagnostic diagnostic, SyntaxNode root)
    {
        if ((Data(diagnostic, RetryFixData.StandardHandlerProperty) ?? Data(diagnostic, RetryFixData.RetryOptionsProperty)) is not null &&
            Reported<InvocationExpressionSyntax>(root, diagnostic) is { } invocation && PragmaTarget(invocation) is not null && CanRestrict(invocation))
        {
            yield return new FixPlan(Title, EquivalenceKey);
        }
    }

    /// <summary>The statement that contains the registration, or the expression-bodied member.</summary>
    private static SyntaxNode? PragmaTarget(InvocationExpressionSyntax invocation)
        => (SyntaxNode?)invocation.FirstAncestorOrSelf<StatementSyntax>() ?? invocation.FirstAncestorOrSelf<MemberDeclarationSyntax>();

    /// <summary>
    /// True when <see cref="NewInvocation"/> can restrict the registration: <c>AddResilienceHandler</c> with one <c>AddRetry(new …)</c>,
    /// or a standard handler configured by no argument or by one lambda of one parameter.
    /// </summary>
    private static bool CanRestrict(InvocationExpressionSyntax invocation)
    {
        var arguments = invocation.ArgumentList.Arguments;
        if (IsAddResilienceHandler(invocation))
        {
            return RetryOptionsArgument(invocation, out _) is not null;
        }

        return arguments.Count == 0 || (arguments.Count == 1 && Configure(arguments[0], out _) is not null);
    }

    private static bool IsAddResilienceHandler(InvocationExpressionSyntax invocation)
        => invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AddResilienceHandler" };

    /// <summary>The name of the options parameter of a configuring lambda <c>options =&gt; …</c>, and its body.</summary>
    private static string? Configure(ArgumentSyntax argument, out CSharpSyntaxNode body)
    {
        var (parameter, lambdaBody) = argument.Expression switch
        {
            SimpleLambdaExpressionSyntax simple => (simple.Parameter.Identifier.ValueText, (CSharpSyntaxNode)simple.Body),
            ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized => (parenthesized.ParameterList.Parameters[0].Identifier.ValueText, parenthesized.Body),
            _ => (null, null),
        };
        body = lambdaBody!;
        return lambdaBody is null ? null : parameter;
    }

    private static InvocationExpressionSyntax? NewInvocation(InvocationExpressionSyntax invocation)
    {
        var arguments = invocation.ArgumentList.Arguments;
        if (IsAddResilienceHandler(invocation))
        {
            return RestrictRetryOptions(invocation);
        }

        if (arguments.Count == 0)
        {
            var lambda = SyntaxFactory.ParseExpression("options => options.Retry.DisableForUnsafeHttpMethods()");
            return invocation.WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(lambda))));
        }

        if (arguments.Count != 1 || Configure(arguments[0], out var body) is not { } parameter)
        {
            return null;
        }

        var call = SyntaxFactory.ParseStatement(parameter + ".Retry.DisableForUnsafeHttpMethods();").WithAdditionalAnnotations(Formatter.Annotation);
        var lambdaSyntax = (LambdaExpressionSyntax)arguments[0].Expression;
        var newLambda = body is BlockSyntax block
            ? lambdaSyntax.WithBlock(block.AddStatements(call))
            : RetryFixes.WithBlockBody(lambdaSyntax, [], returnsValue: false, [call]);
        return newLambda is null ? null : invocation.ReplaceNode(lambdaSyntax, newLambda.WithAdditionalAnnotations(Formatter.Annotation));
    }

    /// <summary>
    /// <c>AddResilienceHandler("name", b => b.AddRetry(new HttpRetryStrategyOptions { … }))</c>: the options move into a local,
    /// restricted with <c>DisableForUnsafeHttpMethods()</c> before they are added.
    /// </summary>
    private static InvocationExpressionSyntax? RestrictRetryOptions(InvocationExpressionSyntax invocation)
    {
        if (RetryOptionsArgument(invocation, out var lambda) is not { } options)
        {
            return null;
        }

        var declaration = SyntaxFactory.ParseStatement("var retryOptions = " + options.Expression.WithoutTrivia().ToFullString() + ";").WithAdditionalAnnotations(Formatter.Annotation);
        var restrict = SyntaxFactory.ParseStatement("retryOptions.DisableForUnsafeHttpMethods();").WithAdditionalAnnotations(Formatter.Annotation);
        var newBodyNode = lambda.Body.ReplaceNode(options, options.WithExpression(SyntaxFactory.IdentifierName("retryOptions")));
        SyntaxNode? newLambda;
        if (newBodyNode is BlockSyntax block)
        {
            var statement = block.Statements.FirstOrDefault(s => s.Span.Contains(options.Span.Start - lambda.Body.SpanStart + block.SpanStart));
            newLambda = lambda.WithBlock(statement is null ? block.WithStatements(block.Statements.Insert(0, restrict).Insert(0, declaration)) : block.InsertNodesBefore(statement, new[] { declaration, restrict }));
        }
        else
        {
            newLambda = RetryFixes.WithBlockBody(lambda.WithExpressionBody((ExpressionSyntax)newBodyNode), [declaration, restrict], returnsValue: false);
        }

        return newLambda is null ? null : invocation.ReplaceNode(lambda, newLambda.WithAdditionalAnnotations(Formatter.Annotation));
    }

    /// <summary>
    /// The argument of the one <c>AddRetry(new …)</c> in the last lambda argument of <c>AddResilienceHandler</c>, where a local
    /// <c>retryOptions</c> can hold it; null otherwise.
    /// </summary>
    private static ArgumentSyntax? RetryOptionsArgument(InvocationExpressionSyntax invocation, out LambdaExpressionSyntax lambda)
    {
        LambdaExpressionSyntax? found = null;
        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            if (argument.Expression is LambdaExpressionSyntax candidate)
            {
                found = candidate;
            }
        }

        lambda = found!;
        if (found is null)
        {
            return null;
        }

        ArgumentSyntax? options = null;
        foreach (var node in found.Body.DescendantNodesAndSelf())
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

        return options is null || found.Body.DescendantNodes().Any(n => n is IdentifierNameSyntax { Identifier.ValueText: "retryOptions" }) ? null : options;
    }

    /// <summary>Restricts the registration; binds only for the <c>[Experimental]</c> ID to suppress and whether the namespace is imported.</summary>
    protected override async Task<SyntaxNode?> RewriteAsync(Document document, SyntaxNode root, Diagnostic diagnostic, FixPlan plan, CancellationToken cancellationToken)
    {
        var invocation = Reported<InvocationExpressionSyntax>(root, diagnostic);
        var statement = invocation is null ? null : PragmaTarget(invocation);
        var newInvocation = invocation is null ? null : NewInvocation(invocation);
        if (root is not CompilationUnitSyntax || invocation is null || statement is null || newInvocation is null)
        {
            return null;
        }

        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return null;
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
        if (!HasUsing(newRoot, model, diagnostic.Location.SourceSpan.Start))
        {
            newRoot = newRoot.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(Namespace)).WithAdditionalAnnotations(Formatter.Annotation));
        }

        return newRoot;
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
