using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace RelationsGraph.Api.Tests;

/// <summary>
/// /metrics in Prometheus text, scraped over HTTP: GraphQL requests, store calls and ingestion are
/// counted; it needs a key where reads do; a setting turns it off. The meters are the process's, so
/// other hosts in this test run may add to a count: the tests check what their own requests added.
/// </summary>
public sealed partial class MetricsEndpointTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public sealed class KeyedReadsApi : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("RelationsGraph:Access:RequireKeyForReads", "true")];
    }

    public sealed class MetricsOffApi : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("RelationsGraph:Telemetry:Metrics:Enabled", "false")];
    }

    private const string Cooperation = """query Cooperation { cooperationEvents(between: "NRW", and: "Fukushima") { totalCount } }""";

    private const string Ingest = "mutation($input: IngestDocumentInput!) { ingestDocument(input: $input) { status } }";

    [Fact]
    public async Task ScrapeCountsGraphQLRequestsStoreCallsAndIngestedDocuments()
    {
        var before = await ScrapeAsync(api);

        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await api.PostAsync(Cooperation)).Status);
        var marker = Guid.NewGuid().ToString("N");
        var (status, body) = await api.PostAsync(Ingest, new
        {
            input = new
            {
                title = "Ministerpräsident Weidinger empfängt Generalkonsulin von Japan " + marker,
                text = "15. Mai 2024\n\nMinisterpräsident Konrad Weidinger hat heute die neue Generalkonsulin von Japan in München, Keiko Yamamoto, zu ihrem Antrittsbesuch in der Bayerischen Staatskanzlei empfangen.",
                url = "https://www.bayern.de/metrics-" + marker,
            },
        }, ApiFactory.WriterKey);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ADDED", body["data"]!["ingestDocument"]!["status"].Str());

        var after = await ScrapeAsync(api);
        double Added(string metric, params (string, string)[] labels) => Sum(after, metric, labels) - Sum(before, metric, labels);
        Assert.InRange(Added("http_server_request_duration_seconds_count", ("http_route", "/graphql"), ("http_request_method", "POST"), ("http_response_status_code", "200")), 6, double.MaxValue);
        Assert.InRange(Added("relationsgraph_store_duration_seconds_count", ("operation", "FindEvents"), ("store", "embedded")), 5, double.MaxValue);
        Assert.InRange(Added("relationsgraph_documents_total", ("outcome", "added")), 1, double.MaxValue);
        Assert.InRange(Added("relationsgraph_extraction_duration_seconds_count"), 1, double.MaxValue);
        // the seed was ingested at start, through the same pipeline
        Assert.InRange(Sum(before, "relationsgraph_documents_total", ("outcome", "added")), 1, double.MaxValue);
        Assert.Contains("dotnet_gc_collections_total", after);
    }

    [Fact]
    public async Task MetricsNeedAKeyGivenReadsNeedOne()
    {
        await using var keyed = new KeyedReadsApi();
        using var anonymous = keyed.CreateClient();
        var refused = await anonymous.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.ToString());
        Assert.Contains("UNAUTHENTICATED", await refused.Content.ReadAsStringAsync());

        Assert.Contains("relationsgraph_documents_total", await ScrapeAsync(keyed, ApiFactory.WriterKey));
    }

    [Fact]
    public async Task MetricsAreNotServedGivenTheyAreTurnedOff()
    {
        await using var off = new MetricsOffApi();
        using var client = off.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
    }

    private static async Task<string> ScrapeAsync(ApiFactory factory, string? key = null)
    {
        using var client = factory.CreateClient(key);
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of a metric's samples whose labels include all of <paramref name="labels"/>.</summary>
    private static double Sum(string scrape, string metric, params (string Name, string Value)[] labels) =>
        Sample().Matches(scrape).Where(m => m.Groups["name"].Value == metric)
            .Where(m => labels.All(l => m.Groups["labels"].Value.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
