using System;
using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Caching;

/// <summary>
/// HTTP0014: a Last-Modified / Expires / Date / If-Modified-Since / If-Unmodified-Since / Retry-After value built with
/// <c>DateTime</c>/<c>DateTimeOffset</c> <c>ToString()</c> without the "R" format, or a local-time <c>DateTime</c>
/// formatted with "R" (which labels local time as GMT).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HttpDateAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.HttpDateLocalFormat);

    /// <summary>Last-Modified, Expires, Date, If-Modified-Since, If-Unmodified-Since or Retry-After (case-insensitive): the length picks the one name to compare.</summary>
    /// <summary>
    /// The words of a file that can write a date header: its name as a string (<c>"Last-Modified"</c>, in any usual case)
    /// or as a property (<c>HeaderNames.LastModified</c>, <c>Headers.Expires</c>). A header name held in a constant
    /// declared in another file is not seen.
    /// </summary>
    private static readonly FileWords HeaderFiles = new(
        "Date", "date", "DATE", "Expires", "expires", "EXPIRES", "Retry", "retry", "RETRY", "RetryAfter",
        "Modified", "modified", "MODIFIED", "Unmodified", "unmodified", "UNMODIFIED", "LastModified", "IfModifiedSince", "IfUnmodifiedSince");

    private static bool IsDateHeader(string name) => name.Length switch
    {
        4 => string.Equals(name, "Date", StringComparison.OrdinalIgnoreCase),
        7 => string.Equals(name, "Expires", StringComparison.OrdinalIgnoreCase),
        11 => string.Equals(name, "Retry-After", StringComparison.OrdinalIgnoreCase),
        13 => string.Equals(name, "Last-Modified", StringComparison.OrdinalIgnoreCase),
        17 => string.Equals(name, "If-Modified-Since", StringComparison.OrdinalIgnoreCase),
        19 => string.Equals(name, "If-Unmodified-Since", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var types = KnownTypes.Get(start.Compilation);
            var headers = HeaderModel.Create(types);
            if (headers is null || types.DateTime is null || types.DateTimeOffset is null)
            {
                return;
            }

            var analyzer = new Analyzer(types, headers);
            // Header writes are analysed only in the types of files that name a date header (HeaderFiles). A date
            // formatted into an earlier local is reported at the local's initializer, from the header write that uses it:
            // the type's whole declaration is local to its actions (TypeScopedActions), so the open document shows it.
            start.RegisterForTypes(HeaderFiles.AnyDeclaration, type =>
            {
                type.RegisterOperationAction(analyzer.AnalyzeAssignment, OperationKind.SimpleAssignment);
                type.RegisterOperationAction(analyzer.AnalyzeInvocation, OperationKind.Invocation);
            });
        });
    }

    private sealed class Analyzer
    {
        private readonly KnownTypes _types;
        private readonly HeaderModel _headers;

        public Analyzer(KnownTypes types, HeaderModel headers)
        {
            _types = types;
            _headers = headers;
        }

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is IPropertyReferenceOperation { Property: var property } target &&
                (property.IsIndexer ? IsDateHeaderIndexer(target) : property.Name is "LastModified" or "Expires" or "Date" or "IfModifiedSince" or "IfUnmodifiedSince" or "RetryAfter" && IsStringValuesProperty(property)) &&
                _headers.TryGetWrite(assignment, out var write))
            {
                AnalyzeWrite(context, write);
            }
        }

        /// <summary>
        /// A header dictionary's own property (<c>Headers.LastModified</c>, a <c>StringValues</c>): a typed header
        /// (<c>GetTypedHeaders().LastModified</c>, a date) is never a formatted string, and is not read further.
        /// </summary>
        private bool IsStringValuesProperty(IPropertySymbol property) => property.Type.Is(_types.StringValues);

        /// <summary>An indexer write whose header name (a constant, cheap to read) is a date header: checked before the collection's type.</summary>
        private bool IsDateHeaderIndexer(IPropertyReferenceOperation target)
            => target.Arguments.Length == 1 && _headers.GetHeaderName(target.Arguments[0].Value) is { } name && IsDateHeader(name);

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name is "Append" or "Add" or "TryAdd" or "TryAddWithoutValidation" && _headers.TryGetWrite(invocation, out var write))
            {
                AnalyzeWrite(context, write);
            }
        }

        private void AnalyzeWrite(OperationAnalysisContext context, HeaderWrite write)
        {
            if (write.Kind == HeaderWriteKind.Typed || !IsDateHeader(write.Name))
            {
                return;
            }

            foreach (var element in HeaderValues.Elements(write.Value))
            {
                AnalyzeValue(context, write, element, 0);
            }
        }

        private void AnalyzeValue(OperationAnalysisContext context, HeaderWrite write, IOperation value, int depth)
        {
            if (depth > 3)
            {
                return;
            }

            value = value.WalkDownConversions();
            switch (value)
            {
                case IInvocationOperation { TargetMethod.Name: "ToString", Instance: { } instance } toString when IsDate(instance.Type):
                    AnalyzeToString(context, write, toString, instance, depth == 0 && value == write.Value.WalkDownConversions());
                    break;
                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        if (part is IInterpolationOperation { Alignment: null } interpolation && IsDate(interpolation.Expression.WalkDownConversions().Type))
                        {
                            var format = interpolation.FormatString?.ConstantValue is { HasValue: true, Value: string f } ? f : null;
                            if (interpolation.FormatString is not null && format is null)
                            {
                                continue;
                            }

                            Judge(context, write, interpolation, interpolation.Expression.WalkDownConversions(), format, hasProvider: false, wholeValue: false);
                        }
                    }

                    break;
                case ILocalReferenceOperation local when LocalValues.GetSingleValue(local) is { } assigned:
                    AnalyzeValue(context, write, assigned, depth + 1);
                    break;
            }
        }

        private void AnalyzeToString(OperationAnalysisContext context, HeaderWrite write, IInvocationOperation toString, IOperation instance, bool wholeValue)
        {
            string? format = null;
            var hasProvider = false;
            foreach (var argument in toString.Arguments)
            {
                if (argument.Value.Type?.SpecialType == SpecialType.System_String)
                {
                    if (argument.Value.ConstantValue is { HasValue: true, Value: string f })
                    {
                        format = f;
                    }
                    else if (argument.ArgumentKind != ArgumentKind.DefaultValue)
                    {
                        return; // format not known
                    }
                }
                else if (argument.ArgumentKind != ArgumentKind.DefaultValue && !(argument.Value.WalkDownConversions().ConstantValue is { HasValue: true, Value: null }))
                {
                    hasProvider = true;
                }
            }

            Judge(context, write, toString, instance.WalkDownConversions(), format, hasProvider, wholeValue);
        }

        private void Judge(OperationAnalysisContext context, HeaderWrite write, IOperation site, IOperation date, string? format, bool hasProvider, bool wholeValue)
        {
            var header = write.Name;
            var isOffset = date.Type.Is(_types.DateTimeOffset);
            string problem;
            if (format is null || format.Length == 0)
            {
                problem = "is formatted with the current culture's default date format";
            }
            else if (format is "R" or "r")
            {
                if (isOffset || !IsLocalTime(date, 0))
                {
                    return;
                }

                problem = "is a local time formatted with 'R', which labels it GMT without converting it";
            }
            else if (format.IndexOf("GMT", StringComparison.Ordinal) >= 0 && hasProvider)
            {
                // A hand-written IMF-fixdate pattern with an explicit (invariant) culture: fine for UTC values.
                if (isOffset || !IsLocalTime(date, 0))
                {
                    return;
                }

                problem = "is a local time labelled GMT";
            }
            else if (format.IndexOf("GMT", StringComparison.Ordinal) >= 0)
            {
                problem = "uses the current culture's day and month names";
            }
            else
            {
                problem = "uses the format '" + format + "', which is not IMF-fixdate";
            }

            var utc = isOffset || IsUtc(date);
            var properties = ImmutableDictionary<string, string?>.Empty.Add(CachingFixData.Utc, utc ? CachingFixData.True : CachingFixData.False);
            var locations = ImmutableArray<Location>.Empty;
            var typed = TypedProperty(header);
            if (wholeValue && typed is not null && write.Side == HeaderSide.Response && write.Owner is { } owner &&
                write.Owner.Type.InheritsFromOrEquals(_types.HttpResponse) && write.Operation.Parent is IExpressionStatementOperation)
            {
                properties = properties.Add(CachingFixData.TypedHeader, typed);
                locations = ImmutableArray.Create(write.Operation.Syntax.GetLocation(), owner.Syntax.GetLocation(), date.Syntax.GetLocation());
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.HttpDateLocalFormat, site.Syntax.GetLocation(), locations, properties, header, problem));
        }

        private static string? TypedProperty(string header)
        {
            if (string.Equals(header, "Last-Modified", StringComparison.OrdinalIgnoreCase))
            {
                return "LastModified";
            }

            if (string.Equals(header, "Expires", StringComparison.OrdinalIgnoreCase))
            {
                return "Expires";
            }

            return string.Equals(header, "Date", StringComparison.OrdinalIgnoreCase) ? "Date" : null;
        }

        private bool IsDate(ITypeSymbol? type) => type is not null && (type.Is(_types.DateTime) || type.Is(_types.DateTimeOffset));

        /// <summary><c>DateTime.Now</c>, <c>DateTime.Today</c>, <c>FileSystemInfo.LastWriteTime</c>…, <c>File.GetLastWriteTime(…)</c>…, or a local assigned once from one.</summary>
        private bool IsLocalTime(IOperation date, int depth)
        {
            date = date.WalkDownConversions();
            switch (date)
            {
                case IPropertyReferenceOperation { Property: var property }:
                    if (property.IsStatic && property.Name is "Now" or "Today" && property.ContainingType.Is(_types.DateTime))
                    {
                        return true;
                    }

                    if (property.Name == "Date" && !property.IsStatic && property.ContainingType.Is(_types.DateTime) && date is IPropertyReferenceOperation { Instance: { } dateOf })
                    {
                        return depth < 3 && IsLocalTime(dateOf, depth + 1);
                    }

                    return property.Name is "LastWriteTime" or "CreationTime" or "LastAccessTime" && property.ContainingType.InheritsFromOrEquals(_types.FileSystemInfo);
                case IInvocationOperation { TargetMethod: var method } invocation:
                    if (!method.IsStatic && method.ContainingType.Is(_types.DateTime) && invocation.Instance is { } instance)
                    {
                        // AddHours(…), AddDays(…) keep the kind; ToLocalTime() makes it local.
                        return method.Name == "ToLocalTime" || (method.Name != "ToUniversalTime" && depth < 3 && IsLocalTime(instance, depth + 1));
                    }

                    return method.Name is "GetLastWriteTime" or "GetCreationTime" or "GetLastAccessTime" &&
                           (method.ContainingType.Is(_types.File) || method.ContainingType.Is(_types.Directory));
                case ILocalReferenceOperation local when depth < 3:
                    return LocalValues.GetSingleValue(local) is { } value && IsLocalTime(value, depth + 1);
                default:
                    return false;
            }
        }

        /// <summary><c>DateTime.UtcNow</c>, <c>x.ToUniversalTime()</c>, <c>…Utc</c> file times.</summary>
        private bool IsUtc(IOperation date)
        {
            date = date.WalkDownConversions();
            return date switch
            {
                IPropertyReferenceOperation { Property: { Name: "UtcNow" or "UtcDateTime" } property } => IsDate(property.ContainingType),
                IPropertyReferenceOperation { Property: { Name: "LastWriteTimeUtc" or "CreationTimeUtc" or "LastAccessTimeUtc" } property } => property.ContainingType.InheritsFromOrEquals(_types.FileSystemInfo),
                IInvocationOperation { TargetMethod: { Name: "ToUniversalTime" } method } => IsDate(method.ContainingType),
                IInvocationOperation { TargetMethod: { Name: "GetLastWriteTimeUtc" or "GetCreationTimeUtc" or "GetLastAccessTimeUtc" } method } => method.ContainingType.Is(_types.File) || method.ContainingType.Is(_types.Directory),
                _ => false,
            };
        }
    }
}
