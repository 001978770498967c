using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Retries;

/// <summary>
/// Compilation-wide facts that silence HTTP0006, from other files: a retry restriction configured outside any handler
/// registration (<c>services.ConfigureAll&lt;HttpStandardResilienceOptions&gt;(o => o.Retry.DisableForUnsafeHttpMethods())</c>),
/// and a <c>DelegatingHandler</c> that adds an idempotency key header to the requests. A lazily built
/// <see cref="CrossFileIndex{T}"/>, asked only when a registration is a candidate.
/// </summary>
internal sealed class ResilienceFacts
{
    private static readonly string[] RestrictionNames = { "DisableForUnsafeHttpMethods", "DisableFor" };
    private static readonly Func<Compilation, CancellationToken, ResilienceFacts> BuildIndex = Build;

    private readonly ImmutableArray<IInvocationOperation> _handlerHeaderAdds;

    private ResilienceFacts(bool unattributedRestriction, ImmutableArray<IInvocationOperation> handlerHeaderAdds)
    {
        HasUnattributedRestriction = unattributedRestriction;
        _handlerHeaderAdds = handlerHeaderAdds;
    }

    /// <summary>A <c>DisableForUnsafeHttpMethods</c>/<c>DisableFor</c> call outside a handler registration.</summary>
    public bool HasUnattributedRestriction { get; }

    public static ResilienceFacts Get(Compilation compilation, CancellationToken cancellationToken)
        => CrossFileIndex<ResilienceFacts>.Get(compilation, BuildIndex, cancellationToken);

    /// <summary>Whether a <c>DelegatingHandler</c> of the compilation adds one of the idempotency key headers (option of the file it is in).</summary>
    public bool HandlerAddsKey(HttpRequests requests, AnalyzerOptions options)
    {
        foreach (var add in _handlerHeaderAdds)
        {
            var names = HttpRequests.IdempotencyKeyHeaders(options, add.Syntax.SyntaxTree, DiagnosticIds.RetryPolicyRetriesUnsafeMethods);
            if (requests.IsHeaderAdd(add, names, out _))
            {
                return true;
            }
        }

        return false;
    }

    private static ResilienceFacts Build(Compilation compilation, CancellationToken cancellationToken)
    {
        var types = KnownTypes.Get(compilation);
        var unattributed = false;
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!CrossFileIndex.MayMentionAny(tree, RestrictionNames, cancellationToken))
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is InvocationExpressionSyntax invocation &&
                    (CrossFileIndex.IsInvocationOf(invocation, RestrictionNames[0]) || CrossFileIndex.IsInvocationOf(invocation, RestrictionNames[1])))
                {
                    model ??= CrossFileIndex.SemanticModelFor(compilation, tree);
                    if (model.GetOperation(invocation, cancellationToken) is IInvocationOperation call && !InsideRegistration(call))
                    {
                        unattributed = true;
                        break;
                    }
                }
            }

            if (unattributed)
            {
                break;
            }
        }

        var adds = ImmutableArray.CreateBuilder<IInvocationOperation>();
        if (types.DelegatingHandler is { } delegating && types.HttpHeaders is { } headers)
        {
            var handlers = new List<INamedTypeSymbol>();
            CollectHandlers(compilation.Assembly.GlobalNamespace, delegating, handlers, cancellationToken);
            foreach (var handler in handlers)
            {
                foreach (var reference in handler.DeclaringSyntaxReferences)
                {
                    var declaration = reference.GetSyntax(cancellationToken);
                    SemanticModel? model = null;
                    foreach (var node in declaration.DescendantNodes())
                    {
                        if (node is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 2 } invocation &&
                            (CrossFileIndex.IsInvocationOf(invocation, "Add") || CrossFileIndex.IsInvocationOf(invocation, "TryAddWithoutValidation")))
                        {
                            model ??= CrossFileIndex.SemanticModelFor(compilation, declaration.SyntaxTree);
                            if (model.GetOperation(invocation, cancellationToken) is IInvocationOperation add && add.TargetMethod.ContainingType.InheritsFromOrEquals(headers))
                            {
                                adds.Add(add);
                            }
                        }
                    }
                }
            }
        }

        return new ResilienceFacts(unattributed, adds.ToImmutable());
    }

    /// <summary>The source types that derive from <c>DelegatingHandler</c> (declarations only: nothing is bound).</summary>
    private static void CollectHandlers(INamespaceSymbol ns, INamedTypeSymbol delegating, List<INamedTypeSymbol> handlers, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var member in ns.GetMembers())
        {
            if (member is INamespaceSymbol inner)
            {
                CollectHandlers(inner, delegating, handlers, cancellationToken);
            }
            else if (member is INamedTypeSymbol type)
            {
                CollectHandlerTypes(type, delegating, handlers);
            }
        }
    }

    private static void CollectHandlerTypes(INamedTypeSymbol type, INamedTypeSymbol delegating, List<INamedTypeSymbol> handlers)
    {
        if (type.TypeKind == TypeKind.Class && type.InheritsFromOrEquals(delegating))
        {
            handlers.Add(type);
        }

        foreach (var nested in type.GetTypeMembers())
        {
            CollectHandlerTypes(nested, delegating, handlers);
        }
    }

    private static bool InsideRegistration(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IInvocationOperation { TargetMethod.Name: "AddStandardResilienceHandler" or "AddResilienceHandler" or "Configure" or "AddRetry" })
            {
                return true;
            }
        }

        return false;
    }
}
