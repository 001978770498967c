using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace HttpAnalyzers.Sample.Caching;

[Authorize]
[ApiController]
[Route("caching/account")]
public class CachingSampleController : ControllerBase
{
    // HTTP0011: [ResponseCache] defaults to Location = Any ('public') on an authenticated action.
    [HttpGet("summary")]
    [ResponseCache(Duration = 120)]
    public IActionResult Summary() => Ok(new { Balance = 10 });

    // HTTP0010: Location = None sends 'no-cache', not 'no-store'.
    [HttpGet("statement")]
    [ResponseCache(Location = ResponseCacheLocation.None)]
    public IActionResult Statement() => Ok(new { Lines = Array.Empty<string>() });

    // HTTP0012: EntityTagHeaderValue throws FormatException on an unquoted tag.
    [HttpGet("avatar")]
    public IActionResult Avatar()
    {
        Response.GetTypedHeaders().ETag = new EntityTagHeaderValue(Guid.NewGuid().ToString("N"));
        Response.Headers.Expires = DateTime.UtcNow.AddHours(1).ToString();
        return Ok();
    }
}
