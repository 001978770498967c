using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Retries;

/// <summary>
/// HTTP0005: server code that produces 429/503 (<c>Results.StatusCode</c>, <c>TypedResults.StatusCode</c>, <c>Problem(statusCode: …)</c>,
/// <c>ControllerBase.StatusCode</c>, <c>Response.StatusCode = …</c>, <c>AddRateLimiter</c> without an <c>OnRejected</c>
/// that sets Retry-After) without setting a <c>Retry-After</c> header on that path.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RetryAfterResponseAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.RetryAfterNotSent);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var types = KnownTypes.Get(start.Compilation);
            if (types.HttpResponse is null)
            {
                return;
            }

            var analysis = new Analysis(types);
            var statusCodeResult = types.MvcStatusCodeResult is not null;
            // Only the types of files that write 429 or 503 (or add a rate limiter) have the actions (TypeScopedActions).
            start.RegisterForTypes(Analysis.StatusFiles.AnyDeclaration, type =>
            {
                type.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
                type.RegisterOperationAction(analysis.AnalyzeAssignment, OperationKind.SimpleAssignment);
                if (statusCodeResult)
                {
                    type.RegisterOperationAction(analysis.AnalyzeObjectCreation, OperationKind.ObjectCreation);
                }
            });
        });
    }

    private sealed class Analysis
    {
        /// <summary>
        /// The words of a file that can hold a finding: every status is a constant (<see cref="Code"/>) that the file writes
        /// (<see cref="StatusTests.RateLimitWords"/>); a rate limiter is added by name.
        /// </summary>
        public static readonly FileWords StatusFiles = new([.. StatusTests.RateLimitWords, "AddRateLimiter"]);

        private static readonly ImmutableDictionary<string, string?> StatusInOnRejected = ImmutableDictionary<string, string?>.Empty.Add(RetryFixData.LeaseProperty, "Status");
        private static readonly ImmutableDictionary<string, string?> MissingOnRejected = ImmutableDictionary<string, string?>.Empty.Add(RetryFixData.LeaseProperty, "AddRateLimiter");

        private readonly KnownTypes _types;

        public Analysis(KnownTypes types) => _types = types;

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "AddRateLimiter" when method.IsMethod(_types.RateLimiterServiceCollectionExtensions, "AddRateLimiter"):
                    AnalyzeAddRateLimiter(context, invocation);
                    break;
                default:
                    // Results/TypedResults (StatusCode, Problem, Json, Text, …), ControllerBase and PageModel helpers with a status argument.
                    // The type first, by name (one string switch rules out the calls on every other type, before four symbol
                    // comparisons), then the arguments, which are already built (a method's Parameters would allocate a new
                    // array on every call).
                    var containing = method.ContainingType;
                    if (containing?.Name is not ("Results" or "TypedResults" or "ControllerBase" or "PageModel") ||
                        !(containing.Is(_types.Results) || containing.Is(_types.TypedResults) || containing.Is(_types.ControllerBase) || containing.Is(_types.PageModel)) ||
                        invocation.GetArgument("statusCode")?.Value is not { } status)
                    {
                        return;
                    }

                    var code = Code(status);
                    if (code is null || SetsRetryAfter(invocation.GetEnclosingBody(), invocation))
                    {
                        return;
                    }

                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.RetryAfterNotSent,
                        invocation.NameLocation(),
                        ResultFix(invocation),
                        "'" + method.ContainingType.Name + "." + method.Name + "'",
                        code));
                    break;
            }
        }

        private void AnalyzeAddRateLimiter(OperationAnalysisContext context, IInvocationOperation invocation)
        {
            var configure = invocation.GetArgument("configureOptions")?.Value.WalkDownConversions();
            if (configure is IDelegateCreationOperation creation)
            {
                configure = creation.Target;
            }

            if (configure is not IAnonymousFunctionOperation lambda)
            {
                return;
            }

            var status = "503 Service Unavailable";
            var sawOnRejected = false;
            foreach (var operation in OperationWalk.Below(lambda.Body))
            {
                if (operation is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment ||
                    !property.Property.ContainingType.Is(_types.RateLimiterOptions))
                {
                    continue;
                }

                switch (property.Property.Name)
                {
                    case "RejectionStatusCode":
                        var code = Code(assignment.Value);
                        if (code is null)
                        {
                            return; // not 429/503, or not visible
                        }

                        status = code;
                        break;
                    case "OnRejected":
                        sawOnRejected = true;
                        var handler = assignment.Value.WalkDownConversions();
                        if (handler is IDelegateCreationOperation handlerCreation)
                        {
                            handler = handlerCreation.Target;
                        }

                        // A handler that is not visible, sets Retry-After, or sets the status itself (reported there) is not reported here.
                        if (handler is not IAnonymousFunctionOperation onRejected || RetryAfterWrites.In(onRejected) || SetsStatus(onRejected))
                        {
                            return;
                        }

                        break;
                }
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.RetryAfterNotSent,
                invocation.NameLocation(),
                sawOnRejected ? null : MissingOnRejected,
                "'AddRateLimiter'",
                status));
        }

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation property)
            {
                return;
            }

            switch (property.Property.Name)
            {
                case "StatusCode":
                    break;
                case "StatusCodeSelector" when property.Property.ContainingType.Is(_types.ExceptionHandlerOptions):
                    AnalyzeStatusCodeSelector(context, assignment);
                    return;
                default:
                    return;
            }

            var containing = property.Property.ContainingType;
            var onResponse = containing.InheritsFromOrEquals(_types.HttpResponse);
            if (!onResponse && !containing.InheritsFromOrEquals(_types.MvcObjectResult))
            {
                return;
            }

            var code = Code(assignment.Value);
            var body = assignment.GetEnclosingBody();
            if (code is null || SetsRetryAfter(body, assignment))
            {
                return;
            }

            if (!onResponse)
            {
                // new ObjectResult(…) { StatusCode = 503 }
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.RetryAfterNotSent, assignment.Syntax.GetLocation(), "'" + containing.Name + "'", code));
                return;
            }

            var inOnRejected = body is IAnonymousFunctionOperation lambda && lambda.Symbol.Parameters.Length > 0 &&
                               lambda.Symbol.Parameters[0].Type.Is(_types.OnRejectedContext);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.RetryAfterNotSent,
                assignment.Syntax.GetLocation(),
                inOnRejected ? StatusInOnRejected : null,
                "This status assignment",
                code));
        }

        /// <summary>
        /// <c>ExceptionHandlerOptions.StatusCodeSelector = ex => … 503 …</c>: the exception handler answers with the status the selector
        /// returns. Reported at each 429/503 the selector returns, unless Retry-After is written where that answer may be made: anywhere in
        /// the method that configures the options (an <c>ExceptionHandler</c> delegate next to the selector, say), by an <c>IExceptionHandler</c>,
        /// <c>IProblemDetailsWriter</c> or <c>CustomizeProblemDetails</c> of the compilation (<see cref="ExceptionResponseHeaders"/>), or
        /// by a re-executed error page (<c>ExceptionHandlingPath</c>, not visible here).
        /// </summary>
        private void AnalyzeStatusCodeSelector(OperationAnalysisContext context, ISimpleAssignmentOperation assignment)
        {
            var selector = assignment.Value.WalkDownConversions();
            if (selector is IDelegateCreationOperation creation)
            {
                selector = creation.Target;
            }

            if (selector is not IAnonymousFunctionOperation lambda)
            {
                return;
            }

            List<IOperation>? statuses = null;
            foreach (var operation in OperationWalk.Below(lambda.Body))
            {
                if (operation is IReturnOperation { ReturnedValue: { } returned } && ReferenceEquals(operation.GetEnclosingFunction(), lambda))
                {
                    CollectStatuses(returned, ref statuses);
                }
            }

            if (statuses is null)
            {
                return;
            }

            var root = assignment.GetRoot();
            foreach (var operation in OperationWalk.Of(root))
            {
                if (RetryAfterWrites.IsWrite(operation, followHelpers: true) ||
                    operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "ExceptionHandlingPath" } path } &&
                    path.Property.ContainingType.Is(_types.ExceptionHandlerOptions))
                {
                    return;
                }
            }

            if (ExceptionResponseHeaders.Get(context.Compilation, context.CancellationToken).SetsRetryAfter)
            {
                return;
            }

            foreach (var status in statuses)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.RetryAfterNotSent, status.Syntax.GetLocation(), "'ExceptionHandlerOptions.StatusCodeSelector'", Code(status)));
            }
        }

        /// <summary>The 429/503 constants a returned value can be: the value itself, the arms of a conditional, a switch expression, a <c>??</c>.</summary>
        private static void CollectStatuses(IOperation value, ref List<IOperation>? statuses)
        {
            value = value.WalkDownConversions();
            switch (value)
            {
                case IConditionalOperation conditional:
                    CollectStatuses(conditional.WhenTrue, ref statuses);
                    if (conditional.WhenFalse is { } whenFalse)
                    {
                        CollectStatuses(whenFalse, ref statuses);
                    }

                    break;
                case ISwitchExpressionOperation switchExpression:
                    foreach (var arm in switchExpression.Arms)
                    {
                        CollectStatuses(arm.Value, ref statuses);
                    }

                    break;
                case ICoalesceOperation coalesce:
                    CollectStatuses(coalesce.Value, ref statuses);
                    CollectStatuses(coalesce.WhenNull, ref statuses);
                    break;
                default:
                    if (Code(value) is not null)
                    {
                        (statuses ??= []).Add(value);
                    }

                    break;
            }
        }

        /// <summary>
        /// What the fix needs to set Retry-After next to a result that carries 429/503: the response in scope (an
        /// <c>HttpContext</c>/<c>HttpResponse</c> parameter or local, a controller's or page's <c>Response</c>) and a visible delay (a
        /// rate-limit lease, a <c>TimeSpan</c> named for the retry delay or the limiter's window, an <c>int</c> constant of seconds).
        /// Null when either is missing: the value would have to be invented.
        /// </summary>
        private ImmutableDictionary<string, string?>? ResultFix(IOperation site)
        {
            var model = site.SemanticModel;
            if (model is null)
            {
                return null;
            }

            var position = site.Syntax.SpanStart;
            string? response = null;
            string? value = null;
            string? lease = null;
            foreach (var symbol in model.LookupSymbols(position))
            {
                ITypeSymbol? type;
                switch (symbol)
                {
                    case ILocalSymbol local when local.DeclaringSyntaxReferences.Length == 1 && local.DeclaringSyntaxReferences[0].Span.End < position:
                        type = local.Type;
                        break;
                    case IParameterSymbol parameter:
                        type = parameter.Type;
                        break;
                    case IPropertySymbol { IsStatic: false, Name: "Response" } property when !IsStaticContext(model, position):
                        type = property.Type;
                        break;
                    case IFieldSymbol { IsConst: true } constant:
                        type = constant.Type;
                        break;
                    case IFieldSymbol { IsStatic: true, IsReadOnly: true } field:
                        type = field.Type;
                        break;
                    default:
                        continue;
                }

                var name = symbol.Name;
                if (type.Is(_types.HttpContext))
                {
                    response ??= name + ".Response";
                }
                else if (type.Is(_types.HttpResponse))
                {
                    response ??= name;
                }
                else if (type.InheritsFromOrEquals(_types.RateLimitLease))
                {
                    lease ??= name;
                }
                else if (type.Is(_types.TimeSpan) && NamesDelay(name))
                {
                    value ??= "((int)" + name + ".TotalSeconds).ToString(System.Globalization.NumberFormatInfo.InvariantInfo)";
                }
                else if (symbol is IFieldSymbol { IsConst: true } or ILocalSymbol { IsConst: true } && type?.SpecialType == SpecialType.System_Int32 &&
                         name.IndexOf("RetryAfter", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    value ??= name + ".ToString(System.Globalization.NumberFormatInfo.InvariantInfo)";
                }
            }

            if (response is null || (value is null && lease is null))
            {
                return null;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(RetryFixData.LeaseProperty, "Result").Add(RetryFixData.ResponseProperty, response);
            return lease is not null ? properties.Add(RetryFixData.LeaseNameProperty, lease) : properties.Add(RetryFixData.ValueProperty, value);
        }

        private static bool NamesDelay(string name)
            => name.IndexOf("RetryAfter", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("Window", StringComparison.OrdinalIgnoreCase) >= 0 ||
               name.IndexOf("Delay", StringComparison.OrdinalIgnoreCase) >= 0;

        private static bool IsStaticContext(SemanticModel model, int position)
            => model.GetEnclosingSymbol(position) is { IsStatic: true } or IMethodSymbol { MethodKind: MethodKind.LambdaMethod, ContainingSymbol.IsStatic: true };

        // new StatusCodeResult(429)
        public void AnalyzeObjectCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Arguments.Length != 1 || !creation.Type.Is(_types.MvcStatusCodeResult))
            {
                return;
            }

            var code = Code(creation.Arguments[0].Value);
            if (code is null || SetsRetryAfter(creation.GetEnclosingBody(), creation))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.RetryAfterNotSent, creation.Syntax.GetLocation(), "'StatusCodeResult'", code));
        }

        private bool SetsStatus(IOperation body)
        {
            foreach (var operation in OperationWalk.Below(body))
            {
                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "StatusCode" } property } &&
                    property.Property.ContainingType.InheritsFromOrEquals(_types.HttpResponse))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A Retry-After write on the path of <paramref name="site"/>: in the same body, not in a branch (an <c>if</c> arm, a switch
        /// section, a catch) that excludes the site; also inside a helper method of the compilation called on that path.
        /// </summary>
        private static bool SetsRetryAfter(IOperation body, IOperation site)
        {
            foreach (var operation in OperationWalk.Of(body))
            {
                if (!RetryAfterWrites.IsWrite(operation, followHelpers: true) || !OnPathOf(operation, site))
                {
                    continue;
                }

                return true;
            }

            return false;
        }

        private static bool OnPathOf(IOperation write, IOperation site)
        {
            var span = site.Syntax.Span;
            IOperation child = write;
            for (var current = write.Parent; current is not null; child = current, current = current.Parent)
            {
                if (current.Syntax.Span.Contains(span))
                {
                    return true;
                }

                switch (current)
                {
                    case IConditionalOperation conditional when !ReferenceEquals(child, conditional.Condition):
                    case ISwitchCaseOperation:
                    case ICatchClauseOperation:
                    case ISwitchExpressionArmOperation:
                        return false;
                }
            }

            return true;
        }

        private static string? Code(IOperation? value)
        {
            if (value is null)
            {
                return null;
            }

            var constant = value.WalkDownConversions().ConstantValue;
            if (!constant.HasValue)
            {
                constant = value.ConstantValue;
            }

            if (!constant.HasValue || constant.Value is not int code)
            {
                return null;
            }

            return code switch
            {
                429 => "429 Too Many Requests",
                503 => "503 Service Unavailable",
                _ => null,
            };
        }
    }
}
