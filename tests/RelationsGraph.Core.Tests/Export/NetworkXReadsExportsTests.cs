using System.Diagnostics;
using System.Text.Json;
using System.Xml.Linq;
using RelationsGraph.Export;

namespace RelationsGraph.Core.Tests.Export;

/// <summary>
/// NetworkX, the researchers' usual Python library, reads the GraphML, GEXF and Cytoscape JSON
/// exports with its own readers (Debian's python3-networkx: .ci/run installs it), and finds every node
/// and every relationship, each between the same two nodes as in the file.
/// </summary>
public sealed class NetworkXReadsExportsTests
{
    /// <summary>Debian's interpreter, which python3-networkx installs into; NETWORKX_PYTHON names another.</summary>
    private static string Python => Environment.GetEnvironmentVariable("NETWORKX_PYTHON") is { Length: > 0 } path ? path : "/usr/bin/python3";

    private const string Reader = """
        import json, sys
        import networkx as nx
        fmt, path = sys.argv[1], sys.argv[2]
        if fmt == "graphml":
            g = nx.read_graphml(path)
        elif fmt == "gexf":
            g = nx.read_gexf(path)
        else:
            with open(path, encoding="utf-8") as f:
                g = nx.cytoscape_graph(json.load(f))
        print(json.dumps({"version": nx.__version__, "directed": g.is_directed(),
                          "nodes": list(g.nodes), "edges": [[u, v] for u, v in g.edges()]}))
        """;

    public static TheoryData<string, string> FormatsAndSamples => new()
    {
        { "graphml", "seed" }, { "graphml", "hostile" },
        { "gexf", "seed" }, { "gexf", "hostile" },
        { "cytoscape", "seed" }, { "cytoscape", "hostile" },
    };

    [Theory]
    [MemberData(nameof(FormatsAndSamples))]
    public async Task ReadsEveryNodeAndRelationshipGivenTheExport(string format, string sample)
    {
        var subgraph = ExportSamples.Named(sample);
        var bytes = subgraph.WriteAs(format);
        var file = Path.Combine(Path.GetTempPath(), $"rg-networkx-{Guid.NewGuid():N}{ExportFormats.Get(format).FileExtension}");
        await File.WriteAllBytesAsync(file, bytes);
        try
        {
            using var read = JsonDocument.Parse(await RunPythonAsync(Reader, format, file));
            var root = read.RootElement;
            var nodes = root.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()!).ToList();
            var edges = root.GetProperty("edges").EnumerateArray().Select(e => (e[0].GetString()!, e[1].GetString()!)).ToList();
            var version = root.GetProperty("version").GetString();

            Assert.True(root.GetProperty("directed").GetBoolean(), $"NetworkX {version} read an undirected graph");
            Assert.Equal(subgraph.Nodes.Count, nodes.Count);
            Assert.Equal(subgraph.Relationships.Count, edges.Count);
            var (fileNodes, fileEdges) = NodesAndEdgesIn(format, bytes);
            Assert.Equal(fileNodes.Order(StringComparer.Ordinal), nodes.Order(StringComparer.Ordinal));
            Assert.Equal(Sorted(fileEdges), Sorted(edges));
        }
        finally { File.Delete(file); }
    }

    private static List<(string, string)> Sorted(IEnumerable<(string Source, string Target)> edges) =>
        [.. edges.OrderBy(e => e.Source, StringComparer.Ordinal).ThenBy(e => e.Target, StringComparer.Ordinal)];

    /// <summary>The node ids and edge ends as the file writes them (GraphML ids are encoded as name tokens, for one).</summary>
    private static (List<string> Nodes, List<(string, string)> Edges) NodesAndEdgesIn(string format, byte[] bytes)
    {
        if (format == "cytoscape")
        {
            using var json = JsonDocument.Parse(bytes);
            var elements = json.RootElement.GetProperty("elements");
            return (
                elements.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("data").GetProperty("id").GetString()!).ToList(),
                elements.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("data"))
                    .Select(d => (d.GetProperty("source").GetString()!, d.GetProperty("target").GetString()!)).ToList());
        }
        var root = XDocument.Load(new MemoryStream(bytes)).Root!;
        var ns = root.Name.Namespace;
        return (
            root.Descendants(ns + "node").Select(n => (string)n.Attribute("id")!).ToList(),
            root.Descendants(ns + "edge").Select(e => ((string)e.Attribute("source")!, (string)e.Attribute("target")!)).ToList());
    }

    private static async Task<string> RunPythonAsync(string script, params string[] args)
    {
        if (!File.Exists(Python))
            throw new InvalidOperationException($"{Python} is missing. Install Debian's NetworkX with `apt-get install -y python3-networkx` (.ci/run does), or set NETWORKX_PYTHON to a python3 that has networkx.");
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["-c", script, .. args]) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await p.WaitForExitAsync(timeout.Token);
        var error = await stderr;
        if (error.Contains("No module named 'networkx'", StringComparison.Ordinal))
            throw new InvalidOperationException($"{Python} has no networkx. Install Debian's with `apt-get install -y python3-networkx` (.ci/run does), or set NETWORKX_PYTHON to a python3 that has it.");
        if (p.ExitCode != 0) throw new InvalidOperationException($"NetworkX could not read the {args[0]} export ({Python} exited with {p.ExitCode}):\n{error}");
        return await stdout;
    }
}
