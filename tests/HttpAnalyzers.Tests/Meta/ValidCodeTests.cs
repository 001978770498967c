using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Meta;

/// <summary>
/// Every analyzer stays silent on realistic correct code: each file under ValidCode/ is compiled on its own (Web SDK
/// settings) and must compile without errors and raise no HTTP diagnostic.
/// </summary>
public class ValidCodeTests
{
    public static IEnumerable<object[]> Files => EmbeddedSources.Under("ValidCode/").Select(f => new object[] { f.Name });

    [Fact]
    public void Corpus_is_not_empty() => Assert.NotEmpty(Files);

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Analyzers_are_silent(string name)
    {
        var source = EmbeddedSources.Under("ValidCode/").Single(f => f.Name == name).Text;
        var project = TestWorkspace.CreateProject([source]);
        var errors = await TestWorkspace.GetCompilerErrorsAsync(project);
        Assert.True(errors.IsEmpty, $"{name} does not compile:\n" + string.Join("\n", errors));
        var diagnostics = await TestWorkspace.GetAnalyzerDiagnosticsAsync(project);
        Assert.True(diagnostics.IsEmpty, $"{name} raised:\n" + string.Join("\n", diagnostics.Select(d => d.ToString())));
    }
}
