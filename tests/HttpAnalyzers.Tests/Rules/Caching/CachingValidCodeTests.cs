using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Caching;

/// <summary>The caching analyzers are silent on the realistic code under ValidCode/Caching*.cs, and never throw on it truncated.</summary>
public class CachingValidCodeTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var name in typeof(CachingValidCodeTests).Assembly.GetManifestResourceNames())
        {
            if (name.Replace('\\', '/').StartsWith("ValidCode/Caching", StringComparison.Ordinal))
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public Task Silent(string resource) => RuleVerifier.For(DiagnosticIds.NoCacheInsteadOfNoStore).AnalyzerAsync(Read(resource));

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Never_throws_on_truncated_code(string resource)
    {
        var source = Read(resource);
        for (var length = 0; length < source.Length; length += 41)
        {
            var project = TestWorkspace.CreateProject([source.Substring(0, length)]);
            await TestWorkspace.GetAnalyzerDiagnosticsAsync(project);
        }
    }

    private static string Read(string resource)
    {
        using var stream = typeof(CachingValidCodeTests).Assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
