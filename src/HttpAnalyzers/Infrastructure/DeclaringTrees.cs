using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace HttpAnalyzers.Infrastructure;

/// <summary>
/// The locations of the symbol asked about last, for the file filters (<see cref="FileWords"/>, <see cref="TreeMentions"/>)
/// that every analyzer asks about the same type at its symbol start, one after another: a source symbol builds a new
/// array for each read of <see cref="ISymbol.Locations"/>. Replaced whole, never changed, so a reader on another thread
/// sees a symbol with its own locations. It keeps one symbol alive after its compilation is gone, until the next question.
/// </summary>
internal static class DeclaringTrees
{
    private static Entry? s_last;

    /// <summary>The locations of <paramref name="symbol"/> (<see cref="ISymbol.Locations"/>).</summary>
    public static ImmutableArray<Location> Of(ISymbol symbol)
    {
        var last = s_last;
        if (last is not null && ReferenceEquals(last.Symbol, symbol))
        {
            return last.Locations;
        }

        var locations = symbol.Locations;
        s_last = new Entry(symbol, locations);
        return locations;
    }

    private sealed class Entry(ISymbol symbol, ImmutableArray<Location> locations)
    {
        public ISymbol Symbol { get; } = symbol;

        public ImmutableArray<Location> Locations { get; } = locations;
    }
}
