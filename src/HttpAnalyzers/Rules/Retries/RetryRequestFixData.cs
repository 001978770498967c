using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace HttpAnalyzers.Rules.Retries;

/// <summary>
/// What the HTTP0001–HTTP0003 code fixes need, so that they never look for the retry construct or the request again:
/// <c>Diagnostic.Properties</c> say what the construct is and how the request is sent, and the additional locations are
/// the nodes to edit — [0] the retry construct (the loop statement, or the <c>Execute*</c> call), [1] its repeated body
/// (the loop body, or the callback), [2] for HTTP0001 the <c>new HttpRequestMessage(…)</c> the key is added to, when
/// the send does not use a helper such as <c>PostAsync</c>.
/// </summary>
internal static class RetryRequestFixData
{
    /// <summary>Present on a diagnostic that a fix may handle; the value is <see cref="Loop"/> or <see cref="Callback"/>.</summary>
    public const string Construct = "Construct";

    /// <summary>The construct is a loop: its locals are per repetition when declared in its header or body.</summary>
    public const string Loop = "Loop";

    /// <summary>The construct runs a callback (a Polly pipeline or policy).</summary>
    public const string Callback = "Callback";

    /// <summary>HTTP0001: the send is a helper (<c>PostAsync</c>, <c>PatchAsJsonAsync</c>, …); the value is the method, <c>POST</c> or <c>PATCH</c>.</summary>
    public const string HelperMethod = "HelperMethod";

    /// <summary>HTTP0001: the idempotency key header to add (the first configured name).</summary>
    public const string Header = "Header";

    public const int ConstructIndex = 0;
    public const int BodyIndex = 1;
    public const int CreationIndex = 2;

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
}
