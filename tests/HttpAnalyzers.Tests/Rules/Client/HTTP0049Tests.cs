using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Client;

public class HTTP0049Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.RelativeUriWithoutBaseAddress);

    [Fact]
    public Task Local_client_without_base_address() => Verify.AnalyzerAsync("""
        class Jobs
        {
            private static readonly HttpClient Http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

            public async Task<string> Get() => await Http.GetStringAsync({|#0:"jobs"|});
        }
        """, Verify.Diagnostic().WithLocation(0).WithMessage("Relative URI 'jobs' is sent through 'Http', which has no BaseAddress: every such send throws InvalidOperationException ('An invalid request URI was provided')"));

    [Fact]
    public Task Interpolation_and_concatenation_starting_with_relative_text() => Verify.AnalyzerAsync("""
        class Jobs
        {
            private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

            public Task<HttpResponseMessage> Get(int id) => Http.GetAsync([|$"jobs/{id}"|]);

            public Task<HttpResponseMessage> Delete(string id) => Http.DeleteAsync([|"jobs/" + id|]);

            public Task<HttpResponseMessage> Send() => Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, [|new Uri("jobs", UriKind.Relative)|]));
        }
        """);

    [Fact]
    public Task Sync_send_and_local_request_message() => Verify.AnalyzerAsync("""
        class Jobs
        {
            private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

            public HttpResponseMessage Run()
            {
                var request = new HttpRequestMessage(HttpMethod.Get, [|"jobs/run"|]);
                return Http.Send(request);
            }
        }
        """);

    [Fact]
    public Task Typed_client_registration_without_base_address() => Verify.AnalyzerAsync([
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient<GitHubClient>(client => client.Timeout = TimeSpan.FromSeconds(10));
        builder.Build().Run();
        """,
        """
        public class GitHubClient(HttpClient http)
        {
            public Task<string> Repos() => http.GetStringAsync({|#0:"repos"|});
        }
        """], Verify.Diagnostic().WithLocation(0).WithMessage("Relative URI 'repos' is sent through typed client 'GitHubClient', which has no BaseAddress: every such send throws InvalidOperationException ('An invalid request URI was provided')"));

    [Fact]
    public Task Named_client_in_startup_and_controller() => Verify.AnalyzerAsync([
        """
        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddHttpClient("github");
                services.AddControllers();
            }
        }
        """,
        """
        using Microsoft.AspNetCore.Mvc;

        [ApiController]
        [Route("repos")]
        public class ReposController(IHttpClientFactory factory) : ControllerBase
        {
            [HttpGet]
            public async Task<string> Get()
            {
                var client = factory.CreateClient("github");
                return await client.GetStringAsync([|"repos"|]);
            }
        }
        """]);

    [Fact]
    public Task Minimal_api_lambda_and_local_function() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient("weather");
        var app = builder.Build();
        app.MapGet("/forecast", async (IHttpClientFactory factory) => await factory.CreateClient("weather").GetStringAsync([|"forecast"|]));
        app.MapGet("/alerts", Alerts);
        app.Run();

        static async Task<string> Alerts(IHttpClientFactory factory)
        {
            var client = factory.CreateClient("weather");
            return await client.GetStringAsync([|"alerts"|]);
        }
        """);

    [Fact]
    public Task Hosted_service_with_typed_client_field() => Verify.AnalyzerAsync([
        """
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddHttpClient<Poller>();
        builder.Services.AddHostedService<Poller>();
        builder.Build().Run();
        """,
        """
        public class Poller : BackgroundService
        {
            private readonly HttpClient _http;

            public Poller(HttpClient http) => _http = http;

            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    using var response = await _http.GetAsync([|"status"|], stoppingToken);
                    await Task.Delay(1000, stoppingToken);
                }
            }
        }
        """]);

    [Fact]
    public Task Local_client_in_a_lambda() => Verify.AnalyzerAsync("""
        class Jobs
        {
            private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

            public Func<Task<string>> Fetch => () => Http.GetStringAsync([|"jobs"|]);
        }
        """);

    // Near misses

    [Fact]
    public Task Absolute_uri() => Verify.AnalyzerAsync("""
        class Jobs
        {
            private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

            public Task<string> Get() => Http.GetStringAsync("https://api.example.com/jobs");

            public Task<string> Get(Uri baseUri) => Http.GetStringAsync(new Uri(baseUri, "jobs"));

            public Task<string> Get(string host) => Http.GetStringAsync($"{host}/jobs");
        }
        """);

    [Fact]
    public Task Base_address_in_initializer_or_assignment() => Verify.AnalyzerAsync("""
        class Jobs
        {
            private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { BaseAddress = new Uri("https://api.example.com/") };
            private static readonly HttpClient Other = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

            static Jobs() => Other.BaseAddress = new Uri(Environment.GetEnvironmentVariable("JOBS_URL")!);

            public Task<string> Get() => Http.GetStringAsync("jobs");

            public Task<string> GetOther() => Other.GetStringAsync("jobs");
        }
        """);

    [Fact]
    public Task Base_address_set_in_registration_or_typed_client_constructor() => Verify.AnalyzerAsync([
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient<GitHubClient>();
        builder.Services.AddHttpClient("weather").ConfigureHttpClient(c => c.BaseAddress = new Uri(builder.Configuration["Weather:Url"]!));
        builder.Services.AddHttpClient<StatusClient>((sp, c) => c.BaseAddress = new Uri("https://status.example.com/"));
        builder.Build().Run();
        """,
        """
        public class GitHubClient
        {
            private readonly HttpClient _http;

            public GitHubClient(HttpClient http)
            {
                http.BaseAddress = new Uri("https://api.github.com/");
                _http = http;
            }

            public Task<string> Repos() => _http.GetStringAsync("repos");
        }

        public class StatusClient(HttpClient http)
        {
            public Task<string> Get() => http.GetStringAsync("status");
        }

        public class Weather(IHttpClientFactory factory)
        {
            public Task<string> Get() => factory.CreateClient("weather").GetStringAsync("forecast");
        }
        """]);

    [Fact]
    public Task Defaults_set_base_address() => Verify.AnalyzerAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.ConfigureHttpClientDefaults(b => b.ConfigureHttpClient(c => c.BaseAddress = new Uri("https://api.example.com/")));
        builder.Services.AddHttpClient("api");
        var app = builder.Build();
        app.MapGet("/", (IHttpClientFactory f) => f.CreateClient("api").GetStringAsync("items"));
        app.Run();
        """);

    [Fact]
    public Task Default_client_and_unregistered_clients() => Verify.AnalyzerAsync("""
        class Calls(IHttpClientFactory factory, HttpClient injected)
        {
            public Task<string> Default() => factory.CreateClient().GetStringAsync("items");

            public Task<string> Unregistered() => factory.CreateClient("elsewhere").GetStringAsync("items");

            public Task<string> Injected() => injected.GetStringAsync("items");

            public Task<string> Parameter(HttpClient client) => client.GetStringAsync("items");
        }
        """);

    [Fact]
    public Task Registration_configured_where_the_model_cannot_see() => Verify.AnalyzerAsync([
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient<GitHubClient>().AddApiDefaults();
        builder.Services.AddHttpClient("weather", ConfigureWeather);
        builder.Build().Run();

        static void ConfigureWeather(HttpClient client) => client.BaseAddress = new Uri("https://weather.example.com/");
        """,
        """
        public static class ApiDefaults
        {
            public static IHttpClientBuilder AddApiDefaults(this IHttpClientBuilder builder)
                => builder.ConfigureHttpClient(c => c.BaseAddress = new Uri("https://api.github.com/"));
        }

        public class GitHubClient(HttpClient http)
        {
            public Task<string> Repos() => http.GetStringAsync("repos");
        }

        public class Weather(IHttpClientFactory factory)
        {
            public Task<string> Get() => factory.CreateClient("weather").GetStringAsync("forecast");
        }
        """]);

    [Fact]
    public Task Client_handed_to_a_helper() => Verify.AnalyzerAsync("""
        class Jobs
        {
            public async Task<string> Get()
            {
                var client = new HttpClient();
                Configure(client);
                return await client.GetStringAsync("jobs");
            }

            private static void Configure(HttpClient client) => client.BaseAddress = new Uri("https://api.example.com/");
        }
        """);

    [Fact]
    public Task Client_created_elsewhere_in_public_member() => Verify.AnalyzerAsync([
        """
        public static class Api
        {
            public static readonly HttpClient Client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
        }
        """,
        """
        public static class Setup
        {
            public static void Init() => Api.Client.BaseAddress = new Uri("https://api.example.com/");
        }

        public class Jobs
        {
            public Task<string> Get() => Api.Client.GetStringAsync("jobs");
        }
        """]);

    [Fact]
    public Task Own_method_named_like_a_send() => Verify.AnalyzerAsync("""
        class FakeClient
        {
            public Task<string> GetStringAsync(string uri) => Task.FromResult(uri);
        }

        class Jobs
        {
            public Task<string> Get() => new FakeClient().GetStringAsync("jobs");
        }
        """);
}
