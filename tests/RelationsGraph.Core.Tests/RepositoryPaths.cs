using RelationsGraph.Tests.Shared;

namespace RelationsGraph.Core.Tests;

internal static class RepositoryPaths
{
    public static string Root => RepositoryRoot.Path;

    public static string Seeds => Path.Combine(Root, "seeds");

    public static string SeedFile => Path.Combine(Seeds, "000_e55f62f1b2728f2e.txt");
}
