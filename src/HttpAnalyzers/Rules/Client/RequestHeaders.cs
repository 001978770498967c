using System;
using System.Threading;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Client;

/// <summary>
/// The request-header model of the HttpClient family: content header names written to <c>HttpRequestHeaders</c>,
/// mutations of a client's <c>DefaultRequestHeaders</c> (<c>Add</c>, <c>TryAddWithoutValidation</c>, <c>Remove</c>,
/// <c>Clear</c>, property assignments, <c>Accept.Add</c>, <c>*.ParseAdd</c>), which client they change, whether the code
/// that changes them is set-up code (a constructor, an initializer, an <c>AddHttpClient</c>/<c>ConfigureHttpClient</c>
/// lambda, the entry point, a private method called only from constructors), and the one send that follows.
/// </summary>
internal sealed class RequestHeaders
{
    /// <summary>Header names <c>HttpRequestHeaders</c> refuses: they belong to <c>HttpContentHeaders</c>.</summary>
    private static readonly string[] ContentHeaderNames =
    [
        "Content-Type", "Content-Length", "Content-Encoding", "Content-Language", "Content-Location", "Content-MD5",
        "Content-Range", "Content-Disposition", "Expires", "Last-Modified", "Allow",
    ];

    private readonly INamedTypeSymbol _httpHeaders;
    private readonly INamedTypeSymbol _requestHeaders;
    private readonly INamedTypeSymbol _httpClient;
    private readonly INamedTypeSymbol? _valueCollection;
    private readonly INamedTypeSymbol? _requestMessage;
    private readonly INamedTypeSymbol? _addHttpClient;
    private readonly INamedTypeSymbol? _builderExtensions;
    private readonly INamedTypeSymbol? _headerNames;

    private RequestHeaders(KnownTypes types, INamedTypeSymbol httpHeaders, INamedTypeSymbol requestHeaders, INamedTypeSymbol httpClient)
    {
        _httpHeaders = httpHeaders;
        _requestHeaders = requestHeaders;
        _httpClient = httpClient;
        _valueCollection = types.HttpHeaderValueCollectionOfT;
        _requestMessage = types.HttpRequestMessage;
        _addHttpClient = types.HttpClientFactoryServiceCollectionExtensions;
        _builderExtensions = types.HttpClientBuilderExtensions;
        _headerNames = types.HeaderNames;
    }

    public INamedTypeSymbol RequestHeadersType => _requestHeaders;

    /// <summary>Null when the compilation has no <c>System.Net.Http</c> headers.</summary>
    public static RequestHeaders? Create(KnownTypes types)
        => types.HttpHeaders is { } headers && types.HttpRequestHeaders is { } request && types.HttpClient is { } client
            ? new RequestHeaders(types, headers, request, client)
            : null;

    /// <summary><c>Add</c>/<c>TryAddWithoutValidation</c>/<c>Remove</c> on an <c>HttpRequestHeaders</c> with a constant content header name.</summary>
    public bool IsContentHeaderCall(IInvocationOperation invocation, out string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IArgumentOperation? nameArgument)
    {
        name = string.Empty;
        nameArgument = null;
        var method = invocation.TargetMethod;
        if (!method.ContainingType.Is(_httpHeaders) || invocation.Instance is null ||
            !invocation.Instance.WalkDownConversions().Type.InheritsFromOrEquals(_requestHeaders))
        {
            return false;
        }

        nameArgument = invocation.GetArgument("name");
        if (nameArgument is null || HeaderModel.ReadHeaderName(nameArgument.Value, _headerNames) is not { } text)
        {
            return false;
        }

        foreach (var candidate in ContentHeaderNames)
        {
            if (string.Equals(candidate, text, StringComparison.OrdinalIgnoreCase))
            {
                name = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary><c>client.DefaultRequestHeaders</c>, when <paramref name="instance"/> is that property of an HttpClient.</summary>
    public IPropertyReferenceOperation? AsDefaultRequestHeaders(IOperation instance)
        => instance.WalkDownConversions() is IPropertyReferenceOperation { Property.Name: "DefaultRequestHeaders" } property &&
           property.Property.ContainingType.InheritsFromOrEquals(_httpClient)
            ? property
            : null;

    /// <summary>The <c>DefaultRequestHeaders</c> a call changes: its own <c>Add</c>/<c>Remove</c>/<c>Clear</c>, or a value collection's (<c>Accept.Add</c>, <c>UserAgent.ParseAdd</c>).</summary>
    public IPropertyReferenceOperation? GetDefaultHeadersMutation(IInvocationOperation invocation)
    {
        var instance = invocation.Instance?.WalkDownConversions();
        if (instance is null)
        {
            return null;
        }

        var containing = invocation.TargetMethod.ContainingType;
        if (containing.Is(_httpHeaders))
        {
            return invocation.TargetMethod.Name is "Add" or "TryAddWithoutValidation" or "Remove" or "Clear" ? AsDefaultRequestHeaders(instance) : null;
        }

        if (_valueCollection is not null && containing.Is(_valueCollection) && instance is IPropertyReferenceOperation { Instance: { } headers })
        {
            return AsDefaultRequestHeaders(headers);
        }

        return null;
    }

    /// <summary>
    /// The field, property or primary-constructor parameter that holds the client whose <c>DefaultRequestHeaders</c> are
    /// changed; null for a local or a parameter (a client the method owns or was handed).
    /// </summary>
    public ISymbol? SharedClient(IPropertyReferenceOperation defaultHeaders, ISymbol containing)
    {
        switch (defaultHeaders.Instance?.WalkDownConversions())
        {
            case IFieldReferenceOperation field:
                return field.Field;
            case IPropertyReferenceOperation property:
                return property.Property;
            case IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor } parameter
                when !SymbolEqualityComparer.Default.Equals(constructor, containing):
                return parameter.Parameter; // a primary-constructor parameter captured by a member
            default:
                return null;
        }
    }

    /// <summary>
    /// Code that runs once, where the client is set up: a constructor, a field or property initializer, the entry point,
    /// an <c>AddHttpClient(…, client => …)</c> or <c>ConfigureHttpClient</c> lambda, or a private method called only from constructors.
    /// </summary>
    public bool IsSetupCode(IOperation mutation, ISymbol containing)
    {
        switch (containing)
        {
            case IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor }:
            case IFieldSymbol:
            case IPropertySymbol:
            case IMethodSymbol { IsStatic: true, Name: "Main" or "<Main>$" }:
                return true;
        }

        for (var current = mutation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation &&
                current.Parent is IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation configure } } &&
                configure.TargetMethod.Name is "AddHttpClient" or "ConfigureHttpClient" &&
                ((configure.TargetMethod.ReducedFrom ?? configure.TargetMethod).ContainingType.Is(_addHttpClient) ||
                 (configure.TargetMethod.ReducedFrom ?? configure.TargetMethod).ContainingType.Is(_builderExtensions)))
            {
                return true;
            }
        }

        return containing is IMethodSymbol method && mutation.SemanticModel is { } model && OnlyCalledFromConstructors(method, model, CancellationToken.None);
    }

    /// <summary>A private method whose every call (at least one) is in a constructor of its type, all in this file.</summary>
    private static bool OnlyCalledFromConstructors(IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken)
    {
        if (method.DeclaredAccessibility != Accessibility.Private || method.MethodKind != MethodKind.Ordinary || method.ContainingType is null)
        {
            return false;
        }

        var calls = 0;
        foreach (var reference in method.ContainingType.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree != model.SyntaxTree)
            {
                return false; // a partial type in other files: cannot see every call
            }

            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax call || !CrossFileIndex.IsInvocationOf(call, method.Name) ||
                    !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(call, cancellationToken).Symbol?.OriginalDefinition, method.OriginalDefinition))
                {
                    continue;
                }

                if (call.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not ConstructorDeclarationSyntax)
                {
                    return false;
                }

                calls++;
            }
        }

        return calls > 0;
    }

    /// <summary>
    /// HTTP0041's fix: <see cref="ClientFixData.SetContentType"/> or <see cref="ClientFixData.MoveToContent"/>
    /// when the call is a statement on <c>request.Headers</c> of a local message whose <c>Content</c> is visibly set
    /// before it; otherwise null (no content in scope).
    /// </summary>
    public string? ContentFix(IInvocationOperation invocation, string name)
    {
        if (invocation.Parent is not IExpressionStatementOperation ||
            invocation.Instance?.WalkDownConversions() is not IPropertyReferenceOperation { Property.Name: "Headers", Instance: { } owner } ||
            owner.WalkDownConversions() is not ILocalReferenceOperation message || !message.Type.InheritsFromOrEquals(_requestMessage) ||
            !ContentSetBefore(message, invocation))
        {
            return null;
        }

        if (!string.Equals(name, "Content-Type", StringComparison.Ordinal) || invocation.TargetMethod.Name == "Remove")
        {
            return ClientFixData.MoveToContent;
        }

        // Content already carries a Content-Type (StringContent, JsonContent): assign it, a second Add throws.
        var value = invocation.GetArgument("value")?.Value;
        return value?.Type?.SpecialType == SpecialType.System_String ? ClientFixData.SetContentType : null;
    }

    private static bool ContentSetBefore(ILocalReferenceOperation message, IOperation before)
    {
        if (LocalValues.GetInitializer(message)?.WalkDownConversions() is IObjectCreationOperation { Initializer: { } initializer })
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Content" } })
                {
                    return true;
                }
            }
        }

        return AssignsContent(before.GetRoot(), message.Local, before.Syntax.SpanStart);
    }

    private static bool AssignsContent(IOperation operation, ILocalSymbol local, int before)
    {
        if (operation.Syntax.SpanStart >= before)
        {
            return false;
        }

        if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Content", Instance: ILocalReferenceOperation target } } &&
            SymbolEqualityComparer.Default.Equals(target.Local, local))
        {
            return true;
        }

        foreach (var child in operation.ChildOperations)
        {
            if (AssignsContent(child, local, before))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// HTTP0042's fix shape: the mutation is a statement of a block that sets or adds a header, and the method touches the
    /// client exactly once more, with a helper send (<c>GetAsync</c>, <c>DeleteAsync</c>, <c>PostAsync</c>, <c>PutAsync</c>,
    /// <c>PatchAsync</c>) later in that block, not in a loop or a lambda, whose arguments can be evaluated where the
    /// mutation stands. Returns that send and its HTTP method (<c>Get</c>), or null.
    /// </summary>
    public IInvocationOperation? SingleSendAfter(IOperation mutation, ISymbol client, out string? httpMethod)
    {
        httpMethod = null;
        if (mutation.Parent is not IExpressionStatementOperation { Syntax: StatementSyntax statement, Parent: IBlockOperation block } ||
            mutation is IInvocationOperation { TargetMethod.Name: "Remove" or "Clear" })
        {
            return null;
        }

        IInvocationOperation? send = null;
        var references = 0;
        if (!FindClientUses(mutation.GetRoot(), client, ref send, ref references) || references != 2 || send is null ||
            send.Syntax.SpanStart <= statement.Span.End)
        {
            return null;
        }

        httpMethod = send.TargetMethod.Name switch
        {
            "GetAsync" => "Get",
            "DeleteAsync" => "Delete",
            "PostAsync" => "Post",
            "PutAsync" => "Put",
            "PatchAsync" => "Patch",
            _ => null,
        };
        if (httpMethod is null || !send.TargetMethod.ContainingType.Is(_httpClient))
        {
            return null;
        }

        for (var current = send.Parent; !ReferenceEquals(current, block); current = current.Parent)
        {
            if (current is null or ILoopOperation or IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return null; // the message would be sent more than once, or later
            }
        }

        foreach (var argument in send.Arguments)
        {
            if (argument.Parameter?.Name is "requestUri" or "content" && !CanMoveBefore(argument.Value, statement.SpanStart))
            {
                return null;
            }
        }

        return send;
    }

    /// <summary>Counts references to <paramref name="client"/>; the one that is the receiver of an invocation other than the mutation is the send.</summary>
    private static bool FindClientUses(IOperation operation, ISymbol client, ref IInvocationOperation? send, ref int references)
    {
        var referenced = operation switch
        {
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => (ISymbol?)null,
        };
        if (referenced is not null && SymbolEqualityComparer.Default.Equals(referenced, client))
        {
            references++;
            if (operation.WalkUpConversions() is IInvocationOperation invocation && invocation.Instance?.WalkDownConversions() == operation)
            {
                if (send is not null)
                {
                    return false;
                }

                send = invocation;
            }
        }

        foreach (var child in operation.ChildOperations)
        {
            if (!FindClientUses(child, client, ref send, ref references))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The value has no <c>await</c> and reads no local declared at or after <paramref name="position"/>.</summary>
    private static bool CanMoveBefore(IOperation value, int position)
    {
        foreach (var operation in OperationWalk.Of(value))
        {
            if (operation is IAwaitOperation)
            {
                return false;
            }

            if (operation is ILocalReferenceOperation local &&
                (local.Local.DeclaringSyntaxReferences.Length == 0 || local.Local.DeclaringSyntaxReferences[0].Span.Start >= position))
            {
                return false;
            }
        }

        return true;
    }
}
