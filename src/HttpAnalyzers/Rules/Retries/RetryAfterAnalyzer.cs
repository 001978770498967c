using System;
using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace HttpAnalyzers.Rules.Retries;

/// <summary>
/// HTTP0004: client code that recognises 429/503 and then waits (<c>Task.Delay</c>, <c>Thread.Sleep</c>) without reading
/// Retry-After; Polly v8 <c>RetryStrategyOptions&lt;HttpResponseMessage&gt;</c> handling 429/503 without a Retry-After
/// <c>DelayGenerator</c>; Polly v7 <c>WaitAndRetry*</c> on 429/503 results whose sleep durations ignore the response;
/// <c>HttpRetryStrategyOptions</c> with <c>ShouldRetryAfterHeader = false</c> or a <c>DelayGenerator</c> that ignores Retry-After.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RetryAfterAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.RetryAfterIgnored);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var types = KnownTypes.Get(start.Compilation);
            if (types.HttpResponseMessage is null || types.HttpStatusCode is null)
            {
                return;
            }

            var analysis = new Analysis(types);
            var strategyOptions = types.PollyRetryStrategyOptionsOfT is not null;
            var httpOptions = types.HttpRetryStrategyOptions is not null;
            // Only the types of files that can hold a finding have the actions (TypeScopedActions): every wait is judged
            // after a test of 429 or 503 by a constant the file writes, and the resilience options by their property names.
            start.RegisterForTypes(Analysis.Files.AnyDeclaration, type =>
            {
                type.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
                if (strategyOptions)
                {
                    type.RegisterOperationAction(analysis.AnalyzeObjectCreation, OperationKind.ObjectCreation);
                }

                if (httpOptions)
                {
                    type.RegisterOperationAction(analysis.AnalyzeAssignment, OperationKind.SimpleAssignment);
                }
            });
        });
    }

    private sealed class Analysis
    {
        /// <summary>The words of a file that can hold a finding: a 429/503 constant (<see cref="StatusTests.RateLimitWords"/>) or an options property.</summary>
        public static readonly FileWords Files = new([.. StatusTests.RateLimitWords, "ShouldRetryAfterHeader", "DelayGenerator"]);

        private static readonly ImmutableDictionary<string, string?> Fixable = ImmutableDictionary<string, string?>.Empty.Add(RetryFixData.FixableProperty, "true");
        private static readonly ImmutableDictionary<string, string?> FixableMilliseconds = Fixable.Add(RetryFixData.MillisecondsProperty, "true");
        private static readonly ImmutableDictionary<string, string?> AddDelayGenerator = ImmutableDictionary<string, string?>.Empty.Add(RetryFixData.AddDelayGeneratorProperty, "true");

        private readonly KnownTypes _types;

        public Analysis(KnownTypes types) => _types = types;

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "Delay" when method.ContainingType.Is(_types.Task):
                case "Sleep" when method.ContainingType.Is(_types.Thread):
                    AnalyzeDelay(context, invocation);
                    break;
                default:
                    if (method.Name.StartsWith("WaitAndRetry", StringComparison.Ordinal))
                    {
                        AnalyzeWaitAndRetry(context, invocation);
                    }
                    else if (IsHelperCandidate(method))
                    {
                        AnalyzeHelperWait(context, invocation);
                    }

                    break;
            }
        }

        /// <summary>
        /// Cheap filter: a method declared in source (checked first: a framework method answers with an empty array at once,
        /// where its assembly is found through its namespaces and asking its return type can allocate) of this compilation
        /// that returns nothing or a non-generic task (a wait helper).
        /// </summary>
        private bool IsHelperCandidate(IMethodSymbol method)
            => !method.OriginalDefinition.DeclaringSyntaxReferences.IsEmpty &&
               SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _types.Compilation.Assembly) &&
               (method.ReturnsVoid || method.ReturnType.Is(_types.Task) || method.ReturnType.Name == "ValueTask" && method.ReturnType is INamedTypeSymbol { IsGenericType: false });

        // A helper method the client calls to wait (`await BackoffAsync(attempt)`) whose body calls Task.Delay or Thread.Sleep.
        private void AnalyzeHelperWait(OperationAnalysisContext context, IInvocationOperation call)
        {
            var trigger = FindRateLimitTrigger(call);
            if (trigger is null)
            {
                return;
            }

            var body = SourceMethods.Body(call.TargetMethod, call);
            if (body is null || !Waits(body) || ReadsRetryAfter(body) || ReadsRetryAfter(call.GetRoot()))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.RetryAfterIgnored,
                call.NameLocation(),
                "'" + call.TargetMethod.Name + "'",
                trigger.Value.Codes));
        }

        private bool Waits(IOperation body)
        {
            foreach (var operation in OperationWalk.Below(body))
            {
                if (operation is IInvocationOperation { TargetMethod: var method } &&
                    ((method.Name == "Delay" && method.ContainingType.Is(_types.Task)) || (method.Name == "Sleep" && method.ContainingType.Is(_types.Thread))))
                {
                    return true;
                }
            }

            return false;
        }

        private void AnalyzeDelay(OperationAnalysisContext context, IInvocationOperation delay)
        {
            var trigger = FindRateLimitTrigger(delay);
            // The delay's own arguments first (Task.Delay(response.Headers.RetryAfter?.Delta ?? …)), then the whole body.
            if (trigger is null || ReadsRetryAfter(delay) || ReadsRetryAfter(delay.GetRoot()))
            {
                return;
            }

            var (status, codes) = trigger.Value;
            var read = status.WalkDownConversions();
            if (read is ILocalReferenceOperation local && LocalValues.GetSingleValue(local) is { } stored)
            {
                read = stored.WalkDownConversions();
            }

            var fixable = read is IPropertyReferenceOperation { Instance: { } instance } && instance.Type.Is(_types.HttpResponseMessage) &&
                          instance.WalkDownConversions() is ILocalReferenceOperation or IParameterReferenceOperation;
            var fix = fixable ? DelayFix(delay) : null;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.RetryAfterIgnored,
                delay.NameLocation(),
                fix?.Locations,
                fix?.Properties,
                "'" + delay.TargetMethod.ContainingType.Name + "." + delay.TargetMethod.Name + "'",
                codes));
        }

        /// <summary>
        /// What the fix needs to wait for Retry-After (<see cref="RetryFixData.FixableProperty"/>): the response (a local or parameter)
        /// whose status test leads to <paramref name="delay"/>, and its positional delay argument, an <c>int</c> of milliseconds or a
        /// <c>TimeSpan</c>. Null when either is missing.
        /// </summary>
        private (Location[] Locations, ImmutableDictionary<string, string?> Properties)? DelayFix(IInvocationOperation delay)
        {
            if (delay.Arguments.Length == 0 || delay.Arguments[0] is not { Syntax: ArgumentSyntax { NameColon: null } argumentSyntax } argument)
            {
                return null;
            }

            var response = FindResponse(delay);
            if (response is null)
            {
                return null;
            }

            var parameterType = argument.Parameter?.Type;
            var milliseconds = parameterType?.SpecialType == SpecialType.System_Int32;
            if (!milliseconds && !parameterType.Is(_types.TimeSpan))
            {
                return null;
            }

            return ([response.GetLocation(), argumentSyntax.GetLocation()], milliseconds ? FixableMilliseconds : Fixable);
        }

        /// <summary>The response whose status a condition on the way to <paramref name="delay"/> reads, as it is spelled in code (a local or parameter).</summary>
        private SyntaxNode? FindResponse(IOperation delay)
        {
            for (var current = delay.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    break;
                }

                var condition = current switch
                {
                    IConditionalOperation conditional => conditional.Condition,
                    ISwitchCaseOperation { Parent: ISwitchOperation @switch } => @switch.Value,
                    _ => null,
                };
                if (condition is null && current is IBlockOperation block)
                {
                    foreach (var statement in block.Operations)
                    {
                        if (statement is IConditionalOperation guard && statement.Syntax.SpanStart < delay.Syntax.SpanStart)
                        {
                            var candidate = StatusReceiver(guard.Condition);
                            if (candidate is not null)
                            {
                                return candidate;
                            }
                        }
                    }
                }

                var receiver = StatusReceiver(condition);
                if (receiver is not null)
                {
                    return receiver;
                }
            }

            return null;
        }

        private SyntaxNode? StatusReceiver(IOperation? condition)
        {
            if (condition is null)
            {
                return null;
            }

            foreach (var operation in OperationWalk.Of(condition))
            {
                if (operation is IPropertyReferenceOperation { Property.Name: "StatusCode", Instance: { } instance } property &&
                    property.Property.ContainingType.Is(_types.HttpResponseMessage) &&
                    instance.WalkDownConversions() is ILocalReferenceOperation or IParameterReferenceOperation &&
                    instance.Syntax is ExpressionSyntax syntax)
                {
                    return syntax;
                }
            }

            return null;
        }

        /// <summary>The status test that leads to <paramref name="delay"/> when the status is 429 or 503.</summary>
        private (IOperation Status, string Codes)? FindRateLimitTrigger(IOperation delay)
        {
            var child = delay;
            for (var current = delay.Parent; current is not null; child = current, current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return null;
                    case IConditionalOperation conditional:
                        var polarity = RateLimitPolarity(conditional.Condition, out var status, out var codes);
                        if (status is not null &&
                            ((polarity > 0 && ReferenceEquals(child, conditional.WhenTrue)) || (polarity < 0 && ReferenceEquals(child, conditional.WhenFalse))))
                        {
                            return (status, codes);
                        }

                        break;
                    case ISwitchCaseOperation section when section.Parent is ISwitchOperation @switch && IsClientStatus(@switch.Value, out var switchStatus):
                        var sectionCodes = 0;
                        foreach (var clause in section.Clauses)
                        {
                            sectionCodes |= clause switch
                            {
                                ISingleValueCaseClauseOperation single => CodeBits(single.Value),
                                IPatternCaseClauseOperation pattern => PatternBits(pattern.Pattern),
                                _ => 0,
                            };
                        }

                        if (sectionCodes != 0)
                        {
                            return (switchStatus!, Describe(sectionCodes));
                        }

                        break;
                    case ICatchClauseOperation { Filter: { } filter } @catch when ReferenceEquals(child, @catch.Handler):
                        if (RateLimitPolarity(filter, out var filterStatus, out var filterCodes) > 0 && filterStatus is not null)
                        {
                            return (filterStatus, filterCodes);
                        }

                        break;
                    case IBlockOperation block:
                        var index = block.Operations.IndexOf(child);
                        for (var i = index - 1; i >= 0; i--)
                        {
                            if (block.Operations[i] is IConditionalOperation { WhenFalse: null } guard &&
                                RateLimitPolarity(guard.Condition, out var guardStatus, out var guardCodes) < 0 && guardStatus is not null &&
                                AlwaysLeaves(guard.WhenTrue))
                            {
                                return (guardStatus, guardCodes);
                            }
                        }

                        break;
                }
            }

            return null;
        }

        private static bool AlwaysLeaves(IOperation operation)
        {
            if (operation is IBlockOperation block)
            {
                return block.Operations.Length > 0 && AlwaysLeaves(block.Operations[block.Operations.Length - 1]);
            }

            return operation is IReturnOperation or IBranchOperation or IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation };
        }

        /// <summary>+1 when the condition holds for 429/503, -1 when it holds for every other status, 0 otherwise.</summary>
        private int RateLimitPolarity(IOperation? condition, out IOperation? status, out string codes)
        {
            status = null;
            codes = string.Empty;
            var bits = 0;
            var polarity = Polarity(condition, ref status, ref bits);
            codes = Describe(bits);
            return polarity;
        }

        private int Polarity(IOperation? condition, ref IOperation? status, ref int bits)
        {
            condition = condition?.WalkDownConversions();
            switch (condition)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return -Polarity(not.Operand, ref status, ref bits);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical:
                    var left = Polarity(logical.LeftOperand, ref status, ref bits);
                    var right = Polarity(logical.RightOperand, ref status, ref bits);
                    return left == 0 ? right : right == 0 || right == left ? left : 0;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                    IOperation? found;
                    IOperation other;
                    if (IsClientStatus(binary.LeftOperand, out found))
                    {
                        other = binary.RightOperand;
                    }
                    else if (IsClientStatus(binary.RightOperand, out found))
                    {
                        other = binary.LeftOperand;
                    }
                    else
                    {
                        return 0;
                    }

                    var code = CodeBits(other);
                    if (code == 0)
                    {
                        return 0;
                    }

                    status = found;
                    bits |= code;
                    return binary.OperatorKind == BinaryOperatorKind.Equals ? 1 : -1;
                case IIsPatternOperation isPattern when IsClientStatus(isPattern.Value, out var patternStatus):
                    var sign = PatternSign(isPattern.Pattern, ref bits);
                    if (sign != 0)
                    {
                        status = patternStatus;
                    }

                    return sign;
                default:
                    return 0;
            }
        }

        private static int PatternSign(IPatternOperation pattern, ref int bits)
        {
            switch (pattern)
            {
                case IConstantPatternOperation constant:
                    var code = CodeBits(constant.Value);
                    bits |= code;
                    return code == 0 ? 0 : 1;
                case INegatedPatternOperation negated:
                    return -PatternSign(negated.Pattern, ref bits);
                case IBinaryPatternOperation binary:
                    var left = PatternSign(binary.LeftPattern, ref bits);
                    var right = PatternSign(binary.RightPattern, ref bits);
                    return left == 0 ? right : right == 0 || right == left ? left : 0;
                default:
                    return 0;
            }
        }

        private static int PatternBits(IPatternOperation pattern)
        {
            var bits = 0;
            return PatternSign(pattern, ref bits) > 0 ? bits : 0;
        }

        private static int CodeBits(IOperation value)
        {
            var constant = value.WalkDownConversions().ConstantValue;
            if (!constant.HasValue)
            {
                constant = value.ConstantValue;
            }

            if (!constant.HasValue || constant.Value is not (int or short or long))
            {
                return 0;
            }

            return Convert.ToInt32(constant.Value, System.Globalization.CultureInfo.InvariantCulture) switch
            {
                429 => 1,
                503 => 2,
                _ => 0,
            };
        }

        private static string Describe(int bits) => bits switch
        {
            1 => "a 429 Too Many Requests response",
            2 => "a 503 Service Unavailable response",
            _ => "a 429/503 response",
        };

        /// <summary>
        /// A status read on the client side: <c>StatusCode</c> of an <c>HttpResponseMessage</c> or an <c>HttpRequestException</c>,
        /// or any other <c>HttpStatusCode</c>-typed value (an SDK exception's own <c>StatusCode</c>, a local the status was stored in).
        /// Server-side <c>int</c> statuses (<c>HttpResponse.StatusCode</c>) do not count.
        /// </summary>
        private bool IsClientStatus(IOperation? operation, out IOperation? status)
        {
            operation = operation?.WalkDownConversions();
            while (operation is IConditionalAccessOperation conditional)
            {
                operation = conditional.WhenNotNull.WalkDownConversions();
            }

            status = null;
            if (operation is null || operation.ConstantValue.HasValue)
            {
                return false;
            }

            if (operation is IPropertyReferenceOperation { Property.Name: "StatusCode" } property &&
                (property.Property.ContainingType.Is(_types.HttpResponseMessage) || property.Property.ContainingType.Is(_types.HttpRequestException)))
            {
                status = property;
                return true;
            }

            var type = operation.Type;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            if (type.Is(_types.HttpStatusCode) && operation is IPropertyReferenceOperation or ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation)
            {
                status = operation;
                return true;
            }

            return false;
        }

        /// <summary>
        /// True when <paramref name="operation"/> or an operation under it reads Retry-After (recursive: no allocation):
        /// <c>Headers.RetryAfter</c>, the header by name (<c>TryGetValues("Retry-After", …)</c>), or a helper in the same
        /// compilation that is handed the response or its headers and reads it.
        /// </summary>
        private bool ReadsRetryAfter(IOperation operation) => ReadsRetryAfter(operation, followHelpers: true);

        /// <summary>A call that hands the response or its headers to a helper (which may read Retry-After).</summary>
        private bool PassesResponse(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                var type = argument.Value.WalkDownConversions().Type;
                if (type.InheritsFromOrEquals(_types.HttpResponseMessage) || type.InheritsFromOrEquals(_types.HttpHeaders))
                {
                    return true;
                }
            }

            return false;
        }

        private bool ReadsRetryAfter(IOperation operation, bool followHelpers)
        {
            // By kind first: most operations are none of these, and a kind costs one call where each type test costs one.
            switch (operation.Kind is OperationKind.PropertyReference or OperationKind.FieldReference or OperationKind.Invocation ? operation : null)
            {
                case IPropertyReferenceOperation { Property.Name: "RetryAfter" }:
                case IFieldReferenceOperation { Field.Name: "RetryAfter" }: // HeaderNames.RetryAfter
                    return true;
                case IInvocationOperation helper when followHelpers && PassesResponse(helper) &&
                                                      SourceMethods.Body(helper.TargetMethod, helper) is { } helperBody && ReadsRetryAfter(helperBody, followHelpers: false):
                    return true;
                case IInvocationOperation invocation when invocation.Arguments.Length > 0 &&
                                                          invocation.TargetMethod.ContainingType.InheritsFromOrEquals(_types.HttpHeaders):
                    if (invocation.Arguments[0].Value.ConstantValue.Value is string name && string.Equals(name, "Retry-After", StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }

                    break;
            }

            foreach (var child in operation.ChildOperations)
            {
                if (ReadsRetryAfter(child, followHelpers))
                {
                    return true;
                }
            }

            return false;
        }

        // Polly v7: WaitAndRetry* on a PolicyBuilder<T> that handles 429/503 results, with sleep durations that ignore the response.
        private void AnalyzeWaitAndRetry(OperationAnalysisContext context, IInvocationOperation invocation)
        {
            var containing = (invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).ContainingType;
            if (!(containing.Is(_types.PollyRetryTResultSyntax) || containing.Is(_types.PollyAsyncRetryTResultSyntax)))
            {
                return;
            }

            var builder = invocation.GetReceiverOrThisArgument();
            if (builder is null || !StatusTests.Of(builder, _types).RecognisesRateLimit)
            {
                return;
            }

            IOperation? durations = null;
            var fixedDurations = false;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name is "sleepDurationProvider" or "sleepDurations")
                {
                    durations = argument.Value.WalkDownConversions();
                    fixedDurations = argument.Parameter.Name == "sleepDurations";
                }
            }

            if (durations is IDelegateCreationOperation creation)
            {
                durations = creation.Target;
            }

            var ignores = durations switch
            {
                IAnonymousFunctionOperation lambda => !ReadsRetryAfter(lambda),
                null => false,
                _ => fixedDurations,
            };
            if (!ignores)
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.RetryAfterIgnored, invocation.NameLocation(), "'" + invocation.TargetMethod.Name + "'", "a 429/503 result"));
        }

        // Polly v8: new RetryStrategyOptions<HttpResponseMessage> { ShouldHandle = <429/503> } without a Retry-After DelayGenerator.
        public void AnalyzeObjectCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Initializer is null || creation.Type is not INamedTypeSymbol type || !type.InheritsFromOrEquals(_types.PollyRetryStrategyOptionsOfT) ||
                type.InheritsFromOrEquals(_types.HttpRetryStrategyOptions))
            {
                return;
            }

            IOperation? shouldHandle = null;
            IOperation? delayGenerator = null;
            foreach (var item in creation.Initializer.Initializers)
            {
                if (item is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
                {
                    switch (property.Property.Name)
                    {
                        case "ShouldHandle":
                            shouldHandle = assignment.Value;
                            break;
                        case "DelayGenerator":
                            delayGenerator = assignment.Value;
                            break;
                    }
                }
            }

            if (shouldHandle is null || !StatusTests.Of(shouldHandle, _types).RecognisesRateLimit)
            {
                return;
            }

            if (delayGenerator is not null && !IgnoresRetryAfter(delayGenerator))
            {
                return;
            }

            // Assigned later (options.DelayGenerator = …) or passed somewhere that may set it: stay silent.
            if (delayGenerator is null && creation.Parent is IVariableInitializerOperation)
            {
                foreach (var operation in OperationWalk.Below(creation.GetRoot()))
                {
                    if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "DelayGenerator" } })
                    {
                        return;
                    }
                }
            }

            var syntax = creation.Syntax;
            var end = syntax is ObjectCreationExpressionSyntax objectCreation ? (objectCreation.ArgumentList?.Span.End ?? objectCreation.Type.Span.End)
                : syntax is ImplicitObjectCreationExpressionSyntax implicitCreation ? implicitCreation.ArgumentList.Span.End
                : syntax.Span.End;
            var location = Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.SpanStart, end));
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.RetryAfterIgnored, location, delayGenerator is null ? AddDelayGenerator : null, "The retry strategy", "a 429/503 result"));
        }

        private bool IgnoresRetryAfter(IOperation value)
        {
            value = value.WalkDownConversions();
            if (value is IDelegateCreationOperation creation)
            {
                value = creation.Target;
            }

            return value is IAnonymousFunctionOperation lambda && !ReadsRetryAfter(lambda);
        }

        // HttpRetryStrategyOptions: ShouldRetryAfterHeader = false, or a DelayGenerator that ignores Retry-After.
        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation property)
            {
                return;
            }

            var name = property.Property.Name;
            if (name is not ("ShouldRetryAfterHeader" or "DelayGenerator"))
            {
                return;
            }

            var instanceType = property.Instance?.Type ?? property.Property.ContainingType;
            if (!instanceType.InheritsFromOrEquals(_types.HttpRetryStrategyOptions))
            {
                return;
            }

            if (name == "ShouldRetryAfterHeader")
            {
                if (assignment.Value.ConstantValue.Value is false)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.RetryAfterIgnored, assignment.Syntax.GetLocation(), "The HTTP retry strategy", "a 429/503 response (ShouldRetryAfterHeader = false)"));
                }

                return;
            }

            if (IgnoresRetryAfter(assignment.Value))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.RetryAfterIgnored, assignment.Syntax.GetLocation(), "The HTTP retry strategy", "a 429/503 response (its DelayGenerator replaces the built-in Retry-After handling)"));
            }
        }
    }
}
