namespace Sipas.Testing;

/// <summary>
/// The reference material tests read, from the repository's own copy in <c>tests/data</c> (the method's examples, the
/// domain data), so a clone alone passes its tests; nothing outside the repository is read.
/// </summary>
public static class RepositoryData
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([RepositoryRoot, "tests", "data", .. parts]) is var path && (File.Exists(path) || Directory.Exists(path))
            ? path
            : throw new FileNotFoundException($"tests/data is missing {string.Join('/', parts)} (in {RepositoryRoot})");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Sipas.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Sipas.sln not found above " + AppContext.BaseDirectory);
    }
}
