using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Infrastructure;

/// <summary>Which message a header collection belongs to.</summary>
internal enum HeaderSide
{
    /// <summary>A header collection whose owner is not known (a parameter, a field).</summary>
    Unknown,
    Response,
    Request,
}

/// <summary>How a header is written.</summary>
internal enum HeaderWriteKind
{
    /// <summary><c>headers["Name"] = value</c>.</summary>
    Indexer,

    /// <summary><c>headers.CacheControl = value</c> (the <c>IHeaderDictionary</c> string properties).</summary>
    Property,

    /// <summary><c>headers.Append("Name", value)</c>, <c>headers.Add("Name", value)</c>, <c>TryAdd</c>, <c>TryAddWithoutValidation</c>.</summary>
    Method,

    /// <summary><c>response.GetTypedHeaders().CacheControl = value</c> (a typed value, not a string).</summary>
    Typed,
}

/// <summary>One header write: which header, with which value, on which message.</summary>
internal readonly struct HeaderWrite
{
    public HeaderWrite(string name, IOperation value, IOperation operation, HeaderWriteKind kind, HeaderSide side, IOperation? owner)
    {
        Name = name;
        Value = value;
        Operation = operation;
        Kind = kind;
        Side = side;
        Owner = owner;
    }

    /// <summary>The header name as written on the wire (<c>Cache-Control</c>), compared case-insensitively.</summary>
    public string Name { get; }

    /// <summary>The value expression as written (conversions included; use <see cref="OperationExtensions.WalkDownConversions"/>).</summary>
    public IOperation Value { get; }

    /// <summary>The assignment or invocation that writes the header.</summary>
    public IOperation Operation { get; }

    public HeaderWriteKind Kind { get; }

    public HeaderSide Side { get; }

    /// <summary>The <c>HttpResponse</c> / <c>HttpRequest</c> expression the headers belong to, when visible.</summary>
    public IOperation? Owner { get; }

    public bool Is(string headerName) => string.Equals(Name, headerName, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The header model: recognises header writes and reads on ASP.NET Core's <c>IHeaderDictionary</c> (indexer, the
/// typed string properties such as <c>Headers.CacheControl</c>, <c>Append</c>/<c>Add</c>/<c>TryAdd</c>), the typed
/// <c>ResponseHeaders</c>/<c>RequestHeaders</c> of <c>GetTypedHeaders()</c>, and <c>System.Net.Http</c>'s
/// <c>HttpHeaders.Add</c>/<c>TryAddWithoutValidation</c>. Header names come from constants, <c>HeaderNames</c> fields
/// or property names, and are compared case-insensitively.
/// </summary>
internal sealed class HeaderModel
{
    private readonly KnownTypes _types;
    private readonly INamedTypeSymbol _headerDictionary;

    private HeaderModel(KnownTypes types, INamedTypeSymbol headerDictionary)
    {
        _types = types;
        _headerDictionary = headerDictionary;
    }

    /// <summary>Null when the compilation has no ASP.NET Core HTTP abstractions.</summary>
    public static HeaderModel? Create(KnownTypes types)
        => types.IHeaderDictionary is { } headers && types.HttpResponse is not null && types.HttpRequest is not null ? new HeaderModel(types, headers) : null;

    /// <summary>
    /// Reads a header write from an <see cref="ISimpleAssignmentOperation"/> (indexer, property, typed property) or an
    /// <see cref="IInvocationOperation"/> (<c>Append</c>, <c>Add</c>, <c>TryAdd</c>, <c>TryAddWithoutValidation</c>).
    /// </summary>
    public bool TryGetWrite(IOperation operation, out HeaderWrite write) => TryGetWrite(operation, null, null, out write);

    /// <summary>
    /// <see cref="TryGetWrite(IOperation, out HeaderWrite)"/> restricted to the header <paramref name="header"/> (or
    /// <paramref name="otherHeader"/>): the header name, which is cheap to read, is checked before the collection's type.
    /// </summary>
    public bool TryGetWrite(IOperation operation, string? header, string? otherHeader, out HeaderWrite write)
    {
        write = default;
        switch (operation)
        {
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment:
                return TryGetPropertyWrite(assignment, target, header, otherHeader, out write);
            case IInvocationOperation invocation:
                return TryGetMethodWrite(invocation, header, otherHeader, out write);
            default:
                return false;
        }
    }

    /// <summary>No filter, or <paramref name="name"/> is one of the filter's headers (case-insensitive).</summary>
    private static bool Wanted(string name, string? header, string? otherHeader)
        => header is null ||
           string.Equals(name, header, StringComparison.OrdinalIgnoreCase) ||
           (otherHeader is not null && string.Equals(name, otherHeader, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A header read: <c>headers["Name"]</c> or <c>headers.IfNoneMatch</c> (not the target of an assignment), with the
    /// message it belongs to.
    /// </summary>
    public bool TryGetRead(IPropertyReferenceOperation reference, out string name, out HeaderSide side, out IOperation? owner)
    {
        name = string.Empty;
        side = HeaderSide.Unknown;
        owner = null;
        if (reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference)
        {
            return false;
        }

        var property = reference.Property;
        if (!IsHeaderDictionary(property.ContainingType))
        {
            return false;
        }

        string? header;
        if (property.IsIndexer)
        {
            header = reference.Arguments.Length == 1 ? GetHeaderName(reference.Arguments[0].Value) : null;
        }
        else
        {
            header = property.Type.Is(_types.StringValues) ? PropertyToHeaderName(property.Name) : null;
        }

        if (header is null)
        {
            return false;
        }

        name = header;
        side = GetSide(reference.Instance, out owner);
        return true;
    }

    /// <summary>The header name of a name argument: a string constant or a <c>HeaderNames</c> field.</summary>
    public string? GetHeaderName(IOperation? operation) => ReadHeaderName(operation, _types.HeaderNames);

    /// <summary>
    /// The header name an expression holds: a string constant, or a field of <c>HeaderNames</c> (static readonly, not
    /// constant), whose names follow the header (<c>SetCookie</c> is <c>Set-Cookie</c>). The one reader every rule uses.
    /// </summary>
    public static string? ReadHeaderName(IOperation? operation, INamedTypeSymbol? headerNames)
    {
        operation = operation?.WalkDownConversions();
        if (operation is null)
        {
            return null;
        }

        if (operation.ConstantValue is { HasValue: true, Value: string constant })
        {
            return constant;
        }

        if (operation is IFieldReferenceOperation { Field: { IsStatic: true } field } && field.ContainingType.Is(headerNames))
        {
            return PropertyToHeaderName(field.Name);
        }

        return null;
    }

    /// <summary>Which message a header collection belongs to: <c>response.Headers</c>, <c>request.Headers</c>, or a local assigned once from one.</summary>
    public HeaderSide GetSide(IOperation? headers, out IOperation? owner)
    {
        owner = null;
        for (var depth = 0; depth < 4 && headers is not null; depth++)
        {
            headers = headers.WalkDownConversions();
            switch (headers)
            {
                case IPropertyReferenceOperation { Property.Name: "Headers" } property when property.Instance is not null:
                    var ownerType = property.Instance.Type;
                    if (ownerType.InheritsFromOrEquals(_types.HttpResponse))
                    {
                        owner = property.Instance;
                        return HeaderSide.Response;
                    }

                    if (ownerType.InheritsFromOrEquals(_types.HttpRequest))
                    {
                        owner = property.Instance;
                        return HeaderSide.Request;
                    }

                    if (ownerType.InheritsFromOrEquals(_types.HttpRequestMessage))
                    {
                        return HeaderSide.Request;
                    }

                    if (ownerType.InheritsFromOrEquals(_types.HttpResponseMessage))
                    {
                        return HeaderSide.Response;
                    }

                    return HeaderSide.Unknown;
                case IInvocationOperation { TargetMethod.Name: "GetTypedHeaders" } typed when typed.TargetMethod.IsMethod(_types.HeaderDictionaryTypeExtensions, "GetTypedHeaders"):
                    owner = typed.GetReceiverOrThisArgument();
                    return owner?.Type.InheritsFromOrEquals(_types.HttpResponse) == true ? HeaderSide.Response : HeaderSide.Request;
                case ILocalReferenceOperation local:
                    headers = LocalValues.GetSingleValue(local);
                    if (headers is null)
                    {
                        return SideOfType(local.Type);
                    }

                    break;
                default:
                    return SideOfType(headers.Type);
            }
        }

        return HeaderSide.Unknown;
    }

    /// <summary><c>IHeaderDictionary</c> or a type implementing it (<c>HeaderDictionary</c>).</summary>
    public bool IsHeaderDictionary(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        // Asked for the containing type of every property written: the interface walk is done once per type.
        if (_isHeaderDictionary.TryGetValue(type, out var known))
        {
            return known;
        }

        return _isHeaderDictionary.GetOrAdd(type, type.IsOrImplements(_headerDictionary));
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<ITypeSymbol, bool> _isHeaderDictionary = new(SymbolEqualityComparer.Default);

    /// <summary><c>CacheControl</c> → <c>Cache-Control</c>, <c>ETag</c> → <c>ETag</c>, <c>IfNoneMatch</c> → <c>If-None-Match</c>.</summary>
    public static string PropertyToHeaderName(string name)
    {
        if (name == "WWWAuthenticate")
        {
            return "WWW-Authenticate";
        }

        // The names are those of HeaderNames fields and header properties: a small set, converted once.
        if (HeaderNameCache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        return HeaderNameCache.GetOrAdd(name, ToHeaderName(name));
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> HeaderNameCache = new(StringComparer.Ordinal);

    private static string ToHeaderName(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && char.IsLower(name[i - 1]))
            {
                builder.Append('-');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private HeaderSide SideOfType(ITypeSymbol? type)
    {
        if (type is null)
        {
            return HeaderSide.Unknown;
        }

        if (type.Is(_types.ResponseHeaders) || type.InheritsFromOrEquals(_types.HttpResponseHeaders))
        {
            return HeaderSide.Response;
        }

        if (type.Is(_types.RequestHeaders) || type.InheritsFromOrEquals(_types.HttpRequestHeaders))
        {
            return HeaderSide.Request;
        }

        return HeaderSide.Unknown;
    }

    private bool TryGetPropertyWrite(ISimpleAssignmentOperation assignment, IPropertyReferenceOperation target, string? header, string? otherHeader, out HeaderWrite write)
    {
        write = default;
        var property = target.Property;
        var containing = property.ContainingType;
        if (containing is null)
        {
            return false;
        }

        // An indexer's header name (a constant) first: cheaper than the type checks below.
        string? name = null;
        if (property.IsIndexer)
        {
            name = target.Arguments.Length == 1 ? GetHeaderName(target.Arguments[0].Value) : null;
            if (name is null || !Wanted(name, header, otherHeader))
            {
                return false;
            }
        }

        // A header dictionary's property is a StringValues (or an indexer): checked before the interface walk.
        if ((property.IsIndexer || property.Type.Is(_types.StringValues)) && IsHeaderDictionary(containing))
        {
            HeaderWriteKind kind;
            if (property.IsIndexer)
            {
                kind = HeaderWriteKind.Indexer;
            }
            else if (property.Type.Is(_types.StringValues))
            {
                name = PropertyToHeaderName(property.Name);
                kind = HeaderWriteKind.Property;
            }
            else
            {
                return false;
            }

            if (name is null || !Wanted(name, header, otherHeader))
            {
                return false;
            }

            var side = GetSide(target.Instance, out var owner);
            write = new HeaderWrite(name, assignment.Value, assignment, kind, side, owner);
            return true;
        }

        if (containing.Is(_types.ResponseHeaders) || containing.Is(_types.RequestHeaders))
        {
            if (property.IsIndexer || property.Name == "Headers")
            {
                return false;
            }

            name = PropertyToHeaderName(property.Name);
            if (!Wanted(name, header, otherHeader))
            {
                return false;
            }

            var side = containing.Is(_types.ResponseHeaders) ? HeaderSide.Response : HeaderSide.Request;
            IOperation? owner = null;
            if (target.Instance is { } instance)
            {
                var instanceSide = GetSide(instance, out owner);
                if (instanceSide != HeaderSide.Unknown)
                {
                    side = instanceSide;
                }
            }

            write = new HeaderWrite(name, assignment.Value, assignment, HeaderWriteKind.Typed, side, owner);
            return true;
        }

        return false;
    }

    private bool TryGetMethodWrite(IInvocationOperation invocation, string? header, string? otherHeader, out HeaderWrite write)
    {
        write = default;
        var method = invocation.TargetMethod;
        var name = method.Name;
        if (invocation.Arguments.Length < 2 ||
            name is not ("Append" or "Add" or "TryAdd" or "TryAddWithoutValidation" or "AppendCommaSeparatedValues" or "SetCommaSeparatedValues"))
        {
            return false;
        }

        var receiver = invocation.GetReceiverOrThisArgument();
        if (receiver is null)
        {
            return false;
        }

        // Extension calls carry the dictionary as argument 0; the name and the value follow.
        var offset = method.IsExtensionMethod && invocation.Instance is null ? 1 : 0;
        if (invocation.Arguments.Length < offset + 2)
        {
            return false;
        }

        IArgumentOperation? nameArgument = null;
        IArgumentOperation? valueArgument = null;
        foreach (var argument in invocation.Arguments)
        {
            var ordinal = argument.Parameter?.Ordinal ?? -1;
            if (ordinal == offset)
            {
                nameArgument = argument;
            }
            else if (ordinal == offset + 1)
            {
                valueArgument = argument;
            }
        }

        if (nameArgument is null || valueArgument is null || nameArgument.Value.Type?.SpecialType != SpecialType.System_String)
        {
            return false;
        }

        // The header name (a constant) before the receiver's type: cheaper.
        var headerName = GetHeaderName(nameArgument.Value);
        if (headerName is null || !Wanted(headerName, header, otherHeader))
        {
            return false;
        }

        var receiverType = receiver.Type;
        var aspNet = IsHeaderDictionary(receiverType);
        if (!aspNet && !receiverType.InheritsFromOrEquals(_types.HttpHeaders))
        {
            return false;
        }

        IOperation? owner = null;
        var side = aspNet ? GetSide(receiver, out owner) : SideOfType(receiverType);
        write = new HeaderWrite(headerName, valueArgument.Value, invocation, HeaderWriteKind.Method, side, owner);
        return true;
    }
}
