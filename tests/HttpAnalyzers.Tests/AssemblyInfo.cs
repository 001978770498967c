using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("HttpAnalyzers.Benchmarks")]
