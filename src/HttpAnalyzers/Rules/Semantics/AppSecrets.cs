using System;
using System.Threading;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Semantics;

/// <summary>
/// Whether the app sends secrets in its responses, gathered lazily once per compilation from every file
/// (<see cref="CrossFileIndex{T}"/>): antiforgery is configured (<c>AddAntiforgery</c>, or implicitly by
/// <c>AddControllersWithViews</c>/<c>AddRazorPages</c>/<c>AddMvc</c>) or a cookie-based authentication scheme is
/// registered (<c>AddCookie</c>, <c>AddIdentity</c>, <c>AddDefaultIdentity</c>). Null reason: no secret found.
/// </summary>
internal sealed class AppSecrets
{
    private static readonly string[] Names = ["AddAntiforgery", "AddControllersWithViews", "AddRazorPages", "AddMvc", "AddCookie", "AddIdentity", "AddDefaultIdentity"];

    private AppSecrets(string? reason) => Reason = reason;

    /// <summary>What sends the secret (<c>registers antiforgery ('AddRazorPages')</c>), or null.</summary>
    public string? Reason { get; }

    public static AppSecrets Get(Compilation compilation, CancellationToken cancellationToken)
        => CrossFileIndex<AppSecrets>.Get(compilation, Build, cancellationToken);

    private static AppSecrets Build(Compilation compilation, CancellationToken cancellationToken)
    {
        var types = KnownTypes.Get(compilation);
        string? cookieReason = null;
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!CrossFileIndex.MayMentionAny(tree, Names, cancellationToken))
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax invocation || !MayBeSecretCall(invocation))
                {
                    continue;
                }

                model ??= CrossFileIndex.SemanticModelFor(compilation, tree);
                if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation)
                {
                    continue;
                }

                var method = operation.TargetMethod.ReducedFrom ?? operation.TargetMethod;
                var containing = method.ContainingType;
                switch (method.Name)
                {
                    case "AddAntiforgery" when containing.Is(types.AntiforgeryServiceCollectionExtensions):
                    case "AddControllersWithViews" or "AddRazorPages" or "AddMvc" when containing.Is(types.MvcServiceCollectionExtensions):
                        // Antiforgery tokens are the stronger reason: they sit in the HTML body next to reflected text.
                        return new AppSecrets("configures antiforgery ('" + method.Name + "')");
                    case "AddCookie" when containing.Is(types.CookieExtensions):
                    case "AddIdentity" when containing.Is(types.IdentityServiceCollectionExtensions):
                    case "AddDefaultIdentity" when containing.Is(types.IdentityServiceCollectionUIExtensions):
                        cookieReason ??= "signs users in with an authentication cookie ('" + method.Name + "')";
                        break;
                }
            }
        }

        return new AppSecrets(cookieReason);
    }

    private static bool MayBeSecretCall(InvocationExpressionSyntax invocation)
    {
        foreach (var name in Names)
        {
            if (CrossFileIndex.IsInvocationOf(invocation, name))
            {
                return true;
            }
        }

        return false;
    }
}
