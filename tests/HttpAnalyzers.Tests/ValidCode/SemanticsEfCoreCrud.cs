// A realistic EF Core CRUD API done right: reads on GET, changes on POST/PUT/DELETE, 201 Created with a Location for
// creations, a repository that reads and writes, and a minimal API with a route group.
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddDbContext<Catalog.CatalogDb>(o => { });
builder.Services.AddScoped<Catalog.IProductRepository, Catalog.ProductRepository>();
builder.Services.AddControllers();
var app = builder.Build();

var products = app.MapGroup("/api/v2/products");
products.MapGet("/", async (Catalog.CatalogDb db) => await db.Products.AsNoTracking().OrderBy(p => p.Name).ToListAsync());
products.MapGet("/{id:int}", async (int id, Catalog.CatalogDb db) =>
    await db.Products.FindAsync(id) is { } product ? Results.Ok(product) : Results.NotFound());
products.MapPost("/", async (Catalog.Product product, Catalog.CatalogDb db) =>
{
    db.Products.Add(product);
    await db.SaveChangesAsync();
    return Results.Created($"/api/v2/products/{product.Id}", product);
});
products.MapPut("/{id:int}", async (int id, Catalog.Product input, Catalog.CatalogDb db) =>
{
    var product = await db.Products.FindAsync(id);
    if (product is null)
    {
        return Results.NotFound();
    }

    product.Name = input.Name;
    product.Price = input.Price;
    await db.SaveChangesAsync();
    return Results.NoContent();
});
products.MapDelete("/{id:int}", async (int id, Catalog.CatalogDb db) =>
    await db.Products.Where(p => p.Id == id).ExecuteDeleteAsync() == 0 ? Results.NotFound() : Results.NoContent());

app.MapControllers();
app.Run();

namespace Catalog
{
    public class Product
    {
        public int Id { get; set; }
        public string Name { get; set; } = "";
        public decimal Price { get; set; }
    }

    public record ProductDto(int Id, string Name);

    public class CatalogDb(DbContextOptions<CatalogDb> options) : DbContext(options)
    {
        public DbSet<Product> Products => Set<Product>();
    }

    public interface IProductRepository
    {
        Task<Product?> FindAsync(int id);
        Task<List<Product>> SearchAsync(string term);
        Task AddAsync(Product product);
    }

    public class ProductRepository(CatalogDb db) : IProductRepository
    {
        public Task<Product?> FindAsync(int id) => db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id);

        public Task<List<Product>> SearchAsync(string term) => db.Products.Where(p => p.Name.Contains(term)).ToListAsync();

        public async Task AddAsync(Product product)
        {
            db.Products.Add(product);
            await db.SaveChangesAsync();
        }
    }

    [ApiController]
    [Route("api/products")]
    public class ProductsController(IProductRepository repository, CatalogDb db) : ControllerBase
    {
        [HttpGet]
        public Task<List<Product>> Search(string term = "") => repository.SearchAsync(term);

        [HttpGet("{id:int}")]
        public async Task<ActionResult<Product>> GetById(int id) => await repository.FindAsync(id) is { } product ? product : NotFound();

        [HttpHead("{id:int}")]
        public async Task<IActionResult> Exists(int id) => await db.Products.AnyAsync(p => p.Id == id) ? Ok() : NotFound();

        [HttpPost]
        public async Task<ActionResult<Product>> Create(Product product)
        {
            await repository.AddAsync(product);
            return CreatedAtAction(nameof(GetById), new { id = product.Id }, product);
        }

        [HttpPut("{id:int}")]
        public async Task<IActionResult> Update(int id, Product input)
        {
            var product = await db.Products.FindAsync(id);
            if (product is null)
            {
                return NotFound();
            }

            product.Name = input.Name;
            db.Update(product);
            await db.SaveChangesAsync();
            return Ok(new ProductDto(product.Id, product.Name));
        }

        [HttpDelete("{id:int}")]
        public async Task<IActionResult> Delete(int id)
        {
            var product = await db.Products.FindAsync(id);
            if (product is null)
            {
                return NotFound();
            }

            db.Products.Remove(product);
            await db.SaveChangesAsync();
            return NoContent();
        }
    }

    public class ProductPageModel(CatalogDb db) : PageModel
    {
        public Product? Product { get; private set; }

        public async Task<IActionResult> OnGetAsync(int id)
        {
            Product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id);
            return Product is null ? NotFound() : Page();
        }

        public async Task<IActionResult> OnPostDeleteAsync(int id)
        {
            await db.Products.Where(p => p.Id == id).ExecuteDeleteAsync();
            return RedirectToPage("/Index");
        }
    }
}
