using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Retries;

/// <summary>
/// HTTP0001: the arguments of a helper send (<c>PostAsync(uri, content[, cancellationToken])</c>,
/// <c>PostAsJsonAsync(uri, value[, options][, cancellationToken])</c>, the PATCH forms) that the fix moves into
/// <c>SendAsync(new HttpRequestMessage(method, uri) { Content = … })</c>. The analyzer offers the fix
/// (<see cref="RetryFixData.HelperRewrite"/>) only when <see cref="TryGet"/> succeeds; the fix reads the arguments with it when invoked.
/// </summary>
/// <param name="Uri">The request URI.</param>
/// <param name="Content">The content (<c>PostAsync</c>), or the value to serialize (<c>PostAsJsonAsync</c>).</param>
/// <param name="IsJson">The helper serializes <paramref name="Content"/> as JSON.</param>
/// <param name="Options">The JSON serializer options written in the call, or null.</param>
/// <param name="Cancellation">The cancellation token written in the call, or null.</param>
internal readonly record struct HelperSendParts(ExpressionSyntax Uri, ExpressionSyntax Content, bool IsJson, ExpressionSyntax? Options, ExpressionSyntax? Cancellation)
{
    /// <summary>The arguments of <paramref name="invocation"/>, when every one the rewrite needs is written in the call.</summary>
    public static bool TryGet(IInvocationOperation invocation, out HelperSendParts parts)
    {
        parts = default;
        var name = invocation.TargetMethod.Name;
        var uri = invocation.GetArgument("requestUri");
        if (uri?.Syntax is not ArgumentSyntax uriSyntax || !name.EndsWith("Async", System.StringComparison.Ordinal))
        {
            return false;
        }

        var cancellation = invocation.GetArgument("cancellationToken") is { IsImplicit: false, Syntax: ArgumentSyntax cancellationSyntax }
            ? cancellationSyntax.Expression
            : null;
        if (name is "PostAsync" or "PatchAsync")
        {
            if (invocation.GetArgument("content")?.Syntax is not ArgumentSyntax contentSyntax || invocation.Arguments.Length > 3)
            {
                return false;
            }

            parts = new HelperSendParts(uriSyntax.Expression, contentSyntax.Expression, IsJson: false, null, cancellation);
            return true;
        }

        if (name is "PostAsJsonAsync" or "PatchAsJsonAsync")
        {
            var options = invocation.GetArgument("options");
            if (invocation.GetArgument("value")?.Syntax is not ArgumentSyntax valueSyntax || invocation.GetArgument("jsonTypeInfo") is not null ||
                (options is not null && !options.IsImplicit && options.Syntax is not ArgumentSyntax))
            {
                return false;
            }

            var optionsExpression = options is { IsImplicit: false, Syntax: ArgumentSyntax optionsSyntax } ? optionsSyntax.Expression : null;
            parts = new HelperSendParts(uriSyntax.Expression, valueSyntax.Expression, IsJson: true, optionsExpression, cancellation);
            return true;
        }

        return false;
    }
}
