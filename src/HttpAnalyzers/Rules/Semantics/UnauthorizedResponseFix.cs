namespace HttpAnalyzers.Rules.Semantics;

/// <summary>
/// What the HTTP0055 fix does, passed in <c>Diagnostic.Properties</c>: the node at the diagnostic's first additional
/// location (the 401 value, the <c>Unauthorized</c> name, the <c>UnauthorizedResult</c> type or the whole call) is
/// replaced by <see cref="ReplacementKey"/>'s text (<c>403</c>, <c>StatusCodes.Status403Forbidden</c>, <c>Forbid</c>,
/// <c>ForbidResult</c>, <c>StatusCode(StatusCodes.Status403Forbidden, value)</c>). No replacement: no fix.
/// </summary>
internal static class UnauthorizedResponseFix
{
    public const string ReplacementKey = "Replacement";
}
