using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HttpAnalyzers.Sample.Semantics;

public class Order
{
    public int Id { get; set; }
    public string Status { get; set; } = "";
}

public class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();
}

public class OrderRepository(ShopDb db)
{
    public async Task CancelAsync(int id)
    {
        var order = await db.Orders.SingleAsync(o => o.Id == id);
        order.Status = "Cancelled";
        await db.SaveChangesAsync();
    }
}

[ApiController]
[Route("semantics/orders")]
public class SemanticsOrdersController(OrderRepository orders) : ControllerBase
{
    // HTTP0050: a GET that cancels the order, through the repository.
    [HttpGet("{id}/cancel")]
    public async Task<IActionResult> Cancel(int id)
    {
        await orders.CancelAsync(id);
        return NoContent();
    }
}

public static class SemanticsSamples
{
    public static void MapSemanticsSamples(IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/semantics/minimal/orders");

        // HTTP0050: a MapGet that deletes.
        orders.MapGet("/{id}/delete", (int id, ShopDb db) => db.Orders.Where(o => o.Id == id).ExecuteDeleteAsync());

        // HTTP0053: a creation answered with 200 OK instead of 201 Created and a Location.
        orders.MapGet("/{id:int}", async (int id, ShopDb db) => await db.Orders.FindAsync(id));
        orders.MapPost("/", async (Order order, ShopDb db) =>
        {
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            return Results.Ok(order);
        });
    }
}

// HTTP0051: a header added after the rest of the pipeline may have started the response.
public class ElapsedTimeMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await next(context);
        context.Response.Headers["X-Elapsed-Ms"] = watch.ElapsedMilliseconds.ToString();
    }
}
