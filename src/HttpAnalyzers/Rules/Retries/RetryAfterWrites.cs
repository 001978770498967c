using System;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Retries;

/// <summary>
/// Writes of a <c>Retry-After</c> response header, for HTTP0005: <c>Headers.RetryAfter = …</c>, <c>HeaderNames.RetryAfter</c>,
/// <c>Headers["Retry-After"]</c>, <c>Append("Retry-After", …)</c> and any other use of the name as a literal or constant.
/// </summary>
internal static class RetryAfterWrites
{
    /// <summary>The operation writes Retry-After, or (with <paramref name="followHelpers"/>) calls a method of the compilation whose body does.</summary>
    public static bool IsWrite(IOperation operation, bool followHelpers)
    {
        if (followHelpers && operation is IInvocationOperation { TargetMethod.DeclaringSyntaxReferences.IsEmpty: false } helper &&
            SourceMethods.Body(helper.TargetMethod, helper) is { } helperBody)
        {
            foreach (var inner in OperationWalk.Of(helperBody))
            {
                if (IsWrite(inner))
                {
                    return true;
                }
            }
        }

        return IsWrite(operation);
    }

    /// <summary>Anywhere in <paramref name="body"/> (lambdas included), helpers of the compilation followed one level.</summary>
    public static bool In(IOperation body)
    {
        foreach (var operation in OperationWalk.Of(body))
        {
            if (IsWrite(operation, followHelpers: true))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWrite(IOperation operation)
        => operation is IPropertyReferenceOperation { Property.Name: "RetryAfter" } or IFieldReferenceOperation { Field.Name: "RetryAfter" } ||
           (operation is ILiteralOperation or IFieldReferenceOperation &&
            operation.ConstantValue.Value is string text && string.Equals(text, "Retry-After", StringComparison.OrdinalIgnoreCase));
}
