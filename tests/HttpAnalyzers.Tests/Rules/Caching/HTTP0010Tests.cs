using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Caching;

public class HTTP0010Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.NoCacheInsteadOfNoStore);

    /// <summary>The usings most test sources of the Caching family start with.</summary>
    internal const string MvcUsings = "using Microsoft.AspNetCore.Authorization;\nusing Microsoft.AspNetCore.Mvc;\n";

    // ---- positives: one per site kind and per sensitive context ----

    [Fact]
    public Task Property_write_in_authorized_controller_action() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        [ApiController]
        [Route("api/profile")]
        public class ProfileController : ControllerBase
        {
            [HttpGet]
            public IActionResult Get()
            {
                Response.Headers.CacheControl = [|"no-cache"|];
                return Ok(new { Name = "n" });
            }
        }
        """);

    [Fact]
    public Task Indexer_write_with_header_names_constant() => Verify.AnalyzerAsync(MvcUsings + """
        using Microsoft.Net.Http.Headers;

        public class ProfileController : ControllerBase
        {
            [Authorize]
            [HttpGet("api/me")]
            public IActionResult Get()
            {
                Response.Headers[HeaderNames.CacheControl] = [|"no-cache, must-revalidate"|];
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Literal_indexer_name_is_case_insensitive() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                Response.Headers["cache-control"] = [|"private, no-cache"|];
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Append_in_minimal_api_requiring_authorization() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapGet("/me", (HttpContext context) =>
        {
            context.Response.Headers.Append("Cache-Control", [|"no-cache"|]);
            return Results.Ok(new { Name = "n" });
        }).RequireAuthorization();
        app.Run();
        """);

    [Fact]
    public Task Route_group_requiring_authorization() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapGet("/me", (HttpResponse response) =>
        {
            response.Headers.CacheControl = [|"no-cache"|];
            return "me";
        });
        app.Run();
        """);

    [Fact]
    public Task Group_convention_applied_by_a_later_statement() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        var api = app.MapGroup("/api");
        api.RequireAuthorization();
        api.MapGet("/me", (HttpResponse response) =>
        {
            response.Headers.CacheControl = [|"no-cache"|];
            return "me";
        });
        app.Run();
        """);

    [Fact]
    public Task Authorize_attribute_on_lambda() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Authorization;

        var app = WebApplication.Create();
        app.MapGet("/me", [Authorize] (HttpResponse response) =>
        {
            response.Headers.CacheControl = [|"no-cache"|];
            return "me";
        });
        app.Run();
        """);

    [Fact]
    public Task Local_function_handler_returning_a_token() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapPost("/issue", Issue);
        app.Run();

        IResult Issue(HttpResponse response)
        {
            var accessToken = Guid.NewGuid().ToString();
            response.Headers.CacheControl = [|"no-cache"|];
            return Results.Ok(new { accessToken });
        }
        """);

    [Fact]
    public Task Handler_writing_a_credential_with_WriteAsync() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapGet("/keys/new", async (HttpContext context) =>
        {
            string apiKey = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
            context.Response.Headers.CacheControl = [|"no-cache"|];
            await context.Response.WriteAsync(apiKey);
        });
        app.Run();
        """);

    [Fact]
    public Task Handler_writing_a_credential_property_with_WriteAsJsonAsync() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapGet("/keys/new", async (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = [|"no-cache"|];
            await context.Response.WriteAsJsonAsync(new { refresh_token = "r", expires = 3600 });
        });
        app.Run();
        """);

    [Fact]
    public Task Action_returning_an_object_with_a_token_member() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        public record Issued(string IdToken, int ExpiresIn);

        public class KeysController : ControllerBase
        {
            [HttpPost("keys")]
            public ActionResult<Issued> Create()
            {
                Response.Headers.CacheControl = [|"no-cache"|];
                return new Issued("t", 60);
            }
        }
        """);

    [Fact]
    public Task Action_returning_a_service_result_with_a_credential_member() => Verify.AnalyzerAsync("""
        using System.Text.Json.Serialization;
        using Microsoft.AspNetCore.Mvc;

        public class LoginResult
        {
            [JsonPropertyName("access_token")]
            public string Value { get; set; } = "";
            public int ExpiresIn { get; set; }
        }

        public interface ILoginService
        {
            Task<LoginResult> LoginAsync(string user);
        }

        public class SignController : ControllerBase
        {
            private readonly ILoginService _service;

            public SignController(ILoginService service) => _service = service;

            [HttpPost("sign")]
            public async Task<IActionResult> Sign(string user)
            {
                Response.Headers.CacheControl = [|"no-cache"|];
                return Ok(await _service.LoginAsync(user));
            }
        }
        """);

    [Fact]
    public Task Handler_returning_a_local_anonymous_object() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapPost("/keys", (HttpResponse response) =>
        {
            var body = new { secret = Guid.NewGuid().ToString(), created = DateTime.UtcNow };
            response.Headers.CacheControl = [|"no-cache"|];
            return Results.Json(body);
        });
        app.Run();
        """);

    [Fact]
    public Task Handler_writing_serialized_credential() => Verify.AnalyzerAsync("""
        using System.Text.Json;

        var app = WebApplication.Create();
        app.MapPost("/keys", async (HttpContext context) =>
        {
            var password = "generated";
            context.Response.Headers.CacheControl = [|"no-cache"|];
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { password }));
        });
        app.Run();
        """);

    [Fact]
    public Task Handler_that_sets_a_cookie() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapGet("/prefs", (HttpContext context) =>
        {
            context.Response.Cookies.Append("theme", "dark", new CookieOptions { Secure = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            context.Response.Headers.CacheControl = [|"no-cache"|];
        });
        app.Run();
        """);

    [Fact]
    public Task Route_segment_is_an_auth_word() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapGet("/api/oauth/callback", (HttpResponse response) =>
        {
            response.Headers.CacheControl = [|"no-cache"|];
            return "done";
        });
        app.Run();
        """);

    [Fact]
    public Task Route_word_in_group_prefix_and_plural() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        var sessions = app.MapGroup("/user-sessions");
        sessions.MapGet("/current", (HttpResponse response) =>
        {
            response.Headers.CacheControl = [|"no-cache"|];
            return "s";
        });
        app.Run();
        """);

    [Fact]
    public Task Controller_token_route_from_controller_name() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        [ApiController]
        [Route("api/[controller]")]
        public class AccountController : ControllerBase
        {
            [HttpGet("status")]
            public IActionResult Status()
            {
                Response.Headers.CacheControl = [|"no-cache"|];
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Conventionally_routed_controller_name() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        public class LoginController : Controller
        {
            public IActionResult Index()
            {
                Response.Headers.CacheControl = [|"no-cache"|];
                return View();
            }
        }
        """);

    [Fact]
    public Task Interpolated_value_with_a_number_hole() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get(int age)
            {
                Response.Headers.CacheControl = [|$"no-cache, max-age={age}"|];
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Typed_cache_control() => Verify.AnalyzerAsync(MvcUsings + """
        using Microsoft.Net.Http.Headers;

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { [|NoCache = true|], MustRevalidate = true };
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Typed_value_written_as_string() => Verify.AnalyzerAsync(MvcUsings + """
        using Microsoft.Net.Http.Headers;

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                Response.Headers.CacheControl = new CacheControlHeaderValue { [|NoCache = true|] }.ToString();
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Typed_value_from_a_local_and_typed_headers_alias() => Verify.AnalyzerAsync(MvcUsings + """
        using Microsoft.Net.Http.Headers;

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                var cacheControl = new CacheControlHeaderValue { [|NoCache = true|] };
                var headers = Response.GetTypedHeaders();
                headers.CacheControl = cacheControl;
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Helper_method_that_writes_the_token() => Verify.AnalyzerAsync("""
        static class TokenWriter
        {
            public static Task WriteAsync(HttpResponse response, string refreshToken)
            {
                response.Headers.CacheControl = [|"no-cache"|];
                return response.WriteAsync(refreshToken);
            }
        }
        """);

    [Fact]
    public Task Handler_in_a_group_passed_to_a_helper() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        MapTokens(app.MapGroup("/api"));
        app.Run();

        static void MapTokens(RouteGroupBuilder group)
            => group.MapPost("/token/refresh", (HttpResponse response) =>
            {
                response.Headers.CacheControl = [|"no-cache"|];
                return Results.Ok();
            });
        """);

    [Fact]
    public Task Method_group_handler_in_an_authorized_group() => Verify.AnalyzerAsync("""
        public static class ProfileEndpoints
        {
            public static void MapProfile(this IEndpointRouteBuilder app)
            {
                var group = app.MapGroup("/profile").RequireAuthorization();
                group.MapGet("/", GetProfile);
            }

            private static IResult GetProfile(HttpResponse response)
            {
                response.Headers.CacheControl = [|"no-cache"|];
                return Results.Ok(new { Name = "n" });
            }
        }
        """);

    [Fact]
    public Task Method_group_handler_on_a_login_route() => Verify.AnalyzerAsync("""
        public static class LoginEndpoints
        {
            public static void MapLogin(this IEndpointRouteBuilder app) => app.MapPost("/login", Handlers.Login);
        }

        public static class Handlers
        {
            public static IResult Login(HttpResponse response)
            {
                response.Headers.CacheControl = [|"no-cache"|];
                return Results.NoContent();
            }
        }
        """);

    [Fact]
    public Task Response_cache_location_none() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        public class ProfileController : ControllerBase
        {
            [ResponseCache([|Location = ResponseCacheLocation.None|])]
            public IActionResult Get() => Ok();
        }
        """);

    [Fact]
    public Task Response_cache_location_none_on_controller() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        [ResponseCache(Duration = 0, [|Location = ResponseCacheLocation.None|])]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get() => Ok();
        }
        """);

    [Fact]
    public Task Pragma_without_no_store() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                Response.Headers.Pragma = [|"no-cache"|];
                return Ok();
            }
        }
        """);

    [Fact]
    public Task String_array_value() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                Response.Headers.CacheControl = new[] { [|"no-cache"|], "must-revalidate" };
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Callback_inside_an_action() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                Response.OnStarting(() =>
                {
                    Response.Headers.CacheControl = [|"no-cache"|];
                    return Task.CompletedTask;
                });
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Page_handler_of_authorized_page_model() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc.RazorPages;

        [Authorize]
        public class ProfileModel : PageModel
        {
            public void OnGet()
            {
                Response.Headers.CacheControl = [|"no-cache"|];
            }
        }
        """);

    [Fact]
    public Task Message_names_the_reason() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapPost("/issue", (HttpResponse response) =>
        {
            var refreshToken = "r";
            response.Headers.CacheControl = {|#0:"no-cache"|};
            return Results.Ok(refreshToken);
        });
        app.Run();
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("'no-cache' lets browser and proxy caches store this response, which writes 'refreshToken'; use 'no-store' to keep it out of caches"));

    [Fact]
    public Task Option_adds_a_sensitive_name() => Verify.WithOptions("http_analyzers.sensitive_names = pin").AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapPost("/cards/{id}/reveal", (HttpResponse response, int id) =>
        {
            string pin = "1234";
            response.Headers.CacheControl = [|"no-cache"|];
            return Results.Ok(new { pin });
        });
        app.Run();
        """);

    [Fact]
    public Task Option_replaces_the_defaults() => Verify.WithOptions("http_analyzers.HTTP0010.sensitive_names = pin").AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapPost("/issue", (HttpResponse response) =>
        {
            var accessToken = "t";
            response.Headers.CacheControl = "no-cache";
            return Results.Ok(new { accessToken });
        });
        app.Run();
        """);

    // ---- near-miss negatives ----

    [Fact]
    public Task Directive_fields_with_no_store() => Verify.AnalyzerAsync(MvcUsings + """
        using Microsoft.Net.Http.Headers;

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                Response.Headers.CacheControl = $"{CacheControlHeaderValue.NoStoreString}, {CacheControlHeaderValue.NoCacheString}";
                return Ok();
            }
        }
        """);

    [Fact]
    public Task No_store_and_no_cache_together() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                Response.Headers.CacheControl = "no-store, no-cache";
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Pragma_beside_no_store() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                Response.Headers.CacheControl = "no-store";
                Response.Headers.Pragma = "no-cache";
                return Ok();
            }
        }
        """);

    [Fact]
    public Task No_store_appended_by_another_write() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                Response.Headers.Append("Cache-Control", "no-store");
                Response.Headers.Append("Cache-Control", "no-cache");
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Public_non_sensitive_endpoint() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapGet("/api/products", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "no-cache";
            return new[] { "a", "b" };
        });
        app.Run();
        """);

    [Fact]
    public Task Authors_is_not_auth() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapGet("/api/authors", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "no-cache";
            return new[] { "a", "b" };
        });
        app.Run();
        """);

    [Fact]
    public Task Allow_anonymous_action_of_authorized_controller() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        [Route("api/catalog")]
        public class CatalogController : ControllerBase
        {
            [AllowAnonymous]
            [HttpGet]
            public IActionResult List()
            {
                Response.Headers.CacheControl = "no-cache";
                return Ok(new[] { "a" });
            }
        }
        """);

    [Fact]
    public Task Allow_anonymous_on_endpoint_of_authorized_group() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapGet("/news", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "no-cache";
            return "news";
        }).AllowAnonymous();
        app.Run();
        """);

    [Fact]
    public Task Tokenizer_is_not_a_token() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapGet("/api/text", (HttpResponse response) =>
        {
            var tokenizer = "words";
            response.Headers.CacheControl = "no-cache";
            return Results.Ok(new { tokenizer });
        });
        app.Run();
        """);

    [Fact]
    public Task Cancellation_token_is_not_a_credential() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapGet("/api/items", async (HttpContext context, CancellationToken cancellationToken) =>
        {
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.WriteAsJsonAsync(new[] { 1, 2 }, cancellationToken);
        });
        app.Run();
        """);

    [Fact]
    public Task Token_count_is_not_a_credential() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapGet("/api/stats", (HttpResponse response) =>
        {
            int tokenCount = 3;
            response.Headers.CacheControl = "no-cache";
            return Results.Ok(new { tokenCount });
        });
        app.Run();
        """);

    [Fact]
    public Task Request_cache_control_on_the_client() => Verify.AnalyzerAsync("""
        using System.Net.Http.Headers;

        class Client
        {
            async Task<string> Get(HttpClient client, string accessToken)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.com/api/token");
                request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
                request.Headers.Add("Cache-Control", "no-cache");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
                using var response = await client.SendAsync(request);
                return await response.Content.ReadAsStringAsync();
            }
        }
        """);

    [Fact]
    public Task Request_headers_on_the_server() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        public class ProxyController : ControllerBase
        {
            public IActionResult Get()
            {
                Request.Headers.CacheControl = "no-cache";
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Response_cache_no_store_with_location_none() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        public class ProfileController : ControllerBase
        {
            [ResponseCache(Location = ResponseCacheLocation.None, NoStore = true)]
            public IActionResult Get() => Ok();
        }
        """);

    [Fact]
    public Task Typed_no_cache_with_no_store() => Verify.AnalyzerAsync(MvcUsings + """
        using Microsoft.Net.Http.Headers;

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { NoCache = true, NoStore = true };
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Typed_no_store_set_by_a_later_statement() => Verify.AnalyzerAsync(MvcUsings + """
        using Microsoft.Net.Http.Headers;

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                var cacheControl = new CacheControlHeaderValue { NoCache = true };
                cacheControl.NoStore = true;
                Response.GetTypedHeaders().CacheControl = cacheControl;
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Field_specific_no_cache() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                Response.Headers.CacheControl = "private, no-cache=\"Set-Cookie\"";
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Unknown_string_part_may_hold_no_store() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get(string extra)
            {
                Response.Headers.CacheControl = "no-cache, " + extra;
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Helper_method_without_endpoint_context() => Verify.AnalyzerAsync("""
        static class CacheHeaders
        {
            public static void Revalidate(HttpResponse response) => response.Headers.CacheControl = "no-cache";
        }
        """);

    [Fact]
    public Task Non_action_method_of_controller() => Verify.AnalyzerAsync(MvcUsings + """

        [Route("api/catalog")]
        public class CatalogController : ControllerBase
        {
            [NonAction]
            public void Revalidate() => Response.Headers.CacheControl = "no-cache";
        }
        """);

    [Fact]
    public Task Non_controller_class_named_controller() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        [NonController]
        public class TokenController
        {
            public void Apply(HttpResponse response) => response.Headers.CacheControl = "no-cache";
        }
        """);

    [Fact]
    public Task Middleware_lambda_without_sensitive_context() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.Use(async (context, next) =>
        {
            context.Response.Headers.CacheControl = "no-cache";
            await next(context);
        });
        app.MapGet("/api/token", () => Results.Ok());
        app.Run();
        """);

    [Fact]
    public Task Route_parameter_named_token_is_not_a_word() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapGet("/invites/{token}", (HttpResponse response, int token) =>
        {
            response.Headers.CacheControl = "no-cache";
            return "ok";
        });
        app.Run();
        """);

    [Fact]
    public Task Returned_dto_without_credential_members() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        public record Product(int Id, string Name, int TokenCount);

        public interface ICatalog
        {
            Task<Product> FindAsync(int id);
        }

        public class ProductsController : ControllerBase
        {
            private readonly ICatalog _catalog;

            public ProductsController(ICatalog catalog) => _catalog = catalog;

            [HttpGet("products/{id}")]
            public async Task<IActionResult> Get(int id)
            {
                Response.Headers.CacheControl = "no-cache";
                return Ok(await _catalog.FindAsync(id));
            }
        }
        """);

    [Fact]
    public Task Method_group_handler_on_anonymous_route() => Verify.AnalyzerAsync("""
        public static class CatalogEndpoints
        {
            public static void MapCatalog(this IEndpointRouteBuilder app)
            {
                var group = app.MapGroup("/catalog").RequireAuthorization();
                group.MapGet("/", List).AllowAnonymous();
            }

            private static IResult List(HttpResponse response)
            {
                response.Headers.CacheControl = "no-cache";
                return Results.Ok(new[] { "a" });
            }
        }
        """);

    [Fact]
    public Task Revalidation_without_no_cache() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                Response.Headers.CacheControl = "private, max-age=0, must-revalidate";
                Response.Headers["X-Cache-Hint"] = "no-cache";
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Response_cache_client_location_on_authorized_action() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        public class ProfileController : ControllerBase
        {
            [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
            public IActionResult Get() => Ok();
        }
        """);

    [Fact]
    public Task Typed_no_cache_false() => Verify.AnalyzerAsync(MvcUsings + """
        using Microsoft.Net.Http.Headers;

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { NoCache = false, Private = true };
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Credential_named_number_is_not_a_credential() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapGet("/api/settings", (HttpResponse response) =>
        {
            var otpLength = 6;
            var passwordMinLength = 12;
            response.Headers.CacheControl = "no-cache";
            return Results.Ok(new { otpLength, passwordMinLength });
        });
        app.Run();
        """);

    [Fact]
    public Task Words_containing_auth_words_are_not_route_words() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapGet("/api/accounting/tokenizers", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "no-cache";
            return "ok";
        });
        app.Run();
        """);

    [Fact]
    public Task Response_cache_location_none_outside_a_controller() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        internal class InternalProfileController : ControllerBase
        {
            [ResponseCache(Location = ResponseCacheLocation.None)]
            public IActionResult Get() => Ok();
        }
        """);

    [Fact]
    public Task Pragma_with_response_cache_no_store() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        public class ProfileController : ControllerBase
        {
            [ResponseCache(NoStore = true)]
            public IActionResult Get()
            {
                Response.Headers.Pragma = "no-cache";
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Client_response_in_a_delegating_handler() => Verify.AnalyzerAsync("""
        using System.Net.Http.Headers;

        public class NoCacheHandler : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var response = await base.SendAsync(request, cancellationToken);
                response.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
                return response;
            }
        }
        """);

    [Fact]
    public Task Credential_only_inside_a_nested_lambda() => Verify.AnalyzerAsync("""
        public record Grant(string Token);

        static class Endpoints
        {
            public static void Map(IEndpointRouteBuilder app)
                => app.MapGet("/api/grants/count", (HttpResponse response) =>
                {
                    var grants = new List<Grant>();
                    var tokens = grants.Select(g => g.Token).ToList();
                    response.Headers.CacheControl = "no-cache";
                    return Results.Ok(tokens.Count);
                });
        }
        """);

    [Fact]
    public Task Server_sent_events_stream() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapGet("/notifications/stream", async (HttpContext context, CancellationToken cancellationToken) =>
        {
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync("data: hello\n\n", cancellationToken);
        }).RequireAuthorization();
        app.Run();
        """);

    [Fact]
    public Task Server_sent_events_header_write() => Verify.AnalyzerAsync(MvcUsings + """

        [Authorize]
        public class EventsController : ControllerBase
        {
            [HttpGet("events")]
            public async Task Stream(CancellationToken cancellationToken)
            {
                Response.Headers.Append("Content-Type", "text/event-stream");
                Response.Headers.Append("Cache-Control", "no-cache");
                await Response.WriteAsync("data: {}\n\n", cancellationToken);
            }
        }
        """);

    [Fact]
    public Task Session_property_is_framework_plumbing() => Verify.AnalyzerAsync("""
        var app = WebApplication.Create();
        app.MapGet("/api/cart", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Ok(context.Session);
        });
        app.Run();
        """);

    // ---- code fix ----

    [Fact]
    public Task Fix_string_directive_is_swapped() => Verify.CodeFixAsync(MvcUsings + """

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                Response.Headers.CacheControl = [|"no-cache, must-revalidate"|]; // keep
                return Ok();
            }
        }
        """, MvcUsings + """

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                Response.Headers.CacheControl = "no-store, must-revalidate"; // keep
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Fix_interpolated_and_append() => Verify.CodeFixAsync("""
        var app = WebApplication.Create();
        app.MapGet("/me", (HttpContext context, int age) =>
        {
            context.Response.Headers.Append("Cache-Control", [|$"private,no-cache,max-age={age}"|]);
            return "me";
        }).RequireAuthorization();
        app.Run();
        """, """
        var app = WebApplication.Create();
        app.MapGet("/me", (HttpContext context, int age) =>
        {
            context.Response.Headers.Append("Cache-Control", $"private,no-store,max-age={age}");
            return "me";
        }).RequireAuthorization();
        app.Run();
        """);

    [Fact]
    public Task Fix_typed_no_cache_becomes_no_store() => Verify.CodeFixAsync(MvcUsings + """
        using Microsoft.Net.Http.Headers;

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { [|NoCache = true|], MustRevalidate = true };
                return Ok();
            }
        }
        """, MvcUsings + """
        using Microsoft.Net.Http.Headers;

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { NoStore = true, MustRevalidate = true };
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Fix_attribute_gets_no_store() => Verify.CodeFixAsync(MvcUsings + """

        [Authorize]
        public class ProfileController : ControllerBase
        {
            [ResponseCache([|Location = ResponseCacheLocation.None|])]
            public IActionResult Get() => Ok();
        }
        """, MvcUsings + """

        [Authorize]
        public class ProfileController : ControllerBase
        {
            [ResponseCache(Location = ResponseCacheLocation.None, NoStore = true)]
            public IActionResult Get() => Ok();
        }
        """);

    [Fact]
    public Task Fix_attribute_no_store_false_becomes_true() => Verify.CodeFixAsync(MvcUsings + """

        [Authorize]
        public class ProfileController : ControllerBase
        {
            [ResponseCache([|Location = ResponseCacheLocation.None|], NoStore = false)]
            public IActionResult Get() => Ok();
        }
        """, MvcUsings + """

        [Authorize]
        public class ProfileController : ControllerBase
        {
            [ResponseCache(Location = ResponseCacheLocation.None, NoStore = true)]
            public IActionResult Get() => Ok();
        }
        """);

    [Fact]
    public Task Fix_directive_field_is_swapped() => Verify.CodeFixAsync(MvcUsings + """
        using Microsoft.Net.Http.Headers;

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                Response.Headers[HeaderNames.CacheControl] = [|CacheControlHeaderValue.NoCacheString|];
                return Ok();
            }

            public IActionResult Other()
            {
                Response.Headers.Append(HeaderNames.CacheControl, [|$"{CacheControlHeaderValue.NoCacheString}, {CacheControlHeaderValue.MaxAgeString}=0"|]);
                return Ok();
            }
        }
        """, MvcUsings + """
        using Microsoft.Net.Http.Headers;

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                Response.Headers[HeaderNames.CacheControl] = CacheControlHeaderValue.NoStoreString;
                return Ok();
            }

            public IActionResult Other()
            {
                Response.Headers.Append(HeaderNames.CacheControl, $"{CacheControlHeaderValue.NoStoreString}, {CacheControlHeaderValue.MaxAgeString}=0");
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Fix_pragma_is_settled_by_the_cache_control_fix() => Verify.CodeFixAsync(MvcUsings + """

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                Response.Headers["Cache-Control"] = [|"no-cache"|];
                Response.Headers["Pragma"] = [|"no-cache"|];
                return Ok();
            }
        }
        """, MvcUsings + """

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                Response.Headers["Cache-Control"] = "no-store";
                Response.Headers["Pragma"] = "no-cache";
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Fix_pragma_and_constants_have_no_fix() => Verify.NoCodeFixAsync(MvcUsings + """

        [Authorize]
        public class ProfileController : ControllerBase
        {
            private const string Revalidate = "no-cache";

            public IActionResult Get()
            {
                Response.Headers.Pragma = [|"no-cache"|];
                Response.Headers.CacheControl = [|Revalidate|];
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync(MvcUsings + """
        using Microsoft.Net.Http.Headers;

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult A()
            {
                Response.Headers.CacheControl = [|"no-cache"|];
                return Ok();
            }

            public IActionResult B()
            {
                Response.Headers["Cache-Control"] = [|"private, no-cache"|];
                return Ok();
            }

            public IActionResult C()
            {
                Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { [|NoCache = true|] };
                return Ok();
            }

            [ResponseCache([|Location = ResponseCacheLocation.None|])]
            public IActionResult D() => Ok();
        }
        """, MvcUsings + """
        using Microsoft.Net.Http.Headers;

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult A()
            {
                Response.Headers.CacheControl = "no-store";
                return Ok();
            }

            public IActionResult B()
            {
                Response.Headers["Cache-Control"] = "private, no-store";
                return Ok();
            }

            public IActionResult C()
            {
                Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { NoStore = true };
                return Ok();
            }

            [ResponseCache(Location = ResponseCacheLocation.None, NoStore = true)]
            public IActionResult D() => Ok();
        }
        """);

    // ---- near misses: directives that keep the response out of every cache ----

    public static TheoryData<string> StoreForbidden => new()
    {
        "no-store",
        "no-store, no-cache",
        "private, no-store",
        "no-store, max-age=0",
        "max-age=0, must-revalidate, private",
        "private, max-age=0",
        "NO-STORE",
    };

    [Theory]
    [MemberData(nameof(StoreForbidden))]
    public Task Authorized_endpoint_near_miss(string value) => Verify.AnalyzerAsync(AuthorizedEndpoint(value));

    /// <summary>A minimal API endpoint that requires authorization and writes <paramref name="cacheControl"/>.</summary>
    internal static string AuthorizedEndpoint(string cacheControl) => $$"""
        var app = WebApplication.Create();
        app.MapGet("/orders/mine", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "{{cacheControl}}";
            return "orders";
        }).RequireAuthorization();
        app.Run();
        """;
}
