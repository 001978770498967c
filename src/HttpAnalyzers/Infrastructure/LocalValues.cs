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
        => !BodyLocals.Of(reference.GetRoot()).TryGet(reference.Local, out var facts) ||
           (!facts.Changed && facts.Assignments == 0 && facts.Initializers <= 1);

    /// <summary>
    /// The one value a local is ever given — its initializer, or the single assignment of a local declared without one —
    /// when it is never assigned again, incremented, deconstructed into or passed by <c>ref</c>/<c>out</c>; otherwise
    /// <c>null</c>. The operation tree that contains the reference is scanned once, for all its locals, and the answers
    /// kept (see <see cref="BodyLocals"/>).
    /// </summary>
    public static IOperation? GetSingleValue(ILocalReferenceOperation reference)
    {
        var local = reference.Local;
        if (local.IsRef || local.IsConst && reference.ConstantValue.HasValue)
        {
            return null;
        }

        return BodyLocals.Of(reference.GetRoot()).TryGet(local, out var facts) && !facts.Changed && facts.Initializers + facts.Assignments == 1
            ? facts.Value
            : null;
    }

    /// <summary>What a body does to its locals, gathered in one walk and kept per body: many rules ask about the same bodies.</summary>
    private sealed class BodyLocals
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IOperation, BodyLocals> Cache = new();
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IOperation, BodyLocals>.CreateValueCallback Build = static root =>
        {
            var locals = new BodyLocals();
            locals.Walk(root);
            return locals;
        };

        private readonly System.Collections.Generic.Dictionary<ILocalSymbol, LocalFacts> _locals = new(SymbolEqualityComparer.Default);

        public static BodyLocals Of(IOperation root) => Cache.GetValue(root, Build);

        public bool TryGet(ILocalSymbol local, out LocalFacts facts) => _locals.TryGetValue(local, out facts);

        private void Walk(IOperation operation)
        {
            // By kind first: most operations are none of these, and a kind costs one call where each type test costs one.
            switch (operation.Kind)
            {
                case OperationKind.VariableDeclarator:
                    var declarator = (IVariableDeclaratorOperation)operation;
                    var initializer = declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer;
                    Update(declarator.Symbol, initializer is null ? 0 : 1, 0, false, initializer?.Value);
                    break;
                case OperationKind.SimpleAssignment when operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                    Update(target.Local, 0, 1, false, assignment.Value);
                    break;
                case OperationKind.CompoundAssignment or OperationKind.CoalesceAssignment when operation is IAssignmentOperation { Target: ILocalReferenceOperation target }:
                    Update(target.Local, 0, 0, true, null);
                    break;
                case OperationKind.Argument when operation is IArgumentOperation { Parameter.RefKind: not RefKind.None and not RefKind.In, Value: ILocalReferenceOperation passed }:
                    Update(passed.Local, 0, 0, true, null);
                    break;
                case OperationKind.Increment or OperationKind.Decrement when operation is IIncrementOrDecrementOperation { Target: ILocalReferenceOperation incremented }:
                    Update(incremented.Local, 0, 0, true, null);
                    break;
                case OperationKind.DeconstructionAssignment:
                    MarkMentioned(((IDeconstructionAssignmentOperation)operation).Target);
                    break;
            }

            foreach (var child in operation.ChildOperations)
            {
                Walk(child);
            }
        }

        private void MarkMentioned(IOperation operation)
        {
            if (operation is ILocalReferenceOperation reference)
            {
                Update(reference.Local, 0, 0, true, null);
            }

            foreach (var child in operation.ChildOperations)
            {
                MarkMentioned(child);
            }
        }

        private void Update(ILocalSymbol local, int initializers, int assignments, bool changed, IOperation? value)
        {
            _locals.TryGetValue(local, out var facts);
            facts.Initializers += initializers;
            facts.Assignments += assignments;
            facts.Changed |= changed;
            if (value is not null && facts.Value is null)
            {
                facts.Value = value;
            }

            _locals[local] = facts;
        }
    }

    /// <summary>The values a body gives one local: initializers, simple assignments, the first value, and any other change.</summary>
    private struct LocalFacts
    {
        public int Initializers;
        public int Assignments;
        public bool Changed;
        public IOperation? Value;
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

                    foreach (var descendant in OperationWalk.Below(body))
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
