using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpAnalyzers.Rules.Cors;

/// <summary>
/// <c>[EnableCors]</c> on a controller, page model or action: the owner of the CORS findings that a policy name or the
/// middleware's position causes for that endpoint. Found from the attribute's syntax (a syntax-node action is called for
/// attributes only, where a symbol action would be called for every type and method of the compilation), confirmed by
/// binding: the attribute's constructor belongs to <c>EnableCorsAttribute</c>.
/// </summary>
internal static class EnableCorsAttributes
{
    /// <summary>
    /// The attribute of the callback is <c>[EnableCors(…)]</c> on a type or a method (not on a lambda, which the analyzers judge
    /// with its handler, nor with a <c>return:</c> target).
    /// </summary>
    public static bool IsOnTypeOrMethod(SyntaxNodeAnalysisContext context, INamedTypeSymbol enableCors)
    {
        var attribute = (AttributeSyntax)context.Node;
        if (!MayName(attribute.Name) ||
            attribute.Parent is not AttributeListSyntax { Target: null, Parent: BaseTypeDeclarationSyntax or MethodDeclarationSyntax })
        {
            return false;
        }

        return context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol is IMethodSymbol constructor &&
               SymbolEqualityComparer.Default.Equals(constructor.ContainingType, enableCors);
    }

    // EnableCors, EnableCorsAttribute, Microsoft.AspNetCore.Cors.EnableCors: a cheap test before binding (an alias of another name is not seen).
    private static bool MayName(NameSyntax name)
    {
        var identifier = name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };
        return identifier is "EnableCors" or "EnableCorsAttribute";
    }
}
