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

    /// <summary>
    /// The words in which a file writes 429 or 503 as a constant: the number, a <c>StatusCodes</c> field, an
    /// <c>HttpStatusCode</c> member. The rules about rate-limit statuses register their actions only in the types of
    /// files holding one (a status held in a constant declared in another file is not seen).
    /// </summary>
    public static readonly string[] RateLimitWords = { "429", "503", "Status429TooManyRequests", "Status503ServiceUnavailable", "TooManyRequests", "ServiceUnavailable" };

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
        foreach (var operation in OperationWalk.Below(root))
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

    /// <summary>The constant a <c>case</c> label tests (<c>case 413:</c>, <c>case HttpStatusCode.BadRequest:</c>, an unguarded constant pattern), or null.</summary>
    public static IOperation? CaseLabel(ICaseClauseOperation clause) => clause switch
    {
        ISingleValueCaseClauseOperation single => single.Value,
        IPatternCaseClauseOperation { Pattern: IConstantPatternOperation constant, Guard: null } => constant.Value,
        _ => null,
    };

    /// <summary>The <c>int</c> constant (a status code) an expression holds, through conversions (<c>(int)HttpStatusCode.OK</c>), or null.</summary>
    public static int? CodeOf(IOperation? operation)
    {
        if (operation is null)
        {
            return null;
        }

        var constant = operation.WalkDownConversions().ConstantValue;
        if (!constant.HasValue)
        {
            constant = operation.ConstantValue;
        }

        return constant.HasValue && constant.Value is int value ? value : null;
    }

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

        if (operation is null || operation.ConstantValue.HasValue)
        {
            return false;
        }

        // Any other HttpStatusCode-typed value (a local the status was stored in, an SDK exception's own status property).
        var valueType = operation.Type;
        if (valueType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullableValue)
        {
            valueType = nullableValue.TypeArguments[0];
        }

        if (valueType is not null && statusCode is not null && valueType.Is(statusCode))
        {
            return operation is ILocalReferenceOperation or IParameterReferenceOperation or IPropertyReferenceOperation or IFieldReferenceOperation;
        }

        // An int local that holds a status: var status = (int)response.StatusCode;
        return operation is ILocalReferenceOperation { Local.Type.SpecialType: SpecialType.System_Int32 } local &&
               MayHoldStatus(local) && LocalValues.GetSingleValue(local) is { } value && !(value is ILocalReferenceOperation) && IsStatus(value, statusCode);
    }

    /// <summary>
    /// Cheap syntax pre-filter before <see cref="LocalValues.GetSingleValue"/> scans the method: a local declared with an
    /// initializer holds a status only when that initializer reads a member or a variable (<c>(int)response.StatusCode</c>,
    /// <c>(int)ex.StatusCode!</c>), not a literal or a computation (<c>var attempt = 1</c>).
    /// </summary>
    public static bool MayHoldStatus(ILocalReferenceOperation reference)
    {
        var references = reference.Local.DeclaringSyntaxReferences;
        if (references.Length != 1)
        {
            return false;
        }

        if (references[0].GetSyntax() is not Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax declarator)
        {
            return false;
        }

        if (declarator.Initializer is null)
        {
            return true;
        }

        var value = declarator.Initializer.Value;
        while (true)
        {
            switch (value)
            {
                case Microsoft.CodeAnalysis.CSharp.Syntax.CastExpressionSyntax cast:
                    value = cast.Expression;
                    continue;
                case Microsoft.CodeAnalysis.CSharp.Syntax.ParenthesizedExpressionSyntax parenthesized:
                    value = parenthesized.Expression;
                    continue;
                case Microsoft.CodeAnalysis.CSharp.Syntax.PostfixUnaryExpressionSyntax postfix when postfix.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SuppressNullableWarningExpression):
                    value = postfix.Operand;
                    continue;
                case Microsoft.CodeAnalysis.CSharp.Syntax.ConditionalAccessExpressionSyntax conditional:
                    value = conditional.WhenNotNull;
                    continue;
                default:
                    return value is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.MemberBindingExpressionSyntax or
                        Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax;
            }
        }
    }
}

/// <summary>Three-valued truth of a condition for one status code.</summary>
internal enum Truth : byte
{
    False,
    True,
    Unknown,
}

/// <summary>
/// Evaluates a boolean condition (an <c>if</c>, a loop condition, a Polly predicate's body) for a given HTTP status code of a
/// received response: status comparisons (<c>==</c>, <c>!=</c>, relational, <c>is</c> patterns, property patterns on the
/// response or the Polly outcome), <c>IsSuccessStatusCode</c>, <c>&amp;&amp;</c>/<c>||</c>/<c>!</c>, <c>ValueTask.FromResult</c>,
/// <c>PredicateResult.True()</c>/<c>False()</c>, switch expressions over the outcome. Tests of an exception are false (a response
/// was received). Parts that do not depend on the response (an attempt counter, a cancellation flag) are "free": the condition is
/// evaluated for each of their combinations; anything else is unknown.
/// </summary>
internal sealed class StatusCondition
{
    /// <summary>Client errors that the same request meets again (RFC 9110 §15.5; 402 for spent credits, 413 for an oversized prompt).</summary>
    public static readonly int[] PermanentClientErrors = { 400, 401, 402, 403, 405, 413, 414, 415, 422, 431 };

    private const int MaxFree = 4;

    private const int CacheSize = 8;

    private readonly IOperation _condition;
    private readonly KnownTypes _types;

    // The condition is evaluated for 11 statuses and each combination of its free parts: what does not depend on the
    // status (the subject of an operand, whether a part is free) is computed once per operation.
    private readonly IOperation?[] _cachedOperations = new IOperation?[CacheSize];
    private readonly byte[] _cachedFacts = new byte[CacheSize];
    private int _cached;
    private int _freeCount;
    private int _freeIndex;
    private int _assignment;

    private StatusCondition(IOperation condition, KnownTypes types)
    {
        _condition = condition;
        _types = types;
    }

    public IOperation Condition => _condition;

    public static StatusCondition Create(IOperation condition, KnownTypes types)
    {
        var result = new StatusCondition(condition, types);
        result._freeIndex = 0;
        result.Eval(condition, 200);
        result._freeCount = result._freeIndex > MaxFree ? MaxFree : result._freeIndex;
        return result;
    }

    public Truth Evaluate(int status, int assignment)
    {
        _freeIndex = 0;
        _assignment = assignment;
        return Eval(_condition, status);
    }

    /// <summary>
    /// Bit i set (for <see cref="PermanentClientErrors"/>[i]) when, for some value of the free parts, the condition is
    /// <paramref name="retryWhen"/> for that client error and not for 200 OK (the condition looks at the status).
    /// </summary>
    public int AdmittedClientErrors(bool retryWhen)
    {
        var wanted = retryWhen ? Truth.True : Truth.False;
        var opposite = retryWhen ? Truth.False : Truth.True;
        var bits = 0;
        for (var assignment = 0; assignment < 1 << _freeCount; assignment++)
        {
            if (Evaluate(200, assignment) != opposite)
            {
                continue;
            }

            for (var i = 0; i < PermanentClientErrors.Length; i++)
            {
                if (Evaluate(PermanentClientErrors[i], assignment) == wanted)
                {
                    bits |= 1 << i;
                }
            }
        }

        return bits;
    }

    /// <summary>Bit i set when the condition is <paramref name="value"/> for that client error whatever the free parts are.</summary>
    public int ClientErrorsAlways(bool value)
    {
        var wanted = value ? Truth.True : Truth.False;
        var bits = 0;
        for (var i = 0; i < PermanentClientErrors.Length; i++)
        {
            var always = true;
            for (var assignment = 0; assignment < 1 << _freeCount && always; assignment++)
            {
                always = Evaluate(PermanentClientErrors[i], assignment) == wanted;
            }

            if (always)
            {
                bits |= 1 << i;
            }
        }

        return bits;
    }

    /// <summary>"400 Bad Request and 422 Unprocessable Content", or "every client error (…)".</summary>
    public static string Describe(int bits)
    {
        var all = (1 << PermanentClientErrors.Length) - 1;
        if (bits == all)
        {
            return "every client error (400 Bad Request, 401 Unauthorized, 402 Payment Required, 403 Forbidden, 413 Content Too Large, 422 Unprocessable Content, …)";
        }

        var builder = new System.Text.StringBuilder();
        var count = 0;
        for (var i = 0; i < PermanentClientErrors.Length; i++)
        {
            if ((bits & (1 << i)) != 0)
            {
                count++;
            }
        }

        var written = 0;
        for (var i = 0; i < PermanentClientErrors.Length; i++)
        {
            if ((bits & (1 << i)) == 0)
            {
                continue;
            }

            if (written > 0)
            {
                builder.Append(written == count - 1 ? " and " : ", ");
            }

            builder.Append(PermanentClientErrors[i]).Append(' ').Append(Name(PermanentClientErrors[i]));
            written++;
        }

        return builder.ToString();
    }

    private static string Name(int code) => code switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        405 => "Method Not Allowed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        _ => "Request Header Fields Too Large",
    };

    private static Truth Not(Truth value) => value switch
    {
        Truth.True => Truth.False,
        Truth.False => Truth.True,
        _ => Truth.Unknown,
    };

    private static Truth And(Truth left, Truth right)
        => left == Truth.False || right == Truth.False ? Truth.False : left == Truth.True && right == Truth.True ? Truth.True : Truth.Unknown;

    private static Truth Or(Truth left, Truth right)
        => left == Truth.True || right == Truth.True ? Truth.True : left == Truth.False && right == Truth.False ? Truth.False : Truth.Unknown;

    private static Truth Of(bool value) => value ? Truth.True : Truth.False;

    private Truth Eval(IOperation? operation, int status)
    {
        operation = operation?.WalkDownConversions();
        while (operation is IConditionalAccessOperation conditional)
        {
            operation = conditional.WhenNotNull.WalkDownConversions();
        }

        if (operation is null)
        {
            return Truth.Unknown;
        }

        if (operation.ConstantValue.HasValue && operation.ConstantValue.Value is bool constant)
        {
            return Of(constant);
        }

        switch (operation)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Not(Eval(not.Operand, status));
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And } conjunction when IsBoolean(conjunction):
                var leftAnd = Eval(conjunction.LeftOperand, status);
                return And(leftAnd, Eval(conjunction.RightOperand, status));
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or } disjunction when IsBoolean(disjunction):
                var leftOr = Eval(disjunction.LeftOperand, status);
                return Or(leftOr, Eval(disjunction.RightOperand, status));
            case IBinaryOperation binary:
                return EvalBinary(binary, status);
            case IIsPatternOperation isPattern:
                return EvalPattern(isPattern.Pattern, KindOf(isPattern.Value), status);
            case IIsTypeOperation isType:
                return KindOf(isType.ValueOperand) == Subject.Exception ? Truth.False : Free(operation);
            case IPropertyReferenceOperation { Property.Name: "IsSuccessStatusCode" }:
                return Of(status >= 200 && status < 300);
            case IInvocationOperation invocation:
                return EvalInvocation(invocation, status);
            case IObjectCreationOperation { Arguments.Length: 1 } creation when creation.Type?.Name == "ValueTask":
                return Eval(creation.Arguments[0].Value, status);
            case ISwitchExpressionOperation switchExpression:
                return EvalSwitch(switchExpression, status, out _);
            case ILocalReferenceOperation local when local.Type?.SpecialType == SpecialType.System_Boolean:
                var value = LocalValues.GetSingleValue(local);
                return value is null || value.Syntax.SpanStart > local.Syntax.SpanStart ? Truth.Unknown : Eval(value, status);
            default:
                return Free(operation);
        }
    }

    private static bool IsBoolean(IBinaryOperation binary)
    {
        var type = binary.Type;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        return type?.SpecialType == SpecialType.System_Boolean;
    }

    /// <summary>A part that does not look at the response: its value is one of the enumerated combinations; anything else is unknown.</summary>
    private Truth Free(IOperation operation)
    {
        if (!IsFree(operation))
        {
            return Truth.Unknown;
        }

        var index = _freeIndex++;
        return index >= MaxFree ? Truth.Unknown : Of((_assignment & (1 << index)) != 0);
    }

    private const byte FreeFlag = 0x80;
    private const byte KnownFreeFlag = 0x40;
    private const byte KnownKindFlag = 0x20;

    private int CacheSlot(IOperation operation)
    {
        for (var i = 0; i < _cached; i++)
        {
            if (ReferenceEquals(_cachedOperations[i], operation))
            {
                return i;
            }
        }

        if (_cached == CacheSize)
        {
            return -1;
        }

        _cachedOperations[_cached] = operation;
        _cachedFacts[_cached] = 0;
        return _cached++;
    }

    private bool IsFree(IOperation operation)
    {
        var slot = CacheSlot(operation);
        if (slot >= 0 && (_cachedFacts[slot] & KnownFreeFlag) != 0)
        {
            return (_cachedFacts[slot] & FreeFlag) != 0;
        }

        var free = ComputeIsFree(operation);
        if (slot >= 0)
        {
            _cachedFacts[slot] |= (byte)(KnownFreeFlag | (free ? FreeFlag : 0));
        }

        return free;
    }

    private bool ComputeIsFree(IOperation operation)
    {
        foreach (var part in OperationWalk.Of(operation))
        {
            switch (part)
            {
                case IInvocationOperation:
                case IAnonymousFunctionOperation:
                case IObjectCreationOperation:
                    return false;
                case ILocalReferenceOperation { Local.Type.SpecialType: SpecialType.System_Boolean }:
                    return false;
                case IPropertyReferenceOperation property when property.Instance is { } instance && KindOf(instance) != Subject.Other:
                    return false;
                case IParameterReferenceOperation or ILocalReferenceOperation when KindOf(part) != Subject.Other:
                    return false;
            }
        }

        return true;
    }

    private Truth EvalInvocation(IInvocationOperation invocation, int status)
    {
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "FromResult" when invocation.Arguments.Length == 1:
                return Eval(invocation.Arguments[0].Value, status);
            case "True" when invocation.Arguments.Length == 0 && method.IsStatic && method.ContainingType.Name == "PredicateResult":
                return Truth.True;
            case "False" when invocation.Arguments.Length == 0 && method.IsStatic && method.ContainingType.Name == "PredicateResult":
                return Truth.False;
            default:
                return Truth.Unknown;
        }
    }

    private Truth EvalBinary(IBinaryOperation binary, int status)
    {
        var leftKind = KindOf(binary.LeftOperand);
        var rightKind = KindOf(binary.RightOperand);
        var kind = binary.OperatorKind;
        IOperation other;
        Subject subject;
        if (leftKind != Subject.Other)
        {
            subject = leftKind;
            other = binary.RightOperand;
        }
        else if (rightKind != Subject.Other)
        {
            subject = rightKind;
            other = binary.LeftOperand;
            kind = kind switch
            {
                BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
                BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
                BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
                BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
                _ => kind,
            };
        }
        else
        {
            return Free(binary);
        }

        var constant = other.WalkDownConversions().ConstantValue;
        if (!constant.HasValue)
        {
            constant = other.ConstantValue;
        }

        switch (subject)
        {
            case Subject.Status:
                var code = Code(constant);
                if (code is null)
                {
                    return Truth.Unknown;
                }

                return kind switch
                {
                    BinaryOperatorKind.Equals => Of(status == code),
                    BinaryOperatorKind.NotEquals => Of(status != code),
                    BinaryOperatorKind.LessThan => Of(status < code),
                    BinaryOperatorKind.LessThanOrEqual => Of(status <= code),
                    BinaryOperatorKind.GreaterThan => Of(status > code),
                    BinaryOperatorKind.GreaterThanOrEqual => Of(status >= code),
                    _ => Truth.Unknown,
                };
            case Subject.Success when constant.HasValue && constant.Value is bool expected:
                var success = status >= 200 && status < 300;
                return kind switch
                {
                    BinaryOperatorKind.Equals => Of(success == expected),
                    BinaryOperatorKind.NotEquals => Of(success != expected),
                    _ => Truth.Unknown,
                };
            case Subject.Exception when constant.HasValue && constant.Value is null:
                return kind switch
                {
                    BinaryOperatorKind.Equals => Truth.True,
                    BinaryOperatorKind.NotEquals => Truth.False,
                    _ => Truth.Unknown,
                };
            case Subject.Response when constant.HasValue && constant.Value is null:
                return kind switch
                {
                    BinaryOperatorKind.Equals => Truth.False,
                    BinaryOperatorKind.NotEquals => Truth.True,
                    _ => Truth.Unknown,
                };
            default:
                return Truth.Unknown;
        }
    }

    private static int? Code(Optional<object?> constant)
        => constant.HasValue && constant.Value is int or short or long or byte or ushort or uint
            ? System.Convert.ToInt32(constant.Value, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    private enum Subject
    {
        Other,
        Status,
        Success,
        Exception,
        Response,
    }

    private Subject KindOf(IOperation? operation)
    {
        if (operation is null)
        {
            return Subject.Other;
        }

        var slot = CacheSlot(operation);
        if (slot >= 0 && (_cachedFacts[slot] & KnownKindFlag) != 0)
        {
            return (Subject)(_cachedFacts[slot] & 0x0F);
        }

        var kind = ComputeKindOf(operation);
        if (slot >= 0)
        {
            _cachedFacts[slot] |= (byte)(KnownKindFlag | (byte)kind);
        }

        return kind;
    }

    private Subject ComputeKindOf(IOperation? operation)
    {
        operation = operation?.WalkDownConversions();
        while (operation is IConditionalAccessOperation conditional)
        {
            operation = conditional.WhenNotNull.WalkDownConversions();
        }

        if (operation is null || operation.ConstantValue.HasValue)
        {
            return Subject.Other;
        }

        if (StatusTests.IsStatus(operation, _types.HttpStatusCode))
        {
            return Subject.Status;
        }

        if (operation is IPropertyReferenceOperation { Property.Name: "IsSuccessStatusCode" })
        {
            return Subject.Success;
        }

        return KindOfType(operation.Type);
    }

    private Subject KindOfType(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type is null)
        {
            return Subject.Other;
        }

        if (type.InheritsFromOrEquals(_types.Exception))
        {
            return Subject.Exception;
        }

        if (type.InheritsFromOrEquals(_types.HttpResponseMessage))
        {
            return Subject.Response;
        }

        // Polly's Outcome<HttpResponseMessage> and the predicate arguments that carry it.
        return type is INamedTypeSymbol { IsGenericType: true } generic && generic.ContainingNamespace?.Name == "Polly" &&
               generic.TypeArguments.Length == 1 && generic.TypeArguments[0].InheritsFromOrEquals(_types.HttpResponseMessage)
            ? Subject.Response
            : Subject.Other;
    }

    private Truth EvalPattern(IPatternOperation? pattern, Subject subject, int status)
    {
        switch (pattern)
        {
            case null:
                return Truth.Unknown;
            case IDiscardPatternOperation:
                return Truth.True;
            case INegatedPatternOperation negated:
                return Not(EvalPattern(negated.Pattern, subject, status));
            case IBinaryPatternOperation binary:
                var left = EvalPattern(binary.LeftPattern, subject, status);
                var right = EvalPattern(binary.RightPattern, subject, status);
                return binary.OperatorKind == BinaryOperatorKind.Or ? Or(left, right) : And(left, right);
            case IConstantPatternOperation constantPattern:
                var constant = constantPattern.Value.WalkDownConversions().ConstantValue;
                if (!constant.HasValue)
                {
                    constant = constantPattern.Value.ConstantValue;
                }

                if (!constant.HasValue)
                {
                    return Truth.Unknown;
                }

                return subject switch
                {
                    Subject.Status => Code(constant) is { } code ? Of(status == code) : Truth.Unknown,
                    Subject.Success => constant.Value is bool expected ? Of((status >= 200 && status < 300) == expected) : Truth.Unknown,
                    Subject.Exception => Of(constant.Value is null),
                    Subject.Response => constant.Value is null ? Truth.False : Truth.Unknown,
                    _ => Truth.Unknown,
                };
            case IRelationalPatternOperation relational when subject == Subject.Status:
                var bound = Code(relational.Value.WalkDownConversions().ConstantValue) ?? Code(relational.Value.ConstantValue);
                if (bound is null)
                {
                    return Truth.Unknown;
                }

                return relational.OperatorKind switch
                {
                    BinaryOperatorKind.LessThan => Of(status < bound),
                    BinaryOperatorKind.LessThanOrEqual => Of(status <= bound),
                    BinaryOperatorKind.GreaterThan => Of(status > bound),
                    BinaryOperatorKind.GreaterThanOrEqual => Of(status >= bound),
                    _ => Truth.Unknown,
                };
            case ITypePatternOperation:
            case IDeclarationPatternOperation:
                return subject switch
                {
                    Subject.Exception => Truth.False,
                    Subject.Response or Subject.Status or Subject.Success => Truth.True,
                    _ => Truth.Unknown,
                };
            case IRecursivePatternOperation recursive:
                if (subject == Subject.Exception)
                {
                    return Truth.False;
                }

                if (subject != Subject.Response || !recursive.DeconstructionSubpatterns.IsEmpty)
                {
                    return Truth.Unknown;
                }

                var result = Truth.True;
                foreach (var sub in recursive.PropertySubpatterns)
                {
                    var member = sub.Member;
                    var memberKind = member switch
                    {
                        IPropertyReferenceOperation { Property.Name: "IsSuccessStatusCode" } => Subject.Success,
                        IPropertyReferenceOperation property when StatusTests.IsStatus(property, _types.HttpStatusCode) => Subject.Status,
                        IPropertyReferenceOperation or IFieldReferenceOperation => KindOfType(member.Type),
                        _ => Subject.Other,
                    };
                    result = And(result, memberKind == Subject.Other ? Truth.Unknown : EvalPattern(sub.Pattern, memberKind, status));
                }

                return result;
            default:
                return Truth.Unknown;
        }
    }

    /// <summary>The value of a switch expression for the status; <paramref name="arm"/> is the arm that decides it, when one does.</summary>
    public Truth EvalSwitch(ISwitchExpressionOperation switchExpression, int status, out ISwitchExpressionArmOperation? arm)
    {
        arm = null;
        var subject = KindOf(switchExpression.Value);
        foreach (var candidate in switchExpression.Arms)
        {
            var matches = EvalPattern(candidate.Pattern, subject, status);
            if (candidate.Guard is not null)
            {
                matches = And(matches, Eval(candidate.Guard, status));
            }

            switch (matches)
            {
                case Truth.True:
                    arm = candidate;
                    return Eval(candidate.Value, status);
                case Truth.Unknown:
                    return Truth.Unknown;
            }
        }

        return Truth.Unknown;
    }
}
