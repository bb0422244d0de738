using System.Diagnostics;

namespace RelationsGraph.Core.Tests;

/// <summary>The relationsgraph command built next to this test assembly (same configuration), run as its own process.</summary>
internal static class RelationsGraphCommand
{
    public static string Path
    {
        get
        {
            var here = System.IO.Path.GetDirectoryName(typeof(RelationsGraphCommand).Assembly.Location)!; // artifacts/bin/RelationsGraph.Core.Tests/<config>
            var path = System.IO.Path.Combine(here, "..", "..", "RelationsGraph.Cli", System.IO.Path.GetFileName(here), "relationsgraph.dll");
            return File.Exists(path) ? System.IO.Path.GetFullPath(path) : throw new FileNotFoundException("Build the solution first: these tests run the relationsgraph command.", path);
        }
    }

    /// <summary>A process of the command with these arguments, in a working folder, with extra environment variables.</summary>
    public static ProcessStartInfo Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(Path);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment) start.Environment[k] = v;
        return start;
    }
}
