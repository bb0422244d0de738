using System.Diagnostics;
using System.Text;
using System.Text.Json;
using RelationsGraph.Export;

namespace RelationsGraph.Core.Tests.Export;

public sealed class CytoscapeJsonWriterTests
{
    [Theory]
    [MemberData(nameof(ExportSamples.Both), MemberType = typeof(ExportSamples))]
    public void OutputHasTheElementsShapeCytoscapeReads(string sample)
    {
        var subgraph = ExportSamples.Named(sample);
        var bytes = subgraph.WriteAs("cytoscape");
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "no BOM");
        using var json = JsonDocument.Parse(bytes);
        // the top-level data, directedness and multigraph flag that Cytoscape desktop writes and NetworkX needs
        Assert.Equal("RelationsGraph", json.RootElement.GetProperty("data").GetProperty("name").GetString());
        Assert.True(json.RootElement.GetProperty("directed").GetBoolean());
        Assert.True(json.RootElement.GetProperty("multigraph").GetBoolean());
        var elements = json.RootElement.GetProperty("elements");
        var nodes = elements.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("data")).ToList();
        var edges = elements.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("data")).ToList();
        Assert.Equal(subgraph.Nodes.Count, nodes.Count);
        Assert.Equal(subgraph.Relationships.Count, edges.Count);

        // cytoscape.js wants every element's id unique among nodes and edges together, and edge ends that are nodes
        var nodeIds = nodes.Select(n => n.GetProperty("id").GetString()!).ToHashSet(StringComparer.Ordinal);
        var ids = nodes.Concat(edges).Select(d => d.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(edges, e =>
        {
            Assert.Contains(e.GetProperty("source").GetString()!, nodeIds);
            Assert.Contains(e.GetProperty("target").GetString()!, nodeIds);
        });
        Assert.All(nodes, n => Assert.Equal(JsonValueKind.String, n.GetProperty("label").ValueKind));

        // NetworkX takes a node's value as the node and an edge's key to keep parallel edges apart
        Assert.All(nodes, n => Assert.Equal(n.GetProperty("id").GetString(), n.GetProperty("value").GetString()));
        Assert.All(edges, e => Assert.Equal(e.GetProperty("id").GetString(), e.GetProperty("key").GetString()));
    }

    [Fact]
    public void HostileStringsAndTypedValuesReadBackAsWritten()
    {
        using var json = JsonDocument.Parse(ExportSamples.Hostile.WriteAs("cytoscape"));
        var nodes = json.RootElement.GetProperty("elements").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("data")).ToList();
        var place = nodes.Single(n => n.GetProperty("id").GetString() == ExportSamples.PlaceId);
        Assert.Equal(ExportSamples.Nasty, place.GetProperty("name").GetString());
        Assert.Equal([ExportSamples.Controls, "a; b", "x,y"], place.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        var stat = nodes.Single(n => n.GetProperty("label").GetString() == "Statistic");
        Assert.Equal(2_700_000_000.5m, stat.GetProperty(CytoscapeJsonWriter.FigureValue).GetDecimal());
        Assert.Equal(0, stat.GetProperty("evidenceCount").GetInt32());
        var person = nodes.Single(n => n.GetProperty("id").GetString() == ExportSamples.PersonId);
        Assert.Equal("half \uFFFD pair", person.GetProperty("aliases")[0].GetString());
    }

    /// <summary>cytoscape.js itself, headless, loads the elements; skipped where node and npm are not installed.</summary>
    [NodeFact]
    public async Task CytoscapeJsLoadsEveryElement()
    {
        var module = await NpmModules.InstallAsync("cytoscape@3.34.4");
        foreach (var subgraph in new[] { ExportSamples.Seed, ExportSamples.Hostile })
        {
            var file = Path.Combine(Path.GetTempPath(), $"rg-export-{Guid.NewGuid():N}.cyjs");
            await File.WriteAllBytesAsync(file, subgraph.WriteAs("cytoscape"));
            try
            {
                const string Script = """
                    const cytoscape = require('cytoscape');
                    const elements = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8')).elements;
                    const warnings = [];
                    console.warn = (...a) => warnings.push(a.join(' '));
                    const cy = cytoscape({ headless: true, elements });
                    console.log(JSON.stringify({ nodes: cy.nodes().length, edges: cy.edges().length, warnings }));
                    """;
                var output = await NpmModules.RunNodeAsync(module, Script, file);
                using var result = JsonDocument.Parse(output);
                Assert.Equal(0, result.RootElement.GetProperty("warnings").GetArrayLength());
                Assert.Equal(subgraph.Nodes.Count, result.RootElement.GetProperty("nodes").GetInt32());
                Assert.Equal(subgraph.Relationships.Count, result.RootElement.GetProperty("edges").GetInt32());
            }
            finally { File.Delete(file); }
        }
    }
}

/// <summary>A fact that runs only where node and npm are on the PATH.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (NpmModules.Which("node") is null || NpmModules.Which("npm") is null) Skip = "node and npm are not installed";
    }
}

/// <summary>npm packages for the tests (cytoscape, graphology-gexf), installed once into the same cache as the test Neo4j.</summary>
internal static class NpmModules
{
    public static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);

    /// <summary>A folder whose node_modules holds the packages (name@version), installed on first use.</summary>
    public static async Task<string> InstallAsync(params string[] packages)
    {
        var cache = Environment.GetEnvironmentVariable("RELATIONSGRAPH_CACHE") is { Length: > 0 } c
            ? c : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "relationsgraph");
        var folder = Path.Combine(cache, "npm-" + string.Join("+", packages).Replace('/', '_'));
        if (File.Exists(Path.Combine(folder, ".installed"))) return folder;
        var staging = folder + "." + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(staging);
        await RunAsync("npm", staging, ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", staging, .. packages]);
        await File.WriteAllTextAsync(Path.Combine(staging, ".installed"), string.Join("\n", packages));
        try { Directory.Move(staging, folder); }
        catch (IOException) { Directory.Delete(staging, recursive: true); } // a concurrent run installed it first
        return folder;
    }

    public static Task<string> RunNodeAsync(string module, string script, string argument) =>
        RunAsync("node", module, "-e", script, argument);

    private static async Task<string> RunAsync(string program, string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(timeout.Token);
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {args[0]} failed ({p.ExitCode}): {await stderr}");
        return await stdout;
    }
}
