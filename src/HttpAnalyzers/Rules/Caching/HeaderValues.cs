using System;
using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Caching;

/// <summary>The directives of a header value whose text is known (<c>no-cache</c>, <c>max-age=60</c>, …).</summary>
internal readonly struct HeaderDirectives
{
    private readonly ImmutableArray<string> _names;

    public HeaderDirectives(ImmutableArray<string> names, bool complete)
    {
        _names = names;
        IsComplete = complete;
    }

    /// <summary>The directive names, lower-case, arguments dropped; a directive with an argument keeps a trailing <c>=</c> (<c>no-cache=</c>).</summary>
    public ImmutableArray<string> Names => _names.IsDefault ? ImmutableArray<string>.Empty : _names;

    /// <summary>False when part of the value is a string hole whose text is unknown (it could hold any directive).</summary>
    public bool IsComplete { get; }

    public bool Has(string directive)
    {
        foreach (var name in Names)
        {
            if (string.Equals(name, directive, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A directive given with an argument (<c>s-maxage=60</c>) or without.</summary>
    public bool HasWithOrWithoutArgument(string directive)
    {
        foreach (var name in Names)
        {
            // "private" or "private=", without building the second string.
            if (name.Length == directive.Length
                    ? string.Equals(name, directive, StringComparison.Ordinal)
                    : name.Length == directive.Length + 1 && name[directive.Length] == '=' && name.StartsWith(directive, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Constant-value evaluation of header value expressions: literals, constants, interpolations and concatenations
/// (through <see cref="StringShape"/>), string arrays / collection expressions / <c>new StringValues(…)</c>, and
/// comma-separated directive parsing.
/// </summary>
internal static class HeaderValues
{
    /// <summary>The string expressions that make up a header value: the value itself, or the elements of a <c>string[]</c> / <c>StringValues</c>.</summary>
    public static ImmutableArray<IOperation> Elements(IOperation value)
    {
        value = value.WalkDownConversions();
        switch (value)
        {
            // new StringValues(string) / new StringValues(string[]): the header value struct.
            case IObjectCreationOperation { Arguments.Length: 1, Type.IsValueType: true } creation
                when creation.Arguments[0].Value.WalkDownConversions().Type is { SpecialType: SpecialType.System_String } or IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String }:
                return Elements(creation.Arguments[0].Value);
            case IArrayCreationOperation { Initializer: { } initializer }:
                return initializer.ElementValues;
            case ICollectionExpressionOperation collection:
                return collection.Elements;
            default:
                return ImmutableArray.Create(value);
        }
    }

    /// <summary>
    /// The directives of a string value, or null when the value is not a constant, interpolation or concatenation.
    /// Holes of non-string types (numbers, <c>TimeSpan</c>) stand for an argument value; string holes make the result incomplete.
    /// </summary>
    public static HeaderDirectives? Directives(IOperation element, INamedTypeSymbol? cacheControlHeaderValue = null)
    {
        if (cacheControlHeaderValue is not null && DirectiveField(element, cacheControlHeaderValue) is { } field)
        {
            return Parse(field, complete: true);
        }

        // A constant (the common case: a literal or a const) is its own text; no shape to build.
        if (element.WalkDownConversions().ConstantValue is { HasValue: true, Value: string constant })
        {
            return Parse(constant, complete: true);
        }

        var shape = StringShape.Of(element);
        if (shape is null)
        {
            return null;
        }

        var complete = true;
        var text = new System.Text.StringBuilder();
        foreach (var part in shape.Parts)
        {
            if (part.IsText)
            {
                text.Append(part.Text);
            }
            else if (cacheControlHeaderValue is not null && part.Hole is { } hole && DirectiveField(hole, cacheControlHeaderValue) is { } directive)
            {
                text.Append(directive);
            }
            else
            {
                var type = part.Hole?.WalkDownConversions().Type;
                if (type is null || type.SpecialType is SpecialType.System_String or SpecialType.System_Object or SpecialType.System_Char || type.TypeKind == TypeKind.Error)
                {
                    complete = false;
                }

                text.Append('0');
            }
        }

        return Parse(text.ToString(), complete);
    }

    /// <summary>
    /// The directive held by a <c>CacheControlHeaderValue.NoCacheString</c>-style field (<c>static readonly</c>, so not a
    /// compile-time constant): <c>NoCacheString</c> → <c>no-cache</c>, <c>SharedMaxAgeString</c> → <c>s-maxage</c>.
    /// </summary>
    public static string? DirectiveField(IOperation operation, INamedTypeSymbol cacheControlHeaderValue)
    {
        if (operation.WalkDownConversions() is not IFieldReferenceOperation { Field: { IsStatic: true, Type.SpecialType: SpecialType.System_String } field } ||
            !field.Name.EndsWith("String", StringComparison.Ordinal) ||
            !SymbolEqualityComparer.Default.Equals(field.ContainingType, cacheControlHeaderValue))
        {
            return null;
        }

        var name = field.Name.Substring(0, field.Name.Length - "String".Length);
        if (name == "SharedMaxAge")
        {
            return "s-maxage";
        }

        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }

    /// <summary>The locations of the <c>CacheControlHeaderValue</c> fields in a value that hold <paramref name="directive"/> (<c>NoCacheString</c> for <c>no-cache</c>).</summary>
    public static ImmutableArray<Location> DirectiveFieldLocations(IOperation value, INamedTypeSymbol? cacheControlHeaderValue, string directive)
    {
        if (cacheControlHeaderValue is null)
        {
            return ImmutableArray<Location>.Empty;
        }

        var builder = ImmutableArray.CreateBuilder<Location>();
        foreach (var operation in OperationWalk.Of(value))
        {
            if (operation is IFieldReferenceOperation && DirectiveField(operation, cacheControlHeaderValue) == directive)
            {
                builder.Add(operation.Syntax.GetLocation());
            }
        }

        return builder.ToImmutable();
    }

    public static HeaderDirectives Parse(string value, bool complete)
    {
        if (!ParsedNames.TryGetValue(value, out var names))
        {
            names = ParseNames(value);
            if (ParsedNames.Count < MaxParsed)
            {
                ParsedNames.TryAdd(value, names);
            }
        }

        return new HeaderDirectives(names, complete);
    }

    // The same few values ("no-cache", "public, max-age=60") are written all over an app; each is split once. Bounded, so
    // that a long-lived host does not keep every value it ever saw.
    private const int MaxParsed = 4096;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ImmutableArray<string>> ParsedNames = new(StringComparer.Ordinal);

    private static ImmutableArray<string> ParseNames(string value)
    {
        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var raw in value.Split(','))
        {
            var directive = raw.Trim();
            if (directive.Length == 0)
            {
                continue;
            }

            var equals = directive.IndexOf('=');
            var name = equals < 0 ? directive : directive.Substring(0, equals).Trim() + "=";
            builder.Add(name.ToLowerInvariant());
        }

        return builder.ToImmutable();
    }
}
