using System.Threading;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Retries;

/// <summary>
/// Whether the code that writes the exception handler's response writes a Retry-After header, gathered lazily once per
/// compilation from every file (<see cref="CrossFileIndex{T}"/>): an <c>IExceptionHandler</c> or <c>IProblemDetailsWriter</c>
/// class, or a <c>ProblemDetailsOptions.CustomizeProblemDetails</c> callback, that writes it (directly or through a helper of
/// the compilation). HTTP0005 asks it only for a <c>StatusCodeSelector</c> that returns 429 or 503: those handlers run after
/// the selector has set the status, so one of them may add the header for it.
/// </summary>
internal sealed class ExceptionResponseHeaders
{
    private static readonly string[] RetryAfterWords = ["RetryAfter", "Retry"];
    private static readonly string[] HandlerWords = ["IExceptionHandler", "IProblemDetailsWriter", "CustomizeProblemDetails"];

    private ExceptionResponseHeaders(bool setsRetryAfter) => SetsRetryAfter = setsRetryAfter;

    public bool SetsRetryAfter { get; }

    public static ExceptionResponseHeaders Get(Compilation compilation, CancellationToken cancellationToken)
        => CrossFileIndex<ExceptionResponseHeaders>.Get(compilation, Build, cancellationToken);

    private static ExceptionResponseHeaders Build(Compilation compilation, CancellationToken cancellationToken)
    {
        var types = KnownTypes.Get(compilation);
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!CrossFileIndex.MayMentionAny(tree, RetryAfterWords, cancellationToken) || !CrossFileIndex.MayMentionAny(tree, HandlerWords, cancellationToken))
            {
                continue;
            }

            var model = CrossFileIndex.SemanticModelFor(compilation, tree);
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                switch (node)
                {
                    case TypeDeclarationSyntax { BaseList: not null } declaration
                        when model.GetDeclaredSymbol(declaration, cancellationToken) is ITypeSymbol type &&
                             (type.IsOrImplements(types.IExceptionHandler) || type.IsOrImplements(types.IProblemDetailsWriter)) &&
                             WritesRetryAfter(model, declaration, cancellationToken):
                    case AssignmentExpressionSyntax { Left: IdentifierNameSyntax or MemberAccessExpressionSyntax } assignment
                        when NameOf(assignment.Left) == "CustomizeProblemDetails" &&
                             model.GetOperation(assignment, cancellationToken) is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } operation &&
                             target.Property.ContainingType.Is(types.ProblemDetailsOptions) &&
                             RetryAfterWrites.In(operation.Value):
                        return new ExceptionResponseHeaders(setsRetryAfter: true);
                }
            }
        }

        return new ExceptionResponseHeaders(setsRetryAfter: false);
    }

    private static string? NameOf(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        _ => null,
    };

    private static bool WritesRetryAfter(SemanticModel model, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        foreach (var member in declaration.Members)
        {
            if (member is BaseMethodDeclarationSyntax method && model.GetOperation(method, cancellationToken) is { } body && RetryAfterWrites.In(body))
            {
                return true;
            }
        }

        return false;
    }
}
