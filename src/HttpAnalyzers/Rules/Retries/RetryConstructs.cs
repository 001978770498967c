using System.Runtime.CompilerServices;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Retries;

internal enum RetryConstructKind
{
    /// <summary>A <c>for</c>/<c>while</c>/<c>do</c> loop whose iterations repeat the same request, or any loop (HTTP0002).</summary>
    Loop,

    /// <summary>The callback passed to <c>Execute*</c> of a Polly v8 <c>ResiliencePipeline</c> built with <c>AddRetry</c>/<c>AddHedging</c>.</summary>
    PollyPipeline,

    /// <summary>The callback passed to <c>Execute*</c> of a Polly v7 retry policy.</summary>
    PollyPolicy,
}

/// <summary>A construct that may run the code in its <see cref="Body"/> more than once.</summary>
internal sealed class RetryConstruct
{
    public RetryConstruct(RetryConstructKind kind, IOperation operation, IOperation body, bool isRetry, bool onlyTooManyRequests, string? name, IOperation? source = null)
    {
        Source = source;
        Kind = kind;
        Operation = operation;
        Body = body;
        IsRetry = isRetry;
        OnlyTooManyRequests = onlyTooManyRequests;
        Name = name;
    }

    public RetryConstructKind Kind { get; }

    /// <summary>What decides the retries of a Polly construct: the strategy options of a pipeline's <c>AddRetry</c>, or the v7 policy's creation call.</summary>
    public IOperation? Source { get; }

    /// <summary>The loop, or the <c>Execute*</c> invocation.</summary>
    public IOperation Operation { get; }

    /// <summary>The loop body, or the callback (an anonymous function).</summary>
    public IOperation Body { get; }

    /// <summary>False for a loop that is not a retry (a <c>foreach</c>, a loop over indices): it still repeats its body.</summary>
    public bool IsRetry { get; }

    /// <summary>The retry condition admits only 429 Too Many Requests.</summary>
    public bool OnlyTooManyRequests { get; }

    /// <summary>The pipeline or policy variable, when there is one.</summary>
    public string? Name { get; }

    /// <summary>Where code that runs once, before the construct, goes (see <see cref="AnchorOf"/>).</summary>
    public SyntaxNode? Anchor => AnchorOf(Operation.Syntax);

    /// <summary>
    /// What code that must run once, before the construct <paramref name="node"/> (or a node in it), is inserted before — the one
    /// answer of HTTP0003's fix data and of the HTTP0001/HTTP0003 fixes: the statement the node is or sits in, when that statement
    /// lies in a block, a switch section or top-level code; or, when the node sits in the expression body of the innermost function
    /// around it — a lambda, or the <c>=&gt;</c> of a method, local function, operator, accessor, property or indexer — that
    /// expression, which the fix turns into a block body (the code then runs on every call of the function, not once for all of
    /// them). Null anywhere else: a statement in an embedded position (<c>if (…) while (…)</c>), a field or property initializer,
    /// the <c>=&gt;</c> of a constructor or finalizer.
    /// </summary>
    public static SyntaxNode? AnchorOf(SyntaxNode node)
    {
        for (SyntaxNode? current = node; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case StatementSyntax statement:
                    return statement.Parent is BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax ? statement : null;
                case AnonymousFunctionExpressionSyntax or MemberDeclarationSyntax:
                    return null;
                case ExpressionSyntax expression when current.Parent is AnonymousFunctionExpressionSyntax lambda && lambda.ExpressionBody == expression:
                    return expression;
                case ExpressionSyntax expression when current.Parent is ArrowExpressionClauseSyntax arrow:
                    return arrow.Parent is MethodDeclarationSyntax or LocalFunctionStatementSyntax or OperatorDeclarationSyntax or ConversionOperatorDeclarationSyntax
                        or AccessorDeclarationSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax
                        ? expression
                        : null;
            }
        }

        return null;
    }

    /// <summary>
    /// The construct as a message names it, without a line number: "the enclosing 'for' loop", "the Polly retry pipeline
    /// 'pipeline'", "the Polly retry policy returned by 'CreatePolicy'", "the Polly retry pipeline built in 'SendAsync'".
    /// </summary>
    public string Describe()
    {
        if (Kind == RetryConstructKind.Loop)
        {
            var keyword = ConstructNames.LoopKeyword(Operation.Syntax);
            return keyword is null ? "the enclosing loop" : "the enclosing '" + keyword + "' loop";
        }

        var what = Kind == RetryConstructKind.PollyPipeline ? "the Polly retry pipeline" : "the Polly retry policy";
        if (Name is not null)
        {
            return what + " '" + Name + "'";
        }

        // An unnamed pipeline or policy: the user's method that returns it, or the member that builds it in place.
        if (Operation is IInvocationOperation { Instance: { } instance } &&
            instance.WalkDownConversions() is IInvocationOperation source &&
            !source.TargetMethod.DeclaringSyntaxReferences.IsEmpty)
        {
            return what + " returned by '" + source.TargetMethod.Name + "'";
        }

        var member = ConstructNames.ContainingMember(Operation.Syntax);
        return member is null ? what + " built in place" : what + " built in " + member;
    }

    /// <summary>The syntax whose locals are per repetition: the whole loop (its header declares the attempt counter), or the callback.</summary>
    public SyntaxNode Scope => Kind == RetryConstructKind.Loop ? Operation.Syntax : Body.Syntax;

    /// <summary>True when <paramref name="operation"/> lies inside the repeated body.</summary>
    public bool Contains(IOperation operation) => Body.Syntax.Span.Contains(operation.Syntax.Span);

    public bool Contains(SyntaxNode node) => Body.Syntax.Span.Contains(node.Span);
}

/// <summary>
/// Finds the retry construct that repeats an operation: a retry loop (an attempt counter, or <c>while (true)</c>/<c>do … while</c>
/// left on success, that catches HTTP exceptions or tests the response status and goes round again; a loop that steps through a
/// collection is not a retry), the callback of a Polly v8 pipeline with <c>AddRetry</c>/<c>AddHedging</c>, or of a Polly v7 retry policy.
/// </summary>
internal sealed class RetryConstructs
{
    private static readonly ConditionalWeakTable<KnownTypes, RetryConstructs> Shared = new();
    private static readonly ConditionalWeakTable<KnownTypes, RetryConstructs>.CreateValueCallback CreateShared = static types => new RetryConstructs(types);

    /// <summary>No construct: the cached answer of a search that found none.</summary>
    private static readonly object None = new();

    private readonly KnownTypes _types;
    private readonly INamedTypeSymbol?[] _retryExceptions;

    // FindEnclosing's answers per operation, one table per includePlainLoops: the retry rules ask about the same sends.
    private readonly ConditionalWeakTable<IOperation, object> _retryOnly = new();
    private readonly ConditionalWeakTable<IOperation, object> _anyLoop = new();
    private readonly ConditionalWeakTable<IOperation, object>.CreateValueCallback _findRetryOnly;
    private readonly ConditionalWeakTable<IOperation, object>.CreateValueCallback _findAnyLoop;
    private readonly ConditionalWeakTable<ILoopOperation, LoopFacts> _loops = new();
    private readonly ConditionalWeakTable<ILoopOperation, LoopFacts>.CreateValueCallback _describeLoop;

    private RetryConstructs(KnownTypes types)
    {
        _types = types;
        // The Polly types are looked up on first use (most compilations never reach a Polly construct).
        _retryExceptions = new[] { types.HttpRequestException, types.TaskCanceledException, types.TimeoutException };
        _findRetryOnly = operation => Search(operation, includePlainLoops: false) ?? None;
        _findAnyLoop = operation => Search(operation, includePlainLoops: true) ?? None;
        _describeLoop = DescribeLoop;
    }

    public KnownTypes Types => _types;

    /// <summary>The compilation's one instance (per <see cref="KnownTypes"/>), shared by the retry rules with its answers.</summary>
    public static RetryConstructs Create(KnownTypes types) => Shared.GetValue(types, CreateShared);

    /// <summary>
    /// The words a file must hold for <see cref="MayRepeat"/> to be true of an operation in it: a loop's keyword or an
    /// <c>Execute*</c> call. The rules about repeated sends register their actions only in the types of such files.
    /// </summary>
    public static readonly FileWords RepeatingFiles = new("for", "foreach", "while", "do", "Exe*");

    /// <summary>
    /// Cheap pre-check: the operation sits in a loop, or in a lambda passed to an <c>Execute*</c> method, before any other
    /// lambda or local function boundary. Only then can <see cref="FindEnclosing"/> find anything.
    /// </summary>
    public static bool MayRepeat(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current.Kind)
            {
                case OperationKind.Loop:
                    return true;
                case OperationKind.AnonymousFunction:
                    return IsExecuteCallback((IAnonymousFunctionOperation)current);
                case OperationKind.LocalFunction:
                    return false;
            }
        }

        return false;
    }

    /// <summary>The lambda is an argument of an <c>Execute*</c> call (name check only).</summary>
    private static bool IsExecuteCallback(IAnonymousFunctionOperation lambda)
    {
        var parent = lambda.Parent is IDelegateCreationOperation ? lambda.Parent.Parent : lambda.Parent;
        return parent is IArgumentOperation { Parent: IInvocationOperation invocation } &&
               invocation.TargetMethod.Name.StartsWith("Execute", System.StringComparison.Ordinal);
    }

    /// <summary>
    /// Cheap pre-check for Polly constructs only: the first lambda around the operation (before any local function) is passed
    /// to an <c>Execute*</c> method. Loops are not classified.
    /// </summary>
    public static bool InExecuteCallback(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current.Kind)
            {
                case OperationKind.AnonymousFunction:
                    return IsExecuteCallback((IAnonymousFunctionOperation)current);
                case OperationKind.LocalFunction:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// The nearest construct that repeats <paramref name="operation"/>. With <paramref name="includePlainLoops"/>, any loop
    /// (<c>foreach</c> included) counts; otherwise only retry loops, and the search goes on outwards past plain loops.
    /// Lambdas and local functions other than a recognised retry callback end the search.
    /// </summary>
    public RetryConstruct? FindEnclosing(IOperation operation, bool includePlainLoops)
        => (includePlainLoops ? _anyLoop.GetValue(operation, _findAnyLoop) : _retryOnly.GetValue(operation, _findRetryOnly)) as RetryConstruct;

    private RetryConstruct? Search(IOperation operation, bool includePlainLoops)
    {
        var child = operation;
        for (var current = operation.Parent; current is not null; child = current, current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation lambda:
                    return AsCallback(lambda);
                case ILocalFunctionOperation:
                    return null;
                case ILoopOperation loop when ReferenceEquals(child, loop.Body):
                    if (loop is IForEachLoopOperation)
                    {
                        if (includePlainLoops)
                        {
                            return new RetryConstruct(RetryConstructKind.Loop, loop, loop.Body, isRetry: false, onlyTooManyRequests: false, null);
                        }

                        continue;
                    }

                    var construct = ClassifyLoop(loop, operation);
                    if (construct.IsRetry || includePlainLoops)
                    {
                        return construct;
                    }

                    break;
            }
        }

        return null;
    }

    private RetryConstruct? AsCallback(IAnonymousFunctionOperation lambda)
    {
        var parent = lambda.Parent;
        if (parent is IDelegateCreationOperation)
        {
            parent = parent.Parent;
        }

        if (parent is not IArgumentOperation { Parent: IInvocationOperation invocation } ||
            !invocation.TargetMethod.Name.StartsWith("Execute", System.StringComparison.Ordinal) ||
            invocation.Instance is null)
        {
            return null;
        }

        var receiver = invocation.Instance.WalkDownConversions();
        var type = receiver.Type;
        if (type is null)
        {
            return null;
        }

        var name = SymbolName(receiver);
        if (type.InheritsFromOrEquals(_types.PollyResiliencePipeline) || type.InheritsFromOrEquals(_types.PollyResiliencePipelineOfT))
        {
            var value = LocalValues.ResolveValue(receiver);
            if (value is null || !PipelineRetries(value, out var options))
            {
                return null;
            }

            var only429 = options is not null && OptionsOnlyTooManyRequests(options);
            return new RetryConstruct(RetryConstructKind.PollyPipeline, invocation, lambda, isRetry: true, only429, name, options);
        }

        if (IsPolicy(type))
        {
            var creation = type.IsOrImplements(_types.PollyIRetryPolicy) ? FindPolicyCreation(receiver) : FindPolicyCreation(LocalValues.ResolveValue(receiver));
            if (creation is null)
            {
                return null;
            }

            var builder = creation.GetReceiverOrThisArgument();
            var only429 = builder is not null && StatusTests.Of(builder, _types).OnlyTooManyRequests;
            return new RetryConstruct(RetryConstructKind.PollyPolicy, invocation, lambda, isRetry: true, only429, name, creation);
        }

        return null;
    }

    private bool IsPolicy(ITypeSymbol type)
        => type.IsOrImplements(_types.PollyISyncPolicy) || type.IsOrImplements(_types.PollyIAsyncPolicy) ||
           type.IsOrImplements(_types.PollyISyncPolicyOfT) || type.IsOrImplements(_types.PollyIAsyncPolicyOfT);

    private static string? SymbolName(IOperation operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local.Name,
        IFieldReferenceOperation field => field.Field.Name,
        IPropertyReferenceOperation property => property.Property.Name,
        IParameterReferenceOperation parameter => parameter.Parameter.Name,
        _ => null,
    };

    /// <summary>The <c>Retry*</c>/<c>WaitAndRetry*</c>/<c>RetryForever*</c> call that created a policy value.</summary>
    public IInvocationOperation? FindPolicyCreation(IOperation? value)
    {
        value = value?.WalkDownConversions();
        if (value is IInvocationOperation invocation && invocation.Type.IsOrImplements(_types.PollyIRetryPolicy))
        {
            return invocation;
        }

        if (value is ILocalReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation)
        {
            return FindPolicyCreation(LocalValues.ResolveValue(value));
        }

        return null;
    }

    /// <summary>True when the pipeline value was built with <c>AddRetry</c> or <c>AddHedging</c>; <paramref name="options"/> is the strategy options argument.</summary>
    public bool PipelineRetries(IOperation value, out IOperation? options)
    {
        options = null;
        var current = value.WalkDownConversions();
        var found = false;
        while (current is IInvocationOperation invocation)
        {
            if (IsAddRetry(invocation))
            {
                found = true;
                options = invocation.Arguments.Length > 1 ? invocation.Arguments[1].Value.WalkDownConversions() : null;
            }

            current = invocation.GetReceiverOrThisArgument();
        }

        if (!found && current is ILocalReferenceOperation builder)
        {
            foreach (var descendant in OperationWalk.Below(builder.GetRoot()))
            {
                if (descendant is IInvocationOperation add && IsAddRetry(add) &&
                    add.GetReceiverOrThisArgument() is ILocalReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Local, builder.Local))
                {
                    found = true;
                    options = add.Arguments.Length > 1 ? add.Arguments[1].Value.WalkDownConversions() : null;
                }
            }
        }

        return found;
    }

    public bool IsAddRetry(IInvocationOperation invocation)
        => invocation.TargetMethod.Name switch
        {
            "AddRetry" => invocation.TargetMethod.IsMethod(_types.PollyRetryBuilderExtensions, "AddRetry"),
            "AddHedging" => invocation.TargetMethod.IsMethod(_types.PollyHedgingBuilderExtensions, "AddHedging"),
            _ => false,
        };

    /// <summary>Strategy options whose <c>ShouldHandle</c> admits only 429.</summary>
    public bool OptionsOnlyTooManyRequests(IOperation options)
    {
        var shouldHandle = FindMemberValue(options, "ShouldHandle");
        return shouldHandle is not null && StatusTests.Of(shouldHandle, _types).OnlyTooManyRequests;
    }

    /// <summary>The value assigned to property <paramref name="member"/> in the object initializer of <paramref name="options"/> (or of the local's creation).</summary>
    public IOperation? FindMemberValue(IOperation options, string member)
    {
        options = options.WalkDownConversions();
        if (options is ILocalReferenceOperation)
        {
            options = LocalValues.ResolveValue(options)?.WalkDownConversions() ?? options;
        }

        if (options is IObjectCreationOperation { Initializer: { } initializer })
        {
            foreach (var item in initializer.Initializers)
            {
                if (item is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment && property.Property.Name == member)
                {
                    return assignment.Value;
                }
            }
        }

        return null;
    }

    private RetryConstruct ClassifyLoop(ILoopOperation loop, IOperation repeated)
    {
        var facts = _loops.GetValue(loop, _describeLoop);
        var position = repeated.Syntax.SpanStart;
        // Cheapest first: most loops show no retry evidence; the collection test and the status tests are asked only of the rest.
        if (!facts.HasRetryEvidence ||
            !(facts.LastExitEnd > position || facts.ConditionFails || facts.LastFlagAssignmentEnd > position) ||
            (loop is IForLoopOperation forLoop && (IsCollectionLoop(forLoop, facts) || UsesLoopVariables(forLoop, repeated))))
        {
            return new RetryConstruct(RetryConstructKind.Loop, loop, loop.Body, isRetry: false, onlyTooManyRequests: false, null);
        }

        // Computing twice on a race is harmless: both answers are equal.
        if (facts.OnlyTooManyRequests == 0)
        {
            facts.OnlyTooManyRequests = !facts.Catches && StatusTests.Of(loop, _types).OnlyTooManyRequests ? (byte)1 : (byte)2;
        }

        return new RetryConstruct(RetryConstructKind.Loop, loop, loop.Body, isRetry: true, facts.OnlyTooManyRequests == 1, null);
    }

    /// <summary>
    /// What <see cref="ClassifyLoop"/> needs from a loop, gathered in one pass over its body and kept per loop: every send,
    /// header write and status read in the loop asks about the same loop.
    /// </summary>
    private LoopFacts DescribeLoop(ILoopOperation loop)
    {
        var facts = new LoopFacts();
        var condition = loop switch
        {
            IWhileLoopOperation whileLoop => whileLoop.Condition,
            IForLoopOperation forLoop => forLoop.Condition,
            _ => null,
        };
        var conditionFails = condition is not null && Polarity(condition) < 0;
        facts.ConditionFails = conditionFails;
        var catches = false;
        var statusEvidence = loop is IWhileLoopOperation && conditionFails;
        foreach (var descendant in LoopBody(loop))
        {
            // By kind first: most operations are none of these, and a kind costs one call where each type test costs one.
            var kind = descendant.Kind;
            if (kind is not (OperationKind.Try or OperationKind.Switch or OperationKind.Conditional or OperationKind.Return or OperationKind.YieldReturn or
                OperationKind.YieldBreak or OperationKind.Branch or OperationKind.SimpleAssignment))
            {
                continue;
            }

            switch (descendant)
            {
                case ITryOperation @try:
                    foreach (var @catch in @try.Catches)
                    {
                        if (CatchesRetryException(@catch) && !AlwaysLeaves(@catch.Handler))
                        {
                            catches = true;
                        }
                    }

                    break;
                case ISwitchOperation statusSwitch when !statusEvidence && StatusTests.IsStatus(statusSwitch.Value, _types.HttpStatusCode):
                    // A section for a success code leaves the loop, or a section for the other codes goes round again.
                    foreach (var section in statusSwitch.Cases)
                    {
                        var continues = !HasSuccessLabel(section);
                        foreach (var statement in section.Body)
                        {
                            statusEvidence |= Leaves(statement, loop, continues);
                        }
                    }

                    break;
                case IConditionalOperation conditional when !statusEvidence:
                    var polarity = Polarity(conditional.Condition);
                    if (polarity != 0)
                    {
                        // Success leaves the loop, or failure goes round again.
                        statusEvidence = polarity > 0
                            ? Leaves(conditional.WhenTrue, loop, continues: false) || Leaves(conditional.WhenFalse, loop, continues: true)
                            : Leaves(conditional.WhenTrue, loop, continues: true) || Leaves(conditional.WhenFalse, loop, continues: false);
                    }

                    break;
                case IReturnOperation { IsImplicit: false }:
                    facts.LastExitEnd = System.Math.Max(facts.LastExitEnd, descendant.Syntax.Span.End);
                    break;
                case IBranchOperation { BranchKind: BranchKind.Break } exit when SymbolEqualityComparer.Default.Equals(exit.Target, loop.ExitLabel):
                    facts.LastExitEnd = System.Math.Max(facts.LastExitEnd, descendant.Syntax.Span.End);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } when condition is not null && ReadsLocal(condition, target.Local):
                    facts.LastFlagAssignmentEnd = System.Math.Max(facts.LastFlagAssignmentEnd, descendant.Syntax.Span.End);
                    break;
            }
        }

        facts.HasRetryEvidence = catches || statusEvidence;
        facts.Catches = catches;
        return facts;
    }

    /// <summary>The facts of one loop (see <see cref="DescribeLoop"/>); positions are span ends, -1 when there is none.</summary>
    private sealed class LoopFacts
    {
        public bool HasRetryEvidence;
        public bool Catches;

        /// <summary>0 until asked (only of a retry loop), then 1 when the loop retries only 429, 2 otherwise.</summary>
        public byte OnlyTooManyRequests;

        /// <summary>0 until asked (only of a <c>for</c> loop with retry evidence), then 1 when it steps through a collection, 2 otherwise.</summary>
        public byte IsCollection;

        /// <summary>The loop's condition is true for a failed response (<c>while (!response.IsSuccessStatusCode)</c>).</summary>
        public bool ConditionFails;

        /// <summary>The last <c>return</c> or <c>break</c> out of the loop: an exit after the repeated operation ends the retry on success.</summary>
        public int LastExitEnd = -1;

        /// <summary>The last assignment to a local the condition reads (<c>while (!sent)</c>).</summary>
        public int LastFlagAssignmentEnd = -1;
    }

    /// <summary>A <c>case</c> label of the section is a 2xx code.</summary>
    private static bool HasSuccessLabel(ISwitchCaseOperation section)
    {
        foreach (var clause in section.Clauses)
        {
            if (StatusTests.CodeOf(StatusTests.CaseLabel(clause)) is >= 200 and < 300)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Descendants of a body (the body itself first), in source order, not entering lambdas or local functions.</summary>
    public static OperationWalk Descend(IOperation root) => new(root, skipFunctions: true);

    /// <summary>
    /// The operations of a loop's body as <see cref="Descend"/> lists them, listed once per loop and kept: the retry rules
    /// walk the same loop body for every send, header write and status read in it.
    /// </summary>
    public static IOperation[] LoopBody(ILoopOperation loop) => LoopBodies.GetValue(loop, ListBody);

    private static readonly ConditionalWeakTable<ILoopOperation, IOperation[]> LoopBodies = new();
    private static readonly ConditionalWeakTable<ILoopOperation, IOperation[]>.CreateValueCallback ListBody = static loop =>
    {
        var result = new System.Collections.Generic.List<IOperation>();
        foreach (var operation in Descend(loop.Body))
        {
            result.Add(operation);
        }

        return result.ToArray();
    };

    public bool CatchesRetryException(ICatchClauseOperation @catch)
    {
        var caught = @catch.ExceptionType;
        if (caught is null || caught.SpecialType == SpecialType.System_Object)
        {
            return true;
        }

        foreach (var exception in _retryExceptions)
        {
            if (exception is not null && exception.InheritsFromOrEquals(caught as INamedTypeSymbol))
            {
                return true;
            }
        }

        return false;
    }

    public static bool AlwaysLeaves(IBlockOperation handler)
    {
        var operations = handler.Operations;
        if (operations.Length == 0)
        {
            return false;
        }

        var last = operations[operations.Length - 1];
        return last is IReturnOperation or IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation } ||
               last is IBranchOperation { BranchKind: BranchKind.Break };
    }

    private static bool Leaves(IOperation? branch, ILoopOperation loop, bool continues)
    {
        if (branch is null)
        {
            return false;
        }

        foreach (var operation in Descend(branch))
        {
            switch (operation)
            {
                case IBranchOperation { BranchKind: BranchKind.Continue } branchOperation when continues:
                    if (SymbolEqualityComparer.Default.Equals(branchOperation.Target, loop.ContinueLabel))
                    {
                        return true;
                    }

                    break;
                case IBranchOperation { BranchKind: BranchKind.Break } branchOperation when !continues:
                    if (SymbolEqualityComparer.Default.Equals(branchOperation.Target, loop.ExitLabel))
                    {
                        return true;
                    }

                    break;
                case IReturnOperation when !continues:
                case IThrowOperation when !continues:
                    return true;
            }
        }

        return false;
    }

    /// <summary>+1 when the condition is true for a successful response, -1 when true for a failed one, 0 when it cannot tell.</summary>
    public int Polarity(IOperation? condition)
    {
        condition = condition?.WalkDownConversions();
        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return -Polarity(not.Operand);
            case IPropertyReferenceOperation { Property.Name: "IsSuccessStatusCode" }:
                return 1;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical:
                var left = Polarity(logical.LeftOperand);
                var right = Polarity(logical.RightOperand);
                return left == 0 ? right : right == 0 || right == left ? left : 0;
            case IBinaryOperation binary:
                return BinaryPolarity(binary);
            case IIsPatternOperation isPattern when StatusTests.IsStatus(isPattern.Value, _types.HttpStatusCode):
                return PatternPolarity(isPattern.Pattern);
            default:
                return 0;
        }
    }

    private int BinaryPolarity(IBinaryOperation binary)
    {
        IOperation constantSide;
        var kind = binary.OperatorKind;
        if (StatusTests.IsStatus(binary.LeftOperand, _types.HttpStatusCode))
        {
            constantSide = binary.RightOperand;
        }
        else if (StatusTests.IsStatus(binary.RightOperand, _types.HttpStatusCode))
        {
            constantSide = binary.LeftOperand;
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
            return 0;
        }

        var code = Code(constantSide);
        if (code is null)
        {
            return 0;
        }

        var success = code >= 200 && code < 300;
        return kind switch
        {
            BinaryOperatorKind.Equals => success ? 1 : -1,
            BinaryOperatorKind.NotEquals => success ? -1 : 1,
            BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual => code >= 300 ? -1 : 0,
            BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual => code <= 400 && code >= 300 ? 1 : 0,
            _ => 0,
        };
    }

    private static int PatternPolarity(IPatternOperation pattern)
    {
        switch (pattern)
        {
            case IConstantPatternOperation constant:
                var code = Code(constant.Value);
                return code is null ? 0 : code >= 200 && code < 300 ? 1 : -1;
            case INegatedPatternOperation negated:
                return -PatternPolarity(negated.Pattern);
            case IBinaryPatternOperation binary:
                var left = PatternPolarity(binary.LeftPattern);
                return left == PatternPolarity(binary.RightPattern) ? left : 0;
            case IRelationalPatternOperation relational:
                var value = Code(relational.Value);
                if (value is null)
                {
                    return 0;
                }

                return relational.OperatorKind is BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual
                    ? (value >= 300 ? -1 : 0)
                    : (value >= 300 && value <= 400 ? 1 : 0);
            default:
                return 0;
        }
    }

    private static int? Code(IOperation operation)
    {
        var constant = operation.WalkDownConversions().ConstantValue;
        if (!constant.HasValue)
        {
            constant = operation.ConstantValue;
        }

        return constant.HasValue && constant.Value is int or short or long or byte or ushort or uint
            ? System.Convert.ToInt32(constant.Value, System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>The repeated operation uses the loop's own variables (<c>$"search?page={page}"</c>): each iteration sends a different request.</summary>
    private static bool UsesLoopVariables(IForLoopOperation loop, IOperation repeated)
    {
        if (loop.Locals.IsEmpty)
        {
            return false;
        }

        foreach (var part in OperationWalk.Of(repeated))
        {
            if (part is ILocalReferenceOperation local && loop.Locals.Contains(local.Local, SymbolEqualityComparer.Default))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The loop steps through a collection (<see cref="IsCollectionLoop(IForLoopOperation)"/>), asked once per loop and kept in its facts.</summary>
    private static bool IsCollectionLoop(IForLoopOperation loop, LoopFacts facts)
    {
        // Computing twice on a race is harmless: both answers are equal.
        if (facts.IsCollection == 0)
        {
            facts.IsCollection = IsCollectionLoop(loop) ? (byte)1 : (byte)2;
        }

        return facts.IsCollection == 1;
    }

    private static bool IsCollectionLoop(IForLoopOperation loop)
    {
        if (loop.Condition is { } condition)
        {
            foreach (var operation in OperationWalk.Of(condition))
            {
                if (operation is IPropertyReferenceOperation { Property.Name: "Length" or "Count" or "LongLength" } ||
                    operation is IInvocationOperation { TargetMethod.Name: "Count" })
                {
                    return true;
                }
            }
        }

        return !loop.Locals.IsEmpty && IndexesWithLoopLocal(loop);
    }

    /// <summary>An element access (array, indexer, <c>ElementAt</c>/<c>Skip</c>) in the loop's body whose index reads a loop local.</summary>
    private static bool IndexesWithLoopLocal(IForLoopOperation loop)
    {
        var locals = loop.Locals;
        foreach (var operation in LoopBody(loop))
        {
            switch (operation)
            {
                case IArrayElementReferenceOperation element:
                    foreach (var index in element.Indices)
                    {
                        if (ReadsLocal(index, locals))
                        {
                            return true;
                        }
                    }

                    break;
                case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                    if (ArgumentsRead(indexer.Arguments, locals))
                    {
                        return true;
                    }

                    break;
                case IInvocationOperation { TargetMethod.Name: "ElementAt" or "Skip" } elementAt:
                    if (ArgumentsRead(elementAt.Arguments, locals))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    private static bool ArgumentsRead(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, System.Collections.Immutable.ImmutableArray<ILocalSymbol> locals)
    {
        foreach (var argument in arguments)
        {
            if (ReadsLocal(argument.Value, locals))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ReadsLocal(IOperation operation, ILocalSymbol local)
    {
        if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
        {
            return true;
        }

        foreach (var child in operation.ChildOperations)
        {
            if (ReadsLocal(child, local))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ReadsLocal(IOperation operation, System.Collections.Immutable.ImmutableArray<ILocalSymbol> locals)
    {
        if (operation is ILocalReferenceOperation local && locals.Contains(local.Local, SymbolEqualityComparer.Default))
        {
            return true;
        }

        foreach (var child in operation.ChildOperations)
        {
            if (ReadsLocal(child, locals))
            {
                return true;
            }
        }

        return false;
    }
}
