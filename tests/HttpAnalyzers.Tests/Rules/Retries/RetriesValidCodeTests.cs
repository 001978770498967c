using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Retries;

/// <summary>Every analyzer stays silent on the retries family's valid-code corpus (ValidCode/Retries*.cs, each file compiled alone).</summary>
public class RetriesValidCodeTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in EmbeddedSources.Under("ValidCode/"))
        {
            if (Path.GetFileName(name).StartsWith("Retries", StringComparison.Ordinal))
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Analyzers_are_silent(string name)
    {
        var text = EmbeddedSources.Under("ValidCode/").Single(f => f.Name == name).Text;
        var project = TestWorkspace.CreateProject([text]);
        var errors = await TestWorkspace.GetCompilerErrorsAsync(project);
        Assert.True(errors.IsEmpty, name + " does not compile:\n" + string.Join("\n", errors));
        var diagnostics = await TestWorkspace.GetAnalyzerDiagnosticsAsync(project);
        Assert.True(diagnostics.IsEmpty, name + " has diagnostics:\n" + string.Join("\n", diagnostics));
    }
}
