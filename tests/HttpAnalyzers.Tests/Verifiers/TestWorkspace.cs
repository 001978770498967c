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
        var config = "root = true\n\n[*.cs]\n" + (editorConfig ?? string.Empty) + "\n";
        solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".editorconfig", SourceText.From(config, Encoding.UTF8), filePath: "/src/.editorconfig");
        return solution.GetProject(projectId)!;
    }

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
        var withAnalyzers = compilation.WithAnalyzers(
            Analyzers,
            new CompilationWithAnalyzersOptions(
                options,
                onAnalyzerException: (exception, analyzer, diagnostic) => exceptions.Enqueue($"{analyzer.GetType().Name} threw: {exception}"),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken);
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

        return diagnostics
            .Where(d => d.Id.StartsWith("HTTP", StringComparison.Ordinal))
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
    }
}

public sealed class AnalyzerCrashException(string message) : Exception(message);
