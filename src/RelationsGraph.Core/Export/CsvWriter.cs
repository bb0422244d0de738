using System.IO.Compression;
using System.Text;
using RelationsGraph.Graph;

namespace RelationsGraph.Export;

/// <summary>
/// Two RFC 4180 tables in a ZIP: nodes.csv (id, then the node properties of <see cref="ExportProperties"/>)
/// and edges.csv (id, source, target, then the relationship properties). UTF-8 without BOM, CRLF, a
/// header row, a field in quotes when it holds a comma, a quote or a line break; an absent value is an
/// empty field and a list is joined with "; ". Values are written as they are: no spreadsheet formula guard.
/// </summary>
public sealed class CsvWriter : ISubgraphWriter
{
    public const string NodesFileName = "nodes.csv";
    public const string EdgesFileName = "edges.csv";

    // ZIP entries carry a modification time; a fixed one keeps the archive the same for the same subgraph.
    private static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public string Name => "csv";
    public string ContentType => "application/zip";
    public string FileExtension => ".zip";

    public void Write(Subgraph subgraph, Stream output)
    {
        var graph = ExportGraph.From(subgraph);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, write) in new (string, Action<ExportGraph, Stream>)[] { (NodesFileName, WriteNodes), (EdgesFileName, WriteEdges) })
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = EntryTime;
            using var stream = entry.Open();
            write(graph, stream);
        }
    }

    /// <summary>The nodes table alone, as nodes.csv in the ZIP.</summary>
    public static void WriteNodes(Subgraph subgraph, Stream output) => WriteNodes(ExportGraph.From(subgraph), output);

    /// <summary>The relationships table alone, as edges.csv in the ZIP.</summary>
    public static void WriteEdges(Subgraph subgraph, Stream output) => WriteEdges(ExportGraph.From(subgraph), output);

    private static void WriteNodes(ExportGraph graph, Stream output) =>
        WriteTable(output, ["id", .. ExportProperties.Node.Select(p => p.Name)],
            graph.Nodes.Select(n => Row([n.Id], ExportProperties.Node, n.Properties)));

    private static void WriteEdges(ExportGraph graph, Stream output) =>
        WriteTable(output, ["id", "source", "target", .. ExportProperties.Edge.Select(p => p.Name)],
            graph.Edges.Select(e => Row([e.Id, e.Source, e.Target], ExportProperties.Edge, e.Properties)));

    private static IEnumerable<string> Row(string[] leading, IReadOnlyList<ExportProperty> columns, IReadOnlyList<PropertyValue> values)
    {
        var byProperty = values.ToDictionary(v => v.Property, v => v.Text);
        return leading.Concat(columns.Select(c => byProperty.GetValueOrDefault(c) ?? ""));
    }

    private static void WriteTable(Stream output, IReadOnlyList<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        using var writer = new StreamWriter(output, Utf8, bufferSize: 16 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        writer.WriteLine(string.Join(',', header.Select(Field)));
        foreach (var row in rows) writer.WriteLine(string.Join(',', row.Select(Field)));
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
