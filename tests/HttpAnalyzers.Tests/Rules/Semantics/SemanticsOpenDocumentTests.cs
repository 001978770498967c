using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Semantics;

/// <summary>
/// Semantics findings whose facts live in another file (a repository, an interface's implementation, a method-group
/// handler) show in the open document exactly as in the build.
/// </summary>
public class SemanticsOpenDocumentTests
{
    private const string Model = HTTP0050Tests.Model;

    private const string Repository = """
        using Microsoft.EntityFrameworkCore;
        using Shop;

        public interface IOrderRepository
        {
            Task<Order?> FindAsync(int id);
            Task AddAsync(Order order);
            Task CancelAsync(int id);
        }

        public class EfOrderRepository(ShopDb db) : IOrderRepository
        {
            public Task<Order?> FindAsync(int id) => db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id);

            public async Task AddAsync(Order order)
            {
                db.Orders.Add(order);
                await db.SaveChangesAsync();
            }

            public Task CancelAsync(int id) => db.Orders.Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, "Cancelled"));
        }
        """ + Model;

    [Fact]
    public Task HTTP0050_get_action_through_a_repository_in_another_file() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.SafeMethodChangesState),
    [
        """
        using Microsoft.AspNetCore.Mvc;

        public class OrdersController(IOrderRepository orders) : ControllerBase
        {
            [[|HttpGet("api/orders/{id}/cancel")|]]
            public async Task<IActionResult> Cancel(int id)
            {
                await orders.CancelAsync(id);
                return NoContent();
            }
        }
        """,
        Repository,
    ]);

    [Fact]
    public Task HTTP0050_map_get_method_group_in_another_file() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.SafeMethodChangesState),
    [
        """
        var app = WebApplication.Create();
        app.[|MapGet|]("/orders/{id}/cancel", OrderHandlers.Cancel);
        app.Run();
        """,
        """
        public static class OrderHandlers
        {
            public static async Task<IResult> Cancel(int id, IOrderRepository orders)
            {
                await orders.CancelAsync(id);
                return Results.NoContent();
            }
        }
        """,
        Repository,
    ]);

    [Fact]
    public Task HTTP0050_get_action_through_a_repository_that_only_reads() => OpenDocument.VerifySilentAsync(RuleVerifier.For(DiagnosticIds.SafeMethodChangesState),
    [
        """
        using Microsoft.AspNetCore.Mvc;

        public class OrdersController(IOrderRepository orders) : ControllerBase
        {
            [HttpGet("api/orders/{id}")]
            public async Task<IActionResult> Get(int id) => await orders.FindAsync(id) is { } order ? Ok(order) : NotFound();
        }
        """,
        Repository,
    ]);

    [Fact]
    public Task HTTP0053_post_action_through_a_repository_in_another_file() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.CreationWithoutCreated),
    [
        """
        using Microsoft.AspNetCore.Mvc;
        using Shop;

        public class OrdersController(IOrderRepository orders) : ControllerBase
        {
            [HttpPost("api/orders")]
            public async Task<IActionResult> Create(Order order)
            {
                await orders.AddAsync(order);
                return [|Ok|](order);
            }
        }
        """,
        Repository,
    ]);

    [Fact]
    public Task HTTP0053_post_action_returning_created() => OpenDocument.VerifySilentAsync(RuleVerifier.For(DiagnosticIds.CreationWithoutCreated),
    [
        """
        using Microsoft.AspNetCore.Mvc;
        using Shop;

        public class OrdersController(IOrderRepository orders) : ControllerBase
        {
            [HttpGet("api/orders/{id}")]
            public async Task<ActionResult<Order>> Get(int id) => await orders.FindAsync(id) is { } order ? order : NotFound();

            [HttpPost("api/orders")]
            public async Task<IActionResult> Create(Order order)
            {
                await orders.AddAsync(order);
                return CreatedAtAction(nameof(Get), new { id = order.Id }, order);
            }
        }
        """,
        Repository,
    ]);

    [Fact]
    public Task HTTP0051_middleware() => OpenDocument.VerifyAsync(RuleVerifier.For(DiagnosticIds.HeadersAfterResponseStarted),
    [
        """
        var app = WebApplication.Create();
        app.UseMiddleware<StampMiddleware>();
        app.Run();
        """,
        """
        public class StampMiddleware(RequestDelegate next)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                await next(context);
                [|context.Response.Headers["X-Stamp"]|] = "1";
            }
        }
        """,
    ]);
}
