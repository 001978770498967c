using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Infrastructure;

/// <summary>
/// The app-wide endpoint facts that live in other files, built lazily once per compilation
/// (<see cref="CrossFileIndex{T}"/>) the first time an endpoint's authorization or a method-group handler is asked for:
/// <c>MapControllers()</c>/<c>MapRazorPages()</c> with <c>RequireAuthorization()</c> or <c>AllowAnonymous()</c>; Razor
/// Pages <c>AuthorizeFolder</c>/<c>AuthorizePage</c>/<c>AllowAnonymousToFolder</c>/<c>AllowAnonymousToPage</c>
/// conventions; a fallback policy (<c>FallbackPolicy =</c>, <c>SetFallbackPolicy(…)</c>) that requires an authenticated
/// user, roles or claims; and methods passed as method groups to <c>Map…</c> calls.
/// </summary>
internal sealed class EndpointFacts
{
    /// <summary>The convention names that don't start with <c>Map</c> (those are found with the <c>Map…</c> handlers).</summary>
    private static readonly string[] Names =
    [
        "AuthorizeFolder", "AuthorizePage", "AllowAnonymousToFolder", "AllowAnonymousToPage", "FallbackPolicy", "SetFallbackPolicy",
    ];

    private readonly Dictionary<IMethodSymbol, IInvocationOperation> _methodGroupHandlers;
    private readonly ImmutableArray<string> _authorizedFolders;
    private readonly ImmutableArray<string> _authorizedPages;
    private readonly ImmutableArray<string> _anonymousFolders;
    private readonly ImmutableArray<string> _anonymousPages;

    private EndpointFacts(
        bool controllersRequire,
        bool controllersAnonymous,
        bool pagesRequire,
        bool pagesAnonymous,
        bool fallback,
        ImmutableArray<string> authorizedFolders,
        ImmutableArray<string> authorizedPages,
        ImmutableArray<string> anonymousFolders,
        ImmutableArray<string> anonymousPages,
        Dictionary<IMethodSymbol, IInvocationOperation> methodGroupHandlers)
    {
        ControllersRequireAuthorization = controllersRequire;
        ControllersAllowAnonymous = controllersAnonymous;
        PagesRequireAuthorization = pagesRequire;
        PagesAllowAnonymous = pagesAnonymous;
        FallbackRequiresAuthenticatedUser = fallback;
        _authorizedFolders = authorizedFolders;
        _authorizedPages = authorizedPages;
        _anonymousFolders = anonymousFolders;
        _anonymousPages = anonymousPages;
        _methodGroupHandlers = methodGroupHandlers;
    }

    /// <summary><c>MapControllers()</c> (or a controller route) carries <c>RequireAuthorization()</c>.</summary>
    public bool ControllersRequireAuthorization { get; }

    /// <summary><c>MapControllers()</c> (or a controller route) carries <c>AllowAnonymous()</c>.</summary>
    public bool ControllersAllowAnonymous { get; }

    /// <summary><c>MapRazorPages()</c> carries <c>RequireAuthorization()</c>.</summary>
    public bool PagesRequireAuthorization { get; }

    /// <summary><c>MapRazorPages()</c> carries <c>AllowAnonymous()</c>.</summary>
    public bool PagesAllowAnonymous { get; }

    /// <summary>A fallback policy requires an authenticated user, a role, a claim or a user name.</summary>
    public bool FallbackRequiresAuthenticatedUser { get; }

    /// <summary>An <c>AuthorizeFolder</c>/<c>AuthorizePage</c> convention covers the page at <paramref name="pagePath"/>.</summary>
    public bool IsAuthorizedPage(string pagePath) => Covers(_authorizedFolders, _authorizedPages, pagePath);

    /// <summary>An <c>AllowAnonymousToFolder</c>/<c>AllowAnonymousToPage</c> convention covers the page at <paramref name="pagePath"/>.</summary>
    public bool IsAnonymousPage(string pagePath) => Covers(_anonymousFolders, _anonymousPages, pagePath);

    /// <summary>The <c>Map…</c> call that registers <paramref name="method"/> as a method-group handler, or null.</summary>
    public IInvocationOperation? FindMethodGroupHandler(IMethodSymbol method)
        => _methodGroupHandlers.TryGetValue(method.OriginalDefinition, out var map) ? map : null;

    private static bool Covers(ImmutableArray<string> folders, ImmutableArray<string> pages, string pagePath)
    {
        foreach (var page in pages)
        {
            if (string.Equals(page.TrimEnd('/'), pagePath, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (var folder in folders)
        {
            var prefix = folder.TrimEnd('/') + "/";
            if (prefix == "/" || pagePath.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    internal static EndpointFacts Build(Endpoints endpoints, Compilation compilation, CancellationToken cancellationToken)
    {
        var types = endpoints.Types;
        bool controllersRequire = false, controllersAnonymous = false, pagesRequire = false, pagesAnonymous = false, fallback = false;
        var authorizedFolders = ImmutableArray.CreateBuilder<string>();
        var authorizedPages = ImmutableArray.CreateBuilder<string>();
        var anonymousFolders = ImmutableArray.CreateBuilder<string>();
        var anonymousPages = ImmutableArray.CreateBuilder<string>();
        var handlers = new Dictionary<IMethodSymbol, IInvocationOperation>(SymbolEqualityComparer.Default);

        // Candidates come from a text search for the names (no walk of any tree), kept per syntax tree; only they are bound.
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SemanticModel? model = null;
            foreach (var candidate in CandidatesOf(tree, cancellationToken))
            {
                var name = candidate.Name;
                if (candidate.Node is AssignmentExpressionSyntax assignment)
                {
                    model ??= CrossFileIndex.SemanticModelFor(compilation, tree);
                    if (model.GetOperation(assignment, cancellationToken) is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } set &&
                        target.Property.ContainingType.Is(types.AuthorizationOptions))
                    {
                        fallback |= RequiresUser(set.Value, types, 0);
                    }

                    continue;
                }

                model ??= CrossFileIndex.SemanticModelFor(compilation, tree);
                if (model.GetOperation(candidate.Node, cancellationToken) is not IInvocationOperation operation)
                {
                    continue;
                }

                var method = operation.TargetMethod;
                switch (name)
                {
                    case "MapControllers" or "MapDefaultControllerRoute" or "MapControllerRoute" when method.ContainingType.Is(types.ControllerEndpointRouteBuilderExtensions):
                        endpoints.ReadConventions(operation, ref controllersRequire, ref controllersAnonymous);
                        break;
                    case "MapRazorPages" when method.ContainingType.Is(types.RazorPagesEndpointRouteBuilderExtensions):
                        endpoints.ReadConventions(operation, ref pagesRequire, ref pagesAnonymous);
                        break;
                    case "AuthorizeFolder" or "AuthorizePage" or "AllowAnonymousToFolder" or "AllowAnonymousToPage" when method.ContainingType.Is(types.PageConventionCollectionExtensions):
                        if (FirstString(operation) is { } path)
                        {
                            (name switch
                            {
                                "AuthorizeFolder" => authorizedFolders,
                                "AuthorizePage" => authorizedPages,
                                "AllowAnonymousToFolder" => anonymousFolders,
                                _ => anonymousPages,
                            }).Add(path);
                        }

                        break;
                    case "SetFallbackPolicy" when method.ContainingType.Is(types.AuthorizationBuilder):
                        fallback |= operation.Arguments.Length > 0 && RequiresUser(operation.Arguments[operation.Arguments.Length - 1].Value, types, 0);
                        break;
                    default:
                        foreach (var argument in operation.Arguments)
                        {
                            if (argument.Value.WalkDownConversions() is IDelegateCreationOperation { Target: IMethodReferenceOperation reference } &&
                                endpoints.IsMapHandlerArgument(operation, argument) &&
                                !handlers.ContainsKey(reference.Method.OriginalDefinition))
                            {
                                handlers.Add(reference.Method.OriginalDefinition, operation);
                            }
                        }

                        break;
                }
            }
        }

        return new EndpointFacts(
            controllersRequire, controllersAnonymous, pagesRequire, pagesAnonymous, fallback,
            authorizedFolders.ToImmutable(), authorizedPages.ToImmutable(), anonymousFolders.ToImmutable(), anonymousPages.ToImmutable(), handlers);
    }

    /// <summary>
    /// A policy that only an authenticated caller meets: built with <c>RequireAuthenticatedUser()</c>, <c>RequireRole</c>,
    /// <c>RequireClaim</c> or <c>RequireUserName</c> on an <c>AuthorizationPolicyBuilder</c>, or <c>options.DefaultPolicy</c>
    /// (which requires an authenticated user unless replaced).
    /// </summary>
    private static bool RequiresUser(IOperation value, KnownTypes types, int depth)
    {
        if (depth > 8)
        {
            return false;
        }

        value = value.WalkDownConversions();
        switch (value)
        {
            case IInvocationOperation invocation:
                var method = invocation.TargetMethod;
                if (method.ContainingType.Is(types.AuthorizationPolicyBuilder))
                {
                    if (method.Name is "RequireAuthenticatedUser" or "RequireRole" or "RequireClaim" or "RequireUserName")
                    {
                        return true;
                    }

                    return invocation.Instance is { } instance && RequiresUser(instance, types, depth + 1);
                }

                return false;
            case IPropertyReferenceOperation { Property.Name: "DefaultPolicy" } property:
                return property.Property.ContainingType.Is(types.AuthorizationOptions);
            case ILocalReferenceOperation local:
                return LocalValues.GetSingleValue(local) is { } single && RequiresUser(single, types, depth + 1);
            default:
                return false;
        }
    }

    private static string? FirstString(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { Ordinal: 1 } && argument.Value.WalkDownConversions().ConstantValue is { HasValue: true, Value: string text })
            {
                return text;
            }
        }

        return null;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SyntaxTree, (string Name, SyntaxNode Node)[]> TreeCandidates = new();

    /// <summary>
    /// The syntax that may hold an app-wide endpoint fact: <c>FallbackPolicy =</c> assignments, convention calls, and
    /// <c>Map…</c> calls with a method-group argument. Syntax only, so kept per tree: an editor reuses the trees of the
    /// files not being edited, and a new compilation then binds only these nodes.
    /// </summary>
    private static (string Name, SyntaxNode Node)[] CandidatesOf(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (TreeCandidates.TryGetValue(tree, out var known))
        {
            return known;
        }

        var tokens = new List<SyntaxToken>();
        CrossFileIndex.FindIdentifiers(tree, Names, prefix: "Map", tokens, cancellationToken);
        var candidates = new List<(string Name, SyntaxNode Node)>();
        foreach (var token in tokens)
        {
            var name = token.ValueText;
            if (name == "FallbackPolicy")
            {
                if (AssignedMember(token) is { } assignment)
                {
                    candidates.Add((name, assignment));
                }
            }
            else if (InvocationOf(token) is { } invocation && (IsConventionName(name) || HasMethodGroupArgument(invocation)))
            {
                candidates.Add((name, invocation));
            }
        }

        var result = candidates.Count == 0 ? Array.Empty<(string Name, SyntaxNode Node)>() : candidates.ToArray();
        return Keep(tree, result);
    }

    // Apart from CandidatesOf: a lambda there would capture the result and allocate on every call.
    private static (string Name, SyntaxNode Node)[] Keep(SyntaxTree tree, (string Name, SyntaxNode Node)[] candidates) => TreeCandidates.GetValue(tree, _ => candidates);

    private static bool IsConventionName(string name)
        => name is "MapControllers" or "MapDefaultControllerRoute" or "MapControllerRoute" or "MapRazorPages" ||
           Array.IndexOf(Names, name) >= 0;

    private static bool HasMethodGroupArgument(InvocationExpressionSyntax invocation)
    {
        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            if (argument.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or GenericNameSyntax)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The invocation whose invoked name is <paramref name="name"/> (<c>M(…)</c>, <c>x.M(…)</c>, <c>x?.M(…)</c>, <c>M&lt;T&gt;(…)</c>), or null.</summary>
    private static InvocationExpressionSyntax? InvocationOf(SyntaxToken name)
    {
        SyntaxNode? node = name.Parent;
        if (node is not SimpleNameSyntax simple)
        {
            return null;
        }

        node = simple.Parent switch
        {
            MemberAccessExpressionSyntax member when member.Name == simple => member,
            MemberBindingExpressionSyntax binding when binding.Name == simple => binding,
            _ => simple,
        };
        return node.Parent is InvocationExpressionSyntax invocation && invocation.Expression == node ? invocation : null;
    }

    /// <summary>The assignment whose target is the member <paramref name="name"/> (<c>x.M = …</c>, <c>M = …</c>), or null.</summary>
    private static AssignmentExpressionSyntax? AssignedMember(SyntaxToken name)
    {
        if (name.Parent is not SimpleNameSyntax simple)
        {
            return null;
        }

        var target = simple.Parent is MemberAccessExpressionSyntax member && member.Name == simple ? (ExpressionSyntax)member : simple;
        return target.Parent is AssignmentExpressionSyntax assignment && assignment.Left == target ? assignment : null;
    }
}
