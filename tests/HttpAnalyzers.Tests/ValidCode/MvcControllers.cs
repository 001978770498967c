// Correct MVC controllers: created resources return 201, GET is safe, per-user data is private.
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ValidCode.Mvc;

public sealed class Order
{
    public int Id { get; set; }
    public string Customer { get; set; } = "";
    public decimal Total { get; set; }
}

public sealed class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();
}

[ApiController]
[Route("api/orders")]
[Authorize]
public sealed class OrdersController(ShopContext db) : ControllerBase
{
    [HttpGet("{id:int}")]
    [ResponseCache(Location = ResponseCacheLocation.Client, Duration = 60)]
    public async Task<ActionResult<Order>> Get(int id)
    {
        var order = await db.Orders.FindAsync(id);
        return order is null ? NotFound() : order;
    }

    [HttpPost]
    public async Task<IActionResult> Create(Order order)
    {
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return CreatedAtAction(nameof(Get), new { id = order.Id }, order);
    }

    [HttpDelete("{id:int}")]
    public async Task<IActionResult> Delete(int id)
    {
        await db.Orders.Where(o => o.Id == id).ExecuteDeleteAsync();
        return NoContent();
    }
}

[ApiController]
[Route("api/catalog")]
public sealed class CatalogController : ControllerBase
{
    [HttpGet]
    [ResponseCache(Duration = 300)]
    public IActionResult List() => Ok(new[] { "keyboard", "mouse" });

    [HttpGet("status")]
    public IActionResult Status()
    {
        if (DateTime.UtcNow.Second % 2 == 0)
        {
            Response.Headers.RetryAfter = "30";
            return StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        return Ok();
    }
}
