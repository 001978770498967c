using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace HttpAnalyzers.Infrastructure;

/// <summary>
/// Which words a syntax tree's text may hold: a 4,096-bit Bloom filter of its identifier-like words (and of their
/// three-letter prefixes), filled by one pass over the text and kept per tree, so that a tree the user did not edit is
/// never read again and every cross-file index asks "does this file mention <c>AddCors</c>?" in constant time instead
/// of searching the text once per name. A "no" is certain; a "maybe" (a word that is there, in code, a comment or a
/// string, or about one false hit in fifty) leads the caller to the text or the syntax.
/// </summary>
internal sealed class TreeWords
{
    private const int Bits = 4096;
    private const int PrefixLength = 3;
    private const uint PrefixSeed = 0x9E3779B9;

    private static readonly ConditionalWeakTable<SyntaxTree, TreeWords> Cache = new();

    private readonly ulong[] _bits = new ulong[Bits / 64];

    private TreeWords()
    {
    }

    public static TreeWords Of(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (Cache.TryGetValue(tree, out var words))
        {
            return words;
        }

        return Keep(tree, Build(tree.GetText(cancellationToken).ToString(), cancellationToken));
    }

    // Apart from Of: a lambda there would capture the words and allocate on every call, hit or miss.
    private static TreeWords Keep(SyntaxTree tree, TreeWords words) => Cache.GetValue(tree, _ => words);

    /// <summary>Whether the text may hold <paramref name="word"/> as a whole word.</summary>
    public bool MayContain(string word) => word.Length > 0 && Test(Hash(word, 0, word.Length, 0));

    /// <summary>Whether the text may hold a word starting with <paramref name="prefix"/> (at least three characters).</summary>
    public bool MayContainPrefix(string prefix)
        => prefix.Length < PrefixLength || Test(Hash(prefix, 0, PrefixLength, PrefixSeed));

    /// <summary>The filter's hash of a whole word, for a caller that asks about the same word in many trees (<see cref="MayContainHash"/>).</summary>
    public static ulong WordHash(string word) => Hash(word, 0, word.Length, 0);

    /// <summary>The filter's hash of a word prefix (its first three characters; the prefix must have three or more).</summary>
    public static ulong PrefixHash(string prefix) => Hash(prefix, 0, PrefixLength, PrefixSeed);

    /// <summary>Whether the text may hold the word (or prefix) whose <see cref="WordHash"/> (or <see cref="PrefixHash"/>) this is.</summary>
    public bool MayContainHash(ulong hash) => Test(hash);

    private static TreeWords Build(string text, CancellationToken cancellationToken)
    {
        var words = new TreeWords();
        var length = text.Length;
        var i = 0;
        while (i < length)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (!IsWordPart(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < length && IsWordPart(text[i]))
            {
                i++;
            }

            words.Set(Hash(text, start, i - start, 0));
            if (i - start >= PrefixLength)
            {
                words.Set(Hash(text, start, PrefixLength, PrefixSeed));
            }
        }

        return words;
    }

    private static bool IsWordPart(char c)
        => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || (c > 127 && char.IsLetterOrDigit(c));

    /// <summary>FNV-1a over the characters; the two filter positions come from its low and high halves.</summary>
    private static ulong Hash(string text, int start, int length, uint seed)
    {
        var hash = 14695981039346656037UL ^ seed;
        for (var i = start; i < start + length; i++)
        {
            hash = (hash ^ text[i]) * 1099511628211UL;
        }

        return hash;
    }

    private void Set(ulong hash)
    {
        var first = (int)(hash & (Bits - 1));
        var second = (int)((hash >> 32) & (Bits - 1));
        _bits[first >> 6] |= 1UL << (first & 63);
        _bits[second >> 6] |= 1UL << (second & 63);
    }

    private bool Test(ulong hash)
    {
        var first = (int)(hash & (Bits - 1));
        var second = (int)((hash >> 32) & (Bits - 1));
        return (_bits[first >> 6] & (1UL << (first & 63))) != 0 && (_bits[second >> 6] & (1UL << (second & 63))) != 0;
    }
}
