using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace HttpAnalyzers.Infrastructure;

/// <summary>
/// The types the rules look for, resolved once per compilation and shared by every analyzer.
/// This is the only place a type is looked up by metadata name (the banned-API analyzer, RS0030, enforces it). A property
/// returns <c>null</c> when no assembly of the compilation defines the type; a rule that needs it then registers nothing.
/// A type defined twice resolves to the framework's (see <see cref="Resolve"/>).
/// Each rule family adds its types in a partial file beside this one (<c>KnownTypes.&lt;Family&gt;.cs</c>).
/// </summary>
internal sealed partial class KnownTypes
{
    private static readonly ConditionalWeakTable<Compilation, KnownTypes> Cache = new();
    private static readonly ConditionalWeakTable<Compilation, KnownTypes>.CreateValueCallback Create = static c => new KnownTypes(c);

    // Keyed by the name's reference: every caller passes a literal, which the runtime interns, so a lookup hashes a pointer
    // instead of forty characters (the rules read these properties in their hottest callbacks). A name built at run time
    // would only miss and be resolved again.
    private readonly ConcurrentDictionary<string, INamedTypeSymbol?> _types = new(ReferenceComparer.Instance);

    private KnownTypes(Compilation compilation) => Compilation = compilation;

    public Compilation Compilation { get; }

    /// <summary>The shared instance for <paramref name="compilation"/>.</summary>
    public static KnownTypes Get(Compilation compilation) => Cache.GetValue(compilation, Create);

    private INamedTypeSymbol? Type(string metadataName)
    {
        if (_types.TryGetValue(metadataName, out var type))
        {
            return type;
        }

        type = Resolve(Compilation, metadataName);
        return _types.GetOrAdd(metadataName, type);
    }

    /// <summary>
    /// The type named <paramref name="metadataName"/>. A name defined more than once (a user's own copy next to the
    /// framework's, or internal copies in several libraries) still resolves: a public type from a referenced assembly
    /// (the framework's) first, then the compilation's own, then any other; among equals, the first in reference order.
    /// <c>null</c> only when no assembly defines the name.
    /// </summary>
    /// <remarks>
    /// The name is walked through the compilation's merged global namespace, whose per-name member tables the compiler
    /// has already filled while binding the source. <c>Compilation.GetTypesByMetadataName</c> answers the same question
    /// but re-parses the name once per referenced assembly, which on an ASP.NET Core project (some 200 references)
    /// cost more than most rules' whole analysis. Types behind an extern alias are not in the global namespace; a rule
    /// that needs one then stays silent.
    /// </remarks>
    private static INamedTypeSymbol? Resolve(Compilation compilation, string metadataName)
    {
        var candidates = Candidates(compilation.GlobalNamespace, metadataName);
        if (candidates.Length <= 1)
        {
            return candidates.IsEmpty ? null : candidates[0];
        }

        INamedTypeSymbol? best = null;
        var bestRank = -1;
        foreach (var candidate in candidates)
        {
            var rank = Rank(compilation, candidate);
            if (rank > bestRank)
            {
                best = candidate;
                bestRank = rank;
            }
        }

        return best;
    }

    /// <summary>Every type named <paramref name="metadataName"/> (<c>Namespace.Outer`1+Inner</c>) under <paramref name="global"/>.</summary>
    private static ImmutableArray<INamedTypeSymbol> Candidates(INamespaceSymbol global, string metadataName)
    {
        var nested = metadataName.IndexOf('+');
        var topLevel = nested < 0 ? metadataName : metadataName.Substring(0, nested);
        var lastDot = topLevel.LastIndexOf('.');
        INamespaceSymbol? ns = global;
        var start = 0;
        while (ns is not null && start < lastDot)
        {
            var dot = topLevel.IndexOf('.', start);
            ns = Namespace(ns, topLevel.Substring(start, dot - start));
            start = dot + 1;
        }

        if (ns is null)
        {
            return ImmutableArray<INamedTypeSymbol>.Empty;
        }

        var types = TypeMembers(ns, topLevel.Substring(lastDot + 1));
        while (nested >= 0 && !types.IsEmpty)
        {
            var next = metadataName.IndexOf('+', nested + 1);
            var name = next < 0 ? metadataName.Substring(nested + 1) : metadataName.Substring(nested + 1, next - nested - 1);
            var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            foreach (var outer in types)
            {
                builder.AddRange(TypeMembers(outer, name));
            }

            types = builder.ToImmutable();
            nested = next;
        }

        return types;
    }

    private static INamespaceSymbol? Namespace(INamespaceSymbol container, string name)
    {
        foreach (var member in container.GetMembers(name))
        {
            if (member is INamespaceSymbol ns)
            {
                return ns;
            }
        }

        return null;
    }

    /// <summary>The types <paramref name="container"/> declares under the metadata name <paramref name="name"/> (<c>Name`2</c> for arity 2).</summary>
    private static ImmutableArray<INamedTypeSymbol> TypeMembers(INamespaceOrTypeSymbol container, string name)
    {
        var tick = name.LastIndexOf('`');
        return tick > 0 && int.TryParse(name.Substring(tick + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var arity)
            ? container.GetTypeMembers(name.Substring(0, tick), arity)
            : container.GetTypeMembers(name, 0);
    }

    private static int Rank(Compilation compilation, INamedTypeSymbol candidate)
    {
        if (SymbolEqualityComparer.Default.Equals(candidate.ContainingAssembly, compilation.Assembly))
        {
            return 1;
        }

        return compilation.IsSymbolAccessibleWithin(candidate, compilation.Assembly) ? 2 : 0;
    }

    // System
    public INamedTypeSymbol? Task => Type("System.Threading.Tasks.Task");
    public INamedTypeSymbol? Thread => Type("System.Threading.Thread");
    public INamedTypeSymbol? TimeSpan => Type("System.TimeSpan");
    public INamedTypeSymbol? Guid => Type("System.Guid");
    public INamedTypeSymbol? DateTime => Type("System.DateTime");
    public INamedTypeSymbol? DateTimeOffset => Type("System.DateTimeOffset");
    public INamedTypeSymbol? Random => Type("System.Random");
    public INamedTypeSymbol? CancellationToken => Type("System.Threading.CancellationToken");
    public INamedTypeSymbol? TimeoutException => Type("System.TimeoutException");
    public INamedTypeSymbol? TaskCanceledException => Type("System.Threading.Tasks.TaskCanceledException");
    public INamedTypeSymbol? OperationCanceledException => Type("System.OperationCanceledException");
    public INamedTypeSymbol? ExperimentalAttribute => Type("System.Diagnostics.CodeAnalysis.ExperimentalAttribute");
    public INamedTypeSymbol? IServiceCollection => Type("Microsoft.Extensions.DependencyInjection.IServiceCollection");
    public INamedTypeSymbol? OptionsServiceCollectionExtensions => Type("Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions");

    // ASP.NET Core: HTTP abstractions
    public INamedTypeSymbol? HttpContext => Type("Microsoft.AspNetCore.Http.HttpContext");
    public INamedTypeSymbol? HttpRequest => Type("Microsoft.AspNetCore.Http.HttpRequest");
    public INamedTypeSymbol? HttpResponse => Type("Microsoft.AspNetCore.Http.HttpResponse");
    public INamedTypeSymbol? IHeaderDictionary => Type("Microsoft.AspNetCore.Http.IHeaderDictionary");
    public INamedTypeSymbol? HeaderDictionaryExtensions => Type("Microsoft.AspNetCore.Http.HeaderDictionaryExtensions");
    public INamedTypeSymbol? HeaderNames => Type("Microsoft.Net.Http.Headers.HeaderNames");
    public INamedTypeSymbol? StatusCodes => Type("Microsoft.AspNetCore.Http.StatusCodes");
    public INamedTypeSymbol? HttpMethods => Type("Microsoft.AspNetCore.Http.HttpMethods");
    public INamedTypeSymbol? Results => Type("Microsoft.AspNetCore.Http.Results");
    public INamedTypeSymbol? TypedResults => Type("Microsoft.AspNetCore.Http.TypedResults");
    public INamedTypeSymbol? RequestDelegate => Type("Microsoft.AspNetCore.Http.RequestDelegate");
    public INamedTypeSymbol? IMiddleware => Type("Microsoft.AspNetCore.Http.IMiddleware");
    public INamedTypeSymbol? StringValues => Type("Microsoft.Extensions.Primitives.StringValues");

    // ASP.NET Core: hosting, routing, endpoints, authorization
    public INamedTypeSymbol? WebApplication => Type("Microsoft.AspNetCore.Builder.WebApplication");
    public INamedTypeSymbol? IApplicationBuilder => Type("Microsoft.AspNetCore.Builder.IApplicationBuilder");
    public INamedTypeSymbol? IEndpointRouteBuilder => Type("Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");
    public INamedTypeSymbol? IEndpointConventionBuilder => Type("Microsoft.AspNetCore.Builder.IEndpointConventionBuilder");
    public INamedTypeSymbol? EndpointRouteBuilderExtensions => Type("Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions");
    public INamedTypeSymbol? RouteGroupBuilder => Type("Microsoft.AspNetCore.Routing.RouteGroupBuilder");
    public INamedTypeSymbol? AuthorizationEndpointConventionBuilderExtensions => Type("Microsoft.AspNetCore.Builder.AuthorizationEndpointConventionBuilderExtensions");
    public INamedTypeSymbol? IAuthorizeData => Type("Microsoft.AspNetCore.Authorization.IAuthorizeData");
    public INamedTypeSymbol? IAllowAnonymous => Type("Microsoft.AspNetCore.Authorization.IAllowAnonymous");
    public INamedTypeSymbol? AuthorizeAttribute => Type("Microsoft.AspNetCore.Authorization.AuthorizeAttribute");
    public INamedTypeSymbol? AllowAnonymousAttribute => Type("Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute");

    // ASP.NET Core: MVC and Razor Pages
    public INamedTypeSymbol? ControllerBase => Type("Microsoft.AspNetCore.Mvc.ControllerBase");
    public INamedTypeSymbol? ControllerAttribute => Type("Microsoft.AspNetCore.Mvc.ControllerAttribute");
    public INamedTypeSymbol? NonControllerAttribute => Type("Microsoft.AspNetCore.Mvc.NonControllerAttribute");
    public INamedTypeSymbol? NonActionAttribute => Type("Microsoft.AspNetCore.Mvc.NonActionAttribute");
    public INamedTypeSymbol? PageModel => Type("Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
    public INamedTypeSymbol? HttpMethodAttribute => Type("Microsoft.AspNetCore.Mvc.Routing.HttpMethodAttribute");
    public INamedTypeSymbol? IRouteTemplateProvider => Type("Microsoft.AspNetCore.Mvc.Routing.IRouteTemplateProvider");

    // System.Net.Http
    public INamedTypeSymbol? HttpClient => Type("System.Net.Http.HttpClient");
    public INamedTypeSymbol? HttpMessageInvoker => Type("System.Net.Http.HttpMessageInvoker");
    public INamedTypeSymbol? HttpRequestMessage => Type("System.Net.Http.HttpRequestMessage");
    public INamedTypeSymbol? HttpResponseMessage => Type("System.Net.Http.HttpResponseMessage");
    public INamedTypeSymbol? HttpMethod => Type("System.Net.Http.HttpMethod");
    public INamedTypeSymbol? HttpContent => Type("System.Net.Http.HttpContent");
    public INamedTypeSymbol? HttpCompletionOption => Type("System.Net.Http.HttpCompletionOption");
    public INamedTypeSymbol? HttpRequestException => Type("System.Net.Http.HttpRequestException");
    public INamedTypeSymbol? HttpMessageHandler => Type("System.Net.Http.HttpMessageHandler");
    public INamedTypeSymbol? DelegatingHandler => Type("System.Net.Http.DelegatingHandler");
    public INamedTypeSymbol? HttpClientHandler => Type("System.Net.Http.HttpClientHandler");
    public INamedTypeSymbol? SocketsHttpHandler => Type("System.Net.Http.SocketsHttpHandler");
    public INamedTypeSymbol? HttpHeaders => Type("System.Net.Http.Headers.HttpHeaders");
    public INamedTypeSymbol? HttpRequestHeaders => Type("System.Net.Http.Headers.HttpRequestHeaders");
    public INamedTypeSymbol? HttpResponseHeaders => Type("System.Net.Http.Headers.HttpResponseHeaders");
    public INamedTypeSymbol? HttpClientJsonExtensions => Type("System.Net.Http.Json.HttpClientJsonExtensions");
    public INamedTypeSymbol? HttpStatusCode => Type("System.Net.HttpStatusCode");
    public INamedTypeSymbol? IHttpClientFactory => Type("System.Net.Http.IHttpClientFactory");
    public INamedTypeSymbol? IHttpClientBuilder => Type("Microsoft.Extensions.DependencyInjection.IHttpClientBuilder");
    public INamedTypeSymbol? HttpClientFactoryServiceCollectionExtensions => Type("Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions");

    /// <summary>Compares the names by reference (see the <c>_types</c> field).</summary>
    private sealed class ReferenceComparer : System.Collections.Generic.IEqualityComparer<string>
    {
        public static readonly ReferenceComparer Instance = new();

        public bool Equals(string? x, string? y) => ReferenceEquals(x, y);

        public int GetHashCode(string obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
