using System.Collections.Generic;
using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Cookies;

/// <summary>Hand-written <c>Set-Cookie</c> headers (never covered by a cookie policy).</summary>
internal sealed partial class CookieAnalysis
{
    private void AnalyzeHeaderCall(OperationAnalysisContext context, IInvocationOperation invocation)
    {
        if (invocation.Arguments.Length < 2 || !_symbols.IsSetCookieKey(invocation.GetArgument("key")?.Value))
        {
            return;
        }

        if (invocation.GetArgument("value")?.Value is { } value && IsHeaderDictionary(invocation.GetReceiverOrThisArgument()?.Type))
        {
            AnalyzeSetCookieValue(context, value);
        }
    }

    private void AnalyzeSetCookieValue(OperationAnalysisContext context, IOperation value)
    {
        value = value.WalkDownConversions();
        if (value.Type?.SpecialType != SpecialType.System_String)
        {
            return;
        }

        // The header is written where it is (a literal, an interpolation, a concatenation) or built by a helper of the same
        // method: a local given one value, or a local function that returns one expression.
        var written = WrittenValue(value);
        if (StringShape.Of(written) is not { } shape || SetCookieHeader.Parse(shape) is not { } header)
        {
            return;
        }

        var label = header.Name is null ? "The cookie in this Set-Cookie header" : "Cookie '" + header.Name + "' in this Set-Cookie header";
        var location = value.Syntax.GetLocation();
        var fixTarget = written.Syntax.GetLocation();
        var isLiteral = written is ILiteralOperation && written.Syntax is LiteralExpressionSyntax;
        var isInterpolation = written is IInterpolatedStringOperation && written.Syntax is InterpolatedStringExpressionSyntax;
        var missingSecure = header.AttributesKnown && !header.Secure;
        if (missingSecure && !header.Deletion)
        {
            Report(context, Exemption.None, Descriptors.CookieNotSecure, location, fixTarget, HeaderFix(isLiteral, isInterpolation, CookieFixData.EditSecure), label, "no Secure attribute");
        }

        if (header.AttributesKnown && !header.HttpOnly && !header.Deletion && header.Name is not null &&
            !CookieSymbols.IsScriptReadable(header.Name, ScriptReadable(context, value)))
        {
            Report(context, Exemption.None, Descriptors.CookieNotHttpOnly, location, fixTarget, HeaderFix(isLiteral, isInterpolation, CookieFixData.EditHttpOnly), label, "no HttpOnly attribute");
        }

        if (header.SameSiteNone && missingSecure)
        {
            Report(context, Exemption.None, Descriptors.SameSiteNoneWithoutSecure, location, fixTarget, HeaderFix(isLiteral, isInterpolation, CookieFixData.EditSecure), label, "no Secure attribute");
        }

        var prefix = CookieSymbols.Prefix(header.Name);
        var reasons = new List<string>();
        var edits = new List<string>();
        if (prefix is not null && missingSecure)
        {
            reasons.Add("has the '" + prefix + "' prefix but is not Secure");
            edits.Add(CookieFixData.EditSecure);
        }

        if (CookieSymbols.IsHostPrefix(prefix))
        {
            if (header.Domain)
            {
                reasons.Add((reasons.Count == 0 ? "has the '__Host-' prefix but " : string.Empty) + "sets Domain");
                edits.Add(CookieFixData.EditNoDomain);
            }

            if (header.Path is { } path ? path != "/" : header.AttributesKnown)
            {
                reasons.Add((reasons.Count == 0 ? "has the '__Host-' prefix but " : string.Empty) + (header.Path is null ? "has no Path=/" : "sets Path to '" + header.Path + "' instead of '/'"));
                edits.Add(CookieFixData.EditRootPath);
            }
        }

        if (header.Partitioned && missingSecure && prefix is null)
        {
            reasons.Add("is Partitioned but not Secure");
            edits.Add(CookieFixData.EditSecure);
        }

        if (reasons.Count > 0)
        {
            Report(context, Exemption.None, Descriptors.CookiePrefixViolated, location, fixTarget, HeaderFix(isLiteral, isInterpolation, string.Join(",", edits)),
                label, string.Join(" and ", reasons), header.Deletion ? "the deletion and the cookie is never removed" : "it");
        }
    }

    /// <summary>
    /// The header value as written: <paramref name="value"/> itself, the one value of a local (<c>var cookie = $"…";</c>),
    /// or the expression a local function of the same method returns (<c>string Cookie(string v) => $"…";</c>).
    /// </summary>
    private static IOperation WrittenValue(IOperation value)
    {
        switch (value)
        {
            case ILocalReferenceOperation local when LocalValues.GetSingleValue(local) is { } single && single.Type?.SpecialType == SpecialType.System_String:
                return single.WalkDownConversions();
            case IInvocationOperation { TargetMethod.MethodKind: MethodKind.LocalFunction } call when ReturnedExpression(call) is { } returned:
                return returned;
            default:
                return value;
        }
    }

    /// <summary>The one expression a local function returns (expression body, or a body of one return statement), bound in the same operation tree.</summary>
    private static IOperation? ReturnedExpression(IInvocationOperation call)
    {
        foreach (var reference in call.TargetMethod.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not LocalFunctionStatementSyntax function || function.SyntaxTree != call.Syntax.SyntaxTree)
            {
                continue;
            }

            var expression = function.ExpressionBody?.Expression ??
                             (function.Body is { Statements.Count: 1 } body && body.Statements[0] is ReturnStatementSyntax { Expression: { } returned } ? returned : null);
            if (expression is null)
            {
                return null;
            }

            foreach (var operation in OperationWalk.Below(call.GetRoot()))
            {
                if (operation is IReturnOperation { ReturnedValue: { } value } && value.Syntax == expression)
                {
                    value = value.WalkDownConversions();
                    return value.Type?.SpecialType == SpecialType.System_String ? value : null;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// A fix rewrites a string literal (every edit), or appends attributes to the last text part of an interpolation (only
    /// the edits that append: Secure, HttpOnly). Concatenations and values with holes elsewhere get no fix.
    /// </summary>
    private static ImmutableDictionary<string, string?> HeaderFix(bool isLiteral, bool isInterpolation, string edits)
        => isLiteral || (isInterpolation && OnlyAppends(edits))
            ? ImmutableDictionary<string, string?>.Empty.Add(CookieFixData.Kind, CookieFixData.Header).Add(CookieFixData.HeaderEdits, edits)
            : ImmutableDictionary<string, string?>.Empty;

    private static bool OnlyAppends(string edits)
    {
        foreach (var edit in edits.Split(','))
        {
            if (edit != CookieFixData.EditSecure && edit != CookieFixData.EditHttpOnly)
            {
                return false;
            }
        }

        return true;
    }
}
