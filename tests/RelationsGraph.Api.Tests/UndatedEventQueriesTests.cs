using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Api.Tests;

/// <summary>
/// Events whose release gives no date, over HTTP: <c>date</c> and <c>datePrecision</c> are null, they come
/// after the dated events, match no from/to filter, are unplaced on a timeline and no first or last contact.
/// Its own host, so that the two undated NRW–Japan events change no other test's counts.
/// </summary>
public sealed class UndatedEventQueriesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Laschet = "person:armin-laschet";
    private const string Iwama = "person:kiminori-iwama";

    /// <summary>
    /// A release without any date: "Ministerpräsident Armin Laschet empfing eine Delegation aus Japan.
    /// Generalkonsul Kiminori Iwama traf Vertreter des Landes." Laschet's office is stated in it; Iwama's is not.
    /// </summary>
    private async Task WriteUndatedReleaseAsync()
    {
        var store = api.Services.GetRequiredService<IGraphStore>();
        var holds = (await store.GetRelationshipsAsync([Laschet], Direction.Outgoing, [EdgeTypes.Holds], default)).Single().Edge;
        var doc = new Document("doc:undated-api", "Ohne Datum", null, null, null, "de", "h-undated-api", null);
        EvidenceSpan Q(string q) => new(doc.Id, q, 0, q.Length);
        const string reception = "Ministerpräsident Armin Laschet empfing eine Delegation aus Japan";
        const string meeting = "Generalkonsul Kiminori Iwama traf Vertreter des Landes";
        var nodes = await store.GetNodesAsync(["DE-NW", "JP", Laschet, Iwama, holds.Target], default);
        var received = new Event(GraphIds.Event(EventType.Reception, null, [Laschet], null, ["DE-NW", "JP"]), EventType.Reception, null, "Empfang ohne Datum");
        var met = new Event(GraphIds.Event(EventType.Meeting, null, [Iwama], null, ["DE-NW", "JP"]), EventType.Meeting, null, "Treffen ohne Datum");
        await store.WriteDocumentAsync(new DocumentGraph(doc,
            [.. nodes.Select(n => new NodeFact(n, [Q(n.Id == Iwama ? meeting : reception)])), new NodeFact(received, [Q(reception)]), new NodeFact(met, [Q(meeting)])],
            [new EdgeFact(holds with { AsOf = null }, [Q("Ministerpräsident Armin Laschet")]),
             new EdgeFact(new GraphEdge(EdgeTypes.Participant, received.Id, Laschet), [Q(reception)]),
             new EdgeFact(new GraphEdge(EdgeTypes.Involves, received.Id, "DE-NW"), [Q(reception)]),
             new EdgeFact(new GraphEdge(EdgeTypes.Involves, received.Id, "JP"), [Q(reception)]),
             new EdgeFact(new GraphEdge(EdgeTypes.Participant, met.Id, Iwama), [Q(meeting)]),
             new EdgeFact(new GraphEdge(EdgeTypes.Involves, met.Id, "DE-NW"), [Q(meeting)]),
             new EdgeFact(new GraphEdge(EdgeTypes.Involves, met.Id, "JP"), [Q(meeting)])]), default);
    }

    [Fact]
    public async Task CooperationEventsListsUndatedEventsLastWithNullDateAndOnlyWithoutADateFilter()
    {
        await WriteUndatedReleaseAsync();
        var r = await api.QueryAsync("""
            { all: cooperationEvents(between: "NRW", and: "Japan") {
                totalCount nodes { type date datePrecision participants { entity { id } offices { office { title } } } } }
              since: cooperationEvents(between: "NRW", and: "Japan", from: "1900") { totalCount }
              until: cooperationEvents(between: "NRW", and: "Japan", to: "2999") { totalCount } }
            """);
        Assert.Null(r["errors"]);
        var nodes = r["data"]!["all"]!["nodes"]!.AsArray();
        Assert.Equal(5, r["data"]!["all"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(["2019-09", "2019-10", "2020-09-04", null, null], nodes.Select(n => n!["date"].Str()));
        Assert.All(nodes.Skip(3), n => Assert.Null(n!["datePrecision"]));
        Assert.Equal(3, r["data"]!["since"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(3, r["data"]!["until"]!["totalCount"]!.GetValue<int>());

        // an undated event shows the offices its own release states, and no others
        JsonNode Participant(string type, string id) =>
            Assert.Single(nodes.Skip(3).Single(n => n!["type"].Str() == type)!["participants"]!.AsArray(), p => p!["entity"]!["id"].Str() == id)!;
        Assert.NotEmpty(Participant("RECEPTION", Laschet)["offices"]!.AsArray());
        Assert.Empty(Participant("MEETING", Iwama)["offices"]!.AsArray());
    }

    [Fact]
    public async Task TimelineAndRelationsCountUndatedEventsButPlaceNoneAndTakeNoContactFromThem()
    {
        await WriteUndatedReleaseAsync();
        var r = await api.QueryAsync("""
            { timeline(actor: "NRW", counterpart: "Japan", granularity: YEAR) { total buckets { count } unplaced { type date datePrecision } }
              relations(between: "NRW", and: "Japan") { firstContact { date } lastContact { date } eventCount eventsByType { type count } } }
            """);
        Assert.Null(r["errors"]);
        var t = r["data"]!["timeline"]!;
        Assert.Equal(5, t["total"]!.GetValue<int>());
        Assert.Equal(3, t["buckets"]!.AsArray().Sum(b => b!["count"]!.GetValue<int>()));
        Assert.Equal(["MEETING", "RECEPTION"], t["unplaced"]!.AsArray().Select(e => e!["type"].Str()).Order());
        Assert.All(t["unplaced"]!.AsArray(), e => Assert.Null(e!["date"]));
        var s = r["data"]!["relations"]!;
        Assert.Equal(("2019-09", "2020-09-04", 5), (s["firstContact"]!["date"].Str(), s["lastContact"]!["date"].Str(), s["eventCount"]!.GetValue<int>()));
        Assert.Equal(1, s["eventsByType"]!.AsArray().Single(x => x!["type"].Str() == "MEETING")!["count"]!.GetValue<int>());
    }
}
