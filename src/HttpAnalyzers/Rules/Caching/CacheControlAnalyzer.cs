using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Caching;

/// <summary>
/// HTTP0010 ('no-cache' where 'no-store' is required) and HTTP0011 (per-user response cacheable by shared caches):
/// Cache-Control / Pragma header writes, <c>CacheControlHeaderValue</c> initializers and <c>[ResponseCache]</c>,
/// judged against the endpoint that produces the response.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CacheControlAnalyzer : DiagnosticAnalyzer
{
    private const int LocationAny = 0;
    private const int LocationNone = 2;

    /// <summary>What a [ResponseCache] emits that can be reported.</summary>
    private enum AttributeReport
    {
        /// <summary>'no-store', 'private', or nothing that caches: never reported.</summary>
        None,

        /// <summary>'Location = None': 'no-cache' (HTTP0010).</summary>
        NoCache,

        /// <summary>'Location = Any' (or the default with a Duration): 'public' (HTTP0011).</summary>
        Shared,
    }

    /// <summary>
    /// The words of a file that can write Cache-Control or Pragma: the header's name as a string (<c>"Cache-Control"</c>,
    /// in any usual case) or as a property (<c>HeaderNames.CacheControl</c>, <c>Headers.CacheControl</c>). A header
    /// name held in a constant declared in another file, with a value that does not say <c>cache</c> either, is not seen.
    /// </summary>
    private static readonly FileWords HeaderFiles = new("Cache", "cache", "CACHE", "CacheControl", "Pragma", "pragma", "PRAGMA");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.NoCacheInsteadOfNoStore, Descriptors.PerUserResponseSharedCacheable);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var types = KnownTypes.Get(start.Compilation);
            var headers = HeaderModel.Create(types);
            var endpoints = headers is null ? null : Endpoints.Create(types);
            if (headers is null || endpoints is null)
            {
                return;
            }

            var analyzer = new Analyzer(types, headers, endpoints);
            // Header writes are analysed only in the types of files that name the header (HeaderFiles). A
            // CacheControlHeaderValue held in an earlier local is reported at its initializer, from the assignment that
            // uses it: the type's whole declaration is local to its actions (TypeScopedActions), so the open document shows it.
            start.RegisterForTypes(HeaderFiles.AnyDeclaration, type =>
            {
                type.RegisterOperationAction(analyzer.AnalyzeAssignment, OperationKind.SimpleAssignment);
                type.RegisterOperationAction(analyzer.AnalyzeInvocation, OperationKind.Invocation);
            });
            if (types.ResponseCacheAttribute is not null)
            {
                // [ResponseCache] on a controller or page model, and on a controller's action (judged with the action's body).
                start.RegisterSymbolAction(analyzer.AnalyzeType, SymbolKind.NamedType);
                endpoints.RegisterHandlerBlockAction(start, analyzer.AnalyzeMethodAttribute, includePageModels: false);
            }
        });
    }

    private sealed class Analyzer
    {
        private readonly KnownTypes _types;
        private readonly HeaderModel _headers;
        private readonly Endpoints _endpoints;
        private readonly SensitiveResponse _sensitive;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<INamedTypeSymbol, bool> _isResponseCache = new(SymbolEqualityComparer.Default);

        public Analyzer(KnownTypes types, HeaderModel headers, Endpoints endpoints)
        {
            _types = types;
            _headers = headers;
            _endpoints = endpoints;
            _sensitive = new SensitiveResponse(types, headers);
        }

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation { Property: var property } ||
                !(property.IsIndexer || property.Name is "CacheControl" or "Pragma"))
            {
                return;
            }

            if (_headers.TryGetWrite(assignment, "Cache-Control", "Pragma", out var write))
            {
                AnalyzeWrite(context, write);
            }
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name is "Append" or "Add" or "TryAdd" && _headers.TryGetWrite(invocation, "Cache-Control", "Pragma", out var write))
            {
                AnalyzeWrite(context, write);
            }
        }

        private void AnalyzeWrite(OperationAnalysisContext context, HeaderWrite write)
        {
            // An ASP.NET Core response (HttpResponse.Headers, GetTypedHeaders()); HttpResponseMessage headers are client-side.
            if (write.Side != HeaderSide.Response || write.Owner is null)
            {
                return;
            }

            if (write.Is("Cache-Control"))
            {
                if (write.Kind == HeaderWriteKind.Typed)
                {
                    if (AsCacheControlCreation(write.Value) is { } typed)
                    {
                        AnalyzeTyped(context, typed);
                    }

                    return;
                }

                AnalyzeCacheControlString(context, write.Value);
            }
            else if (write.Is("Pragma") && write.Kind != HeaderWriteKind.Typed)
            {
                foreach (var element in HeaderValues.Elements(write.Value))
                {
                    if (HeaderValues.Directives(element, _types.CacheControlHeaderValue) is { } directives && directives.Has("no-cache"))
                    {
                        var lazy = new Context(this, context, write.Operation);
                        if (lazy.ReasonForNoCache() is { } reason && !BodySetsNoStore(lazy.Endpoint, includeAttribute: true))
                        {
                            context.ReportDiagnostic(Diagnostic.Create(Descriptors.NoCacheInsteadOfNoStore, element.Syntax.GetLocation(), "'Pragma: no-cache'", reason));
                        }

                        return;
                    }
                }
            }
        }

        private void AnalyzeCacheControlString(OperationAnalysisContext context, IOperation value)
        {
            IOperation? noCache = null;
            IOperation? shared = null;
            string? sharedDirective = null;
            var noStore = false;
            var isPrivate = false;
            foreach (var element in HeaderValues.Elements(value))
            {
                if (AsCacheControlToString(element) is { } typed)
                {
                    AnalyzeTyped(context, typed);
                    continue;
                }

                if (HeaderValues.Directives(element, _types.CacheControlHeaderValue) is not { IsComplete: true } directives)
                {
                    return; // part of the value is unknown: it could hold 'no-store'
                }

                noStore |= directives.Has("no-store");
                isPrivate |= directives.HasWithOrWithoutArgument("private");
                if (noCache is null && directives.Has("no-cache"))
                {
                    noCache = element;
                }

                if (shared is null)
                {
                    if (directives.Has("public"))
                    {
                        shared = element;
                        sharedDirective = "'public'";
                    }
                    else if (directives.Has("s-maxage="))
                    {
                        shared = element;
                        sharedDirective = "'s-maxage'";
                    }
                }
            }

            if (noStore || (noCache is null && shared is null))
            {
                return;
            }

            var lazy = new Context(this, context, value);
            if (noCache is not null && lazy.ReasonForNoCache() is { } reason && !BodySetsNoStore(lazy.Endpoint, includeAttribute: false) && !StreamsEvents(lazy.Endpoint))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.NoCacheInsteadOfNoStore,
                    noCache.Syntax.GetLocation(),
                    HeaderValues.DirectiveFieldLocations(noCache, _types.CacheControlHeaderValue, "no-cache"),
                    Properties(CachingFixData.StringDirective),
                    "'no-cache'",
                    reason));
            }

            if (shared is not null && !isPrivate && lazy.ReasonForShared() is { } sharedReason)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.PerUserResponseSharedCacheable,
                    shared.Syntax.GetLocation(),
                    HeaderValues.DirectiveFieldLocations(shared, _types.CacheControlHeaderValue, "public"),
                    Properties(CachingFixData.StringDirective),
                    sharedDirective,
                    sharedReason));
            }
        }

        private void AnalyzeTyped(OperationAnalysisContext context, IObjectCreationOperation creation)
        {
            if (creation.Initializer is null)
            {
                return;
            }

            ISimpleAssignmentOperation? noCache = null;
            ISimpleAssignmentOperation? isPublic = null;
            ISimpleAssignmentOperation? sharedMaxAge = null;
            var noStore = false;
            var isPrivate = false;
            var setsNoStore = false;
            var setsPrivate = false;
            foreach (var initializer in creation.Initializer.Initializers)
            {
                if (initializer is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment)
                {
                    continue;
                }

                // An explicit 'NoStore = false' / 'Private = false' is a choice the fix leaves to the user.
                setsNoStore |= target.Property.Name == "NoStore";
                setsPrivate |= target.Property.Name == "Private";
                var isTrue = assignment.Value.ConstantValue is { HasValue: true, Value: true };
                switch (target.Property.Name)
                {
                    case "NoCache" when isTrue:
                        noCache = assignment;
                        break;
                    case "NoStore" when isTrue:
                        noStore = true;
                        break;
                    case "Private" when isTrue:
                        isPrivate = true;
                        break;
                    case "Public" when isTrue:
                        isPublic = assignment;
                        break;
                    case "SharedMaxAge" when assignment.Value.ConstantValue is not { HasValue: true, Value: null }:
                        sharedMaxAge = assignment;
                        break;
                }
            }

            if (noStore || (noCache is null && isPublic is null && sharedMaxAge is null))
            {
                return;
            }

            var lazy = new Context(this, context, creation);
            if (noCache is not null && lazy.ReasonForNoCache() is { } reason && !BodySetsNoStore(lazy.Endpoint, includeAttribute: false))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.NoCacheInsteadOfNoStore, noCache.Syntax.GetLocation(), setsNoStore ? null : Properties(CachingFixData.TypedProperty), "'NoCache = true'", reason));
            }

            var shared = isPublic ?? sharedMaxAge;
            if (shared is not null && !isPrivate && lazy.ReasonForShared() is { } sharedReason)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.PerUserResponseSharedCacheable,
                    shared.Syntax.GetLocation(),
                    isPublic is not null && !setsPrivate ? Properties(CachingFixData.TypedProperty) : ImmutableDictionary<string, string?>.Empty,
                    isPublic is not null ? "'Public = true'" : "'SharedMaxAge'",
                    sharedReason));
            }
        }

        public void AnalyzeType(SymbolAnalysisContext context)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            if (type.TypeKind != TypeKind.Class)
            {
                return;
            }

            // Most types carry no [ResponseCache]: that is checked first. What an attribute can report is decided by its
            // arguments; only a controller or a page model is judged, and its endpoint is only computed when it can report.
            if (FindResponseCache(type) is { } attribute && Classify(attribute) != AttributeReport.None &&
                (_endpoints.IsController(type) || type.InheritsFromOrEquals(_types.PageModel)) && _endpoints.ForType(type) is { } endpoint)
            {
                AnalyzeAttribute(attribute, endpoint, SensitiveNames.Default, context.CancellationToken, context.ReportDiagnostic);
            }
        }

        public void AnalyzeMethodAttribute(OperationBlockAnalysisContext context)
        {
            // A page handler's own [ResponseCache] is not judged: only controller actions (IsAction, below).
            if (context.OwningSymbol is not IMethodSymbol method || method.MethodKind != MethodKind.Ordinary || context.OperationBlocks.IsEmpty)
            {
                return;
            }

            var attribute = FindResponseCache(method);
            if (attribute is null || Classify(attribute) == AttributeReport.None || !_endpoints.IsAction(method))
            {
                return;
            }

            var endpoint = _endpoints.ForMethod(method, context.OperationBlocks[0].GetRoot(), context.CancellationToken);
            if (endpoint is null)
            {
                return;
            }

            var tree = context.OperationBlocks[0].Syntax.SyntaxTree;
            AnalyzeAttribute(attribute, endpoint, SensitiveNames.Read(context.Options, tree, DiagnosticIds.NoCacheInsteadOfNoStore), context.CancellationToken, context.ReportDiagnostic);
        }

        private AttributeData? FindResponseCache(ISymbol symbol)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass is { } attributeClass && IsResponseCache(attributeClass))
                {
                    return attribute;
                }
            }

            return null;
        }

        /// <summary>
        /// The attribute class is or derives from <c>ResponseCacheAttribute</c>: asked for every attribute of every method
        /// and type, so the base-type walk is done once per attribute class.
        /// </summary>
        private bool IsResponseCache(INamedTypeSymbol attributeClass)
        {
            if (_isResponseCache.TryGetValue(attributeClass, out var known))
            {
                return known;
            }

            return _isResponseCache.GetOrAdd(attributeClass, attributeClass.InheritsFromOrEquals(_types.ResponseCacheAttribute));
        }

        /// <summary>What a [ResponseCache] can be reported for, from its arguments alone.</summary>
        private static AttributeReport Classify(AttributeData attribute)
        {
            int? location = null;
            var duration = false;
            var profile = false;
            foreach (var argument in attribute.NamedArguments)
            {
                switch (argument.Key)
                {
                    case "NoStore" when argument.Value.Value is true:
                        return AttributeReport.None; // emits only 'no-store'
                    case "Location" when argument.Value.Value is int value:
                        location = value;
                        break;
                    case "Duration":
                        duration = true;
                        break;
                    case "CacheProfileName" when argument.Value.Value is string:
                        profile = true;
                        break;
                }
            }

            if (location == LocationNone)
            {
                return AttributeReport.NoCache;
            }

            return location == LocationAny || (location is null && duration && !profile) ? AttributeReport.Shared : AttributeReport.None;
        }

        private void AnalyzeAttribute(AttributeData attribute, EndpointInfo endpoint, SensitiveNames names, System.Threading.CancellationToken cancellationToken, System.Action<Diagnostic> report)
        {
            var kind = Classify(attribute);
            if (kind == AttributeReport.None || attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
            {
                return;
            }

            var locationArgument = FindNamedArgument(syntax, "Location");
            if (kind == AttributeReport.NoCache)
            {
                var reason = ReasonForNoCache(endpoint, names);
                if (reason is not null)
                {
                    report(Diagnostic.Create(
                        Descriptors.NoCacheInsteadOfNoStore,
                        (locationArgument ?? (SyntaxNode)syntax).GetLocation(),
                        ImmutableArray.Create(syntax.GetLocation()),
                        Properties(CachingFixData.Attribute),
                        "'ResponseCacheLocation.None' (Cache-Control: no-cache)",
                        reason));
                }

                return;
            }

            var sharedReason = ReasonForShared(endpoint);
            if (sharedReason is not null)
            {
                report(Diagnostic.Create(
                    Descriptors.PerUserResponseSharedCacheable,
                    (locationArgument ?? (SyntaxNode)(syntax.Name is QualifiedNameSyntax qualified ? qualified.Right : syntax.Name)).GetLocation(),
                    ImmutableArray.Create(syntax.GetLocation()),
                    Properties(CachingFixData.Attribute),
                    locationArgument is null ? "[ResponseCache] with the default 'Location = Any' (Cache-Control: public)" : "'ResponseCacheLocation.Any' (Cache-Control: public)",
                    sharedReason));
            }
        }

        private static AttributeArgumentSyntax? FindNamedArgument(AttributeSyntax syntax, string name)
        {
            if (syntax.ArgumentList is null)
            {
                return null;
            }

            foreach (var argument in syntax.ArgumentList.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name)
                {
                    return argument;
                }
            }

            return null;
        }

        private string? ReasonForNoCache(EndpointInfo? endpoint, SensitiveNames names)
        {
            if (endpoint is null)
            {
                return null;
            }

            if (endpoint.RequiresAuthorization)
            {
                return "requires authorization";
            }

            if (_sensitive.WritesCredential(endpoint.Body, names, out var credential))
            {
                return "writes '" + credential + "'";
            }

            if (_sensitive.SetsCookie(endpoint.Body))
            {
                return "sets a cookie";
            }

            if (SensitiveResponse.HasSensitiveRouteWord(endpoint, out var word))
            {
                return "is routed under '" + word + "'";
            }

            return null;
        }

        private string? ReasonForShared(EndpointInfo? endpoint)
        {
            if (endpoint is null)
            {
                return null;
            }

            if (endpoint.RequiresAuthorization)
            {
                return "requires authorization";
            }

            return _sensitive.SetsCookie(endpoint.Body) ? "sets a cookie" : null;
        }

        /// <summary>
        /// The handler also sends 'no-store': another Cache-Control write (appended values combine), a typed
        /// NoStore = true, or, when <paramref name="includeAttribute"/>, [ResponseCache(NoStore = true)] (whose header an
        /// action's own Cache-Control write would replace, so it only counts for Pragma).
        /// </summary>
        private bool BodySetsNoStore(EndpointInfo? endpoint, bool includeAttribute)
        {
            if (includeAttribute && endpoint?.Handler is IMethodSymbol method)
            {
                // [ResponseCache] on the action, else on its controller / page model (or a base class).
                var attribute = FindResponseCache(method);
                for (var type = method.ContainingType; attribute is null && type is not null; type = type.BaseType)
                {
                    attribute = FindResponseCache(type);
                }

                if (attribute is not null)
                {
                    foreach (var argument in attribute.NamedArguments)
                    {
                        if (argument.Key == "NoStore" && argument.Value.Value is true)
                        {
                            return true;
                        }
                    }
                }
            }

            var body = endpoint?.Body;
            if (body is null)
            {
                return false;
            }

            foreach (var operation in OperationWalk.Below(body))
            {
                if (operation is IPropertyReferenceOperation { Property.Name: "NoStore" } noStore &&
                    noStore.Parent is ISimpleAssignmentOperation { Value.ConstantValue: { HasValue: true, Value: true } } &&
                    noStore.Property.ContainingType.Is(_types.CacheControlHeaderValue))
                {
                    return true;
                }

                if (operation is ISimpleAssignmentOperation or IInvocationOperation &&
                    _headers.TryGetWrite(operation, "Cache-Control", null, out var write) && write.Kind != HeaderWriteKind.Typed && write.Side == HeaderSide.Response)
                {
                    foreach (var element in HeaderValues.Elements(write.Value))
                    {
                        if (AsCacheControlToString(element) is not null)
                        {
                            continue; // a typed value: its NoStore assignment is seen above
                        }

                        if (HeaderValues.Directives(element, _types.CacheControlHeaderValue) is not { } directives || directives.Has("no-store") || !directives.IsComplete)
                        {
                            return true; // 'no-store', or a value we cannot read: assume it may be there
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// The handler streams server-sent events (<c>text/event-stream</c> content type, or a <c>ServerSentEventsResult</c>):
        /// 'no-cache' is the customary header of an event stream, which caches do not store.
        /// </summary>
        private bool StreamsEvents(EndpointInfo? endpoint)
        {
            var body = endpoint?.Body;
            if (body is null)
            {
                return false;
            }

            foreach (var operation in OperationWalk.Below(body))
            {
                switch (operation)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "ContentType" } target } assignment
                        when target.Property.ContainingType.InheritsFromOrEquals(_types.HttpResponse) && IsEventStream(assignment.Value):
                        return true;
                    case ISimpleAssignmentOperation or IInvocationOperation when _headers.TryGetWrite(operation, "Content-Type", null, out var write) && IsEventStream(write.Value):
                        return true;
                    case IInvocationOperation invocation when invocation.TargetMethod.ReturnType.OriginalDefinition.Is(_types.ServerSentEventsResult):
                        return true;
                }
            }

            return false;
        }

        private static bool IsEventStream(IOperation value)
            => value.WalkDownConversions().ConstantValue is { HasValue: true, Value: string contentType } &&
               contentType.StartsWith("text/event-stream", System.StringComparison.OrdinalIgnoreCase);

        private IObjectCreationOperation? AsCacheControlCreation(IOperation value)
        {
            value = value.WalkDownConversions();
            if (value is ILocalReferenceOperation local && local.Type.Is(_types.CacheControlHeaderValue))
            {
                // var cacheControl = new CacheControlHeaderValue { … }; headers.CacheControl = cacheControl;
                value = LocalValues.GetSingleValue(local)?.WalkDownConversions() ?? value;
            }

            return value is IObjectCreationOperation creation && creation.Type.Is(_types.CacheControlHeaderValue) ? creation : null;
        }

        private IObjectCreationOperation? AsCacheControlToString(IOperation value)
            => value.WalkDownConversions() is IInvocationOperation { TargetMethod.Name: "ToString", Instance: { } instance } ? AsCacheControlCreation(instance) : null;

        private static ImmutableDictionary<string, string?> Properties(string fix) => CachingFixData.Properties(fix);

        /// <summary>The endpoint facts of one site, computed on first use.</summary>
        private sealed class Context
        {
            private readonly Analyzer _owner;
            private readonly OperationAnalysisContext _context;
            private readonly IOperation _site;
            private EndpointInfo? _endpoint;
            private bool _found;

            public Context(Analyzer owner, OperationAnalysisContext context, IOperation site)
            {
                _owner = owner;
                _context = context;
                _site = site;
            }

            public EndpointInfo? Endpoint
            {
                get
                {
                    if (!_found)
                    {
                        _endpoint = _owner._endpoints.Find(_site, _context.ContainingSymbol, _context.CancellationToken);
                        _found = true;
                    }

                    return _endpoint;
                }
            }

            public string? ReasonForNoCache()
                => _owner.ReasonForNoCache(Endpoint, SensitiveNames.Read(_context.Options, _site.Syntax.SyntaxTree, DiagnosticIds.NoCacheInsteadOfNoStore));

            public string? ReasonForShared() => _owner.ReasonForShared(Endpoint);
        }
    }
}
