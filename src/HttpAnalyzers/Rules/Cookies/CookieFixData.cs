namespace HttpAnalyzers.Rules.Cookies;

/// <summary>
/// What the cookie code fix does for a diagnostic, passed in <c>Diagnostic.Properties</c>; the node to change is the
/// diagnostic's first additional location.
/// </summary>
internal static class CookieFixData
{
    public const string Kind = "Fix";
    public const string Member = "Member";
    public const string Value = "Value";
    public const string HeaderEdits = "HeaderEdits";

    /// <summary>Add a <c>new CookieOptions { Member = true }</c> argument to the invocation.</summary>
    public const string AddArgument = "AddArgument";

    /// <summary>Add <c>Member = true</c> to the initializer of the <c>new CookieOptions</c> creation.</summary>
    public const string AddMember = "AddMember";

    /// <summary>Replace the value of the assignment with <see cref="Value"/>.</summary>
    public const string SetValue = "SetValue";

    /// <summary>Remove the assignment (an initializer member or an expression statement).</summary>
    public const string Remove = "Remove";

    /// <summary>Set <c>SecurePolicy = CookieSecurePolicy.Always</c> next to the builder assignment (same initializer, the next statement, or an expression-bodied lambda turned into a block).</summary>
    public const string AddBuilderSecurePolicy = "AddBuilderSecurePolicy";

    /// <summary>Rewrite the Set-Cookie string literal with the <see cref="HeaderEdits"/> (comma-separated).</summary>
    public const string Header = "Header";

    public const string ValueTrue = "true";
    public const string ValueAlways = "Always";
    public const string ValueRootPath = "/";

    public const string EditSecure = "Secure";
    public const string EditHttpOnly = "HttpOnly";
    public const string EditNoDomain = "NoDomain";
    public const string EditRootPath = "RootPath";
}
