using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace HttpAnalyzers.Rules.Caching;

/// <summary>
/// Credential-like names (option <c>sensitive_names</c>). Names are split into words (camelCase, PascalCase,
/// snake_case, kebab-case, dots); a name matches when a sensitive name's words appear in it as consecutive whole
/// words: <c>accessToken</c> and <c>apiKey</c> match, <c>tokenizer</c> does not.
/// </summary>
internal sealed class SensitiveNames
{
    public const string OptionName = "sensitive_names";

    public static readonly ImmutableArray<string> Defaults = ImmutableArray.Create(
        "token", "access_token", "refresh_token", "id_token", "password", "secret", "api_key", "apikey", "session", "jwt", "credential", "otp");

    public static readonly SensitiveNames Default = new(Defaults);

    private readonly string[][] _names;

    private SensitiveNames(ImmutableArray<string> names)
    {
        var list = new List<string[]>(names.Length);
        foreach (var name in names)
        {
            var words = SplitWords(name);
            if (words.Count > 0)
            {
                list.Add(words.ToArray());
            }
        }

        _names = list.ToArray();
    }

    public static SensitiveNames Create(ImmutableArray<string> names)
        => names == Defaults ? Default : new SensitiveNames(names);

    /// <summary>The list for a syntax tree: <c>http_analyzers.&lt;ID&gt;.sensitive_names</c>, then <c>http_analyzers.sensitive_names</c>.</summary>
    public static SensitiveNames Read(Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions options, SyntaxTree tree, string ruleId)
        => Create(Options.GetList(options, tree, ruleId, OptionName, Defaults));

    public bool Matches(string? identifier)
    {
        if (string.IsNullOrEmpty(identifier))
        {
            return false;
        }

        var words = SplitWords(identifier!);
        foreach (var name in _names)
        {
            for (var start = 0; start + name.Length <= words.Count; start++)
            {
                var match = true;
                for (var i = 0; i < name.Length; i++)
                {
                    if (!string.Equals(words[start + i], name[i], StringComparison.Ordinal))
                    {
                        match = false;
                        break;
                    }
                }

                if (match)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary><c>refreshToken</c>, <c>refresh_token</c>, <c>Refresh-Token</c>, <c>JWTToken</c> → lower-case words.</summary>
    internal static List<string> SplitWords(string identifier)
    {
        var words = new List<string>(4);
        var start = -1;
        for (var i = 0; i <= identifier.Length; i++)
        {
            var c = i < identifier.Length ? identifier[i] : '\0';
            var isWordChar = char.IsLetterOrDigit(c);
            if (!isWordChar)
            {
                if (start >= 0)
                {
                    words.Add(identifier.Substring(start, i - start).ToLowerInvariant());
                    start = -1;
                }

                continue;
            }

            if (start < 0)
            {
                start = i;
                continue;
            }

            var previous = identifier[i - 1];
            var boundary = (char.IsUpper(c) && (char.IsLower(previous) || char.IsDigit(previous))) ||
                (char.IsUpper(c) && char.IsUpper(previous) && i + 1 < identifier.Length && char.IsLower(identifier[i + 1]));
            if (boundary)
            {
                words.Add(identifier.Substring(start, i - start).ToLowerInvariant());
                start = i;
            }
        }

        return words;
    }
}
