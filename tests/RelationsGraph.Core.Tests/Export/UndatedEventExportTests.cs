using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using RelationsGraph.Export;
using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Core.Tests.Export;

/// <summary>An event whose release gives no date: every format writes it without a date or an interval, validly and deterministically.</summary>
public sealed class UndatedEventExportTests
{
    private static readonly Event Undated = new(GraphIds.Event(EventType.Meeting, null, ["person:armin-laschet"], null, ["DE-NW"]), EventType.Meeting, null, "Treffen ohne Datum");

    /// <summary>The seed with one undated meeting of Armin Laschet in NRW.</summary>
    private static readonly Subgraph Sample = MakeSample();

    private static Subgraph MakeSample()
    {
        var seed = ExportSamples.Seed;
        var quote = new EvidenceSpan("doc:undated", "Armin Laschet traf Vertreter", 0, 28);
        return new Subgraph(
            [.. seed.Nodes, Undated],
            [.. seed.Relationships,
             new Relationship(new GraphEdge(EdgeTypes.Participant, Undated.Id, "person:armin-laschet"), [quote]),
             new Relationship(new GraphEdge(EdgeTypes.Involves, Undated.Id, "DE-NW"), [quote])],
            new Dictionary<string, IReadOnlyList<EvidenceSpan>>(seed.NodeEvidence) { [Undated.Id] = [quote] });
    }

    [Fact]
    public void FlattenLeavesOutDateAndPrecisionGivenAnUndatedEvent()
    {
        var names = ExportGraph.Flatten(Undated, []).Select(p => p.Property).ToList();
        Assert.DoesNotContain(ExportProperties.Date, names);
        Assert.DoesNotContain(ExportProperties.DatePrecision, names);
        Assert.Contains(ExportProperties.Type, names);
        var dated = ExportGraph.Flatten(Undated with { Date = new FuzzyDate(2020, 5) }, []);
        Assert.Equal("2020-05", dated.Single(p => p.Property == ExportProperties.Date).Text);
    }

    [Theory]
    [InlineData("graphml")]
    [InlineData("gexf")]
    [InlineData("cytoscape")]
    [InlineData("csv")]
    [InlineData("cypher")]
    public void WritesTheSameBytesTwiceAndInAnotherOrderGivenAnUndatedEvent(string format)
    {
        var shuffled = Sample with { Nodes = Sample.Nodes.Reverse().ToList(), Relationships = Sample.Relationships.Reverse().ToList() };
        var first = Sample.WriteAs(format);
        Assert.Equal(first, Sample.WriteAs(format));
        Assert.Equal(first, shuffled.WriteAs(format));
    }

    [Fact]
    public void GexfGivesAnUndatedEventAndItsRelationshipsNoIntervalAndStaysValid()
    {
        var bytes = Sample.WriteAs("gexf");
        Assert.Empty(XmlSchemas.Validate(XmlSchemas.Gexf12, bytes));
        XNamespace x = GexfWriter.Namespace;
        var graph = XDocument.Parse(Encoding.UTF8.GetString(bytes)).Root!.Element(x + "graph")!;
        var node = graph.Descendants(x + "node").Single(n => (string?)n.Attribute("id") == Undated.Id);
        Assert.Null(node.Attribute("start"));
        Assert.Null(node.Attribute("end"));
        Assert.DoesNotContain(node.Descendants(x + "attvalue"), a => (string?)a.Attribute("for") is "date" or "datePrecision");
        var edges = graph.Descendants(x + "edge").Where(e => (string?)e.Attribute("source") == Undated.Id).ToList();
        Assert.Equal(2, edges.Count);
        Assert.All(edges, e => Assert.Null(e.Attribute("start")));
        // the dated events keep theirs
        Assert.Equal(3, graph.Descendants(x + "node").Count(n => n.Attribute("start") is not null));
    }

    [Fact]
    public void GraphMLValidatesAndHasNoDateDataForAnUndatedEvent()
    {
        var bytes = Sample.WriteAs("graphml");
        Assert.Empty(XmlSchemas.Validate(XmlSchemas.GraphML, bytes));
        var doc = XDocument.Parse(Encoding.UTF8.GetString(bytes));
        var node = doc.Descendants().Single(e => e.Name.LocalName == "node" && (string?)e.Attribute("id") == Undated.Id);
        var keys = node.Elements().Select(d => (string?)d.Attribute("key") ?? "").ToList();
        Assert.NotEmpty(keys);
        Assert.DoesNotContain(keys, k => k.EndsWith("_date", StringComparison.Ordinal) || k.EndsWith("_datePrecision", StringComparison.Ordinal) || k is "date" or "datePrecision");
    }

    [Fact]
    public void CytoscapeCsvAndCypherWriteNoDateForAnUndatedEvent()
    {
        using var json = JsonDocument.Parse(Sample.WriteAs("cytoscape"));
        var data = json.RootElement.GetProperty("elements").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("data"))
            .Single(d => d.GetProperty("id").GetString() == Undated.Id);
        Assert.False(data.TryGetProperty("date", out _));
        Assert.False(data.TryGetProperty("datePrecision", out _));
        Assert.Equal("Meeting", data.GetProperty("type").GetString());

        using var zip = new ZipArchive(new MemoryStream(Sample.WriteAs("csv")));
        using var reader = new StreamReader(zip.GetEntry(CsvWriter.NodesFileName)!.Open(), Encoding.UTF8);
        var lines = reader.ReadToEnd().Split("\r\n");
        var header = lines[0].Split(',').ToList();
        var row = lines.Single(l => l.StartsWith(Undated.Id + ",", StringComparison.Ordinal)).Split(',');
        Assert.Equal(header.Count, row.Length);
        Assert.Equal("", row[header.IndexOf("date")]);
        Assert.Equal("", row[header.IndexOf("datePrecision")]);

        var cypher = Encoding.UTF8.GetString(Sample.WriteAs("cypher"));
        var line = cypher.Split('\n').Single(l => l.Contains(Undated.Id, StringComparison.Ordinal) && l.Contains("Treffen ohne Datum", StringComparison.Ordinal));
        Assert.DoesNotContain(", date: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(", datePrecision: ", line, StringComparison.Ordinal);
    }
}
