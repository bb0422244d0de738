using System.Text.Json.Nodes;

namespace RelationsGraph.Api.Tests;

/// <summary>Timelines, relation summaries, offices over time and subgraphs over HTTP, on every store.</summary>
public abstract partial class GraphQLQueries
{
    [Fact]
    public async Task TimelineGivesNrwJapanByMonthWithCountsPerType()
    {
        var r = await api.QueryAsync("""
            { timeline(actor: "NRW", counterpart: "Japan") {
                actor { id } counterpart { id } granularity total unplaced { id }
                buckets { period start end count byType { type count } events { date evidence { quote } } } } }
            """);
        Assert.Null(r["errors"]);
        var t = r["data"]!["timeline"]!;
        Assert.Equal(("DE-NW", "JP", "MONTH", 3), (t["actor"]!["id"].Str(), t["counterpart"]!["id"].Str(), t["granularity"].Str(), t["total"]!.GetValue<int>()));
        var buckets = t["buckets"]!.AsArray();
        Assert.Equal(["2019-09 DELEGATION", "2019-10 VISIT", "2020-09 RECEPTION"],
            buckets.Select(b => $"{b!["period"].Str()} {Assert.Single(b["byType"]!.AsArray())!["type"].Str()}"));
        Assert.Equal(("2019-10-01", "2019-10-31"), (buckets[1]!["start"].Str(), buckets[1]!["end"].Str()));
        Assert.NotEmpty(buckets[2]!["events"]![0]!["evidence"]!.AsArray());
        Assert.Empty(t["unplaced"]!.AsArray());
    }

    [Fact]
    public async Task TimelineByYearFiltersByTypeAndDate()
    {
        var r = await api.QueryAsync("""{ timeline(actor: "DE-NW", counterpart: "JP", granularity: YEAR, from: "2019-10", types: [VISIT, RECEPTION]) { total buckets { period count } } }""");
        Assert.Null(r["errors"]);
        Assert.Equal(["2019:1", "2020:1"], r["data"]!["timeline"]!["buckets"]!.AsArray().Select(b => $"{b!["period"].Str()}:{b["count"]!.GetValue<int>()}"));
    }

    [Fact]
    public async Task RelationsSummarizesNrwAndJapan()
    {
        var r = await api.QueryAsync("""
            { relations(between: "NRW", and: "Japan") {
                firstContact { date } lastContact { date } eventCount eventsByType { type count }
                agreements { status agreement { title count } events { type date } }
                officials { person { name } offices { office { title } from to } events { date } }
                figures { metric value qualifier asOf evidence { quote } } } }
            """);
        Assert.Null(r["errors"]);
        var s = r["data"]!["relations"]!;
        Assert.Equal(("2019-09", "2020-09-04", 3), (s["firstContact"]!["date"].Str(), s["lastContact"]!["date"].Str(), s["eventCount"]!.GetValue<int>()));
        var extended = Assert.Single(s["agreements"]!.AsArray(), a => a!["status"].Str() == "EXTENDED")!;
        Assert.Equal("2019-10", extended["events"]![0]!["date"].Str());
        var iwama = Assert.Single(s["officials"]!.AsArray(), o => o!["person"]!["name"].Str() == "Kiminori Iwama")!;
        Assert.Equal("2020-09-04", iwama["offices"]![0]!["from"].Str());
        var companies = Assert.Single(s["figures"]!.AsArray(), f => f!["metric"].Str() == "companies")!;
        Assert.Equal((600m, "ABOUT", "2020-06"), (companies["value"]!.GetValue<decimal>(), companies["qualifier"].Str(), companies["asOf"].Str()));
        Assert.NotEmpty(companies["evidence"]!.AsArray());
    }

    [Fact]
    public async Task OfficeListsItsHoldersWithFromAndTo()
    {
        var r = await api.QueryAsync("""
            { office(ref: "Generalkonsul von Japan in Nordrhein-Westfalen") { title holders { person { name } from to } holderAt(date: "2020-09") { person { name } } }
              person(ref: "Iwama") { now: offices(at: "2020-09-04") { office { role } } before: offices(at: "2018") { office { role } } } }
            """);
        Assert.Null(r["errors"]);
        var o = r["data"]!["office"]!;
        var holder = Assert.Single(o["holders"]!.AsArray())!;
        Assert.Equal(("Kiminori Iwama", "2020-09-04", "2020-09-04"), (holder["person"]!["name"].Str(), holder["from"].Str(), holder["to"].Str()));
        Assert.Equal("Kiminori Iwama", o["holderAt"]!["person"]!["name"].Str());
        var p = r["data"]!["person"]!;
        Assert.Equal("generalkonsul", Assert.Single(p["now"]!.AsArray())!["office"]!["role"].Str());
        Assert.Empty(p["before"]!.AsArray());
    }

    [Fact]
    public async Task SubgraphGivesNodesAndEdgesAmongThemWithEvidence()
    {
        var r = await api.QueryAsync("""
            { subgraph(seeds: ["NRW", "Japan"], depth: 1, relationTypes: ["INVOLVES"], from: "2019-10") {
                truncated nodes { id label } edges { id type source target evidence { quote } } } }
            """);
        Assert.Null(r["errors"]);
        var g = r["data"]!["subgraph"]!;
        var nodes = g["nodes"]!.AsArray().Select(n => n!["id"].Str()).ToHashSet();
        Assert.Equal(2, g["nodes"]!.AsArray().Count(n => n!["label"].Str() == "Event"));
        var edges = g["edges"]!.AsArray();
        Assert.NotEmpty(edges);
        Assert.All(edges, e => Assert.Equal("INVOLVES", e!["type"].Str()));
        Assert.All(edges, e => Assert.True(nodes.Contains(e!["source"].Str()) && nodes.Contains(e["target"].Str())));
        Assert.All(edges, e => Assert.NotEmpty(e!["evidence"]!.AsArray()));
        Assert.False(g["truncated"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("""{ subgraph(seeds: ["NRW"], depth: 9) { truncated } }""", "BAD_DEPTH")]
    [InlineData("""{ subgraph(seeds: ["NRW"], relationTypes: ["KNOWS"]) { truncated } }""", "BAD_RELATION_TYPE")]
    [InlineData("""{ subgraph(seeds: []) { truncated } }""", "NO_SEEDS")]
    [InlineData("""{ subgraph(seeds: ["Atlantis"]) { truncated } }""", "UNKNOWN_REF")]
    [InlineData("""{ timeline(actor: "NRW", counterpart: "Japan", from: "2019-13") { total } }""", "BAD_DATE")]
    [InlineData("""{ office(ref: "NRW") { title } }""", "UNKNOWN_REF")]
    public async Task BadArgumentsGiveACodeAndAMessage(string query, string code)
    {
        var r = await api.QueryAsync(query);
        var error = r["errors"]![0]!;
        Assert.Equal(code, error["extensions"]!["code"].Str());
        Assert.False(string.IsNullOrWhiteSpace(error["message"].Str()));
    }
}
