using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Semantics;

/// <summary>A statement that starts (or can start) the response: the call and what to call it in a message.</summary>
internal readonly struct ResponseStart
{
    public ResponseStart(IInvocationOperation call, string name, bool isNext, IOperation statement)
    {
        Call = call;
        Name = name;
        IsNext = isNext;
        Statement = statement;
    }

    public IInvocationOperation Call { get; }

    /// <summary><c>WriteAsync</c>, <c>next</c>, …</summary>
    public string Name { get; }

    /// <summary>The rest of the pipeline (<c>await next(…)</c> in middleware, a result filter's <c>next()</c>): it may start the response.</summary>
    public bool IsNext { get; }

    /// <summary>The statement, in the block that also holds the write (or an enclosing one), that contains the call.</summary>
    public IOperation Statement { get; }
}

/// <summary>A write that needs the response not to have started: status, headers, content type and length, cookies, <c>OnStarting</c>.</summary>
internal readonly struct ResponseWrite
{
    private readonly WriteKind _kind;
    private readonly string? _name;

    public ResponseWrite(IOperation operation, IOperation response, WriteKind kind, string? name)
    {
        Operation = operation;
        Response = response;
        _kind = kind;
        _name = name;
    }

    /// <summary>What is written: the description is built only for a finding, not for every write.</summary>
    internal enum WriteKind
    {
        Property,
        Header,
        Cookie,
        OnStarting,
    }

    /// <summary>The assignment or invocation.</summary>
    public IOperation Operation { get; }

    /// <summary>The <c>HttpResponse</c> expression written to.</summary>
    public IOperation Response { get; }

    /// <summary>"'StatusCode' is set", "Header 'X-Elapsed' is set", …</summary>
    public string Description => _kind switch
    {
        WriteKind.Property => "'" + _name + "' is set",
        WriteKind.Header => "Header '" + _name + "' is set",
        WriteKind.Cookie => _name is null ? "A cookie is set" : "Cookie '" + _name + "' is set",
        _ => "'OnStarting' is registered",
    };

    public bool IsOnStarting => _kind == WriteKind.OnStarting;
}

/// <summary>
/// The response-started model: in one function body, in source order, the statements that start the response body
/// (<c>WriteAsync</c>, <c>WriteAsJsonAsync</c>, <c>Body.WriteAsync</c>/<c>BodyWriter.WriteAsync</c>/flushes,
/// <c>StartAsync</c>, <c>SendFileAsync</c>, <c>CompleteAsync</c>, copies and serializations into <c>Body</c>) and the
/// calls to the rest of the pipeline (<c>await next(…)</c> in middleware, <c>next()</c> in a result filter); the writes
/// that need the headers unsent; <c>Response.HasStarted</c> guards; branches (a start in another branch, or in a branch
/// that returns or throws, does not reach the write). When it cannot tell, it finds nothing.
/// </summary>
internal sealed class ResponseStartModel
{
    private readonly KnownTypes _types;
    private readonly HeaderModel _headers;
    private readonly INamedTypeSymbol _response;

    private ResponseStartModel(KnownTypes types, HeaderModel headers, INamedTypeSymbol response)
    {
        _types = types;
        _headers = headers;
        _response = response;
        _classify = Classify;
    }

    public static ResponseStartModel? Create(KnownTypes types)
        => types.HttpResponse is { } response && HeaderModel.Create(types) is { } headers ? new ResponseStartModel(types, headers, response) : null;

    /// <summary>A write to the status, a header, the content type or length, a cookie, or an <c>OnStarting</c> registration.</summary>
    public bool TryGetWrite(IOperation operation, out ResponseWrite write)
    {
        write = default;
        switch (operation)
        {
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: { } instance } target } assignment:
                // Every write known here is made on an instance: a static property (or a static class's) is none.
                var property = target.Property;
                if (property.Name is "StatusCode" or "ContentType" or "ContentLength" && IsResponse(property.ContainingType))
                {
                    write = new ResponseWrite(assignment, instance, ResponseWrite.WriteKind.Property, property.Name);
                    return true;
                }

                // A header write has the response as owner only through response.Headers, GetTypedHeaders() or a local
                // holding one of them (see HeaderModel.GetSide): a cheap test of the receiver's shape before any type test.
                if (!MayBeHeaders(instance))
                {
                    return false;
                }

                if ((property.IsIndexer || property.Type.Is(_types.StringValues) || property.ContainingType.Is(_types.ResponseHeaders)) &&
                    _headers.TryGetWrite(assignment, out var header) && IsResponseOwner(header))
                {
                    write = new ResponseWrite(assignment, header.Owner!, ResponseWrite.WriteKind.Header, header.Name);
                    return true;
                }

                return false;
            case IInvocationOperation invocation:
                var method = invocation.TargetMethod;
                switch (method.Name)
                {
                    case "OnStarting" when invocation.Instance is { } owner && IsResponse(method.ContainingType):
                        write = new ResponseWrite(invocation, owner, ResponseWrite.WriteKind.OnStarting, null);
                        return true;
                    case "Append" or "Delete" when invocation.Instance?.WalkDownConversions() is IPropertyReferenceOperation { Property.Name: "Cookies", Instance: { } cookieOwner } cookies &&
                                                  IsResponse(cookies.Property.ContainingType) &&
                                                  method.ContainingType.IsOrImplements(_types.IResponseCookies):
                        var key = invocation.Arguments.Length > 0 && invocation.Arguments[0].Value.WalkDownConversions().ConstantValue is { HasValue: true, Value: string name } ? name : null;
                        write = new ResponseWrite(invocation, cookieOwner, ResponseWrite.WriteKind.Cookie, key);
                        return true;
                    case "Append" or "Add" or "TryAdd" or "AppendCommaSeparatedValues" or "SetCommaSeparatedValues" when
                        invocation.Arguments.Length >= 2 && MayBeHeaders(invocation.GetReceiverOrThisArgument()) &&
                        _headers.TryGetWrite(invocation, out var appended) && IsResponseOwner(appended):
                        write = new ResponseWrite(invocation, appended.Owner!, ResponseWrite.WriteKind.Header, appended.Name);
                        return true;
                }

                return false;
            default:
                return false;
        }
    }

    private bool IsResponse(ITypeSymbol? type) => type.InheritsFromOrEquals(_response);

    /// <summary>
    /// Whether a header collection expression can have a response as owner: <c>x.Headers</c>, <c>x.GetTypedHeaders()</c>
    /// or a local (which may hold one of them); <see cref="HeaderModel.GetSide"/> finds an owner in no other shape.
    /// </summary>
    private static bool MayBeHeaders(IOperation? headers)
        => headers?.WalkDownConversions() is IPropertyReferenceOperation { Property.Name: "Headers" } or
           IInvocationOperation { TargetMethod.Name: "GetTypedHeaders" } or ILocalReferenceOperation;

    private bool IsResponseOwner(HeaderWrite header) => header.Side == HeaderSide.Response && header.Owner is { } owner && IsResponse(owner.Type);

    /// <summary>Whether a call starts the response (or runs the rest of the pipeline, which may), and on which response.</summary>
    public bool IsStart(IInvocationOperation invocation, out string name, out bool isNext, out IOperation? response)
    {
        name = invocation.TargetMethod.Name;
        isNext = false;
        response = null;
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "WriteAsync" or "WriteAsJsonAsync" or "SendFileAsync" when method.IsExtensionMethod || method.ReducedFrom is not null:
                var reduced = method.ReducedFrom ?? method;
                if (reduced.ContainingType.Is(_types.HttpResponseWritingExtensions) || reduced.ContainingType.Is(_types.HttpResponseJsonExtensions) ||
                    reduced.ContainingType.Is(_types.SendFileResponseExtensions))
                {
                    response = invocation.GetReceiverOrThisArgument();
                    return response is not null;
                }

                return false;
            case "StartAsync" or "CompleteAsync" when IsResponse(method.ContainingType):
                response = invocation.Instance;
                return response is not null;
            case "Write" or "WriteAsync" or "WriteByte" or "Flush" or "FlushAsync" or "Advance":
                response = BodyOwner(invocation.GetReceiverOrThisArgument());
                return response is not null;
            case "CopyTo" or "CopyToAsync" or "Serialize" or "SerializeAsync":
                foreach (var argument in invocation.Arguments)
                {
                    if (BodyOwner(argument.Value) is { } owner)
                    {
                        response = owner;
                        return true;
                    }
                }

                return false;
            case "Invoke" when method.MethodKind == MethodKind.DelegateInvoke:
                if (!IsNextDelegate(invocation))
                {
                    return false;
                }

                isNext = true;
                name = invocation.Instance?.WalkDownConversions() switch
                {
                    IParameterReferenceOperation parameter => parameter.Parameter.Name,
                    IFieldReferenceOperation field => field.Field.Name,
                    ILocalReferenceOperation local => local.Local.Name,
                    IPropertyReferenceOperation p => p.Property.Name,
                    _ => "next",
                };
                return true;
            default:
                return false;
        }
    }

    /// <summary>The response of <c>response.Body</c> / <c>response.BodyWriter</c>, or null.</summary>
    private IOperation? BodyOwner(IOperation? operation)
        => operation?.WalkDownConversions() is IPropertyReferenceOperation { Property.Name: "Body" or "BodyWriter", Instance: { } owner } body && IsResponse(body.Property.ContainingType)
            ? owner
            : null;

    /// <summary>
    /// The rest of the pipeline: a <c>RequestDelegate</c> (middleware's <c>next</c>), a result filter's <c>ResultExecutionDelegate</c>,
    /// or the <c>Func&lt;Task&gt;</c>/<c>RequestDelegate</c> <c>next</c> parameter of a lambda passed to <c>app.Use</c>.
    /// </summary>
    private bool IsNextDelegate(IInvocationOperation invocation)
    {
        var type = invocation.Instance?.Type;
        if (type.Is(_types.RequestDelegate) || type.Is(_types.ResultExecutionDelegate))
        {
            return true;
        }

        if (invocation.Instance?.WalkDownConversions() is not IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda })
        {
            return false;
        }

        for (var current = invocation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation function && SymbolEqualityComparer.Default.Equals(function.Symbol, lambda))
            {
                return function.Parent?.WalkUpConversions() is IArgumentOperation { Parent: IInvocationOperation use } &&
                       use.TargetMethod.IsMethod(_types.UseExtensions, "Use");
            }
        }

        return false;
    }

    /// <summary>
    /// The nearest statement before <paramref name="write"/> in its function, on a path that reaches it, that starts the
    /// same response, unless a <c>HasStarted</c> test stands between them.
    /// </summary>
    public bool TryFindStartBefore(ResponseWrite write, out ResponseStart start)
    {
        start = default;

        // The response's owner is looked up (which may follow a local to its value) only once a candidate start is found.
        object? root = null;
        var rootKnown = false;
        var looked = 0;
        var current = write.Operation;
        for (var depth = 0; depth < 64; depth++)
        {
            var parent = current.Parent;
            switch (parent)
            {
                case null:
                case IAnonymousFunctionOperation:
                case ILocalFunctionOperation:
                    return false;
                case IBlockOperation block:
                    for (var i = IndexOf(block.Operations, current) - 1; i >= 0; i--)
                    {
                        var statement = block.Operations[i];
                        var kinds = StatementKinds(statement, ref looked);
                        if (kinds == NoStart)
                        {
                            continue;
                        }

                        if (kinds == ExitGuard)
                        {
                            return false;
                        }

                        if (FindStartIn(statement, RootOf(write, ref root, ref rootKnown), true, out var call, out var name, out var isNext))
                        {
                            start = new ResponseStart(call!, name!, isNext, statement);
                            return true;
                        }
                    }

                    break;
                case IConditionalOperation conditional when current != conditional.Condition:
                    if (MentionsHasStarted(conditional.Condition))
                    {
                        return false;
                    }

                    break;
                case ICatchClauseOperation catchClause:
                    if (catchClause.Filter is { } filter && MentionsHasStarted(filter))
                    {
                        return false;
                    }

                    if (catchClause.Parent is ITryOperation tried && StatementKinds(tried.Body, ref looked) == HasStart &&
                        FindStartIn(tried.Body, RootOf(write, ref root, ref rootKnown), false, out var thrownAfter, out var thrownName, out var thrownNext))
                    {
                        start = new ResponseStart(thrownAfter!, thrownName!, thrownNext, tried);
                        return true;
                    }

                    break;
                case ITryOperation @try when current == @try.Finally:
                    if (StatementKinds(@try.Body, ref looked) == HasStart &&
                        FindStartIn(@try.Body, RootOf(write, ref root, ref rootKnown), false, out var before, out var beforeName, out var beforeNext))
                    {
                        start = new ResponseStart(before!, beforeName!, beforeNext, @try);
                        return true;
                    }

                    break;
            }

            current = parent;
        }

        return false;
    }

    private static object? RootOf(ResponseWrite write, ref object? root, ref bool known)
    {
        if (!known)
        {
            root = Root(write.Response);
            known = true;
        }

        return root;
    }

    private static readonly object NoStart = new();
    private static readonly object ExitGuard = new();
    private static readonly object HasStart = new();

    private readonly ConditionalWeakTable<IOperation, object> _statements = new();
    private readonly ConditionalWeakTable<IOperation, object>.CreateValueCallback _classify;

    /// <summary>How many statements a write classifies on the spot before it asks the per-statement table.</summary>
    private const int UncachedStatements = 8;

    /// <summary>The longest statement (in characters, trivia included) classified on the spot.</summary>
    private const int UncachedLength = 300;

    /// <summary>
    /// What a statement can be to a write after it, whichever response is written: an exit guard (<see cref="IsExitGuard"/>),
    /// a statement holding a call that starts some response (<see cref="IsStart"/>), or neither, which the search skips.
    /// The first few statements a write looks at (<paramref name="looked"/> counts them), when short, are classified on
    /// the spot: a table entry costs more than the walk of a short statement. Past them, and for long statements, the
    /// answer is kept per statement, so that a long method with many header writes classifies each statement once.
    /// </summary>
    private object StatementKinds(IOperation statement, ref int looked)
    {
        if (looked < UncachedStatements && statement.Syntax.FullSpan.Length <= UncachedLength)
        {
            looked++;
            return Classify(statement);
        }

        return _statements.GetValue(statement, _classify);
    }

    private object Classify(IOperation statement)
        => IsExitGuard(statement) ? ExitGuard : HoldsStart(statement) ? HasStart : NoStart;

    // A recursive walk that stops at the first start and tests only invocations (by kind): statements are short.
    private bool HoldsStart(IOperation operation)
    {
        if (operation.Kind == OperationKind.Invocation && IsStart((IInvocationOperation)operation, out _, out _, out _))
        {
            return true;
        }

        foreach (var child in operation.ChildOperations)
        {
            if (HoldsStart(child))
            {
                return true;
            }
        }

        return false;
    }

    private static int IndexOf(System.Collections.Immutable.ImmutableArray<IOperation> operations, IOperation operation)
    {
        for (var i = 0; i < operations.Length; i++)
        {
            if (operations[i] == operation)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// A start of the same response inside <paramref name="statement"/>, not inside a nested function, that (when
    /// <paramref name="mustFallThrough"/>) is not followed in its block by an unconditional <c>return</c>/<c>throw</c>.
    /// </summary>
    private bool FindStartIn(IOperation statement, object? root, bool mustFallThrough, out IInvocationOperation? call, out string? name, out bool isNext)
    {
        call = null;
        name = null;
        isNext = false;
        foreach (var operation in OperationWalk.Of(statement))
        {
            if (operation is not IInvocationOperation invocation || !IsStart(invocation, out var startName, out var next, out var response))
            {
                continue;
            }

            if (!next && !SameResponse(root, Root(response)))
            {
                continue;
            }

            if (!Reaches(invocation, statement, mustFallThrough))
            {
                continue;
            }

            call = invocation;
            name = startName;
            isNext = next;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Whether control passes from <paramref name="operation"/> to the end of <paramref name="statement"/>: no enclosing
    /// function, <c>return</c> or <c>throw</c> between them, and no unconditional <c>return</c>/<c>throw</c>/<c>goto</c> after it in an enclosing block.
    /// </summary>
    private static bool Reaches(IOperation operation, IOperation statement, bool mustFallThrough)
    {
        var current = operation;
        while (current != statement)
        {
            var parent = current.Parent;
            switch (parent)
            {
                case null:
                case IAnonymousFunctionOperation:
                case ILocalFunctionOperation:
                    return false;
                case IReturnOperation or IThrowOperation when mustFallThrough:
                    return false;
                case IBlockOperation block when mustFallThrough:
                    for (var i = IndexOf(block.Operations, current) + 1; i < block.Operations.Length; i++)
                    {
                        if (Terminates(block.Operations[i]))
                        {
                            return false;
                        }
                    }

                    break;
                case ICatchClauseOperation or ISwitchCaseOperation when mustFallThrough && Terminates(LastStatement(parent)):
                    return false;
            }

            current = parent;
        }

        return true;
    }

    private static IOperation? LastStatement(IOperation operation)
        => operation switch
        {
            ICatchClauseOperation catchClause => catchClause.Handler.Operations.Length > 0 ? catchClause.Handler.Operations[catchClause.Handler.Operations.Length - 1] : null,
            ISwitchCaseOperation switchCase => switchCase.Body.Length > 0 ? switchCase.Body[switchCase.Body.Length - 1] : null,
            _ => null,
        };

    private static bool Terminates(IOperation? statement)
        => statement switch
        {
            IReturnOperation => true,
            IExpressionStatementOperation { Operation: IThrowOperation } => true,
            IThrowOperation => true,
            IBranchOperation { BranchKind: BranchKind.GoTo } => true,
            IBlockOperation block => block.Operations.Length > 0 && Terminates(block.Operations[block.Operations.Length - 1]),
            _ => false,
        };

    /// <summary><c>if (Response.HasStarted) return;</c> (or any test of <c>HasStarted</c> that leaves the function).</summary>
    private bool IsExitGuard(IOperation statement)
        => statement is IConditionalOperation conditional && MentionsHasStarted(conditional.Condition) &&
           (Terminates(conditional.WhenTrue) || Terminates(conditional.WhenFalse));

    private bool MentionsHasStarted(IOperation condition)
    {
        foreach (var operation in OperationWalk.Of(condition))
        {
            if (operation is IPropertyReferenceOperation { Property.Name: "HasStarted" } reference && IsResponse(reference.Property.ContainingType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whom a response expression belongs to: the parameter, local or field it is read from (<c>context.Response</c> →
    /// <c>context</c>), <see cref="This"/> for a controller's or page model's <c>Response</c>/<c>HttpContext.Response</c>, or null when unknown.
    /// </summary>
    private static object? Root(IOperation? operation)
    {
        for (var depth = 0; depth < 8 && operation is not null; depth++)
        {
            operation = operation.WalkDownConversions();
            switch (operation)
            {
                case IPropertyReferenceOperation { Property.Name: "Response" or "HttpContext" } property:
                    if (property.Instance is null or IInstanceReferenceOperation)
                    {
                        return This;
                    }

                    operation = property.Instance;
                    break;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IFieldReferenceOperation field:
                    return field.Field;
                case ILocalReferenceOperation local:
                    var value = LocalValues.GetSingleValue(local);
                    if (value is null)
                    {
                        return local.Local;
                    }

                    operation = value;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    private static readonly object This = new();

    private static bool SameResponse(object? a, object? b)
        => a is not null && b is not null && (a == b || (a is ISymbol x && b is ISymbol y && SymbolEqualityComparer.Default.Equals(x, y)));
}
