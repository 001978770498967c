using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace HttpAnalyzers.Rules.Retries;

/// <summary>
/// What the Retries code fixes need, passed in <c>Diagnostic.Properties</c> and additional locations, so that no fixer looks
/// for the construct, the request or the response again.
/// <list type="bullet">
/// <item>HTTP0001–HTTP0003: the properties say what the retry construct is, how the request is sent and which edit the fix
/// makes; the additional locations are [0] the retry construct (the loop statement, or the <c>Execute*</c> call), [1] its
/// repeated body (the loop body, or the callback), then what the fix edits: for HTTP0001 [2] the <c>new HttpRequestMessage(…)</c>
/// the key is added to, when the send does not use a helper such as <c>PostAsync</c> (<see cref="HelperRewrite"/> when it does);
/// for HTTP0002 ([2]…) the statements moved into the body (<see cref="MoveRequest"/>); for HTTP0003 [2] the key's value or
/// declaration (<see cref="KeyHoist"/>).</item>
/// <item>HTTP0004: <see cref="FixableProperty"/> with <see cref="MillisecondsProperty"/>, and additional locations [<see cref="ResponseIndex"/>] the
/// response whose status leads to the wait and [<see cref="DelayArgumentIndex"/>] the wait's delay argument;
/// <see cref="AddDelayGeneratorProperty"/>.</item>
/// <item>HTTP0005: <see cref="LeaseProperty"/>, <see cref="ResponseProperty"/>, <see cref="ValueProperty"/>, <see cref="LeaseNameProperty"/>.</item>
/// <item>HTTP0006: <see cref="StandardHandlerProperty"/>, <see cref="RetryOptionsProperty"/>, present only where <c>DisableForUnsafeHttpMethods</c>
/// is referenced.</item>
/// <item>HTTP0007: <see cref="NarrowProperty"/>, <see cref="PollyV7Property"/>; additional locations: the generic failure
/// test to narrow, the response it reads, and (Polly v7) the <c>Policy.HandleResult</c> call to replace.</item>
/// </list>
/// </summary>
internal static class RetryFixData
{
    /// <summary>HTTP0001–HTTP0003: present on a diagnostic that a fix may handle; the value is <see cref="Loop"/> or <see cref="Callback"/>.</summary>
    public const string Construct = "Construct";

    /// <summary>The construct is a loop: its locals are per repetition when declared in its header or body.</summary>
    public const string Loop = "Loop";

    /// <summary>The construct runs a callback (a Polly pipeline or policy).</summary>
    public const string Callback = "Callback";

    /// <summary>HTTP0001: the send is a helper (<c>PostAsync</c>, <c>PatchAsJsonAsync</c>, …); the value is the method, <c>POST</c> or <c>PATCH</c>.</summary>
    public const string HelperMethod = "HelperMethod";

    /// <summary>HTTP0001: the idempotency key header to add (the first configured name).</summary>
    public const string Header = "Header";

    /// <summary>
    /// HTTP0001, with <see cref="HelperMethod"/>: the helper's arguments can move into a <c>new HttpRequestMessage(…)</c> sent with
    /// <c>SendAsync</c> (<see cref="HelperSendParts"/>); the value is <see cref="HelperContent"/> or <see cref="HelperJson"/>.
    /// </summary>
    public const string HelperRewrite = "HelperRewrite";

    /// <summary>The helper sends content (<c>PostAsync</c>, <c>PatchAsync</c>).</summary>
    public const string HelperContent = "Content";

    /// <summary>The helper serializes a value as JSON (<c>PostAsJsonAsync</c>, <c>PatchAsJsonAsync</c>).</summary>
    public const string HelperJson = "Json";

    /// <summary>
    /// HTTP0002: the request is a local declared alone in a block before the construct, used only by the statements between
    /// its declaration and the construct (expression statements) and inside the repeated body: those statements can move into
    /// the body. The value is their number; they are the additional locations from <see cref="MovedIndex"/>, the declaration first.
    /// </summary>
    public const string MoveRequest = "MoveRequest";

    /// <summary>
    /// HTTP0003: the key can be created once, before the construct; the value says how (<see cref="HoistValue"/>,
    /// <see cref="MoveDeclaration"/>) and the additional location <see cref="KeyIndex"/> is the node the fix edits.
    /// </summary>
    public const string KeyHoist = "KeyHoist";

    /// <summary>The header value (at <see cref="KeyIndex"/>), which uses no local of the construct, moves into a new local declared before it.</summary>
    public const string HoistValue = "Value";

    /// <summary>
    /// The declaration of the key's local (at <see cref="KeyIndex"/>: one variable with an initializer that uses no local of the
    /// construct, in a block, not <c>using</c>) moves before the construct, where its name is free.
    /// </summary>
    public const string MoveDeclaration = "Declaration";

    public const int ConstructIndex = 0;
    public const int BodyIndex = 1;

    /// <summary>HTTP0001: the request creation.</summary>
    public const int CreationIndex = 2;

    /// <summary>HTTP0002: the first statement moved into the body.</summary>
    public const int MovedIndex = 2;

    /// <summary>HTTP0003: the key's value or declaration.</summary>
    public const int KeyIndex = 2;

    public static ImmutableDictionary<string, string?> Properties(RetryConstruct construct, string? helperMethod = null, string? header = null)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(Construct, construct.Kind == RetryConstructKind.Loop ? Loop : Callback);
        if (helperMethod is not null)
        {
            properties = properties.Add(HelperMethod, helperMethod);
        }

        return header is null ? properties : properties.Add(Header, header);
    }

    public static Location[] Locations(RetryConstruct construct, IOperation? creation = null)
        => creation is null
            ? [construct.Operation.Syntax.GetLocation(), construct.Body.Syntax.GetLocation()]
            : [construct.Operation.Syntax.GetLocation(), construct.Body.Syntax.GetLocation(), creation.Syntax.GetLocation()];

    /// <summary>
    /// HTTP0004: the fix can use a response in scope (at additional location <see cref="ResponseIndex"/>) and replace the wait's
    /// positional delay argument (at <see cref="DelayArgumentIndex"/>), an <c>int</c> of milliseconds or a <c>TimeSpan</c>.
    /// </summary>
    public const string FixableProperty = "Fixable";

    /// <summary>HTTP0004, with <see cref="FixableProperty"/>: the delay argument is an <c>int</c> of milliseconds, not a <c>TimeSpan</c>.</summary>
    public const string MillisecondsProperty = "Milliseconds";

    /// <summary>HTTP0004: the additional location of the response (a local or parameter) whose status test leads to the wait.</summary>
    public const int ResponseIndex = 0;

    /// <summary>HTTP0004: the additional location of the wait's delay argument, which the fix replaces.</summary>
    public const int DelayArgumentIndex = 1;

    /// <summary>HTTP0004: Polly v8 strategy options without a <c>DelayGenerator</c>: the fix adds one that reads Retry-After.</summary>
    public const string AddDelayGeneratorProperty = "AddDelayGenerator";

    /// <summary>HTTP0005: the fix can read the rate-limit lease (the value is the kind of site).</summary>
    public const string LeaseProperty = "Lease";

    /// <summary>HTTP0005, on a result that carries the status: the response expression the fix sets the header on.</summary>
    public const string ResponseProperty = "Response";

    /// <summary>HTTP0005: the expression of the header value (seconds) the fix writes.</summary>
    public const string ValueProperty = "Value";

    /// <summary>HTTP0005: the rate-limit lease in scope whose <c>MetadataName.RetryAfter</c> the fix reads.</summary>
    public const string LeaseNameProperty = "LeaseName";

    /// <summary>
    /// HTTP0006: the standard resilience handler, which the fix restricts with <c>DisableForUnsafeHttpMethods()</c> (set only when the
    /// compilation references that method).
    /// </summary>
    public const string StandardHandlerProperty = "StandardHandler";

    /// <summary>
    /// HTTP0006: an <c>AddResilienceHandler</c> whose one <c>AddRetry</c> takes <c>HttpRetryStrategyOptions</c>, which the fix restricts (set
    /// only when the compilation references <c>DisableForUnsafeHttpMethods</c>).
    /// </summary>
    public const string RetryOptionsProperty = "RetryOptions";

    /// <summary>HTTP0007: replace the generic failure test with a test for 408, 429 and 5xx on the same response.</summary>
    public const string NarrowProperty = "Narrow";

    /// <summary>HTTP0007: replace <c>Policy.HandleResult&lt;HttpResponseMessage&gt;(r =&gt; …)</c> with <c>HttpPolicyExtensions.HandleTransientHttpError().OrResult(…429…)</c>.</summary>
    public const string PollyV7Property = "PollyV7";
}
