using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Caching;

/// <summary>
/// HTTP0013: <c>Request.Headers.IfNoneMatch</c> / <c>Request.Headers["If-None-Match"]</c> / <c>IfMatch</c> (directly,
/// through <c>ToString()</c> or a local alias) compared with <c>==</c>, <c>!=</c>, <c>Equals</c>,
/// <c>string.Equals</c> or <c>switch</c> against a single tag.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConditionalRequestAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.IfNoneMatchStringComparison);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var types = KnownTypes.Get(start.Compilation);
            var headers = HeaderModel.Create(types);
            if (headers is null)
            {
                return;
            }

            var analyzer = new Analyzer(types, headers);
            // Every finding compares a read of If-None-Match or If-Match made in the same body: only the types of files
            // that name one have the actions (TypeScopedActions).
            start.RegisterForTypes(Analyzer.Files.AnyDeclaration, type =>
            {
                type.RegisterOperationAction(analyzer.AnalyzeBinary, OperationKind.Binary);
                type.RegisterOperationAction(analyzer.AnalyzeInvocation, OperationKind.Invocation);
                type.RegisterOperationAction(analyzer.AnalyzeSwitch, OperationKind.Switch, OperationKind.SwitchExpression);
            });
        });
    }

    private sealed class Analyzer
    {
        /// <summary>
        /// The words of a file that can read the header: its name as a string (<c>"If-None-Match"</c>, in any usual case)
        /// or a property (<c>HeaderNames.IfNoneMatch</c>, <c>Headers.IfMatch</c>). A name held in a constant declared in
        /// another file is not seen.
        /// </summary>
        public static readonly FileWords Files = new("Match", "match", "MATCH", "IfNoneMatch", "IfMatch");

        private readonly KnownTypes _types;
        private readonly HeaderModel _headers;

        public Analyzer(KnownTypes types, HeaderModel headers)
        {
            _types = types;
            _headers = headers;
        }

        public void AnalyzeBinary(OperationAnalysisContext context)
        {
            var binary = (IBinaryOperation)context.Operation;
            if (binary.OperatorKind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals))
            {
                return;
            }

            Check(context, binary, binary.LeftOperand, binary.RightOperand, binary.OperatorKind == BinaryOperatorKind.NotEquals);
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name != "Equals" || invocation.TargetMethod.ReturnType.SpecialType != SpecialType.System_Boolean)
            {
                return;
            }

            if (invocation.Instance is { } instance && invocation.Arguments.Length >= 1)
            {
                Check(context, invocation, instance, invocation.Arguments[0].Value, negated: false);
            }
            else if (invocation.Instance is null && invocation.TargetMethod.IsStatic && invocation.Arguments.Length >= 2)
            {
                Check(context, invocation, invocation.Arguments[0].Value, invocation.Arguments[1].Value, negated: false);
            }
        }

        public void AnalyzeSwitch(OperationAnalysisContext context)
        {
            IOperation? governing;
            var hasTagCase = false;
            switch (context.Operation)
            {
                case ISwitchOperation statement:
                    governing = statement.Value;
                    foreach (var section in statement.Cases)
                    {
                        foreach (var clause in section.Clauses)
                        {
                            hasTagCase |= clause switch
                            {
                                ISingleValueCaseClauseOperation single => IsTag(single.Value),
                                IPatternCaseClauseOperation { Pattern: IConstantPatternOperation constant } => IsTag(constant.Value),
                                _ => false,
                            };
                        }
                    }

                    break;
                case ISwitchExpressionOperation expression:
                    governing = expression.Value;
                    foreach (var arm in expression.Arms)
                    {
                        hasTagCase |= arm.Pattern is IConstantPatternOperation constant && IsTag(constant.Value);
                    }

                    break;
                default:
                    return;
            }

            if (hasTagCase && GetHeaderRead(governing, 0, out var header, out _))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.IfNoneMatchStringComparison, governing.Syntax.GetLocation(), header));
            }
        }

        /// <summary>A constant string other than "*" (a single entity tag).</summary>
        private static bool IsTag(IOperation value)
            => value.WalkDownConversions().ConstantValue is { HasValue: true, Value: string tag } && tag.Length > 0 && tag != "*";

        private void Check(OperationAnalysisContext context, IOperation comparison, IOperation left, IOperation right, bool negated)
        {
            IOperation other;
            string header;
            IOperation? owner;
            if (GetHeaderRead(left, 0, out header, out owner))
            {
                other = right;
            }
            else if (GetHeaderRead(right, 0, out header, out owner))
            {
                other = left;
            }
            else
            {
                return;
            }

            other = other.WalkDownConversions();
            if (!IsSingleTag(other))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(CachingFixData.Header, header == "If-Match" ? "IfMatch" : "IfNoneMatch")
                .Add(CachingFixData.Negated, negated ? CachingFixData.True : CachingFixData.False);
            var locations = ImmutableArray<Location>.Empty;
            var tagKind = other.Type.Is(_types.EntityTagHeaderValue) ? CachingFixData.TagTyped : other.Type?.SpecialType == SpecialType.System_String ? CachingFixData.TagString : null;
            if (owner is not null && tagKind is not null && comparison is IBinaryOperation or IInvocationOperation)
            {
                properties = properties.Add(CachingFixData.TagKind, tagKind);
                locations = ImmutableArray.Create(owner.Syntax.GetLocation(), other.Syntax.GetLocation());
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.IfNoneMatchStringComparison, comparison.Syntax.GetLocation(), locations, properties, header));
        }

        /// <summary>The other operand is one tag: not null, not "*", not empty, not another header.</summary>
        private bool IsSingleTag(IOperation other)
        {
            if (other.ConstantValue.HasValue)
            {
                return other.ConstantValue.Value is string constant && constant.Length > 0 && constant != "*";
            }

            if (other is IFieldReferenceOperation { Field: { IsStatic: true, Name: "Empty" } } || other is IDefaultValueOperation)
            {
                return false;
            }

            var type = other.Type;
            return type is not null && (type.SpecialType == SpecialType.System_String || type.Is(_types.EntityTagHeaderValue) || type.Is(_types.StringValues)) &&
                   !GetHeaderRead(other, 0, out _, out _);
        }

        /// <summary><c>request.Headers.TryGetValue("If-None-Match", out …)</c> (or <c>HeaderNames.IfMatch</c>).</summary>
        private bool IsHeaderTryGetValue(IInvocationOperation call, out string header, out IOperation? owner)
        {
            header = string.Empty;
            owner = null;
            if (call.TargetMethod.Name != "TryGetValue" || call.Instance is not { } headers || !_headers.IsHeaderDictionary(headers.Type) ||
                call.Arguments.Length != 2 || _headers.GetSide(headers, out owner) != HeaderSide.Request)
            {
                return false;
            }

            var name = _headers.GetHeaderName(call.Arguments[0].Value);
            if (string.Equals(name, "If-None-Match", System.StringComparison.OrdinalIgnoreCase))
            {
                header = "If-None-Match";
                return true;
            }

            if (string.Equals(name, "If-Match", System.StringComparison.OrdinalIgnoreCase))
            {
                header = "If-Match";
                return true;
            }

            return false;
        }

        /// <summary>The operation reads If-None-Match or If-Match of the request (directly, via ToString(), or through a local).</summary>
        private bool GetHeaderRead(IOperation operation, int depth, out string header, out IOperation? owner)
        {
            header = string.Empty;
            owner = null;
            if (depth > 3)
            {
                return false;
            }

            operation = operation.WalkDownConversions();
            switch (operation)
            {
                case IInvocationOperation { TargetMethod.Name: "ToString", Instance: { } instance, Arguments.Length: 0 }:
                    return GetHeaderRead(instance, depth + 1, out header, out owner);
                case IPropertyReferenceOperation reference when reference.Property.IsIndexer || reference.Property.Name is "IfNoneMatch" or "IfMatch":
                    if (_headers.TryGetRead(reference, out var name, out var side, out owner) && side == HeaderSide.Request)
                    {
                        if (string.Equals(name, "If-None-Match", System.StringComparison.OrdinalIgnoreCase))
                        {
                            header = "If-None-Match";
                            return true;
                        }

                        if (string.Equals(name, "If-Match", System.StringComparison.OrdinalIgnoreCase))
                        {
                            header = "If-Match";
                            return true;
                        }
                    }

                    return false;
                case ILocalReferenceOperation local:
                    if (local.Local.Type is not { SpecialType: SpecialType.System_String } && !local.Local.Type.Is(_types.StringValues))
                    {
                        return false; // only a string or StringValues local can hold the raw header
                    }

                    // Cheap look at the declaration first; scan for reassignments only when it reads the header.
                    var initializer = LocalValues.GetInitializer(local);
                    if (initializer is not null)
                    {
                        return GetHeaderRead(initializer, depth + 1, out header, out owner) && LocalValues.GetSingleValue(local) is not null;
                    }

                    // headers.TryGetValue("If-None-Match", out var value)
                    return LocalValues.GetOutVarDeclaringCall(local) is { } call && IsHeaderTryGetValue(call, out header, out owner) &&
                           LocalValues.IsNeverReassigned(local);
                default:
                    return false;
            }
        }
    }
}
