using System;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Infrastructure;

/// <summary>One piece of a string expression: visible text, or a hole whose value is not known at compile time.</summary>
internal readonly struct StringPart
{
    private StringPart(string? text, IOperation? hole)
    {
        Text = text;
        Hole = hole;
    }

    public string? Text { get; }

    public IOperation? Hole { get; }

    public bool IsText => Text is not null;

    public static StringPart FromText(string text) => new(text, null);

    public static StringPart FromHole(IOperation hole) => new(null, hole);
}

/// <summary>
/// The visible text of a string expression: constants (literals, <c>const</c> fields, constant concatenations),
/// interpolated strings and concatenations, as a sequence of text pieces and holes. Rules use it to see what a
/// header value or URI will certainly look like (its leading/trailing text, its literal parts) without guessing
/// what the holes hold.
/// </summary>
internal sealed class StringShape
{
    private StringShape(ImmutableArray<StringPart> parts) => Parts = parts;

    public ImmutableArray<StringPart> Parts { get; }

    /// <summary>The whole value when it has no hole.</summary>
    public string? ConstantValue => Parts.Length == 1 && Parts[0].IsText ? Parts[0].Text : Parts.Length == 0 ? string.Empty : null;

    public bool HasHoles
    {
        get
        {
            foreach (var part in Parts)
            {
                if (!part.IsText)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The text before the first hole (the whole value when constant).</summary>
    public string LeadingText => Parts.Length > 0 && Parts[0].IsText ? Parts[0].Text! : string.Empty;

    /// <summary>The text after the last hole (the whole value when constant).</summary>
    public string TrailingText => Parts.Length > 0 && Parts[Parts.Length - 1].IsText ? Parts[Parts.Length - 1].Text! : string.Empty;

    /// <summary>
    /// The shape of <paramref name="operation"/>, or <c>null</c> when it is not a string-valued constant,
    /// interpolation or concatenation (any other expression is wholly unknown).
    /// </summary>
    public static StringShape? Of(IOperation? operation)
    {
        if (operation is null)
        {
            return null;
        }

        operation = operation.WalkDownConversions();
        if (operation.ConstantValue.HasValue)
        {
            return operation.ConstantValue.Value is string s ? new StringShape(ImmutableArray.Create(StringPart.FromText(s))) : null;
        }

        if (operation is not (IInterpolatedStringOperation or IBinaryOperation { OperatorKind: BinaryOperatorKind.Add }) ||
            operation.Type?.SpecialType != SpecialType.System_String)
        {
            return null;
        }

        var builder = new Builder();
        builder.Append(operation);
        return new StringShape(builder.ToImmutable());
    }

    private sealed class Builder
    {
        private readonly ImmutableArray<StringPart>.Builder _parts = ImmutableArray.CreateBuilder<StringPart>();
        private readonly StringBuilder _text = new();

        public void Append(IOperation operation)
        {
            operation = operation.WalkDownConversions();
            if (operation.ConstantValue.HasValue)
            {
                AppendConstant(operation.ConstantValue.Value, operation);
                return;
            }

            switch (operation)
            {
                case IInterpolatedStringOperation interpolated:
                    foreach (var content in interpolated.Parts)
                    {
                        switch (content)
                        {
                            case IInterpolatedStringTextOperation text:
                                AppendConstant(text.Text.ConstantValue.HasValue ? text.Text.ConstantValue.Value : null, text);
                                break;
                            case IInterpolationOperation { Alignment: null, FormatString: null } interpolation:
                                Append(interpolation.Expression);
                                break;
                            default:
                                AppendHole(content);
                                break;
                        }
                    }

                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                    Append(binary.LeftOperand);
                    Append(binary.RightOperand);
                    break;
                default:
                    AppendHole(operation);
                    break;
            }
        }

        private void AppendConstant(object? value, IOperation operation)
        {
            switch (value)
            {
                case string s:
                    _text.Append(s);
                    break;
                case char c:
                    _text.Append(c);
                    break;
                case null when operation.Type?.SpecialType == SpecialType.System_String:
                    break; // null concatenates as empty
                case IFormattable formattable:
                    _text.Append(formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    AppendHole(operation);
                    break;
            }
        }

        private void AppendHole(IOperation operation)
        {
            FlushText();
            _parts.Add(StringPart.FromHole(operation));
        }

        private void FlushText()
        {
            if (_text.Length > 0)
            {
                _parts.Add(StringPart.FromText(_text.ToString()));
                _text.Clear();
            }
        }

        public ImmutableArray<StringPart> ToImmutable()
        {
            FlushText();
            return _parts.ToImmutable();
        }
    }
}
