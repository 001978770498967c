using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Retries;

/// <summary>
/// HTTP0007: a retry construct whose condition for trying again is true for client errors that the same request meets again
/// (400, 401, 402, 403, 405, 413, 414, 415, 422, 431): a generic failure test or those codes in a retry loop's condition or
/// <c>if</c>, in a Polly v8 <c>ShouldHandle</c> of retry or hedging strategy options, or in a Polly v7 <c>HandleResult</c>/<c>OrResult</c>
/// feeding a retry policy; or <c>EnsureSuccessStatusCode()</c> in the retried code whose exception is caught and retried
/// without a look at its status.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RetryConditionAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.RetryConditionIncludesClientErrors);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var types = KnownTypes.Get(start.Compilation);
            var requests = HttpRequests.Create(types);
            if (requests is null || types.HttpResponseMessage is null || types.HttpStatusCode is null)
            {
                return;
            }

            var analysis = new Analysis(types, requests, RetryConstructs.Create(types));
            // Only the types of files that can hold a finding have the actions (a loop, an Execute* callback, a Polly v7
            // retry call, a ShouldHandle), and their whole declaration is local to them (TypeScopedActions).
            var strategies = types.PollyRetryStrategyOptionsOfT is not null || types.PollyHedgingStrategyOptionsOfT is not null;
            start.RegisterForTypes(Analysis.MayHoldFinding, type =>
            {
                type.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
                if (strategies)
                {
                    type.RegisterOperationAction(analysis.AnalyzeAssignment, OperationKind.SimpleAssignment);
                }
            });
        });
    }

    private sealed class Analysis
    {
        private const int Unauthorized = 1 << 1; // bit of 401 in StatusCondition.PermanentClientErrors
        private const int AllClientErrors = (1 << 10) - 1;

        /// <summary>
        /// Whether a file declaring the type can hold a finding: a send or <c>EnsureSuccessStatusCode</c> written in it that may
        /// repeat (a loop or an <c>Execute*</c> call, <see cref="RetryConstructs.RepeatingFiles"/>), a Polly v7 retry call
        /// (<c>Retry*</c>, <c>WaitAndRetry*</c>), or a <c>ShouldHandle</c>.
        /// </summary>
        public static bool MayHoldFinding(ISymbol type)
            => PolicyFiles.AnyDeclaration(type) || (StatusReadFiles.AnyDeclaration(type) && RetryConstructs.RepeatingFiles.AnyDeclaration(type));

        private static readonly FileWords PolicyFiles = new("Ret*", "Wai*", "ShouldHandle");

        /// <summary>The calls a loop's finding is made at: a send (by its name, <see cref="ClientUses.SendNames"/>) or <c>EnsureSuccessStatusCode</c>.</summary>
        private static readonly FileWords StatusReadFiles = new([.. ClientUses.SendNames, "EnsureSuccessStatusCode"]);

        private readonly KnownTypes _types;
        private readonly HttpRequests _requests;
        private readonly RetryConstructs _constructs;

        // Whether a loop has a status condition (see HasCandidateCondition), asked once per loop: every send in it asks.
        private static readonly object Yes = new();
        private static readonly object No = new();
        private readonly ConditionalWeakTable<ILoopOperation, object> _statusConditions = new();
        private readonly ConditionalWeakTable<ILoopOperation, object>.CreateValueCallback _mentionsStatusCondition;

        public Analysis(KnownTypes types, HttpRequests requests, RetryConstructs constructs)
        {
            _types = types;
            _requests = requests;
            _constructs = constructs;
            _mentionsStatusCondition = loop => MentionsStatusCondition(loop) ? Yes : No;
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            var name = method.Name;
            if (name == "EnsureSuccessStatusCode")
            {
                if (method.ContainingType.Is(_types.HttpResponseMessage) && RetryConstructs.MayRepeat(invocation) && MayBeRetriedWithoutStatus(invocation))
                {
                    AnalyzeEnsureSuccess(context, invocation);
                }

                return;
            }

            if (HttpRequests.IsSendName(name))
            {
                // Cheapest first: a loop must enclose the send (before any lambda), and have a condition that may send it round again.
                if (NearestLoop(invocation) is { } nearest && HasCandidateCondition(nearest) && _requests.TryGetSend(invocation, out var send) &&
                    _constructs.FindEnclosing(send.Invocation, includePlainLoops: false) is { Kind: RetryConstructKind.Loop, IsRetry: true, Operation: ILoopOperation loop })
                {
                    AnalyzeLoop(context, loop, invocation);
                }

                return;
            }

            if (name.IndexOf("Retry", StringComparison.Ordinal) >= 0)
            {
                var containing = (method.ReducedFrom ?? method).ContainingType;
                if (containing.Is(_types.PollyRetryTResultSyntax) || containing.Is(_types.PollyAsyncRetryTResultSyntax))
                {
                    AnalyzePolicy(context, invocation);
                }
            }
        }

        /// <summary>The nearest loop around <paramref name="operation"/>, before any lambda or local function.</summary>
        private static ILoopOperation? NearestLoop(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                switch (current.Kind)
                {
                    case OperationKind.Loop:
                        return (ILoopOperation)current;
                    case OperationKind.AnonymousFunction:
                    case OperationKind.LocalFunction:
                        return null;
                }
            }

            return null;
        }

        /// <summary>
        /// Cheap pre-filter: the loop, or a loop around it, has a condition (its own, or an <c>if</c>) that reads a status, a
        /// success flag or a response; without one no loop condition can admit a client error. Recursive, no allocation.
        /// </summary>
        private bool HasCandidateCondition(ILoopOperation loop)
        {
            for (IOperation? current = loop; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }

                if (current is ILoopOperation outer && _statusConditions.GetValue(outer, _mentionsStatusCondition) == Yes)
                {
                    return true;
                }
            }

            return false;
        }

        private bool MentionsStatusCondition(IOperation operation)
        {
            switch (operation)
            {
                case IWhileLoopOperation { Condition: { } condition } when MentionsStatus(condition):
                case IForLoopOperation { Condition: { } forCondition } when MentionsStatus(forCondition):
                case IConditionalOperation { Syntax: IfStatementSyntax, Condition: var ifCondition } when MentionsStatus(ifCondition):
                case ISwitchOperation { Value: var switched } when MentionsStatus(switched):
                    return true;
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return false;
            }

            foreach (var child in operation.ChildOperations)
            {
                if (MentionsStatusCondition(child))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The condition may read a status: <c>StatusCode</c>, <c>IsSuccessStatusCode</c>, an <c>HttpStatusCode</c> value, a
        /// <c>bool</c> local (which may hold a status test) or an <c>int</c> local that may hold a status.
        /// </summary>
        private bool MentionsStatus(IOperation condition)
        {
            switch (condition)
            {
                case IPropertyReferenceOperation { Property.Name: "StatusCode" or "IsSuccessStatusCode" }:
                    return true;
                case ILocalReferenceOperation local:
                    return local.Local.Type.SpecialType switch
                    {
                        SpecialType.System_Boolean => true,
                        SpecialType.System_Int32 => StatusTests.MayHoldStatus(local),
                        _ => IsStatusType(local.Type),
                    };
                case IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation when IsStatusType(condition.Type):
                    return true;
                case IAnonymousFunctionOperation:
                    return false;
            }

            foreach (var child in condition.ChildOperations)
            {
                if (MentionsStatus(child))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsStatusType(ITypeSymbol? type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            return type.Is(_types.HttpStatusCode);
        }

        /// <summary>One report per loop: the loop is analysed from its first send.</summary>
        private bool IsFirstSend(ILoopOperation loop, IInvocationOperation send)
        {
            foreach (var operation in RetryConstructs.LoopBody(loop))
            {
                if (operation is IInvocationOperation other && other.Syntax.SpanStart < send.Syntax.SpanStart &&
                    HttpRequests.IsSendName(other.TargetMethod.Name) && _requests.TryGetSend(other, out _))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Facts about a loop computed on first need: whether the send is its first (one report per loop), whether it refreshes credentials.</summary>
        private struct LoopFacts
        {
            public IInvocationOperation Send;
            public byte First; // 0 unknown, 1 yes, 2 no
            public byte Refreshes; // 0 unknown, 1 yes, 2 no
        }

        // Loops: the loop's own condition, an `if` whose branch goes round again, and a success test whose failures fall through to the next attempt.
        private void AnalyzeLoop(OperationAnalysisContext context, ILoopOperation loop, IInvocationOperation send)
        {
            var facts = new LoopFacts { Send = send };
            var condition = loop switch
            {
                IWhileLoopOperation whileLoop => whileLoop.Condition,
                IForLoopOperation forLoop => forLoop.Condition,
                _ => null,
            };
            if (condition is not null)
            {
                Judge(context, loop, condition, retryWhen: true, retryPoint: loop.Syntax.Span.End, self: null, ref facts);
            }

            foreach (var operation in RetryConstructs.LoopBody(loop))
            {
                if (facts.First == 2)
                {
                    break;
                }

                if (operation is ISwitchOperation switchStatement)
                {
                    JudgeSwitch(context, loop, switchStatement, ref facts);
                    continue;
                }

                if (operation is not IConditionalOperation { Syntax: IfStatementSyntax } conditional)
                {
                    continue;
                }

                if (!Leaves(conditional.WhenTrue, loop))
                {
                    if (GoesRound(conditional, conditional.WhenTrue, loop))
                    {
                        Judge(context, loop, conditional.Condition, retryWhen: true, retryPoint: conditional.Syntax.Span.End, conditional, ref facts);
                    }
                }
                else if (conditional.WhenFalse is null ? FallsThrough(conditional, loop) : !Leaves(conditional.WhenFalse, loop) && GoesRound(conditional, conditional.WhenFalse, loop))
                {
                    Judge(context, loop, conditional.Condition, retryWhen: false, retryPoint: loop.Syntax.Span.End, conditional, ref facts);
                }
            }
        }

        private void Judge(OperationAnalysisContext context, ILoopOperation loop, IOperation condition, bool retryWhen, int retryPoint, IConditionalOperation? self, ref LoopFacts facts)
        {
            if (!MentionsStatus(condition))
            {
                return;
            }

            if (facts.First == 0)
            {
                facts.First = IsFirstSend(loop, facts.Send) ? (byte)1 : (byte)2;
            }

            if (facts.First == 2)
            {
                return;
            }

            var status = StatusCondition.Create(condition, _types);
            var bits = Unguarded(loop, status.AdmittedClientErrors(retryWhen), retryPoint, self, ref facts);
            if (bits != 0)
            {
                Report(context, condition, "The '" + Keyword(loop) + "' retry loop", bits, retryWhen);
            }
        }

        /// <summary>
        /// A <c>switch</c> statement on the status in the loop: a section whose labels name client errors (<c>case
        /// HttpStatusCode.BadRequest:</c>, <c>case 413:</c>) and that goes round again (ends in <c>continue</c>, or in
        /// <c>break</c> with nothing after the <c>switch</c> that leaves the loop). Reported at the first such label; no fix,
        /// as for any explicit code.
        /// </summary>
        private void JudgeSwitch(OperationAnalysisContext context, ILoopOperation loop, ISwitchOperation statement, ref LoopFacts facts)
        {
            if (!MentionsStatus(statement.Value))
            {
                return;
            }

            foreach (var section in statement.Cases)
            {
                if (!SectionGoesRound(section, statement, loop))
                {
                    continue;
                }

                var bits = 0;
                IOperation? first = null;
                foreach (var clause in section.Clauses)
                {
                    var label = StatusTests.CaseLabel(clause);
                    var index = StatusTests.CodeOf(label) is { } code ? Array.IndexOf(StatusCondition.PermanentClientErrors, code) : -1;
                    if (index >= 0)
                    {
                        bits |= 1 << index;
                        first ??= label;
                    }
                }

                if (first is null)
                {
                    continue;
                }

                if (facts.First == 0)
                {
                    facts.First = IsFirstSend(loop, facts.Send) ? (byte)1 : (byte)2;
                }

                if (facts.First == 2)
                {
                    return;
                }

                bits = Unguarded(loop, bits, statement.Syntax.SpanStart, null, ref facts);
                if (bits != 0)
                {
                    Report(context, first, "The '" + Keyword(loop) + "' retry loop", bits, retryWhen: true);
                }
            }
        }

        private static bool SectionGoesRound(ISwitchCaseOperation section, ISwitchOperation statement, ILoopOperation loop)
        {
            var last = section.Body.Length > 0 ? section.Body[section.Body.Length - 1] : null;
            return last switch
            {
                IBranchOperation { BranchKind: BranchKind.Continue } next => SymbolEqualityComparer.Default.Equals(next.Target, loop.ContinueLabel),
                IBranchOperation { BranchKind: BranchKind.Break } exit => SymbolEqualityComparer.Default.Equals(exit.Target, statement.ExitLabel) && FallsThrough(statement, loop),
                _ => false,
            };
        }

        /// <summary>The client errors in <paramref name="bits"/> that no guard before the retry point sends out of the loop, and (401) that no credential refresh makes differ.</summary>
        private int Unguarded(ILoopOperation loop, int bits, int retryPoint, IConditionalOperation? self, ref LoopFacts facts)
        {
            if (bits == 0)
            {
                return 0;
            }

            bits &= ~Guarded(loop, retryPoint, self);
            if ((bits & Unauthorized) != 0)
            {
                if (facts.Refreshes == 0)
                {
                    facts.Refreshes = RefreshesCredentials(loop.Body) ? (byte)1 : (byte)2;
                }

                if (facts.Refreshes == 1)
                {
                    bits &= ~Unauthorized;
                }
            }

            return bits;
        }

        /// <summary>Client errors that some status test in the loop sends out of it (return, break, throw) before the retry point.</summary>
        private int Guarded(ILoopOperation loop, int retryPoint, IConditionalOperation? self)
        {
            var guarded = 0;
            foreach (var operation in RetryConstructs.LoopBody(loop))
            {
                if (operation is not IConditionalOperation { Syntax: IfStatementSyntax } guard || ReferenceEquals(guard, self) ||
                    guard.Syntax.SpanStart >= retryPoint)
                {
                    continue;
                }

                var whenTrueLeaves = Leaves(guard.WhenTrue, loop);
                var whenFalseLeaves = guard.WhenFalse is not null && Leaves(guard.WhenFalse, loop);
                if (!whenTrueLeaves && !whenFalseLeaves)
                {
                    continue;
                }

                var test = StatusCondition.Create(guard.Condition, _types);
                if (whenTrueLeaves)
                {
                    guarded |= test.ClientErrorsAlways(true);
                }

                if (whenFalseLeaves)
                {
                    guarded |= test.ClientErrorsAlways(false);
                }
            }

            return guarded;
        }

        private static string Keyword(ILoopOperation loop) => loop.Syntax switch
        {
            ForStatementSyntax => "for",
            DoStatementSyntax => "do",
            _ => "while",
        };

        /// <summary>The branch always leaves the loop: it ends in return, throw, or a break out of this loop.</summary>
        private static bool Leaves(IOperation? branch, ILoopOperation loop)
        {
            switch (branch)
            {
                case IBlockOperation block:
                    return block.Operations.Length > 0 && Leaves(block.Operations[block.Operations.Length - 1], loop);
                case IReturnOperation:
                case IThrowOperation:
                case IExpressionStatementOperation { Operation: IThrowOperation }:
                    return true;
                case IBranchOperation { BranchKind: BranchKind.Break } exit:
                    return SymbolEqualityComparer.Default.Equals(exit.Target, loop.ExitLabel);
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    return Leaves(conditional.WhenTrue, loop) && Leaves(whenFalse, loop);
                default:
                    return false;
            }
        }

        /// <summary>The branch ends in a <c>continue</c> of this loop, or runs on to the next iteration.</summary>
        private static bool GoesRound(IConditionalOperation conditional, IOperation branch, ILoopOperation loop)
        {
            var last = branch is IBlockOperation block ? (block.Operations.Length > 0 ? block.Operations[block.Operations.Length - 1] : null) : branch;
            if (last is IBranchOperation { BranchKind: BranchKind.Continue } next)
            {
                return SymbolEqualityComparer.Default.Equals(next.Target, loop.ContinueLabel);
            }

            return FallsThrough(conditional, loop);
        }

        /// <summary>No statement after <paramref name="statement"/>, up to the end of the loop body, leaves the loop unconditionally.</summary>
        private static bool FallsThrough(IOperation statement, ILoopOperation loop)
        {
            var current = statement;
            while (!ReferenceEquals(current, loop.Body) && current.Parent is { } parent)
            {
                switch (parent)
                {
                    case IBlockOperation block:
                        var index = block.Operations.IndexOf(current);
                        for (var i = index + 1; i < block.Operations.Length; i++)
                        {
                            if (Leaves(block.Operations[i], loop) || block.Operations[i] is IBranchOperation { BranchKind: BranchKind.Continue })
                            {
                                return block.Operations[i] is IBranchOperation { BranchKind: BranchKind.Continue };
                            }
                        }

                        break;
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return false;
                }

                current = parent;
            }

            return true;
        }

        /// <summary>The loop refreshes the credentials between attempts: it assigns an Authorization header or asks for a token.</summary>
        private bool RefreshesCredentials(IOperation body)
        {
            foreach (var operation in RetryConstructs.Descend(body))
            {
                switch (operation)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Authorization" } property } when
                        property.Property.ContainingType.InheritsFromOrEquals(_types.HttpRequestHeaders):
                        return true;
                    case IInvocationOperation invocation when invocation.TargetMethod.Name.IndexOf("Token", StringComparison.Ordinal) >= 0 ||
                                                              invocation.TargetMethod.Name.IndexOf("Credential", StringComparison.Ordinal) >= 0:
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Cheap pre-filter before the construct is classified: in a loop (no lambda around the call) the exception must be caught
        /// without a look at its status and the loop go round again; a Polly callback handles it itself.
        /// </summary>
        private bool MayBeRetriedWithoutStatus(IInvocationOperation invocation)
        {
            for (var current = invocation.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation)
                {
                    return true;
                }

                if (current is ILocalFunctionOperation)
                {
                    return false;
                }
            }

            return CaughtWithoutStatus(invocation, null, mustRetry: true);
        }

        // EnsureSuccessStatusCode() in the retried code, its HttpRequestException caught and retried without a look at its status.
        private void AnalyzeEnsureSuccess(OperationAnalysisContext context, IInvocationOperation invocation)
        {
            var construct = _constructs.FindEnclosing(invocation, includePlainLoops: false);
            if (construct is null)
            {
                return;
            }

            switch (construct.Kind)
            {
                case RetryConstructKind.Loop when construct.Operation is ILoopOperation loop:
                    if (!CaughtWithoutStatus(invocation, loop.Body, mustRetry: true))
                    {
                        return;
                    }

                    var bits = AllClientErrors & ~Guarded(loop, invocation.Syntax.SpanStart, null);
                    if ((bits & Unauthorized) != 0 && RefreshesCredentials(loop.Body))
                    {
                        bits &= ~Unauthorized;
                    }

                    if (bits != 0)
                    {
                        ReportAt(context, invocation.NameLocation(), "The '" + Keyword(loop) + "' retry loop, which catches the exception of 'EnsureSuccessStatusCode',", bits);
                    }

                    break;
                case RetryConstructKind.PollyPolicy when construct.Source is IInvocationOperation creation:
                    if (CaughtWithoutStatus(invocation, construct.Body, mustRetry: false) ||
                        creation.GetReceiverOrThisArgument() is not { } builder || !HandlesWithoutStatus(builder))
                    {
                        return;
                    }

                    ReportAt(context, invocation.NameLocation(), "The Polly retry policy built with '" + creation.TargetMethod.Name + "', which handles the exception of 'EnsureSuccessStatusCode',", AllClientErrors);
                    break;
                case RetryConstructKind.PollyPipeline when construct.Source is { } options:
                    var optionsType = (options is ILocalReferenceOperation ? LocalValues.ResolveValue(options) : options)?.Type;
                    if (CaughtWithoutStatus(invocation, construct.Body, mustRetry: false) || !optionsType.InheritsFromOrEquals(_types.PollyRetryStrategyOptionsOfT) ||
                        optionsType.InheritsFromOrEquals(_types.HttpRetryStrategyOptions))
                    {
                        return;
                    }

                    var shouldHandle = _constructs.FindMemberValue(options, "ShouldHandle");
                    // The default ShouldHandle of RetryStrategyOptions handles every exception but OperationCanceledException.
                    if (shouldHandle is not null && !HandlesWithoutStatus(shouldHandle))
                    {
                        return;
                    }

                    ReportAt(context, invocation.NameLocation(), "The Polly retry pipeline" + (construct.Name is null ? string.Empty : " '" + construct.Name + "'") + ", which handles the exception of 'EnsureSuccessStatusCode',", AllClientErrors);
                    break;
            }
        }

        /// <summary>
        /// A try inside <paramref name="scope"/> around the call catches its HttpRequestException without looking at the status
        /// (and, with <paramref name="mustRetry"/>, goes on to the next attempt rather than leaving).
        /// </summary>
        private bool CaughtWithoutStatus(IOperation call, IOperation? scope, bool mustRetry)
        {
            var child = call;
            for (var current = call.Parent; current is not null && !ReferenceEquals(child, scope); child = current, current = current.Parent)
            {
                if (current is not ITryOperation @try || !ReferenceEquals(child, @try.Body))
                {
                    continue;
                }

                foreach (var @catch in @try.Catches)
                {
                    var caught = @catch.ExceptionType;
                    if (!(caught is null || caught.SpecialType == SpecialType.System_Object || _types.HttpRequestException.InheritsFromOrEquals(caught as INamedTypeSymbol)))
                    {
                        continue;
                    }

                    if (LooksAtStatus(@catch.Filter) || LooksAtStatus(@catch.Handler))
                    {
                        return false;
                    }

                    if (!mustRetry)
                    {
                        return true;
                    }

                    if (!RetryConstructs.AlwaysLeaves(@catch.Handler))
                    {
                        return true;
                    }

                    if (@catch.Filter is null)
                    {
                        return false;
                    }
                }

                if (mustRetry)
                {
                    return false;
                }
            }

            return false;
        }

        private bool LooksAtStatus(IOperation? operation)
        {
            if (operation is null)
            {
                return false;
            }

            foreach (var part in OperationWalk.Of(operation))
            {
                if (StatusTests.IsStatus(part, _types.HttpStatusCode))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A Polly v7 builder chain or a v8 predicate builder that handles HttpRequestException (or a base) without a predicate on its status.</summary>
        private bool HandlesWithoutStatus(IOperation chain)
        {
            foreach (var operation in OperationWalk.Of(chain))
            {
                if (operation is not IInvocationOperation { TargetMethod: { Name: "Handle" or "Or", IsGenericMethod: true } method } handle ||
                    method.TypeArguments.Length != 1 || !_types.HttpRequestException.InheritsFromOrEquals(method.TypeArguments[0] as INamedTypeSymbol))
                {
                    continue;
                }

                var predicate = handle.Arguments.Length > 0 ? handle.Arguments[handle.Arguments.Length - 1].Value : null;
                if (predicate is null || predicate.Type?.TypeKind != TypeKind.Delegate || !LooksAtStatus(predicate))
                {
                    return true;
                }
            }

            return false;
        }

        // Polly v7: HandleResult/OrResult predicates of a builder chain that feeds Retry*/WaitAndRetry*/RetryForever*.
        private void AnalyzePolicy(OperationAnalysisContext context, IInvocationOperation retry)
        {
            for (var current = retry.GetReceiverOrThisArgument(); current is IInvocationOperation link; current = link.GetReceiverOrThisArgument())
            {
                if (link.TargetMethod.Name is "HandleResult" or "OrResult" && link.Arguments.Length > 0 &&
                    (link.TargetMethod.ContainingType.Is(_types.PollyPolicy) || link.TargetMethod.ContainingType.Is(_types.PollyPolicyBuilderOfT) ||
                     link.TargetMethod.ContainingType.Is(_types.PollyPolicyBuilder)) &&
                    Lambda(link.Arguments[link.Arguments.Length - 1].Value) is { } lambda)
                {
                    JudgePredicate(context, lambda, "The Polly retry policy built with '" + retry.TargetMethod.Name + "'", link);
                }

                if (link.Instance is null && !link.TargetMethod.IsExtensionMethod)
                {
                    break;
                }
            }
        }

        // Polly v8: ShouldHandle of RetryStrategyOptions<HttpResponseMessage> / HttpRetryStrategyOptions, and of
        // HedgingStrategyOptions<HttpResponseMessage> / HttpHedgingStrategyOptions (a hedged attempt resends the request
        // for every outcome ShouldHandle admits, as a retry does).
        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation { Property.Name: "ShouldHandle" } property)
            {
                return;
            }

            var optionsType = property.Instance?.Type ?? property.Property.ContainingType;
            if (StrategyOfResponse(optionsType) is not { } definition)
            {
                return;
            }

            var hedging = definition.Is(_types.PollyHedgingStrategyOptionsOfT);
            var strategy = hedging
                ? (optionsType.InheritsFromOrEquals(_types.HttpHedgingStrategyOptions) ? "The HTTP hedging strategy" : "The hedging strategy")
                : (optionsType.InheritsFromOrEquals(_types.HttpRetryStrategyOptions) ? "The HTTP retry strategy" : "The retry strategy");
            var value = assignment.Value.WalkDownConversions();
            if (Lambda(value) is { } lambda)
            {
                JudgePredicate(context, lambda, strategy, null);
                return;
            }

            // new PredicateBuilder<HttpResponseMessage>().Handle<…>().HandleResult(r => …)
            for (var current = value; current is IInvocationOperation link; current = link.Instance?.WalkDownConversions())
            {
                if (link.TargetMethod.Name == "HandleResult" && link.TargetMethod.ContainingType.Is(_types.PollyPredicateBuilderOfT) &&
                    link.Arguments.Length > 0 && Lambda(link.Arguments[0].Value) is { } predicate)
                {
                    JudgePredicate(context, predicate, strategy, null);
                }
            }
        }

        /// <summary>
        /// The generic definition (<c>RetryStrategyOptions&lt;T&gt;</c> or <c>HedgingStrategyOptions&lt;T&gt;</c>) that
        /// <paramref name="type"/> is or derives from, when its <c>T</c> is <c>HttpResponseMessage</c>; otherwise null.
        /// </summary>
        private INamedTypeSymbol? StrategyOfResponse(ITypeSymbol? type)
        {
            for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
            {
                var definition = current.OriginalDefinition;
                if (definition.Is(_types.PollyRetryStrategyOptionsOfT) || definition.Is(_types.PollyHedgingStrategyOptionsOfT))
                {
                    return current.TypeArguments.Length == 1 && current.TypeArguments[0].InheritsFromOrEquals(_types.HttpResponseMessage) ? definition : null;
                }
            }

            return null;
        }

        private static IAnonymousFunctionOperation? Lambda(IOperation value)
        {
            value = value.WalkDownConversions();
            if (value is IDelegateCreationOperation creation)
            {
                value = creation.Target;
            }

            return value as IAnonymousFunctionOperation;
        }

        private void JudgePredicate(OperationAnalysisContext context, IAnonymousFunctionOperation lambda, string construct, IInvocationOperation? handleResult)
        {
            foreach (var operation in RetryConstructs.Descend(lambda.Body))
            {
                if (operation is not IReturnOperation { ReturnedValue: { } returned })
                {
                    continue;
                }

                var condition = Unwrap(returned);
                var status = StatusCondition.Create(condition, _types);
                var bits = status.AdmittedClientErrors(retryWhen: true);
                if (bits == 0)
                {
                    continue;
                }

                var location = condition.Syntax.GetLocation();
                if (condition is ISwitchExpressionOperation switchExpression)
                {
                    for (var i = 0; i < StatusCondition.PermanentClientErrors.Length; i++)
                    {
                        if ((bits & (1 << i)) != 0 && status.EvalSwitch(switchExpression, StatusCondition.PermanentClientErrors[i], out var arm) != Truth.False && arm is not null)
                        {
                            location = arm.Pattern.Syntax.GetLocation();
                            break;
                        }
                    }
                }

                Report(context, condition, construct, bits, retryWhen: true, location, handleResult, lambda);
            }
        }

        private static IOperation Unwrap(IOperation value)
        {
            value = value.WalkDownConversions();
            while (value is IInvocationOperation { TargetMethod.Name: "FromResult", Arguments.Length: 1 } fromResult)
            {
                value = fromResult.Arguments[0].Value.WalkDownConversions();
            }

            return value;
        }

        private void Report(OperationAnalysisContext context, IOperation condition, string construct, int bits, bool retryWhen,
            Location? location = null, IInvocationOperation? handleResult = null, IAnonymousFunctionOperation? lambda = null)
        {
            var fix = retryWhen ? GenericTest(condition) : null;
            var properties = ImmutableDictionary<string, string?>.Empty;
            var additional = ImmutableArray<Location>.Empty;
            if (fix is not null)
            {
                var (test, response) = fix.Value;
                additional = ImmutableArray.Create(test.Syntax.GetLocation(), response.Syntax.GetLocation());
                properties = properties.Add(RetryFixData.NarrowProperty, "true");
                if (handleResult is not null && lambda is not null && ReferenceEquals(Unwrap(condition), test) &&
                    handleResult.TargetMethod.Name == "HandleResult" && handleResult.TargetMethod.IsStatic && handleResult.TargetMethod.ContainingType.Is(_types.PollyPolicy) &&
                    lambda.Symbol.Parameters.Length == 1 && _types.PollyHttpPolicyExtensions is not null)
                {
                    properties = properties.Add(RetryFixData.PollyV7Property, "true");
                    additional = additional.Add(handleResult.Syntax.GetLocation());
                }
            }

            // A loop's condition is found from the send inside the loop: reported from the block when it lies outside the send.
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.RetryConditionIncludesClientErrors,
                location ?? condition.Syntax.GetLocation(),
                additional,
                properties,
                construct,
                StatusCondition.Describe(bits)));
        }

        private static void ReportAt(OperationAnalysisContext context, Location location, string construct, int bits)
            => context.ReportDiagnostic(Diagnostic.Create(Descriptors.RetryConditionIncludesClientErrors, location, construct, StatusCondition.Describe(bits)));

        /// <summary>
        /// The one generic failure test in the condition that the fix can narrow (<c>!r.IsSuccessStatusCode</c>,
        /// <c>r.IsSuccessStatusCode == false</c>, <c>r.StatusCode != HttpStatusCode.OK</c>, <c>(int)r.StatusCode &gt;= 400</c>,
        /// <c>r.StatusCode is not HttpStatusCode.OK</c>), and the response it reads, when that is a plain reference.
        /// </summary>
        private (IOperation Test, IOperation Response)? GenericTest(IOperation condition)
        {
            (IOperation, IOperation)? found = null;
            foreach (var part in OperationWalk.Of(condition))
            {
                IOperation? status = null;
                switch (part)
                {
                    case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: IPropertyReferenceOperation { Property.Name: "IsSuccessStatusCode" } success }:
                        status = success;
                        break;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals, LeftOperand: IPropertyReferenceOperation { Property.Name: "IsSuccessStatusCode" } success, RightOperand.ConstantValue.Value: false }:
                        status = success;
                        break;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } notEquals when StatusTests.IsStatus(notEquals.LeftOperand, _types.HttpStatusCode) &&
                                                                                                      Is2xx(notEquals.RightOperand):
                        status = notEquals.LeftOperand.WalkDownConversions();
                        break;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.GreaterThanOrEqual } atLeast when StatusTests.IsStatus(atLeast.LeftOperand, _types.HttpStatusCode) &&
                                                                                                             StatusTests.CodeOf(atLeast.RightOperand) is 300 or 400:
                        status = atLeast.LeftOperand.WalkDownConversions();
                        break;
                    case IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation constant } } isNot when
                        StatusTests.IsStatus(isNot.Value, _types.HttpStatusCode) && Is2xx(constant.Value):
                        status = isNot.Value.WalkDownConversions();
                        break;
                }

                if (status is null)
                {
                    continue;
                }

                if (found is not null || status is not IPropertyReferenceOperation { Instance: { } response } || !IsPlainReference(response) ||
                    !response.Type.InheritsFromOrEquals(_types.HttpResponseMessage))
                {
                    return null;
                }

                found = (part, response);
            }

            return found;
        }

        private static bool IsPlainReference(IOperation operation)
        {
            for (var current = operation; ;)
            {
                switch (current)
                {
                    case ILocalReferenceOperation:
                    case IParameterReferenceOperation:
                    case IInstanceReferenceOperation:
                        return true;
                    case IFieldReferenceOperation field:
                        if (field.Instance is null)
                        {
                            return true;
                        }

                        current = field.Instance;
                        break;
                    case IPropertyReferenceOperation { Arguments.Length: 0 } property:
                        if (property.Instance is null)
                        {
                            return true;
                        }

                        current = property.Instance;
                        break;
                    default:
                        return false;
                }
            }
        }

        private static bool Is2xx(IOperation operation) => StatusTests.CodeOf(operation) is >= 200 and < 300;
    }
}
