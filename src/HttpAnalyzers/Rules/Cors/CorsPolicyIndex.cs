using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Cors;

/// <summary>
/// The CORS policy findings of a compilation (HTTP0030 on policies, HTTP0031, HTTP0033): the policy model read from
/// every file that may build, define or use a policy, and the findings it yields, each owned by the node whose
/// document-level action reports it. Built once, on the first candidate (<see cref="CrossFileIndex{T}"/>).
/// </summary>
internal sealed class CorsPolicyIndex
{
    /// <summary>
    /// Names that a file building, defining or naming a CORS policy mentions (<c>Configure&lt;CorsOptions&gt;</c> is found
    /// by its type argument).
    /// </summary>
    private static readonly string[] Names =
    {
        "AddCors", "AddPolicy", "AddDefaultPolicy", "UseCors", "RequireCors", "CorsPolicyBuilder", "CorsOptions",
        "ICorsPolicyProvider", "DefaultCorsPolicyProvider", "EnableCors", "EnableCorsAttribute",
        "AllowCredentials", "WithOrigins", "AllowAnyOrigin", "SetIsOriginAllowed", "SetIsOriginAllowedToAllowWildcardSubdomains",
    };

    private CorsPolicyIndex(OwnedFindings findings, ImmutableArray<string> definedNames, bool hasDefaultPolicy, bool hasUnknownDefinitions)
    {
        Findings = findings;
        DefinedNames = definedNames;
        HasDefaultPolicy = hasDefaultPolicy;
        HasUnknownDefinitions = hasUnknownDefinitions;
    }

    public OwnedFindings Findings { get; }

    /// <summary>The constant names <c>AddPolicy</c> defines, each once, in ordinal order.</summary>
    public ImmutableArray<string> DefinedNames { get; }

    /// <summary><c>AddDefaultPolicy</c> is called somewhere.</summary>
    public bool HasDefaultPolicy { get; }

    /// <summary>A policy is defined where its name cannot be read (a non-constant name, options bound from configuration, a custom policy provider).</summary>
    public bool HasUnknownDefinitions { get; }

    public static CorsPolicyIndex Build(Compilation compilation, KnownTypes types, CancellationToken cancellationToken)
    {
        var policies = CorsPolicies.Create(types);
        if (policies is null)
        {
            return new CorsPolicyIndex(OwnedFindings.Empty, ImmutableArray<string>.Empty, false, false);
        }

        var state = new CorsPolicyAnalyzer.State(types, policies);
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!CrossFileIndex.MayMentionAny(tree, Names, cancellationToken) || CrossFileIndex.IsGenerated(compilation, tree, cancellationToken))
            {
                continue;
            }

            var model = CrossFileIndex.SemanticModelFor(compilation, tree);
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                switch (node)
                {
                    case InvocationExpressionSyntax:
                        if (model.GetOperation(node, cancellationToken) is IInvocationOperation invocation)
                        {
                            state.OnInvocation(invocation);
                        }

                        break;
                    case BaseObjectCreationExpressionSyntax:
                        if (model.GetOperation(node, cancellationToken) is IObjectCreationOperation creation)
                        {
                            state.OnCreation(creation);
                        }

                        break;
                    case TypeDeclarationSyntax or MethodDeclarationSyntax:
                        if (model.GetDeclaredSymbol(node, cancellationToken) is { } declared && seen.Add(declared))
                        {
                            state.OnSymbol(declared, model);
                        }

                        break;
                    case ParenthesizedLambdaExpressionSyntax { AttributeLists.Count: > 0 }:
                        if (model.GetSymbolInfo(node, cancellationToken).Symbol is IMethodSymbol lambda)
                        {
                            state.OnSymbol(lambda, model);
                        }

                        break;
                }
            }
        }

        return new CorsPolicyIndex(state.Findings(compilation, cancellationToken), state.DefinedNames(), state.HasDefaultPolicy, state.HasUnknownDefinitions);
    }

    /// <summary>The defect of an allowed origin (a constant, or the shape of an interpolation / concatenation), or null.</summary>
    public static OriginDefect? DefectOf(IOperation origin, out string? constant)
    {
        constant = null;
        var shape = StringShape.Of(origin);
        if (shape is null)
        {
            return null;
        }

        constant = shape.ConstantValue;
        var defect = constant is not null ? CorsOrigins.Analyze(constant) : CorsOrigins.AnalyzeShape(shape);
        return defect.Kind == OriginDefectKind.None ? null : defect;
    }

    /// <summary>Whether a <c>WithOrigins</c> call or <c>new CorsPolicyBuilder(origins)</c> lists an origin with a defect: a candidate for HTTP0031.</summary>
    public static bool HasOriginDefect(IOperation withOrigins)
    {
        foreach (var origin in CorsPolicies.OriginArguments(withOrigins))
        {
            if (DefectOf(origin, out _) is not null)
            {
                return true;
            }
        }

        return false;
    }
}
