// A DelegatingHandler that retries by calling base.SendAsync in a loop: the same message may go down the handler
// chain again (only HttpClient.Send/SendAsync refuse a message already sent), and it retries only idempotent methods.
using System.Net;

namespace ValidCode.Retries.Handlers;

public sealed class IdempotentRetryHandler : DelegatingHandler
{
    private static readonly HashSet<HttpMethod> Idempotent = [HttpMethod.Get, HttpMethod.Head, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Options];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!Idempotent.Contains(request.Method))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 3)
                {
                    return response;
                }

                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(attempt), cancellationToken);
            }
            catch (HttpRequestException) when (attempt < 3)
            {
            }
        }
    }
}

public sealed class CatalogClient(HttpClient http)
{
    public async Task<string> GetWithRetriesAsync(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            // A new message per attempt.
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            try
            {
                using var response = await http.SendAsync(request);
                return await response.Content.ReadAsStringAsync();
            }
            catch (TaskCanceledException) when (attempt < 3)
            {
            }
        }
    }
}
