using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace HttpAnalyzers.Tests.Verifiers;

/// <summary>
/// The metadata references every test compilation gets: the installed .NET and ASP.NET Core reference packs
/// (nothing is downloaded) and the packages test code uses (Polly v7/v8, Polly.Extensions.Http,
/// Microsoft.Extensions.Http.Polly, Microsoft.Extensions.Http.Resilience and the dependencies its API exposes,
/// OpenID Connect and Google authentication, EF Core), read from the test assembly's output folder.
/// </summary>
internal static class References
{
    /// <summary>Package assemblies copied next to the test assembly by restore; test code can use their public API.</summary>
    public static readonly IReadOnlyList<string> PackageAssemblies =
    [
        "Polly.Core",
        "Polly",
        "Polly.Extensions",
        "Polly.RateLimiting",
        "Polly.Extensions.Http",
        "Microsoft.Extensions.Http.Polly",
        "Microsoft.Extensions.Http.Resilience",
        "Microsoft.Extensions.Resilience",
        "Microsoft.Extensions.Http.Diagnostics",
        "Microsoft.Extensions.Telemetry.Abstractions",
        "Microsoft.Extensions.Compliance.Abstractions",
        "Microsoft.AspNetCore.Authentication.OpenIdConnect",
        "Microsoft.AspNetCore.Authentication.Google",
        "Microsoft.IdentityModel.Protocols.OpenIdConnect",
        "Microsoft.IdentityModel.Protocols",
        "Microsoft.IdentityModel.Tokens",
        "Microsoft.IdentityModel.Abstractions",
        "Microsoft.IdentityModel.Logging",
        "Microsoft.IdentityModel.JsonWebTokens",
        "System.IdentityModel.Tokens.Jwt",
        "Microsoft.EntityFrameworkCore",
        "Microsoft.EntityFrameworkCore.Abstractions",
    ];

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

        foreach (var name in PackageAssemblies)
        {
            var path = Path.Combine(AppContext.BaseDirectory, name + ".dll");
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"The package assembly {name}.dll is not in {AppContext.BaseDirectory}: reference its package from the test project.");
            }

            builder.Add(MetadataReference.CreateFromFile(path));
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
}

/// <summary>Source files embedded in the test assembly (ValidCode/).</summary>
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
