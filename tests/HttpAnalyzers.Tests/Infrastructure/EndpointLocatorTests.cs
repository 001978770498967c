using HttpAnalyzers.Infrastructure;
using HttpAnalyzers.Rules.Caching;
using HttpAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace HttpAnalyzers.Tests.Infrastructure;

/// <summary>
/// The shared endpoint locator: which handler a piece of code belongs to, its HTTP methods and routes, and whether
/// only an authenticated caller reaches it (own metadata and app-wide facts from other files).
/// Each scenario marks the code asked about with a string literal (<c>"a"</c>, <c>"b"</c>, …).
/// </summary>
public class EndpointLocatorTests
{
    [Fact]
    public async Task Map_invocations_with_groups_conventions_and_handlers()
    {
        var (compilation, tree) = await CompileAsync("""
            using Microsoft.AspNetCore.Authorization;

            var app = WebApplication.Create();
            var api = app.MapGroup("/api");
            var secure = api.MapGroup("/v1").RequireAuthorization();
            secure.MapGet("/orders", () => "o");
            secure.MapGet("/news", () => "n").AllowAnonymous();
            api.MapPost("/login", [Authorize] () => "l");
            app.MapGet("/health", Health);
            app.MapMethods("/both", ["GET", "head"], () => "b");
            app.Run();

            static string Health() => "ok";
            """);
        var model = compilation.GetSemanticModel(tree);
        var endpoints = Endpoints.Create(KnownTypes.Get(compilation))!;
        var found = new Dictionary<string, EndpointInfo>();
        foreach (var syntax in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (model.GetOperation(syntax) is IInvocationOperation invocation && endpoints.ForMapInvocation(invocation) is { } endpoint)
            {
                found[endpoint.RouteTemplates.Single()] = endpoint;
            }
        }

        Assert.Equal(["/api/login", "/api/v1/news", "/api/v1/orders", "/both", "/health"], found.Keys.Order(StringComparer.Ordinal));
        Assert.True(found["/api/v1/orders"].RequiresAuthorization);
        Assert.False(found["/api/v1/news"].RequiresAuthorization);
        Assert.True(found["/api/login"].RequiresAuthorization);
        Assert.False(found["/health"].RequiresAuthorization);
        Assert.All(found.Values, e => Assert.Equal(EndpointKind.MinimalApi, e.Kind));
        Assert.Equal(["GET"], found["/api/v1/orders"].HttpMethods.ToArray());
        Assert.Equal(["POST"], found["/api/login"].HttpMethods.ToArray());
        Assert.Equal(["GET", "HEAD"], found["/both"].HttpMethods.ToArray());
        Assert.True(SensitiveResponse.HasSensitiveRouteWord(found["/api/login"], out var word) && word == "login");
        Assert.False(SensitiveResponse.HasSensitiveRouteWord(found["/api/v1/orders"], out _));
    }

    [Fact]
    public async Task Actions_with_verbs_routes_and_inherited_authorization()
    {
        var found = await FindAsync("""
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            [Authorize]
            public abstract class SecureController : ControllerBase { }

            [Route("api/[controller]")]
            public class OrdersController : SecureController
            {
                [HttpGet("{id}")]
                public string Get(int id) => "a";

                [AllowAnonymous, HttpPost]
                public string Create() => "b";

                [AcceptVerbs("PUT", "patch")]
                public string Update() => "c";
            }
            """);
        Assert.Equal(EndpointKind.Action, found["a"].Kind);
        Assert.Equal(["GET"], found["a"].HttpMethods.ToArray());
        Assert.Equal("HttpGetAttribute", found["a"].VerbAttribute?.AttributeClass?.Name);
        Assert.Equal(["{id}", "api/Orders"], found["a"].RouteTemplates.ToArray()); // the action and controller templates, not combined
        Assert.True(found["a"].RequiresAuthorization);
        Assert.False(found["b"].RequiresAuthorization);
        Assert.Equal(["POST"], found["b"].HttpMethods.ToArray());
        Assert.Equal(["PUT", "PATCH"], found["c"].HttpMethods.ToArray());
    }

    [Fact]
    public async Task MapControllers_RequireAuthorization_in_another_file_covers_actions()
    {
        var found = await FindAsync(
            """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public string Get() => "a";
            }

            [AllowAnonymous]
            public class PublicController : ControllerBase
            {
                public string Get() => "b";
            }
            """,
            """
            var app = WebApplication.Create();
            app.MapControllers().RequireAuthorization();
            app.Run();
            """);
        Assert.True(found["a"].RequiresAuthorization);
        Assert.False(found["b"].RequiresAuthorization);
    }

    [Fact]
    public async Task Controllers_without_conventions_do_not_require_authorization()
    {
        var found = await FindAsync(
            """
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public string Get() => "a";
            }
            """,
            """
            var app = WebApplication.Create();
            app.MapControllers();
            app.MapRazorPages().RequireAuthorization();
            app.Run();
            """);
        Assert.False(found["a"].RequiresAuthorization);
    }

    [Theory]
    [InlineData("options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();", true)]
    [InlineData("options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireRole(\"admin\").Build();", true)]
    [InlineData("options.FallbackPolicy = options.DefaultPolicy;", true)]
    [InlineData("options.FallbackPolicy = null;", false)]
    [InlineData("options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAssertion(_ => true).Build();", false)]
    public async Task Fallback_policy_in_another_file(string assignment, bool requires)
    {
        var found = await FindAsync(
            """
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/orders", () => "a");
                    app.MapGet("/public", () => "b").AllowAnonymous();
                }
            }
            """,
            $$"""
            using Microsoft.AspNetCore.Authorization;

            var builder = WebApplication.CreateBuilder();
            builder.Services.AddAuthorization(options =>
            {
                {{assignment}}
            });
            """);
        Assert.Equal(requires, found["a"].RequiresAuthorization);
        Assert.False(found["b"].RequiresAuthorization);
    }

    [Fact]
    public async Task SetFallbackPolicy_covers_pages()
    {
        var found = await FindAsync(
            """
            using Microsoft.AspNetCore.Mvc.RazorPages;

            namespace App.Pages.Orders;

            public class IndexModel : PageModel
            {
                public void OnGet() => _ = "a";
            }
            """,
            """
            using Microsoft.AspNetCore.Authorization;

            var builder = WebApplication.CreateBuilder();
            builder.Services.AddAuthorizationBuilder()
                .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
            """);
        Assert.True(found["a"].RequiresAuthorization);
    }

    [Fact]
    public async Task Page_conventions_by_namespace()
    {
        var found = await FindAsync(
            """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            namespace App.Pages.Admin
            {
                public class IndexModel : PageModel
                {
                    public void OnGet() => _ = "a";
                    public void OnPostDeleteAsync() => _ = "b";
                }

                public class LoginModel : PageModel
                {
                    public void OnGet() => _ = "c";
                }
            }

            namespace App.Pages
            {
                public class ContactModel : PageModel
                {
                    public void OnGet() => _ = "d";
                }

                public class PrivacyModel : PageModel
                {
                    [Authorize] // Razor Pages ignore authorization attributes on handler methods
                    public void OnGet() => _ = "e";
                }
            }
            """,
            """
            var builder = WebApplication.CreateBuilder();
            builder.Services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/Admin");
                options.Conventions.AllowAnonymousToPage("/Admin/Login");
            });
            """);
        Assert.Equal(EndpointKind.PageHandler, found["a"].Kind);
        Assert.True(found["a"].RequiresAuthorization);
        Assert.True(found["b"].RequiresAuthorization);
        Assert.Equal(["POST"], found["b"].HttpMethods.ToArray());
        Assert.False(found["c"].RequiresAuthorization);
        Assert.False(found["d"].RequiresAuthorization);
        Assert.False(found["e"].RequiresAuthorization);
    }

    [Fact]
    public async Task Page_path_from_the_file_under_Pages()
    {
        var (compilation, _) = await CompileAsync(
            """
            using Microsoft.AspNetCore.Mvc.RazorPages;

            namespace App.Web;

            public class EditModel : PageModel
            {
                public void OnGet() => _ = "a";
            }
            """);
        var tree = compilation.SyntaxTrees.First(t => t.FilePath == TestWorkspace.PathOf(0));
        compilation = compilation.ReplaceSyntaxTree(tree, tree.WithFilePath("/src/Pages/Orders/Edit.cshtml.cs"));
        var type = compilation.GetTypeByMetadataName("App.Web.EditModel")!;
        Assert.Equal("/Orders/Edit", Endpoints.PagePath(type));
    }

    [Fact]
    public async Task Method_group_mapped_in_another_file()
    {
        var found = await FindAsync(
            """
            public static class OrderHandlers
            {
                public static string Get(int id) => "a";
                public static string Helper() => "b";
            }
            """,
            """
            var app = WebApplication.Create();
            app.MapGroup("/orders").RequireAuthorization().MapGet("/{id}", OrderHandlers.Get);
            app.Run();
            """);
        Assert.Equal(EndpointKind.MinimalApi, found["a"].Kind);
        Assert.Equal(["/orders/{id}"], found["a"].RouteTemplates.ToArray());
        Assert.True(found["a"].RequiresAuthorization);
        Assert.Equal(EndpointKind.Method, found["b"].Kind);
        Assert.False(found["b"].RequiresAuthorization);
    }

    [Fact]
    public async Task Middleware_classes_and_lambdas()
    {
        var found = await FindAsync("""
            var app = WebApplication.Create();
            app.Use(async (context, next) => { _ = "a"; await next(context); });
            app.Use(next => async context => { _ = "b"; await next(context); });
            app.MapWhen(context => "c" == "c", branch => branch.Run(async context => { _ = "d"; await Task.CompletedTask; }));
            app.Run();

            public class TimingMiddleware(RequestDelegate next)
            {
                public async Task InvokeAsync(HttpContext context) { _ = "e"; await next(context); }
            }

            public class AuditMiddleware : IMiddleware
            {
                public Task InvokeAsync(HttpContext context, RequestDelegate next) { _ = "f"; return next(context); }
            }
            """);
        Assert.Equal(EndpointKind.Middleware, found["a"].Kind);
        Assert.Equal(EndpointKind.Middleware, found["b"].Kind);
        Assert.Equal(EndpointKind.Method, found["c"].Kind);
        Assert.Equal(EndpointKind.Middleware, found["d"].Kind);
        Assert.Equal(EndpointKind.Middleware, found["e"].Kind);
        Assert.Equal(EndpointKind.Middleware, found["f"].Kind);
        Assert.All(new[] { "a", "b", "d", "e", "f" }, key => Assert.False(found[key].RequiresAuthorization));
    }

    [Fact]
    public async Task Filters()
    {
        var found = await FindAsync("""
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.Filters;

            var app = WebApplication.Create();
            var admin = app.MapGroup("/admin").RequireAuthorization();
            admin.AddEndpointFilter(async (context, next) => { _ = "a"; return await next(context); });
            app.MapGet("/orders", () => "o").AddEndpointFilter(async (context, next) => { _ = "b"; return await next(context); }).RequireAuthorization();
            app.MapGet("/news", () => "n").AddEndpointFilter(async (context, next) => { _ = "c"; return await next(context); });
            app.Run();

            public class ValidateFilter : IEndpointFilter
            {
                public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) { _ = "d"; return next(context); }
            }

            public class AuditAttribute : ActionFilterAttribute
            {
                public override void OnActionExecuting(ActionExecutingContext context) => _ = "e";
            }

            [Authorize]
            public class AdminController : Controller
            {
                public override void OnActionExecuting(ActionExecutingContext context) => _ = "f";
                public string Index() => "g";
            }
            """);
        Assert.Equal(EndpointKind.Filter, found["a"].Kind);
        Assert.True(found["a"].RequiresAuthorization);
        Assert.Equal(EndpointKind.Filter, found["b"].Kind);
        Assert.True(found["b"].RequiresAuthorization);
        Assert.Equal(["GET"], found["b"].HttpMethods.ToArray());
        Assert.False(found["c"].RequiresAuthorization);
        Assert.Equal(EndpointKind.Filter, found["d"].Kind);
        Assert.False(found["d"].RequiresAuthorization);
        Assert.Equal(EndpointKind.Filter, found["e"].Kind);
        Assert.False(found["e"].RequiresAuthorization);
        Assert.Equal(EndpointKind.Filter, found["f"].Kind);
        Assert.True(found["f"].RequiresAuthorization);
        Assert.Equal(EndpointKind.Action, found["g"].Kind);
        Assert.True(found["g"].RequiresAuthorization);
    }

    private static async Task<(Compilation Compilation, SyntaxTree First)> CompileAsync(params string[] sources)
    {
        var project = TestWorkspace.CreateProject(sources);
        var compilation = (await project.GetCompilationAsync())!;
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        return (compilation, compilation.SyntaxTrees.First(t => t.FilePath == TestWorkspace.PathOf(0)));
    }

    /// <summary>The endpoint of every one-letter string literal in the sources, keyed by the letter.</summary>
    private static async Task<Dictionary<string, EndpointInfo>> FindAsync(params string[] sources)
    {
        var (compilation, _) = await CompileAsync(sources);
        var endpoints = Endpoints.Create(KnownTypes.Get(compilation))!;
        var found = new Dictionary<string, EndpointInfo>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var literal in tree.GetRoot().DescendantNodes().OfType<LiteralExpressionSyntax>())
            {
                if (!literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.Token.ValueText.Length != 1 || model.GetOperation(literal) is not { } operation)
                {
                    continue;
                }

                var containing = model.GetEnclosingSymbol(literal.SpanStart)!;
                while (containing is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
                {
                    containing = containing.ContainingSymbol;
                }

                if (endpoints.Find(operation, containing) is { } endpoint)
                {
                    found[literal.Token.ValueText] = endpoint;
                }
            }
        }

        return found;
    }
}
