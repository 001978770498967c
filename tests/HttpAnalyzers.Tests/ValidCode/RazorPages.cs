// A correct Razor Page model: GET reads, POST writes, antiforgery left to the framework.
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ValidCode.Pages;

public sealed class ContactModel : PageModel
{
    private static readonly List<string> Messages = [];

    [BindProperty]
    public string Message { get; set; } = "";

    public IReadOnlyList<string> Recent { get; private set; } = [];

    public void OnGet() => Recent = Messages.TakeLast(10).ToList();

    public IActionResult OnPost()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        Messages.Add(Message);
        return RedirectToPage();
    }
}
