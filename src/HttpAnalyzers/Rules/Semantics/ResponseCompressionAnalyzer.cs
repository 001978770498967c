using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Semantics;

/// <summary>
/// HTTP0054: <c>ResponseCompressionOptions.EnableForHttps = true</c> in an app that sends secrets in responses
/// (antiforgery or a cookie-based authentication scheme, found in any file by <see cref="AppSecrets"/>). Reported at the
/// assignment from an operation action, so it shows in the open document.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ResponseCompressionAnalyzer : DiagnosticAnalyzer
{
    private static readonly FileWords Files = new("EnableForHttps");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CompressionOverHttps);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var options = KnownTypes.Get(start.Compilation).ResponseCompressionOptions;
            if (options is null)
            {
                return;
            }

            // Only the types of files that set EnableForHttps have the action (TypeScopedActions).
            start.RegisterForTypes(Files.AnyDeclaration, type => type.RegisterOperationAction(
                context =>
                {
                    var assignment = (ISimpleAssignmentOperation)context.Operation;
                    if (assignment.Target is not IPropertyReferenceOperation { Property.Name: "EnableForHttps" } target ||
                        assignment.Value.WalkDownConversions().ConstantValue is not { HasValue: true, Value: true } ||
                        !target.Property.ContainingType.Is(options))
                    {
                        return;
                    }

                    if (AppSecrets.Get(context.Compilation, context.CancellationToken).Reason is { } reason)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Descriptors.CompressionOverHttps, assignment.Syntax.GetLocation(), reason));
                    }
                },
                OperationKind.SimpleAssignment));
        });
    }
}
