using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpAnalyzers.Infrastructure;

/// <summary>
/// Facts that live in other files (cookie policies, CORS policy names and <c>UseCors</c> calls, client registrations,
/// DI lifetimes), gathered once per compilation, lazily: an index is built the first time a candidate finding asks for
/// it, never at compilation start, and never again for the same compilation. Rules report from document-level actions
/// (operation, syntax node, symbol, operation-block) and ask the index; this is what makes their findings visible in
/// an editor's open-document analysis, which runs no compilation-end action.
/// <para>
/// An index is an immutable class built by a static method: <c>CrossFileIndex&lt;T&gt;.Get(compilation, T.Build, token)</c>.
/// The builder walks only the syntax trees that pass a cheap syntax pre-filter (<see cref="MayMention(SyntaxTree, string, CancellationToken)"/>:
/// an identifier of that name appears in the tree) before it binds anything, and binds them with
/// <see cref="SemanticModelFor"/>, the one place in the analyzers that calls <c>Compilation.GetSemanticModel</c>.
/// </para>
/// </summary>
/// <typeparam name="T">The index: immutable once built, safe to read from concurrent callbacks.</typeparam>
internal static class CrossFileIndex<T>
    where T : class
{
    private static readonly ConditionalWeakTable<Compilation, Holder> Cache = new();
    private static readonly ConditionalWeakTable<Compilation, Holder>.CreateValueCallback CreateHolder = static _ => new Holder();

    /// <summary>
    /// The index of <paramref name="compilation"/>, built by <paramref name="build"/> on first use. Concurrent first
    /// callers wait for one build. A build cancelled through <paramref name="cancellationToken"/> is not cached: the
    /// next caller builds again.
    /// </summary>
    public static T Get(Compilation compilation, Func<Compilation, CancellationToken, T> build, CancellationToken cancellationToken)
    {
        var holder = Cache.GetValue(compilation, CreateHolder);
        var value = Volatile.Read(ref holder.Value);
        if (value is not null)
        {
            return value;
        }

        lock (holder)
        {
            value = holder.Value;
            if (value is null)
            {
                value = build(compilation, cancellationToken);
                Volatile.Write(ref holder.Value, value);
            }

            return value;
        }
    }

    private sealed class Holder
    {
        public T? Value;
    }
}

/// <summary>Helpers for building a <see cref="CrossFileIndex{T}"/>.</summary>
internal static class CrossFileIndex
{
    /// <summary>
    /// A cheap pre-filter: whether the tree's text may hold <paramref name="name"/> as a whole word (a method name such as
    /// <c>UseCookiePolicy</c>, a type name such as <c>CookiePolicyOptions</c>). It asks the tree's <see cref="TreeWords"/>
    /// — no syntax nodes are created and nothing is bound — so a mention in a comment or a string also passes; the index
    /// binds only the candidates it then finds by syntax.
    /// </summary>
    public static bool MayMention(SyntaxTree tree, string name, CancellationToken cancellationToken)
        => TreeWords.Of(tree, cancellationToken).MayContain(name);

    /// <summary>Whether any of <paramref name="names"/> may appear in the tree's text as a whole word.</summary>
    public static bool MayMentionAny(SyntaxTree tree, string[] names, CancellationToken cancellationToken)
    {
        var words = TreeWords.Of(tree, cancellationToken);
        for (var i = 0; i < names.Length; i++)
        {
            if (words.MayContain(names[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Adds to <paramref name="into"/> the identifier tokens of <paramref name="tree"/> spelled as one of
    /// <paramref name="words"/>, or starting with <paramref name="prefix"/>. Only a tree whose <see cref="TreeWords"/> may
    /// hold one of them is read, once: its text is searched and the tree asked for the token at each hit, with no syntax
    /// walk. Hits in comments and strings are not identifiers and are skipped.
    /// </summary>
    public static void FindIdentifiers(SyntaxTree tree, string[] words, string? prefix, List<SyntaxToken> into, CancellationToken cancellationToken)
    {
        var filter = TreeWords.Of(tree, cancellationToken);
        string? text = null;
        SyntaxNode? root = null;
        foreach (var word in words)
        {
            if (filter.MayContain(word))
            {
                Find(word, isPrefix: false);
            }
        }

        if (prefix is not null && filter.MayContainPrefix(prefix))
        {
            Find(prefix, isPrefix: true);
        }

        void Find(string word, bool isPrefix)
        {
            text ??= tree.GetText(cancellationToken).ToString();
            for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal))
            {
                var end = at + word.Length;
                if ((at > 0 && IsIdentifierPart(text[at - 1])) || (!isPrefix && end < text.Length && IsIdentifierPart(text[end])))
                {
                    continue;
                }

                root ??= tree.GetRoot(cancellationToken);
                var token = root.FindToken(at);
                if (token.SpanStart == at && token.IsKind(SyntaxKind.IdentifierToken))
                {
                    into.Add(token);
                }
            }
        }
    }

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    /// <summary>
    /// The semantic model of a tree of <paramref name="compilation"/> other than the one being analysed. Only index
    /// builders call this, after a syntax pre-filter has chosen the tree.
    /// </summary>
    public static SemanticModel SemanticModelFor(Compilation compilation, SyntaxTree tree)
    {
#pragma warning disable RS1030, RS0030 // The cross-file index binds other files once per compilation, after a syntax pre-filter; this is its one place of use.
        return compilation.GetSemanticModel(tree);
#pragma warning restore RS1030, RS0030
    }

    /// <summary>Whether the invocation's invoked name is one of <paramref name="names"/>: a syntax pre-filter before binding.</summary>
    public static bool IsInvocationOfAny(InvocationExpressionSyntax invocation, string[] names)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (IsInvocationOf(invocation, names[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the invocation's invoked name is <paramref name="name"/> (<c>x.Name(…)</c>, <c>Name(…)</c>, <c>x?.Name(…)</c>, <c>x.Name&lt;T&gt;(…)</c>): a syntax pre-filter before binding.</summary>
    public static bool IsInvocationOf(InvocationExpressionSyntax invocation, string name)
    {
        var expression = invocation.Expression;
        if (expression is MemberAccessExpressionSyntax member)
        {
            expression = member.Name;
        }
        else if (expression is MemberBindingExpressionSyntax binding)
        {
            expression = binding.Name;
        }

        return expression switch
        {
            IdentifierNameSyntax identifier => string.Equals(identifier.Identifier.ValueText, name, StringComparison.Ordinal),
            GenericNameSyntax generic => string.Equals(generic.Identifier.ValueText, name, StringComparison.Ordinal),
            _ => false,
        };
    }
}
