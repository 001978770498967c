using System;
using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Caching;

/// <summary>
/// HTTP0012: an ETag header written with a value that is not a quoted string, or <c>new EntityTagHeaderValue(x)</c>
/// (either namespace) with an unquoted <c>x</c>, which throws <c>FormatException</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ETagAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UnquotedETag);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var types = KnownTypes.Get(start.Compilation);
            var headers = HeaderModel.Create(types);
            var tag = types.EntityTagHeaderValue;
            var systemTag = types.SystemEntityTagHeaderValue;
            if (tag is null && systemTag is null)
            {
                return;
            }

            var analyzer = new Analyzer(types, headers);
            // Each action exists only in the types of files that write what it looks for (TypeScopedActions): the header's
            // name for a header write, the type's name for a creation (in it, or in the declaration of a target-typed new()).
            if (headers is not null)
            {
                start.RegisterForTypes(HeaderFiles.AnyDeclaration, type =>
                {
                    type.RegisterOperationAction(analyzer.AnalyzeAssignment, OperationKind.SimpleAssignment);
                    type.RegisterOperationAction(analyzer.AnalyzeInvocation, OperationKind.Invocation);
                });
            }

            start.RegisterForTypes(CreationFiles.AnyDeclaration, type => type.RegisterOperationAction(analyzer.AnalyzeCreation, OperationKind.ObjectCreation));
        });
    }

    /// <summary>
    /// The words of a file that can write the ETag header: its name as a string (<c>"ETag"</c>, in any usual case) or a
    /// property (<c>HeaderNames.ETag</c>, <c>Headers.ETag</c>). A name held in a constant declared in another file is not seen.
    /// </summary>
    private static readonly FileWords HeaderFiles = new("ETag", "Etag", "etag", "ETAG");

    private static readonly FileWords CreationFiles = new("EntityTagHeaderValue");

    internal enum Quoting
    {
        Unknown,
        Quoted,
        Unquoted,
    }

    private sealed class Analyzer
    {
        private static readonly ImmutableDictionary<string, string?> QuoteFix = CachingFixData.Properties(CachingFixData.Quote);

        private readonly KnownTypes _types;
        private readonly HeaderModel? _headers;

        public Analyzer(KnownTypes types, HeaderModel? headers)
        {
            _types = types;
            _headers = headers;
        }

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;

            // A header dictionary's ETag is a StringValues; a typed one (GetTypedHeaders().ETag) is not read, so its write is not built.
            if (assignment.Target is IPropertyReferenceOperation { Property: var property } &&
                (property.IsIndexer || (property.Name == "ETag" && property.Type.Is(_types.StringValues))) &&
                _headers!.TryGetWrite(assignment, "ETag", null, out var write))
            {
                AnalyzeWrite(context, write);
            }
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name is "Append" or "Add" or "TryAdd" or "TryAddWithoutValidation" && _headers!.TryGetWrite(invocation, "ETag", null, out var write))
            {
                AnalyzeWrite(context, write);
            }
        }

        private void AnalyzeWrite(OperationAnalysisContext context, HeaderWrite write)
        {
            if (write.Kind == HeaderWriteKind.Typed || write.Side != HeaderSide.Response || !write.Is("ETag"))
            {
                return;
            }

            foreach (var element in HeaderValues.Elements(write.Value))
            {
                if (element.Type?.SpecialType == SpecialType.System_String && Evaluate(element, 0) == Quoting.Unquoted)
                {
                    var location = element.Syntax.GetLocation();
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.UnquotedETag,
                        location,
                        ImmutableArray.Create(location),
                        QuoteFix,
                        "ETag header value '" + Shorten(element.Syntax.ToString()) + "'",
                        "conditional requests parse If-None-Match as quoted entity tags, so revalidation never produces a 304"));
                }
            }
        }

        public void AnalyzeCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            var type = creation.Type;
            if (type is null || type.Name != "EntityTagHeaderValue" || !(type.Is(_types.EntityTagHeaderValue) || type.Is(_types.SystemEntityTagHeaderValue)))
            {
                return;
            }

            if (creation.Arguments.Length == 0 || creation.Arguments[0].Parameter?.Ordinal != 0)
            {
                return;
            }

            var tag = creation.Arguments[0].Value;
            if (Evaluate(tag, 0) == Quoting.Unquoted)
            {
                var location = tag.Syntax.GetLocation();
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.UnquotedETag,
                    location,
                    ImmutableArray.Create(location),
                    QuoteFix,
                    "Entity tag '" + Shorten(tag.Syntax.ToString()) + "'",
                    "'new EntityTagHeaderValue(…)' throws FormatException at run time"));
            }
        }

        private static string Shorten(string text)
        {
            text = text.Replace("\r", string.Empty).Replace("\n", " ");
            return text.Length <= 40 ? text : text.Substring(0, 37) + "...";
        }

        /// <summary>Whether a string expression is known to be a quoted entity tag, known not to be, or unknown.</summary>
        private Quoting Evaluate(IOperation value, int depth)
        {
            if (depth > 4)
            {
                return Quoting.Unknown;
            }

            value = value.WalkDownConversions();
            if (value.ConstantValue.HasValue)
            {
                return value.ConstantValue.Value is string constant ? Classify(constant) : Quoting.Unknown;
            }

            switch (value)
            {
                case IInterpolatedStringOperation or IBinaryOperation { OperatorKind: BinaryOperatorKind.Add }:
                    return EvaluateShape(StringShape.Of(value), depth);
                case IPropertyReferenceOperation { Property.Name: "Tag" } property when IsTagType(property.Property.ContainingType):
                    return Quoting.Quoted;
                case IInvocationOperation { TargetMethod.Name: "ToString", Instance: not null } toString:
                    var receiver = toString.Instance?.WalkDownConversions();
                    if (receiver is null)
                    {
                        return Quoting.Unknown;
                    }

                    if (receiver.Type.Is(_types.StringBuilder))
                    {
                        return IsQuoteFreeCall(toString, depth) ? Quoting.Unquoted : Quoting.Unknown;
                    }

                    if (IsTagType(receiver.Type) || Evaluate(receiver, depth + 1) == Quoting.Quoted)
                    {
                        return Quoting.Quoted;
                    }

                    if (receiver.Type?.SpecialType == SpecialType.System_String)
                    {
                        return Evaluate(receiver, depth + 1);
                    }

                    return receiver.Type is { IsValueType: true } ? Quoting.Unquoted : Quoting.Unknown;
                case IInvocationOperation encode when encode.TargetMethod.ReturnType.SpecialType == SpecialType.System_String && IsEncoder(encode.TargetMethod.ContainingType):
                    return Quoting.Unquoted; // Convert.ToBase64String(hash), Convert.ToHexString(hash), BitConverter.ToString(hash), WebEncoders.Base64UrlEncode(hash)
                case ILocalReferenceOperation local:
                    var assigned = LocalValues.GetSingleValue(local);
                    return assigned is null ? Quoting.Unknown : Evaluate(assigned, depth + 1);
                case IInvocationOperation built when IsQuoteFree(built, depth):
                    return Quoting.Unquoted; // string.Concat(hash.Select(b => b.ToString("x2"))), hex.Replace("-", ""), a StringBuilder of hex digits
                default:
                    return Quoting.Unknown;
            }
        }

        /// <summary>
        /// The string is built from parts that cannot hold a quote: encoded hashes, formatted numbers and Guids, constants
        /// without '"', joined by <c>string.Concat</c>/<c>string.Join</c> (also of a <c>Select</c>), a <c>StringBuilder</c>
        /// that only appends such parts, or changed by <c>Replace</c>/<c>ToLowerInvariant</c>/<c>Trim</c>… with such arguments.
        /// </summary>
        private bool IsQuoteFree(IOperation? value, int depth)
        {
            if (value is null || depth > 6)
            {
                return false;
            }

            value = value.WalkDownConversions();
            if (value.ConstantValue.HasValue)
            {
                return value.ConstantValue.Value switch
                {
                    string text => text.IndexOf('"') < 0,
                    char c => c != '"',
                    null => false,
                    _ => true, // a number
                };
            }

            var type = value.Type;
            if (type is { IsValueType: true, IsRefLikeType: false } && type.SpecialType != SpecialType.System_Char && !IsTagType(type) && !type.Is(_types.StringSegment))
            {
                return true; // a number, a Guid or a date formatted without a format string
            }

            switch (value)
            {
                case ILocalReferenceOperation local:
                    var assigned = LocalValues.GetSingleValue(local);
                    if (assigned?.WalkDownConversions() is IObjectCreationOperation builder && builder.Type.Is(_types.StringBuilder))
                    {
                        return false; // the builder itself is not a string
                    }

                    return IsQuoteFree(assigned, depth + 1);
                case IFieldReferenceOperation { Field: { IsStatic: true, Name: "Empty" } field } when field.ContainingType.SpecialType == SpecialType.System_String:
                    return true;
                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        if (part is IInterpolatedStringTextOperation text ? !IsQuoteFree(text.Text, depth + 1) : part is IInterpolationOperation hole && !IsQuoteFree(hole.Expression, depth + 1))
                        {
                            return false;
                        }
                    }

                    return true;
                case IInvocationOperation invocation:
                    return IsQuoteFreeCall(invocation, depth);
                default:
                    return false;
            }
        }

        private bool IsQuoteFreeCall(IInvocationOperation invocation, int depth)
        {
            var method = invocation.TargetMethod;
            if (method.ReturnType.SpecialType == SpecialType.System_String && IsEncoder(method.ContainingType))
            {
                return true;
            }

            var receiver = invocation.Instance?.WalkDownConversions();
            switch (method.Name)
            {
                case "ToString" when receiver is not null:
                    if (receiver.Type.Is(_types.StringBuilder))
                    {
                        return receiver is ILocalReferenceOperation builder && BuilderIsQuoteFree(builder, depth);
                    }

                    return receiver.Type is { IsValueType: true } && receiver.Type.SpecialType != SpecialType.System_Char && !IsTagType(receiver.Type) &&
                           ArgumentsAreQuoteFree(invocation, depth);
                case "Concat" or "Join" when method.IsStatic && method.ContainingType.SpecialType == SpecialType.System_String:
                    return ArgumentsAreQuoteFree(invocation, depth);
                case "Replace" or "ToLower" or "ToLowerInvariant" or "ToUpper" or "ToUpperInvariant" or "Trim" or "TrimEnd" or "TrimStart" or "Substring" or "Remove"
                    when receiver is not null && method.ContainingType.SpecialType == SpecialType.System_String:
                    return IsQuoteFree(receiver, depth + 1) && ArgumentsAreQuoteFree(invocation, depth);
                case "Select" when method.IsExtensionMethod:
                    // hash.Select(b => b.ToString("x2")): the elements are what the lambda returns.
                    var selector = invocation.Arguments.Length == 2 ? invocation.Arguments[1].Value.WalkDownConversions() : null;
                    if (selector is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
                    {
                        foreach (var operation in OperationWalk.Below(lambda.Body))
                        {
                            if (operation is IReturnOperation returned && !IsQuoteFree(returned.ReturnedValue, depth + 1))
                            {
                                return false;
                            }
                        }

                        return true;
                    }

                    return false;
                default:
                    return false;
            }
        }

        private bool ArgumentsAreQuoteFree(IInvocationOperation invocation, int depth)
        {
            foreach (var argument in invocation.Arguments)
            {
                var value = argument.Value.WalkDownConversions();
                if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                if (value is IArrayCreationOperation { Initializer: { } elements })
                {
                    foreach (var element in elements.ElementValues)
                    {
                        if (!IsQuoteFree(element, depth + 1))
                        {
                            return false;
                        }
                    }
                }
                else if (argument.Parameter?.Type.Is(_types.IFormatProvider) != true && !IsQuoteFree(value, depth + 1))
                {
                    return false; // a format provider says nothing about quotes
                }
            }

            return true;
        }

        /// <summary>A <c>new StringBuilder()</c> local whose every use in the method appends quote-free parts (<c>sb.Append(b.ToString("x2"))</c>).</summary>
        private bool BuilderIsQuoteFree(ILocalReferenceOperation builder, int depth)
        {
            if (LocalValues.GetSingleValue(builder)?.WalkDownConversions() is not IObjectCreationOperation creation || !creation.Type.Is(_types.StringBuilder))
            {
                return false;
            }

            foreach (var argument in creation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && !IsQuoteFree(argument.Value, depth + 1))
                {
                    return false;
                }
            }

            foreach (var operation in OperationWalk.Below(builder.GetRoot()))
            {
                if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, builder.Local) ||
                    operation.Parent is IVariableInitializerOperation)
                {
                    continue;
                }

                switch (operation.Parent)
                {
                    case IInvocationOperation { TargetMethod.Name: "ToString" or "Clear" } call when ReferenceEquals(call.Instance, operation) && call.Arguments.Length == 0:
                        break;
                    case IInvocationOperation { TargetMethod.Name: "Append" or "AppendFormat" } call when ReferenceEquals(call.Instance, operation):
                        if (!ArgumentsAreQuoteFree(call, depth))
                        {
                            return false;
                        }

                        break;
                    case IPropertyReferenceOperation { Property.Name: "Length" }:
                        break;
                    default:
                        return false; // handed on, or used in a way the model does not follow
                }
            }

            return true;
        }

        private Quoting EvaluateShape(StringShape? shape, int depth)
        {
            if (shape is null || shape.Parts.IsEmpty)
            {
                return Quoting.Unknown;
            }

            if (!shape.HasHoles)
            {
                return Classify(shape.ConstantValue ?? string.Empty);
            }

            var first = shape.Parts[0];
            var last = shape.Parts[shape.Parts.Length - 1];
            var begins = first.IsText
                ? (first.Text!.StartsWith("\"", StringComparison.Ordinal) || first.Text.StartsWith("W/\"", StringComparison.Ordinal) ? Quoting.Quoted : Quoting.Unquoted)
                : EvaluateHole(first.Hole!, depth);
            var ends = last.IsText
                ? (last.Text!.EndsWith("\"", StringComparison.Ordinal) ? Quoting.Quoted : Quoting.Unquoted)
                : EvaluateHole(last.Hole!, depth);
            if (begins == Quoting.Unquoted || ends == Quoting.Unquoted)
            {
                return Quoting.Unquoted;
            }

            return begins == Quoting.Quoted && ends == Quoting.Quoted ? Quoting.Quoted : Quoting.Unknown;
        }

        /// <summary>A formatted number, Guid or date never starts or ends with a quote.</summary>
        private Quoting EvaluateHole(IOperation hole, int depth)
        {
            var type = hole.WalkDownConversions().Type;
            if (type is { IsValueType: true } && type.SpecialType != SpecialType.System_Char && !IsTagType(type) && !type.Is(_types.StringSegment))
            {
                return Quoting.Unquoted;
            }

            return Evaluate(hole, depth + 1);
        }

        private static Quoting Classify(string constant)
        {
            if (constant == "*")
            {
                return Quoting.Unknown; // EntityTagHeaderValue.Any
            }

            var start = constant.StartsWith("W/", StringComparison.Ordinal) ? 2 : 0;
            return constant.Length >= start + 2 && constant[start] == '"' && constant[constant.Length - 1] == '"' ? Quoting.Quoted : Quoting.Unquoted;
        }

        private bool IsEncoder(INamedTypeSymbol? type)
            => type is not null && (type.Is(_types.Convert) || type.Is(_types.BitConverter) || type.Is(_types.WebEncoders) || type.Is(_types.Base64UrlTextEncoder));

        private bool IsTagType(ITypeSymbol? type) => type is not null && (type.Is(_types.EntityTagHeaderValue) || type.Is(_types.SystemEntityTagHeaderValue));
    }
}
