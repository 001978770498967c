using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpAnalyzers.Infrastructure;

/// <summary>
/// Reads rule options from .editorconfig / global config. Lookup order: <c>http_analyzers.&lt;ID&gt;.&lt;name&gt;</c>,
/// then <c>http_analyzers.&lt;name&gt;</c>, then the default. Options are read per syntax tree; a bad value falls
/// back to the default and never throws.
/// </summary>
internal static class Options
{
    public const string Prefix = "http_analyzers.";

    // The keys are built once: options are read from hot callbacks.
    private static readonly ConcurrentDictionary<(string RuleId, string Name), string> RuleKeys = new();
    private static readonly ConcurrentDictionary<string, string> SharedKeys = new(StringComparer.Ordinal);
    private static readonly Func<(string RuleId, string Name), string> RuleKey = static key => Prefix + key.RuleId + "." + key.Name;
    private static readonly Func<string, string> SharedKey = static name => Prefix + name;

    // The answers, per options object (one per .editorconfig section set, shared by the trees it covers): the config's own
    // lookup hashes the whole key case-insensitively, twice per read. An options object never changes; a new
    // .editorconfig gives new ones.
    private static readonly ConditionalWeakTable<AnalyzerConfigOptions, ConcurrentDictionary<(string RuleId, string Name), string>> Answers = new();
    private static readonly ConditionalWeakTable<AnalyzerConfigOptions, ConcurrentDictionary<(string RuleId, string Name), string>>.CreateValueCallback NewAnswers = static _ => new();
    private const string Unset = "";

    /// <summary>The raw value of an option, or <c>null</c> when neither key is set.</summary>
    public static string? GetString(AnalyzerOptions options, SyntaxTree tree, string ruleId, string name)
    {
        var config = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        var answers = Answers.GetValue(config, NewAnswers);
        if (!answers.TryGetValue((ruleId, name), out var answer))
        {
            answer = answers.GetOrAdd((ruleId, name), Read(config, ruleId, name) ?? Unset);
        }

        return answer.Length == 0 ? null : answer;
    }

    private static string? Read(AnalyzerConfigOptions config, string ruleId, string name)
    {
        if (config.TryGetValue(RuleKeys.GetOrAdd((ruleId, name), RuleKey), out var value) ||
            config.TryGetValue(SharedKeys.GetOrAdd(name, SharedKey), out value))
        {
            value = value.Trim();
            return value.Length == 0 ? null : value;
        }

        return null;
    }

    /// <summary>A comma-separated list option; entries are trimmed, empty entries dropped. Returns <paramref name="defaults"/> when unset.</summary>
    public static ImmutableArray<string> GetList(AnalyzerOptions options, SyntaxTree tree, string ruleId, string name, ImmutableArray<string> defaults)
    {
        var value = GetString(options, tree, ruleId, name);
        return value is null ? defaults : ParseList(value, defaults);
    }

    public static bool GetBool(AnalyzerOptions options, SyntaxTree tree, string ruleId, string name, bool defaultValue)
    {
        var value = GetString(options, tree, ruleId, name);
        return value is not null && bool.TryParse(value, out var result) ? result : defaultValue;
    }

    internal static ImmutableArray<string> ParseList(string value, ImmutableArray<string> defaults)
    {
        var parts = value.Split(',');
        var builder = ImmutableArray.CreateBuilder<string>(parts.Length);
        foreach (var part in parts)
        {
            var trimmed = part.Trim();
            if (trimmed.Length > 0)
            {
                builder.Add(trimmed);
            }
        }

        return builder.Count == 0 ? defaults : builder.ToImmutable();
    }

    /// <summary>Case-insensitive membership test on a list option.</summary>
    public static bool Contains(ImmutableArray<string> list, string value)
    {
        foreach (var item in list)
        {
            if (string.Equals(item, value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
