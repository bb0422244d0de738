using System.Text.Json.Nodes;

namespace RelationsGraph.Api.Tests;

/// <summary>
/// OfficeHolding.title over HTTP: once a release about a later Ministerpräsidentin of NRW is in, the
/// seed's Minister-President is still shown in his own words wherever his offices are listed.
/// </summary>
public sealed class OfficeHoldingTitleTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string LaterRelease = File.ReadAllText(Path.Combine(ApiFactory.Root, "tests", "corpus", "119_nrw-schlesien-25-jahre.txt"));

    private async Task IngestLaterReleaseAsync()
    {
        var (_, body) = await api.PostAsync(IngestDocumentMutationTests.Mutation,
            new { input = new { title = LaterRelease.Split('\n')[0], text = LaterRelease, url = "https://example.org/nrw-schlesien-25", published = "2025-06-16" } },
            ApiFactory.WriterKey);
        Assert.True(body["errors"] is null, body.ToJsonString());
    }

    private static IEnumerable<string?> Titles(JsonNode? offices) => offices!.AsArray().Select(o => o!["title"].Str());

    [Fact]
    public async Task ParticipantKeepsHisTitleGivenALaterHolderWordedOtherwise()
    {
        await IngestLaterReleaseAsync();
        var r = await api.QueryAsync("""
            { cooperationEvents(between: "NRW", and: "Japan", types: [RECEPTION]) {
                nodes { date participants { entity { name } offices { title office { id } } } } } }
            """);
        Assert.True(r["errors"] is null, r.ToJsonString());
        var reception = Assert.Single(r["data"]!["cooperationEvents"]!["nodes"]!.AsArray(), e => e!["date"].Str() == "2020-09-04")!;
        var laschet = Assert.Single(reception["participants"]!.AsArray(), p => p!["entity"]!["name"].Str() == "Armin Laschet")!;
        Assert.Equal(["Ministerpräsident von Nordrhein-Westfalen"], Titles(laschet["offices"]));
    }

    [Fact]
    public async Task PersonAndOfficeHoldersShowEachHoldersWords()
    {
        await IngestLaterReleaseAsync();
        var r = await api.QueryAsync("""
            { person(ref: "Armin Laschet") { offices { title office { id } } }
              office(ref: "office:ministerpraesident:DE-NW") { holders { person { name } title } }
              relations(between: "NRW", and: "Japan") { officials { person { name } offices { title } } } }
            """);
        Assert.True(r["errors"] is null, r.ToJsonString());
        var d = r["data"]!;
        Assert.Equal(["Ministerpräsident von Nordrhein-Westfalen"], Titles(d["person"]!["offices"]));
        var holders = d["office"]!["holders"]!.AsArray().ToDictionary(h => h!["person"]!["name"].Str()!, h => h!["title"].Str());
        Assert.Equal("Ministerpräsident von Nordrhein-Westfalen", holders["Armin Laschet"]);
        Assert.Equal("Ministerpräsidentin von Nordrhein-Westfalen", holders["Annegret Hülsmann"]);
        var official = Assert.Single(d["relations"]!["officials"]!.AsArray(), o => o!["person"]!["name"].Str() == "Armin Laschet")!;
        Assert.Equal(["Ministerpräsident von Nordrhein-Westfalen"], Titles(official["offices"]));
    }
}
