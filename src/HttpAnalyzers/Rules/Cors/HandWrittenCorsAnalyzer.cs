using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Cors;

/// <summary>
/// Hand-written CORS headers: HTTP0030 (<c>Access-Control-Allow-Origin: *</c> or an unchecked Origin echo together with
/// <c>Access-Control-Allow-Credentials: true</c>), HTTP0034 (no preflight handling anywhere in the compilation: the write
/// asks the compilation's <see cref="PreflightIndex"/>) and HTTP0035 (an echoed Origin without <c>Vary: Origin</c>). The
/// writes are analysed from an action scoped to their operation block, so that HTTP0030, reported at the credentials
/// write of the same body, is local to the block and shows in the open document.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HandWrittenCorsAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.CorsAnyOriginWithCredentials,
        Descriptors.CorsHeadersWithoutPreflight,
        Descriptors.CorsOriginEchoWithoutVary);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(Start);
    }

    private static void Start(CompilationStartAnalysisContext context)
    {
        var types = KnownTypes.Get(context.Compilation);
        if (types.IHeaderDictionary is null)
        {
            return;
        }

        var state = new State(types);
        // Gated per type (symbol start): a type in a file that never names the header costs one callback, not one per body.
        context.RegisterForTypes(State.MayWriteAllowOrigin, state.OnTypeStart);
    }

    private static readonly ImmutableDictionary<string, string?> AddVaryFix = ImmutableDictionary<string, string?>.Empty.Add(CorsFixData.Kind, CorsFixData.AddVary);
    private static readonly ImmutableDictionary<string, string?> RemoveCallFix = ImmutableDictionary<string, string?>.Empty.Add(CorsFixData.Kind, CorsFixData.RemoveCall);

    private sealed class State
    {
        private readonly CorsHeaderWrites _writes;
        private readonly INamedTypeSymbol? _httpMethods;
        private readonly INamedTypeSymbol? _staticFileOptions;
        private readonly ConcurrentDictionary<IOperation, byte> _reportedCredentials = new();
        private readonly ConditionalWeakTable<IOperation, CorsBodyFacts> _bodies = new();
        private readonly ConditionalWeakTable<IOperation, CorsBodyFacts>.CreateValueCallback _computeFacts;
        private readonly Action<OperationAnalysisContext> _onWriteCandidate;
        private readonly Func<Compilation, CancellationToken, PreflightIndex> _buildPreflight;
        private static readonly TreeMentions AllowOriginFiles = new(StringComparison.OrdinalIgnoreCase, "Allow-Origin", "AllowOrigin");
        private readonly Action<OperationBlockStartAnalysisContext> _onBlockStart;

        public State(KnownTypes types)
        {
            _writes = new CorsHeaderWrites(types.IHeaderDictionary!, types.HeaderNames);
            _httpMethods = types.HttpMethods;
            _staticFileOptions = types.StaticFileOptions;
            _computeFacts = root => CorsBodyFacts.Of(root, _writes);
            _onWriteCandidate = OnWriteCandidate;
            _onBlockStart = OnBlockStart;
            _buildPreflight = (compilation, cancellationToken) => PreflightIndex.Build(compilation, types, cancellationToken);
        }

        /// <summary>Whether a file declaring the type mentions the header: only such types get the block action.</summary>
        public static bool MayWriteAllowOrigin(ISymbol type) => AllowOriginFiles.AnyDeclaration(type);

        /// <summary>Registers the block action for a type declared in a file that mentions the header.</summary>
        public void OnTypeStart(SymbolStartAnalysisContext context) => context.RegisterOperationBlockStartAction(_onBlockStart);

        /// <summary>
        /// Registers the write action for a body whose file mentions the header (<c>"Access-Control-Allow-Origin"</c>,
        /// <c>HeaderNames.AccessControlAllowOrigin</c>, a constant named for it); any other body costs one cached lookup.
        /// </summary>
        public void OnBlockStart(OperationBlockStartAnalysisContext context)
        {
            if (!context.OperationBlocks.IsEmpty && AllowOriginFiles.Any(context.OperationBlocks[0].Syntax.SyntaxTree))
            {
                context.RegisterOperationAction(_onWriteCandidate, OperationKind.SimpleAssignment, OperationKind.Invocation);
            }
        }

        public void OnWriteCandidate(OperationAnalysisContext context)
        {
            var operation = context.Operation;
            if (operation is ISimpleAssignmentOperation { Target: not IPropertyReferenceOperation })
            {
                return;
            }

            if (!_writes.TryGetWrite(operation, out var write) || !string.Equals(write.Name, CorsHeaderWrites.AllowOrigin, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            var location = operation.Syntax.GetLocation();
            if (!InStaticFileCallback(operation) &&
                !CrossFileIndex<PreflightIndex>.Get(context.Compilation, _buildPreflight, context.CancellationToken).PreflightAnswered)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CorsHeadersWithoutPreflight, location));
            }

            var value = write.Value;
            var constant = value?.WalkDownConversions().ConstantValue;
            var isStar = constant is { HasValue: true, Value: string s } && s.Trim() == "*";
            if (constant is { HasValue: true } && !isStar)
            {
                // A fixed origin: nothing varies by request and credentials are fine.
                return;
            }

            var facts = _bodies.GetValue(operation.GetRoot(), _computeFacts);
            var echoes = !isStar && facts.DependsOnOrigin(value);

            if (echoes && !HasVaryOrigin(facts) && !OnOptionsPath(operation))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CorsOriginEchoWithoutVary, location, AddVaryFix));
            }

            var uncheckedEcho = echoes && !facts.OriginIsChecked && facts.IsDirectOrigin(value);
            if (!isStar && !uncheckedEcho)
            {
                return;
            }

            var body = operation.GetEnclosingBody();
            foreach (var other in facts.Writes)
            {
                if (!string.Equals(other.Name, CorsHeaderWrites.AllowCredentials, StringComparison.OrdinalIgnoreCase) ||
                    other.Value?.WalkDownConversions().ConstantValue is not { HasValue: true, Value: string credentials } ||
                    !string.Equals(credentials.Trim(), "true", StringComparison.OrdinalIgnoreCase) ||
                    !ReferenceEquals(other.Operation.GetEnclosingBody(), body) ||
                    CorsPolicies.AreExclusive(operation, other.Operation) ||
                    !_reportedCredentials.TryAdd(other.Operation, 0))
                {
                    continue;
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.CorsAnyOriginWithCredentials,
                    other.Operation.Syntax.GetLocation(),
                    RemoveCallFix,
                    "'Access-Control-Allow-Credentials: true'",
                    isStar ? "'Access-Control-Allow-Origin: *'" : "an 'Access-Control-Allow-Origin' that echoes the request's Origin unchecked",
                    isStar
                        ? "browsers reject every credentialed response"
                        : "any web site can send credentialed requests as the signed-in user and read the responses"));
            }
        }

        /// <summary>Inside <c>StaticFileOptions.OnPrepareResponse</c>: static files answer simple GET requests, which need no preflight.</summary>
        private bool InStaticFileCallback(IOperation operation)
        {
            if (_staticFileOptions is null)
            {
                return false;
            }

            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation &&
                    current.WalkUpConversions() is IDelegateCreationOperation creation &&
                    creation.WalkUpConversions() is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "OnPrepareResponse" } property } &&
                    property.Property.ContainingType.InheritsFromOrEquals(_staticFileOptions))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The write only runs for OPTIONS requests (<c>if (HttpMethods.IsOptions(…)) { … }</c>): responses to OPTIONS are not
        /// cacheable (RFC 9110 §9.3.7), so they need no Vary.
        /// </summary>
        private bool OnOptionsPath(IOperation operation)
        {
            var child = operation;
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is IConditionalOperation conditional && ReferenceEquals(conditional.WhenTrue, child) && IsOptionsTest(conditional.Condition))
                {
                    return true;
                }

                child = current;
            }

            return false;
        }

        private bool IsOptionsTest(IOperation condition)
        {
            condition = condition.WalkDownConversions();
            return condition switch
            {
                IInvocationOperation { TargetMethod.Name: "IsOptions" } invocation => invocation.TargetMethod.IsMethod(_httpMethods, "IsOptions"),
                IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } binary => IsOptionsValue(binary.LeftOperand) || IsOptionsValue(binary.RightOperand),
                IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and => IsOptionsTest(and.LeftOperand) || IsOptionsTest(and.RightOperand),
                _ => false,
            };
        }

        private bool IsOptionsValue(IOperation value)
        {
            value = value.WalkDownConversions();
            return value.ConstantValue is { HasValue: true, Value: string text } && string.Equals(text, "OPTIONS", StringComparison.OrdinalIgnoreCase) ||
                   value is IFieldReferenceOperation { Field.Name: "Options" } field && SymbolEqualityComparer.Default.Equals(field.Field.ContainingType, _httpMethods);
        }

        private static bool HasVaryOrigin(CorsBodyFacts facts)
        {
            foreach (var write in facts.Writes)
            {
                if (!string.Equals(write.Name, CorsHeaderWrites.Vary, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var shape = StringShape.Of(write.Value);
                if (shape is null || shape.HasHoles)
                {
                    // A value the analysis cannot read may well hold Origin.
                    return true;
                }

                var text = shape.ConstantValue ?? string.Empty;
                if (text.IndexOf(CorsHeaderWrites.Origin, StringComparison.OrdinalIgnoreCase) >= 0 || text.Trim() == "*")
                {
                    return true;
                }
            }

            return false;
        }
    }
}
