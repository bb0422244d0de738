using RelationsGraph.Graph;
using RelationsGraph.Ingestion;
using RelationsGraph.Model;
using RelationsGraph.Relations;

namespace RelationsGraph.Core.Tests.Stores;

/// <summary>
/// Events whose release gives no date: kept, listed after the dated ones (by id), matched by no date
/// filter, unplaced on timelines, never a first or last contact; on every store.
/// </summary>
public abstract partial class GraphStoreConformance
{
    private const string UndatedDocId = "doc:undated";

    /// <summary>
    /// A release with no date anywhere: "Ministerpräsident Laschet empfing den Generalkonsul; Hanna Beispiel
    /// traf Vertreter aus Japan." Two undated NRW–Japan events, one with an unnamed office taking part.
    /// </summary>
    private static DocumentGraph UndatedRelease()
    {
        var doc = new Document(UndatedDocId, "Ohne Datum", null, null, null, "de", "h-undated", null);
        EvidenceSpan Q(string q) => new(doc.Id, q, 0, q.Length);
        const string receptionQuote = "Ministerpräsident Laschet empfing den Generalkonsul";
        const string meetingQuote = "Hanna Beispiel traf Vertreter aus Japan";
        var laschet = SeedPerson("Armin Laschet");
        var consulate = OfficeOf(SeedPerson("Kiminori Iwama"));
        var beispiel = new Person("person:hanna-beispiel", "Hanna Beispiel", []);
        var reception = new Event(GraphIds.Event(EventType.Reception, null, [laschet.Id], null, ["DE-NW", "JP"]), EventType.Reception, null, "Empfang");
        var meeting = new Event(GraphIds.Event(EventType.Meeting, null, [beispiel.Id], null, ["DE-NW", "JP"]), EventType.Meeting, null, "Treffen");
        var nrw = Seed.Nodes.Single(n => n.Node.Id == "DE-NW").Node;
        var japan = Seed.Nodes.Single(n => n.Node.Id == "JP").Node;
        return new DocumentGraph(doc,
            [new NodeFact(nrw, [Q("Ministerpräsident")]), new NodeFact(japan, [Q(meetingQuote)]), new NodeFact(laschet, [Q(receptionQuote)]), new NodeFact(consulate, [Q(receptionQuote)]), new NodeFact(reception, [Q(receptionQuote)]),
             new NodeFact(beispiel, [Q(meetingQuote)]), new NodeFact(meeting, [Q(meetingQuote)])],
            [new EdgeFact(new GraphEdge(EdgeTypes.Participant, reception.Id, laschet.Id), [Q(receptionQuote)]),
             new EdgeFact(new GraphEdge(EdgeTypes.Participant, reception.Id, consulate.Id), [Q(receptionQuote)]),
             new EdgeFact(new GraphEdge(EdgeTypes.Involves, reception.Id, "DE-NW"), [Q(receptionQuote)]),
             new EdgeFact(new GraphEdge(EdgeTypes.Involves, reception.Id, "JP"), [Q(receptionQuote)]),
             new EdgeFact(new GraphEdge(EdgeTypes.Participant, meeting.Id, beispiel.Id), [Q(meetingQuote)]),
             new EdgeFact(new GraphEdge(EdgeTypes.Involves, meeting.Id, "DE-NW"), [Q(meetingQuote)]),
             new EdgeFact(new GraphEdge(EdgeTypes.Involves, meeting.Id, "JP"), [Q(meetingQuote)])]);
    }

    private static List<string> UndatedIds() =>
        UndatedRelease().Nodes.Select(n => n.Node).OfType<Event>().Select(e => e.Id).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void AnUndatedEventHasADeterministicIdThatSaysUndated()
    {
        Assert.All(UndatedIds(), id => Assert.Contains(":undated:", id, StringComparison.Ordinal));
        Assert.Equal(UndatedIds(), UndatedIds());
        Assert.NotEqual(GraphIds.Event(EventType.Meeting, null, ["person:a"], null, []), GraphIds.Event(EventType.Meeting, new FuzzyDate(2020), ["person:a"], null, []));
    }

    [Fact]
    public async Task FindEventsListsUndatedEventsAfterTheDatedOnesAndOnlyWithoutADateFilter()
    {
        await store.WriteDocumentAsync(Seed, default);
        await store.WriteDocumentAsync(UndatedRelease(), default);
        var undated = UndatedIds();

        var all = await store.FindEventsAsync(new EventFilter("DE-NW", "JP"), new PageRequest(10), default);
        Assert.Equal(5, all.TotalCount);
        Assert.Equal(["2019-09", "2019-10", "2020-09-04", null, null], all.Items.Select(e => e.Date?.ToString()));
        Assert.Equal(undated, all.Items.Skip(3).Select(e => e.Id));
        var lastPage = await store.FindEventsAsync(new EventFilter("DE-NW", "JP"), new PageRequest(2, 3), default);
        Assert.Equal(undated, lastPage.Items.Select(e => e.Id));

        Assert.Equal(3, (await store.FindEventsAsync(new EventFilter("DE-NW", "JP", From: new FuzzyDate(1900)), new PageRequest(10), default)).TotalCount);
        Assert.Equal(3, (await store.FindEventsAsync(new EventFilter("DE-NW", "JP", To: new FuzzyDate(2999)), new PageRequest(10), default)).TotalCount);
        var meetings = await store.FindEventsAsync(new EventFilter("DE-NW", "JP", Types: [EventType.Meeting]), new PageRequest(10), default);
        Assert.Null(Assert.Single(meetings.Items).Date);
        Assert.Equal(5, (await store.FindEventsAsync(new EventFilter(), new PageRequest(10), default)).TotalCount);
    }

    [Fact]
    public async Task AnUndatedEventKeepsNoDateAcrossARestartAndItsRetractionLeavesNoTrace()
    {
        await store.WriteDocumentAsync(Seed, default);
        var seedOnly = await ExportAroundCountriesAsync(store);
        await store.WriteDocumentAsync(UndatedRelease(), default);
        var id = UndatedIds()[0];
        Assert.Null(Assert.IsType<Event>(Assert.Single(await store.GetNodesAsync([id], default))).Date);
        var withUndated = await ExportAroundCountriesAsync(store);

        store = await ReopenAsync(store);
        Assert.Null(Assert.IsType<Event>(Assert.Single(await store.GetNodesAsync([id], default))).Date);
        Assert.Equal(withUndated.GraphML, (await ExportAroundCountriesAsync(store)).GraphML);
        Assert.Equal(IngestStatus.Unchanged, (await store.WriteDocumentAsync(UndatedRelease(), default)).Status);

        Assert.True(await store.DeleteDocumentAsync(UndatedDocId, default));
        Assert.Empty(await store.GetNodesAsync([id], default));
        var after = await ExportAroundCountriesAsync(store);
        Assert.Equal(seedOnly.GraphML, after.GraphML);
        Assert.Equal(seedOnly.Cypher, after.Cypher);
    }

    [Fact]
    public async Task TimelinePutsUndatedEventsIntoUnplacedAndCountsThemInTheTotal()
    {
        await store.WriteDocumentAsync(Seed, default);
        await store.WriteDocumentAsync(UndatedRelease(), default);
        foreach (var granularity in new[] { Granularity.Year, Granularity.Quarter, Granularity.Month })
        {
            var timeline = await Queries.TimelineAsync(new EventFilter("DE-NW", "JP"), granularity, default);
            Assert.Equal(UndatedIds(), (await Queries.UnplacedEventsAsync(new EventFilter("DE-NW", "JP"), timeline, default)).Select(e => e.Id));
            Assert.Equal(3, timeline.Buckets.Sum(b => b.Count));
            Assert.Equal(5, timeline.Total);
        }
        var in2019 = await Queries.TimelineAsync(new EventFilter("DE-NW", "JP", new FuzzyDate(2019), new FuzzyDate(2019)), Granularity.Year, default);
        Assert.Equal(0, in2019.UnplacedCount);
        Assert.Empty(await Queries.UnplacedEventsAsync(new EventFilter("DE-NW", "JP", new FuzzyDate(2019), new FuzzyDate(2019)), in2019, default));
        Assert.Equal(2, in2019.Total);
    }

    [Fact]
    public async Task RelationSummaryTakesContactsFromDatedEventsAndCountsUndatedOnes()
    {
        await store.WriteDocumentAsync(Seed, default);
        await store.WriteDocumentAsync(UndatedRelease(), default);
        var r = await store.TallyRelationAsync("DE-NW", "JP", RelationParts.All, default);
        Assert.Equal("2019-09", r.FirstContact?.Date?.ToString());
        Assert.Equal("2020-09-04", r.LastContact?.Date?.ToString());
        Assert.Equal(5, r.EventCount);
        Assert.Equal(1, r.EventsByType.Single(t => t.Type == EventType.Meeting).Count);
        // someone seen only at an undated event comes after everyone seen at a dated one
        var officials = await store.FindParticipantsAsync("DE-NW", "JP", new PageRequest(100), default);
        Assert.Equal(r.OfficialCount, officials.TotalCount);
        Assert.Equal("Hanna Beispiel", officials.Items[^1].Person.Name);
        var only = Assert.Single(officials.Items[^1].EventIds);
        Assert.Null(Assert.IsType<Event>(Assert.Single(await store.GetNodesAsync([only], default))).Date);
    }

    [Fact]
    public async Task RelationSummaryHasNoContactGivenOnlyUndatedEvents()
    {
        await store.WriteDocumentAsync(UndatedRelease(), default);
        var r = await store.TallyRelationAsync("DE-NW", "JP", RelationParts.All, default);
        Assert.Equal(2, r.EventCount);
        Assert.Null(r.FirstContact);
        Assert.Null(r.LastContact);
    }

    [Fact]
    public async Task SubgraphHoldsUndatedEventsOnlyWithoutATimeWindow()
    {
        await store.WriteDocumentAsync(Seed, default);
        await store.WriteDocumentAsync(UndatedRelease(), default);
        var around = await Queries.SubgraphAsync(new SubgraphRequest(["DE-NW", "JP"], Depth: 1), default);
        Assert.Equal(2, around.Nodes.OfType<Event>().Count(e => e.Date is null));
        var windowed = await Queries.SubgraphAsync(new SubgraphRequest(["DE-NW", "JP"], Depth: 1, From: new FuzzyDate(1900)), default);
        Assert.Equal(3, windowed.Nodes.OfType<Event>().Count());
        Assert.All(windowed.Nodes.OfType<Event>(), e => Assert.NotNull(e.Date));
    }

    [Fact]
    public async Task AnUnnamedOfficeAtAnUndatedEventStaysTheOfficeRatherThanAGuessedHolder()
    {
        await store.WriteDocumentAsync(Seed, default);
        var consulate = OfficeOf(SeedPerson("Kiminori Iwama"));
        var resolved = await new CrossDocumentResolver(store).ResolveAsync(UndatedRelease(), default);
        Assert.Contains(resolved.Edges, e => e.Edge.Type == EdgeTypes.Participant && e.Edge.Target == consulate.Id);
        Assert.DoesNotContain(resolved.Edges, e => e.Edge.Type == EdgeTypes.Participant && e.Edge.Target == SeedPerson("Kiminori Iwama").Id);
        Assert.Equal(UndatedIds(), resolved.Nodes.Select(n => n.Node).OfType<Event>().Select(e => e.Id).Order(StringComparer.Ordinal));
    }
}
