using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Client;

public class HTTP0045Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.CredentialInQueryString);

    private const string Client = """
        static class Api
        {
            public static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
        }
        """;

    [Fact]
    public Task Literal_api_key() => Verify.AnalyzerAsync([
        """
        class Weather
        {
            public Task<string> Get() => Api.Http.GetStringAsync({|#0:"https://api.example.com/weather?q=paris&api_key=abc123"|});
        }
        """, Client], Verify.Diagnostic().WithLocation(0).WithMessage("The request URI carries the credential 'api_key' in its query string, which server logs, proxies and browser history keep; send it in the Authorization header (or another request header) instead"));

    [Fact]
    public Task Interpolation_concatenation_and_local() => Verify.AnalyzerAsync([
        """
        class Weather(IConfiguration configuration)
        {
            public Task<string> A(string city) => Api.Http.GetStringAsync([|$"https://api.example.com/weather?q={city}&ApiKey={configuration["Key"]}"|]);

            public Task<string> B(string token) => Api.Http.GetStringAsync([|"https://api.example.com/me?access_token="|] + token);

            public async Task<string> C(string password)
            {
                var url = [|$"https://api.example.com/login?user=bob&password={password}"|];
                Console.WriteLine(url.Length);
                var first = await Api.Http.GetStringAsync(url);
                return first + await Api.Http.GetStringAsync(url);
            }

            public HttpRequestMessage D(string secret) => new(HttpMethod.Get, [|$"https://api.example.com/x?client_secret={secret}"|]);

            public HttpRequestMessage E(string t) => new() { RequestUri = new Uri([|$"https://api.example.com/x?token={t}"|]) };
        }
        """, Client]);

    [Fact]
    public Task Option_replaces_the_names() => Verify.WithOptions("http_analyzers.HTTP0045.credential_query_names = key").AnalyzerAsync([
        """
        class Maps
        {
            public Task<string> A(string key) => Api.Http.GetStringAsync([|$"https://maps.example.com/geocode?key={key}"|]);

            public Task<string> B(string token) => Api.Http.GetStringAsync($"https://maps.example.com/geocode?token={token}");
        }
        """, Client]);

    // Near misses

    [Fact]
    public Task Names_that_only_contain_a_credential_word() => Verify.AnalyzerAsync([
        """
        class Listing
        {
            public Task<string> A(string next) => Api.Http.GetStringAsync($"https://api.example.com/items?pageToken={next}&sort_key=name&key=1");

            public Task<string> B(string token) => Api.Http.GetStringAsync($"https://api.example.com/tokens/{token}");

            public Task<string> C() => Api.Http.GetStringAsync("https://api.example.com/items#token=1");
        }
        """, Client]);

    [Fact]
    public Task Pre_signed_urls() => Verify.AnalyzerAsync([
        """
        class Blobs
        {
            public Task<string> A(string sig) => Api.Http.GetStringAsync($"https://acct.blob.core.windows.net/c/b?sv=2024&token=x&sig={sig}");

            public Task<string> B(string s) => Api.Http.GetStringAsync($"https://bucket.s3.amazonaws.com/k?X-Amz-Credential=a&X-Amz-Security-Token=t&x-amz-signature={s}");
        }
        """, Client]);

    [Fact]
    public Task Credential_in_a_header_or_a_name_from_a_hole() => Verify.AnalyzerAsync([
        """
        class Weather
        {
            public Task<HttpResponseMessage> A(string key)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/weather?q=paris");
                request.Headers.Add("X-Api-Key", key);
                return Api.Http.SendAsync(request);
            }

            public Task<string> B(string name, string value) => Api.Http.GetStringAsync($"https://api.example.com/x?{name}={value}");

            public Task<string> C(string query) => Api.Http.GetStringAsync("https://api.example.com/x?" + query);

            public string D(string token) => $"https://api.example.com/x?token={token}";
        }
        """, Client]);

    [Fact]
    public Task No_fix() => Verify.NoCodeFixAsync("""
        class Weather
        {
            private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

            public Task<string> Get(string key) => Http.GetStringAsync([|$"https://api.example.com/weather?apikey={key}"|]);
        }
        """);

    [Fact]
    public Task Query_without_a_credential_is_a_near_miss() => Verify.AnalyzerAsync([
        """
        class Weather
        {
            public Task<string> A(string city) => Api.Http.GetStringAsync($"https://api.example.com/weather?city={city}&units=metric");
        }
        """, Client]);
}
