using System.Reflection;
using HttpAnalyzers.Tests.Verifiers;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Cors;

/// <summary>Every analyzer stays silent on the CORS part of the valid-code corpus (ValidCode/Cors*.cs, each compiled alone).</summary>
public class CorsValidCodeTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var name in typeof(CorsValidCodeTests).Assembly.GetManifestResourceNames())
        {
            if (name.StartsWith("ValidCode/Cors", StringComparison.Ordinal))
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Is_silent(string resource)
    {
        using var stream = typeof(CorsValidCodeTests).Assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var source = await reader.ReadToEndAsync();
        await RuleVerifier.For(DiagnosticIds.CorsMiddlewareMisplaced).AnalyzerAsync(source);
    }
}
