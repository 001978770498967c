using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace HttpAnalyzers.Tests.Verifiers;

/// <summary>
/// The metadata references every test compilation gets: the installed .NET and ASP.NET Core reference packs
/// (nothing is downloaded), Polly, EF Core, and the API-exact stubs under <c>Stubs/</c> compiled once per run.
/// </summary>
internal static class References
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyAll = new(Load);

    public static ImmutableArray<MetadataReference> All => LazyAll.Value;

    /// <summary>The root of the .NET installation that runs the tests.</summary>
    public static string DotNetRoot
    {
        get
        {
            // <root>/shared/Microsoft.NETCore.App/<version>/
            var runtime = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
            return Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        }
    }

    private static ImmutableArray<MetadataReference> Load()
    {
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        var tfm = "net" + Environment.Version.ToString(2);
        foreach (var pack in new[] { "Microsoft.NETCore.App.Ref", "Microsoft.AspNetCore.App.Ref" })
        {
            var directory = FindPackDirectory(pack, tfm);
            foreach (var dll in Directory.EnumerateFiles(directory, "*.dll").Order(StringComparer.Ordinal))
            {
                builder.Add(MetadataReference.CreateFromFile(dll));
            }
        }

        foreach (var assembly in new[]
                 {
                     typeof(Polly.ResiliencePipeline).Assembly, // Polly.Core (v8)
                     typeof(Polly.Policy).Assembly, // Polly (v7 API)
                     typeof(Microsoft.EntityFrameworkCore.DbContext).Assembly,
                 }.Distinct())
        {
            builder.Add(MetadataReference.CreateFromFile(assembly.Location));
        }

        foreach (var stub in StubAssemblies(builder.ToImmutable()))
        {
            builder.Add(stub);
        }

        return builder.ToImmutable();
    }

    private static string FindPackDirectory(string pack, string tfm)
    {
        var packRoot = Path.Combine(DotNetRoot, "packs", pack);
        var candidates = Directory.Exists(packRoot)
            ? Directory.GetDirectories(packRoot)
                .Select(d => (Dir: d, Version: Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : null))
                .Where(x => x.Version is not null && Directory.Exists(Path.Combine(x.Dir, "ref", tfm)))
                .OrderByDescending(x => x.Version)
                .ToList()
            : [];
        if (candidates.Count == 0)
        {
            throw new InvalidOperationException($"The reference pack {pack} for {tfm} is not installed under {packRoot}.");
        }

        return Path.Combine(candidates[0].Dir, "ref", tfm);
    }

    /// <summary>
    /// Each folder under <c>Stubs/</c> is one assembly named after the folder
    /// (e.g. <c>Stubs/Microsoft.Extensions.Http.Resilience/*.cs</c>).
    /// </summary>
    private static IEnumerable<MetadataReference> StubAssemblies(ImmutableArray<MetadataReference> references)
    {
        var resources = EmbeddedSources.Under("Stubs/");
        var compiled = new List<MetadataReference>();
        foreach (var group in resources.GroupBy(r => r.Name.Split('/')[1]).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var trees = group.Select(r => CSharpSyntaxTree.ParseText(r.Text, new CSharpParseOptions(LanguageVersion.Latest), path: r.Name));
            var compilation = CSharpCompilation.Create(
                group.Key,
                trees,
                references.Concat(compiled),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            using var stream = new MemoryStream();
            var result = compilation.Emit(stream);
            if (!result.Success)
            {
                throw new InvalidOperationException(
                    $"Stub assembly {group.Key} does not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            }

            compiled.Add(MetadataReference.CreateFromImage(stream.ToArray(), filePath: group.Key + ".dll"));
        }

        return compiled;
    }
}

/// <summary>Source files embedded in the test assembly (Stubs/, ValidCode/).</summary>
internal static class EmbeddedSources
{
    public static IReadOnlyList<(string Name, string Text)> Under(string prefix)
    {
        var assembly = typeof(EmbeddedSources).Assembly;
        var list = new List<(string, string)>();
        foreach (var name in assembly.GetManifestResourceNames().Order(StringComparer.Ordinal))
        {
            var normalized = name.Replace('\\', '/');
            if (!normalized.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            list.Add((normalized, reader.ReadToEnd()));
        }

        return list;
    }
}
