using System;
using System.Text;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Client;

/// <summary>Whether a URI value is absolute or relative, as far as its visible text tells.</summary>
internal enum UriForm
{
    Unknown,
    Absolute,
    Relative,
}

/// <summary>
/// The visible value of a request URI or <c>BaseAddress</c>: the string expression (literal, constant, interpolation,
/// concatenation) that holds its text — passed directly, through <c>new Uri(…)</c>, or through a local given one value —
/// and its <see cref="StringShape"/>.
/// </summary>
internal sealed class UriValue
{
    private UriValue(IOperation text, StringShape shape, bool declaredRelative, bool throughLocal, ILocalSymbol? local)
    {
        Text = text;
        Shape = shape;
        DeclaredRelative = declaredRelative;
        ThroughLocal = throughLocal;
        Local = local;
    }

    /// <summary>The string expression that holds the text.</summary>
    public IOperation Text { get; }

    public StringShape Shape { get; }

    /// <summary><c>new Uri(…, UriKind.Relative)</c>.</summary>
    public bool DeclaredRelative { get; }

    /// <summary>The text is a local's value, not written in the argument itself.</summary>
    public bool ThroughLocal { get; }

    /// <summary>The local the value came through (the first one), if any.</summary>
    public ILocalSymbol? Local { get; }

    /// <summary>Absolute when the text starts with a scheme (<c>https:</c>); relative when it starts with text that is not one (or is declared relative); unknown when it starts with a hole.</summary>
    public UriForm Form
    {
        get
        {
            if (DeclaredRelative)
            {
                return UriForm.Relative;
            }

            if (Shape.Parts.Length == 0)
            {
                return UriForm.Relative;
            }

            if (!Shape.Parts[0].IsText)
            {
                return UriForm.Unknown;
            }

            return HasScheme(Shape.Parts[0].Text!) ? UriForm.Absolute : UriForm.Relative;
        }
    }

    /// <summary>A relative reference that starts with one '/' (not a network-path reference '//host').</summary>
    public bool HasLeadingSlash
    {
        get
        {
            var leading = Shape.LeadingText;
            return leading.Length > 0 && leading[0] == '/' && (leading.Length == 1 || leading[1] != '/');
        }
    }

    /// <summary>The text with each hole shown as <c>{…}</c>, for messages.</summary>
    public string Display
    {
        get
        {
            if (Shape.ConstantValue is { } constant)
            {
                return constant;
            }

            var builder = new StringBuilder();
            foreach (var part in Shape.Parts)
            {
                builder.Append(part.IsText ? part.Text : "{…}");
            }

            return builder.ToString();
        }
    }

    /// <summary>The visible value of <paramref name="value"/> (a string- or <c>Uri</c>-typed expression), or null.</summary>
    public static UriValue? Of(IOperation? value, KnownTypes types)
    {
        var declaredRelative = false;
        var throughLocal = false;
        ILocalSymbol? local = null;
        for (var depth = 0; value is not null && depth < 4; depth++)
        {
            value = value.WalkDownConversions();
            switch (value)
            {
                case ILocalReferenceOperation reference:
                    local ??= reference.Local;
                    throughLocal = true;
                    value = LocalValues.GetSingleValue(reference);
                    continue;
                case IObjectCreationOperation creation when creation.Type.Is(types.Uri):
                    if (creation.Arguments.Length == 0 || creation.Arguments[0].Value.Type?.SpecialType != SpecialType.System_String)
                    {
                        return null;
                    }

                    if (creation.Arguments.Length > 1 && creation.Arguments[1].Value.ConstantValue.Value is int kind && kind == 2)
                    {
                        declaredRelative = true;
                    }

                    value = creation.Arguments[0].Value;
                    continue;
            }

            if (value.Type?.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            var shape = StringShape.Of(value);
            return shape is null ? null : new UriValue(value, shape, declaredRelative, throughLocal, local);
        }

        return null;
    }

    /// <summary>Whether <paramref name="text"/> starts with a URI scheme (<c>https:</c>, <c>http:</c>, <c>ws:</c>, …).</summary>
    public static bool HasScheme(string text)
    {
        if (text.Length == 0 || !IsAsciiLetter(text[0]))
        {
            return false;
        }

        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ':')
            {
                return i > 1; // "C:" is a drive letter, not a scheme
            }

            if (!IsAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.')
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// The path of an absolute URI text (after the authority, before any query or fragment), or null when the text is
    /// not an absolute hierarchical URI. "https://api.example.com/v1" gives "/v1"; "https://api.example.com" gives "".
    /// </summary>
    public static string? PathOf(string text)
    {
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0 || !HasScheme(text))
        {
            return null;
        }

        var start = text.IndexOf('/', scheme + 3);
        var end = text.IndexOfAny(QueryOrFragment, scheme + 3);
        if (start < 0 || (end >= 0 && end < start))
        {
            return string.Empty;
        }

        return end < 0 ? text.Substring(start) : text.Substring(start, end - start);
    }

    /// <summary>The characters that end a URI's path.</summary>
    internal static readonly char[] QueryOrFragment = { '?', '#' };

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// <summary>The request URI of an <c>HttpClient</c> send.</summary>
internal static class RequestUris
{
    /// <summary>
    /// The request-URI argument of a send (<c>GetAsync(uri)</c>, <c>PostAsJsonAsync(uri, …)</c>), or, for
    /// <c>Send</c>/<c>SendAsync</c>, of the <c>new HttpRequestMessage(method, uri)</c> it sends (in place or held in a local
    /// given one value). Null when it cannot be seen.
    /// </summary>
    public static IArgumentOperation? Of(IInvocationOperation send, KnownTypes types) => Of(send, types, scanBody: true);

    /// <summary>
    /// <see cref="Of"/> without scanning the body: a request local declared with an initializer is read through that
    /// initializer, which is the local's one value unless the body gives it another. Non-null whenever <see cref="Of"/>
    /// is, and then the same; when <see cref="Of"/> is null it may not be: ask <see cref="Of"/> before reporting.
    /// </summary>
    public static IArgumentOperation? Candidate(IInvocationOperation send, KnownTypes types) => Of(send, types, scanBody: false);

    private static IArgumentOperation? Of(IInvocationOperation send, KnownTypes types, bool scanBody)
    {
        var uri = send.GetArgument("requestUri");
        if (uri is not null)
        {
            return uri;
        }

        var request = send.GetArgument("request")?.Value.WalkDownConversions();
        if (request is ILocalReferenceOperation local)
        {
            request = (scanBody ? LocalValues.GetSingleValue(local) : LocalValues.GetInitializer(local) ?? LocalValues.GetSingleValue(local))?.WalkDownConversions();
        }

        return request is IObjectCreationOperation creation && creation.Type.Is(types.HttpRequestMessage) ? creation.GetArgument("requestUri") : null;
    }
}
