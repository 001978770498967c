using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace HttpAnalyzers.Tests.Verifiers;

/// <summary>A span marked in test source: <c>[|…|]</c> (rule under test), <c>{|ID:…|}</c> (a named rule) or <c>{|#n:…|}</c> (a location).</summary>
internal sealed record MarkedSpan(string? Id, int? LocationIndex, TextSpan Span);

/// <summary>Parses the markup conventions of Microsoft.CodeAnalysis.Testing.</summary>
internal static class Markup
{
    public static (string Text, List<MarkedSpan> Spans) Parse(string markup)
    {
        markup = Normalize(markup);
        var text = new StringBuilder(markup.Length);
        var spans = new List<MarkedSpan>();
        var open = new Stack<(string? Id, int? Index, int Start, char Close)>();
        var i = 0;
        while (i < markup.Length)
        {
            if (Starts(markup, i, "[|"))
            {
                open.Push((null, null, text.Length, ']'));
                i += 2;
            }
            else if (Starts(markup, i, "{|") && TryReadLabel(markup, i + 2, out var label, out var next))
            {
                if (label.StartsWith('#'))
                {
                    open.Push((null, int.Parse(label.AsSpan(1)), text.Length, '}'));
                }
                else
                {
                    open.Push((label, null, text.Length, '}'));
                }

                i = next;
            }
            else if (open.Count > 0 && markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] == open.Peek().Close)
            {
                var (id, index, start, _) = open.Pop();
                spans.Add(new MarkedSpan(id, index, TextSpan.FromBounds(start, text.Length)));
                i += 2;
            }
            else
            {
                text.Append(markup[i]);
                i++;
            }
        }

        if (open.Count > 0)
        {
            throw new InvalidOperationException($"Unclosed markup span starting at {open.Peek().Start}.");
        }

        return (text.ToString(), spans);
    }

    /// <summary>Removes all markup.</summary>
    public static string Strip(string markup) => Parse(markup).Text;

    public static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static bool Starts(string s, int i, string token) => string.CompareOrdinal(s, i, token, 0, token.Length) == 0;

    private static bool TryReadLabel(string s, int start, out string label, out int next)
    {
        var colon = s.IndexOf(':', start);
        label = string.Empty;
        next = start;
        if (colon <= start || colon - start > 16)
        {
            return false;
        }

        label = s[start..colon];
        foreach (var c in label)
        {
            if (!char.IsLetterOrDigit(c) && c != '#')
            {
                return false;
            }
        }

        next = colon + 1;
        return true;
    }

    /// <summary>Writes <paramref name="text"/> with each diagnostic wrapped in <c>{|ID:…|}</c>, ready to paste into a test.</summary>
    public static string Annotate(string text, IEnumerable<(string Id, TextSpan Span)> diagnostics)
    {
        var inserts = new List<(int Position, int Order, string Token)>();
        var order = 0;
        foreach (var (id, span) in diagnostics.OrderBy(d => d.Span.Start).ThenByDescending(d => d.Span.Length))
        {
            inserts.Add((span.Start, order, "{|" + id + ":"));
            inserts.Add((span.End, -order, "|}"));
            order++;
        }

        var builder = new StringBuilder(text);
        foreach (var (position, _, token) in inserts.OrderByDescending(x => x.Position).ThenBy(x => x.Token == "|}" ? 1 : 0).ThenByDescending(x => x.Order))
        {
            builder.Insert(position, token);
        }

        return builder.ToString();
    }

    /// <summary>Each source document of <paramref name="project"/> with <paramref name="diagnostics"/> as paste-ready markup.</summary>
    public static async Task<string> DescribeAsync(Project project, IEnumerable<DiagnosticKey> diagnostics)
    {
        var builder = new StringBuilder();
        foreach (var document in TestWorkspace.SourceDocuments(project))
        {
            var text = Normalize((await document.GetTextAsync()).ToString());
            builder.AppendLine($"--- {document.Name} ---");
            builder.AppendLine(Annotate(text, diagnostics.Where(d => d.Path == document.FilePath).Select(d => (d.Id, d.Span))));
        }

        return builder.ToString();
    }
}
