using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Semantics;

public class HTTP0050Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.SafeMethodChangesState);

    /// <summary>An EF Core model shared by the tests (appended after the test code, so top-level statements stay first).</summary>
    internal const string Model = """

        namespace Shop
        {
            using Microsoft.EntityFrameworkCore;

            public class Order
            {
                public int Id { get; set; }
                public string Status { get; set; } = "";
                public decimal Total { get; set; }
            }

            public record OrderDto(int Id, string Status);

            public class ShopDb : DbContext
            {
                public ShopDb(DbContextOptions<ShopDb> options) : base(options) { }
                public DbSet<Order> Orders => Set<Order>();
            }
        }
        """;

    // ---- positives ----

    [Fact]
    public Task Get_action_saves_changes() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        [ApiController]
        [Route("api/orders")]
        public class OrdersController(ShopDb db) : ControllerBase
        {
            [[|HttpGet("{id}/cancel")|]]
            public async Task<IActionResult> Cancel(int id)
            {
                var order = await db.Orders.FindAsync(id);
                if (order is null) return NotFound();
                order.Status = "Cancelled";
                await db.SaveChangesAsync();
                return NoContent();
            }
        }
        """ + Model);

    [Fact]
    public Task Controllers_by_name_and_by_an_inherited_controller_attribute() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Shop;

        // A POCO controller (named *Controller) and one whose base class carries [Controller]: both are controllers.
        public class PurgeController(ShopDb db)
        {
            [[|HttpGet("purge")|]]
            public int Purge() => db.SaveChanges();
        }

        [Controller]
        public abstract class ApiBase { }

        public class Archive(ShopDb db) : ApiBase
        {
            [[|HttpGet("archive")|]]
            public int Run() => db.SaveChanges();
        }
        """ + Model);

    [Fact]
    public Task Nested_and_non_controller_types_are_not_controllers() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Shop;

        public class Outer
        {
            public class NestedController(ShopDb db)
            {
                [HttpGet("purge")]
                public int Purge() => db.SaveChanges();
            }
        }

        [NonController]
        public class HelperController(ShopDb db)
        {
            [HttpGet("purge")]
            public int Purge() => db.SaveChanges();
        }
        """ + Model);

    [Fact]
    public Task Message_names_handler_verb_and_call() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        public class OrdersController(ShopDb db) : Controller
        {
            [{|#0:HttpGet|}]
            public IActionResult Delete(int id)
            {
                db.Orders.Remove(new Order { Id = id });
                db.SaveChanges();
                return RedirectToAction("Index");
            }
        }
        """ + Model,
        Verify.Diagnostic().WithLocation(0).WithMessage(
            "Action 'Delete' answers GET but changes state (it calls 'Remove'); crawlers, link prefetchers and cross-site <img> tags send GET requests freely, so use POST"));

    [Fact]
    public Task Head_action_executes_delete() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        public class PingController(ShopDb db) : ControllerBase
        {
            [[|HttpHead("purge")|]]
            public async Task<IActionResult> Purge()
            {
                await db.Orders.Where(o => o.Status == "Stale").ExecuteDeleteAsync();
                return Ok();
            }
        }
        """ + Model);

    [Fact]
    public Task Get_action_through_repository_method() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        public class OrderRepository(ShopDb db)
        {
            public async Task MarkSeenAsync(int id)
            {
                await db.Orders.Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, "Seen"));
            }
        }

        public class OrdersController(OrderRepository orders) : ControllerBase
        {
            [{|#0:HttpGet("api/orders/{id}")|}]
            public async Task<IActionResult> Get(int id)
            {
                await orders.MarkSeenAsync(id);
                return Ok();
            }
        }
        """ + Model,
        Verify.Diagnostic().WithLocation(0).WithMessage(
            "Action 'Get' answers GET but changes state (it calls 'ExecuteUpdateAsync' through 'OrderRepository.MarkSeenAsync'); crawlers, link prefetchers and cross-site <img> tags send GET requests freely, so use POST"));

    [Fact]
    public Task Get_action_through_service_and_repository_two_levels_deep() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Shop;

        public class OrderRepository(ShopDb db)
        {
            public void Save() => db.SaveChanges();
        }

        public class OrderService(OrderRepository repository)
        {
            public void Touch(int id) => repository.Save();
        }

        public class OrdersController(OrderService service) : ControllerBase
        {
            [[|HttpGet("touch/{id}")|]]
            public IActionResult Touch(int id)
            {
                service.Touch(id);
                return Ok();
            }
        }
        """ + Model);

    [Fact]
    public Task Get_action_through_interface_in_another_file() => Verify.AnalyzerAsync(
        [
            """
            using Microsoft.AspNetCore.Mvc;
            using Shop;

            public interface IOrderRepository
            {
                Task ArchiveAsync(int id);
            }

            public class OrdersController(IOrderRepository orders) : ControllerBase
            {
                [[|HttpGet("archive/{id}")|]]
                public async Task<IActionResult> Archive(int id)
                {
                    await orders.ArchiveAsync(id);
                    return Ok();
                }
            }
            """,
            """
            using Microsoft.EntityFrameworkCore;
            using Shop;

            public class EfOrderRepository(ShopDb db) : IOrderRepository
            {
                public async Task ArchiveAsync(int id)
                {
                    var order = await db.Orders.SingleAsync(o => o.Id == id);
                    order.Status = "Archived";
                    db.Update(order);
                    await db.SaveChangesAsync();
                }
            }
            """ + Model,
        ]);

    [Fact]
    public Task Page_handler_adds_and_saves() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Shop;

        public class TrackModel(ShopDb db) : PageModel
        {
            public async Task {|#0:OnGetAsync|}(int id)
            {
                db.Orders.Add(new Order { Id = id, Status = "Viewed" });
                await db.SaveChangesAsync();
            }
        }
        """ + Model,
        Verify.Diagnostic().WithLocation(0).WithMessage(
            "Page handler 'OnGetAsync' answers GET but changes state (it calls 'Add'); crawlers, link prefetchers and cross-site <img> tags send GET requests freely, so use POST"));

    [Fact]
    public Task Named_page_handler() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Shop;

        public class OrdersModel(ShopDb db) : PageModel
        {
            public void OnGet() { }

            public IActionResult [|OnGetDelete|](int id)
            {
                db.Remove(db.Orders.Find(id)!);
                db.SaveChanges();
                return RedirectToPage();
            }
        }
        """ + Model);

    [Fact]
    public Task MapGet_lambda() => Verify.AnalyzerAsync("""
        using Microsoft.EntityFrameworkCore;
        using Shop;

        var app = WebApplication.Create();
        app.[|MapGet|]("/orders/{id}/close", async (int id, ShopDb db) =>
        {
            await db.Orders.Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, "Closed"));
            return Results.NoContent();
        });
        app.Run();
        """ + Model);

    [Fact]
    public Task MapGet_in_route_group_with_message() => Verify.AnalyzerAsync("""
        using Shop;

        var app = WebApplication.Create();
        var orders = app.MapGroup("/orders").RequireAuthorization();
        orders.{|#0:MapGet|}("/{id}/delete", (int id, ShopDb db) =>
        {
            db.Orders.Remove(db.Orders.Find(id)!);
            db.SaveChanges();
            return Results.Ok();
        });
        app.Run();
        """ + Model,
        Verify.Diagnostic().WithLocation(0).WithMessage(
            "'MapGet' handler for '/{id}/delete' answers GET but changes state (it calls 'Remove'); crawlers, link prefetchers and cross-site <img> tags send GET requests freely, so use POST"));

    [Fact]
    public Task MapGet_method_group() => Verify.AnalyzerAsync("""
        using Shop;

        var app = WebApplication.Create();
        app.[|MapGet|]("/orders/reset", OrderEndpoints.Reset);
        app.Run();

        static class OrderEndpoints
        {
            public static IResult Reset(ShopDb db)
            {
                foreach (var order in db.Orders) order.Status = "New";
                db.SaveChanges();
                return Results.Ok();
            }
        }
        """ + Model);

    [Fact]
    public Task MapGet_local_function() => Verify.AnalyzerAsync("""
        using Shop;

        var app = WebApplication.Create();
        app.[|MapGet|]("/orders/seed", Seed);
        app.Run();

        async Task<IResult> Seed(ShopDb db)
        {
            await db.Orders.AddAsync(new Order());
            await db.SaveChangesAsync();
            return Results.Ok();
        }
        """ + Model);

    // ---- negatives ----

    [Fact]
    public Task Get_action_that_only_reads() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        public class OrdersController(ShopDb db) : ControllerBase
        {
            [HttpGet("api/orders")]
            public async Task<List<Order>> List() => await db.Orders.AsNoTracking().OrderBy(o => o.Id).ToListAsync();

            [HttpGet("api/orders/{id}")]
            public async Task<ActionResult<Order>> Get(int id) => await db.Orders.FindAsync(id) is { } order ? order : NotFound();
        }
        """ + Model);

    [Fact]
    public Task Post_put_delete_actions_that_save() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Shop;

        public class OrdersController(ShopDb db) : ControllerBase
        {
            [HttpPost("api/orders/{id}/cancel")]
            public IActionResult Cancel(int id) { db.Orders.Find(id)!.Status = "Cancelled"; db.SaveChanges(); return NoContent(); }

            [HttpPut("api/orders/{id}")]
            public IActionResult Put(int id, Order order) { db.Update(order); db.SaveChanges(); return NoContent(); }

            [HttpDelete("api/orders/{id}")]
            public IActionResult Delete(int id) { db.Orders.Remove(db.Orders.Find(id)!); db.SaveChanges(); return NoContent(); }
        }
        """ + Model);

    [Fact]
    public Task Get_action_through_repository_that_only_reads() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        public class OrderRepository(ShopDb db)
        {
            public Task<Order?> FindAsync(int id) => db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id);
            public Task<int> CountAsync() => db.Orders.CountAsync();
        }

        public class OrdersController(OrderRepository orders) : ControllerBase
        {
            [HttpGet("api/orders/{id}")]
            public async Task<IActionResult> Get(int id) => await orders.FindAsync(id) is { } order ? Ok(order) : NotFound();

            [HttpGet("api/orders/count")]
            public async Task<int> Count() => await orders.CountAsync();
        }
        """ + Model);

    [Fact]
    public Task Calls_deeper_than_two_levels_are_not_followed() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Shop;

        public class Store(ShopDb db) { public void Commit() => db.SaveChanges(); }
        public class Repository(Store store) { public void Save() => store.Commit(); }
        public class Service(Repository repository) { public void Touch() => repository.Save(); }

        public class OrdersController(Service service) : ControllerBase
        {
            [HttpGet("touch")]
            public IActionResult Touch() { service.Touch(); return Ok(); }
        }
        """ + Model);

    [Fact]
    public Task Interface_with_an_implementation_that_only_reads() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Shop;

        public interface IOrderLog { void Seen(int id); }
        public class DbOrderLog(ShopDb db) : IOrderLog { public void Seen(int id) { db.Add(new Order { Id = id }); db.SaveChanges(); } }
        public class NullOrderLog : IOrderLog { public void Seen(int id) { } }

        public class OrdersController(IOrderLog log) : ControllerBase
        {
            [HttpGet("api/orders/{id}")]
            public IActionResult Get(int id) { log.Seen(id); return Ok(); }
        }
        """ + Model);

    [Fact]
    public Task Collections_and_caches_named_like_ef_calls() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.Caching.Memory;

        public class CartController(IMemoryCache cache) : ControllerBase
        {
            [HttpGet("api/cart")]
            public IActionResult Get()
            {
                var items = new List<string>();
                items.Add("a");
                items.Remove("a");
                cache.Remove("cart");
                var map = new Dictionary<string, int>();
                map.Add("k", 1);
                return Ok(items);
            }
        }
        """);

    [Fact]
    public Task Page_post_handlers_and_get_that_reads() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        public class OrdersModel(ShopDb db) : PageModel
        {
            public List<Order> Orders { get; private set; } = [];

            public async Task OnGetAsync() => Orders = await db.Orders.ToListAsync();

            public async Task<IActionResult> OnPostDeleteAsync(int id)
            {
                db.Orders.Remove((await db.Orders.FindAsync(id))!);
                await db.SaveChangesAsync();
                return RedirectToPage();
            }

            public void OnGetaway() => db.SaveChanges();
        }
        """ + Model);

    [Fact]
    public Task MapPost_that_saves_and_MapGet_that_reads() => Verify.AnalyzerAsync("""
        using Microsoft.EntityFrameworkCore;
        using Shop;

        var app = WebApplication.Create();
        var orders = app.MapGroup("/orders");
        orders.MapGet("/", (ShopDb db) => db.Orders.AsNoTracking().ToListAsync());
        orders.MapGet("/{id}", async (int id, ShopDb db) => await db.Orders.FindAsync(id) is { } o ? Results.Ok(o) : Results.NotFound());
        orders.MapPost("/", async (Order order, ShopDb db) =>
        {
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            return Results.Created($"/orders/{order.Id}", order);
        });
        orders.MapDelete("/{id}", (int id, ShopDb db) => db.Orders.Where(o => o.Id == id).ExecuteDeleteAsync());
        app.Run();
        """ + Model);

    [Fact]
    public Task Action_without_a_verb_attribute_and_non_action_methods() => Verify.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Shop;

        public class OrdersController(ShopDb db) : Controller
        {
            // Conventional routing: the verb is not known.
            public IActionResult Touch() { db.SaveChanges(); return Ok(); }

            [NonAction, HttpGet]
            public void Helper() => db.SaveChanges();
        }

        public class NotAController(ShopDb db)
        {
            [HttpGet]
            private void Save() => db.SaveChanges();
        }
        """ + Model);

    [Fact]
    public Task Accept_verbs_get_and_map_methods_get_without_fix() => Verify.NoCodeFixAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Shop;

        var app = WebApplication.Create();
        app.[|MapMethods|]("/orders/purge", new[] { "GET", "POST" }, (ShopDb db) => db.SaveChanges());
        app.MapMethods("/orders/save", new[] { "POST" }, (ShopDb db) => db.SaveChanges());
        app.Run();

        public class OrdersController(ShopDb db) : ControllerBase
        {
            [[|AcceptVerbs("GET", "POST")|]]
            public IActionResult Touch() { db.SaveChanges(); return Ok(); }

            [AcceptVerbs("POST")]
            public IActionResult Save() { db.SaveChanges(); return Ok(); }
        }
        """ + Model);

    // ---- fixes ----

    [Fact]
    public Task Fix_attribute_keeps_template_and_arguments() => Verify.CodeFixAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Shop;

        public class OrdersController(ShopDb db) : ControllerBase
        {
            [[|HttpGet("{id}/cancel", Name = "Cancel")|]]
            public IActionResult Cancel(int id) { db.SaveChanges(); return NoContent(); }

            [[|Microsoft.AspNetCore.Mvc.HttpHead("ping")|]]
            public IActionResult Ping() { db.SaveChanges(); return NoContent(); }
        }
        """ + Model, """
        using Microsoft.AspNetCore.Mvc;
        using Shop;

        public class OrdersController(ShopDb db) : ControllerBase
        {
            [HttpPost("{id}/cancel", Name = "Cancel")]
            public IActionResult Cancel(int id) { db.SaveChanges(); return NoContent(); }

            [Microsoft.AspNetCore.Mvc.HttpPost("ping")]
            public IActionResult Ping() { db.SaveChanges(); return NoContent(); }
        }
        """ + Model);

    [Fact]
    public Task Fix_map_get_becomes_map_post() => Verify.CodeFixAsync("""
        using Shop;

        var app = WebApplication.Create();
        app.[|MapGet|]("/orders/reset", (ShopDb db) => db.SaveChanges());
        app.Run();
        """ + Model, """
        using Shop;

        var app = WebApplication.Create();
        app.MapPost("/orders/reset", (ShopDb db) => db.SaveChanges());
        app.Run();
        """ + Model);

    [Fact]
    public Task Fix_page_handlers_are_renamed_with_their_references() => Verify.CodeFixAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Shop;

        public class OrdersModel(ShopDb db) : PageModel
        {
            public async Task<IActionResult> [|OnGetAsync|]() { await db.SaveChangesAsync(); return Page(); }

            public IActionResult [|OnGetDelete|](int id) { db.SaveChanges(); return RedirectToPage(); }

            public IActionResult [|OnHeadExport|]() { db.SaveChanges(); return Page(); }

            public Task<IActionResult> Again() => OnGetAsync();
        }
        """ + Model, """
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Shop;

        public class OrdersModel(ShopDb db) : PageModel
        {
            public async Task<IActionResult> OnPostAsync() { await db.SaveChangesAsync(); return Page(); }

            public IActionResult OnPostDelete(int id) { db.SaveChanges(); return RedirectToPage(); }

            public IActionResult OnPostExport() { db.SaveChanges(); return Page(); }

            public Task<IActionResult> Again() => OnPostAsync();
        }
        """ + Model);

    [Fact]
    public Task No_fix_when_the_post_handler_exists() => Verify.NoCodeFixAsync("""
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Shop;

        public class OrdersModel(ShopDb db) : PageModel
        {
            public void [|OnGet|]() => db.SaveChanges();

            public void OnPost() { }
        }
        """ + Model);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Shop;

        var app = WebApplication.Create();
        app.[|MapGet|]("/a", (ShopDb db) => db.SaveChanges());
        app.[|MapGet|]("/b", (ShopDb db) => db.SaveChanges());
        app.Run();

        public class OrdersController(ShopDb db) : ControllerBase
        {
            [[|HttpGet("x")|]]
            public void X() => db.SaveChanges();

            [[|HttpGet("y")|]]
            public void Y() => db.SaveChanges();
        }
        """ + Model, """
        using Microsoft.AspNetCore.Mvc;
        using Shop;

        var app = WebApplication.Create();
        app.MapPost("/a", (ShopDb db) => db.SaveChanges());
        app.MapPost("/b", (ShopDb db) => db.SaveChanges());
        app.Run();

        public class OrdersController(ShopDb db) : ControllerBase
        {
            [HttpPost("x")]
            public void X() => db.SaveChanges();

            [HttpPost("y")]
            public void Y() => db.SaveChanges();
        }
        """ + Model);

    // ---- near misses: a GET action that only reads ----

    public static TheoryData<string> ReadOnlyExpressions => new()
    {
        "await db.Orders.CountAsync()",
        "await db.Orders.AnyAsync(o => o.Id == id) ? 1 : 0",
        "(await db.Orders.FindAsync(id))?.Id ?? 0",
        "await db.Orders.Where(o => o.Id > id).Select(o => o.Id).FirstOrDefaultAsync()",
        "db.Orders.AsNoTracking().Count()",
        "await db.Orders.MaxAsync(o => o.Id)",
        "db.Orders.Local.Count",
        "db.ChangeTracker.HasChanges() ? 1 : 0",
        "db.Orders.Find(id)?.Id ?? 0",
        "await db.Database.CanConnectAsync() ? 1 : 0",
    };

    [Theory]
    [MemberData(nameof(ReadOnlyExpressions))]
    public Task Get_action_near_miss_reads_only(string expression) => Verify.AnalyzerAsync($$"""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        public class OrdersController(ShopDb db) : ControllerBase
        {
            [HttpGet("api/orders/{id}/count")]
            public async Task<int> Count(int id) => {{expression}};
        }
        """ + Model);
}
