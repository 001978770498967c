using System;
using System.Collections.Generic;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Client;

/// <summary>The <c>HttpCompletionOption</c> a send passes.</summary>
internal enum CompletionOption
{
    /// <summary>No option argument: the default, <c>ResponseContentRead</c>.</summary>
    NotPassed,
    ContentRead,
    HeadersRead,

    /// <summary>An option that is not a constant (a parameter, a field).</summary>
    Unknown,
}

/// <summary>What the name of an invoked method may make the call, before its symbol is looked at.</summary>
internal enum CallName
{
    Other,

    /// <summary>A name of an <c>HttpClient</c> send that returns the response.</summary>
    Send,

    /// <summary>A name of a JSON read of a body (<c>ReadFromJsonAsync</c>, <c>JsonSerializer.Deserialize</c>, …).</summary>
    JsonRead,
}

/// <summary>What becomes of a response (or of its content stream) on the paths that return normally.</summary>
internal enum Disposal
{
    /// <summary>Not disposed on every path (a local without <c>using</c>, a discarded result).</summary>
    NotDisposed,

    /// <summary>A <c>using</c>, a <c>finally</c> or a <c>Dispose()</c> on every path.</summary>
    Disposed,

    /// <summary>Returned, stored, or passed on: its owner is elsewhere.</summary>
    Escapes,

    /// <summary>The analysis cannot tell.</summary>
    Unknown,
}

/// <summary>A read of the response body that deserializes JSON (HTTP0048).</summary>
internal readonly struct JsonRead
{
    public JsonRead(IInvocationOperation invocation) => Invocation = invocation;

    /// <summary><c>ReadFromJsonAsync</c>, <c>ReadFromJsonAsAsyncEnumerable</c>, or the <c>JsonSerializer.Deserialize*</c> call.</summary>
    public IInvocationOperation Invocation { get; }

    /// <summary>
    /// The type deserialized, when visible: asked only for a finding's message (a read of <c>TypeArguments</c> builds an
    /// array, and most reads report nothing).
    /// </summary>
    public ITypeSymbol? Type
    {
        get
        {
            var method = Invocation.TargetMethod;
            switch (method.Name)
            {
                case "ReadFromJsonAsAsyncEnumerable":
                    return ResponseLifetimes.FirstTypeArgument(method);
                case "ReadFromJsonAsync":
                    return ResponseLifetimes.FirstTypeArgument(method) ?? ResponseLifetimes.ReturnedType(method);
                default:
                    // JsonSerializer.Deserialize / DeserializeAsync: an object result tells nothing.
                    var type = ResponseLifetimes.FirstTypeArgument(method) ?? (method.Name == "Deserialize" ? method.ReturnType : ResponseLifetimes.ReturnedType(method));
                    return type is { SpecialType: SpecialType.System_Object } ? null : type;
            }
        }
    }
}

/// <summary>What one send does with its response, gathered in one walk of the body that holds it.</summary>
internal sealed class ResponseFacts
{
    public ResponseFacts(IInvocationOperation send) => Send = send;

    public IInvocationOperation Send { get; }

    /// <summary>The local the response is held in, when there is one.</summary>
    public ILocalSymbol? Local { get; set; }

    /// <summary>The declaration statement of <see cref="Local"/> when the send initializes it in a plain (not yet <c>using</c>) declaration of one variable in a block.</summary>
    public LocalDeclarationStatementSyntax? PlainDeclaration { get; set; }

    /// <summary>The response itself: disposed, escaping, or not disposed.</summary>
    public Disposal ResponseDisposal { get; set; } = Disposal.Unknown;

    /// <summary>The response and its content streams together (HTTP0046): disposed when either is disposed on every path.</summary>
    public Disposal Disposal { get; set; } = Disposal.Unknown;

    /// <summary>The response is returned, stored or passed to another method.</summary>
    public bool HandedOn { get; set; }

    /// <summary>The code looks at the response's status (<c>EnsureSuccessStatusCode</c>, <c>IsSuccessStatusCode</c>, <c>StatusCode</c>).</summary>
    public bool StatusChecked { get; set; }

    /// <summary>What reads the body incrementally (<c>"the 'ReadLineAsync' loop"</c>), or null.</summary>
    public string? IncrementalReader { get; set; }

    /// <summary>The local is assigned again after its declaration (a <c>using</c> declaration would not compile).</summary>
    public bool Reassigned { get; set; }

    public List<JsonRead> JsonReads { get; } = new();
}

/// <summary>
/// The response lifetime model: an HttpClient send (<c>SendAsync</c>, <c>Send</c>, <c>GetAsync</c>, <c>PostAsync</c>,
/// <c>PutAsync</c>, <c>PatchAsync</c>, <c>DeleteAsync</c>, <c>PostAsJsonAsync</c>, <c>PutAsJsonAsync</c>,
/// <c>PatchAsJsonAsync</c>), its completion option (constants included), the response it produces and where that
/// goes (a local, a <c>using</c>, returned, stored, passed on, discarded), the content stream read from it and what
/// reads that stream, the JSON reads of its body, the status checks made on it, and whether the response or its
/// stream is disposed on every path that returns normally.
/// </summary>
internal sealed class ResponseLifetimes
{
    private readonly INamedTypeSymbol _httpClient;
    private readonly INamedTypeSymbol _response;
    private readonly INamedTypeSymbol _content;
    private readonly INamedTypeSymbol? _invoker;
    private readonly INamedTypeSymbol? _clientJson;
    private readonly INamedTypeSymbol? _contentJson;
    private readonly INamedTypeSymbol? _serializer;
    private readonly INamedTypeSymbol? _streamReader;
    private readonly INamedTypeSymbol? _textReader;
    private readonly INamedTypeSymbol? _sseParser;
    private readonly INamedTypeSymbol? _requestMessage;

    /// <summary>The facts of each send, walked once: a send's own callback and the callbacks of its body reads ask for them.</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IInvocationOperation, ResponseFacts> _facts = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IInvocationOperation, ResponseFacts>.CreateValueCallback _follow;

    /// <summary>The references of each body that holds a followed send, gathered once for all its sends and reads.</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IOperation, BodyReferences> _bodies = new();

    private ResponseLifetimes(KnownTypes types, INamedTypeSymbol httpClient, INamedTypeSymbol response, INamedTypeSymbol content)
    {
        _httpClient = httpClient;
        _response = response;
        _content = content;
        _invoker = types.HttpMessageInvoker;
        _clientJson = types.HttpClientJsonExtensions;
        _contentJson = types.HttpContentJsonExtensions;
        _serializer = types.JsonSerializer;
        _streamReader = types.StreamReader;
        _textReader = types.TextReader;
        _sseParser = types.SseParser;
        _requestMessage = types.HttpRequestMessage;
        _follow = Follow;
    }

    /// <summary>Null when the compilation has no <c>HttpClient</c>.</summary>
    public static ResponseLifetimes? Create(KnownTypes types)
        => types.HttpClient is { } client && types.HttpResponseMessage is { } response && types.HttpContent is { } content
            ? new ResponseLifetimes(types, client, response, content)
            : null;

    /// <summary>
    /// Cheap name filter before <see cref="IsSend"/> (<see cref="CallName.Send"/>) and <see cref="FindSendOfRead"/>
    /// (<see cref="CallName.JsonRead"/>): one string switch per invocation for both.
    /// </summary>
    public static CallName ClassifyName(string name)
    {
        switch (name)
        {
            case "Send":
            case "SendAsync":
            case "GetAsync":
            case "PostAsync":
            case "PutAsync":
            case "PatchAsync":
            case "DeleteAsync":
            case "PostAsJsonAsync":
            case "PutAsJsonAsync":
            case "PatchAsJsonAsync":
                return CallName.Send;
            case "ReadFromJsonAsync":
            case "ReadFromJsonAsAsyncEnumerable":
            case "Deserialize":
            case "DeserializeAsync":
                return CallName.JsonRead;
            default:
                return CallName.Other;
        }
    }

    /// <summary>True when <paramref name="invocation"/> is an HttpClient call that returns the response (not <c>GetStringAsync</c>, <c>GetFromJsonAsync</c>, …).</summary>
    public bool IsSend(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (ClassifyName(method.Name) != CallName.Send)
        {
            return false;
        }

        var containing = (method.ReducedFrom ?? method).ContainingType?.OriginalDefinition;
        if (containing is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(containing, _httpClient))
        {
            return true;
        }

        if (_invoker is not null && SymbolEqualityComparer.Default.Equals(containing, _invoker))
        {
            // HttpMessageInvoker.Send/SendAsync called on an HttpClient.
            return invocation.Instance?.WalkDownConversions().Type.InheritsFromOrEquals(_httpClient) == true;
        }

        return _clientJson is not null && SymbolEqualityComparer.Default.Equals(containing, _clientJson) && method.Name.EndsWith("AsJsonAsync", StringComparison.Ordinal);
    }

    /// <summary>
    /// The send whose response body <paramref name="read"/> deserializes: <c>response.Content.ReadFromJsonAsync&lt;T&gt;()</c>, or
    /// <c>JsonSerializer.Deserialize(…)</c> of its <c>ReadAsStringAsync()</c>/<c>ReadAsStreamAsync()</c>/<c>ReadAsStream()</c>,
    /// through locals given one value; null when the read is not of a response from a send in the same body, or is of one
    /// whose status is checked or whose response is handed on (HTTP0048 cannot apply).
    /// </summary>
    public IInvocationOperation? FindSendOfRead(IInvocationOperation read)
    {
        var method = read.TargetMethod;
        if (read.Arguments.Length == 0)
        {
            return null;
        }

        IOperation? content;
        if (method.Name is "ReadFromJsonAsync" or "ReadFromJsonAsAsyncEnumerable")
        {
            if (_contentJson is null || !(method.ReducedFrom ?? method).ContainingType.Is(_contentJson))
            {
                return null;
            }

            content = read.Arguments[0].Value;
        }
        else
        {
            if (_serializer is null || !method.ContainingType.Is(_serializer))
            {
                return null;
            }

            var text = Unwrap(read.Arguments[0].Value);
            if (text is ILocalReferenceOperation local)
            {
                // A local with an initializer has that one value or none: when it is not a body read, neither is the value.
                if (LocalValues.GetInitializer(local) is { } initial && !IsBodyRead(Unwrap(initial)))
                {
                    return null;
                }

                text = Unwrap(LocalValues.GetSingleValue(local));
            }

            if (!IsBodyRead(text))
            {
                return null;
            }

            content = ((IInvocationOperation)text!).Instance;
        }

        if (content?.WalkDownConversions() is not IPropertyReferenceOperation { Property.Name: "Content" } property)
        {
            return null;
        }

        var response = Unwrap(property.Instance);
        if (response is ILocalReferenceOperation responseLocal)
        {
            // A local with an initializer has that one value or none: when it is not a send, or is a send whose status is
            // checked or whose response is handed on (no finding), the body need not be scanned for the local's other values.
            if (LocalValues.GetInitializer(responseLocal) is { } initial &&
                (Unwrap(initial) is not IInvocationOperation initializer || !IsSend(initializer) || Analyze(initializer) is { StatusChecked: true } or { HandedOn: true }))
            {
                return null;
            }

            response = Unwrap(LocalValues.GetSingleValue(responseLocal));
        }

        return response is IInvocationOperation send && IsSend(send) ? send : null;
    }

    private static bool IsBodyRead(IOperation? operation)
        => operation is IInvocationOperation { TargetMethod.Name: "ReadAsStringAsync" or "ReadAsStreamAsync" or "ReadAsStream" };

    /// <summary>Strips conversions, <c>await</c>, <c>ConfigureAwait(…)</c> and <c>EnsureSuccessStatusCode()</c> (which returns the response).</summary>
    private static IOperation? Unwrap(IOperation? operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IAwaitOperation awaited:
                    operation = awaited.Operation;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "EnsureSuccessStatusCode", Instance: { } instance }:
                    operation = instance;
                    continue;
                default:
                    return operation;
            }
        }
    }

    /// <summary>True for the sends that have an <c>HttpCompletionOption</c> overload (<c>Send</c>, <c>SendAsync</c>, <c>GetAsync</c>).</summary>
    public static bool HasCompletionOverload(IInvocationOperation send) => send.TargetMethod.Name is "Send" or "SendAsync" or "GetAsync";

    /// <summary>The completion option a send passes.</summary>
    public static CompletionOption GetCompletionOption(IInvocationOperation send)
    {
        var argument = send.GetArgument("completionOption");
        if (argument is null || argument.IsImplicit)
        {
            return CompletionOption.NotPassed;
        }

        var constant = argument.Value.ConstantValue;
        if (!constant.HasValue)
        {
            constant = argument.Value.WalkDownConversions().ConstantValue;
        }

        if (!constant.HasValue || constant.Value is not int value)
        {
            return CompletionOption.Unknown;
        }

        return value switch
        {
            0 => CompletionOption.ContentRead,
            1 => CompletionOption.HeadersRead,
            _ => CompletionOption.Unknown,
        };
    }

    /// <summary>
    /// The words every incremental read of a body starts from: <c>ReadAsStream(Async)</c> (feeding a <c>ReadLine</c> loop,
    /// <c>DeserializeAsyncEnumerable</c> or <c>SseParser.Create</c>) or <c>ReadFromJsonAsAsyncEnumerable</c>. The walk that
    /// finds the reader stays in the send's body, so a file that holds none of them cannot hold one.
    /// </summary>
    private static readonly string[] IncrementalReadWords = { "ReadAsStream", "ReadAsStreamAsync", "ReadFromJsonAsAsyncEnumerable" };

    /// <summary>Whether <paramref name="tree"/> may read a response body incrementally (a cached per-file word test).</summary>
    public static bool MayReadIncrementally(SyntaxTree tree, System.Threading.CancellationToken cancellationToken)
        => CrossFileIndex.MayMentionAny(tree, IncrementalReadWords, cancellationToken);

    /// <summary>Follows the response of <paramref name="send"/> through the body that holds it (once per send).</summary>
    public ResponseFacts Analyze(IInvocationOperation send) => _facts.GetValue(send, _follow);

    /// <summary>
    /// True when the response of <paramref name="send"/> goes straight into a <c>using</c> (declaration or statement): its
    /// <see cref="ResponseFacts.Disposal"/> is <see cref="Disposal.Disposed"/>, known without following its references.
    /// </summary>
    public bool IsDisposedByUsing(IInvocationOperation send)
    {
        var value = ResponseValue(send, out _);
        if (!IsResponse(value.Type))
        {
            return false;
        }

        return value.Parent is IUsingOperation ||
               (value.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } && IsUsingDeclarator(declarator));
    }

    private ResponseFacts Follow(IInvocationOperation send)
    {
        var facts = new ResponseFacts(send);
        var streams = new StreamState();
        var current = ResponseValue(send, out var statusChecked);
        facts.StatusChecked = statusChecked;
        if (!IsResponse(current.Type))
        {
            // A task kept or passed on (Task.WhenAll, returned): its response is handled elsewhere.
            facts.HandedOn = current.Parent is IReturnOperation or IArgumentOperation or ISimpleAssignmentOperation or IVariableInitializerOperation;
            facts.ResponseDisposal = facts.HandedOn ? Disposal.Escapes : Disposal.Unknown;
            facts.Disposal = facts.ResponseDisposal;
            return facts;
        }

        var parentOfValue = current.Parent;
        switch (parentOfValue)
        {
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                facts.Local = declarator.Symbol;
                var usingDeclared = IsUsingDeclarator(declarator);
                ScanLocal(facts, streams, declarator.Symbol, send.GetRoot(), declarator.Syntax, usingDeclared);
                if (usingDeclared)
                {
                    facts.ResponseDisposal = Disposal.Disposed;
                }
                else if (declarator.Syntax.Parent is VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0 } statement } &&
                         statement.Parent is BlockSyntax or GlobalStatementSyntax)
                {
                    facts.PlainDeclaration = statement;
                }

                break;
            case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, current):
                if (assignment.Target is ILocalReferenceOperation target)
                {
                    facts.Local = target.Local;
                    ScanLocal(facts, streams, target.Local, send.GetRoot(), assignment.Syntax, usingDeclared: false);
                }
                else
                {
                    facts.HandedOn = true;
                    facts.ResponseDisposal = Disposal.Escapes;
                }

                break;
            case IReturnOperation:
            case IArgumentOperation:
                facts.HandedOn = true;
                facts.ResponseDisposal = Disposal.Escapes;
                break;
            case IUsingOperation:
                facts.ResponseDisposal = Disposal.Disposed;
                break;
            case IExpressionStatementOperation:
                facts.ResponseDisposal = Disposal.NotDisposed;
                break;
            case IPropertyReferenceOperation { Property.Name: "Content" } content when ReferenceEquals(content.Instance, current):
                facts.ResponseDisposal = Disposal.NotDisposed;
                UseContent(facts, streams, content);
                break;
            case IPropertyReferenceOperation property when ReferenceEquals(property.Instance, current):
                // (await client.GetAsync(…)).StatusCode: the response is dropped right after.
                facts.ResponseDisposal = Disposal.NotDisposed;
                facts.StatusChecked |= IsStatusProperty(property.Property);
                break;
            default:
                facts.ResponseDisposal = Disposal.Unknown;
                break;
        }

        facts.Disposal = Combine(facts.ResponseDisposal, streams.Disposal);
        return facts;
    }

    /// <summary>
    /// The operation that holds the response of <paramref name="send"/>: the send through conversions, <c>ConfigureAwait</c>,
    /// <c>await</c>, <c>.Result</c> and <c>EnsureSuccessStatusCode()</c> (<paramref name="statusChecked"/>); its parent uses it.
    /// </summary>
    private IOperation ResponseValue(IInvocationOperation send, out bool statusChecked)
    {
        statusChecked = false;
        IOperation current = send;
        var awaited = false;
        while (true)
        {
            var parent = current.Parent;
            switch (parent)
            {
                case IConversionOperation:
                    current = parent;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure when ReferenceEquals(configure.Instance, current):
                    current = configure;
                    continue;
                case IAwaitOperation:
                    awaited = true;
                    current = parent;
                    continue;
                case IPropertyReferenceOperation { Property.Name: "Result" } result when ReferenceEquals(result.Instance, current) && !awaited:
                    awaited = true;
                    current = parent;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "EnsureSuccessStatusCode" } ensure when ReferenceEquals(ensure.Instance, current) && IsResponse(current.Type):
                    statusChecked = true;
                    current = ensure;
                    continue;
            }

            return current;
        }
    }

    private static Disposal Combine(Disposal response, Disposal? streams)
    {
        if (response != Disposal.NotDisposed || streams is null)
        {
            return response;
        }

        return streams.Value;
    }

    private bool IsResponse(ITypeSymbol? type) => type.InheritsFromOrEquals(_response);

    private static bool IsUsingDeclarator(IVariableDeclaratorOperation declarator)
        => declarator.Parent is IVariableDeclarationOperation { Parent: IVariableDeclarationGroupOperation { Parent: IUsingOperation or IUsingDeclarationOperation } } or
            IVariableDeclarationOperation { Parent: IUsingOperation or IUsingDeclarationOperation };

    /// <summary>The streams read from one response: disposed when any is disposed on every path; unknown when one escapes.</summary>
    private sealed class StreamState
    {
        public Disposal? Disposal;

        /// <summary>The reads whose stream is disposed on every path from there on.</summary>
        public List<SyntaxNode> DisposedFrom { get; } = new();

        public void Add(Disposal disposal, SyntaxNode read)
        {
            if (disposal == Rules.Client.Disposal.Disposed)
            {
                DisposedFrom.Add(read);
            }

            if (Disposal is Rules.Client.Disposal.Escapes or Rules.Client.Disposal.Unknown)
            {
                return;
            }

            if (disposal != Rules.Client.Disposal.NotDisposed || Disposal is null)
            {
                Disposal = disposal;
            }
        }
    }

    /// <summary>
    /// Every reference to the response local: disposal, escapes, status checks, content reads. When the local is a
    /// <c>using</c> declaration (<paramref name="usingDeclared"/>) its disposal is known, and whether the other paths dispose it is not asked.
    /// </summary>
    private void ScanLocal(ResponseFacts facts, StreamState streams, ILocalSymbol local, IOperation root, SyntaxNode holderSyntax, bool usingDeclared)
    {
        var body = BodyReferencesOf(root);
        List<SyntaxNode>? disposeCalls = null;
        var escapes = false;
        var usingStatement = false;
        foreach (var reference in body.Of(local))
        {
            if (reference.Parent is ISimpleAssignmentOperation reassignment && ReferenceEquals(reassignment.Target, reference) &&
                !ReferenceEquals(reassignment.Syntax, holderSyntax))
            {
                facts.Reassigned = true;
            }

            IOperation use = reference;
            var parent = reference.Parent;
            while (parent is IConversionOperation { IsImplicit: true })
            {
                use = parent;
                parent = parent.Parent;
            }

            switch (parent)
            {
                case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Target, use):
                    break; // counted as a reassignment
                case IInvocationOperation invocation when ReferenceEquals(invocation.Instance, use):
                    ClassifyMember(facts, streams, invocation, ref disposeCalls);
                    break;
                case IPropertyReferenceOperation property when ReferenceEquals(property.Instance, use):
                    ClassifyMember(facts, streams, property, ref disposeCalls);
                    break;
                case IConditionalAccessOperation conditional when ReferenceEquals(conditional.Operation, use):
                    ClassifyMember(facts, streams, conditional.WhenNotNull, ref disposeCalls);
                    break;
                case IUsingOperation:
                    usingStatement = true;
                    break;
                case IBinaryOperation:
                case IIsPatternOperation:
                case ISwitchExpressionOperation:
                case ISwitchOperation:
                case INameOfOperation:
                    break;
                default:
                    escapes = true;
                    break;
            }
        }

        foreach (var subpattern in body.Subpatterns)
        {
            if (subpattern.Member is IPropertyReferenceOperation member && IsStatusProperty(member.Property) && PatternInputIs(subpattern, local))
            {
                facts.StatusChecked = true;
            }
        }

        if (escapes)
        {
            facts.HandedOn = true;
            facts.ResponseDisposal = Disposal.Escapes;
        }
        else if (usingStatement)
        {
            facts.ResponseDisposal = Disposal.Disposed;
        }
        else if (!usingDeclared)
        {
            facts.ResponseDisposal = disposeCalls is null ? Disposal.NotDisposed : DisposedOnAllPaths(holderSyntax, disposeCalls);
            if (facts.ResponseDisposal == Disposal.NotDisposed && streams.Disposal == Disposal.Disposed)
            {
                // A disposed stream releases the connection from the point it is read: every path must reach it (or a Dispose).
                disposeCalls ??= new List<SyntaxNode>();
                disposeCalls.AddRange(streams.DisposedFrom);
                streams.Disposal = DisposedOnAllPaths(holderSyntax, disposeCalls);
            }
        }
    }

    private void ClassifyMember(ResponseFacts facts, StreamState streams, IOperation member, ref List<SyntaxNode>? disposeCalls)
    {
        switch (member)
        {
            case IInvocationOperation { TargetMethod.Name: "Dispose" } dispose:
                (disposeCalls ??= new List<SyntaxNode>()).Add(dispose.Syntax);
                break;
            case IInvocationOperation { TargetMethod.Name: "EnsureSuccessStatusCode" }:
                facts.StatusChecked = true;
                break;
            case IPropertyReferenceOperation { Property.Name: "Content" } content:
                UseContent(facts, streams, content);
                break;
            case IPropertyReferenceOperation property when IsStatusProperty(property.Property):
                facts.StatusChecked = true;
                break;
        }
    }

    private bool IsStatusProperty(IPropertySymbol property)
        => property.Name is "StatusCode" or "IsSuccessStatusCode" && property.ContainingType.InheritsFromOrEquals(_response);

    /// <summary>The pattern that holds <paramref name="subpattern"/> matches <paramref name="local"/> (<c>response is { StatusCode: … }</c>, a <c>switch</c> on it).</summary>
    private static bool PatternInputIs(IOperation subpattern, ILocalSymbol local)
    {
        for (var current = subpattern.Parent; current is not null; current = current.Parent)
        {
            var input = current switch
            {
                IIsPatternOperation isPattern => isPattern.Value,
                ISwitchExpressionOperation switchExpression => switchExpression.Value,
                ISwitchOperation switchStatement => switchStatement.Value,
                _ => null,
            };
            if (input is not null)
            {
                return input.WalkDownConversions() is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);
            }

            if (current is IPatternOperation or IPropertySubpatternOperation or IPatternCaseClauseOperation or ISwitchExpressionArmOperation or ISwitchCaseOperation)
            {
                continue;
            }

            return false;
        }

        return false;
    }

    /// <summary>One use of <c>response.Content</c>: a stream read, a JSON read, or the content handed on.</summary>
    private void UseContent(ResponseFacts facts, StreamState streams, IPropertyReferenceOperation content)
    {
        IOperation use = content;
        var parent = content.Parent;
        while (parent is IConversionOperation)
        {
            use = parent;
            parent = parent.Parent;
        }

        if (parent is IInvocationOperation invocation && ReferenceEquals(invocation.Instance, use))
        {
            switch (invocation.TargetMethod.Name)
            {
                case "ReadAsStreamAsync":
                case "ReadAsStream":
                    streams.Add(TraceStream(facts, invocation), invocation.Syntax);
                    return;
                case "ReadAsStringAsync":
                    TraceJsonText(facts, invocation);
                    return;
            }

            return; // ReadAsByteArrayAsync, CopyToAsync, LoadIntoBufferAsync, Dispose…: a use
        }

        if (parent is IArgumentOperation { Parent: IInvocationOperation extension } && extension.TargetMethod.IsExtensionMethod &&
            extension.Arguments.Length > 0 && ReferenceEquals(extension.Arguments[0], parent))
        {
            var method = extension.TargetMethod;
            if (_contentJson is not null && (method.ReducedFrom ?? method).ContainingType.Is(_contentJson))
            {
                if (method.Name == "ReadFromJsonAsAsyncEnumerable")
                {
                    facts.IncrementalReader ??= "'ReadFromJsonAsAsyncEnumerable'";
                    facts.JsonReads.Add(new JsonRead(extension));
                }
                else if (method.Name == "ReadFromJsonAsync")
                {
                    facts.JsonReads.Add(new JsonRead(extension));
                }

                return;
            }
        }

        if (parent is IConditionalAccessOperation or IBinaryOperation or IIsPatternOperation ||
            (parent is IPropertyReferenceOperation property && ReferenceEquals(property.Instance, use)))
        {
            return; // content.Headers, content is null
        }

        // The content is handed on (stored, passed to another method, wrapped): its owner is elsewhere.
        streams.Add(Disposal.Escapes, content.Syntax);
    }

    /// <summary>Arity first: each read of <c>TypeArguments</c> builds a new array.</summary>
    internal static ITypeSymbol? FirstTypeArgument(IMethodSymbol method) => method.Arity > 0 ? method.TypeArguments[0] : null;

    internal static ITypeSymbol? ReturnedType(IMethodSymbol method)
        => method.ReturnType is INamedTypeSymbol { Arity: 1 } task ? task.TypeArguments[0] : null;

    /// <summary>The value of a read call once awaited (<c>await content.ReadAsStringAsync().ConfigureAwait(false)</c>).</summary>
    private static IOperation ValueOf(IInvocationOperation read)
    {
        IOperation current = read;
        while (true)
        {
            switch (current.Parent)
            {
                case IConversionOperation conversion:
                    current = conversion;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure when ReferenceEquals(configure.Instance, current):
                    current = configure;
                    continue;
                case IAwaitOperation awaited:
                    current = awaited;
                    continue;
            }

            return current;
        }
    }

    /// <summary><c>JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync())</c>, directly or through a local.</summary>
    private void TraceJsonText(ResponseFacts facts, IInvocationOperation read)
    {
        var value = ValueOf(read);
        if (value.Parent is IArgumentOperation { Parent: IInvocationOperation consumer } argument)
        {
            AddDeserialize(facts, consumer, argument);
        }
        else if (value.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
        {
            ForEachArgumentUse(read.GetRoot(), declarator.Symbol, facts, null);
        }
    }

    private void AddDeserialize(ResponseFacts facts, IInvocationOperation consumer, IArgumentOperation argument)
    {
        var method = consumer.TargetMethod;
        if (method.Name is "Deserialize" or "DeserializeAsync" && _serializer is not null && method.ContainingType.Is(_serializer) &&
            consumer.Arguments.Length > 0 && ReferenceEquals(consumer.Arguments[0], argument))
        {
            facts.JsonReads.Add(new JsonRead(consumer));
        }
    }

    /// <summary>
    /// Where a content stream goes: into a <c>using</c>, a <c>StreamReader</c>, a deserializer, returned or handed on.
    /// Also records the incremental readers of HTTP0040 and the JSON reads of HTTP0048.
    /// </summary>
    private Disposal TraceStream(ResponseFacts facts, IInvocationOperation read)
    {
        var value = ValueOf(read);
        return TraceStreamValue(facts, value, read.GetRoot(), isReader: false);
    }

    private Disposal TraceStreamValue(ResponseFacts facts, IOperation value, IOperation root, bool isReader)
    {
        switch (value.Parent)
        {
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                var uses = ForEachArgumentUse(root, declarator.Symbol, facts, isReader);
                if (uses is Disposal.Escapes or Disposal.Disposed)
                {
                    return uses.Value; // handed on, or disposed through a reader over it
                }

                return IsUsingDeclarator(declarator) ? Disposal.Disposed : DisposedOnAllPaths(declarator.Syntax, CollectDisposeCalls(root, declarator.Symbol));
            case IArgumentOperation argument:
                return ClassifyStreamArgument(facts, argument, root, isReader);
            case IUsingOperation:
                return Disposal.Disposed;
            case IInvocationOperation invocation when isReader && ReferenceEquals(invocation.Instance, value):
                NoteReaderCall(facts, invocation);
                return Disposal.NotDisposed;
            case IInvocationOperation:
            case IPropertyReferenceOperation:
                return Disposal.NotDisposed; // stream.ReadAsync(…), stream.Length
            default:
                return Disposal.Unknown; // returned, stored, or a shape the model does not follow
        }
    }

    /// <summary>A stream (or reader) passed as an argument: a <c>StreamReader</c> over it, a streaming deserializer, an SSE parser, or handed on.</summary>
    private Disposal ClassifyStreamArgument(ResponseFacts facts, IArgumentOperation argument, IOperation root, bool isReader)
    {
        switch (argument.Parent)
        {
            case IObjectCreationOperation creation when !isReader && creation.Type.InheritsFromOrEquals(_streamReader):
                var readerDisposal = TraceStreamValue(facts, creation, root, isReader: true);
                var leaveOpen = creation.GetArgument("leaveOpen");
                return readerDisposal == Disposal.Disposed && leaveOpen is not null && leaveOpen.Value.ConstantValue.Value is not false
                    ? Disposal.NotDisposed
                    : readerDisposal;
            case IObjectCreationOperation:
                return Disposal.Escapes; // wrapped (StreamContent, FileStreamResult): the wrapper owns it
            case IInvocationOperation invocation:
                var method = invocation.TargetMethod;
                if (!isReader)
                {
                    if (method.Name == "DeserializeAsyncEnumerable" && _serializer is not null && method.ContainingType.Is(_serializer))
                    {
                        facts.IncrementalReader ??= "'JsonSerializer.DeserializeAsyncEnumerable'";
                    }
                    else if (method.Name == "Create" && _sseParser is not null && method.ContainingType.Is(_sseParser))
                    {
                        facts.IncrementalReader ??= "'SseParser.Create'";
                    }
                    else
                    {
                        AddDeserialize(facts, invocation, argument);
                    }
                }

                // Passed to a method in a return statement (return File(stream, …)): the result owns it.
                return IsInReturn(invocation) ? Disposal.Escapes : Disposal.NotDisposed;
            default:
                return Disposal.Unknown;
        }
    }

    private static bool IsInReturn(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IReturnOperation)
            {
                return true;
            }

            if (current is IExpressionStatementOperation or IVariableDeclarationGroupOperation or IBlockOperation or IAnonymousFunctionOperation)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary><c>reader.ReadLine()</c>/<c>ReadLineAsync()</c> inside a loop reads the body line by line.</summary>
    private void NoteReaderCall(ResponseFacts facts, IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.Name is "ReadLine" or "ReadLineAsync" && method.ContainingType.InheritsFromOrEquals(_textReader) && IsInLoop(invocation))
        {
            facts.IncrementalReader ??= "the '" + method.Name + "' loop";
        }
    }

    private static bool IsInLoop(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is ILoopOperation)
            {
                return true;
            }

            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Classifies every use of a stream, reader or JSON-text local (<paramref name="isReader"/> null for text). Returns
    /// <see cref="Disposal.Escapes"/> when the local escapes (returned, stored, wrapped), <see cref="Disposal.Disposed"/>
    /// when a reader over it is disposed on every path, otherwise <see cref="Disposal.NotDisposed"/>; null for a text local.
    /// </summary>
    private Disposal? ForEachArgumentUse(IOperation root, ILocalSymbol local, ResponseFacts facts, bool? isReader)
    {
        var escapes = false;
        var disposedByReader = false;
        foreach (var reference in BodyReferencesOf(root).Of(local))
        {
            var use = OutermostConversion(reference);

            switch (use.Parent)
            {
                case IArgumentOperation argument when argument.Parent is IInvocationOperation consumer && isReader is null:
                    AddDeserialize(facts, consumer, argument);
                    break;
                case IArgumentOperation argument when isReader is not null:
                    var passed = ClassifyStreamArgument(facts, argument, root, isReader.Value);
                    if (passed is Disposal.Escapes or Disposal.Unknown)
                    {
                        escapes = true;
                    }
                    else if (passed == Disposal.Disposed)
                    {
                        disposedByReader = true;
                    }

                    break;
                case IInvocationOperation invocation when ReferenceEquals(invocation.Instance, use):
                    if (isReader == true)
                    {
                        NoteReaderCall(facts, invocation);
                    }

                    break;
                case IPropertyReferenceOperation:
                case IConditionalAccessOperation:
                case IUsingOperation:
                case IBinaryOperation:
                case IIsPatternOperation:
                    break;
                case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Target, use):
                    break;
                default:
                    escapes = true;
                    break;
            }
        }

        return isReader is null ? null : escapes ? Disposal.Escapes : disposedByReader ? Disposal.Disposed : Disposal.NotDisposed;
    }

    /// <summary>The <c>Dispose()</c>/<c>DisposeAsync()</c> calls on <paramref name="local"/> (<c>local.Dispose()</c>, <c>local?.Dispose()</c>), in source order.</summary>
    private List<SyntaxNode> CollectDisposeCalls(IOperation root, ILocalSymbol local)
    {
        var calls = new List<SyntaxNode>();
        foreach (var reference in BodyReferencesOf(root).Of(local))
        {
            var instance = OutermostConversion(reference);

            switch (instance.Parent)
            {
                case IInvocationOperation { TargetMethod.Name: "Dispose" or "DisposeAsync" } invocation when ReferenceEquals(invocation.Instance, instance):
                    calls.Add(invocation.Syntax);
                    break;
                case IConditionalAccessOperation conditional when ReferenceEquals(conditional.Operation, instance) &&
                                                                   conditional.WhenNotNull is IInvocationOperation { TargetMethod.Name: "Dispose" or "DisposeAsync" } invocation &&
                                                                   invocation.Instance?.WalkDownConversions() is IConditionalAccessInstanceOperation:
                    calls.Add(invocation.Syntax);
                    break;
            }
        }

        return calls;
    }

    /// <summary>
    /// Whether <c>Dispose()</c> calls dispose the value given at <paramref name="holder"/> on every path that returns
    /// normally: a call in a <c>finally</c>, or a call in the holder's own block after it with every earlier
    /// <c>return</c>/<c>break</c>/<c>continue</c>/<c>goto</c> that leaves the block preceded by a call of its own.
    /// Exceptions are not normal paths. A call in a lambda or local function cannot be placed: unknown.
    /// </summary>
    internal static Disposal DisposedOnAllPaths(SyntaxNode holder, List<SyntaxNode> disposeCalls)
    {
        if (disposeCalls.Count == 0)
        {
            return Disposal.NotDisposed;
        }

        var statement = StatementOf(holder);
        var block = statement?.Parent;
        if (statement is null || block is null)
        {
            return Disposal.Unknown;
        }

        var function = EnclosingFunction(holder);
        SyntaxNode? final = null;
        foreach (var syntax in disposeCalls)
        {
            for (var node = syntax.Parent; node is not null && node != function; node = node.Parent)
            {
                if (node is FinallyClauseSyntax)
                {
                    return Disposal.Disposed;
                }

                if (node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                {
                    return Disposal.Unknown;
                }
            }

            var callStatement = StatementOf(syntax);
            if (callStatement?.Parent == block && callStatement.SpanStart > statement.SpanStart && (final is null || callStatement.SpanStart < final.SpanStart))
            {
                final = callStatement;
            }
        }

        if (final is null)
        {
            return Disposal.NotDisposed;
        }

        foreach (var node in block.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node.SpanStart <= statement.Span.End || node.SpanStart >= final.SpanStart || !LeavesBlock(node, statement))
            {
                continue;
            }

            var covered = false;
            foreach (var call in disposeCalls)
            {
                var callStatement = StatementOf(call);
                if (callStatement is not null && callStatement.SpanStart > statement.SpanStart && callStatement.SpanStart < node.SpanStart &&
                    callStatement.Parent is { } callBlock && callBlock.Span.Contains(node.Span))
                {
                    covered = true;
                    break;
                }
            }

            if (!covered)
            {
                return Disposal.NotDisposed;
            }
        }

        return Disposal.Disposed;
    }

    /// <summary>The lambda, local function or member whose body holds <paramref name="node"/>.</summary>
    private static SyntaxNode? EnclosingFunction(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            if (current is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or CompilationUnitSyntax)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>The statement that holds <paramref name="node"/>; for top-level statements, its global statement.</summary>
    private static SyntaxNode? StatementOf(SyntaxNode node)
    {
        var statement = node.FirstAncestorOrSelf<StatementSyntax>();
        return statement?.Parent is GlobalStatementSyntax global ? global : statement;
    }

    /// <summary>A jump that leaves the region after <paramref name="statement"/>: <c>return</c>, <c>yield break</c>, <c>goto</c>, or a <c>break</c>/<c>continue</c> of a loop that encloses it.</summary>
    private static bool LeavesBlock(SyntaxNode node, SyntaxNode statement)
    {
        switch (node)
        {
            case ReturnStatementSyntax:
            case GotoStatementSyntax:
            case YieldStatementSyntax yield when yield.IsKind(SyntaxKind.YieldBreakStatement):
                return true;
            case BreakStatementSyntax:
            case ContinueStatementSyntax:
                for (var parent = node.Parent; parent is not null; parent = parent.Parent)
                {
                    if (parent is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax ||
                        (parent is SwitchStatementSyntax && node is BreakStatementSyntax))
                    {
                        return parent.SpanStart < statement.SpanStart;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// True when the request of <c>Send</c>/<c>SendAsync</c> asks for <c>text/event-stream</c>: an <c>Accept</c> header added
    /// in the message's initializer or on the local that holds it.
    /// </summary>
    public bool RequestsEventStream(IInvocationOperation send)
    {
        if (send.TargetMethod.Name is not ("Send" or "SendAsync") || _requestMessage is null)
        {
            return false;
        }

        var request = send.GetArgument("request")?.Value.WalkDownConversions();
        ILocalSymbol? local = null;
        var creation = request as IObjectCreationOperation;
        if (request is ILocalReferenceOperation reference)
        {
            local = reference.Local;
            creation = LocalValues.GetInitializer(reference)?.WalkDownConversions() as IObjectCreationOperation;
        }

        if (creation?.Initializer is { } initializer && AcceptsEventStream(initializer))
        {
            return true;
        }

        return local is not null && AddsEventStreamAccept(send.GetRoot(), local);
    }

    /// <summary>An <c>Accept</c> header of <c>text/event-stream</c> added under <paramref name="operation"/> (a message's initializer) to its <c>Headers</c>.</summary>
    private static bool AcceptsEventStream(IOperation operation)
    {
        if (operation is IInvocationOperation { TargetMethod.Name: "Add" or "TryAddWithoutValidation" or "ParseAdd" or "TryParseAdd" } invocation &&
            invocation.Instance is { } instance)
        {
            var headers = instance.WalkDownConversions();
            var viaAccept = false;
            if (headers is IPropertyReferenceOperation { Property.Name: "Accept" } accept)
            {
                viaAccept = true;
                headers = accept.Instance?.WalkDownConversions();
            }

            if (headers is IPropertyReferenceOperation { Property.Name: "Headers", Instance: IInstanceReferenceOperation } &&
                AddsAccept(invocation, viaAccept) && HasEventStreamArgument(invocation))
            {
                return true;
            }
        }

        foreach (var child in operation.ChildOperations)
        {
            if (AcceptsEventStream(child))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The call adds an <c>Accept</c> header: on <c>Headers.Accept</c> (<paramref name="viaAccept"/>), or <c>Headers.Add("Accept", …)</c>.</summary>
    private static bool AddsAccept(IInvocationOperation invocation, bool viaAccept)
        => viaAccept || (invocation.Arguments.Length == 2 && invocation.Arguments[0].Value.ConstantValue.Value is string name && string.Equals(name, "Accept", StringComparison.OrdinalIgnoreCase));

    /// <summary>An argument holds the constant text <c>text/event-stream</c> (asked last: it walks the arguments).</summary>
    private static bool HasEventStreamArgument(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            foreach (var operation in OperationWalk.Of(argument.Value))
            {
                if (operation.ConstantValue.Value is string text && text.IndexOf("text/event-stream", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// An <c>Accept</c> header of <c>text/event-stream</c> added to <c>local.Headers</c> (<c>local.Headers.Accept.ParseAdd(…)</c>,
    /// <c>local.Headers.Add("Accept", …)</c>), found from the local's references.
    /// </summary>
    private bool AddsEventStreamAccept(IOperation root, ILocalSymbol local)
    {
        foreach (var reference in BodyReferencesOf(root).Of(local))
        {
            var instance = OutermostConversion(reference);
            if (instance.Parent is not IPropertyReferenceOperation { Property.Name: "Headers" } owner || !ReferenceEquals(owner.Instance, instance))
            {
                continue;
            }

            var headers = OutermostConversion(owner);
            var viaAccept = false;
            if (headers.Parent is IPropertyReferenceOperation { Property.Name: "Accept" } accept && ReferenceEquals(accept.Instance, headers))
            {
                viaAccept = true;
                headers = OutermostConversion(accept);
            }

            if (headers.Parent is IInvocationOperation { TargetMethod.Name: "Add" or "TryAddWithoutValidation" or "ParseAdd" or "TryParseAdd" } invocation &&
                ReferenceEquals(invocation.Instance, headers) && AddsAccept(invocation, viaAccept) && HasEventStreamArgument(invocation))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><paramref name="operation"/> with the conversions applied to it: the operation whose parent uses the value.</summary>
    private static IOperation OutermostConversion(IOperation operation)
    {
        while (operation.Parent is IConversionOperation conversion)
        {
            operation = conversion;
        }

        return operation;
    }

    /// <summary>The references of the body under <paramref name="root"/>, walked once for all its sends.</summary>
    private BodyReferences BodyReferencesOf(IOperation root) => _bodies.GetValue(root, BodyReferences.Build);

    /// <summary>
    /// The local references of one body, in source order, and the body's property subpatterns: gathered in one walk and
    /// kept per body, so that the response, stream, reader and request locals of its sends are followed through their
    /// references instead of walking the body again for each. A body holds few references and is asked about one to three
    /// locals, so the references of one local are found by a pass over the list, not through an index built for every local.
    /// </summary>
    private sealed class BodyReferences
    {
        public static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IOperation, BodyReferences>.CreateValueCallback Build = static root =>
        {
            var body = new BodyReferences();
            body.Walk(root);
            return body;
        };

        private static readonly List<IPropertySubpatternOperation> NoSubpatterns = new();

        private readonly List<ILocalReferenceOperation> _references = new(32);

        private List<IPropertySubpatternOperation>? _subpatterns;

        /// <summary>Every property subpattern of the body (<c>{ StatusCode: … }</c>), in source order.</summary>
        public List<IPropertySubpatternOperation> Subpatterns => _subpatterns ?? NoSubpatterns;

        /// <summary>The references to <paramref name="local"/>, in source order.</summary>
        public References Of(ILocalSymbol local) => new(_references, local);

        private void Walk(IOperation operation)
        {
            // The kind, not a type test, picks the two operations recorded: an interface test on every node costs more.
            var kind = operation.Kind;
            if (kind == OperationKind.LocalReference)
            {
                _references.Add((ILocalReferenceOperation)operation);
            }
            else if (kind == OperationKind.PropertySubpattern)
            {
                (_subpatterns ??= new List<IPropertySubpatternOperation>()).Add((IPropertySubpatternOperation)operation);
            }

            foreach (var child in operation.ChildOperations)
            {
                Walk(child);
            }
        }

        /// <summary>The references to one local: <c>foreach (var reference in body.Of(local))</c>, without allocating.</summary>
        public struct References
        {
            private readonly List<ILocalReferenceOperation> _references;
            private readonly ILocalSymbol _local;
            private int _current;

            public References(List<ILocalReferenceOperation> references, ILocalSymbol local)
            {
                _references = references;
                _local = local;
                _current = -1;
            }

            public readonly References GetEnumerator() => this;

            public readonly ILocalReferenceOperation Current => _references[_current];

            public bool MoveNext()
            {
                while (++_current < _references.Count)
                {
                    // Equal locals have equal names: the name rules out the other locals before a symbol comparison.
                    var local = _references[_current].Local;
                    if (ReferenceEquals(local, _local) ||
                        (string.Equals(local.Name, _local.Name, StringComparison.Ordinal) && SymbolEqualityComparer.Default.Equals(local, _local)))
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
