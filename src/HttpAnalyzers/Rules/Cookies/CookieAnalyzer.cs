using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Cookies;

/// <summary>
/// HTTP0020–HTTP0023: the attributes of every cookie the app writes — <c>Response.Cookies.Append</c> with and without
/// options, <c>new CookieOptions</c> and later assignments to it, <c>CookieBuilder</c> settings (authentication,
/// session, antiforgery, any other builder), <c>Delete</c> of prefixed cookies and hand-written <c>Set-Cookie</c>
/// headers. A cookie policy (<c>Secure = Always</c> / <c>HttpOnly = Always</c> enabled by <c>UseCookiePolicy()</c>)
/// anywhere in the compilation exempts cookies written through the response cookie collection: a finding such a
/// policy could exempt asks the compilation's <see cref="CookiePolicyIndex"/>, so every finding is reported where it
/// is found, in the open document too.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CookieAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.CookieNotSecure,
        Descriptors.CookieNotHttpOnly,
        Descriptors.SameSiteNoneWithoutSecure,
        Descriptors.CookiePrefixViolated);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var symbols = CookieSymbols.Create(KnownTypes.Get(start.Compilation));
            if (symbols is null)
            {
                return;
            }

            var state = new CookieAnalysis(symbols);
            // Every cookie site is analysed from operation actions that exist only in the types declared in files whose
            // text mentions cookies (TypeScopedActions). A `new CookieOptions` is judged with the assignments and
            // Append/Delete calls that follow it in the same body, and its findings are reported there: actions registered
            // at a symbol's start make its whole declaration local, so the open document shows them too.
            start.RegisterForTypes(CookieAnalysis.MayHoldCookieSite, type =>
            {
                type.RegisterOperationAction(state.AnalyzeObjectCreation, OperationKind.ObjectCreation);
                type.RegisterOperationAction(state.AnalyzeInvocation, OperationKind.Invocation);
                type.RegisterOperationAction(state.AnalyzeAssignment, OperationKind.SimpleAssignment);
            });
        });
    }
}
