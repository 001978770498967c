using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;

namespace HttpAnalyzers.Rules.Cors;

/// <summary>What can keep an allowed origin from ever matching a browser's <c>Origin</c> header.</summary>
internal enum OriginDefectKind
{
    None,
    Joined,
    Whitespace,
    TrailingSlash,
    Path,
    Query,
    Fragment,
    DefaultPort,
    Wildcard,
}

/// <summary>The first defect of an allowed-origin string and, when the defect can be repaired by deleting text, the repaired value.</summary>
internal readonly struct OriginDefect
{
    public OriginDefect(OriginDefectKind kind, string description, string? fixedValue, ImmutableArray<string> parts, string? suffix = null)
    {
        Kind = kind;
        Description = description;
        FixedValue = fixedValue;
        Parts = parts;
        Suffix = suffix;
    }

    public OriginDefectKind Kind { get; }

    public string Description { get; }

    /// <summary>The value with the slash, path, query, fragment, default port and surrounding whitespace removed (null when that cannot repair it).</summary>
    public string? FixedValue { get; }

    /// <summary>For <see cref="OriginDefectKind.Joined"/>: the separate origins.</summary>
    public ImmutableArray<string> Parts { get; }

    /// <summary>The text at the end of the value whose removal repairs it (a trailing slash, path, query, fragment, default port), or null.</summary>
    public string? Suffix { get; }
}

/// <summary>
/// Origin serialisation (Fetch standard, RFC 6454): a browser sends <c>scheme://host[:port]</c>, lower-case, without a
/// path or trailing slash and without the scheme's default port. The CORS middleware lower-cases the configured value and
/// compares it ordinally, so anything else in a configured origin makes it unmatchable.
/// </summary>
internal static class CorsOrigins
{
    private static readonly char[] Separators = { ',', ';', ' ', '\t', '\r', '\n' };

    /// <summary>The defect of a constant origin, or <see cref="OriginDefectKind.None"/>.</summary>
    public static OriginDefect Analyze(string origin)
    {
        var trimmed = origin.Trim();
        if (trimmed.Length == 0 || trimmed == "*")
        {
            return default;
        }

        var pieces = trimmed.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        if (pieces.Length > 1 && CountSchemes(pieces) == pieces.Length)
        {
            var parts = ImmutableArray.CreateBuilder<string>(pieces.Length);
            foreach (var piece in pieces)
            {
                parts.Add(piece);
            }

            return new OriginDefect(OriginDefectKind.Joined, "joins several origins in one string", null, parts.MoveToImmutable());
        }

        if (trimmed.IndexOfAny(Separators) >= 0)
        {
            return new OriginDefect(OriginDefectKind.Whitespace, "contains whitespace or a separator", null, default);
        }

        var schemeEnd = trimmed.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return default;
        }

        var scheme = trimmed.Substring(0, schemeEnd);
        var rest = trimmed.Substring(schemeEnd + 3);
        var authorityEnd = rest.IndexOfAny(new[] { '/', '?', '#' });
        var authority = authorityEnd < 0 ? rest : rest.Substring(0, authorityEnd);
        var tail = authorityEnd < 0 ? string.Empty : rest.Substring(authorityEnd);
        var fixedAuthority = authority;
        string? portDescription = null;
        var colon = authority.LastIndexOf(':');
        if (colon > 0 && colon > authority.LastIndexOf(']'))
        {
            var port = authority.Substring(colon + 1);
            // ASP.NET Core drops the default port itself only for internationalised (non-ASCII) host names.
            if (((port == "443" && scheme.Equals("https", StringComparison.OrdinalIgnoreCase)) ||
                 (port == "80" && scheme.Equals("http", StringComparison.OrdinalIgnoreCase))) &&
                IsAscii(authority))
            {
                portDescription = "names the default port " + port + ", which browsers omit";
                fixedAuthority = authority.Substring(0, colon);
            }
        }

        var fixedValue = scheme + "://" + fixedAuthority;
        if (tail.Length > 0)
        {
            var (kind, description) = tail switch
            {
                "/" => (OriginDefectKind.TrailingSlash, "ends with '/'"),
                _ when tail[0] == '?' => (OriginDefectKind.Query, "has a query ('" + tail + "')"),
                _ when tail[0] == '#' => (OriginDefectKind.Fragment, "has a fragment ('" + tail + "')"),
                _ => (OriginDefectKind.Path, "has a path ('" + tail + "')"),
            };
            return new OriginDefect(kind, description, fixedValue, default, SuffixAfter(origin, fixedValue));
        }

        if (portDescription is not null)
        {
            return new OriginDefect(OriginDefectKind.DefaultPort, portDescription, fixedValue, default, SuffixAfter(origin, fixedValue));
        }

        if (origin.Length != trimmed.Length)
        {
            return new OriginDefect(OriginDefectKind.Whitespace, "has leading or trailing whitespace", trimmed, default);
        }

        if (authority.StartsWith("*.", StringComparison.Ordinal))
        {
            return new OriginDefect(OriginDefectKind.Wildcard, "uses a '*.' wildcard without SetIsOriginAllowedToAllowWildcardSubdomains()", null, default);
        }

        return default;
    }

    /// <summary>
    /// The defect visible in the text after the last hole of an interpolated origin (<c>$"https://{host}/"</c>): a trailing
    /// slash, path, query or fragment, or whitespace in any text piece.
    /// </summary>
    public static OriginDefect AnalyzeShape(StringShape shape)
    {
        foreach (var part in shape.Parts)
        {
            if (part.IsText && part.Text!.IndexOfAny(Separators) >= 0)
            {
                return new OriginDefect(
                    part.Text.IndexOf(',') >= 0 || part.Text.IndexOf(';') >= 0 ? OriginDefectKind.Joined : OriginDefectKind.Whitespace,
                    part.Text.IndexOf(',') >= 0 || part.Text.IndexOf(';') >= 0 ? "joins several origins in one string" : "contains whitespace",
                    null,
                    default);
            }
        }

        var trailing = shape.TrailingText;
        var schemeEnd = trailing.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            trailing = trailing.Substring(schemeEnd + 3);
        }

        var tailStart = trailing.IndexOfAny(new[] { '/', '?', '#' });
        if (tailStart < 0 || !shape.HasHoles)
        {
            return default;
        }

        var tail = trailing.Substring(tailStart);
        return tail switch
        {
            "/" => new OriginDefect(OriginDefectKind.TrailingSlash, "ends with '/'", null, default, tail),
            _ when tail[0] == '?' => new OriginDefect(OriginDefectKind.Query, "has a query ('" + tail + "')", null, default, tail),
            _ when tail[0] == '#' => new OriginDefect(OriginDefectKind.Fragment, "has a fragment ('" + tail + "')", null, default, tail),
            _ => new OriginDefect(OriginDefectKind.Path, "has a path ('" + tail + "')", null, default, tail),
        };
    }

    private static string? SuffixAfter(string origin, string fixedValue)
        => origin.Length > fixedValue.Length && origin.StartsWith(fixedValue, StringComparison.Ordinal) ? origin.Substring(fixedValue.Length) : null;

    private static bool IsAscii(string text)
    {
        foreach (var c in text)
        {
            if (c > 0x7F)
            {
                return false;
            }
        }

        return true;
    }

    private static int CountSchemes(IEnumerable<string> pieces)
    {
        var count = 0;
        foreach (var piece in pieces)
        {
            if (piece.IndexOf("://", StringComparison.Ordinal) > 0)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Levenshtein distance (for "the defined name closest in spelling").</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
