using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Retries;

/// <summary>
/// Requests sent inside retry constructs: HTTP0001 (POST/PATCH retried without an idempotency key), HTTP0002 (one
/// <c>HttpRequestMessage</c> sent by every repetition) and HTTP0003 (idempotency key generated per attempt).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RetryRequestAnalyzer : DiagnosticAnalyzer
{

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.IdempotencyKeyMissing,
        Descriptors.RequestMessageResent,
        Descriptors.IdempotencyKeyRegenerated);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var types = KnownTypes.Get(start.Compilation);
            var requests = HttpRequests.Create(types);
            if (requests is null)
            {
                return;
            }

            var analysis = new Analysis(requests, RetryConstructs.Create(types), types);
            // Every finding is of an operation that may repeat (RetryConstructs.MayRepeat): only the types of files with a
            // loop or an Execute* call have the action, and their whole declaration is local to it (TypeScopedActions).
            start.RegisterForTypes(RetryConstructs.RepeatingFiles.AnyDeclaration, type => type.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation));
        });
    }

    private sealed class Analysis
    {
        private readonly HttpRequests _requests;
        private readonly RetryConstructs _constructs;
        private readonly KnownTypes _types;

        public Analysis(HttpRequests requests, RetryConstructs constructs, KnownTypes types)
        {
            _requests = requests;
            _constructs = constructs;
            _types = types;
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var name = invocation.TargetMethod.Name;
            if (name is "Add" or "TryAddWithoutValidation")
            {
                AnalyzeHeaderAdd(context, invocation);
                return;
            }

            if (!HttpRequests.IsSendName(name) || !RetryConstructs.MayRepeat(invocation) || !_requests.TryGetSend(invocation, out var send))
            {
                return;
            }

            RetryConstruct? nearest = null;
            if (!send.IsHelper)
            {
                nearest = _constructs.FindEnclosing(send.Invocation, includePlainLoops: true);
                AnalyzeResend(context, send, nearest);
            }

            // The nearest construct is also the nearest retry construct when it retries: only a plain loop sends the search
            // further out. The request's method (IsUnsafe follows the request to its creation) is asked only under a retry.
            var retry = send.IsHelper || (nearest is not null && !nearest.IsRetry)
                ? _constructs.FindEnclosing(send.Invocation, includePlainLoops: false)
                : nearest;
            if (retry is { IsRetry: true, OnlyTooManyRequests: false } && send.IsUnsafe)
            {
                AnalyzeUnsafeRetry(context, send, retry);
            }
        }

        // HTTP0002
        private void AnalyzeResend(OperationAnalysisContext context, HttpSend send, RetryConstruct? construct)
        {
            if (construct is null || send.Request is null)
            {
                return;
            }

            var origin = send.Origin;
            var symbol = origin.Symbol;
            // Fields and properties may be replaced by a call the loop makes: only locals and parameters are followed.
            if (symbol is not (ILocalSymbol or IParameterSymbol) || !_requests.IsRequestMessage(send.Request.Type))
            {
                return;
            }

            if (symbol is ILocalSymbol local && IsDeclaredInside(local, construct))
            {
                return;
            }

            if (symbol is IParameterSymbol parameter && construct.Body is IAnonymousFunctionOperation callback &&
                SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, callback.Symbol) &&
                !PassesStateToCallback(construct))
            {
                return;
            }

            if (IsAssignedInside(symbol, construct) || (construct.Kind == RetryConstructKind.Loop && RunsOnce(send.Invocation, construct)))
            {
                return;
            }

            var locations = RetryFixData.Locations(construct);
            var properties = RetryFixData.Properties(construct);
            if (StatementsToMove(send, construct, context.CancellationToken) is { } moved)
            {
                locations = [.. locations, .. moved.ConvertAll(static statement => statement.GetLocation())];
                properties = properties.Add(RetryFixData.MoveRequest, moved.Count.ToString(CultureInfo.InvariantCulture));
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.RequestMessageResent,
                send.Invocation.NameLocation(),
                locations,
                properties,
                symbol.Name,
                construct.Describe()));
        }

        /// <summary>
        /// HTTP0002 fix data: the statements that move into the repeated body so that each repetition creates its own request
        /// (the local's declaration, then the statements between it and the construct that use it), or null when the request
        /// is not a local declared alone in a block before the construct, one of those statements is not an expression
        /// statement, or the local is used anywhere else.
        /// </summary>
        private static List<StatementSyntax>? StatementsToMove(HttpSend send, RetryConstruct construct, CancellationToken cancellationToken)
        {
            if (send.Request is not ILocalReferenceOperation { Local: var local } || send.Invocation.SemanticModel is not { } model)
            {
                return null;
            }

            if (local.DeclaringSyntaxReferences.Length != 1 ||
                local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer: not null } declarator ||
                declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 } ||
                declarator.Parent.Parent is not LocalDeclarationStatementSyntax declaration ||
                declaration.Parent is not BlockSyntax declarationBlock ||
                declaration.SyntaxTree != model.SyntaxTree)
            {
                return null;
            }

            var body = construct.Body.Syntax;
            var anchorIndex = -1;
            for (var i = 0; i < declarationBlock.Statements.Count; i++)
            {
                if (declarationBlock.Statements[i].Span.Contains(body.Span))
                {
                    anchorIndex = i;
                    break;
                }
            }

            var declarationIndex = declarationBlock.Statements.IndexOf(declaration);
            if (anchorIndex <= declarationIndex)
            {
                return null;
            }

            var moved = new List<StatementSyntax> { declaration };
            for (var i = declarationIndex + 1; i < anchorIndex; i++)
            {
                var statement = declarationBlock.Statements[i];
                if (References(model, statement, local, cancellationToken))
                {
                    if (statement is not ExpressionStatementSyntax)
                    {
                        return null;
                    }

                    moved.Add(statement);
                }
            }

            // Every other use must be inside the repeated body.
            foreach (var node in declarationBlock.DescendantNodes())
            {
                if (IsReference(model, node, local, cancellationToken) && !body.Span.Contains(node.Span) && !AnyContains(moved, node))
                {
                    return null;
                }
            }

            return moved;
        }

        private static bool AnyContains(List<StatementSyntax> statements, SyntaxNode node)
        {
            foreach (var statement in statements)
            {
                if (statement.Span.Contains(node.Span))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool References(SemanticModel model, SyntaxNode node, ILocalSymbol local, CancellationToken cancellationToken)
        {
            foreach (var descendant in node.DescendantNodes())
            {
                if (IsReference(model, descendant, local, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsReference(SemanticModel model, SyntaxNode node, ILocalSymbol local, CancellationToken cancellationToken)
            => node is IdentifierNameSyntax name && name.Identifier.ValueText == local.Name &&
                SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, local);

        private static bool PassesStateToCallback(RetryConstruct construct)
            => construct.Operation is IInvocationOperation execute && execute.Arguments.Length > 1;

        private static bool IsDeclaredInside(ILocalSymbol local, RetryConstruct construct)
        {
            foreach (var reference in local.DeclaringSyntaxReferences)
            {
                if (construct.Body.Syntax.Span.Contains(reference.Span))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsAssignedInside(ISymbol symbol, RetryConstruct construct)
        {
            foreach (var operation in OperationWalk.Below(construct.Body))
            {
                if (operation is ISimpleAssignmentOperation assignment)
                {
                    var target = assignment.Target.WalkDownConversions();
                    ISymbol? assigned = target switch
                    {
                        ILocalReferenceOperation l => l.Local,
                        IParameterReferenceOperation p => p.Parameter,
                        IFieldReferenceOperation f => f.Field,
                        IPropertyReferenceOperation p => p.Property,
                        _ => null,
                    };
                    if (assigned is not null && SymbolEqualityComparer.Default.Equals(assigned, symbol))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>A send in a loop that leaves the loop right after it, outside any try with catch clauses inside the loop, runs at most once.</summary>
        private static bool RunsOnce(IOperation send, RetryConstruct construct)
        {
            IOperation? statement = null;
            for (var current = send.Parent; current is not null && !ReferenceEquals(current, construct.Body); current = current.Parent)
            {
                if (current is ITryOperation { Catches.Length: > 0 })
                {
                    return false;
                }

                if (statement is null && current.Parent is IBlockOperation)
                {
                    statement = current;
                }
            }

            if (statement is IReturnOperation)
            {
                return true;
            }

            if (statement?.Parent is IBlockOperation block)
            {
                var index = block.Operations.IndexOf(statement);
                if (index >= 0 && index + 1 < block.Operations.Length)
                {
                    var next = block.Operations[index + 1];
                    return next is IReturnOperation or IBranchOperation { BranchKind: BranchKind.Break } or IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation };
                }
            }

            return false;
        }

        // HTTP0001
        private void AnalyzeUnsafeRetry(OperationAnalysisContext context, HttpSend send, RetryConstruct? construct)
        {
            if (construct is null || !construct.IsRetry || construct.OnlyTooManyRequests)
            {
                return;
            }

            var names = HttpRequests.IdempotencyKeyHeaders(context.Options, send.Invocation.Syntax.SyntaxTree, DiagnosticIds.IdempotencyKeyMissing);
            if (_requests.CarriesHeader(send, names))
            {
                return;
            }

            // A retry inside another retry gets no fix: a key created before the inner one would be new on every outer attempt.
            if (IsNested(construct))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.IdempotencyKeyMissing, send.Invocation.NameLocation(), send.Method, DescribeUri(send), construct.Describe()));
                return;
            }

            var creation = send.IsHelper || send.Request is null ? null : send.Origin.Creation;
            var properties = RetryFixData.Properties(construct, send.IsHelper ? send.Method : null, names.IsDefaultOrEmpty ? null : names[0]);
            if (send.IsHelper && HelperSendParts.TryGet(send.Invocation, out var parts))
            {
                properties = properties.Add(RetryFixData.HelperRewrite, parts.IsJson ? RetryFixData.HelperJson : RetryFixData.HelperContent);
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.IdempotencyKeyMissing,
                send.Invocation.NameLocation(),
                RetryFixData.Locations(construct, creation),
                properties,
                send.Method,
                DescribeUri(send),
                construct.Describe()));
        }

        /// <summary>The construct repeats inside another retry construct (a loop or a Polly callback around it).</summary>
        private bool IsNested(RetryConstruct construct) => _constructs.FindEnclosing(construct.Operation, includePlainLoops: false) is { IsRetry: true };

        private string DescribeUri(HttpSend send)
        {
            var uri = send.Uri;
            if (uri is null && send.Request is not null)
            {
                uri = send.Origin.Creation?.GetArgument("requestUri")?.Value;
            }

            var shape = StringShape.Of(uri);
            if (shape is null)
            {
                return "its URI";
            }

            if (shape.ConstantValue is { } constant)
            {
                return "'" + constant + "'";
            }

            return shape.LeadingText.Length > 0 ? "'" + shape.LeadingText + "…'" : "its URI";
        }

        // HTTP0003
        private void AnalyzeHeaderAdd(OperationAnalysisContext context, IInvocationOperation invocation)
        {
            if (!_requests.IsHeadersAddCall(invocation) || !RetryConstructs.MayRepeat(invocation))
            {
                return;
            }

            var names = HttpRequests.IdempotencyKeyHeaders(context.Options, invocation.Syntax.SyntaxTree, DiagnosticIds.IdempotencyKeyRegenerated);
            if (!_requests.IsHeaderAdd(invocation, names, out var value) || value is null)
            {
                return;
            }

            var generator = FindKeyGenerator(value, _types);
            if (generator is null)
            {
                return;
            }

            var construct = _constructs.FindEnclosing(generator, includePlainLoops: false);
            if (construct is null || !construct.IsRetry || !construct.Contains(invocation))
            {
                return;
            }

            var header = (invocation.GetArgument("name")?.Value ?? invocation.Arguments[0].Value).ConstantValue.Value as string;
            var locations = RetryFixData.Locations(construct);
            var properties = RetryFixData.Properties(construct);
            if (!IsNested(construct) && KeyHoist(invocation, generator, construct, context.CancellationToken) is { } hoist)
            {
                locations = [.. locations, hoist.Node.GetLocation()];
                properties = properties.Add(RetryFixData.KeyHoist, hoist.Kind);
            }

            // The generator may lie in an earlier local's initializer: reported from the block when it lies outside the header add.
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.IdempotencyKeyRegenerated,
                generator.Syntax.GetLocation(),
                locations,
                properties,
                header,
                generator.Syntax.ToString(),
                construct.Describe()));
        }

        /// <summary>
        /// HTTP0003 fix data: how the key can be created once, before the construct — the header value that holds the generator
        /// hoisted into a new local (<see cref="RetryFixData.HoistValue"/>), or the declaration of the local whose initializer
        /// holds it moved (<see cref="RetryFixData.MoveDeclaration"/>) — and the node the fix edits; null when the value uses a
        /// local of the construct, or the declaration cannot move.
        /// </summary>
        private static (string Kind, SyntaxNode Node)? KeyHoist(IInvocationOperation add, IOperation generator, RetryConstruct construct, CancellationToken cancellationToken)
        {
            var anchor = construct.Anchor;
            if (add.SemanticModel is not { } model || anchor is null)
            {
                return null;
            }

            var scope = construct.Kind == RetryConstructKind.Loop ? construct.Operation.Syntax : construct.Body.Syntax;
            var start = generator.Syntax.SyntaxTree == model.SyntaxTree ? model.GetOperation(generator.Syntax, cancellationToken) ?? generator : generator;
            for (var current = start.Parent; current is not null; current = current.Parent)
            {
                if (current is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Add" or "TryAddWithoutValidation" } } argument &&
                    argument.Value.Syntax is ExpressionSyntax value)
                {
                    return UsesLocalsDeclaredIn(model, value, scope, cancellationToken) ? null : (RetryFixData.HoistValue, value);
                }

                if (current is IVariableDeclaratorOperation { Initializer: not null } declarator &&
                    declarator.Syntax.Parent is VariableDeclarationSyntax { Variables.Count: 1 } &&
                    declarator.Syntax.Parent.Parent is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0 } declaration &&
                    declaration.Parent is BlockSyntax)
                {
                    var initializer = ((VariableDeclaratorSyntax)declarator.Syntax).Initializer!;
                    var name = declarator.Symbol.Name;
                    if (UsesLocalsDeclaredIn(model, initializer, scope, cancellationToken) ||
                        !model.LookupSymbols(anchor.SpanStart, name: name).IsEmpty ||
                        CountDeclarations(anchor.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? (SyntaxNode)anchor.SyntaxTree.GetRoot(cancellationToken), name) > 1)
                    {
                        return null;
                    }

                    return (RetryFixData.MoveDeclaration, declaration);
                }

                if (current is IBlockOperation or IAnonymousFunctionOperation)
                {
                    break;
                }
            }

            return null;
        }

        /// <summary>True when <paramref name="node"/> references a local or parameter declared inside <paramref name="scope"/>.</summary>
        private static bool UsesLocalsDeclaredIn(SemanticModel model, SyntaxNode node, SyntaxNode scope, CancellationToken cancellationToken)
        {
            foreach (var identifier in node.DescendantNodesAndSelf())
            {
                if (identifier is not IdentifierNameSyntax name)
                {
                    continue;
                }

                var symbol = model.GetSymbolInfo(name, cancellationToken).Symbol;
                if (symbol is ILocalSymbol or IParameterSymbol or IRangeVariableSymbol)
                {
                    foreach (var reference in symbol.DeclaringSyntaxReferences)
                    {
                        if (scope.Span.Contains(reference.Span))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static int CountDeclarations(SyntaxNode scope, string name)
        {
            var count = 0;
            foreach (var node in scope.DescendantNodes())
            {
                if ((node is VariableDeclaratorSyntax declarator && declarator.Identifier.ValueText == name) ||
                    (node is SingleVariableDesignationSyntax designation && designation.Identifier.ValueText == name) ||
                    (node is ParameterSyntax parameter && parameter.Identifier.ValueText == name))
                {
                    count++;
                }
            }

            return count;
        }
    }

    /// <summary>
    /// The expression that generates a fresh value (<c>Guid.NewGuid()</c>, <c>Guid.CreateVersion7()</c>, <c>Random</c>, a
    /// timestamp) in a header value, directly or through the initializer of a local.
    /// </summary>
    internal static IOperation? FindKeyGenerator(IOperation value, KnownTypes types)
    {
        var direct = FindGeneratorIn(value, types);
        if (direct is not null)
        {
            return direct;
        }

        foreach (var operation in OperationWalk.Of(value))
        {
            if (operation is ILocalReferenceOperation local && DeclaredInRepeatedCode(local.Local) &&
                LocalValues.ResolveValue(local) is { } initializer &&
                FindGeneratorIn(initializer, types) is { } generator)
            {
                return generator;
            }
        }

        return null;
    }

    /// <summary>
    /// Cheap syntax pre-filter before the method is scanned for the local's value: a key given its one value in its declaration,
    /// outside every loop and lambda of the member, is never regenerated per attempt.
    /// </summary>
    private static bool DeclaredInRepeatedCode(ILocalSymbol local)
    {
        var references = local.DeclaringSyntaxReferences;
        if (references.Length != 1 || references[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer: not null } declarator)
        {
            return true; // assigned later (perhaps per attempt), or declared by a pattern or an out variable
        }

        for (var node = declarator.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or CommonForEachStatementSyntax or AnonymousFunctionExpressionSyntax:
                    return true;
                case MemberDeclarationSyntax or LocalFunctionStatementSyntax:
                    return false;
            }
        }

        return false;
    }

    private static IOperation? FindGeneratorIn(IOperation value, KnownTypes types)
    {
        foreach (var operation in OperationWalk.Of(value))
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    var method = invocation.TargetMethod;
                    if ((method.Name is "NewGuid" or "CreateVersion7" && method.ContainingType.Is(types.Guid)) ||
                        method.ContainingType.Is(types.Random) ||
                        method.ContainingType.Is(types.RandomNumberGenerator) ||
                        (method.Name == "GetTimestamp" && method.ContainingType.Is(types.Stopwatch)))
                    {
                        return invocation;
                    }

                    break;
                case IPropertyReferenceOperation property:
                    var p = property.Property;
                    if ((p.Name is "Now" or "UtcNow" && (p.ContainingType.Is(types.DateTime) || p.ContainingType.Is(types.DateTimeOffset))) ||
                        (p.Name is "TickCount" or "TickCount64" && p.ContainingType.Is(types.Environment)))
                    {
                        return property;
                    }

                    break;
            }
        }

        return null;
    }
}
