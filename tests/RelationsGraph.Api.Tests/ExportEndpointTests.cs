using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using RelationsGraph.Export;

namespace RelationsGraph.Api.Tests;

/// <summary>GET /export over HTTP: each format with its content type and file name, and clear errors.</summary>
public sealed class ExportEndpointTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("graphml", "application/graphml+xml", "relationsgraph-nrw-japan.graphml")]
    [InlineData("gexf", "application/gexf+xml", "relationsgraph-nrw-japan.gexf")]
    [InlineData("cytoscape", "application/json", "relationsgraph-nrw-japan.cyjs")]
    [InlineData("csv", "application/zip", "relationsgraph-nrw-japan.zip")]
    [InlineData("cypher", "application/x-cypher-query", "relationsgraph-nrw-japan.cypher")]
    public async Task ExportGivesTheFormatWithItsContentTypeAndAFileName(string format, string contentType, string fileName)
    {
        using var client = api.CreateClient();
        using var response = await client.GetAsync($"/export?seeds=NRW,Japan&depth=1&format={format}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("false", response.Headers.GetValues("X-RelationsGraph-Truncated").Single());
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.NotEmpty(body);
        var again = await client.GetByteArrayAsync($"/export?seeds=NRW,Japan&depth=1&format={format}");
        Assert.Equal(body, again);
    }

    [Fact]
    public async Task ExportHoldsTheSameNodesAsTheSubgraphQuery()
    {
        var r = await api.QueryAsync("""{ subgraph(seeds: ["NRW", "Japan"], depth: 1) { nodes { id } edges { id } } }""");
        var ids = r["data"]!["subgraph"]!["nodes"]!.AsArray().Select(n => n!["id"].Str()!).Order(StringComparer.Ordinal).ToList();
        var edges = r["data"]!["subgraph"]!["edges"]!.AsArray().Count;
        using var client = api.CreateClient();
        var graphml = XDocument.Parse(await client.GetStringAsync("/export?seeds=NRW&seeds=Japan&format=graphml"));
        XNamespace ns = "http://graphml.graphdrawing.org/xmlns";
        Assert.Equal(ids.Select(GraphMLWriter.IdToken).Order(StringComparer.Ordinal), graphml.Descendants(ns + "node").Select(n => (string)n.Attribute("id")!).Order(StringComparer.Ordinal));
        Assert.Equal(edges, graphml.Descendants(ns + "edge").Count());
        var cy = JsonNode.Parse(await client.GetStringAsync("/export?seeds=NRW,Japan&format=cytoscape"))!;
        Assert.Equal(ids.Count, cy["elements"]!["nodes"]!.AsArray().Count);
        using var zip = new ZipArchive(await client.GetStreamAsync("/export?seeds=NRW,Japan&format=csv"));
        Assert.Equal(["edges.csv", "nodes.csv"], zip.Entries.Select(e => e.Name).Order());
    }

    [Fact]
    public async Task ExportFlagsATruncatedSubgraph()
    {
        using var client = api.CreateClient();
        using var response = await client.GetAsync("/export?seeds=NRW&depth=2&maxNodes=3&format=cytoscape");
        Assert.Equal("true", response.Headers.GetValues("X-RelationsGraph-Truncated").Single());
        Assert.Equal(3, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["elements"]!["nodes"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("/export?seeds=NRW&format=pdf", "BAD_FORMAT", "graphml, gexf, cytoscape, csv, cypher")]
    [InlineData("/export?format=graphml", "NO_SEEDS", "seed")]
    [InlineData("/export?seeds=Atlantis", "UNKNOWN_REF", "Atlantis")]
    [InlineData("/export?seeds=NRW&depth=7", "BAD_DEPTH", "0 to 3")]
    [InlineData("/export?seeds=NRW&depth=two", "BAD_NUMBER", "depth")]
    [InlineData("/export?seeds=NRW&from=2019-99", "BAD_DATE", "from")]
    [InlineData("/export?seeds=NRW&relationTypes=KNOWS", "BAD_RELATION_TYPE", "INVOLVES")]
    [InlineData("/export?seeds=NRW&maxNodes=1000000", "BAD_MAX_NODES", "5000")]
    public async Task BadParametersGiveA400ProblemSayingWhatToDo(string url, string code, string hint)
    {
        using var client = api.CreateClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(code, problem["code"].Str());
        Assert.Contains(hint, problem["detail"].Str());
    }
}
