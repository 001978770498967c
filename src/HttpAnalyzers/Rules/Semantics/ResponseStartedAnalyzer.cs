using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Semantics;

/// <summary>
/// HTTP0051: a write to the status, a header, the content type or length, a cookie, or an <c>OnStarting</c>
/// registration after a statement that starts the response body, or after <c>await next(…)</c>, in the same method,
/// on a path that reaches it, without a <c>Response.HasStarted</c> test (see <see cref="ResponseStartModel"/>).
/// Fix data: <see cref="SemanticsFixData.Move"/> / <see cref="SemanticsFixData.OnStarting"/>, additional locations: the statement that
/// starts the body, then the response expression of the write.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ResponseStartedAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.HeadersAfterResponseStarted);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (ResponseStartModel.Create(KnownTypes.Get(start.Compilation)) is not { } model)
            {
                return;
            }

            var analyzer = new Analyzer(model);
            // Only the types of files that write what ResponseStartModel.TryGetWrite knows have the action (TypeScopedActions).
            start.RegisterForTypes(Analyzer.Files.AnyDeclaration, type => type.RegisterOperationAction(analyzer.Analyze, OperationKind.SimpleAssignment, OperationKind.Invocation));
        });
    }

    private sealed class Analyzer
    {
        /// <summary>
        /// The words of a file that can write to a response: the properties set (<c>StatusCode</c>, <c>ContentType</c>,
        /// <c>ContentLength</c>), the header collections (<c>Headers</c>, <c>GetTypedHeaders</c>, also in the initializer of
        /// a local that holds one), <c>OnStarting</c> and <c>Cookies</c>.
        /// </summary>
        public static readonly FileWords Files = new("StatusCode", "ContentType", "ContentLength", "Headers", "GetTypedHeaders", "OnStarting", "Cookies");

        private readonly ResponseStartModel _model;

        public Analyzer(ResponseStartModel model) => _model = model;

        public void Analyze(OperationAnalysisContext context)
        {
            if (!_model.TryGetWrite(context.Operation, out var write) || !_model.TryFindStartBefore(write, out var start))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty;
            if (write.Operation.Parent is IExpressionStatementOperation statement &&
                statement.Parent is IBlockOperation block && start.Statement.Parent == block && block.Syntax is BlockSyntax &&
                DeclaredBefore(statement, start.Statement) && !ContainsAwait(statement))
            {
                if (write.IsOnStarting || (!start.IsNext && CanMove(statement, start.Statement, block)))
                {
                    properties = properties.Add(SemanticsFixData.Move, "1");
                }

                if (!write.IsOnStarting)
                {
                    properties = properties.Add(SemanticsFixData.OnStarting, "1");
                }
            }

            var location = write.Operation is ISimpleAssignmentOperation assignment
                ? assignment.Target.Syntax.GetLocation()
                : ((IInvocationOperation)write.Operation).NameLocation();
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.HeadersAfterResponseStarted,
                location,
                new[] { start.Statement.Syntax.GetLocation(), write.Response.Syntax.GetLocation() },
                properties,
                write.Description,
                start.Name));
        }

        /// <summary>Every local the write reads is declared before the statement that starts the body (so the write can go there).</summary>
        private static bool DeclaredBefore(IOperation write, IOperation startStatement)
        {
            var position = startStatement.Syntax.SpanStart;
            foreach (var operation in OperationWalk.Below(write))
            {
                if (operation is ILocalReferenceOperation local &&
                    (local.Local.DeclaringSyntaxReferences.Length == 0 || local.Local.DeclaringSyntaxReferences[0].Span.Start >= position))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>An <c>await</c> of the write itself (not one inside a lambda it passes): it can't move into a callback.</summary>
        private static bool ContainsAwait(IOperation write)
        {
            foreach (var operation in OperationWalk.Below(write))
            {
                if (operation is not IAwaitOperation)
                {
                    continue;
                }

                var nested = false;
                for (var current = operation.Parent; current is not null && current != write; current = current.Parent)
                {
                    nested |= current is IAnonymousFunctionOperation;
                }

                if (!nested)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Moving the write before the start keeps its meaning: its value reads only constants, parameters, locals, fields
        /// and properties (and <c>ToString()</c>), none of which the statements in between assign (writes of the same
        /// property or header included).
        /// </summary>
        private bool CanMove(IOperation statement, IOperation startStatement, IBlockOperation block)
        {
            var write = ((IExpressionStatementOperation)statement).Operation;
            foreach (var operation in OperationWalk.Below(statement))
            {
                if (operation is IInvocationOperation invocation && invocation != write &&
                    invocation.TargetMethod.Name != "ToString" && invocation.TargetMethod.Name != "GetTypedHeaders")
                {
                    return false;
                }
            }

            var from = -1;
            var to = -1;
            for (var i = 0; i < block.Operations.Length; i++)
            {
                if (block.Operations[i] == startStatement)
                {
                    from = i;
                }
                else if (block.Operations[i] == statement)
                {
                    to = i;
                }
            }

            for (var i = from; i >= 0 && i < to; i++)
            {
                foreach (var operation in OperationWalk.Of(block.Operations[i]))
                {
                    if (AssignsWhatIsRead(operation, statement))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool AssignsWhatIsRead(IOperation operation, IOperation statement)
        {
            var target = operation switch
            {
                IAssignmentOperation assignment => assignment.Target,
                IIncrementOrDecrementOperation increment => increment.Target,
                _ => null,
            };
            var symbol = target switch
            {
                ILocalReferenceOperation local => (ISymbol)local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IFieldReferenceOperation field => field.Field,
                IPropertyReferenceOperation property => property.Property,
                _ => null,
            };
            if (symbol is null)
            {
                return false;
            }

            foreach (var read in OperationWalk.Below(statement))
            {
                var readSymbol = read switch
                {
                    ILocalReferenceOperation local => (ISymbol)local.Local,
                    IParameterReferenceOperation parameter => parameter.Parameter,
                    IFieldReferenceOperation field => field.Field,
                    IPropertyReferenceOperation property => property.Property,
                    _ => null,
                };
                if (readSymbol is not null && SymbolEqualityComparer.Default.Equals(readSymbol, symbol))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
