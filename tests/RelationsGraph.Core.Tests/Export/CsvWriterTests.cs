using System.IO.Compression;
using System.Text;
using Microsoft.VisualBasic.FileIO;
using RelationsGraph.Export;

namespace RelationsGraph.Core.Tests.Export;

public sealed class CsvWriterTests
{
    [Theory]
    [MemberData(nameof(ExportSamples.Both), MemberType = typeof(ExportSamples))]
    public void ZipHoldsANodesAndAnEdgesTableWithARowEach(string sample)
    {
        var subgraph = ExportSamples.Named(sample);
        var (nodes, edges) = Tables(subgraph.WriteAs("csv"));
        Assert.Equal(["id", .. ExportProperties.Node.Select(p => p.Name)], nodes[0]);
        Assert.Equal(["id", "source", "target", .. ExportProperties.Edge.Select(p => p.Name)], edges[0]);
        Assert.Equal(subgraph.Nodes.Count, nodes.Count - 1);
        Assert.Equal(subgraph.Relationships.Count, edges.Count - 1);
        Assert.All(nodes, row => Assert.Equal(nodes[0].Length, row.Length));
        Assert.All(edges, row => Assert.Equal(edges[0].Length, row.Length));
    }

    [Fact]
    public void HostileStringsReadBackAsWritten()
    {
        var (nodes, edges) = Tables(ExportSamples.Hostile.WriteAs("csv"));
        var column = nodes[0].ToList();
        var place = nodes.Single(r => r[0] == ExportSamples.PlaceId);
        Assert.Equal(ExportSamples.Nasty, place[column.IndexOf("name")]);
        Assert.Equal($"{ExportSamples.Controls}; a; b; x,y", place[column.IndexOf("aliases")]);
        Assert.Equal("", place[column.IndexOf("iso")]);
        var stat = nodes.Single(r => r[column.IndexOf("label")] == "Statistic");
        Assert.Equal("2700000000.5", stat[column.IndexOf("value")]);
        var participant = edges.Single(r => r[edges[0].ToList().IndexOf("type")] == "PARTICIPANT");
        Assert.Equal(ExportSamples.PersonId, participant[2]);
        Assert.Equal("host'; DROP", participant[edges[0].ToList().IndexOf("role")]);
    }

    [Fact]
    public void TablesAreUtf8WithoutBomWithCrlfAndTheSameAsWriteNodesAndWriteEdges()
    {
        using var zip = new ZipArchive(new MemoryStream(ExportSamples.Seed.WriteAs("csv")));
        Assert.Equal([CsvWriter.NodesFileName, CsvWriter.EdgesFileName], zip.Entries.Select(e => e.FullName));
        var nodes = Read(zip.GetEntry(CsvWriter.NodesFileName)!);
        Assert.False(nodes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "no BOM");
        var text = Encoding.UTF8.GetString(nodes);
        Assert.StartsWith("id,label,name,", text);
        Assert.EndsWith("\r\n", text);
        Assert.Equal('\r', text[text.IndexOf('\n', StringComparison.Ordinal) - 1]);

        using var alone = new MemoryStream();
        CsvWriter.WriteNodes(ExportSamples.Seed, alone);
        Assert.Equal(nodes, alone.ToArray());
        alone.SetLength(0);
        CsvWriter.WriteEdges(ExportSamples.Seed, alone);
        Assert.Equal(Read(zip.GetEntry(CsvWriter.EdgesFileName)!), alone.ToArray());
    }

    private static (List<string[]> Nodes, List<string[]> Edges) Tables(byte[] zipBytes)
    {
        using var zip = new ZipArchive(new MemoryStream(zipBytes));
        return (Parse(Read(zip.GetEntry(CsvWriter.NodesFileName)!)), Parse(Read(zip.GetEntry(CsvWriter.EdgesFileName)!)));
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static List<string[]> Parse(byte[] csv)
    {
        using var parser = new TextFieldParser(new MemoryStream(csv), Encoding.UTF8)
        {
            TextFieldType = FieldType.Delimited,
            HasFieldsEnclosedInQuotes = true,
            TrimWhiteSpace = false,
        };
        parser.SetDelimiters(",");
        var rows = new List<string[]>();
        while (!parser.EndOfData) rows.Add(parser.ReadFields()!);
        return rows;
    }
}
