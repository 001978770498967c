using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Retries;

/// <summary>The bodies of helper methods declared in the compilation, for the rules that follow a call one level deep.</summary>
internal static class SourceMethods
{
    /// <summary>
    /// The operation of the body of <paramref name="method"/> when it is declared in source (a method, local function or
    /// expression-bodied member); null for metadata, partial declarations without a body, or more than one declaration.
    /// </summary>
    public static IOperation? Body(IMethodSymbol method, IOperation caller)
    {
        method = method.ReducedFrom ?? method;
        var references = method.OriginalDefinition.DeclaringSyntaxReferences;
        if (references.Length != 1 || caller.SemanticModel is not { } callerModel)
        {
            return null;
        }

        var syntax = references[0].GetSyntax();
        var model = syntax.SyntaxTree == callerModel.SyntaxTree
            ? callerModel
            : CrossFileIndex.SemanticModelFor(callerModel.Compilation, syntax.SyntaxTree);
        var operation = model.GetOperation(syntax);
        return operation switch
        {
            IMethodBodyOperation body => (IOperation?)body.BlockBody ?? body.ExpressionBody,
            ILocalFunctionOperation local => local.Body,
            _ => operation,
        };
    }
}
