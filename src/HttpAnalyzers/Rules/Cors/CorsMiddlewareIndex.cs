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
/// locals and parameters, wrappers and helpers), the CORS configuration and endpoint metadata, and — only when a
/// pipeline's verdict depends on them — what the services register and require for authorization, read from every file;
/// each finding is owned by the node whose document-level action reports it. Built once, on the first candidate
/// (<see cref="CrossFileIndex{T}"/>).
/// </summary>
internal sealed class CorsMiddlewareIndex
{
    /// <summary>Without one of these names in any file, no HTTP0032 finding exists.</summary>
    private static readonly string[] CorsNames = { "UseCors", "AddCors", "RequireCors", "EnableCors", "EnableCorsAttribute" };

    /// <summary>
    /// Type names a file holding a pipeline mentions: the app's builder is a parameter of one of these types, a local
    /// built from <c>WebApplication.CreateBuilder</c> / <c>WebApplicationBuilder.Build()</c>, or a lambda parameter of a
    /// call on one. Every call in such a file is read (pipeline steps and helpers have any name).
    /// </summary>
    private static readonly string[] PipelineNames = { "IApplicationBuilder", "WebApplication", "WebApplicationBuilder" };

    /// <summary>The CORS calls read in any other file (and <c>UseAuthorization</c>, which tells whether WebApplication adds it implicitly).</summary>
    private static readonly string[] CorsCallNames = { "UseCors", "AddCors", "RequireCors", "UseAuthorization" };

    /// <summary>The authorization facts, read only on demand (<see cref="CorsMiddlewareAnalyzer.State.ReadAuthorizationFacts"/>).</summary>
    private static readonly string[] AuthorizationNames =
    {
        "AddAuthorization", "AddAuthorizationBuilder", "AddAuthorizationCore", "AddControllers", "AddControllersWithViews", "AddMvc", "AddRazorPages",
        "AddAuthentication", "AddAuthenticationCore", "AddIdentity", "AddDefaultIdentity", "RequireAuthorization", "SetFallbackPolicy", "FallbackPolicy",
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
        var pipelineTrees = new HashSet<SyntaxTree>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var pipelineFile = CrossFileIndex.MayMentionAny(tree, PipelineNames, cancellationToken);
            var corsFile = CrossFileIndex.MayMentionAny(tree, CorsNames, cancellationToken) || CrossFileIndex.MayMention(tree, "UseAuthorization", cancellationToken);
            if ((!pipelineFile && !corsFile) || CrossFileIndex.IsGenerated(compilation, tree, cancellationToken))
            {
                continue;
            }

            if (pipelineFile)
            {
                pipelineTrees.Add(tree);
            }

            SemanticModel? model = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                switch (node)
                {
                    case InvocationExpressionSyntax call when pipelineFile || CrossFileIndex.IsInvocationOfAny(call, CorsCallNames):
                        model ??= CrossFileIndex.SemanticModelFor(compilation, tree);
                        if (model.GetOperation(call, cancellationToken) is IInvocationOperation invocation)
                        {
                            state.OnInvocation(invocation);
                        }

                        break;
                    case TypeDeclarationSyntax { AttributeLists.Count: > 0 } when corsFile:
                    case MethodDeclarationSyntax { AttributeLists.Count: > 0 } when corsFile:
                    case ParenthesizedLambdaExpressionSyntax { AttributeLists.Count: > 0 } when corsFile:
                        model ??= CrossFileIndex.SemanticModelFor(compilation, tree);
                        ReadAttributes(model, node, state, seen, cancellationToken);
                        break;
                }
            }
        }

        state.ReadAuthorizationFacts = s => ReadAuthorizationFacts(compilation, s, pipelineTrees, seen, cancellationToken);
        state.PolicyFacts = () => CrossFileIndex<CorsPolicyIndex>.Get(compilation, (c, token) => CorsPolicyIndex.Build(c, types, token), cancellationToken);
        return new CorsMiddlewareIndex(state.Findings());
    }

    /// <summary>
    /// The authorization facts of the files not read yet: registrations and <c>RequireAuthorization</c> / fallback policies
    /// outside the pipeline files, and the <c>[Authorize]</c>-like attributes of every declaration not seen yet.
    /// </summary>
    private static void ReadAuthorizationFacts(Compilation compilation, CorsMiddlewareAnalyzer.State state, HashSet<SyntaxTree> pipelineTrees, HashSet<ISymbol> seen, CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (CrossFileIndex.IsGenerated(compilation, tree, cancellationToken))
            {
                continue;
            }

            var mentions = CrossFileIndex.MayMentionAny(tree, AuthorizationNames, cancellationToken);
            var callsRead = pipelineTrees.Contains(tree);
            SemanticModel? model = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                switch (node)
                {
                    case InvocationExpressionSyntax call when mentions && !callsRead && CrossFileIndex.IsInvocationOfAny(call, AuthorizationNames):
                        model ??= CrossFileIndex.SemanticModelFor(compilation, tree);
                        if (model.GetOperation(call, cancellationToken) is IInvocationOperation invocation)
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
                    case ParenthesizedLambdaExpressionSyntax { AttributeLists.Count: > 0 }:
                        model ??= CrossFileIndex.SemanticModelFor(compilation, tree);
                        ReadAttributes(model, node, state, seen, cancellationToken);
                        break;
                }
            }
        }
    }

    private static void ReadAttributes(SemanticModel model, SyntaxNode node, CorsMiddlewareAnalyzer.State state, HashSet<ISymbol> seen, CancellationToken cancellationToken)
    {
        var symbol = node is ParenthesizedLambdaExpressionSyntax
            ? model.GetSymbolInfo(node, cancellationToken).Symbol
            : model.GetDeclaredSymbol(node, cancellationToken);
        if (symbol is not null && seen.Add(symbol))
        {
            state.OnSymbol(symbol);
        }
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
