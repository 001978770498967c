using System.Collections.Immutable;
using System.Text;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Semantics;

/// <summary>
/// HTTP0052: <c>Request.Method</c> (or a local alias of it) compared with a string literal: <c>==</c>, <c>!=</c>,
/// <c>Equals</c> without a <c>StringComparison</c>, <c>switch</c> on it, <c>is "POST" or …</c>, and the property pattern
/// <c>Request is { Method: "POST" }</c> (also extended, <c>context is { Request.Method: "POST" }</c>, and in switch arms).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MethodComparisonAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.MethodComparedWithLiteral);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var types = KnownTypes.Get(start.Compilation);
            if (types.HttpRequest is null || types.HttpMethods is null)
            {
                return;
            }

            var analyzer = new Analyzer(types);
            // Every finding compares a read of HttpRequest.Method made in the same body (IsRequestMethod): only the types
            // of files that write "Method" have the actions (TypeScopedActions).
            start.RegisterForTypes(Analyzer.Files.AnyDeclaration, type =>
            {
                type.RegisterOperationAction(analyzer.AnalyzeBinary, OperationKind.Binary);
                type.RegisterOperationAction(analyzer.AnalyzeInvocation, OperationKind.Invocation);
                type.RegisterOperationAction(analyzer.AnalyzeSwitch, OperationKind.Switch, OperationKind.SwitchExpression);
                type.RegisterOperationAction(analyzer.AnalyzeIsPattern, OperationKind.IsPattern);
                type.RegisterOperationAction(analyzer.AnalyzePropertySubpattern, OperationKind.PropertySubpattern);
            });
        });
    }

    private sealed class Analyzer
    {
        /// <summary>The word of a file that can hold a finding: the <c>Method</c> property read.</summary>
        public static readonly FileWords Files = new("Method");

        private readonly KnownTypes _types;
        private readonly bool _canCanonicalize;

        public Analyzer(KnownTypes types)
        {
            _types = types;
            foreach (var member in types.HttpMethods!.GetMembers("GetCanonicalizedValue"))
            {
                _canCanonicalize |= member is IMethodSymbol { IsStatic: true, Parameters.Length: 1 };
            }
        }

        public void AnalyzeBinary(OperationAnalysisContext context)
        {
            var binary = (IBinaryOperation)context.Operation;
            if (binary.OperatorKind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals) ||
                binary.LeftOperand.Type?.SpecialType != SpecialType.System_String || binary.RightOperand.Type?.SpecialType != SpecialType.System_String)
            {
                return;
            }

            if (Literal(binary.RightOperand) is { } right && IsRequestMethod(binary.LeftOperand))
            {
                Report(context, binary, binary.LeftOperand, right, binary.OperatorKind == BinaryOperatorKind.NotEquals ? SemanticsFixData.NotEqual : SemanticsFixData.Equal);
            }
            else if (Literal(binary.LeftOperand) is { } left && IsRequestMethod(binary.RightOperand))
            {
                Report(context, binary, binary.RightOperand, left, binary.OperatorKind == BinaryOperatorKind.NotEquals ? SemanticsFixData.NotEqual : SemanticsFixData.Equal);
            }
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (method.Name != "Equals" || method.ContainingType?.SpecialType != SpecialType.System_String)
            {
                return;
            }

            // string.Equals(a, b) / a.Equals(b): an explicit StringComparison is a deliberate choice.
            IOperation? first;
            IOperation? second;
            if (method.IsStatic && method.Parameters.Length == 2 && invocation.Arguments.Length == 2)
            {
                first = invocation.Arguments[0].Value;
                second = invocation.Arguments[1].Value;
            }
            else if (!method.IsStatic && method.Parameters.Length == 1 && invocation.Instance is { } instance && invocation.Arguments.Length == 1)
            {
                first = instance;
                second = invocation.Arguments[0].Value;
            }
            else
            {
                return;
            }

            if (Literal(second) is { } literal && IsRequestMethod(first))
            {
                Report(context, invocation, first, literal, SemanticsFixData.Equal);
            }
            else if (Literal(first) is { } reversed && IsRequestMethod(second))
            {
                Report(context, invocation, second, reversed, SemanticsFixData.Equal);
            }
        }

        public void AnalyzeSwitch(OperationAnalysisContext context)
        {
            IOperation value;
            var literals = new StringBuilder();
            if (context.Operation is ISwitchOperation statement)
            {
                value = statement.Value;
                if (!IsString(value))
                {
                    return;
                }

                foreach (var section in statement.Cases)
                {
                    foreach (var clause in section.Clauses)
                    {
                        switch (clause)
                        {
                            case ISingleValueCaseClauseOperation single when Literal(single.Value) is { } text:
                                Append(literals, text);
                                break;
                            case IPatternCaseClauseOperation pattern:
                                CollectPatternLiterals(pattern.Pattern, literals);
                                break;
                        }
                    }
                }
            }
            else
            {
                var expression = (ISwitchExpressionOperation)context.Operation;
                value = expression.Value;
                if (!IsString(value))
                {
                    return;
                }

                foreach (var arm in expression.Arms)
                {
                    CollectPatternLiterals(arm.Pattern, literals);
                }
            }

            if (literals.Length == 0 || !IsRequestMethod(value))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(SemanticsFixData.Shape, _canCanonicalize ? SemanticsFixData.Switch : null);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.MethodComparedWithLiteral, value.Syntax.GetLocation(), properties, literals.ToString(), "HttpMethods.GetCanonicalizedValue"));
        }

        public void AnalyzeIsPattern(OperationAnalysisContext context)
        {
            var isPattern = (IIsPatternOperation)context.Operation;
            if (!IsString(isPattern.Value))
            {
                return;
            }

            var literals = new StringBuilder();
            CollectPatternLiterals(isPattern.Pattern, literals);
            if (literals.Length == 0 || !IsRequestMethod(isPattern.Value))
            {
                return;
            }

            var fixable = IsFixablePattern(isPattern.Pattern);
            var properties = ImmutableDictionary<string, string?>.Empty.Add(SemanticsFixData.Shape, fixable ? SemanticsFixData.Pattern : null);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.MethodComparedWithLiteral,
                isPattern.Pattern.Syntax.GetLocation(),
                ImmutableArray.Create(isPattern.Syntax.GetLocation(), isPattern.Value.Syntax.GetLocation()),
                properties,
                literals.ToString(),
                "the HttpMethods.Is… helpers"));
        }

        // Request is { Method: "POST" or "PUT" }: reported at the subpattern's pattern, like an 'is' pattern.
        public void AnalyzePropertySubpattern(OperationAnalysisContext context)
        {
            var subpattern = (IPropertySubpatternOperation)context.Operation;
            if (subpattern.Member is not IPropertyReferenceOperation { Property.Name: "Method" } member ||
                !member.Property.ContainingType.InheritsFromOrEquals(_types.HttpRequest))
            {
                return;
            }

            var literals = new StringBuilder();
            CollectPatternLiterals(subpattern.Pattern, literals);
            if (literals.Length == 0)
            {
                return;
            }

            // The fix needs the whole 'is' to be the one property test on a request that is never null
            // (x is { Method: "GET" } is also a null test, which HttpMethods.IsGet(x.Method) is not).
            var properties = ImmutableDictionary<string, string?>.Empty;
            var locations = ImmutableArray<Location>.Empty;
            if (IsFixablePattern(subpattern.Pattern) && OnlyTestOf(subpattern) is { } isPattern)
            {
                properties = properties.Add(SemanticsFixData.Shape, SemanticsFixData.PropertyPattern);
                locations = ImmutableArray.Create(isPattern.Syntax.GetLocation(), isPattern.Value.Syntax.GetLocation());
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.MethodComparedWithLiteral,
                subpattern.Pattern.Syntax.GetLocation(),
                locations,
                properties,
                literals.ToString(),
                "the HttpMethods.Is… helpers"));
        }

        /// <summary>
        /// The <c>is</c> expression whose only test is <paramref name="subpattern"/>, on a request that cannot be null: <c>x is { Method: … }</c>
        /// or <c>x is { Request.Method: … }</c> (an extended path is nested property patterns), where every member on the path and
        /// <c>x</c> itself are declared non-null (<c>HttpContext.Request</c>, <c>ControllerBase.HttpContext</c>, a non-null parameter).
        /// A nullable or oblivious subject (<c>accessor.HttpContext is { Request.Method: … }</c>) makes the pattern a null test too,
        /// which <c>HttpMethods.IsGet(x.Method)</c> is not.
        /// </summary>
        private static IIsPatternOperation? OnlyTestOf(IPropertySubpatternOperation subpattern)
        {
            // A path kept in one member (Request.Method as a reference whose instance is Request) must be non-null all along too.
            for (var instance = subpattern.Member is IPropertyReferenceOperation member ? member.Instance : null; instance is IPropertyReferenceOperation path; instance = path.Instance)
            {
                if (path.Property.NullableAnnotation != NullableAnnotation.NotAnnotated)
                {
                    return null;
                }
            }

            for (IOperation current = subpattern; ;)
            {
                if (current.Parent is not IRecursivePatternOperation { PropertySubpatterns.Length: 1, DeconstructionSubpatterns.Length: 0, DeclaredSymbol: null } recursive ||
                    !SymbolEqualityComparer.Default.Equals(recursive.MatchedType, recursive.InputType))
                {
                    return null;
                }

                switch (recursive.Parent)
                {
                    case IPropertySubpatternOperation { Member: IPropertyReferenceOperation { Property.NullableAnnotation: NullableAnnotation.NotAnnotated } } outer:
                        current = outer;
                        continue;
                    case IIsPatternOperation isPattern when ReferenceEquals(isPattern.Pattern, recursive) && NeverNull(isPattern.Value):
                        return isPattern;
                    default:
                        return null;
                }
            }
        }

        private static bool NeverNull(IOperation subject) => subject.WalkDownConversions() switch
        {
            IPropertyReferenceOperation property => property.Property.NullableAnnotation == NullableAnnotation.NotAnnotated,
            IParameterReferenceOperation parameter => parameter.Parameter.NullableAnnotation == NullableAnnotation.NotAnnotated,
            _ => false,
        };

        private static void Report(OperationAnalysisContext context, IOperation comparison, IOperation method, string literal, string shape)
        {
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(SemanticsFixData.Shape, shape)
                .Add(SemanticsFixData.Method, literal);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.MethodComparedWithLiteral,
                comparison.Syntax.GetLocation(),
                ImmutableArray.Create(method.Syntax.GetLocation()),
                properties,
                "\"" + literal + "\"",
                SemanticsFixData.HelperFor(literal)));
        }

        private static void Append(StringBuilder literals, string text)
        {
            if (literals.Length > 0)
            {
                literals.Append(", ");
            }

            literals.Append('"').Append(text).Append('"');
        }

        private static void CollectPatternLiterals(IPatternOperation pattern, StringBuilder literals)
        {
            switch (pattern)
            {
                case IConstantPatternOperation constant when Literal(constant.Value) is { } text:
                    Append(literals, text);
                    break;
                case IBinaryPatternOperation binary:
                    CollectPatternLiterals(binary.LeftPattern, literals);
                    CollectPatternLiterals(binary.RightPattern, literals);
                    break;
                case INegatedPatternOperation negated:
                    CollectPatternLiterals(negated.Pattern, literals);
                    break;
            }
        }

        /// <summary>Only string constants combined with <c>or</c>, <c>and</c>, <c>not</c> (and parentheses) become calls.</summary>
        private static bool IsFixablePattern(IPatternOperation pattern) => pattern switch
        {
            IConstantPatternOperation constant => Literal(constant.Value) is not null,
            IBinaryPatternOperation binary => IsFixablePattern(binary.LeftPattern) && IsFixablePattern(binary.RightPattern),
            INegatedPatternOperation negated => IsFixablePattern(negated.Pattern),
            _ => false,
        };

        private static bool IsString(IOperation value) => value.Type?.SpecialType == SpecialType.System_String;

        /// <summary>A string constant (literal or <c>const</c>); <c>HttpMethods.Get</c> is a static readonly field, never a constant.</summary>
        private static string? Literal(IOperation operation)
            => operation.WalkDownConversions() is { ConstantValue: { HasValue: true, Value: string text } } && text.Length > 0 ? text : null;

        /// <summary><c>HttpRequest.Method</c>, or a local whose one value is it (<c>var method = context.Request.Method;</c>).</summary>
        private bool IsRequestMethod(IOperation operation)
        {
            operation = operation.WalkDownConversions();
            if (operation is ILocalReferenceOperation local && local.Type?.SpecialType == SpecialType.System_String)
            {
                if (LocalValues.GetSingleValue(local) is not { } value)
                {
                    return false;
                }

                operation = value.WalkDownConversions();
            }

            return operation is IPropertyReferenceOperation { Property.Name: "Method" } property &&
                   property.Property.ContainingType.InheritsFromOrEquals(_types.HttpRequest);
        }
    }
}
