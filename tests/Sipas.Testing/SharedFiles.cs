namespace Sipas.Testing;

/// <summary>The ../shared folder beside the repository (spec, domain data), read directly by tests.</summary>
public static class SharedFiles
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([RepositoryRoot, "..", "shared", .. parts]) is var path && (File.Exists(path) || Directory.Exists(path))
            ? path
            : throw new FileNotFoundException($"../shared is missing {string.Join('/', parts)} (looked beside {RepositoryRoot})");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Sipas.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Sipas.sln not found above " + AppContext.BaseDirectory);
    }
}
