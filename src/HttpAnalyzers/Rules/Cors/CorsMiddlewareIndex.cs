using System.Collections.Generic;
using System.Threading;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Cors;

/// <summary>
/// The HTTP0032 findings of a compilation: the app pipelines (calls on <c>WebApplication</c> / <c>IApplicationBuilder</c>
/// locals and parameters, wrappers and helpers), the CORS configuration and endpoint metadata, and what the services
/// register and require for authorization, read from every file; each finding is owned by the node whose
/// document-level action reports it. Built once, on the first candidate (<see cref="CrossFileIndex{T}"/>).
/// </summary>
internal sealed class CorsMiddlewareIndex
{
    /// <summary>Without one of these names in any file, no HTTP0032 finding exists.</summary>
    private static readonly string[] CorsNames = { "UseCors", "AddCors", "RequireCors", "EnableCors", "EnableCorsAttribute" };

    /// <summary>Names that a file holding a pipeline or a fact the rule reads mentions (type names of builder locals and parameters, the calls read).</summary>
    private static readonly string[] Names =
    {
        "IApplicationBuilder", "WebApplication", "WebApplicationBuilder", "Build",
        "UseCors", "AddCors", "RequireCors", "UseAuthorization", "AddAuthorization", "AddAuthorizationBuilder", "AddAuthorizationCore",
        "AddControllers", "AddControllersWithViews", "AddMvc", "AddRazorPages", "AddAuthentication", "AddAuthenticationCore",
        "AddIdentity", "AddDefaultIdentity", "RequireAuthorization", "SetFallbackPolicy", "FallbackPolicy",
    };

    private CorsMiddlewareIndex(OwnedFindings findings) => Findings = findings;

    public OwnedFindings Findings { get; }

    public static CorsMiddlewareIndex Build(Compilation compilation, KnownTypes types, CancellationToken cancellationToken)
    {
        var pipelines = PipelineCollector.Create(types);
        if (pipelines is null || !AnyTreeMentions(compilation, CorsNames, cancellationToken))
        {
            return new CorsMiddlewareIndex(OwnedFindings.Empty);
        }

        var state = new CorsMiddlewareAnalyzer.State(types, pipelines);
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (CrossFileIndex.IsGenerated(compilation, tree, cancellationToken))
            {
                continue;
            }

            // Attributes ([Authorize], [EnableCors], custom IAuthorizeData) are found by syntax in every file; calls only in files that mention a name above.
            var mentions = CrossFileIndex.MayMentionAny(tree, Names, cancellationToken);
            SemanticModel? model = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                switch (node)
                {
                    case InvocationExpressionSyntax when mentions:
                        model ??= CrossFileIndex.SemanticModelFor(compilation, tree);
                        if (model.GetOperation(node, cancellationToken) is IInvocationOperation invocation)
                        {
                            state.OnInvocation(invocation);
                        }

                        break;
                    case AssignmentExpressionSyntax assignment when mentions && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && AssignsFallbackPolicy(assignment):
                        model ??= CrossFileIndex.SemanticModelFor(compilation, tree);
                        if (model.GetOperation(node, cancellationToken) is { } operation)
                        {
                            state.OnAssignment(operation);
                        }

                        break;
                    case TypeDeclarationSyntax { AttributeLists.Count: > 0 }:
                    case MethodDeclarationSyntax { AttributeLists.Count: > 0 }:
                        model ??= CrossFileIndex.SemanticModelFor(compilation, tree);
                        if (model.GetDeclaredSymbol(node, cancellationToken) is { } declared && seen.Add(declared))
                        {
                            state.OnSymbol(declared);
                        }

                        break;
                    case ParenthesizedLambdaExpressionSyntax { AttributeLists.Count: > 0 }:
                        model ??= CrossFileIndex.SemanticModelFor(compilation, tree);
                        if (model.GetSymbolInfo(node, cancellationToken).Symbol is IMethodSymbol lambda)
                        {
                            state.OnSymbol(lambda);
                        }

                        break;
                }
            }
        }

        return new CorsMiddlewareIndex(state.Findings());
    }

    private static bool AnyTreeMentions(Compilation compilation, string[] names, CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (CrossFileIndex.MayMentionAny(tree, names, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AssignsFallbackPolicy(AssignmentExpressionSyntax assignment)
        => assignment.Left switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText == "FallbackPolicy",
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText == "FallbackPolicy",
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText == "FallbackPolicy",
            _ => false,
        };
}
