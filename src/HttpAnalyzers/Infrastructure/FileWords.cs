using Microsoft.CodeAnalysis;

namespace HttpAnalyzers.Infrastructure;

/// <summary>
/// A per-file pre-filter by whole words (identifiers, and the words of string literals and comments): whether a file
/// declaring a symbol may hold one of a few words, or a word starting with one of a few prefixes, answered from the
/// file's <see cref="TreeWords"/> (built once per tree and shared by every filter) with the words hashed once. A "no"
/// is certain; a "maybe" costs only the analysis the filter guards. Unlike <see cref="TreeMentions"/> it cannot match
/// inside a word (<c>"Cookie"</c> does not match <c>IResponseCookies</c>), but it reads no text of its own. Keep one
/// instance per word set in a static field.
/// </summary>
internal sealed class FileWords
{
    private readonly ulong[] _hashes;

    /// <param name="words">Whole words; an entry ending in <c>*</c> is a prefix of three or more characters (<c>"Map*"</c>).</param>
    public FileWords(params string[] words)
    {
        _hashes = new ulong[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            _hashes[i] = word.EndsWith("*", System.StringComparison.Ordinal) ? TreeWords.PrefixHash(word.Substring(0, word.Length - 1)) : TreeWords.WordHash(word);
        }
    }

    /// <summary>Whether a file declaring <paramref name="symbol"/> (any part of a partial type) may hold one of the words.</summary>
    public bool AnyDeclaration(ISymbol symbol)
    {
        foreach (var location in DeclaringTrees.Of(symbol))
        {
            if (location.IsInSource && location.SourceTree is { } tree && Any(tree))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="tree"/> may hold one of the words.</summary>
    public bool Any(SyntaxTree tree) => Any(TreeWords.Of(tree, default));

    private bool Any(TreeWords words)
    {
        foreach (var hash in _hashes)
        {
            if (words.MayContainHash(hash))
            {
                return true;
            }
        }

        return false;
    }
}
