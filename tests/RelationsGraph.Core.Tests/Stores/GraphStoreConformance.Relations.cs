using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Relations;

namespace RelationsGraph.Core.Tests.Stores;

/// <summary>Timelines, relation summaries, offices over time and subgraphs, on every store.</summary>
public abstract partial class GraphStoreConformance
{
    private RelationQueries Queries => new(store);

    /// <summary>A second release: the consul general seen again in March 2021, and an NRW–Japan event known only by its year.</summary>
    private static DocumentGraph Follow_up(string hash = "h-follow-up")
    {
        var doc = new Document("doc:follow-up", "Follow-up", null, new FuzzyDate(2021, 3, 2), null, "de", hash, null);
        var iwama = Seed.Nodes.Single(n => n.Node is Person { Name: "Kiminori Iwama" }).Node;
        var holds = Seed.Edges.Single(e => e.Edge.Type == EdgeTypes.Holds && e.Edge.Source == iwama.Id).Edge;
        var office = Seed.Nodes.Single(n => n.Node.Id == holds.Target).Node;
        var year = new Event("event:meeting:2021:test", EventType.Meeting, new FuzzyDate(2021), "Treffen 2021");
        EvidenceSpan Quote(string q) => new(doc.Id, q, 0, q.Length);
        return new DocumentGraph(doc,
            [new NodeFact(iwama, [Quote("Generalkonsul Iwama")]), new NodeFact(office, [Quote("Generalkonsul Iwama")]), new NodeFact(year, [Quote("2021 trafen sich")])],
            [new EdgeFact(holds with { AsOf = new FuzzyDate(2021, 3) }, [Quote("Generalkonsul Iwama")]),
             new EdgeFact(new GraphEdge(EdgeTypes.Involves, year.Id, "DE-NW"), [Quote("2021 trafen sich")]),
             new EdgeFact(new GraphEdge(EdgeTypes.Involves, year.Id, "JP"), [Quote("2021 trafen sich")])]);
    }

    [Fact]
    public async Task TimelineBucketsTheSeedsNrwJapanEventsByMonthAndYear()
    {
        await store.WriteDocumentAsync(Seed, default);
        var byMonth = await Queries.TimelineAsync(new EventFilter("DE-NW", "JP"), Granularity.Month, default);
        Assert.Equal(["2019-09", "2019-10", "2020-09"], byMonth.Buckets.Select(b => b.Period));
        Assert.Equal([EventType.Delegation, EventType.Visit, EventType.Reception], byMonth.Buckets.Select(b => Assert.Single(b.ByType).Type));
        Assert.Empty(await Queries.UnplacedEventsAsync(new EventFilter("DE-NW", "JP"), byMonth, default));
        var byYear = await Queries.TimelineAsync(new EventFilter("DE-NW", "JP"), Granularity.Year, default);
        Assert.Equal([("2019", 2), ("2020", 1)], byYear.Buckets.Select(b => (b.Period, b.Count)));
        // a period's events, read when asked for, are the events the store lists in that period
        var all = (await store.FindEventsAsync(new EventFilter("DE-NW", "JP"), new PageRequest(100), default)).Items;
        foreach (var bucket in byYear.Buckets)
            Assert.Equal(all.Where(e => e.Date!.Value.Year.ToString("D4") == bucket.Period).Select(e => e.Id),
                (await Queries.BucketEventsAsync(new EventFilter("DE-NW", "JP"), byYear, [bucket], default))[bucket].Select(e => e.Id));
        var together = await Queries.BucketEventsAsync(new EventFilter("DE-NW", "JP"), byYear, byYear.Buckets, default);
        Assert.Equal(byYear.Buckets.Select(b => b.Count), byYear.Buckets.Select(b => together[b].Count));
        var byQuarter = await Queries.TimelineAsync(new EventFilter("DE-NW", "JP", Types: [EventType.Visit]), Granularity.Quarter, default);
        Assert.Equal("2019-Q4", Assert.Single(byQuarter.Buckets).Period);
    }

    [Fact]
    public async Task TimelineFlagsAYearOnlyEventAskedByMonthInsteadOfPuttingItIntoJanuary()
    {
        await store.WriteDocumentAsync(Seed, default);
        await store.WriteDocumentAsync(Follow_up(), default);
        var byMonth = await Queries.TimelineAsync(new EventFilter("DE-NW", "JP"), Granularity.Month, default);
        Assert.Equal("2021", Assert.Single(await Queries.UnplacedEventsAsync(new EventFilter("DE-NW", "JP"), byMonth, default)).Date.ToString());
        Assert.DoesNotContain(byMonth.Buckets, b => b.Period.StartsWith("2021", StringComparison.Ordinal));
        Assert.Equal(4, byMonth.Total);
        var byYear = await Queries.TimelineAsync(new EventFilter("DE-NW", "JP"), Granularity.Year, default);
        Assert.Equal(1, Assert.Single(byYear.Buckets, b => b.Period == "2021").Count);
        Assert.Empty(await Queries.UnplacedEventsAsync(new EventFilter("DE-NW", "JP"), byYear, default));
        Assert.Equal(0, byYear.UnplacedCount);
    }

    [Fact]
    public async Task OfficeHoldersGetFromAndToFromTheEvidenceOfAllDocuments()
    {
        await store.WriteDocumentAsync(Seed, default);
        await store.WriteDocumentAsync(Follow_up(), default);
        var iwama = (Person)Assert.Single(await store.ResolveAsync("Iwama", default));
        var term = Assert.Single(await Queries.TermsOfPeopleAsync([iwama], default));
        Assert.Equal(("2020-09-04", "2021-03"), (term.From.ToString(), term.To.ToString()));
        var holders = await Queries.HoldersAsync(term.Office, default);
        Assert.Equal(iwama.Id, OfficeTerm.HolderAt(holders, new FuzzyDate(2020, 12))?.Person.Id);

        Assert.True(await store.DeleteDocumentAsync("doc:follow-up", default));
        term = Assert.Single(await Queries.TermsOfPeopleAsync([iwama], default));
        Assert.Equal(("2020-09-04", "2020-09-04"), (term.From.ToString(), term.To.ToString()));
    }

    [Fact]
    public async Task RelationSummaryGivesContactsAgreementsOfficialsAndFigures()
    {
        await store.WriteDocumentAsync(Seed, default);
        var r = await store.TallyRelationAsync("DE-NW", "JP", RelationParts.All, default);
        Assert.Equal("2019-09", r.FirstContact?.Date.ToString());
        Assert.Equal("2020-09-04", r.LastContact?.Date.ToString());
        Assert.Equal(3, r.EventCount);
        Assert.Equal([new EventTypeCount(EventType.Visit, 1), new EventTypeCount(EventType.Reception, 1), new EventTypeCount(EventType.Delegation, 1)], r.EventsByType);
        var agreements = await Queries.AgreementHistoriesAsync("DE-NW", "JP", new PageRequest(100), default);
        Assert.Equal(r.AgreementCount, agreements.TotalCount);
        var extended = Assert.Single(agreements.Items, a => a.Agreement.Status == AgreementStatus.Extended);
        Assert.Contains(extended.Events, e => e.Date.ToString() == "2019-10");
        var officials = await store.FindParticipantsAsync("DE-NW", "JP", new PageRequest(100), default);
        Assert.Equal(3, r.OfficialCount);
        Assert.Equal(["Armin Laschet", "Kiminori Iwama", "Masao Uchibori"], officials.Items.Select(o => o.Person.Name).Order());
        var terms = await Queries.TermsOfPeopleAsync(officials.Items.Select(o => o.Person).ToList(), default);
        Assert.All(officials.Items, o => Assert.Contains(terms, t => t.Person.Id == o.Person.Id));
        // Figures about both sides; "five universities in NRW offer Japanese studies" is about NRW only.
        Assert.Equal([60m, 170m, 600m, 11000m, 46000m], (await Queries.FiguresAsync("DE-NW", "JP", default)).Select(s => s.Value).Order());
    }

    [Fact]
    public async Task SubgraphFollowsRelationTypesWithinTheTimeWindowAndStopsAtTheCap()
    {
        await store.WriteDocumentAsync(Seed, default);
        var around = await Queries.SubgraphAsync(new SubgraphRequest(["DE-NW", "JP"], Depth: 1), default);
        Assert.Equal(3, around.Nodes.Count(n => n is Event));
        var ids = around.Nodes.Select(n => n.Id).ToHashSet();
        Assert.All(around.Relationships, r => Assert.True(ids.Contains(r.Edge.Source) && ids.Contains(r.Edge.Target), r.Edge.Id));
        Assert.Equal(around.Nodes.Select(n => n.Id).Order(StringComparer.Ordinal), around.Nodes.Select(n => n.Id));
        Assert.False(around.Truncated);

        var in2020 = await Queries.SubgraphAsync(new SubgraphRequest(["DE-NW", "JP"], Depth: 2, RelationTypes: [EdgeTypes.Involves, EdgeTypes.Participant], From: new FuzzyDate(2020)), default);
        Assert.Equal(EventType.Reception, Assert.Single(in2020.Nodes.OfType<Event>()).Type);
        Assert.Equal(["Armin Laschet", "Kiminori Iwama"], in2020.Nodes.OfType<Person>().Select(p => p.Name).Order());
        Assert.All(in2020.Relationships, r => Assert.Contains(r.Edge.Type, new[] { EdgeTypes.Involves, EdgeTypes.Participant }));
        Assert.NotEmpty(in2020.NodeEvidence[in2020.Nodes.OfType<Event>().Single().Id]);

        var capped = await Queries.SubgraphAsync(new SubgraphRequest(["DE-NW"], Depth: 2, MaxNodes: 4), default);
        Assert.True(capped.Truncated);
        Assert.Equal(4, capped.Nodes.Count);
    }

    [Fact]
    public async Task WriteDocumentsAsyncWritesEachDocumentAsWriteDocumentAsyncWould()
    {
        var changed = Seed with
        {
            Document = Seed.Document with { ContentHash = "changed" },
            Nodes = Seed.Nodes.Where(n => n.Node is not Statistic).ToList(),
            Edges = Seed.Edges.Where(e => !e.Edge.Id.StartsWith(EdgeTypes.About, StringComparison.Ordinal)).ToList(),
        };
        // in one batch: a document, another, the first again (later statements see what earlier ones wrote)
        Assert.Equal([IngestStatus.Added, IngestStatus.Added, IngestStatus.Unchanged],
            (await store.WriteDocumentsAsync([Seed, Follow_up(), Seed], default)).Select(o => o.Status));
        var holds = await store.GetRelationshipsAsync([Seed.Nodes.Single(n => n.Node is Person { Name: "Kiminori Iwama" }).Node.Id], Direction.Outgoing, [EdgeTypes.Holds], default);
        Assert.Equal(2, Assert.Single(holds).Dates.Count);
        Assert.Equal([IngestStatus.Updated, IngestStatus.Unchanged], (await store.WriteDocumentsAsync([changed, Follow_up()], default)).Select(o => o.Status));
        Assert.Empty(await store.WriteDocumentsAsync([], default));
        var counts = await store.CountAsync(default);
        Assert.False(counts.NodesByLabel.ContainsKey("Statistic"));
        Assert.Equal(4, counts.NodesByLabel["Event"]);
        var batched = await ExportAroundCountriesAsync(store);

        // the same documents one write each, after taking everything back, give the same graph
        Assert.True(await store.DeleteDocumentAsync(Seed.Document.Id, default));
        Assert.True(await store.DeleteDocumentAsync("doc:follow-up", default));
        Assert.Equal(0, (await store.CountAsync(default)).Nodes);
        foreach (var g in new[] { Seed, Follow_up(), changed }) await store.WriteDocumentAsync(g, default);
        Assert.Equal(counts, await store.CountAsync(default), new CountsComparer());
        var single = await ExportAroundCountriesAsync(store);
        Assert.Equal(single.GraphML, batched.GraphML);
        Assert.Equal(single.Cypher, batched.Cypher);
    }

    private sealed class CountsComparer : IEqualityComparer<GraphCounts>
    {
        public bool Equals(GraphCounts? a, GraphCounts? b) => a is not null && b is not null && (a.Documents, a.Nodes, a.Edges) == (b.Documents, b.Nodes, b.Edges)
            && a.NodesByLabel.OrderBy(kv => kv.Key).SequenceEqual(b.NodesByLabel.OrderBy(kv => kv.Key));
        public int GetHashCode(GraphCounts c) => c.Nodes;
    }
}
