using System.Reflection;
using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Cookies;

/// <summary>The cookie analyzer is silent on the realistic cookie code under ValidCode/Cookies*.cs, and never throws on it truncated.</summary>
public class CookieValidCodeTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var name in typeof(CookieValidCodeTests).Assembly.GetManifestResourceNames())
        {
            if (name.StartsWith("ValidCode/Cookies", StringComparison.Ordinal))
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public Task Silent(string resource) => RuleVerifier.For(DiagnosticIds.CookieNotSecure).AnalyzerAsync(Read(resource));

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Never_throws_on_truncated_code(string resource)
    {
        var source = Read(resource);
        for (var length = 0; length < source.Length; length += 37)
        {
            var project = TestWorkspace.CreateProject([source.Substring(0, length)]);
            await TestWorkspace.GetAnalyzerDiagnosticsAsync(project);
        }
    }

    private static string Read(string resource)
    {
        using var stream = typeof(CookieValidCodeTests).Assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
