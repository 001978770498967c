// Correct request headers: client-wide headers configured once where the client is set up, per-request values on the
// HttpRequestMessage, content headers on the content.
using System.Net.Http.Headers;
using System.Text;

namespace ValidCode.ClientRequestHeaders;

public static class Registration
{
    public static void AddClients(IServiceCollection services, string apiKey)
    {
        services.AddHttpClient<InvoiceClient>(client =>
        {
            client.BaseAddress = new Uri("https://invoices.example/");
            client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        });
        services.AddHttpClient("status").ConfigureHttpClient(client => client.DefaultRequestHeaders.UserAgent.ParseAdd("status-probe/1.0"));
    }
}

public sealed class InvoiceClient
{
    private readonly HttpClient _http;

    public InvoiceClient(HttpClient http)
    {
        _http = http;
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("invoices/1.0");
        SetDefaults();
    }

    public async Task<HttpResponseMessage> CreateAsync(string json, string userToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "invoices")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", userToken);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        request.Content.Headers.ContentLanguage.Add("en");
        return await _http.SendAsync(request, cancellationToken);
    }

    public async Task<HttpResponseMessage> UploadAsync(byte[] pdf, string name, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(pdf);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Headers.Add("Content-Disposition", $"attachment; filename=\"{name}\"");
        return await _http.PutAsync($"invoices/{Uri.EscapeDataString(name)}", content, cancellationToken);
    }

    private void SetDefaults() => _http.DefaultRequestHeaders.Add("X-Client", "invoices");
}

public sealed class TenantHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext?.Request.Headers["X-Tenant"] is { Count: > 0 } tenant)
        {
            request.Headers.Add("X-Tenant", tenant.ToString());
        }

        return base.SendAsync(request, cancellationToken);
    }
}
