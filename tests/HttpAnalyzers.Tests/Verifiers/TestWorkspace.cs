using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using HttpAnalyzers.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace HttpAnalyzers.Tests.Verifiers;

/// <summary>
/// Builds test projects the way a Web SDK project compiles (implicit usings, nullable, latest language version,
/// console output for top-level statements, options from an in-memory .editorconfig) and runs every analyzer of
/// the package on them.
/// </summary>
internal static class TestWorkspace
{
    public const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Net.Http.Json;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        global using global::Microsoft.AspNetCore.Builder;
        global using global::Microsoft.AspNetCore.Hosting;
        global using global::Microsoft.AspNetCore.Http;
        global using global::Microsoft.AspNetCore.Routing;
        global using global::Microsoft.Extensions.Configuration;
        global using global::Microsoft.Extensions.DependencyInjection;
        global using global::Microsoft.Extensions.Hosting;
        global using global::Microsoft.Extensions.Logging;

        """;

    public const string ImplicitUsingsPath = "/src/obj/GlobalUsings.g.cs";

    public const string EditorConfigPath = "/src/.editorconfig";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>Every analyzer the package ships.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = typeof(Descriptors).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>Every code fix provider the package ships.</summary>
    public static ImmutableArray<CodeFixProvider> CodeFixProviders { get; } = typeof(CodeFixesAssembly).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static string PathOf(int index) => $"/src/Test{index}.cs";

    /// <summary>
    /// The in-memory .editorconfig: LF line endings (as the test sources have: a fix must keep the document's line
    /// endings) and <paramref name="lines"/> under <c>[*.cs]</c>.
    /// </summary>
    public static string EditorConfig(string? lines) => "root = true\n\n[*.cs]\nend_of_line = lf\n" + (lines ?? string.Empty) + "\n";

    /// <summary>Creates a project holding <paramref name="sources"/> (plain text, no markup).</summary>
    public static Project CreateProject(IReadOnlyList<string> sources, string? editorConfig = null)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var hasTopLevelStatements = sources.Any(s => CSharpSyntaxTree.ParseText(s, ParseOptions).GetRoot().ChildNodes().OfType<GlobalStatementSyntax>().Any());
        var compilationOptions = new CSharpCompilationOptions(
            hasTopLevelStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable);
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "TestProject", "TestProject", LanguageNames.CSharp, filePath: "/src/TestProject.csproj")
                .WithCompilationOptions(compilationOptions)
                .WithParseOptions(ParseOptions)
                .WithMetadataReferences(References.All));
        for (var i = 0; i < sources.Count; i++)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), $"Test{i}.cs", SourceText.From(sources[i], Encoding.UTF8), filePath: PathOf(i));
        }

        solution = solution.AddDocument(DocumentId.CreateNewId(projectId), "GlobalUsings.g.cs", SourceText.From(ImplicitUsings, Encoding.UTF8), filePath: ImplicitUsingsPath);
        solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".editorconfig", SourceText.From(EditorConfig(editorConfig), Encoding.UTF8), filePath: EditorConfigPath);
        return solution.GetProject(projectId)!;
    }

    /// <summary>The test's own documents (Test0.cs, Test1.cs, …), without the implicit usings.</summary>
    public static List<Document> SourceDocuments(Project project)
        => project.Documents.Where(d => d.FilePath != ImplicitUsingsPath).OrderBy(d => d.FilePath, StringComparer.Ordinal).ToList();

    /// <summary>Compiler errors of the project's compilation.</summary>
    public static async Task<ImmutableArray<Diagnostic>> GetCompilerErrorsAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
    }

    /// <summary>
    /// Runs all analyzers. Any exception thrown by an analyzer, or an AD0001 diagnostic, throws with the stack trace.
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> GetAnalyzerDiagnosticsAsync(Project project, CancellationToken cancellationToken = default)
    {
        var compilation = (await project.GetCompilationAsync(cancellationToken))!;
        return await GetAnalyzerDiagnosticsAsync(compilation, project.AnalyzerOptions, cancellationToken);
    }

    public static async Task<ImmutableArray<Diagnostic>> GetAnalyzerDiagnosticsAsync(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken = default)
    {
        if (Analyzers.IsEmpty)
        {
            return [];
        }

        var exceptions = new ConcurrentQueue<string>();
        var diagnostics = await WithAnalyzers(compilation, Analyzers, options, exceptions).GetAnalyzerDiagnosticsAsync(cancellationToken);
        ThrowOnCrash(exceptions, diagnostics);
        return diagnostics
            .Where(d => d.Id.StartsWith("HTTP", StringComparison.Ordinal))
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>Attaches <paramref name="analyzers"/> to <paramref name="compilation"/>; analyzer exceptions go to <paramref name="exceptions"/>.</summary>
    public static CompilationWithAnalyzers WithAnalyzers(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions options, ConcurrentQueue<string> exceptions)
        => compilation.WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(
                options,
                onAnalyzerException: (exception, analyzer, diagnostic) => exceptions.Enqueue($"{analyzer.GetType().Name} threw: {exception}"),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: false));

    /// <summary>Throws <see cref="AnalyzerCrashException"/> with the stack traces when an analyzer threw or reported AD0001.</summary>
    public static void ThrowOnCrash(ConcurrentQueue<string> exceptions, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Id == "AD0001")
            {
                exceptions.Enqueue(diagnostic.ToString());
            }
        }

        if (!exceptions.IsEmpty)
        {
            throw new AnalyzerCrashException(string.Join("\n\n", exceptions));
        }
    }
}

public sealed class AnalyzerCrashException(string message) : Exception(message);
