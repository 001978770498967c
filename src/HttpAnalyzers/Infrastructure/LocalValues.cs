using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Infrastructure;

/// <summary>Follows a local variable (or a field or property) to the one value it is ever given.</summary>
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
        IOperation? value = null;
        var count = 0;
        return CollectValues(reference.GetRoot(), reference.Local, allowAssignment: false, ref value, ref count);
    }

    /// <summary>
    /// The one value a local is ever given — its initializer, or the single assignment of a local declared without one —
    /// when it is never assigned again, incremented, deconstructed into or passed by <c>ref</c>/<c>out</c>; otherwise
    /// <c>null</c>. Scans the operation tree that contains the reference (recursively, without allocating); call it only
    /// for candidate sites.
    /// </summary>
    public static IOperation? GetSingleValue(ILocalReferenceOperation reference)
    {
        var local = reference.Local;
        if (local.IsRef || local.IsConst && reference.ConstantValue.HasValue)
        {
            return null;
        }

        IOperation? value = null;
        var count = 0;
        return CollectValues(reference.GetRoot(), local, allowAssignment: true, ref value, ref count) && count == 1 ? value : null;
    }

    /// <summary>
    /// Counts the values given to <paramref name="local"/> (its initializer and, when <paramref name="allowAssignment"/>,
    /// simple assignments); false as soon as the local is changed in any other way or given a second value.
    /// </summary>
    private static bool CollectValues(IOperation operation, ILocalSymbol local, bool allowAssignment, ref IOperation? value, ref int count)
    {
        switch (operation)
        {
            case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                var initializer = declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer;
                if (initializer is not null)
                {
                    value = initializer.Value;
                    count++;
                }

                break;
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local):
                if (!allowAssignment)
                {
                    return false;
                }

                value = assignment.Value;
                count++;
                break;
            case IAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                return false; // compound assignment
            case IArgumentOperation { Parameter.RefKind: not RefKind.None and not RefKind.In, Value: ILocalReferenceOperation passed }
                when SymbolEqualityComparer.Default.Equals(passed.Local, local):
                return false;
            case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation incremented } when SymbolEqualityComparer.Default.Equals(incremented.Local, local):
                return false;
            case IDeconstructionAssignmentOperation deconstruction when Mentions(deconstruction.Target, local):
                return false;
        }

        if (count > 1)
        {
            return false;
        }

        foreach (var child in operation.ChildOperations)
        {
            if (!CollectValues(child, local, allowAssignment, ref value, ref count))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Mentions(IOperation operation, ILocalSymbol local)
    {
        if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
        {
            return true;
        }

        foreach (var child in operation.ChildOperations)
        {
            if (Mentions(child, local))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The one value a local, field or property holds, when it is visible: a local's initializer or single assignment in the
    /// same body; a field's or property's initializer, or its single assignment in a constructor, in the same syntax tree.
    /// </summary>
    public static IOperation? ResolveValue(IOperation? operation)
    {
        operation = operation?.WalkDownConversions();
        switch (operation)
        {
            case ILocalReferenceOperation local:
                return LocalValues.GetSingleValue(local);
            case IFieldReferenceOperation field:
                return ResolveMember(field, field.Field);
            case IPropertyReferenceOperation property:
                return ResolveMember(property, property.Property);
            default:
                return operation is IInvocationOperation or IObjectCreationOperation ? operation : null;
        }
    }

    private static IOperation? ResolveMember(IOperation reference, ISymbol member)
    {
        var model = reference.SemanticModel;
        var tree = reference.Syntax.SyntaxTree;
        if (model is null)
        {
            return null;
        }

        IOperation? value = null;
        var count = 0;
        foreach (var syntaxReference in member.DeclaringSyntaxReferences)
        {
            if (syntaxReference.SyntaxTree != tree)
            {
                return null;
            }

            var syntax = syntaxReference.GetSyntax();
            var initializer = syntax switch
            {
                VariableDeclaratorSyntax declarator => declarator.Initializer,
                PropertyDeclarationSyntax property => property.Initializer,
                _ => null,
            };
            if (initializer is not null && model.GetOperation(initializer) is ISymbolInitializerOperation init)
            {
                value = init.Value;
                count++;
            }
        }

        // A readonly field with an initializer is, in practice, never reassigned: skip binding the constructors.
        if (count == 1 && member is IFieldSymbol { IsReadOnly: true })
        {
            return value;
        }

        var type = member.ContainingType;
        if (type is not null)
        {
            foreach (var constructor in type.InstanceConstructors)
            {
                foreach (var syntaxReference in constructor.DeclaringSyntaxReferences)
                {
                    if (syntaxReference.SyntaxTree != tree)
                    {
                        continue;
                    }

                    var body = model.GetOperation(syntaxReference.GetSyntax());
                    if (body is null)
                    {
                        continue;
                    }

                    foreach (var descendant in body.Descendants())
                    {
                        if (descendant is ISimpleAssignmentOperation assignment && IsMember(assignment.Target, member))
                        {
                            value = assignment.Value;
                            count++;
                        }
                    }
                }
            }
        }

        return count == 1 ? value : null;
    }

    private static bool IsMember(IOperation target, ISymbol member) => target switch
    {
        IFieldReferenceOperation field => SymbolEqualityComparer.Default.Equals(field.Field, member),
        IPropertyReferenceOperation property => SymbolEqualityComparer.Default.Equals(property.Property, member),
        _ => false,
    };
}
