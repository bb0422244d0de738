using Microsoft.Extensions.Logging.Abstractions;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Ingestion;
using RelationsGraph.Model;

namespace RelationsGraph.Core.Tests.Stores;

/// <summary>
/// Relation summaries counted by the store (<see cref="IGraphStore.TallyRelationAsync"/>,
/// <see cref="IGraphStore.FindParticipantsAsync"/>) say what the store's lists say, on every store.
/// </summary>
public abstract partial class GraphStoreConformance
{
    /// <summary>Places of the dev corpus and the seed: countries, and subdivisions that roll up into them.</summary>
    private static readonly string[] CorpusActors =
        ["DE", "JP", "US", "FR", "PL", "CN", "NL", "KR", "IT", "BR", "SN", "ZA", "MX", "CA", "GB", "AT", "SK", "RW",
         "DE-NW", "DE-BY", "DE-BW", "DE-BE", "DE-HH", "DE-SN", "DE-HE", "DE-NI", "JP-07", "JP-13", "JP-27"];

    [Fact]
    public async Task TallyRelationAgreesWithTheListsGivenTheCorpusAndUndatedEvents()
    {
        var ingestor = new DocumentIngestor(store, new PressReleaseExtractor(), new GraphBuilder(), NullLogger<DocumentIngestor>.Instance);
        await ingestor.IngestPathAsync(Path.Combine(RepositoryPaths.Root, "tests", "corpus"), null, default);
        await store.WriteDocumentAsync(Seed, default);
        await store.WriteDocumentAsync(UndatedRelease(), default);
        var actors = (await store.GetNodesAsync(CorpusActors, default)).Select(n => n.Id).ToList();
        IGraphStore portOnly = new PortOnly(store);
        int withEvents = 0, withAgreements = 0, withOfficials = 0, withUndated = 0, withFigures = 0;
        foreach (var a in actors)
            foreach (var b in actors.Where(b => string.CompareOrdinal(a, b) < 0))
            {
                var events = (await store.FindEventsAsync(new EventFilter(a, b), new PageRequest(10_000), default)).Items;
                var dated = events.Where(e => e.Date is not null).ToList();
                var agreements = await store.FindAgreementsAsync(a, b, new PageRequest(1_000), default);
                var expectedAgreements = agreements.TotalCount;
                // agreements by their definition: a party within each side (the side, or anything PART_OF or BASED_IN it)
                var byDefinition = (await AgreementsWithinAsync(a)).Intersect(await AgreementsWithinAsync(b)).Order(StringComparer.Ordinal);
                Assert.Equal(byDefinition, agreements.Items.Select(x => x.Id).Order(StringComparer.Ordinal));
                Assert.Equal(agreements.Items.OrderBy(x => x.Date?.Start ?? DateOnly.MaxValue).ThenBy(x => x.Id, StringComparer.Ordinal), agreements.Items);
                var expectedOfficials = await ParticipantsFromTheListsAsync(events);

                var tally = await store.TallyRelationAsync(a, b, RelationParts.All, default);
                var because = $"{a}–{b}";
                Assert.True(events.Count == tally.EventCount, because);
                Assert.Equal(Enum.GetValues<EventType>().Select(t => new EventTypeCount(t, events.Count(e => e.Type == t))).Where(c => c.Count > 0), tally.EventsByType);
                Assert.True(dated.FirstOrDefault()?.Id == tally.FirstContact?.Id, because);
                Assert.True(dated.LastOrDefault()?.Id == tally.LastContact?.Id, because);
                Assert.Equal(dated.FirstOrDefault(), tally.FirstContact);
                Assert.True(expectedAgreements == tally.AgreementCount, because);
                Assert.True(expectedOfficials.Count == tally.OfficialCount, because);

                // the order and events of each participant, whole and page by page
                var all = await store.FindParticipantsAsync(a, b, new PageRequest(1_000), default);
                Assert.Equal(expectedOfficials, all.Items.Select(p => $"{p.Person.Id}: {string.Join(' ', p.EventIds)}"));
                Assert.Equal(all.TotalCount, tally.OfficialCount);
                var paged = new List<RelationParticipant>();
                for (var page = new PageRequest(2); ; page = page with { Offset = page.Offset + 2 })
                {
                    var p = await store.FindParticipantsAsync(a, b, page, default);
                    Assert.Equal(all.TotalCount, p.TotalCount);
                    paged.AddRange(p.Items);
                    if (!p.HasNextPage) break;
                }
                Assert.Equal(all.Items.Select(p => p.Person.Id), paged.Select(p => p.Person.Id));

                // a store without its own summary (the port's default, counted from the lists) answers the same
                var fallback = await portOnly.TallyRelationAsync(a, b, RelationParts.All, default);
                Assert.Equal((tally.EventCount, tally.FirstContact?.Id, tally.LastContact?.Id, tally.AgreementCount, tally.OfficialCount),
                    (fallback.EventCount, fallback.FirstContact?.Id, fallback.LastContact?.Id, fallback.AgreementCount, fallback.OfficialCount));
                Assert.Equal(tally.EventsByType, fallback.EventsByType);
                Assert.Equal(all.Items.Select(p => p.Person.Id), (await portOnly.FindParticipantsAsync(a, b, new PageRequest(1_000), default)).Items.Select(p => p.Person.Id));
                var figures = await store.FindFiguresAsync(a, b, default);
                Assert.Equal((await portOnly.FindFiguresAsync(a, b, default)).Select(f => f.Id), figures.Select(f => f.Id));
                Assert.Equal(figures.Select(f => f.Id), (await store.FindFiguresAsync(b, a, default)).Select(f => f.Id));

                if (events.Count > 0) withEvents++;
                if (expectedAgreements > 0) withAgreements++;
                if (expectedOfficials.Count > 0) withOfficials++;
                if (dated.Count < events.Count) withUndated++;
                if (figures.Count > 0) withFigures++;
            }
        // the comparisons above are about real relations, not only empty ones
        Assert.True(withEvents >= 10 && withAgreements >= 3 && withOfficials >= 5 && withUndated >= 1 && withFigures >= 3, $"{withEvents} {withAgreements} {withOfficials} {withUndated} {withFigures}");
    }

    /// <summary>Agreements with a PARTY within an actor (the actor, or anything PART_OF or BASED_IN it at any depth), read relationship by relationship.</summary>
    private async Task<HashSet<string>> AgreementsWithinAsync(string actor)
    {
        var within = new HashSet<string>(StringComparer.Ordinal) { actor };
        for (var frontier = new List<string> { actor }; frontier.Count > 0;)
            frontier = (await store.GetRelationshipsAsync(frontier, Direction.Incoming, [EdgeTypes.PartOf, EdgeTypes.BasedIn], default)).Select(r => r.Edge.Source).Where(within.Add).ToList();
        var party = await store.GetRelationshipsAsync(within.ToList(), Direction.Incoming, [EdgeTypes.Party], default);
        return (await store.GetNodesAsync(party.Select(r => r.Edge.Source).Distinct().ToList(), default)).OfType<Agreement>().Select(x => x.Id).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The participants of the events that are people, by their first event, then name and id: what FindParticipantsAsync must list.</summary>
    private async Task<List<string>> ParticipantsFromTheListsAsync(IReadOnlyList<Event> events)
    {
        var rels = await store.GetRelationshipsAsync(events.Select(e => e.Id).ToList(), Direction.Outgoing, [EdgeTypes.Participant], default);
        var people = (await store.GetNodesAsync(rels.Select(r => r.Edge.Target).Distinct().ToList(), default)).OfType<Person>().ToDictionary(p => p.Id);
        var rows = new List<(Person Person, Event First, List<string> Events)>();
        foreach (var person in people.Values)
        {
            var theirs = events.Where(e => rels.Any(r => r.Edge.Source == e.Id && r.Edge.Target == person.Id)).ToList();
            rows.Add((person, theirs[0], theirs.Select(e => e.Id).ToList()));
        }
        return rows.OrderBy(r => r.First.Date, Comparer<FuzzyDate?>.Create(Event.CompareDates))
            .ThenBy(r => r.Person.Name, StringComparer.Ordinal).ThenBy(r => r.Person.Id, StringComparer.Ordinal)
            .Select(r => $"{r.Person.Id}: {string.Join(' ', r.Events)}").ToList();
    }

    [Fact]
    public async Task TallyRelationCountsOnlyThePartsAskedFor()
    {
        await store.WriteDocumentAsync(Seed, default);
        var events = await store.TallyRelationAsync("DE-NW", "JP-07", RelationParts.Events, default);
        Assert.Equal((1, "2019-10", "2019-10", 0, 0), (events.EventCount, events.FirstContact?.Date.ToString(), events.LastContact?.Date.ToString(), events.AgreementCount, events.OfficialCount));
        var agreements = await store.TallyRelationAsync("DE-NW", "JP-07", RelationParts.Agreements, default);
        Assert.Equal((0, 0, null), (agreements.EventCount, agreements.EventsByType.Count, agreements.FirstContact));
        Assert.Equal((await store.FindAgreementsAsync("DE-NW", "JP-07", new PageRequest(10), default)).TotalCount, agreements.AgreementCount);
        Assert.True(agreements.AgreementCount >= 2);
        var officials = await store.TallyRelationAsync("DE-NW", "JP-07", RelationParts.Officials, default);
        Assert.Equal((0, 0, 1), (officials.EventCount, officials.AgreementCount, officials.OfficialCount));
        Assert.Equal(RelationTally.None, await store.TallyRelationAsync("DE-NW", "JP-07", RelationParts.None, default));
    }

    [Fact]
    public async Task TallyRelationFollowsAWriteAndARetraction()
    {
        await store.WriteDocumentAsync(Seed, default);
        await store.WriteDocumentAsync(Follow_up(), default);
        var r = await store.TallyRelationAsync("DE-NW", "JP", RelationParts.All, default);
        // a year-only date is a date: the 2021 meeting is the last contact
        Assert.Equal((4, "2021", 1), (r.EventCount, r.LastContact?.Date.ToString(), r.EventsByType.Single(t => t.Type == EventType.Meeting).Count));
        Assert.True(await store.DeleteDocumentAsync("doc:follow-up", default));
        r = await store.TallyRelationAsync("DE-NW", "JP", RelationParts.All, default);
        Assert.Equal((3, "2020-09-04"), (r.EventCount, r.LastContact?.Date.ToString()));
        Assert.DoesNotContain(r.EventsByType, t => t.Type == EventType.Meeting);
    }

    [Fact]
    public async Task TallyRelationIsEmptyGivenActorsWithoutEventsOrUnknown()
    {
        await store.WriteDocumentAsync(Seed, default);
        var unknown = await store.TallyRelationAsync("DE-NW", "XX-nothing", RelationParts.All, default);
        Assert.Equal((0, 0, 0, 0, null, null), (unknown.EventCount, unknown.EventsByType.Count, unknown.AgreementCount, unknown.OfficialCount, unknown.FirstContact, unknown.LastContact));
        var none = await store.FindParticipantsAsync("DE-NW", "XX-nothing", new PageRequest(10), default);
        Assert.Equal((0, 0), (none.TotalCount, none.Items.Count));
        var past = await store.FindParticipantsAsync("DE-NW", "JP", new PageRequest(10, 50), default);
        Assert.Equal((3, 0), (past.TotalCount, past.Items.Count));
    }

    /// <summary>The store through the port's required members only: what a store gets from the port's default implementations.</summary>
    private sealed class PortOnly(IGraphStore inner) : IGraphStore
    {
        public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);
        public Task<IngestOutcome> WriteDocumentAsync(DocumentGraph graph, CancellationToken cancellationToken) => inner.WriteDocumentAsync(graph, cancellationToken);
        public Task<bool> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken) => inner.DeleteDocumentAsync(documentId, cancellationToken);
        public Task<IReadOnlyList<GraphNode>> ResolveAsync(string reference, CancellationToken cancellationToken) => inner.ResolveAsync(reference, cancellationToken);
        public Task<IReadOnlyList<GraphNode>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => inner.GetNodesAsync(ids, cancellationToken);
        public Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(IReadOnlyCollection<string> nodeIds, Direction direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken) =>
            inner.GetRelationshipsAsync(nodeIds, direction, types, cancellationToken);
        public Task<IReadOnlyDictionary<string, IReadOnlyList<EvidenceSpan>>> GetEvidenceAsync(IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken) =>
            inner.GetEvidenceAsync(nodeIds, cancellationToken);
        public Task<Page<Event>> FindEventsAsync(EventFilter filter, PageRequest page, CancellationToken cancellationToken) => inner.FindEventsAsync(filter, page, cancellationToken);
        public Task<Page<Agreement>> FindAgreementsAsync(string party, string? counterparty, PageRequest page, CancellationToken cancellationToken) =>
            inner.FindAgreementsAsync(party, counterparty, page, cancellationToken);
        public Task<Page<GraphNode>> SearchAsync(string text, PageRequest page, CancellationToken cancellationToken) => inner.SearchAsync(text, page, cancellationToken);
        public Task<GraphCounts> CountAsync(CancellationToken cancellationToken) => inner.CountAsync(cancellationToken);
    }
}
