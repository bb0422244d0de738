using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RelationsGraph.Ingestion;

namespace RelationsGraph.Api.Tests;

/// <summary>
/// The API on the seeds and the real press releases of <c>../shared/corpus-real/docs</c> (beside the
/// repository; read in place, never copied): the questions users ask of real releases, answered over HTTP.
/// </summary>
public sealed class RealCorpusCooperationEventsTests(RealCorpusApi api) : IClassFixture<RealCorpusApi>
{
    private const string EventsQuery = """
        query($a: String!, $b: String!) { cooperationEvents(between: $a, and: $b) {
          totalCount
          nodes { type date title
            participants { entity { name } offices { title } }
            evidence { quote document { title } } } } }
        """;

    private async Task<JsonArray> EventsAsync(string between, string and)
    {
        var r = await api.Factory.QueryAsync(EventsQuery, new { a = between, b = and });
        Assert.True(r["errors"] is null, r.ToJsonString());
        return r["data"]!["cooperationEvents"]!["nodes"]!.AsArray();
    }

    private static string Describe(JsonArray events) =>
        string.Join("; ", events.Select(e => $"{e!["type"].Str()} {e["date"].Str()} {e["title"].Str()}"));

    private static IEnumerable<string> Participants(JsonNode e) => e["participants"]!.AsArray().Select(p => p!["entity"]!["name"].Str()!);

    private static bool From(JsonNode e, string documentTitleStart) =>
        e["evidence"]!.AsArray().Any(q => q!["document"]!["title"].Str()!.StartsWith(documentTitleStart, StringComparison.Ordinal));

    [RealCorpusFact]
    public async Task NrwAndUkraineGiveTheSigningOfFebruary2023()
    {
        var events = await EventsAsync("Nordrhein-Westfalen", "Ukraine");
        var signing = events.FirstOrDefault(e => e!["type"].Str() == "SIGNING" && e["date"].Str() == "2023-02-28");
        Assert.True(signing is not null, $"no SIGNING on 2023-02-28 between NRW and Ukraine; found: {Describe(events)}");
        Assert.Contains("Hendrik Wüst", Participants(signing));
    }

    [RealCorpusFact]
    public async Task HessenAndChinaGiveTheConsulGeneralsInauguralVisit()
    {
        var events = await EventsAsync("Hessen", "China");
        var visit = events.FirstOrDefault(e => e!["type"].Str() == "VISIT" && e["date"].Str() == "2023-08-24");
        Assert.True(visit is not null, $"no VISIT on 2023-08-24 between Hessen and China; found: {Describe(events)}");
        Assert.Contains("Huang Yiyang", Participants(visit));
        Assert.Contains(visit["evidence"]!.AsArray(), q => q!["quote"].Str()!.Contains("ntrittsbesuch", StringComparison.Ordinal));
    }

    [RealCorpusFact]
    public async Task SachsenAndNiederschlesienGiveTheEventsOfTheOpeningOfTheRegionalOffice()
    {
        // refs as the release writes them, with their kind words
        var events = await EventsAsync("Freistaat Sachsen", "Woiwodschaft Niederschlesien");
        var ofRelease = events.Where(e => From(e!, "Eröffnungsfeier des Regionalbüros")).ToList();
        Assert.True(ofRelease.Count >= 2, $"expected the opening ceremony and the signing of the joint declaration; found: {Describe(events)}");
        Assert.All(ofRelease, e => Assert.Equal("2021-06-15", e!["date"].Str()));
        Assert.Contains(ofRelease, e => e!["type"].Str() == "SIGNING");
        Assert.All(ofRelease, e => Assert.Contains("Michael Kretschmer", Participants(e!)));
    }

    [RealCorpusFact]
    public async Task ArminLaschetStaysMinisterPresidentInTheSeedsReception()
    {
        // later releases name the office otherwise (other holders, English); his holding keeps the seed's words
        var events = await EventsAsync("Nordrhein-Westfalen", "Japan");
        var reception = Assert.Single(events, e => e!["type"].Str() == "RECEPTION" && e["date"].Str() == "2020-09-04");
        var laschet = Assert.Single(reception!["participants"]!.AsArray(), p => p!["entity"]!["name"].Str() == "Armin Laschet");
        Assert.Equal(["Ministerpräsident von Nordrhein-Westfalen"], laschet!["offices"]!.AsArray().Select(o => o!["title"].Str()));
    }
}

/// <summary>A test that needs <c>../shared/corpus-real/docs</c> beside the repository; skipped, saying so, where that folder is not.</summary>
public sealed class RealCorpusFactAttribute : FactAttribute
{
    public RealCorpusFactAttribute()
    {
        if (!Directory.Exists(RealCorpusApi.Docs)) Skip = $"The real press releases are not at {RealCorpusApi.Docs}.";
    }
}

/// <summary>The API on the embedded store with the seeds and the real press releases ingested.</summary>
public sealed class RealCorpusApi : IAsyncLifetime
{
    public static string Docs => Path.GetFullPath(Path.Combine(ApiFactory.Root, "..", "shared", "corpus-real", "docs"));

    public ApiFactory Factory { get; } = new();

    public async Task InitializeAsync()
    {
        Factory.CreateClient().Dispose(); // start the host: the seeds go in now
        if (!Directory.Exists(Docs)) return;
        var results = await Factory.Services.GetRequiredService<DocumentIngestor>().IngestPathAsync(Docs, null, default);
        Assert.Contains(results, r => r.Outcome is not null);
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
