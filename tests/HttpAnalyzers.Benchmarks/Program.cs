using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using HttpAnalyzers.Benchmarks;
using HttpAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

// Usage: dotnet run -c Release --project tests/HttpAnalyzers.Benchmarks [-- --files N --runs R --warmup W --budget PERCENT --analyzer NAME --allocations]
// `--analyzer NullAnalyzer` measures the driver's floor: what one empty invocation action costs in the telemetry.
var files = IntArg("--files", 1200);
var runs = IntArg("--runs", 3);
var budget = DoubleArg("--budget", 2.0);
var only = Array.IndexOf(args, "--analyzer") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
var analyzers = only is null
    ? TestWorkspace.Analyzers
    : TestWorkspace.Analyzers.Append(NullAnalyzer.Instance).Where(a => a.GetType().Name.Equals(only, StringComparison.OrdinalIgnoreCase)).ToImmutableArray();

var sources = CorpusGenerator.Generate(files);
var trees = sources
    .Select(s => CSharpSyntaxTree.ParseText(s.Text, TestWorkspace.ParseOptions, path: "/bench/" + s.Path))
    .Append(CSharpSyntaxTree.ParseText(TestWorkspace.ImplicitUsings, TestWorkspace.ParseOptions, path: "/bench/obj/GlobalUsings.g.cs"))
    .ToImmutableArray();
var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false);
Compilation NewCompilation() => CSharpCompilation.Create("Bench", trees, References.All, options);

var lines = sources.Sum(s => s.Text.Count(c => c == '\n'));
var errors = NewCompilation().GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
Console.WriteLine($"Corpus: {sources.Count} files, {lines:N0} lines, {errors.Count} compiler errors.");
foreach (var error in errors.Take(5))
{
    Console.WriteLine("  " + error);
}

// Warm-up: the compiler and the analyzers run before anything is timed, so that the runtime has compiled (and
// optimised the hottest of) both. More rounds (--warmup) did not make the timed runs steadier here: their spread on a
// shared machine (a quarter either way between runs of one process) is the machine's, which each run's line shows.
var warmups = IntArg("--warmup", 1);
for (var i = 0; i < warmups; i++)
{
    _ = Compile();
    _ = await Analyze(NewCompilation(), analyzers);
}

if (Array.IndexOf(args, "--allocations") >= 0)
{
    await ReportAllocations();
    return 0;
}

var compilerTimes = new List<TimeSpan>();
var analyzerTimes = new Dictionary<string, List<TimeSpan>>();
var diagnosticsCount = 0;
for (var run = 0; run < runs; run++)
{
    // The compiler's own time for the same compilation, as a build pays it: parse, bind, emit. Each measurement starts
    // from a collected heap, so that neither side pays for collecting the other's garbage.
    Settle();
    compilerTimes.Add(Compile());

    Settle();
    var (pauseBefore, collectionsBefore) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0));
    var analysis = Stopwatch.StartNew();
    var (telemetry, diagnostics) = await Analyze(NewCompilation(), analyzers);
    var runTotal = TimeSpan.Zero;
    foreach (var info in telemetry.Values)
    {
        runTotal += info.ExecutionTime;
    }

    // This run's own figures: on a shared machine the speed drifts between runs, and a run's analyzers and compiler
    // were timed seconds apart, so the run's ratio shows how far the medians below can be trusted.
    Console.WriteLine($"  run {run + 1}: compiler {compilerTimes[run].TotalMilliseconds:N0} ms, analyzers {runTotal.TotalMilliseconds:N1} ms ({100 * runTotal.TotalMilliseconds / compilerTimes[run].TotalMilliseconds:N2}%); analysis (the driver's binding included) {analysis.ElapsedMilliseconds:N0} ms wall clock; {GC.CollectionCount(0) - collectionsBefore} collections during it, {(GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds:N0} ms paused (a pause is charged to whichever callback was running)");
    diagnosticsCount = diagnostics;
    foreach (var (analyzer, info) in telemetry)
    {
        var name = analyzer.GetType().Name;
        if (!analyzerTimes.TryGetValue(name, out var list))
        {
            analyzerTimes[name] = list = [];
        }

        list.Add(info.ExecutionTime);
    }
}

var compiler = Median(compilerTimes);
Console.WriteLine($"Compiler (parse, bind, emit; median of {runs}): {compiler.TotalMilliseconds:N0} ms");
Console.WriteLine($"{"Analyzer",-44} {"ms",10} {"% of compiler",14}");
var total = TimeSpan.Zero;
foreach (var (name, list) in analyzerTimes.OrderByDescending(x => Median(x.Value)))
{
    var median = Median(list);
    total += median;
    Console.WriteLine($"{name,-44} {median.TotalMilliseconds,10:N1} {Percent(median),13:N2}%");
}

Console.WriteLine($"{"All analyzers",-44} {total.TotalMilliseconds,10:N1} {Percent(total),13:N2}%   ({diagnosticsCount} diagnostics)");
var ok = Percent(total) <= budget;
Console.WriteLine(ok ? $"Within the budget of {budget}% of the compiler's time." : $"OVER the budget of {budget}% of the compiler's time.");
return ok ? 0 : 1;

// Bytes allocated by each analyzer alone, above what the driver allocates for an analyzer that registers an empty
// operation action (the driver then binds every body and builds its operations). Allocations are what the telemetry's
// wall clock pays for twice: a collection pauses whichever callback allocated past the budget.
async Task ReportAllocations()
{
    var baseline = await Allocated(NullAnalyzer.Instance);
    Console.WriteLine($"Driver with an empty operation action: {baseline / 1048576.0:N1} MB");
    Console.WriteLine($"{"Analyzer",-44} {"MB above it",12}");
    var rows = new List<(string Name, long Bytes)>();
    foreach (var analyzer in analyzers)
    {
        rows.Add((analyzer.GetType().Name, await Allocated(analyzer) - baseline));
    }

    foreach (var (name, bytes) in rows.OrderByDescending(r => r.Bytes))
    {
        Console.WriteLine($"{name,-44} {bytes / 1048576.0,12:N2}");
    }

    // Below zero: an analyzer whose operation actions exist only in some files, so the driver builds fewer operations.
    Console.WriteLine($"{"All analyzers (those above the floor)",-44} {rows.Sum(r => Math.Max(r.Bytes, 0)) / 1048576.0,12:N2}");
}

async Task<long> Allocated(DiagnosticAnalyzer analyzer)
{
    var best = long.MaxValue;
    for (var run = 0; run < runs; run++)
    {
        var compilation = NewCompilation();
        _ = compilation.Assembly;
        _ = compilation.GlobalNamespace;
        Settle();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        _ = await Analyze(compilation, [analyzer]);
        best = Math.Min(best, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    return best;
}

TimeSpan Compile()
{
    var stopwatch = Stopwatch.StartNew();
    var parsed = sources
        .Select(s => CSharpSyntaxTree.ParseText(s.Text, TestWorkspace.ParseOptions, path: "/bench/" + s.Path))
        .Append(CSharpSyntaxTree.ParseText(TestWorkspace.ImplicitUsings, TestWorkspace.ParseOptions, path: "/bench/obj/GlobalUsings.g.cs"));
    using (var peStream = new MemoryStream())
    {
        CSharpCompilation.Create("Bench", parsed, References.All, options).Emit(peStream);
    }

    return stopwatch.Elapsed;
}

static void Settle()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
}

double Percent(TimeSpan t) => 100.0 * t.TotalMilliseconds / compiler.TotalMilliseconds;

static TimeSpan Median(List<TimeSpan> values)
{
    var sorted = values.OrderBy(x => x).ToList();
    return sorted[sorted.Count / 2];
}

static async Task<(ImmutableDictionary<DiagnosticAnalyzer, AnalyzerTelemetryInfo> Telemetry, int Diagnostics)> Analyze(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
{
    if (analyzers.IsEmpty)
    {
        return (ImmutableDictionary<DiagnosticAnalyzer, AnalyzerTelemetryInfo>.Empty, 0);
    }

    // The compiler's own set-up (reference binding, the declaration table, the global namespace merged over every
    // reference, which binding the first name needs), which a build has done before any analyzer runs: without this the
    // first analyzer to touch a symbol is charged for it (about 2 ms for the global namespace alone).
    _ = compilation.Assembly;
    _ = compilation.GlobalNamespace;
    var withAnalyzers = compilation.WithAnalyzers(
        analyzers,
        new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
    var result = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None);
    return (result.AnalyzerTelemetryInfo, result.GetAllDiagnostics().Length);
}

int IntArg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;

double DoubleArg(string name, double fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length && double.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
