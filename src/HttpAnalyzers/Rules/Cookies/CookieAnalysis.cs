using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace HttpAnalyzers.Rules.Cookies;

/// <summary>The per-compilation state of <see cref="CookieAnalyzer"/>: the cookie sites seen and the cookie policy.</summary>
internal sealed partial class CookieAnalysis
{
    private const string ScriptReadableOption = "script_readable_cookie_names";
    private static readonly ImmutableArray<string> DefaultScriptReadable = ImmutableArray.Create("xsrf", "csrf");

    private readonly CookieSymbols _symbols;

    /// <summary>
    /// Text every file holding a cookie site contains: the cookie types and collections (<c>Cookie</c> in
    /// <c>Response.Cookies</c>, <c>CookieOptions</c>, <c>options.Cookie</c>, <c>CorrelationCookie</c>, <c>SetCookie</c>,
    /// <c>"Set-Cookie"</c>), anywhere in a word, or the builder properties set through a variable (<see cref="CookieWords"/>).
    /// </summary>
    private static readonly TreeMentions CookieFiles = new(System.StringComparison.Ordinal, "ookie", "OOKIE");

    /// <summary>
    /// The builder properties set through a variable, as whole words: <c>SameSite</c> inside <c>SameSiteMode</c> (which a
    /// file imports by an alias when it also imports Microsoft.Net.Http.Headers) is no cookie site.
    /// </summary>
    private static readonly FileWords CookieWords = new("SecurePolicy", "HttpOnly", "SameSite");

    public CookieAnalysis(CookieSymbols symbols) => _symbols = symbols;

    /// <summary>Whether a file declaring the type mentions cookies: the analyzer's actions exist only in such types.</summary>
    public static bool MayHoldCookieSite(ISymbol type) => CookieFiles.AnyDeclaration(type) || CookieWords.AnyDeclaration(type);

    /// <summary>Whether the operation's file mentions cookies (a partial type's other files may not): one cached lookup.</summary>
    private static bool InCookieFile(IOperation operation) => CookieFiles.Any(operation.Syntax.SyntaxTree) || CookieWords.Any(operation.Syntax.SyntaxTree);

    private enum Exemption
    {
        /// <summary>Never exempted (hand-written headers, Domain and Path of prefixed cookies).</summary>
        None,

        /// <summary>Exempted by a cookie policy with <c>Secure = CookieSecurePolicy.Always</c>.</summary>
        Secure,

        /// <summary>Exempted by a cookie policy with <c>HttpOnly = HttpOnlyPolicy.Always</c>.</summary>
        HttpOnly,
    }

    private enum ValueState
    {
        Absent,
        Good,
        Bad,
        Unknown,
    }

    // ---------------------------------------------------------------- entry points

    public void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "Append" when InCookieFile(invocation):
                if (_symbols.IsResponseCookiesMethod(method, "Append"))
                {
                    AnalyzeCookieCall(context, invocation, deletion: false);
                }
                else
                {
                    AnalyzeHeaderCall(context, invocation);
                }

                break;
            case "Delete" when InCookieFile(invocation):
                if (_symbols.IsResponseCookiesMethod(method, "Delete"))
                {
                    AnalyzeCookieCall(context, invocation, deletion: true);
                }

                break;
            case "Add":
                // Most Add calls are of a collection with one argument: neither a builder's Extensions nor a header write
                // (which takes a key and a value), so the file's cookie mentions are not asked for.
                if (invocation.Instance is IPropertyReferenceOperation { Property.Name: "Extensions" } extensions && InCookieFile(invocation) &&
                    _symbols.IsCookieBuilderProperty(extensions.Property))
                {
                    AnalyzeBuilderPartitioned(context, invocation, extensions.Instance?.WalkDownConversions());
                }
                else if (invocation.Arguments.Length >= 2 && InCookieFile(invocation))
                {
                    AnalyzeHeaderCall(context, invocation);
                }

                break;
            case "TryAdd" when invocation.Arguments.Length >= 2 && InCookieFile(invocation):
                AnalyzeHeaderCall(context, invocation);
                break;
        }
    }

    public void AnalyzeObjectCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        // The type's name first: most creations are of other types, and the name rules them out before a symbol comparison.
        if (creation.Type is INamedTypeSymbol { Name: "CookieOptions" } type && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _symbols.CookieOptions) &&
            InCookieFile(creation))
        {
            AnalyzeOptionsCreation(context, creation);
        }
    }

    public void AnalyzeAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation target)
        {
            return;
        }

        // The property's name (or an indexer's argument count) first: most assignments set no cookie property, and the
        // file's cookie mentions are then not asked for.
        var property = target.Property;
        switch (property.Name)
        {
            case "SecurePolicy":
            case "HttpOnly":
            case "SameSite":
            case "Name":
                if (InCookieFile(assignment) && _symbols.IsCookieBuilderProperty(property))
                {
                    AnalyzeBuilderAssignment(context, assignment, target);
                }

                break;
            case "SetCookie":
                if (InCookieFile(assignment) && IsHeaderDictionary(target.Instance?.Type ?? property.ContainingType))
                {
                    AnalyzeSetCookieValue(context, assignment.Value);
                }

                break;
            default:
                if (property.IsIndexer && target.Arguments.Length == 1 && InCookieFile(assignment) && _symbols.IsSetCookieKey(target.Arguments[0].Value) &&
                    IsHeaderDictionary(target.Instance?.Type))
                {
                    AnalyzeSetCookieValue(context, assignment.Value);
                }

                break;
        }
    }

    private bool IsHeaderDictionary(ITypeSymbol? type) => type.IsOrImplements(_symbols.HeaderDictionary);

    // ---------------------------------------------------------------- Append / Delete without a visible CookieOptions creation

    private void AnalyzeCookieCall(OperationAnalysisContext context, IInvocationOperation invocation, bool deletion)
    {
        if (invocation.GetArgument("options") is not null)
        {
            return; // a `new CookieOptions` argument or local is analysed from its creation; other options are unknown
        }

        var key = invocation.GetArgument("key")?.Value;
        if (key is null)
        {
            return;
        }

        var name = ConstantString(key);
        var label = Label(name);
        var nameLocation = MethodNameLocation(invocation);
        var invocationLocation = invocation.Syntax.GetLocation();
        if (!deletion && nameLocation is not null)
        {
            Report(context, Exemption.Secure, Descriptors.CookieNotSecure, nameLocation, invocationLocation,
                Fix(CookieFixData.AddArgument, member: "Secure"), label, "Append without CookieOptions leaves Secure unset");
            if (name is null || !CookieSymbols.IsScriptReadable(name, ScriptReadable(context, invocation)))
            {
                Report(context, Exemption.HttpOnly, Descriptors.CookieNotHttpOnly, nameLocation, invocationLocation,
                    Fix(CookieFixData.AddArgument, member: "HttpOnly"), label, "Append without CookieOptions leaves HttpOnly unset");
            }
        }

        var prefix = NamePrefix(key);
        if (prefix is not null)
        {
            Report(context, Exemption.Secure, Descriptors.CookiePrefixViolated, key.Syntax.GetLocation(), invocationLocation,
                Fix(CookieFixData.AddArgument, member: "Secure"), label, "has the '" + prefix + "' prefix but is not Secure", Rejected(deletion));
        }
    }

    // ---------------------------------------------------------------- helpers

    private void Report(OperationAnalysisContext context, Exemption exemption, DiagnosticDescriptor descriptor, Location location, Location fixTarget,
        ImmutableDictionary<string, string?> properties, params object[] arguments)
    {
        if (exemption != Exemption.None && _symbols.CookiePolicyOptions is not null)
        {
            // A cookie policy in any file exempts cookies written through the response cookie collection.
            var policy = CookiePolicyIndex.Get(context.Compilation, _symbols, context.CancellationToken);
            if (exemption == Exemption.Secure ? policy.SecureExempt : policy.HttpOnlyExempt)
            {
                return;
            }
        }

        context.ReportDiagnostic(Diagnostic.Create(descriptor, location, new[] { fixTarget }, properties, arguments));
    }

    private static ImmutableDictionary<string, string?> Fix(string kind, string? member = null, string? value = null)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(CookieFixData.Kind, kind);
        if (member is not null)
        {
            properties = properties.Add(CookieFixData.Member, member);
        }

        if (value is not null)
        {
            properties = properties.Add(CookieFixData.Value, value);
        }

        return properties;
    }

    /// <summary>Removing the assignment is only offered where it is a whole statement or an initializer member.</summary>
    private static ImmutableDictionary<string, string?> RemoveFix(ISimpleAssignmentOperation assignment)
        => assignment.Syntax.Parent is ExpressionStatementSyntax or InitializerExpressionSyntax
            ? Fix(CookieFixData.Remove)
            : ImmutableDictionary<string, string?>.Empty;

    private static string Rejected(bool deletion) => deletion ? "the deletion and the cookie is never removed" : "it";

    private static string Label(string? name) => name is null ? "The cookie" : "Cookie '" + name + "'";

    private static string? ConstantString(IOperation operation)
        => operation.WalkDownConversions().ConstantValue is { HasValue: true, Value: string text } ? text : null;

    /// <summary>The cookie prefix of a name: a constant, or the text an interpolated / concatenated name certainly starts with.</summary>
    private static string? NamePrefix(IOperation name)
        => CookieSymbols.Prefix(ConstantString(name) ?? StringShape.Of(name)?.LeadingText);

    private static ImmutableArray<string> ScriptReadable(OperationAnalysisContext context, IOperation operation)
        => Options.GetList(context.Options, operation.Syntax.SyntaxTree, DiagnosticIds.CookieNotHttpOnly, ScriptReadableOption, DefaultScriptReadable);

    private static Location? MethodNameLocation(IInvocationOperation invocation)
        => invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
            ? access.Name.GetLocation()
            : invocation.Syntax is InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax binding }
                ? binding.Name.GetLocation()
                : null;

    /// <summary><c>new CookieOptions</c> / <c>new()</c> with its argument list, without the initializer.</summary>
    private static Location CreationLocation(IObjectCreationOperation creation)
    {
        var syntax = creation.Syntax;
        int end;
        switch (syntax)
        {
            case ObjectCreationExpressionSyntax explicitCreation:
                end = explicitCreation.ArgumentList?.Span.End ?? explicitCreation.Type.Span.End;
                break;
            case ImplicitObjectCreationExpressionSyntax implicitCreation:
                end = implicitCreation.ArgumentList.Span.End;
                break;
            default:
                return syntax.GetLocation();
        }

        return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.SpanStart, end));
    }
}
