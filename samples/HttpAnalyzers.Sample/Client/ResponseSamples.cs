// HttpClient responses (HTTP0040, HTTP0046, HTTP0048): code that trips each rule on purpose.
using System.Net.Http.Json;

namespace HttpAnalyzers.Sample.Client;

public sealed record ChatToken(string Text);

/// <summary>A typed client that streams an answer token by token and reads JSON from its upstream.</summary>
public sealed class AnswerClient(HttpClient http)
{
    // HTTP0040: the stream is read line by line, but GetAsync buffers the whole answer first.
    public async IAsyncEnumerable<string> StreamAnswerAsync(string question)
    {
        using var response = await http.GetAsync("answers?q=" + Uri.EscapeDataString(question));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            yield return line;
        }
    }

    // HTTP0046: the streamed response is never disposed when the status check returns early.
    public async Task<string?> PeekAsync()
    {
        var response = await http.GetAsync("answers/latest", HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        return await response.Content.ReadAsStringAsync();
    }

    // HTTP0048: a 4xx/5xx body is deserialized as a ChatToken.
    public async Task<ChatToken?> FirstTokenAsync()
    {
        using var response = await http.GetAsync("answers/first");
        return await response.Content.ReadFromJsonAsync<ChatToken>();
    }
}
