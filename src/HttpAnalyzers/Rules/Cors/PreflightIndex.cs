using System;
using System.Threading;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace HttpAnalyzers.Rules.Cors;

/// <summary>
/// Whether anything in the compilation answers a preflight OPTIONS request (HTTP0034): a <c>UseCors</c> call, an
/// <c>HttpMethods.IsOptions</c> call or <c>HttpMethods.Options</c> reference, an <c>[HttpOptions]</c> action, or an
/// "OPTIONS" string literal (a method comparison, <c>MapMethods</c>, a switch case). Built on the first hand-written
/// <c>Access-Control-Allow-Origin</c> write (<see cref="CrossFileIndex{T}"/>); the walk stops at the first answer.
/// </summary>
internal sealed class PreflightIndex
{
    private static readonly string[] Names = { "UseCors", "IsOptions", "Options", "HttpOptions", "HttpOptionsAttribute" };
    private static readonly PreflightIndex Answered = new(true);
    private static readonly PreflightIndex Unanswered = new(false);

    private PreflightIndex(bool answered) => PreflightAnswered = answered;

    public bool PreflightAnswered { get; }

    public static PreflightIndex Build(Compilation compilation, KnownTypes types, CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (HasOptionsLiteral(tree, cancellationToken) ||
                (CrossFileIndex.MayMentionAny(tree, Names, cancellationToken) && AnswersPreflight(compilation, tree, types, cancellationToken)))
            {
                return Answered;
            }
        }

        return Unanswered;
    }

    private static bool AnswersPreflight(Compilation compilation, SyntaxTree tree, KnownTypes types, CancellationToken cancellationToken)
    {
        var model = CrossFileIndex.SemanticModelFor(compilation, tree);
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation when CrossFileIndex.IsInvocationOf(invocation, "UseCors") || CrossFileIndex.IsInvocationOf(invocation, "IsOptions"):
                    if (model.GetOperation(invocation, cancellationToken) is IInvocationOperation { TargetMethod: var method } &&
                        (method.IsMethod(types.CorsMiddlewareExtensions, "UseCors") || method.IsMethod(types.HttpMethods, "IsOptions")))
                    {
                        return true;
                    }

                    break;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Options" }:
                case IdentifierNameSyntax { Identifier.ValueText: "Options" } when node.Parent is not MemberAccessExpressionSyntax { Name: var name } || name != node:
                    if (model.GetOperation(node, cancellationToken) is IFieldReferenceOperation { Field: { Name: "Options" } field } &&
                        types.HttpMethods is not null && SymbolEqualityComparer.Default.Equals(field.ContainingType, types.HttpMethods))
                    {
                        return true;
                    }

                    break;
                case MethodDeclarationSyntax { AttributeLists.Count: > 0 }:
                    if (types.HttpOptionsAttribute is not null && model.GetDeclaredSymbol(node, cancellationToken) is { } declared && declared.HasAttribute(types.HttpOptionsAttribute))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>An "OPTIONS" string literal (any case); a cheap text search first, since most files never mention it.</summary>
    private static bool HasOptionsLiteral(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (!ContainsOptions(tree.GetText(cancellationToken)))
        {
            return false;
        }

        foreach (var token in tree.GetRoot(cancellationToken).DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.StringLiteralToken) && token.ValueText.Length == 7 &&
                string.Equals(token.ValueText, "OPTIONS", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsOptions(SourceText text)
    {
        const string Options = "OPTIONS";
        var length = text.Length - Options.Length;
        for (var i = 0; i <= length; i++)
        {
            if ((text[i] | 0x20) != 'o')
            {
                continue;
            }

            var j = 1;
            while (j < Options.Length && (text[i + j] | 0x20) == (Options[j] | 0x20))
            {
                j++;
            }

            if (j == Options.Length)
            {
                return true;
            }
        }

        return false;
    }
}
