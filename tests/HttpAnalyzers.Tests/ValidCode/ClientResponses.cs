// Correct HttpClient response handling: streamed SSE reading with ResponseHeadersRead and disposal, status checked
// before deserializing, using responses, helpers that check the status themselves.
using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ValidCode.ClientResponses;

public sealed record Forecast(string City, int TemperatureC);

public sealed class ForecastClient(HttpClient http, ILogger<ForecastClient> logger)
{
    public async IAsyncEnumerable<string> StreamEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "events");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            yield return item.Data;
        }
    }

    public async IAsyncEnumerable<string> StreamLinesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync("lines", HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            yield break;
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            yield return line;
        }
    }

    public async Task<Forecast?> GetAsync(string city, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"forecast/{Uri.EscapeDataString(city)}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<Forecast>(cancellationToken);
    }

    public async Task<Forecast?> CreateAsync(Forecast forecast, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("forecast", forecast, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            logger.LogWarning("Creating a forecast failed with {Status}: {Body}", response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
            return null;
        }

        return await response.Content.ReadFromJsonAsync<Forecast>(cancellationToken);
    }

    public async Task<Forecast[]> ListAsync(CancellationToken cancellationToken)
    {
        var forecasts = await http.GetFromJsonAsync<Forecast[]>("forecast", cancellationToken);
        return forecasts ?? [];
    }

    public async Task<Forecast?> ReadStreamAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("forecast/today", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync<Forecast>(stream, cancellationToken: cancellationToken);
    }

    public Task<HttpResponseMessage> ForwardAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        => http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
}
