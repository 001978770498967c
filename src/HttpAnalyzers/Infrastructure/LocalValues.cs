using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Infrastructure;

/// <summary>Follows a local variable to the one value it is ever given (its initializer, with no later assignment).</summary>
internal static class LocalValues
{
    /// <summary>
    /// The initializer of a local's declaration, bound without scanning the method (cheap): use it to decide whether a
    /// local is worth <see cref="GetSingleValue"/>. Null for locals without an initializer or declared by patterns.
    /// </summary>
    public static IOperation? GetInitializer(ILocalReferenceOperation reference)
    {
        var local = reference.Local;
        var model = reference.SemanticModel;
        if (model is null || local.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var syntax = local.DeclaringSyntaxReferences[0].GetSyntax();
        if (syntax is not Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: { } value } || value.SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        return model.GetOperation(value);
    }

    /// <summary>
    /// The call that declares a local through <c>out var</c> (<c>headers.TryGetValue("If-None-Match", out var value)</c>),
    /// bound without scanning the method; null for other locals.
    /// </summary>
    public static IInvocationOperation? GetOutVarDeclaringCall(ILocalReferenceOperation reference)
    {
        var local = reference.Local;
        var model = reference.SemanticModel;
        if (model is null || local.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var syntax = local.DeclaringSyntaxReferences[0].GetSyntax();
        if (syntax is not Microsoft.CodeAnalysis.CSharp.Syntax.SingleVariableDesignationSyntax
            {
                Parent: Microsoft.CodeAnalysis.CSharp.Syntax.DeclarationExpressionSyntax
                {
                    Parent: Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax
                    {
                        Parent: Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentListSyntax { Parent: Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax call },
                    },
                },
            } || call.SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        return model.GetOperation(call) as IInvocationOperation;
    }

    /// <summary>The local is never assigned, incremented, deconstructed into or passed by <c>ref</c>/<c>out</c> after its declaration.</summary>
    public static bool IsNeverReassigned(ILocalReferenceOperation reference)
    {
        var local = reference.Local;
        foreach (var operation in reference.GetRoot().Descendants())
        {
            switch (operation)
            {
                case IAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    return false;
                case IArgumentOperation { Parameter.RefKind: not RefKind.None and not RefKind.In, Value: ILocalReferenceOperation passed }
                    when SymbolEqualityComparer.Default.Equals(passed.Local, local):
                    return false;
                case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation incremented } when SymbolEqualityComparer.Default.Equals(incremented.Local, local):
                    return false;
                case IDeconstructionAssignmentOperation deconstruction:
                    foreach (var descendant in deconstruction.Target.DescendantsAndSelf())
                    {
                        if (descendant is ILocalReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Local, local))
                        {
                            return false;
                        }
                    }

                    break;
            }
        }

        return true;
    }

    /// <summary>
    /// The value of a local that is initialised once and never assigned again (nor passed by <c>ref</c>/<c>out</c>),
    /// or <c>null</c>. Scans the operation tree that contains the reference; call it only for candidate sites.
    /// </summary>
    public static IOperation? GetSingleValue(ILocalReferenceOperation reference)
    {
        var local = reference.Local;
        if (local.IsRef || local.IsConst && reference.ConstantValue.HasValue)
        {
            return null;
        }

        IOperation? value = null;
        foreach (var operation in reference.GetRoot().Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    var initializer = declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer;
                    if (initializer is null || value is not null)
                    {
                        return null;
                    }

                    value = initializer.Value;
                    break;
                case IAssignmentOperation assignment when assignment.Target is ILocalReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Local, local):
                    return null;
                case IDeconstructionAssignmentOperation:
                    foreach (var descendant in ((IDeconstructionAssignmentOperation)operation).Target.DescendantsAndSelf())
                    {
                        if (descendant is ILocalReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Local, local))
                        {
                            return null;
                        }
                    }

                    break;
                case IArgumentOperation { Parameter.RefKind: not RefKind.None and not RefKind.In } argument
                    when argument.Value is ILocalReferenceOperation passed && SymbolEqualityComparer.Default.Equals(passed.Local, local):
                    return null;
                case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation incremented } when SymbolEqualityComparer.Default.Equals(incremented.Local, local):
                    return null;
            }
        }

        return value;
    }
}
