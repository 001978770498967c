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
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    private static readonly ConditionalWeakTable<SyntaxTree, TreeWords> Cache = new();

    // The filter asked for last: the file filters of every analyzer ask about the same type's tree one after another at
    // its symbol start, and a table lookup reads a dependent handle, a call into the runtime, every time. It keeps one
    // tree alive after its compilation is gone, until the next question.
    private static TreeWords? s_last;

    private readonly ulong[] _bits = new ulong[Bits / 64];
    private SyntaxTree? _tree;

    private TreeWords()
    {
    }

    public static TreeWords Of(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var last = s_last;
        if (last is not null && ReferenceEquals(last._tree, tree))
        {
            return last;
        }

        if (!Cache.TryGetValue(tree, out var words))
        {
            words = Keep(tree, Build(tree.GetText(cancellationToken).ToString(), cancellationToken));
        }

        s_last = words;
        return words;
    }

    // Apart from Of: a lambda there would capture the words and allocate on every call, hit or miss.
    private static TreeWords Keep(SyntaxTree tree, TreeWords words)
    {
        words._tree = tree;
        return Cache.GetValue(tree, _ => words);
    }

    /// <summary>Whether the text may hold <paramref name="word"/> as a whole word.</summary>
    public bool MayContain(string word) => word.Length > 0 && Test(WordHash(word));

    /// <summary>Whether the text may hold a word starting with <paramref name="prefix"/> (at least three characters).</summary>
    public bool MayContainPrefix(string prefix)
        => prefix.Length < PrefixLength || Test(PrefixHash(prefix));

    /// <summary>The filter's hash of a whole word, for a caller that asks about the same word in many trees (<see cref="MayContainHash"/>).</summary>
    public static ulong WordHash(string word) => Hash(word, 0, word.Length, 0);

    /// <summary>The filter's hash of a word prefix (its first three characters; the prefix must have three or more).</summary>
    public static ulong PrefixHash(string prefix) => Hash(prefix, 0, PrefixLength, PrefixSeed);

    /// <summary>Whether the text may hold the word (or prefix) whose <see cref="WordHash"/> (or <see cref="PrefixHash"/>) this is.</summary>
    public bool MayContainHash(ulong hash) => Test(hash);

    private static TreeWords Build(string text, CancellationToken cancellationToken)
    {
        // One pass: each word's hash and its prefix's are computed as the word is read (every file of the compilation is read
        // once, by the first filter that asks about it).
        var words = new TreeWords();
        var length = text.Length;
        var i = 0;
        var nextCheck = 0;
        while (i < length)
        {
            if (i >= nextCheck)
            {
                cancellationToken.ThrowIfCancellationRequested();
                nextCheck = i + 0x10000;
            }

            var c = text[i];
            if (!IsWordPart(c))
            {
                i++;
                continue;
            }

            var start = i;
            var hash = OffsetBasis;
            var prefix = OffsetBasis ^ PrefixSeed;
            do
            {
                hash = (hash ^ c) * Prime;
                if (i - start < PrefixLength)
                {
                    prefix = (prefix ^ c) * Prime;
                }

                i++;
            }
            while (i < length && IsWordPart(c = text[i]));

            words.Set(hash);
            if (i - start >= PrefixLength)
            {
                words.Set(prefix);
            }
        }

        return words;
    }

    private static bool IsWordPart(char c)
        => c < 128 ? AsciiWordPart[c] : char.IsLetterOrDigit(c);

    private static readonly bool[] AsciiWordPart = CreateAsciiWordPart();

    private static bool[] CreateAsciiWordPart()
    {
        var table = new bool[128];
        for (var c = 0; c < 128; c++)
        {
            table[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }

        return table;
    }

    /// <summary>FNV-1a over the characters; the two filter positions come from its low and high halves.</summary>
    private static ulong Hash(string text, int start, int length, uint seed)
    {
        var hash = OffsetBasis ^ seed;
        for (var i = start; i < start + length; i++)
        {
            hash = (hash ^ text[i]) * Prime;
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
