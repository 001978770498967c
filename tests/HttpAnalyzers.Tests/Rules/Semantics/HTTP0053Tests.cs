using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Semantics;

public class HTTP0053Tests
{
    private static readonly RuleVerifier Verify = RuleVerifier.For(DiagnosticIds.CreationWithoutCreated);

    private const string Model = HTTP0050Tests.Model;

    /// <summary>The usings of a controller over the <see cref="Model"/>.</summary>
    private const string ShopController = "using Microsoft.AspNetCore.Mvc;\nusing Shop;\n";

    // ---- positives ----

    [Fact]
    public Task Post_action_adds_saves_and_returns_ok() => Verify.AnalyzerAsync(ShopController + """

        [ApiController]
        [Route("api/orders")]
        public class OrdersController(ShopDb db) : ControllerBase
        {
            [HttpPost]
            public async Task<IActionResult> Create(Order order)
            {
                db.Orders.Add(order);
                await db.SaveChangesAsync();
                return {|#0:Ok|}(order);
            }
        }
        """ + Model,
        Verify.Diagnostic().WithLocation(0).WithMessage(
            "Action 'Create' creates 'Order' but answers 200 OK: return 201 Created with the new resource's Location"));

    [Fact]
    public Task Post_action_returns_a_dto_of_the_entity() => Verify.AnalyzerAsync(ShopController + """

        public class OrdersController(ShopDb db) : ControllerBase
        {
            [HttpPost("api/orders")]
            public async Task<ActionResult<OrderDto>> Create(decimal total)
            {
                var order = new Order { Total = total, Status = "New" };
                await db.AddAsync(order);
                await db.SaveChangesAsync();
                return [|Ok|](new OrderDto(order.Id, order.Status));
            }
        }
        """ + Model);

    [Fact]
    public Task Post_action_through_repository() => Verify.AnalyzerAsync(
        [
            ShopController + """

            public class OrdersController(OrderRepository orders) : ControllerBase
            {
                [HttpPost("api/orders")]
                public async Task<IActionResult> Create(Order order)
                {
                    await orders.AddAsync(order);
                    return [|Ok|](order);
                }
            }
            """,
            """
            using Shop;

            public class OrderRepository(ShopDb db)
            {
                public async Task AddAsync(Order order)
                {
                    db.Orders.Add(order);
                    await db.SaveChangesAsync();
                }
            }
            """ + Model,
        ]);

    [Fact]
    public Task Map_post_in_group_with_results_and_typed_results() => Verify.AnalyzerAsync("""
        using Shop;

        var app = WebApplication.Create();
        var orders = app.MapGroup("/orders");
        orders.MapPost("/", async (Order order, ShopDb db) =>
        {
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            return Results.[|Ok|](order);
        });
        orders.MapPost("/typed", async (Order order, ShopDb db) =>
        {
            db.Add(order);
            await db.SaveChangesAsync();
            return TypedResults.[|Ok|](new OrderDto(order.Id, order.Status));
        });
        app.Run();
        """ + Model);

    [Fact]
    public Task Map_post_method_group_in_another_file() => Verify.AnalyzerAsync(
        [
            """
            using Shop;

            var app = WebApplication.Create();
            app.MapGroup("/orders").MapPost("/", OrderEndpoints.CreateAsync);
            app.Run();
            """,
            """
            namespace Shop
            {
                public static class OrderEndpoints
                {
                    public static async Task<IResult> CreateAsync(Order order, ShopDb db)
                    {
                        db.Orders.Add(order);
                        await db.SaveChangesAsync();
                        return Results.{|#0:Ok|}(order);
                    }
                }
            }
            """ + Model,
        ],
        Verify.Diagnostic().WithLocation(0).WithMessage(
            "'MapPost' handler for '/' creates 'Order' but answers 200 OK: return 201 Created with the new resource's Location"));

    [Fact]
    public Task Map_post_local_function() => Verify.AnalyzerAsync("""
        using Shop;

        var app = WebApplication.Create();
        app.MapPost("/orders", Create);
        app.Run();

        IResult Create(Order order, ShopDb db)
        {
            db.Orders.Add(order);
            db.SaveChanges();
            return Results.[|Ok|](order);
        }
        """ + Model);

    // ---- negatives ----

    [Fact]
    public Task Post_returning_created() => Verify.AnalyzerAsync(ShopController + """

        public class OrdersController(ShopDb db) : ControllerBase
        {
            [HttpGet("api/orders/{id}")]
            public ActionResult<Order> Get(int id) => db.Orders.Find(id) is { } order ? order : NotFound();

            [HttpPost("api/orders")]
            public IActionResult Create(Order order)
            {
                db.Orders.Add(order);
                db.SaveChanges();
                return CreatedAtAction(nameof(Get), new { id = order.Id }, order);
            }
        }
        """ + Model);

    [Fact]
    public Task Update_and_save_returning_ok() => Verify.AnalyzerAsync(ShopController + """

        public class OrdersController(ShopDb db) : ControllerBase
        {
            [HttpPost("api/orders/{id}/pay")]
            public IActionResult Pay(int id)
            {
                var order = db.Orders.Find(id)!;
                order.Status = "Paid";
                db.Update(order);
                db.SaveChanges();
                return Ok(order);
            }
        }
        """ + Model);

    [Fact]
    public Task Add_without_save_ok_without_value_and_unrelated_value() => Verify.AnalyzerAsync(ShopController + """

        public class OrdersController(ShopDb db) : ControllerBase
        {
            [HttpPost("api/orders/draft")]
            public IActionResult Draft(Order order)
            {
                db.Orders.Add(order);
                return Ok(order);
            }

            [HttpPost("api/orders")]
            public IActionResult Create(Order order, string message)
            {
                db.Orders.Add(order);
                db.SaveChanges();
                if (message.Length > 0) return Ok(message);
                return Ok();
            }
        }
        """ + Model);

    [Fact]
    public Task Get_and_map_get_are_not_creations() => Verify.AnalyzerAsync(ShopController + """

        var app = WebApplication.Create();
        app.MapPut("/orders/{id}", (int id, Order order, ShopDb db) =>
        {
            db.Orders.Add(order);
            db.SaveChanges();
            return Results.Ok(order);
        });
        app.Run();

        public class OrdersController(ShopDb db) : ControllerBase
        {
            [HttpPut("api/orders/{id}")]
            public IActionResult Upsert(int id, Order order)
            {
                db.Orders.Add(order);
                db.SaveChanges();
                return Ok(order);
            }
        }
        """ + Model);

    [Fact]
    public Task Map_post_returning_created() => Verify.AnalyzerAsync("""
        using Shop;

        var app = WebApplication.Create();
        app.MapPost("/orders", async (Order order, ShopDb db) =>
        {
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            return TypedResults.Created($"/orders/{order.Id}", order);
        });
        app.Run();
        """ + Model);

    [Fact]
    public Task Method_groups_mapped_otherwise_or_not_at_all_are_not_reported() => Verify.AnalyzerAsync(
        [
            """
            using Shop;

            var app = WebApplication.Create();
            app.MapPut("/orders/{id}", OrderEndpoints.Upsert);
            app.MapPost("/orders", OrderEndpoints.CreateAsync);
            app.Run();
            """,
            """
            namespace Shop
            {
                public static class OrderEndpoints
                {
                    public static IResult Upsert(int id, Order order, ShopDb db)
                    {
                        db.Orders.Add(order);
                        db.SaveChanges();
                        return Results.Ok(order);
                    }

                    public static async Task<IResult> CreateAsync(Order order, ShopDb db)
                    {
                        db.Orders.Add(order);
                        await db.SaveChangesAsync();
                        return Results.Created($"/orders/{order.Id}", order);
                    }

                    // Not mapped: a helper that happens to answer Ok.
                    public static IResult Import(Order order, ShopDb db)
                    {
                        db.Orders.Add(order);
                        db.SaveChanges();
                        return Results.Ok(order);
                    }
                }
            }
            """ + Model,
        ]);

    [Fact]
    public Task Local_function_handler_that_only_reads_is_not_reported() => Verify.AnalyzerAsync("""
        using Shop;

        var app = WebApplication.Create();
        app.MapPost("/orders/search", Search);
        app.Run();

        IResult Search(Order filter, ShopDb db) => Results.Ok(db.Orders.Where(o => o.Status == filter.Status).ToList());
        """ + Model);

    // ---- fixes ----

    [Fact]
    public Task Fix_created_at_action() => Verify.CodeFixAsync(ShopController + """

        [Route("api/orders")]
        public class OrdersController(ShopDb db) : ControllerBase
        {
            [HttpGet]
            public List<Order> List() => db.Orders.ToList();

            [HttpGet("{id:int}")]
            public ActionResult<Order> GetById(int id) => db.Orders.Find(id) is { } order ? order : NotFound();

            [HttpPost]
            public async Task<IActionResult> Create(Order order)
            {
                db.Orders.Add(order);
                await db.SaveChangesAsync();
                return [|Ok|](order);
            }
        }
        """ + Model, ShopController + """

        [Route("api/orders")]
        public class OrdersController(ShopDb db) : ControllerBase
        {
            [HttpGet]
            public List<Order> List() => db.Orders.ToList();

            [HttpGet("{id:int}")]
            public ActionResult<Order> GetById(int id) => db.Orders.Find(id) is { } order ? order : NotFound();

            [HttpPost]
            public async Task<IActionResult> Create(Order order)
            {
                db.Orders.Add(order);
                await db.SaveChangesAsync();
                return CreatedAtAction(nameof(GetById), new { id = order.Id }, order);
            }
        }
        """ + Model);

    [Fact]
    public Task Fix_results_created_with_group_prefix() => Verify.CodeFixAsync("""
        using Shop;

        var app = WebApplication.Create();
        var orders = app.MapGroup("/api/orders");
        orders.MapGet("/{id:int}", (int id, ShopDb db) => db.Orders.Find(id));
        orders.MapPost("/", async (Order order, ShopDb db) =>
        {
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            return Results.[|Ok|](order);
        });
        app.Run();
        """ + Model, """
        using Shop;

        var app = WebApplication.Create();
        var orders = app.MapGroup("/api/orders");
        orders.MapGet("/{id:int}", (int id, ShopDb db) => db.Orders.Find(id));
        orders.MapPost("/", async (Order order, ShopDb db) =>
        {
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            return Results.Created($"/api/orders/{order.Id}", order);
        });
        app.Run();
        """ + Model);

    [Fact]
    public Task Fix_method_group_handlers() => Verify.FixAllAsync(
        [
            """
            using Shop;

            var app = WebApplication.Create();
            app.MapGet("/orders/{id}", (int id, ShopDb db) => db.Orders.Find(id));
            app.MapPost("/orders", OrderEndpoints.Create);
            var v2 = app.MapGroup("/v2/orders");
            v2.MapGet("/{id}", (int id, ShopDb db) => db.Orders.Find(id));
            v2.MapPost("/", CreateOne);
            app.Run();

            IResult CreateOne(Order order, ShopDb db)
            {
                db.Orders.Add(order);
                db.SaveChanges();
                return Results.[|Ok|](order);
            }
            """,
            """
            namespace Shop
            {
                public static class OrderEndpoints
                {
                    public static IResult Create(Order order, ShopDb db)
                    {
                        db.Orders.Add(order);
                        db.SaveChanges();
                        return Results.[|Ok|](order);
                    }
                }
            }
            """ + Model,
        ],
        [
            """
            using Shop;

            var app = WebApplication.Create();
            app.MapGet("/orders/{id}", (int id, ShopDb db) => db.Orders.Find(id));
            app.MapPost("/orders", OrderEndpoints.Create);
            var v2 = app.MapGroup("/v2/orders");
            v2.MapGet("/{id}", (int id, ShopDb db) => db.Orders.Find(id));
            v2.MapPost("/", CreateOne);
            app.Run();

            IResult CreateOne(Order order, ShopDb db)
            {
                db.Orders.Add(order);
                db.SaveChanges();
                return Results.Created($"/v2/orders/{order.Id}", order);
            }
            """,
            """
            namespace Shop
            {
                public static class OrderEndpoints
                {
                    public static IResult Create(Order order, ShopDb db)
                    {
                        db.Orders.Add(order);
                        db.SaveChanges();
                        return Results.Created($"/orders/{order.Id}", order);
                    }
                }
            }
            """ + Model,
        ]);

    [Fact]
    public Task No_fix_without_a_get_route_for_the_resource() => Verify.NoCodeFixAsync(ShopController + """

        var app = WebApplication.Create();
        app.MapPost("/orders", (Order order, ShopDb db) =>
        {
            db.Orders.Add(order);
            db.SaveChanges();
            return TypedResults.[|Ok|](order);
        });
        app.Run();

        public class OrdersController(ShopDb db) : ControllerBase
        {
            [HttpPost("api/orders")]
            public IActionResult Create(Order order)
            {
                db.Orders.Add(order);
                db.SaveChanges();
                return [|Ok|](order);
            }
        }
        """ + Model);

    [Fact]
    public Task Fix_all() => Verify.FixAllAsync("""
        using Shop;

        var app = WebApplication.Create();
        app.MapGet("/orders/{id}", (int id, ShopDb db) => db.Orders.Find(id));
        app.MapPost("/orders", (Order order, ShopDb db) =>
        {
            db.Orders.Add(order);
            db.SaveChanges();
            return TypedResults.[|Ok|](order);
        });
        app.MapPost("/orders/", (Order order, ShopDb db) =>
        {
            db.Orders.Add(order);
            db.SaveChanges();
            return Results.[|Ok|](order);
        });
        app.Run();
        """ + Model, """
        using Shop;

        var app = WebApplication.Create();
        app.MapGet("/orders/{id}", (int id, ShopDb db) => db.Orders.Find(id));
        app.MapPost("/orders", (Order order, ShopDb db) =>
        {
            db.Orders.Add(order);
            db.SaveChanges();
            return TypedResults.Created($"/orders/{order.Id}", order);
        });
        app.MapPost("/orders/", (Order order, ShopDb db) =>
        {
            db.Orders.Add(order);
            db.SaveChanges();
            return Results.Created($"/orders/{order.Id}", order);
        });
        app.Run();
        """ + Model);

    // ---- near misses: what a POST action answers when it creates nothing, or answers 201 ----

    public static TheoryData<string> PostAnswers => new()
    {
        "db.Orders.Add(order); await db.SaveChangesAsync(); return Created($\"/api/orders/{order.Id}\", order);",
        "db.Orders.Add(order); await db.SaveChangesAsync(); return CreatedAtAction(nameof(Create), new { id = order.Id }, order);",
        "db.Orders.Add(order); return Ok(order);",
        "await db.SaveChangesAsync(); return Ok(order);",
        "db.Orders.Add(order); await db.SaveChangesAsync(); return Ok();",
    };

    [Theory]
    [MemberData(nameof(PostAnswers))]
    public Task Post_action_near_miss(string body) => Verify.AnalyzerAsync(ShopController + $$"""

        public class OrdersController(ShopDb db) : ControllerBase
        {
            [HttpPost("api/orders")]
            public async Task<IActionResult> Create(Order order)
            {
                {{body}}
            }
        }
        """ + Model);
}
