using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Semantics;

/// <summary>
/// HTTP0055: a handler that only an authenticated caller reaches (as the shared endpoint locator says) answers 401 in
/// any form: <c>Unauthorized()</c>, <c>new UnauthorizedResult()</c>, <c>Results</c>/<c>TypedResults.Unauthorized()</c>,
/// <c>StatusCode(401)</c>, <c>Problem(statusCode: 401)</c>, <c>Response.StatusCode = 401</c>. <c>Challenge()</c> is a
/// deliberate request to authenticate again and is never reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnauthorizedResponseAnalyzer : DiagnosticAnalyzer
{
    private const int Unauthorized = 401;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UnauthorizedForAuthenticatedCaller);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var types = KnownTypes.Get(start.Compilation);
            var endpoints = Endpoints.Create(types);
            if (endpoints?.Authorization is null)
            {
                return;
            }

            var analyzer = new Analyzer(types, endpoints);
            // Only the types of files that write a 401 have the actions (TypeScopedActions).
            start.RegisterForTypes(Analyzer.Files.AnyDeclaration, type =>
            {
                type.RegisterOperationAction(analyzer.AnalyzeInvocation, OperationKind.Invocation);
                type.RegisterOperationAction(analyzer.AnalyzeCreation, OperationKind.ObjectCreation);
                type.RegisterOperationAction(analyzer.AnalyzeAssignment, OperationKind.SimpleAssignment);
            });
        });
    }

    private sealed class Analyzer
    {
        /// <summary>
        /// The words of a file that can hold a finding: a 401 is an <c>Unauthorized</c> call or result type, or a constant
        /// the file writes (<c>401</c>, <c>StatusCodes.Status401Unauthorized</c>, <c>HttpStatusCode.Unauthorized</c>). A
        /// status held in a constant declared in another file is not seen.
        /// </summary>
        public static readonly FileWords Files = new("Unauthorized", "401", "Status401Unauthorized", "UnauthorizedResult", "UnauthorizedObjectResult");

        private readonly KnownTypes _types;
        private readonly Endpoints _endpoints;

        public Analyzer(KnownTypes types, Endpoints endpoints)
        {
            _types = types;
            _endpoints = endpoints;
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (method.Name is not ("Unauthorized" or "StatusCode" or "Problem"))
            {
                return;
            }

            var type = method.ContainingType;
            var isResults = type.Is(_types.Results) || type.Is(_types.TypedResults);
            var isMvc = !method.IsStatic && (type.InheritsFromOrEquals(_types.ControllerBase) || type.InheritsFromOrEquals(_types.PageModel));
            if (!isResults && !isMvc)
            {
                return;
            }

            var prefix = isResults ? type.Name + "." : string.Empty;
            switch (method.Name)
            {
                case "Unauthorized":
                    if (method.Parameters.Length == 0)
                    {
                        // Unauthorized() → Forbid(), when the new result type still fits where the value goes.
                        // Results.Unauthorized() and Results.Forbid() both return IResult.
                        var fits = type.Is(_types.Results) || FitsForbidResult(invocation);
                        var rename = fits && NameSyntax(invocation) is { } name ? name : null;
                        Report(context, invocation, "'" + prefix + "Unauthorized()'", rename, "Forbid");
                    }
                    else if (isMvc && invocation.Arguments.Length == 1 && invocation.Syntax is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } call)
                    {
                        // Unauthorized(value) → StatusCode(StatusCodes.Status403Forbidden, value): the body is kept.
                        Report(context, invocation, "'Unauthorized(…)'", FitsForbidResult(invocation) ? invocation.Syntax : null,
                            "StatusCode(Microsoft.AspNetCore.Http.StatusCodes.Status403Forbidden, " + call.ArgumentList.Arguments[0].Expression + ")");
                    }

                    break;
                case "StatusCode":
                    if (StatusArgument(invocation) is { } status)
                    {
                        Report(context, invocation, "'" + prefix + "StatusCode(401)'", status);
                    }

                    break;
                case "Problem":
                    if (StatusArgument(invocation) is { } problemStatus)
                    {
                        Report(context, invocation, "'" + prefix + "Problem(statusCode: 401)'", problemStatus);
                    }

                    break;
            }
        }

        public void AnalyzeCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            var type = creation.Type;
            if (type is null || !type.Name.EndsWith("Result", System.StringComparison.Ordinal))
            {
                return;
            }

            if (type.Is(_types.UnauthorizedResult) && creation.Syntax is BaseObjectCreationExpressionSyntax { Initializer: null } syntax)
            {
                var node = syntax is ObjectCreationExpressionSyntax explicitNew && FitsForbidResult(creation) ? explicitNew.Type : null;
                Report(context, creation, "'new UnauthorizedResult()'", node, "Microsoft.AspNetCore.Mvc.ForbidResult");
            }
            else if (type.Is(_types.UnauthorizedObjectResult))
            {
                Report(context, creation, "'new UnauthorizedObjectResult(…)'", null, null);
            }
            else if (type.Is(_types.StatusCodeResult) && creation.Arguments.Length == 1 && Status(creation.Arguments[0].Value) is { } status)
            {
                Report(context, creation, "'new StatusCodeResult(401)'", status);
            }
        }

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is IPropertyReferenceOperation { Property.Name: "StatusCode" } target &&
                target.Property.ContainingType.InheritsFromOrEquals(_types.HttpResponse) &&
                Status(assignment.Value) is { } status)
            {
                Report(context, assignment, "'Response.StatusCode = 401'", status);
            }
        }

        /// <summary>The status argument (<c>statusCode</c>) when it is 401, or null.</summary>
        private SyntaxNode? StatusArgument(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "statusCode" && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    return Status(argument.Value);
                }
            }

            return null;
        }

        /// <summary>The status expression when it is the constant 401 (<c>401</c>, <c>StatusCodes.Status401Unauthorized</c>, <c>(int)HttpStatusCode.Unauthorized</c>).</summary>
        private static SyntaxNode? Status(IOperation value)
        {
            var constant = value.ConstantValue;
            if (!constant.HasValue)
            {
                constant = value.WalkDownConversions().ConstantValue;
            }

            return constant is { HasValue: true, Value: int code } && code == Unauthorized ? value.Syntax : null;
        }

        /// <summary>
        /// Whether a 403 result of another type (<c>ForbidResult</c>, <c>ForbidHttpResult</c>) fits where this one goes:
        /// converted to <c>object</c>, an interface (<c>IActionResult</c>, <c>IResult</c>), <c>ActionResult</c> or
        /// <c>ActionResult&lt;T&gt;</c>, or returned from a lambda whose return type is inferred. A typed union
        /// (<c>Results&lt;Ok, UnauthorizedHttpResult&gt;</c>) or a declared return type of the exact result type does not fit.
        /// </summary>
        private bool FitsForbidResult(IOperation operation)
        {
            var parent = operation.Parent;
            if (parent is IConversionOperation conversion)
            {
                var target = conversion.Type;
                return target is not null &&
                       (target.SpecialType == SpecialType.System_Object || target.TypeKind == TypeKind.Interface ||
                        target.Is(_types.MvcActionResult) || target.OriginalDefinition.Is(_types.MvcActionResultOfT));
            }

            if (parent is IReturnOperation)
            {
                for (var current = parent.Parent; current is not null; current = current.Parent)
                {
                    if (current is IAnonymousFunctionOperation lambda)
                    {
                        return lambda.Syntax is ParenthesizedLambdaExpressionSyntax { ReturnType: null } or SimpleLambdaExpressionSyntax;
                    }
                }
            }

            return parent is IAnonymousFunctionOperation or IBlockOperation { Parent: IAnonymousFunctionOperation };
        }

        private static SyntaxNode? NameSyntax(IInvocationOperation invocation)
            => invocation.Syntax is InvocationExpressionSyntax call
                ? call.Expression switch
                {
                    MemberAccessExpressionSyntax member => member.Name,
                    SimpleNameSyntax simple => simple,
                    _ => null,
                }
                : null;

        private void Report(OperationAnalysisContext context, IOperation site, string form, SyntaxNode? status)
            => Report(context, site, form, status, status is LiteralExpressionSyntax ? "403" : StatusName(status));

        private static string? StatusName(SyntaxNode? status) => status switch
        {
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Status401Unauthorized" } => "Microsoft.AspNetCore.Http.StatusCodes.Status403Forbidden",
            IdentifierNameSyntax { Identifier.ValueText: "Status401Unauthorized" } => "Microsoft.AspNetCore.Http.StatusCodes.Status403Forbidden",
            CastExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Unauthorized" } } => "(int)System.Net.HttpStatusCode.Forbidden",
            _ => null,
        };

        private void Report(OperationAnalysisContext context, IOperation site, string form, SyntaxNode? replace, string? replacement)
        {
            var endpoint = _endpoints.Find(site, context.ContainingSymbol, context.CancellationToken);
            if (endpoint is null || !endpoint.RequiresAuthorization)
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty;
            var additional = ImmutableArray<Location>.Empty;
            if (replace is not null && replacement is not null)
            {
                properties = properties.Add(SemanticsFixData.Replacement, replacement);
                additional = ImmutableArray.Create(replace.GetLocation());
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.UnauthorizedForAuthenticatedCaller, site.Syntax.GetLocation(), additional, properties, form, Describe(endpoint)));
        }

        private static string Describe(EndpointInfo endpoint)
        {
            var name = endpoint.Handler is IMethodSymbol { MethodKind: MethodKind.Ordinary } method ? method.Name : null;
            switch (endpoint.Kind)
            {
                case EndpointKind.Action:
                    return "action '" + name + "'";
                case EndpointKind.PageHandler:
                    return "page handler '" + name + "'";
                case EndpointKind.MinimalApi:
                    return endpoint.RouteTemplates.Length > 0 ? "endpoint '" + endpoint.RouteTemplates[0] + "'" : name is not null ? "endpoint handler '" + name + "'" : "the endpoint";
                case EndpointKind.Filter:
                    return name is not null ? "filter '" + name + "'" : endpoint.RouteTemplates.Length > 0 ? "the filter of endpoint '" + endpoint.RouteTemplates[0] + "'" : "an endpoint filter";
                default:
                    return name is not null ? "'" + name + "'" : "the handler";
            }
        }
    }
}
