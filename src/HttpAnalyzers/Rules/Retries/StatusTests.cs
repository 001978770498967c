using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Retries;

/// <summary>
/// What a piece of code (a loop body, a Polly predicate, a policy builder chain) tests about HTTP status codes and
/// exceptions: which constant codes it compares a <c>StatusCode</c> with, whether it uses ranges, whether it handles
/// exceptions, and whether it calls a library predicate whose status set is not visible.
/// </summary>
internal struct StatusTests
{
    public bool Has429;
    public bool Has503;
    public bool HasOtherError;
    public bool HasSuccess;
    public bool HasRange;
    public bool HandlesExceptions;
    public bool HasOpaquePredicate;
    private INamedTypeSymbol? _exception;
    private INamedTypeSymbol? _statusCode;

    /// <summary>A test that admits only 429 Too Many Requests: the server refused the request before acting on it.</summary>
    public readonly bool OnlyTooManyRequests => Has429 && !Has503 && !HasOtherError && !HasRange && !HandlesExceptions && !HasOpaquePredicate;

    /// <summary>Recognises 429 or 503 by a visible constant.</summary>
    public readonly bool RecognisesRateLimit => Has429 || Has503;

    /// <summary>Collects the tests made anywhere in <paramref name="root"/> (lambdas included).</summary>
    public static StatusTests Of(IOperation? root, KnownTypes types)
    {
        var tests = default(StatusTests);
        tests._exception = types.Exception;
        tests._statusCode = types.HttpStatusCode;
        if (root is null)
        {
            return tests;
        }

        tests.Visit(root);
        foreach (var operation in root.Descendants())
        {
            tests.Visit(operation);
        }

        return tests;
    }

    private void Visit(IOperation operation)
    {
        switch (operation)
        {
            case IBinaryOperation binary:
                VisitBinary(binary);
                break;
            case IIsPatternOperation isPattern when IsStatus(isPattern.Value):
                VisitPattern(isPattern.Pattern);
                break;
            case IPropertySubpatternOperation { Member: IPropertyReferenceOperation { Property.Name: "StatusCode" } } subpattern:
                VisitPattern(subpattern.Pattern);
                break;
            case ISwitchOperation @switch when IsStatus(@switch.Value):
                foreach (var section in @switch.Cases)
                {
                    foreach (var clause in section.Clauses)
                    {
                        switch (clause)
                        {
                            case ISingleValueCaseClauseOperation single:
                                AddCode(single.Value);
                                break;
                            case IPatternCaseClauseOperation pattern:
                                VisitPattern(pattern.Pattern);
                                break;
                            case IRelationalCaseClauseOperation:
                            case IRangeCaseClauseOperation:
                                HasRange = true;
                                break;
                        }
                    }
                }

                break;
            case ISwitchExpressionOperation switchExpression when IsStatus(switchExpression.Value):
                foreach (var arm in switchExpression.Arms)
                {
                    VisitPattern(arm.Pattern);
                }

                break;
            case IPropertyReferenceOperation property:
                switch (property.Property.Name)
                {
                    case "IsSuccessStatusCode":
                        HasSuccess = true;
                        break;
                    case "Exception" when _exception is not null && property.Type.Is(_exception):
                        HandlesExceptions = true;
                        break;
                }

                break;
            case IInvocationOperation invocation:
                VisitInvocation(invocation);
                break;
        }
    }

    private void VisitInvocation(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "Handle":
            case "Or":
            case "HandleInner":
            case "OrInner":
                if (method.IsGenericMethod && method.TypeArguments.Length == 1 && IsException(method.TypeArguments[0]))
                {
                    HandlesExceptions = true;
                }

                break;
            case "HandleTransientHttpError":
            case "OrTransientHttpError":
            case "OrTransientHttpStatusCode":
            case "IsTransient":
                HasOpaquePredicate = true;
                HandlesExceptions |= method.Name != "OrTransientHttpStatusCode";
                break;
            case "EnsureSuccessStatusCode":
                HasSuccess = true;
                break;
        }
    }

    private readonly bool IsException(ITypeSymbol type) => type.InheritsFromOrEquals(_exception);

    private void VisitBinary(IBinaryOperation binary)
    {
        IOperation? constant;
        if (IsStatus(binary.LeftOperand))
        {
            constant = binary.RightOperand;
        }
        else if (IsStatus(binary.RightOperand))
        {
            constant = binary.LeftOperand;
        }
        else
        {
            return;
        }

        switch (binary.OperatorKind)
        {
            case BinaryOperatorKind.Equals:
            case BinaryOperatorKind.NotEquals:
                AddCode(constant);
                break;
            case BinaryOperatorKind.LessThan:
            case BinaryOperatorKind.LessThanOrEqual:
            case BinaryOperatorKind.GreaterThan:
            case BinaryOperatorKind.GreaterThanOrEqual:
                HasRange = true;
                break;
        }
    }

    private void VisitPattern(IPatternOperation? pattern)
    {
        switch (pattern)
        {
            case IConstantPatternOperation constant:
                AddCode(constant.Value);
                break;
            case IBinaryPatternOperation binary:
                VisitPattern(binary.LeftPattern);
                VisitPattern(binary.RightPattern);
                break;
            case INegatedPatternOperation negated:
                VisitPattern(negated.Pattern);
                break;
            case IRelationalPatternOperation:
                HasRange = true;
                break;
            case IRecursivePatternOperation recursive:
                foreach (var sub in recursive.PropertySubpatterns)
                {
                    if (sub.Member is IPropertyReferenceOperation { Property.Name: "StatusCode" })
                    {
                        VisitPattern(sub.Pattern);
                    }
                }

                break;
        }
    }

    private void AddCode(IOperation? value)
    {
        if (value is null)
        {
            return;
        }

        var constant = value.WalkDownConversions().ConstantValue;
        if (!constant.HasValue)
        {
            constant = value.ConstantValue;
        }

        if (!constant.HasValue || constant.Value is null)
        {
            HasOtherError = true;
            return;
        }

        int code;
        try
        {
            code = System.Convert.ToInt32(constant.Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (System.Exception e) when (e is System.FormatException or System.InvalidCastException or System.OverflowException)
        {
            HasOtherError = true;
            return;
        }

        switch (code)
        {
            case 429:
                Has429 = true;
                break;
            case 503:
                Has503 = true;
                break;
            case >= 200 and < 300:
                HasSuccess = true;
                break;
            default:
                HasOtherError = true;
                break;
        }
    }

    /// <summary>An expression that reads an HTTP status code: <c>x.StatusCode</c> (HttpStatusCode, its nullable, or int), possibly cast to int.</summary>
    public readonly bool IsStatus(IOperation? operation) => IsStatus(operation, _statusCode);

    public static bool IsStatus(IOperation? operation, INamedTypeSymbol? statusCode)
    {
        operation = operation?.WalkDownConversions();
        while (operation is IConditionalAccessOperation conditional)
        {
            operation = conditional.WhenNotNull.WalkDownConversions();
        }

        if (operation is IPropertyReferenceOperation { Property.Name: "StatusCode" } property)
        {
            var type = property.Type;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            return type is not null && (type.SpecialType == SpecialType.System_Int32 || type.Is(statusCode));
        }

        return false;
    }
}
