// HttpClient request headers (HTTP0041, HTTP0042): code that trips each rule on purpose.
using System.Net.Http.Headers;

namespace HttpAnalyzers.Sample.Client;

/// <summary>A client held by a singleton, whose headers are changed on every call.</summary>
public sealed class ProfileClient
{
    private static readonly HttpClient Http = new() { BaseAddress = new Uri("https://profiles.example/") };

    // HTTP0042: one caller's token is sent with another caller's request.
    public async Task<HttpResponseMessage> GetProfileAsync(string token, CancellationToken cancellationToken)
    {
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Http.GetAsync("me", cancellationToken);
    }

    // HTTP0041: Content-Type is a content header; Add throws InvalidOperationException.
    public async Task<HttpResponseMessage> UpdateAsync(string json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "me") { Content = new StringContent(json) };
        request.Headers.Add("Content-Type", "application/json");
        return await Http.SendAsync(request, cancellationToken);
    }
}
