using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace ValidCode.Caching;

public record TokenResponse(string AccessToken, string RefreshToken, int ExpiresIn);

public record Article(int Id, string Title, string Body, DateTimeOffset UpdatedAt, int Version);

public interface IArticleStore
{
    Task<Article?> FindAsync(int id, CancellationToken cancellationToken);
    Task<IReadOnlyList<Article>> ListAsync(CancellationToken cancellationToken);
}

[ApiController]
[Route("api/auth")]
public class AuthController : ControllerBase
{
    [HttpPost("token")]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
    public ActionResult<TokenResponse> Token()
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";
        return new TokenResponse(Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), 3600);
    }

    [HttpPost("logout")]
    public IActionResult Logout()
    {
        Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { NoStore = true, NoCache = true };
        return NoContent();
    }
}

[ApiController]
[Route("api/articles")]
public class ArticlesController : ControllerBase
{
    private readonly IArticleStore _store;

    public ArticlesController(IArticleStore store) => _store = store;

    // Public, anonymous content: shared caches may keep it.
    [HttpGet]
    [ResponseCache(Duration = 60)]
    public async Task<IActionResult> List(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-cache";
        return Ok(await _store.ListAsync(cancellationToken));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Get(int id, CancellationToken cancellationToken)
    {
        var article = await _store.FindAsync(id, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }

        var etag = new EntityTagHeaderValue($"\"{article.Version}\"");
        if (Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(etag, useStrongComparison: false)))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        var headers = Response.GetTypedHeaders();
        headers.ETag = etag;
        headers.LastModified = article.UpdatedAt;
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromMinutes(5) };
        Response.Headers.Expires = DateTimeOffset.UtcNow.AddMinutes(5).ToString("R");
        return Ok(article);
    }

    [HttpGet("{id:int}/raw")]
    public async Task<IActionResult> Raw(int id, CancellationToken cancellationToken)
    {
        var article = await _store.FindAsync(id, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(article.Body)));
        var quoted = "\"" + hash + "\"";
        if (Request.Headers.IfNoneMatch == "*")
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        Response.Headers.ETag = quoted;
        Response.Headers["Last-Modified"] = article.UpdatedAt.ToString("R");
        return Content(article.Body, "text/plain");
    }
}

[Authorize]
[ApiController]
[Route("api/me")]
public class ProfileController : ControllerBase
{
    [HttpGet]
    [ResponseCache(Duration = 30, Location = ResponseCacheLocation.Client)]
    public IActionResult Get() => Ok(new { Name = User.Identity?.Name });

    [HttpGet("orders")]
    public IActionResult Orders()
    {
        Response.Headers.CacheControl = "private, max-age=30";
        return Ok(Array.Empty<string>());
    }

    [HttpGet("settings")]
    public IActionResult Settings()
    {
        Response.Headers.CacheControl = "no-store";
        return Ok(new { Theme = "dark" });
    }

    [AllowAnonymous]
    [HttpGet("/api/public-stats")]
    [ResponseCache(Duration = 300)]
    public IActionResult PublicStats() => Ok(new { Users = 42 });
}

public class TokenizerDto
{
    public string? ETag { get; set; }
    public string? LastModified { get; set; }
    public string Tokenizer { get; set; } = "default";
}
