using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Client;

/// <summary>
/// HttpClient response and request-header findings show in the open document exactly as in the build, also when the
/// client is registered, or the class declared, in another file, or the URI is held in an earlier local.
/// </summary>
public class ClientOpenDocumentTests
{
    private const string Registration = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient<StreamClient>(client => client.BaseAddress = new Uri("https://stream.example/"));
        builder.Services.AddSingleton<Tokens>();
        var app = builder.Build();
        app.Run();
        """;

    // A URI held in an earlier local is reported at the local's initializer, judged at the send that uses it.
    private const string SharedClient = "private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });";

    [Fact]
    public Task HTTP0040_typed_client_registered_in_another_file() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.StreamedResponseBuffered),
    [
        Registration,
        """
        class StreamClient(HttpClient http)
        {
            public async IAsyncEnumerable<string> Lines()
            {
                using var response = await http.[|GetAsync|]("lines");
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                while (await reader.ReadLineAsync() is { } line) yield return line;
            }
        }

        class Tokens;
        """,
    ]);

    [Fact]
    public Task HTTP0046_and_HTTP0048_in_one_document() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.StreamedResponseNotDisposed),
    [
        Registration,
        """
        using System.Net.Http.Json;

        class StreamClient(HttpClient http)
        {
            public async Task<int[]?> Numbers()
            {
                var response = await http.[|GetAsync|]("numbers", HttpCompletionOption.ResponseHeadersRead);
                return await response.Content.{|HTTP0048:ReadFromJsonAsync|}<int[]>();
            }
        }

        class Tokens;
        """,
    ]);

    [Fact]
    public Task HTTP0048_near_miss_status_checked() => OpenDocument.VerifySilentAsync(RuleVerifier.For(DiagnosticIds.ResponseDeserializedWithoutStatusCheck),
    [
        Registration,
        """
        using System.Net.Http.Json;

        class StreamClient(HttpClient http)
        {
            public async Task<int[]?> Numbers()
            {
                using var response = await http.GetAsync("numbers");
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadFromJsonAsync<int[]>();
            }
        }

        class Tokens;
        """,
    ]);

    [Fact]
    public Task HTTP0042_partial_class_across_files() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.SharedDefaultRequestHeadersChanged),
    [
        """
        partial class Gateway
        {
            private readonly HttpClient _http = new();

            public Gateway() => SetTenant("default");
        }
        """,
        """
        partial class Gateway
        {
            private void SetTenant(string tenant) => _http.[|DefaultRequestHeaders|].Add("X-Tenant", tenant);

            public Task<string> Get(string tenant)
            {
                SetTenant(tenant);
                return _http.GetStringAsync("https://upstream.example/");
            }
        }
        """,
    ]);

    [Fact]
    public Task HTTP0042_near_miss_constructor_helper() => OpenDocument.VerifySilentAsync(RuleVerifier.For(DiagnosticIds.SharedDefaultRequestHeadersChanged),
    [
        Registration,
        """
        class StreamClient
        {
            private readonly HttpClient _http;

            public StreamClient(HttpClient http, Tokens tokens)
            {
                _http = http;
                Configure();
            }

            private void Configure() => _http.DefaultRequestHeaders.Add("X-Client", "stream");
        }

        class Tokens;
        """,
    ]);

    [Fact]
    public Task HTTP0041_on_request_headers() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.ContentHeaderOnRequest),
    [
        Registration,
        """
        class StreamClient(HttpClient http)
        {
            public Task<HttpResponseMessage> Post(string json)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "items") { Content = new StringContent(json) };
                request.Headers.TryAddWithoutValidation([|"Content-Type"|], "application/json");
                return http.SendAsync(request);
            }
        }

        class Tokens;
        """,
    ]);

    [Fact]
    public Task HTTP0045_credential_in_a_local_url() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.CredentialInQueryString),
    [
        $$"""
        class Weather
        {
            {{SharedClient}}

            public async Task<string> C(string password)
            {
                var url = [|$"https://api.example.com/login?user=bob&password={password}"|];
                Console.WriteLine(url.Length);
                return await Http.GetStringAsync(url);
            }
        }
        """,
    ]);

    [Fact]
    public Task HTTP0045_no_credential_in_a_local_url() => OpenDocument.VerifySilentAsync(RuleVerifier.For(DiagnosticIds.CredentialInQueryString),
    [
        $$"""
        class Weather
        {
            {{SharedClient}}

            public async Task<string> C(string city)
            {
                var url = $"https://api.example.com/weather?user=bob&city={city}";
                Console.WriteLine(url.Length);
                return await Http.GetStringAsync(url);
            }
        }
        """,
    ]);

    [Fact]
    public Task HTTP0049_relative_uri_in_a_request_message_local() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.RelativeUriWithoutBaseAddress),
    [
        $$"""
        class Jobs
        {
            {{SharedClient}}

            public HttpResponseMessage Run()
            {
                var request = new HttpRequestMessage(HttpMethod.Get, [|"jobs/run"|]);
                return Http.Send(request);
            }
        }
        """,
    ]);

    [Fact]
    public Task HTTP0049_absolute_uri_in_a_request_message_local() => OpenDocument.VerifySilentAsync(RuleVerifier.For(DiagnosticIds.RelativeUriWithoutBaseAddress),
    [
        $$"""
        class Jobs
        {
            {{SharedClient}}

            public HttpResponseMessage Run()
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "https://jobs.example.com/jobs/run");
                return Http.Send(request);
            }
        }
        """,
    ]);
}
