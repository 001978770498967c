using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Semantics;

/// <summary>
/// HTTP0054 and HTTP0055 findings whose deciding facts live in another file (antiforgery and cookie registrations,
/// MapControllers().RequireAuthorization(), page conventions, fallback policies, method groups mapped elsewhere) show
/// in the open document exactly as in the build.
/// </summary>
public class AuthorizationOpenDocumentTests
{
    [Fact]
    public Task HTTP0054_antiforgery_registered_in_another_file() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.CompressionOverHttps),
    [
        """
        public static class CompressionSetup
        {
            public static IServiceCollection AddCompression(this IServiceCollection services)
                => services.AddResponseCompression(options => [|options.EnableForHttps = true|]);
        }
        """,
        """
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddRazorPages();
        builder.Services.AddCompression();
        """,
    ]);

    [Fact]
    public Task HTTP0055_MapControllers_RequireAuthorization_in_another_file() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.UnauthorizedForAuthenticatedCaller),
    [
        """
        using Microsoft.AspNetCore.Mvc;

        public class AccountController : ControllerBase
        {
            public IActionResult Settings(string owner) => owner == "me" ? Ok() : [|Unauthorized()|];
        }
        """,
        """
        var app = WebApplication.Create();
        app.MapControllers().RequireAuthorization();
        app.Run();
        """,
    ]);

    [Fact]
    public Task HTTP0055_page_convention_and_fallback_policy_in_another_file() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.UnauthorizedForAuthenticatedCaller),
    [
        """
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.RazorPages;

        namespace Shop.Pages.Admin
        {
            public class UsersModel : PageModel
            {
                public IActionResult OnGet() => User.IsInRole("admin") ? Page() : [|Unauthorized()|];
            }
        }

        public static class ProfileEndpoints
        {
            public static void Map(IEndpointRouteBuilder app)
                => app.MapGet("/profile", () => [|Results.Unauthorized()|]);
        }
        """,
        """
        using Microsoft.AspNetCore.Authorization;

        var builder = WebApplication.CreateBuilder();
        builder.Services.AddRazorPages(options => options.Conventions.AuthorizeFolder("/Admin"));
        builder.Services.AddAuthorization(options => options.FallbackPolicy = options.DefaultPolicy);
        """,
    ]);

    [Fact]
    public Task HTTP0055_method_group_mapped_in_another_file() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.UnauthorizedForAuthenticatedCaller),
    [
        """
        public static class InvoiceHandlers
        {
            public static IResult Get(int id, HttpContext context)
                => context.User.IsInRole("billing") ? Results.Ok(id) : [|Results.Unauthorized()|];
        }
        """,
        """
        var app = WebApplication.Create();
        app.MapGroup("/invoices").RequireAuthorization().MapGet("/{id}", InvoiceHandlers.Get);
        app.Run();
        """,
    ]);

    [Fact]
    public Task HTTP0011_authorization_from_MapControllers_in_another_file() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.PerUserResponseSharedCacheable),
    [
        """
        using Microsoft.AspNetCore.Mvc;

        public class OrdersController : ControllerBase
        {
            [[|ResponseCache|](Duration = 60)]
            public IActionResult Mine() => Ok();
        }
        """,
        """
        var app = WebApplication.Create();
        app.MapControllers().RequireAuthorization();
        app.Run();
        """,
    ]);
}
