using System;
using HttpAnalyzers.Infrastructure;

namespace HttpAnalyzers.Rules.Cookies;

/// <summary>
/// What a hand-written <c>Set-Cookie</c> value certainly says: its name and attributes (RFC 6265bis §4.1). Holes
/// (interpolations, concatenated variables) in the value part are taken as cookie value; a hole among the attributes
/// makes the attribute list unknown, so only attributes that are present can be relied on.
/// </summary>
internal sealed class SetCookieHeader
{
    private const char HoleMark = '\uFFFF';

    public string? Name { get; private set; }

    public bool AttributesKnown { get; private set; } = true;

    public bool Secure { get; private set; }

    public bool HttpOnly { get; private set; }

    public bool SameSiteNone { get; private set; }

    public bool Domain { get; private set; }

    public bool Partitioned { get; private set; }

    /// <summary>The Path attribute value (last one wins), or null when absent.</summary>
    public string? Path { get; private set; }

    /// <summary>A deletion: <c>Max-Age</c> of zero or less, or an <c>Expires</c> date before 2000 (the epoch, by convention).</summary>
    public bool Deletion { get; private set; }

    public static SetCookieHeader? Parse(StringShape shape)
    {
        var text = new System.Text.StringBuilder();
        foreach (var part in shape.Parts)
        {
            if (part.IsText)
            {
                text.Append(part.Text);
            }
            else
            {
                text.Append(HoleMark);
            }
        }

        return Parse(text.ToString());
    }

    public static SetCookieHeader? Parse(string value)
    {
        var header = new SetCookieHeader();
        var segments = value.Split(';');
        var nameValue = segments[0];
        var equals = nameValue.IndexOf('=');
        if (equals <= 0)
        {
            return null;
        }

        var name = nameValue.Substring(0, equals).Trim();
        header.Name = name.Length == 0 || name.IndexOf(HoleMark) >= 0 ? null : name;

        for (var i = 1; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.IndexOf(HoleMark) >= 0)
            {
                header.AttributesKnown = false;
                continue;
            }

            var eq = segment.IndexOf('=');
            var attribute = (eq < 0 ? segment : segment.Substring(0, eq)).Trim();
            var attributeValue = eq < 0 ? string.Empty : segment.Substring(eq + 1).Trim();
            if (Is(attribute, "Secure"))
            {
                header.Secure = true;
            }
            else if (Is(attribute, "HttpOnly"))
            {
                header.HttpOnly = true;
            }
            else if (Is(attribute, "SameSite"))
            {
                header.SameSiteNone = Is(attributeValue, "None");
            }
            else if (Is(attribute, "Domain"))
            {
                header.Domain = true;
            }
            else if (Is(attribute, "Path"))
            {
                header.Path = attributeValue;
            }
            else if (Is(attribute, "Partitioned"))
            {
                header.Partitioned = true;
            }
            else if (Is(attribute, "Max-Age") && int.TryParse(attributeValue, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var maxAge) && maxAge <= 0)
            {
                header.Deletion = true;
            }
            else if (Is(attribute, "Expires") &&
                     DateTimeOffset.TryParse(attributeValue, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var expires) &&
                     expires.Year < 2000)
            {
                header.Deletion = true; // the conventional "Thu, 01 Jan 1970 00:00:00 GMT"
            }
        }

        return header;
    }

    /// <summary>Applies code-fix edits (see <see cref="CookieFixData"/>) to a constant Set-Cookie value.</summary>
    /// <summary>Whether the text holds the attribute (<c>Secure</c>, <c>HttpOnly</c>) as one of its <c>;</c>-separated segments.</summary>
    public static bool HasAttribute(string text, string attribute)
    {
        foreach (var segment in text.Split(';'))
        {
            if (string.Equals(segment.Trim(), attribute, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static string Rewrite(string value, string edits)
    {
        var segments = value.Split(';');
        var builder = new System.Text.StringBuilder(segments[0].TrimEnd());
        var addSecure = edits.IndexOf(CookieFixData.EditSecure, StringComparison.Ordinal) >= 0;
        var addHttpOnly = edits.IndexOf(CookieFixData.EditHttpOnly, StringComparison.Ordinal) >= 0;
        var noDomain = edits.IndexOf(CookieFixData.EditNoDomain, StringComparison.Ordinal) >= 0;
        var rootPath = edits.IndexOf(CookieFixData.EditRootPath, StringComparison.Ordinal) >= 0;
        var hasPath = false;
        for (var i = 1; i < segments.Length; i++)
        {
            var segment = segments[i].Trim();
            if (segment.Length == 0)
            {
                continue;
            }

            var eq = segment.IndexOf('=');
            var attribute = (eq < 0 ? segment : segment.Substring(0, eq)).Trim();
            if (noDomain && Is(attribute, "Domain"))
            {
                continue;
            }

            if (rootPath && Is(attribute, "Path"))
            {
                if (hasPath)
                {
                    continue;
                }

                hasPath = true;
                segment = "Path=/";
            }

            builder.Append("; ").Append(segment);
        }

        if (rootPath && !hasPath)
        {
            builder.Append("; Path=/");
        }

        if (addSecure)
        {
            builder.Append("; Secure");
        }

        if (addHttpOnly)
        {
            builder.Append("; HttpOnly");
        }

        return builder.ToString();
    }

    private static bool Is(string text, string expected) => string.Equals(text, expected, StringComparison.OrdinalIgnoreCase);
}
