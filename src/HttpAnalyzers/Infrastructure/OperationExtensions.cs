using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Infrastructure;

/// <summary>Small, allocation-free questions asked of operations and symbols by many rules.</summary>
internal static class OperationExtensions
{
    /// <summary>Strips implicit and explicit conversions (and parentheses, which IOperation never shows).</summary>
    public static IOperation WalkDownConversions(this IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>The nearest parent that is not a conversion.</summary>
    public static IOperation? WalkUpConversions(this IOperation operation)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent;
    }

    /// <summary>True when <paramref name="type"/> is <paramref name="baseType"/> or derives from it.</summary>
    public static bool InheritsFromOrEquals(this ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="type"/> is, derives from, or implements <paramref name="target"/>.</summary>
    public static bool IsOrImplements(this ITypeSymbol? type, INamedTypeSymbol? target)
    {
        if (type is null || target is null)
        {
            return false;
        }

        if (type.InheritsFromOrEquals(target))
        {
            return true;
        }

        if (target.TypeKind == TypeKind.Interface)
        {
            foreach (var iface in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(iface.OriginalDefinition, target))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static bool Is(this ISymbol? symbol, ISymbol? other)
        => symbol is not null && other is not null && SymbolEqualityComparer.Default.Equals(symbol.OriginalDefinition, other);

    /// <summary>True when the method is <paramref name="name"/> declared on <paramref name="containingType"/> (name checked first: cheap).</summary>
    public static bool IsMethod(this IMethodSymbol method, INamedTypeSymbol? containingType, string name)
    {
        if (containingType is null || method.Name != name)
        {
            return false;
        }

        var reduced = method.ReducedFrom ?? method;
        return SymbolEqualityComparer.Default.Equals(reduced.ContainingType?.OriginalDefinition, containingType);
    }

    /// <summary>The receiver of an instance call or the first argument of an extension method call.</summary>
    public static IOperation? GetReceiverOrThisArgument(this IInvocationOperation invocation)
    {
        if (invocation.Instance is not null)
        {
            return invocation.Instance.WalkDownConversions();
        }

        if (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0)
        {
            return invocation.Arguments[0].Value.WalkDownConversions();
        }

        return null;
    }

    /// <summary>The argument bound to the parameter called <paramref name="name"/>, or null.</summary>
    public static IArgumentOperation? GetArgument(this IInvocationOperation invocation, string name)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == name)
            {
                return argument;
            }
        }

        return null;
    }

    /// <summary>The argument bound to the parameter called <paramref name="name"/> of an object creation, or null.</summary>
    public static IArgumentOperation? GetArgument(this IObjectCreationOperation creation, string name)
    {
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter?.Name == name)
            {
                return argument;
            }
        }

        return null;
    }

    /// <summary>The outermost operation of the body (method, lambda, local function, top-level statements) that contains <paramref name="operation"/>.</summary>
    public static IOperation GetRoot(this IOperation operation)
    {
        var current = operation;
        while (current.Parent is not null)
        {
            current = current.Parent;
        }

        return current;
    }

    /// <summary>The nearest enclosing anonymous function or local function operation, or null in the member's own body.</summary>
    public static IOperation? GetEnclosingFunction(this IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>The nearest enclosing anonymous function or local function operation, or the root.</summary>
    public static IOperation GetEnclosingBody(this IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current;
            }

            if (current.Parent is null)
            {
                return current;
            }
        }

        return operation;
    }

    /// <summary>True when the attribute list of <paramref name="symbol"/> has an attribute whose class is, or derives from, <paramref name="attributeType"/>.</summary>
    public static bool HasAttribute(this ISymbol symbol, INamedTypeSymbol? attributeType)
    {
        if (attributeType is null)
        {
            return false;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass.IsOrImplements(attributeType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The location of the invoked method's name (<c>PostAsync</c> in <c>client.PostAsync(…)</c>), or of the whole invocation.</summary>
    public static Location NameLocation(this IInvocationOperation invocation)
    {
        var syntax = invocation.Syntax;
        if (syntax is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax call)
        {
            switch (call.Expression)
            {
                case Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax member:
                    return member.Name.GetLocation();
                case Microsoft.CodeAnalysis.CSharp.Syntax.MemberBindingExpressionSyntax binding:
                    return binding.Name.GetLocation();
                case Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax name:
                    return name.GetLocation();
            }
        }

        return syntax.GetLocation();
    }
}
