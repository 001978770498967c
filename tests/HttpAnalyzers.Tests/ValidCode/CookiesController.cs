using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using HeaderNames = Microsoft.Net.Http.Headers.HeaderNames;

namespace ValidCode.Cookies;

[ApiController]
[Route("api/preferences")]
public sealed class PreferencesController : ControllerBase
{
    private const string ThemeCookie = "__Host-theme";

    private static readonly CookieOptions LongLived = new()
    {
        Secure = true,
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        MaxAge = TimeSpan.FromDays(365),
    };

    private readonly IAntiforgery _antiforgery;

    public PreferencesController(IAntiforgery antiforgery) => _antiforgery = antiforgery;

    [HttpPut("theme")]
    public IActionResult SetTheme([FromBody] string theme)
    {
        Response.Cookies.Append(ThemeCookie, theme, new CookieOptions
        {
            Secure = true,
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            Expires = DateTimeOffset.UtcNow.AddYears(1),
        });
        return NoContent();
    }

    [HttpPut("language")]
    public IActionResult SetLanguage([FromBody] string language)
    {
        Response.Cookies.Append("lang", language, LongLived);
        return NoContent();
    }

    [HttpGet("xsrf")]
    public IActionResult Xsrf()
    {
        // The SPA reads this token with JavaScript and echoes it in X-XSRF-TOKEN: HttpOnly must stay off.
        var tokens = _antiforgery.GetAndStoreTokens(HttpContext);
        Response.Cookies.Append("XSRF-TOKEN", tokens.RequestToken!, new CookieOptions { Secure = true, HttpOnly = false, SameSite = SameSiteMode.Strict });
        return NoContent();
    }

    [HttpDelete("theme")]
    public IActionResult ResetTheme()
    {
        Response.Cookies.Delete(ThemeCookie, new CookieOptions { Secure = true, Path = "/" });
        Response.Cookies.Delete("lang");
        return NoContent();
    }

    [HttpPost("embed")]
    public IActionResult Embed(string state)
    {
        var options = new CookieOptions
        {
            Secure = true,
            HttpOnly = true,
            SameSite = SameSiteMode.None,
        };
        options.Extensions.Add("Partitioned");
        Response.Cookies.Append("embed_state", state, options);
        return NoContent();
    }

    [HttpPost("legacy")]
    public IActionResult Legacy(string value)
    {
        // The request scheme decides (the app also runs on plain HTTP in an intranet): not a constant, not reported.
        Response.Cookies.Append("legacy", value, new CookieOptions { Secure = Request.IsHttps, HttpOnly = true });
        Response.Headers.Append(HeaderNames.SetCookie, $"__Host-legacy={Uri.EscapeDataString(value)}; Path=/; Secure; HttpOnly; SameSite=Lax");
        Response.Headers[HeaderNames.SetCookie] = "remembered=; Max-Age=0; Path=/";
        return NoContent();
    }
}
