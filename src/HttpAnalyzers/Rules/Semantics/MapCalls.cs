using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Semantics;

/// <summary>What the semantics rules read of a <c>MapGet</c>/<c>MapPost</c> call: its pattern and how a message names it.</summary>
internal static class MapCalls
{
    /// <summary>The constant route pattern of a <c>Map…</c> call, or null.</summary>
    public static string? Pattern(IInvocationOperation map)
        => map.GetArgument("pattern")?.Value.WalkDownConversions().ConstantValue is { HasValue: true, Value: string pattern } ? pattern : null;

    /// <summary><c>'MapGet' handler for '/orders/{id}'</c>, or <c>'MapGet' handler</c> when the pattern is not a constant.</summary>
    public static string HandlerName(IInvocationOperation map)
    {
        var name = "'" + map.TargetMethod.Name + "' handler";
        return Pattern(map) is { } pattern ? name + " for '" + pattern + "'" : name;
    }

    /// <summary>The lambda passed as the handler of a <c>Map…</c> call, or null (method groups, request delegates in variables).</summary>
    public static IAnonymousFunctionOperation? HandlerLambda(IInvocationOperation map)
        => (map.GetArgument("handler") ?? map.GetArgument("requestDelegate"))?.Value.WalkDownConversions() switch
        {
            IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => lambda,
            IAnonymousFunctionOperation lambda => lambda,
            _ => null,
        };
}
