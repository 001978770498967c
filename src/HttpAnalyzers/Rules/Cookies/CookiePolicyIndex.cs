using System;
using System.Threading;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Cookies;

/// <summary>
/// The cookie policy of a compilation, wherever it is written: whether <c>UseCookiePolicy()</c> is called and whether a
/// <c>CookiePolicyOptions</c> sets <c>Secure = CookieSecurePolicy.Always</c> / <c>HttpOnly = HttpOnlyPolicy.Always</c>.
/// Built on the first cookie finding such a policy could exempt (<see cref="CrossFileIndex{T}"/>).
/// </summary>
internal sealed class CookiePolicyIndex
{
    /// <summary>Names that a file configuring a cookie policy mentions (the options type, or the calls that take them).</summary>
    private static readonly string[] PolicyNames = { "CookiePolicyOptions", "AddCookiePolicy", "UseCookiePolicy" };

    private CookiePolicyIndex(bool secureExempt, bool httpOnlyExempt)
    {
        SecureExempt = secureExempt;
        HttpOnlyExempt = httpOnlyExempt;
    }

    /// <summary>The pipeline enables a cookie policy that makes every cookie written through the response collection Secure.</summary>
    public bool SecureExempt { get; }

    /// <summary>The pipeline enables a cookie policy that makes every such cookie HttpOnly.</summary>
    public bool HttpOnlyExempt { get; }

    public static CookiePolicyIndex Get(Compilation compilation, CookieSymbols symbols, CancellationToken cancellationToken)
        => CrossFileIndex<CookiePolicyIndex>.Get(compilation, (c, token) => Build(c, symbols, token), cancellationToken);

    private static CookiePolicyIndex Build(Compilation compilation, CookieSymbols symbols, CancellationToken cancellationToken)
    {
        // First the middleware: without a UseCookiePolicy() call no policy applies, and nothing else is bound.
        if (!CallsUseCookiePolicy(compilation, symbols, cancellationToken))
        {
            return None;
        }

        bool secure = false, httpOnly = false;
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!CrossFileIndex.MayMentionAny(tree, PolicyNames, cancellationToken))
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is AssignmentExpressionSyntax assignment && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && AssignedName(assignment) is { } name &&
                    (name == "Secure" ? !secure : !httpOnly))
                {
                    model ??= CrossFileIndex.SemanticModelFor(compilation, tree);
                    if (model.GetOperation(assignment, cancellationToken) is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } operation &&
                        symbols.IsPolicyProperty(target.Property))
                    {
                        if (name == "Secure")
                        {
                            secure |= CookieSymbols.IsConstant(operation.Value, symbols.SecureAlways);
                        }
                        else
                        {
                            httpOnly |= CookieSymbols.IsConstant(operation.Value, symbols.HttpOnlyAlways);
                        }
                    }
                }
            }
        }

        return new CookiePolicyIndex(secure, httpOnly);
    }

    private static readonly CookiePolicyIndex None = new(false, false);

    private static bool CallsUseCookiePolicy(Compilation compilation, CookieSymbols symbols, CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!CrossFileIndex.MayMention(tree, "UseCookiePolicy", cancellationToken))
            {
                continue;
            }

            var model = CrossFileIndex.SemanticModelFor(compilation, tree);
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is InvocationExpressionSyntax invocation && CrossFileIndex.IsInvocationOf(invocation, "UseCookiePolicy") &&
                    model.GetOperation(invocation, cancellationToken) is IInvocationOperation operation &&
                    operation.TargetMethod.IsMethod(symbols.CookiePolicyAppBuilderExtensions, "UseCookiePolicy"))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary><c>Secure</c> or <c>HttpOnly</c> when the assignment's target is spelled so (<c>o.Secure = …</c>, <c>Secure = …</c> in an initializer).</summary>
    private static string? AssignedName(AssignmentExpressionSyntax assignment)
    {
        var name = assignment.Left switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };
        return name is "Secure" or "HttpOnly" ? name : null;
    }
}
