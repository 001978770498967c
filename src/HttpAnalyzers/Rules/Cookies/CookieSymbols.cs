using System;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Cookies;

/// <summary>The cookie types of one compilation and the symbol questions the cookie model asks.</summary>
internal sealed class CookieSymbols
{
    private const string HostPrefix = "__Host-";
    private const string SecurePrefix = "__Secure-";
    private const string AntiforgeryCookiePrefix = ".AspNetCore.Antiforgery.";

    // Types asked about only on rare paths (UseCookiePolicy, builder labels) are looked up on first use through _types.
    private readonly KnownTypes _types;

    private CookieSymbols(KnownTypes types, INamedTypeSymbol responseCookies, INamedTypeSymbol cookieOptions)
    {
        _types = types;
        ResponseCookies = responseCookies;
        CookieOptions = cookieOptions;
        CookieBuilder = types.CookieBuilder;
        CookiePolicyOptions = types.CookiePolicyOptions;
        HeaderDictionary = types.IHeaderDictionary;
        HeaderNames = types.HeaderNames;
        SecureAlways = EnumValue(types.CookieSecurePolicy, "Always");
        SecureNone = EnumValue(types.CookieSecurePolicy, "None");
        SecureSameAsRequest = EnumValue(types.CookieSecurePolicy, "SameAsRequest");
        SameSiteNone = EnumValue(types.SameSiteMode, "None");
        HttpOnlyAlways = EnumValue(types.HttpOnlyPolicy, "Always");
    }

    public INamedTypeSymbol ResponseCookies { get; }

    public INamedTypeSymbol CookieOptions { get; }

    public INamedTypeSymbol? CookieBuilder { get; }

    public INamedTypeSymbol? CookiePolicyOptions { get; }

    public INamedTypeSymbol? CookiePolicyAppBuilderExtensions => _types.CookiePolicyAppBuilderExtensions;

    public INamedTypeSymbol? CookieAuthenticationOptions => _types.CookieAuthenticationOptions;

    public INamedTypeSymbol? SessionOptions => _types.SessionOptions;

    public INamedTypeSymbol? AntiforgeryOptions => _types.AntiforgeryOptions;

    public INamedTypeSymbol? HeaderDictionary { get; }

    public INamedTypeSymbol? HeaderNames { get; }

    public object? SecureAlways { get; }

    public object? SecureNone { get; }

    public object? SecureSameAsRequest { get; }

    public object? SameSiteNone { get; }

    public object? HttpOnlyAlways { get; }

    /// <summary>Null when the response cookie types are absent (not an ASP.NET Core compilation).</summary>
    public static CookieSymbols? Create(KnownTypes types)
    {
        var responseCookies = types.IResponseCookies;
        var cookieOptions = types.CookieOptions;
        return responseCookies is null || cookieOptions is null ? null : new CookieSymbols(types, responseCookies, cookieOptions);
    }

    private static object? EnumValue(INamedTypeSymbol? type, string member)
    {
        if (type is null)
        {
            return null;
        }

        foreach (var symbol in type.GetMembers(member))
        {
            if (symbol is IFieldSymbol { HasConstantValue: true } field)
            {
                return field.ConstantValue;
            }
        }

        return null;
    }

    /// <summary><c>IResponseCookies.Append</c> / <c>Delete</c> (any overload).</summary>
    public bool IsResponseCookiesMethod(IMethodSymbol method, string name)
        => method.Name == name && method.ContainingType is { } type &&
           (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, ResponseCookies) || type.IsOrImplements(ResponseCookies));

    public bool IsCookieBuilderProperty(IPropertySymbol property)
        => CookieBuilder is not null && property.ContainingType.InheritsFromOrEquals(CookieBuilder);

    /// <summary>A property of <c>CookiePolicyOptions</c> (or a subclass).</summary>
    public bool IsPolicyProperty(IPropertySymbol property)
        => CookiePolicyOptions is not null && property.ContainingType.InheritsFromOrEquals(CookiePolicyOptions);

    public bool IsCookieOptionsProperty(IPropertySymbol property)
        => SymbolEqualityComparer.Default.Equals(property.ContainingType?.OriginalDefinition, CookieOptions);

    /// <summary>True when the value is the constant enum member (compared by value, so casts and aliases work).</summary>
    public static bool IsConstant(IOperation value, object? expected)
    {
        var constant = value.ConstantValue;
        return expected is not null && constant.HasValue && Equals(constant.Value, expected);
    }

    /// <summary>The key of a header write is <c>Set-Cookie</c> (literal, constant, or <c>HeaderNames.SetCookie</c>).</summary>
    public bool IsSetCookieKey(IOperation? key)
        => string.Equals(HeaderModel.ReadHeaderName(key, HeaderNames), "Set-Cookie", StringComparison.OrdinalIgnoreCase);

    public static string? Prefix(string? name)
    {
        if (name is null)
        {
            return null;
        }

        if (name.StartsWith(HostPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return HostPrefix;
        }

        return name.StartsWith(SecurePrefix, StringComparison.OrdinalIgnoreCase) ? SecurePrefix : null;
    }

    public static bool IsHostPrefix(string? prefix) => ReferenceEquals(prefix, HostPrefix);

    /// <summary>The name says scripts must read the cookie (contains an entry of <paramref name="scriptReadable"/>), and it is not the antiforgery cookie.</summary>
    public static bool IsScriptReadable(string name, System.Collections.Immutable.ImmutableArray<string> scriptReadable)
    {
        if (name.StartsWith(AntiforgeryCookiePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var entry in scriptReadable)
        {
            if (name.IndexOf(entry, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The options type whose <c>Cookie</c> property the builder is (authentication, session, antiforgery), for messages.</summary>
    public string BuilderLabel(IPropertySymbol? builderProperty, string? name)
    {
        var host = builderProperty?.ContainingType?.OriginalDefinition;
        string kind;
        if (host is not null && host.InheritsFromOrEquals(CookieAuthenticationOptions))
        {
            kind = "authentication cookie";
        }
        else if (host is not null && host.InheritsFromOrEquals(SessionOptions))
        {
            kind = "session cookie";
        }
        else if (IsAntiforgeryBuilder(builderProperty))
        {
            kind = "antiforgery cookie";
        }
        else
        {
            kind = "cookie";
        }

        return name is null ? "The " + kind : char.ToUpperInvariant(kind[0]) + kind.Substring(1) + " '" + name + "'";
    }

    public bool IsAntiforgeryBuilder(IPropertySymbol? builderProperty)
        => AntiforgeryOptions is not null && builderProperty?.ContainingType is { } host && host.InheritsFromOrEquals(AntiforgeryOptions);
}
