using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Caching;

public class CacheControlFixTests
{
    private static readonly RuleVerifier NoStore = RuleVerifier.For(DiagnosticIds.NoCacheInsteadOfNoStore);
    private static readonly RuleVerifier Private = RuleVerifier.For(DiagnosticIds.PerUserResponseSharedCacheable);

    [Fact]
    public Task HTTP0010_string_directive_is_swapped() => NoStore.CodeFixAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [Authorize]
        public class ProfileController : ControllerBase
        {
            public IActionResult Get()
            {
                Response.Headers.CacheControl = [|"no-cache, must-revalidate"|]; // keep
                return Ok();
            }
        }
        """, """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

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
    public Task HTTP0010_interpolated_and_append() => NoStore.CodeFixAsync("""
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
    public Task HTTP0010_typed_no_cache_becomes_no_store() => NoStore.CodeFixAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;
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
        """, """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;
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
    public Task HTTP0010_attribute_gets_no_store() => NoStore.CodeFixAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [Authorize]
        public class ProfileController : ControllerBase
        {
            [ResponseCache([|Location = ResponseCacheLocation.None|])]
            public IActionResult Get() => Ok();
        }
        """, """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [Authorize]
        public class ProfileController : ControllerBase
        {
            [ResponseCache(Location = ResponseCacheLocation.None, NoStore = true)]
            public IActionResult Get() => Ok();
        }
        """);

    [Fact]
    public Task HTTP0010_attribute_no_store_false_becomes_true() => NoStore.CodeFixAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [Authorize]
        public class ProfileController : ControllerBase
        {
            [ResponseCache([|Location = ResponseCacheLocation.None|], NoStore = false)]
            public IActionResult Get() => Ok();
        }
        """, """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [Authorize]
        public class ProfileController : ControllerBase
        {
            [ResponseCache(Location = ResponseCacheLocation.None, NoStore = true)]
            public IActionResult Get() => Ok();
        }
        """);

    [Fact]
    public Task HTTP0010_directive_field_is_swapped() => NoStore.CodeFixAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;
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
        """, """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;
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
    public Task HTTP0010_pragma_is_settled_by_the_cache_control_fix() => NoStore.CodeFixAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

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
        """, """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

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
    public Task HTTP0010_pragma_and_constants_have_no_fix() => NoStore.NoCodeFixAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

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
    public Task HTTP0010_fix_all() => NoStore.FixAllAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;
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
        """, """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;
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

    [Fact]
    public Task HTTP0011_attribute_default_location_becomes_client() => Private.CodeFixAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [Authorize]
        public class OrdersController : ControllerBase
        {
            [[|ResponseCache|](Duration = 60)]
            public IActionResult Mine() => Ok();
        }
        """, """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [Authorize]
        public class OrdersController : ControllerBase
        {
            [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
            public IActionResult Mine() => Ok();
        }
        """);

    [Fact]
    public Task HTTP0011_attribute_fix_without_using() => Private.CodeFixAsync("""
        [Microsoft.AspNetCore.Authorization.Authorize]
        public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase
        {
            [Microsoft.AspNetCore.Mvc.[|ResponseCache|](Duration = 60)]
            public Microsoft.AspNetCore.Mvc.IActionResult Mine() => Ok();
        }
        """, """
        [Microsoft.AspNetCore.Authorization.Authorize]
        public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase
        {
            [Microsoft.AspNetCore.Mvc.ResponseCache(Duration = 60, Location = Microsoft.AspNetCore.Mvc.ResponseCacheLocation.Client)]
            public Microsoft.AspNetCore.Mvc.IActionResult Mine() => Ok();
        }
        """);

    [Fact]
    public Task HTTP0011_attribute_any_becomes_client() => Private.CodeFixAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [Authorize]
        public class OrdersController : ControllerBase
        {
            [ResponseCache([|Location = ResponseCacheLocation.Any|], Duration = 60)]
            public IActionResult Mine() => Ok();
        }
        """, """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [Authorize]
        public class OrdersController : ControllerBase
        {
            [ResponseCache(Location = ResponseCacheLocation.Client, Duration = 60)]
            public IActionResult Mine() => Ok();
        }
        """);

    [Fact]
    public Task HTTP0011_public_string_becomes_private() => Private.CodeFixAsync("""
        var app = WebApplication.Create();
        app.MapGet("/orders/mine", (HttpResponse response) =>
        {
            response.Headers.CacheControl = [|"public, max-age=60, s-maxage=600"|];
            return "orders";
        }).RequireAuthorization();
        app.Run();
        """, """
        var app = WebApplication.Create();
        app.MapGet("/orders/mine", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "private, max-age=60";
            return "orders";
        }).RequireAuthorization();
        app.Run();
        """);

    [Fact]
    public Task HTTP0011_s_maxage_alone_becomes_private() => Private.CodeFixAsync("""
        var app = WebApplication.Create();
        app.MapGet("/orders/mine", (HttpResponse response) =>
        {
            response.Headers.CacheControl = [|"s-maxage=600, max-age=0"|];
            return "orders";
        }).RequireAuthorization();
        app.Run();
        """, """
        var app = WebApplication.Create();
        app.MapGet("/orders/mine", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "private, max-age=0";
            return "orders";
        }).RequireAuthorization();
        app.Run();
        """);

    [Fact]
    public Task HTTP0011_typed_public_becomes_private() => Private.CodeFixAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Net.Http.Headers;

        [Authorize]
        public class OrdersController : ControllerBase
        {
            public IActionResult Mine()
            {
                Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { [|Public = true|], MaxAge = TimeSpan.FromMinutes(1) };
                return Ok();
            }
        }
        """, """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Net.Http.Headers;

        [Authorize]
        public class OrdersController : ControllerBase
        {
            public IActionResult Mine()
            {
                Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { Private = true, MaxAge = TimeSpan.FromMinutes(1) };
                return Ok();
            }
        }
        """);

    [Fact]
    public Task HTTP0011_typed_shared_max_age_has_no_fix() => Private.NoCodeFixAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Net.Http.Headers;

        [Authorize]
        public class OrdersController : ControllerBase
        {
            public IActionResult Mine()
            {
                Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { [|SharedMaxAge = TimeSpan.FromMinutes(5)|] };
                return Ok();
            }
        }
        """);

    [Fact]
    public Task HTTP0011_fix_all() => Private.FixAllAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [Authorize]
        [[|ResponseCache|](Duration = 30)]
        public class OrdersController : ControllerBase
        {
            [[|ResponseCache|](Duration = 60)]
            public IActionResult Mine() => Ok();

            public IActionResult Recent()
            {
                Response.Headers.CacheControl = [|"public,max-age=10"|];
                return Ok();
            }
        }
        """, """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [Authorize]
        [ResponseCache(Duration = 30, Location = ResponseCacheLocation.Client)]
        public class OrdersController : ControllerBase
        {
            [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
            public IActionResult Mine() => Ok();

            public IActionResult Recent()
            {
                Response.Headers.CacheControl = "private,max-age=10";
                return Ok();
            }
        }
        """);
}
