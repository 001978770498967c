namespace HttpAnalyzers.Tests.Verifiers;

/// <summary>Locates files of the repository the tests were built from (docs, README, release tracking, sources).</summary>
internal static class Repository
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HttpAnalyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("HttpAnalyzers.sln was not found above " + AppContext.BaseDirectory);
    });

    public static string Root => LazyRoot.Value;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(PathOf(parts)).Replace("\r\n", "\n", StringComparison.Ordinal);
}
