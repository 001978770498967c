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
        if (value.Type?.SpecialType != SpecialType.System_String || StringShape.Of(value) is not { } shape || SetCookieHeader.Parse(shape) is not { } header)
        {
            return;
        }

        var label = header.Name is null ? "The cookie in this Set-Cookie header" : "Cookie '" + header.Name + "' in this Set-Cookie header";
        var location = value.Syntax.GetLocation();
        var fixable = value is ILiteralOperation && value.Syntax is LiteralExpressionSyntax;
        var missingSecure = header.AttributesKnown && !header.Secure;
        if (missingSecure && !header.Deletion)
        {
            Report(context, Exemption.None, Descriptors.CookieNotSecure, location, location, HeaderFix(fixable, CookieFixData.EditSecure), label, "no Secure attribute");
        }

        if (header.AttributesKnown && !header.HttpOnly && !header.Deletion && header.Name is not null &&
            !CookieSymbols.IsScriptReadable(header.Name, ScriptReadable(context, value)))
        {
            Report(context, Exemption.None, Descriptors.CookieNotHttpOnly, location, location, HeaderFix(fixable, CookieFixData.EditHttpOnly), label, "no HttpOnly attribute");
        }

        if (header.SameSiteNone && missingSecure)
        {
            Report(context, Exemption.None, Descriptors.SameSiteNoneWithoutSecure, location, location, HeaderFix(fixable, CookieFixData.EditSecure), label, "no Secure attribute");
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
            Report(context, Exemption.None, Descriptors.CookiePrefixViolated, location, location, HeaderFix(fixable, string.Join(",", edits)),
                label, string.Join(" and ", reasons), header.Deletion ? "the deletion and the cookie is never removed" : "it");
        }
    }

    private static ImmutableDictionary<string, string?> HeaderFix(bool fixable, string edits)
        => fixable
            ? ImmutableDictionary<string, string?>.Empty.Add(CookieFixData.Kind, CookieFixData.Header).Add(CookieFixData.HeaderEdits, edits)
            : ImmutableDictionary<string, string?>.Empty;
}
