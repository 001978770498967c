using System;
using System.Collections.Generic;
using System.Threading;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Client;

/// <summary>
/// The classes the compilation registers as singletons — <c>AddSingleton&lt;T&gt;()</c>, <c>AddSingleton&lt;TService, T&gt;()</c>,
/// <c>TryAddSingleton…</c>, <c>AddHostedService&lt;T&gt;()</c> — whose constructors and field initializers therefore run once
/// per process. A lazily built <see cref="CrossFileIndex{T}"/>, asked only when a client is created in a constructor
/// or field initializer.
/// </summary>
internal sealed class ServiceLifetimes
{
    private static readonly string[] PreFilter = { "AddSingleton", "TryAddSingleton", "AddHostedService" };
    private static readonly Func<Compilation, CancellationToken, ServiceLifetimes> BuildIndex = Build;

    private readonly Dictionary<INamedTypeSymbol, string> _singletons;

    private ServiceLifetimes(Dictionary<INamedTypeSymbol, string> singletons) => _singletons = singletons;

    public static ServiceLifetimes Get(Compilation compilation, CancellationToken cancellationToken)
        => CrossFileIndex<ServiceLifetimes>.Get(compilation, BuildIndex, cancellationToken);

    /// <summary>The registration that makes <paramref name="type"/> a singleton (<c>"AddSingleton"</c>, <c>"AddHostedService"</c>), or null.</summary>
    public string? SingletonRegistration(INamedTypeSymbol? type)
        => type is not null && _singletons.TryGetValue(type.OriginalDefinition, out var registration) ? registration : null;

    private static ServiceLifetimes Build(Compilation compilation, CancellationToken cancellationToken)
    {
        var types = KnownTypes.Get(compilation);
        var singletons = new Dictionary<INamedTypeSymbol, string>(SymbolEqualityComparer.Default);
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!CrossFileIndex.MayMentionAny(tree, PreFilter, cancellationToken))
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax invocation ||
                    !(CrossFileIndex.IsInvocationOf(invocation, PreFilter[0]) || CrossFileIndex.IsInvocationOf(invocation, PreFilter[1]) ||
                      CrossFileIndex.IsInvocationOf(invocation, PreFilter[2])))
                {
                    continue;
                }

                model ??= CrossFileIndex.SemanticModelFor(compilation, tree);
                if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation call || !call.TargetMethod.IsGenericMethod)
                {
                    continue;
                }

                var method = call.TargetMethod;
                var containing = (method.ReducedFrom ?? method).ContainingType;
                var known = containing.Is(types.ServiceCollectionServiceExtensions) || containing.Is(types.ServiceCollectionHostedServiceExtensions) ||
                            containing.Is(types.ServiceCollectionDescriptorExtensions);
                if (!known)
                {
                    continue;
                }

                if (method.TypeArguments[method.TypeArguments.Length - 1] is INamedTypeSymbol { TypeKind: TypeKind.Class } implementation &&
                    !singletons.ContainsKey(implementation.OriginalDefinition))
                {
                    singletons.Add(implementation.OriginalDefinition, method.Name);
                }
            }
        }

        return new ServiceLifetimes(singletons);
    }
}
