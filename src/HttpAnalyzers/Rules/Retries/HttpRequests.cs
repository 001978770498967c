using System;
using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Retries;

/// <summary>One HttpClient call that sends a request: a helper (<c>PostAsync</c>, <c>PostAsJsonAsync</c>, …) or <c>Send</c>/<c>SendAsync</c> of a message.</summary>
internal sealed class HttpSend
{
    private readonly HttpRequests _requests;
    private string? _method;
    private bool _methodKnown;
    private RequestOrigin _origin;
    private bool _originKnown;

    public HttpSend(HttpRequests requests, IInvocationOperation invocation, string? method, bool isHelper, IOperation? request, IOperation? client)
    {
        _requests = requests;
        Invocation = invocation;
        _method = method;
        _methodKnown = isHelper;
        IsHelper = isHelper;
        Request = request;
        Client = client;
    }

    public IInvocationOperation Invocation { get; }

    /// <summary>The upper-case HTTP method (<c>POST</c>), or null when it cannot be seen. Computed on first use for messages.</summary>
    public string? Method
    {
        get
        {
            if (!_methodKnown)
            {
                _method = Request is null ? null : _requests.GetMethodOfRequest(Request, Origin);
                _methodKnown = true;
            }

            return _method;
        }
    }

    /// <summary>Where the message of <c>Send</c>/<c>SendAsync</c> comes from (default for a helper). Computed on first use.</summary>
    public RequestOrigin Origin
    {
        get
        {
            if (!_originKnown)
            {
                _origin = Request is null ? default : _requests.GetOrigin(Request);
                _originKnown = true;
            }

            return _origin;
        }
    }

    /// <summary>A helper that builds its own message (<c>PostAsync(uri, content)</c>), as opposed to <c>SendAsync(message)</c>.</summary>
    public bool IsHelper { get; }

    /// <summary>The message argument of <c>Send</c>/<c>SendAsync</c> (conversions stripped).</summary>
    public IOperation? Request { get; }

    /// <summary>The HttpClient the call is made on.</summary>
    public IOperation? Client { get; }

    /// <summary>POST and PATCH are neither safe nor idempotent (RFC 9110 §9.2.2).</summary>
    public bool IsUnsafe => Method is "POST" or "PATCH";

    /// <summary>The request URI argument of a helper, or of the message's constructor.</summary>
    public IOperation? Uri
    {
        get
        {
            if (IsHelper)
            {
                return Invocation.GetArgument("requestUri")?.Value;
            }

            return null;
        }
    }
}

/// <summary>Where a request message comes from: the creation (when visible) and the local that holds it.</summary>
internal readonly struct RequestOrigin
{
    public RequestOrigin(IObjectCreationOperation? creation, ILocalSymbol? local, ISymbol? symbol)
    {
        Creation = creation;
        Local = local;
        Symbol = symbol;
    }

    /// <summary>The <c>new HttpRequestMessage(…)</c> that produced the message, when there is exactly one visible.</summary>
    public IObjectCreationOperation? Creation { get; }

    /// <summary>The local the message is held in, when the send passes a local.</summary>
    public ILocalSymbol? Local { get; }

    /// <summary>The local, parameter, field or property the send passes (null for an inline creation or a call).</summary>
    public ISymbol? Symbol { get; }
}

/// <summary>
/// The request model: which HTTP method an HttpClient send uses (helpers, <c>HttpRequestMessage</c> with
/// <c>HttpMethod.*</c> or <c>new HttpMethod("…")</c>), which headers the request carries, where the message was created.
/// </summary>
internal sealed class HttpRequests
{
    public static readonly ImmutableArray<string> DefaultIdempotencyKeyHeaders = ImmutableArray.Create("Idempotency-Key", "X-Idempotency-Key");

    /// <summary>The option that lists the idempotency key header names (HTTP0001, HTTP0003, HTTP0006).</summary>
    public const string IdempotencyKeyHeadersOption = "idempotency_key_headers";

    /// <summary>The header names that carry an idempotency key for <paramref name="ruleId"/> in <paramref name="tree"/>.</summary>
    public static ImmutableArray<string> IdempotencyKeyHeaders(Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions options, SyntaxTree tree, string ruleId)
        => Options.GetList(options, tree, ruleId, IdempotencyKeyHeadersOption, DefaultIdempotencyKeyHeaders);

    private readonly INamedTypeSymbol _httpClient;
    private readonly INamedTypeSymbol? _invoker;
    private readonly INamedTypeSymbol _requestMessage;
    private readonly INamedTypeSymbol _httpMethod;
    private readonly INamedTypeSymbol? _json;
    private readonly INamedTypeSymbol? _headers;

    private HttpRequests(KnownTypes types, INamedTypeSymbol httpClient, INamedTypeSymbol requestMessage, INamedTypeSymbol httpMethod)
    {
        _httpClient = httpClient;
        _invoker = types.HttpMessageInvoker;
        _requestMessage = requestMessage;
        _httpMethod = httpMethod;
        _json = types.HttpClientJsonExtensions;
        _headers = types.HttpHeaders;
    }

    public INamedTypeSymbol RequestMessage => _requestMessage;

    public static HttpRequests? Create(KnownTypes types)
    {
        var client = types.HttpClient;
        var message = types.HttpRequestMessage;
        var method = types.HttpMethod;
        return client is null || message is null || method is null ? null : new HttpRequests(types, client, message, method);
    }

    /// <summary>Cheap name filter before <see cref="TryGetSend"/>.</summary>
    public static bool IsSendName(string name) => ClientUses.IsSendName(name);

    /// <summary>The send made by <paramref name="invocation"/>, if it is an HttpClient send.</summary>
    public bool TryGetSend(IInvocationOperation invocation, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HttpSend? send)
    {
        send = null;
        var method = invocation.TargetMethod;
        var name = method.Name;
        if (!IsSendName(name))
        {
            return false;
        }

        var containing = (method.ReducedFrom ?? method).ContainingType?.OriginalDefinition;
        if (containing is null)
        {
            return false;
        }

        if (name is "Send" or "SendAsync")
        {
            if (!(SymbolEqualityComparer.Default.Equals(containing, _httpClient) || SymbolEqualityComparer.Default.Equals(containing, _invoker)))
            {
                return false;
            }

            var client = invocation.Instance?.WalkDownConversions();
            if (client?.Type is null || !client.Type.InheritsFromOrEquals(_httpClient))
            {
                return false;
            }

            var request = invocation.GetArgument("request")?.Value.WalkDownConversions();
            if (request is null)
            {
                return false;
            }

            send = new HttpSend(this, invocation, null, isHelper: false, request, client);
            return true;
        }

        if (SymbolEqualityComparer.Default.Equals(containing, _httpClient))
        {
            send = new HttpSend(this, invocation, HelperMethod(name), isHelper: true, null, invocation.Instance?.WalkDownConversions());
            return true;
        }

        if (_json is not null && SymbolEqualityComparer.Default.Equals(containing, _json))
        {
            send = new HttpSend(this, invocation, HelperMethod(name), isHelper: true, null, invocation.GetReceiverOrThisArgument());
            return true;
        }

        return false;
    }

    private static string? HelperMethod(string name)
    {
        if (name.StartsWith("Post", StringComparison.Ordinal))
        {
            return "POST";
        }

        if (name.StartsWith("Patch", StringComparison.Ordinal))
        {
            return "PATCH";
        }

        if (name.StartsWith("Put", StringComparison.Ordinal))
        {
            return "PUT";
        }

        if (name.StartsWith("Delete", StringComparison.Ordinal))
        {
            return "DELETE";
        }

        return name.StartsWith("Get", StringComparison.Ordinal) ? "GET" : null;
    }

    /// <summary>The HTTP method an <c>HttpMethod</c>-typed expression denotes (<c>HttpMethod.Post</c>, <c>new HttpMethod("POST")</c>, <c>HttpMethod.Parse("POST")</c>).</summary>
    public string? GetMethodName(IOperation? operation)
    {
        operation = operation?.WalkDownConversions();
        switch (operation)
        {
            case IPropertyReferenceOperation property when property.Property.IsStatic && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, _httpMethod):
                return property.Property.Name.ToUpperInvariant();
            case IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, _httpMethod) && creation.Arguments.Length == 1:
                return creation.Arguments[0].Value.ConstantValue.Value is string text ? text.Trim().ToUpperInvariant() : null;
            case IInvocationOperation { TargetMethod.Name: "Parse", Arguments.Length: 1 } parse when SymbolEqualityComparer.Default.Equals(parse.TargetMethod.ContainingType, _httpMethod):
                return parse.Arguments[0].Value.ConstantValue.Value is string parsed ? parsed.Trim().ToUpperInvariant() : null;
            default:
                return null;
        }
    }

    /// <summary>The method of the request a send passes: an inline creation, or a local whose one creation and method assignments are visible.</summary>
    public string? GetMethodOfRequest(IOperation request) => GetMethodOfRequest(request, GetOrigin(request));

    /// <summary>As <see cref="GetMethodOfRequest(IOperation)"/>, with the origin of <paramref name="request"/> already found.</summary>
    public string? GetMethodOfRequest(IOperation request, RequestOrigin origin)
    {
        if (origin.Creation is null)
        {
            return null;
        }

        string? method = null;
        var methodArgument = origin.Creation.GetArgument("method");
        if (methodArgument is not null)
        {
            method = GetMethodName(methodArgument.Value);
        }
        else if (origin.Creation.Arguments.Length == 0)
        {
            method = "GET";
        }

        if (origin.Creation.Initializer is { } initializer)
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Method" } } assignment)
                {
                    method = GetMethodName(assignment.Value);
                }
            }
        }

        // Assignments to the local's Method must all agree with each other and with the creation.
        return origin.Local is { } local && !AgreesWithAssignedMethods(request.GetRoot(), local, ref method) ? null : method;
    }

    /// <summary>
    /// False when an assignment <c>local.Method = …</c> under <paramref name="operation"/> (pre-order, recursive: no
    /// allocation) sets an unknown method or one other than <paramref name="method"/>; otherwise <paramref name="method"/> is the one assigned.
    /// </summary>
    private bool AgreesWithAssignedMethods(IOperation operation, ILocalSymbol local, ref string? method)
    {
        if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Method", Instance: ILocalReferenceOperation target } } assignment &&
            SymbolEqualityComparer.Default.Equals(target.Local, local))
        {
            var assigned = GetMethodName(assignment.Value);
            if (assigned is null || (method is not null && method != assigned))
            {
                return false;
            }

            method = assigned;
        }

        foreach (var child in operation.ChildOperations)
        {
            if (!AgreesWithAssignedMethods(child, local, ref method))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Where the message passed to a send comes from.</summary>
    public RequestOrigin GetOrigin(IOperation request)
    {
        request = request.WalkDownConversions();
        switch (request)
        {
            case IObjectCreationOperation creation when IsRequestMessage(creation.Type):
                return new RequestOrigin(creation, null, null);
            case ILocalReferenceOperation localReference:
                return new RequestOrigin(FindSingleCreation(localReference), localReference.Local, localReference.Local);
            case IParameterReferenceOperation parameter:
                return new RequestOrigin(null, null, parameter.Parameter);
            case IFieldReferenceOperation field:
                return new RequestOrigin(null, null, field.Field);
            case IPropertyReferenceOperation property:
                return new RequestOrigin(null, null, property.Property);
            default:
                return default;
        }
    }

    public bool IsRequestMessage(ITypeSymbol? type) => type.InheritsFromOrEquals(_requestMessage);

    /// <summary>
    /// The one <c>new HttpRequestMessage</c> a local holds: its single value in the same body (<see cref="LocalValues.GetSingleValue"/>,
    /// whose per-body index every rule shares), when that value is a request message creation.
    /// </summary>
    private IObjectCreationOperation? FindSingleCreation(ILocalReferenceOperation reference)
        => LocalValues.GetSingleValue(reference)?.WalkDownConversions() is IObjectCreationOperation creation && IsRequestMessage(creation.Type) ? creation : null;

    /// <summary>Cheap test: <c>Add</c>/<c>TryAddWithoutValidation</c> with two arguments on an <c>HttpHeaders</c> type.</summary>
    public bool IsHeadersAddCall(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        return method.Name is "Add" or "TryAddWithoutValidation" && _headers is not null && invocation.Arguments.Length == 2 &&
               method.ContainingType.InheritsFromOrEquals(_headers);
    }

    /// <summary>True when <paramref name="invocation"/> is <c>HttpHeaders.Add</c>/<c>TryAddWithoutValidation</c> of a header named in <paramref name="names"/>; returns the value argument.</summary>
    public bool IsHeaderAdd(IInvocationOperation invocation, ImmutableArray<string> names, out IOperation? value)
    {
        value = null;
        var method = invocation.TargetMethod;
        if (method.Name is not ("Add" or "TryAddWithoutValidation") || _headers is null || invocation.Arguments.Length != 2 ||
            !method.ContainingType.InheritsFromOrEquals(_headers))
        {
            return false;
        }

        var name = invocation.GetArgument("name")?.Value ?? invocation.Arguments[0].Value;
        if (name.ConstantValue.Value is not string text || !Options.Contains(names, text.Trim()))
        {
            return false;
        }

        value = (invocation.GetArgument("value") ?? invocation.GetArgument("values") ?? invocation.Arguments[1]).Value;
        return true;
    }

    /// <summary>
    /// True when the request of <paramref name="send"/> carries one of the key headers: added in the creation's initializer,
    /// or with <c>Headers.Add</c> on the local that holds it; for a helper, added to the client's <c>DefaultRequestHeaders</c>
    /// in the same body.
    /// </summary>
    public bool CarriesHeader(HttpSend send, ImmutableArray<string> names)
    {
        if (send.IsHelper)
        {
            foreach (var descendant in OperationWalk.Below(send.Invocation.GetRoot()))
            {
                if (descendant is IInvocationOperation invocation && IsHeaderAdd(invocation, names, out _) &&
                    invocation.Instance is IPropertyReferenceOperation { Property.Name: "DefaultRequestHeaders" })
                {
                    return true;
                }
            }

            return false;
        }

        if (send.Request is null)
        {
            return false;
        }

        var origin = send.Origin;
        if (origin.Creation is not null && CreationAddsHeader(origin.Creation, names))
        {
            return true;
        }

        return origin.Symbol is not null && AddsHeaderOrHandsOn(send.Invocation.GetRoot(), send.Invocation, origin.Symbol, names);
    }

    /// <summary>
    /// True when an invocation under <paramref name="operation"/> (recursive: no allocation) adds a key header to the
    /// <c>Headers</c> of <paramref name="message"/>, or hands <paramref name="message"/> to a method other than a send.
    /// </summary>
    private bool AddsHeaderOrHandsOn(IOperation operation, IInvocationOperation send, ISymbol message, ImmutableArray<string> names)
    {
        if (operation is IInvocationOperation invocation)
        {
            if (IsHeaderAdd(invocation, names, out _) &&
                invocation.Instance is IPropertyReferenceOperation { Property.Name: "Headers" } headers &&
                ReferencesSymbol(headers.Instance, message))
            {
                return true;
            }

            // The message is handed to a helper (AddIdempotencyKey(request), request.WithKey()) that may add the header: cannot tell.
            if (!ReferenceEquals(invocation, send) && !IsSendName(invocation.TargetMethod.Name))
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (ReferencesSymbol(argument.Value, message))
                    {
                        return true;
                    }
                }
            }
        }

        foreach (var child in operation.ChildOperations)
        {
            if (AddsHeaderOrHandsOn(child, send, message, names))
            {
                return true;
            }
        }

        return false;
    }

    private bool CreationAddsHeader(IObjectCreationOperation creation, ImmutableArray<string> names)
    {
        if (creation.Initializer is null)
        {
            return false;
        }

        foreach (var descendant in OperationWalk.Below(creation.Initializer))
        {
            if (descendant is IInvocationOperation invocation && IsHeaderAdd(invocation, names, out _))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ReferencesSymbol(IOperation? operation, ISymbol symbol)
    {
        operation = operation?.WalkDownConversions();
        var referenced = operation switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => (ISymbol?)null,
        };
        return referenced is not null && SymbolEqualityComparer.Default.Equals(referenced, symbol);
    }
}
