namespace RelationsGraph.Core.Tests;

internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Seeds => Path.Combine(Root, "seeds");

    public static string SeedFile => Path.Combine(Seeds, "000_e55f62f1b2728f2e.txt");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RelationsGraph.sln"))) return dir.FullName;
        throw new InvalidOperationException("RelationsGraph.sln not found above " + AppContext.BaseDirectory);
    }
}
