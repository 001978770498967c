using System.Globalization;
using System.Text;

namespace HttpAnalyzers.Benchmarks;

/// <summary>
/// Generates a large, realistic web app: MVC controllers over EF Core, minimal-API modules with route groups,
/// hand-written middleware, typed HttpClient clients with retries, cookie and caching helpers, and plain
/// business-logic services. About one file in seven of each kind carries an HTTP mistake, so reporting paths run too.
/// </summary>
internal static class CorpusGenerator
{
    private static readonly Func<int, bool, string>[] Templates =
    [
        Controller, MinimalApiModule, Middleware, TypedClient, Service, CookieAndCacheHelpers,
    ];

    public static IReadOnlyList<(string Path, string Text)> Generate(int files)
    {
        var result = new List<(string, string)>(files + 2)
        {
            ("Shared.cs", Shared),
            ("Startup.cs", Startup),
        };
        for (var i = 0; i < files; i++)
        {
            var template = Templates[i % Templates.Length];
            var withMistake = i / Templates.Length % 7 == 3; // about one file in seven of each kind
            result.Add(($"{template.Method.Name}{i}.cs", template(i, withMistake)));
        }

        return result;
    }

    private static string N(int i) => i.ToString(CultureInfo.InvariantCulture);

    private const string Header = """
        using System.Net;
        using System.Net.Http.Headers;
        using System.Text.Json;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Net.Http.Headers;
        using Bench.Shared;
        using SameSiteMode = Microsoft.AspNetCore.Http.SameSiteMode;
        using EntityTagHeaderValue = Microsoft.Net.Http.Headers.EntityTagHeaderValue;
        using CacheControlHeaderValue = Microsoft.Net.Http.Headers.CacheControlHeaderValue;

        """;

    private const string Shared = """
        using Microsoft.EntityFrameworkCore;

        namespace Bench.Shared;

        public sealed class Item
        {
            public int Id { get; set; }
            public string Name { get; set; } = "";
            public decimal Price { get; set; }
            public DateTimeOffset UpdatedAt { get; set; }
        }

        public sealed class AppDb(DbContextOptions<AppDb> options) : DbContext(options)
        {
            public DbSet<Item> Items => Set<Item>();
        }

        public sealed record ItemDto(int Id, string Name, decimal Price);
        """;

    private const string Startup = """
        namespace Bench;

        public sealed class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddCors(o => o.AddPolicy("web", p => p.WithOrigins("https://web.example.com").AllowAnyHeader()));
                services.AddHttpClient();
                services.AddAuthorization();
            }

            public void Configure(IApplicationBuilder app)
            {
                app.UseRouting();
                app.UseCors();
                app.UseAuthentication();
                app.UseAuthorization();
                app.UseEndpoints(e => e.MapControllers());
            }
        }
        """;

    private static string Controller(int i, bool mistake)
    {
        var sb = new StringBuilder(Header);
        sb.Append($$"""
            namespace Bench.Controllers{{N(i)}};

            [ApiController]
            [Route("api/items{{N(i)}}")]
            {{(i % 3 == 0 ? "[Authorize]" : "")}}
            public sealed class Items{{N(i)}}Controller(AppDb db, ILogger<Items{{N(i)}}Controller> logger) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> List(int page = 1, int size = 20)
                {
                    var items = await db.Items.OrderBy(x => x.Id).Skip((page - 1) * size).Take(size)
                        .Select(x => new ItemDto(x.Id, x.Name, x.Price)).ToListAsync();
                    logger.LogInformation("Listed {Count} items", items.Count);
                    return Ok(items);
                }

                [HttpGet("{id:int}")]
                public async Task<ActionResult<ItemDto>> Get(int id)
                {
                    var item = await db.Items.FindAsync(id);
                    if (item is null)
                    {
                        return NotFound();
                    }

                    var tag = new EntityTagHeaderValue("\"" + item.UpdatedAt.ToUnixTimeSeconds() + "\"");
                    Response.GetTypedHeaders().ETag = tag;
                    Response.GetTypedHeaders().LastModified = item.UpdatedAt;
                    return new ItemDto(item.Id, item.Name, item.Price);
                }

                [HttpPost]
                public async Task<IActionResult> Create(ItemDto dto)
                {
                    if (string.IsNullOrWhiteSpace(dto.Name) || dto.Price < 0)
                    {
                        return ValidationProblem();
                    }

                    var item = new Item { Name = dto.Name.Trim(), Price = dto.Price, UpdatedAt = DateTimeOffset.UtcNow };
                    db.Items.Add(item);
                    await db.SaveChangesAsync();
                    return CreatedAtAction(nameof(Get), new { id = item.Id }, new ItemDto(item.Id, item.Name, item.Price));
                }

                [HttpPut("{id:int}")]
                public async Task<IActionResult> Update(int id, ItemDto dto)
                {
                    var item = await db.Items.FindAsync(id);
                    if (item is null)
                    {
                        return NotFound();
                    }

                    item.Name = dto.Name;
                    item.Price = dto.Price;
                    item.UpdatedAt = DateTimeOffset.UtcNow;
                    await db.SaveChangesAsync();
                    return NoContent();
                }

                [HttpDelete("{id:int}")]
                public async Task<IActionResult> Delete(int id)
                {
                    var removed = await db.Items.Where(x => x.Id == id).ExecuteDeleteAsync();
                    return removed == 0 ? NotFound() : NoContent();
                }

                [HttpGet("export")]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public async Task Export()
                {
                    Response.ContentType = "text/csv";
                    {{(mistake ? "Response.Cookies.Append(\"export\", \"1\");" : "Response.Cookies.Append(\"export\", \"1\", new CookieOptions { Secure = true, HttpOnly = true });")}}
                    await foreach (var item in db.Items.AsAsyncEnumerable())
                    {
                        await Response.WriteAsync($"{item.Id},{item.Name},{item.Price}\n");
                    }
                }
            }

            """);
        return sb.ToString();
    }

    private static string MinimalApiModule(int i, bool mistake)
    {
        var sb = new StringBuilder(Header);
        sb.Append($$"""
            namespace Bench.Endpoints{{N(i)}};

            public static class Module{{N(i)}}
            {
                public static IEndpointRouteBuilder MapModule{{N(i)}}(this IEndpointRouteBuilder app)
                {
                    var group = app.MapGroup("/m{{N(i)}}"){{(i % 2 == 0 ? ".RequireAuthorization()" : "")}};
                    group.MapGet("/", async (AppDb db) => Results.Ok(await db.Items.CountAsync()));
                    group.MapGet("/{id:int}", async (int id, AppDb db, HttpContext context) =>
                    {
                        var item = await db.Items.FindAsync(id);
                        context.Response.Headers.CacheControl = "{{(mistake ? "no-cache" : "no-store")}}";
                        return item is null ? Results.NotFound() : Results.Ok(new ItemDto(item.Id, item.Name, item.Price));
                    });
                    group.MapPost("/", async (ItemDto dto, AppDb db) =>
                    {
                        var item = new Item { Name = dto.Name, Price = dto.Price, UpdatedAt = DateTimeOffset.UtcNow };
                        db.Items.Add(item);
                        await db.SaveChangesAsync();
                        return Results.Created($"/m{{N(i)}}/{item.Id}", new ItemDto(item.Id, item.Name, item.Price));
                    });
                    group.MapDelete("/{id:int}", async (int id, AppDb db) =>
                    {
                        await db.Items.Where(x => x.Id == id).ExecuteDeleteAsync();
                        return Results.NoContent();
                    });
                    group.MapGet("/busy", (HttpContext context) =>
                    {
                        context.Response.Headers.RetryAfter = "30";
                        return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                    });
                    return app;
                }
            }

            """);
        return sb.ToString();
    }

    private static string Middleware(int i, bool mistake)
    {
        var sb = new StringBuilder(Header);
        sb.Append($$"""
            namespace Bench.Middleware{{N(i)}};

            public sealed class Middleware{{N(i)}}(RequestDelegate next, ILogger<Middleware{{N(i)}}> logger)
            {
                public async Task InvokeAsync(HttpContext context)
                {
                    var started = DateTime.UtcNow;
                    if (HttpMethods.IsOptions(context.Request.Method))
                    {
                        context.Response.StatusCode = StatusCodes.Status204NoContent;
                        return;
                    }

                    context.Response.OnStarting(() =>
                    {
                        context.Response.Headers["X-Elapsed"] = (DateTime.UtcNow - started).TotalMilliseconds.ToString("F0");
                        return Task.CompletedTask;
                    });

                    await next(context);

                    {{(mistake ? "context.Response.Headers[\"X-Done\"] = \"1\";" : "if (!context.Response.HasStarted) { context.Response.Headers[\"X-Done\"] = \"1\"; }")}}
                    logger.LogDebug("{Path} took {Elapsed}", context.Request.Path, DateTime.UtcNow - started);
                }
            }

            """);
        return sb.ToString();
    }

    private static string TypedClient(int i, bool mistake)
    {
        var sb = new StringBuilder(Header);
        sb.Append($$"""
            namespace Bench.Clients{{N(i)}};

            public sealed class Client{{N(i)}}(HttpClient http)
            {
                public async Task<ItemDto?> GetAsync(int id, CancellationToken cancellationToken)
                {
                    using var response = await http.GetAsync($"items/{id}", cancellationToken);
                    if (response.StatusCode == HttpStatusCode.NotFound)
                    {
                        return null;
                    }

                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadFromJsonAsync<ItemDto>(cancellationToken);
                }

                public async Task<ItemDto?> CreateAsync(ItemDto dto, CancellationToken cancellationToken)
                {
                    var key = Guid.NewGuid().ToString();
                    for (var attempt = 1; ; attempt++)
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, "items") { Content = JsonContent.Create(dto) };
                        {{(mistake ? "" : "request.Headers.Add(\"Idempotency-Key\", key);")}}
                        try
                        {
                            using var response = await http.SendAsync(request, cancellationToken);
                            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 3)
                            {
                                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(attempt), cancellationToken);
                                continue;
                            }

                            response.EnsureSuccessStatusCode();
                            return await response.Content.ReadFromJsonAsync<ItemDto>(cancellationToken);
                        }
                        {{(mistake ? "catch (HttpRequestException) when (attempt < 3)" : "catch (HttpRequestException ex) when (attempt < 3 && (ex.StatusCode is null || (int)ex.StatusCode >= 500))")}}
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
                        }
                    }
                }

                public async Task<int> CountLinesAsync(CancellationToken cancellationToken)
                {
                    using var response = await http.GetAsync("export", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                    await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                    using var reader = new StreamReader(stream);
                    var count = 0;
                    while (await reader.ReadLineAsync(cancellationToken) is not null)
                    {
                        count++;
                    }

                    return count;
                }
            }

            """);
        return sb.ToString();
    }

    private static string Service(int i, bool mistake)
    {
        _ = mistake;
        var sb = new StringBuilder(Header);
        sb.Append($$"""
            namespace Bench.Services{{N(i)}};

            public sealed class PricingService{{N(i)}}
            {
                private readonly Dictionary<string, decimal> _discounts = new(StringComparer.OrdinalIgnoreCase)
                {
                    ["gold"] = 0.15m,
                    ["silver"] = 0.10m,
                    ["bronze"] = 0.05m,
                };

                public decimal Total(IEnumerable<ItemDto> items, string tier, int quantity)
                {
                    var subtotal = items.Where(x => x.Price > 0).Sum(x => x.Price) * quantity;
                    var discount = _discounts.TryGetValue(tier, out var d) ? d : 0m;
                    var total = subtotal * (1 - discount);
                    return Math.Round(total, 2, MidpointRounding.ToEven);
                }

                public IReadOnlyList<string> Describe(IEnumerable<ItemDto> items)
                {
                    var lines = new List<string>();
                    foreach (var group in items.GroupBy(x => x.Name.Length > 0 ? char.ToUpperInvariant(x.Name[0]) : '#').OrderBy(g => g.Key))
                    {
                        var names = string.Join(", ", group.Select(x => x.Name).OrderBy(x => x, StringComparer.Ordinal));
                        lines.Add($"{group.Key}: {names} ({group.Count()} items, max {group.Max(x => x.Price):F2})");
                    }

                    return lines;
                }

                public string Serialize(ItemDto dto) => JsonSerializer.Serialize(dto);

                public ItemDto? Parse(string json)
                {
                    try
                    {
                        return JsonSerializer.Deserialize<ItemDto>(json);
                    }
                    catch (JsonException)
                    {
                        return null;
                    }
                }
            }

            """);
        return sb.ToString();
    }

    private static string CookieAndCacheHelpers(int i, bool mistake)
    {
        var sb = new StringBuilder(Header);
        sb.Append($$"""
            namespace Bench.Web{{N(i)}};

            public static class WebHelpers{{N(i)}}
            {
                public static void SignIn(HttpResponse response, string token)
                {
                    response.Headers.CacheControl = "no-store";
                    response.Cookies.Append("__Host-session{{N(i)}}", token, new CookieOptions
                    {
                        Secure = true,
                        HttpOnly = true,
                        SameSite = SameSiteMode.{{(mistake ? "None" : "Lax")}},
                        Path = "/",
                    });
                }

                public static void Preferences(HttpResponse response, string theme)
                {
                    var options = new CookieOptions { Secure = true, HttpOnly = true, MaxAge = TimeSpan.FromDays(365) };
                    options.SameSite = SameSiteMode.Strict;
                    response.Cookies.Append("theme", theme, options);
                }

                public static bool NotModified(HttpRequest request, EntityTagHeaderValue current)
                    => request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(current, useStrongComparison: false));

                public static void LastModified(HttpResponse response, DateTimeOffset modified)
                    => response.Headers.LastModified = modified.ToString("R");
            }

            """);
        return sb.ToString();
    }
}
