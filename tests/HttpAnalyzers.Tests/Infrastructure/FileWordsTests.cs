using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace HttpAnalyzers.Tests.Infrastructure;

/// <summary>
/// The per-file word filter that scopes the analyzers' actions (<see cref="TypeScopedActions"/>): a word or prefix the
/// file holds is always found (a "no" must be certain), as a whole word only, case-sensitively.
/// </summary>
public class FileWordsTests
{
    private const string Source = """
        // Retries after 429: see "Retry-After".
        class Client
        {
            void M(System.Net.Http.HttpClient http)
            {
                for (var i = 0; i < 3; i++) { _ = http.SendAsync(null!); }
                var café = "no-cache";
            }
        }
        """;

    [Theory]
    [InlineData("for")]
    [InlineData("SendAsync")]
    [InlineData("HttpClient")]
    [InlineData("Retry")]
    [InlineData("After")]
    [InlineData("429")]
    [InlineData("cache")]
    [InlineData("café")]
    [InlineData("Sen*")]
    [InlineData("Ret*")]
    public void Finds_every_word_and_prefix_the_file_holds(string word)
        => Assert.True(new FileWords(word).Any(CSharpSyntaxTree.ParseText(Source)));

    [Theory]
    [InlineData("while")]
    [InlineData("Send")]
    [InlineData("sendasync")]
    [InlineData("RetryAfter")]
    [InlineData("Cache")]
    [InlineData("Exe*")]
    public void Does_not_find_a_part_of_a_word_or_another_case(string word)
        => Assert.False(new FileWords(word).Any(CSharpSyntaxTree.ParseText(Source)));

    [Fact]
    public void Any_of_several_words()
        => Assert.True(new FileWords("while", "foreach", "do", "for").Any(CSharpSyntaxTree.ParseText(Source)));
}
