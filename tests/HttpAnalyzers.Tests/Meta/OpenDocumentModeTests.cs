using System.Collections.Immutable;
using HttpAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Sdk;

namespace HttpAnalyzers.Tests.Meta;

/// <summary>The open-document mode of the harness, and the rules it can't check yet.</summary>
public class OpenDocumentModeTests
{
    /// <summary>
    /// Descriptors that still carry the <c>CompilationEnd</c> tag: their findings show only in a command-line build, never
    /// while typing, and the open-document mode leaves them out. This list can only shrink.
    /// </summary>
    private static readonly string[] StillReportedAtCompilationEnd = [];

    [Fact]
    public void Descriptors_still_reported_at_compilation_end_are_listed_and_the_list_only_shrinks()
    {
        var tagged = OpenDocumentMode.CompilationEndIds(TestWorkspace.Analyzers);
        var added = tagged.Except(StillReportedAtCompilationEnd).Order(StringComparer.Ordinal).ToList();
        var removed = StillReportedAtCompilationEnd.Except(tagged).Order(StringComparer.Ordinal).ToList();
        Assert.True(
            added.Count == 0,
            $"{string.Join(", ", added)} carry the CompilationEnd tag: an IDE never shows them while typing. Report from a document-level action with the cross-file index (docs/CONTRIBUTING.md).");
        Assert.True(
            removed.Count == 0,
            $"{string.Join(", ", removed)} no longer carry the CompilationEnd tag: remove them from {nameof(StillReportedAtCompilationEnd)}, the open-document mode now checks them.");
    }

    public static TheoryData<string, string> KnownGapShapes => new()
    {
    };

    [Fact]
    public void Every_known_gap_has_its_shape() => Assert.Equal(
        OpenDocumentMode.KnownGaps.Keys.Order(StringComparer.Ordinal),
        KnownGapShapes.Select(row => (string)row[0]).Order(StringComparer.Ordinal));

    /// <summary>
    /// The build finds each shape and the open document doesn't; when a rule is fixed, remove it from
    /// <see cref="OpenDocumentMode.KnownGaps"/>. (A fact over the rows: the list may be empty.)
    /// </summary>
    [Fact]
    public async Task Known_gaps_still_exist()
    {
        foreach (var row in KnownGapShapes)
        {
            await Known_gap_still_exists((string)row[0], (string)row[1]);
        }
    }

    private static async Task Known_gap_still_exists(string ruleId, string source)
    {
        var project = TestWorkspace.CreateProject([source]);
        var build = (await TestWorkspace.GetAnalyzerDiagnosticsAsync(project)).Where(d => d.Id == ruleId).ToList();
        Assert.NotEmpty(build);
        var openDocument = (await OpenDocumentMode.GetDiagnosticsAsync(project, TestWorkspace.Analyzers)).Where(d => d.Id == ruleId).ToList();
        Assert.True(
            openDocument.Count < build.Count,
            $"The open document now shows every {ruleId} finding of this shape: remove {ruleId} from {nameof(OpenDocumentMode)}.{nameof(OpenDocumentMode.KnownGaps)}.");
    }

    [Fact]
    public async Task Fails_a_finding_reported_only_at_compilation_end()
    {
        var analyzer = new ReportsAtCompilationEnd(tagged: false);
        var project = TestWorkspace.CreateProject(["class Orders { }"]);
        var build = await FullBuildAsync(project, analyzer);
        Assert.Single(build);

        var failure = await Assert.ThrowsAsync<XunitException>(() => OpenDocumentMode.VerifyAsync(project, [analyzer], build));
        Assert.Contains("found by the build only: TEST0001", failure.Message, StringComparison.Ordinal);
        Assert.Contains("class Orders { }", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaves_out_descriptors_tagged_compilation_end()
    {
        var analyzer = new ReportsAtCompilationEnd(tagged: true);
        var project = TestWorkspace.CreateProject(["class Orders { }"]);
        var build = await FullBuildAsync(project, analyzer);
        Assert.Single(build);

        await OpenDocumentMode.VerifyAsync(project, [analyzer], build);
    }

    [Fact]
    public async Task Passes_a_finding_reported_from_a_symbol_action()
    {
        var analyzer = new ReportsFromSymbolAction();
        var project = TestWorkspace.CreateProject(["class Orders { }", "class Invoices { }"]);
        var build = await FullBuildAsync(project, analyzer);
        Assert.Equal(2, build.Count);

        await OpenDocumentMode.VerifyAsync(project, [analyzer], build);
        var failure = await Assert.ThrowsAsync<XunitException>(() => OpenDocumentMode.VerifyAsync(project, [analyzer], build.Take(1).ToList()));
        Assert.Contains("found in the open document only: TEST0002", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Roslyn's rule the docs give: a finding outside the operation an operation action analyses doesn't show in the open
    /// document; the same finding from an operation-block action does.
    /// </summary>
    [Fact]
    public async Task A_finding_outside_the_analysed_operation_shows_only_from_a_block_action()
    {
        var source = """
            class Orders
            {
                void Send(HttpClient client)
                {
                    var uri = "orders";
                    client.GetAsync(uri);
                }
            }
            """;
        var project = TestWorkspace.CreateProject([source]);
        foreach (var fromBlock in new[] { false, true })
        {
            var analyzer = new ReportsAtFirstStatement(fromBlock);
            var build = await FullBuildAsync(project, analyzer);
            Assert.Single(build);
            var openDocument = await OpenDocumentMode.GetDiagnosticsAsync(project, [analyzer]);
            Assert.Equal(fromBlock ? 1 : 0, openDocument.Length);
        }
    }

    [Fact]
    public async Task Fails_an_analyzer_exception()
    {
        var analyzer = new Throws();
        var project = TestWorkspace.CreateProject(["class Orders { }"]);
        await Assert.ThrowsAsync<AnalyzerCrashException>(() => OpenDocumentMode.VerifyAsync(project, [analyzer], []));
    }

    private static async Task<List<DiagnosticKey>> FullBuildAsync(Project project, DiagnosticAnalyzer analyzer)
    {
        var compilation = (await project.GetCompilationAsync())!;
        var diagnostics = await compilation.WithAnalyzers([analyzer], project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Select(d => new DiagnosticKey(d.Location.SourceTree!.FilePath, d.Id, d.Location.SourceSpan)).ToList();
    }

    // Test doubles run directly by the tests, never loaded by a compiler: the analyzer-packaging rules don't apply.
#pragma warning disable RS1001, RS1036, RS1038, RS1041, RS2008

    /// <summary>Collects class declarations and reports them when the compilation ends, as the cross-file rules once did.</summary>
    private sealed class ReportsAtCompilationEnd(bool tagged) : DiagnosticAnalyzer
    {
        private readonly DiagnosticDescriptor _rule = new(
            "TEST0001", "Class", "Class '{0}'", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true,
            customTags: tagged ? [WellKnownDiagnosticTags.CompilationEnd] : []);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [_rule];

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var classes = new System.Collections.Concurrent.ConcurrentBag<ClassDeclarationSyntax>();
                start.RegisterSyntaxNodeAction(node => classes.Add((ClassDeclarationSyntax)node.Node), SyntaxKind.ClassDeclaration);
                start.RegisterCompilationEndAction(end =>
                {
                    foreach (var declaration in classes)
                    {
                        end.ReportDiagnostic(Diagnostic.Create(_rule, declaration.Identifier.GetLocation(), declaration.Identifier.ValueText));
                    }
                });
            });
        }
    }

    private sealed class ReportsFromSymbolAction : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TEST0002", "Class", "Class '{0}'", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSymbolAction(symbol => symbol.ReportDiagnostic(Diagnostic.Create(Rule, symbol.Symbol.Locations[0], symbol.Symbol.Name)), SymbolKind.NamedType);
        }
    }

    /// <summary>Reports each method's first statement when it sees an invocation: from the invocation's operation action, or from a block action.</summary>
    private sealed class ReportsAtFirstStatement(bool fromBlock) : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TEST0004", "First", "First statement", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            if (fromBlock)
            {
                context.RegisterOperationBlockAction(block =>
                {
                    foreach (var body in block.OperationBlocks)
                    {
                        if (body is Microsoft.CodeAnalysis.Operations.IBlockOperation { Operations.Length: > 1 } statements
                            && Microsoft.CodeAnalysis.Operations.OperationExtensions.Descendants(statements).Any(o => o.Kind == OperationKind.Invocation))
                        {
                            block.ReportDiagnostic(Diagnostic.Create(Rule, statements.Operations[0].Syntax.GetLocation()));
                        }
                    }
                });
            }
            else
            {
                context.RegisterOperationAction(
                    invocation =>
                    {
                        var statement = invocation.Operation.Syntax.FirstAncestorOrSelf<BlockSyntax>()?.Statements.FirstOrDefault();
                        if (statement is not null)
                        {
                            invocation.ReportDiagnostic(Diagnostic.Create(Rule, statement.GetLocation()));
                        }
                    },
                    OperationKind.Invocation);
            }
        }
    }

    private sealed class Throws : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TEST0003", "Class", "Class", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSymbolAction(_ => throw new InvalidOperationException("boom"), SymbolKind.NamedType);
        }
    }
#pragma warning restore RS1001, RS1036, RS1038, RS1041, RS2008
}
