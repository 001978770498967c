namespace HttpAnalyzers.Rules.Cors;

/// <summary>
/// What the CORS code fixes do for a diagnostic, passed in <c>Diagnostic.Properties</c> by <see cref="CorsPolicyAnalyzer"/>,
/// <see cref="CorsMiddlewareAnalyzer"/> and <see cref="HandWrittenCorsAnalyzer"/>. A finding without <see cref="Kind"/>
/// gets no fix. The node to edit elsewhere (a constant's declaration, the pipeline statement to insert next to) is the
/// diagnostic's first additional location.
/// </summary>
internal static class CorsFixData
{
    /// <summary>The property that names the fix (one of the kinds below).</summary>
    public const string Kind = "Fix";

    /// <summary>The new value: an origin, a suffix to strip, a policy name.</summary>
    public const string Value = "Value";

    /// <summary>HTTP0032: <see cref="Before"/> or <see cref="After"/> the anchor statement (additional location 0).</summary>
    public const string Position = "Position";

    /// <summary>HTTP0032: the statements to insert, one per line.</summary>
    public const string Statements = "Statements";

    public const string Before = "Before";
    public const string After = "After";

    /// <summary>HTTP0030: remove the <c>AllowCredentials()</c> call (or the hand-written <c>Access-Control-Allow-Credentials</c> write).</summary>
    public const string RemoveCall = "RemoveCall";

    /// <summary>HTTP0031 / HTTP0033: replace the string literal at the diagnostic's location with <see cref="Value"/>.</summary>
    public const string Replace = "Replace";

    /// <summary>HTTP0031 / HTTP0033: replace the string literal that initialises the constant (additional location 0, possibly in another document) with <see cref="Value"/>.</summary>
    public const string ReplaceConstant = "ReplaceConstant";

    /// <summary>HTTP0031: remove the suffix <see cref="Value"/> from the last text part of the interpolated string at the diagnostic's location.</summary>
    public const string TrimInterpolation = "TrimInterpolation";

    /// <summary>HTTP0031: pass each origin of <see cref="Value"/> (newline-separated) as its own argument.</summary>
    public const string Split = "Split";

    /// <summary>HTTP0031: add <c>SetIsOriginAllowedToAllowWildcardSubdomains()</c> after the <c>WithOrigins</c> call.</summary>
    public const string Wildcard = "Wildcard";

    /// <summary>HTTP0032: move the reported <c>UseCors</c> statement next to the anchor.</summary>
    public const string Move = "Move";

    /// <summary>HTTP0032: insert <see cref="Statements"/> next to the anchor.</summary>
    public const string Insert = "Insert";

    /// <summary>HTTP0035: append <c>Vary: Origin</c> to the same header collection right after the reported write.</summary>
    public const string AddVary = "AddVary";
}
