using RelationsGraph.Model;

namespace RelationsGraph.Graph;

/// <summary>Which relationships to read around a set of nodes.</summary>
public enum Direction { Outgoing, Incoming, Both }

/// <summary>
/// A relationship with the quotes that support it (empty for reference data such as the gazetteer's
/// PART_OF) and, for dated relationships (HOLDS), every date a document states it for, ascending
/// (<see cref="GraphEdge.AsOf"/> is the latest of them).
/// </summary>
public sealed record Relationship(GraphEdge Edge, IReadOnlyList<EvidenceSpan> Evidence, IReadOnlyList<FuzzyDate>? StatedDates = null)
{
    public IReadOnlyList<FuzzyDate> Dates => StatedDates is { Count: > 0 } ? StatedDates : Edge.AsOf is { } d ? [d] : [];
}

/// <summary>
/// Relationships with the nodes at both of their ends (<see cref="Nodes"/> by id; a node that is gone is
/// missing), as <see cref="IGraphStore.GetNeighboursAsync"/> reads them in one call.
/// </summary>
public sealed record Neighbourhood(IReadOnlyList<Relationship> Relationships, IReadOnlyDictionary<string, GraphNode> Nodes);

/// <summary>A slice of a list: <see cref="Offset"/> items skipped, at most <see cref="First"/> returned.</summary>
public sealed record PageRequest(int First, int Offset = 0);

/// <summary>A slice of a list with the size of the whole list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount, int Offset)
{
    public bool HasNextPage => Offset + Items.Count < TotalCount;
}

/// <summary>
/// Events between two actors, rolled up: an event counts for a place when it involves, takes place in
/// or has a participant acting for that place or anything PART_OF it (a governor counts for his
/// prefecture, and so for its country). An undated event matches no <see cref="From"/> or <see cref="To"/>:
/// it is listed only when neither is given.
/// </summary>
public sealed record EventFilter(
    string? Actor = null,
    string? Counterpart = null,
    FuzzyDate? From = null,
    FuzzyDate? To = null,
    IReadOnlyCollection<EventType>? Types = null);

/// <summary>
/// How many events of a type fall in a month (<see cref="Month"/> null: an event dated to the year
/// only; <see cref="Year"/> null: an undated event): what a timeline is counted from.
/// </summary>
public sealed record EventTally(int? Year, int? Month, EventType Type, int Count);

public sealed record IngestOutcome(string DocumentId, IngestStatus Status, int NodesWritten, int EdgesWritten, int FactsRemoved);

public enum IngestStatus { Added, Updated, Unchanged }

public sealed record GraphCounts(int Documents, int Nodes, int Edges, IReadOnlyDictionary<string, int> NodesByLabel);

/// <summary>How many events of a type.</summary>
public sealed record EventTypeCount(EventType Type, int Count);

/// <summary>The parts of a relation summary a caller asks for: a store counts only those (each is a walk of the relation's items).</summary>
[Flags]
public enum RelationParts
{
    None = 0,
    /// <summary><see cref="RelationTally.EventCount"/>, <see cref="RelationTally.EventsByType"/>, first and last contact.</summary>
    Events = 1,
    /// <summary><see cref="RelationTally.AgreementCount"/>.</summary>
    Agreements = 2,
    /// <summary><see cref="RelationTally.OfficialCount"/>.</summary>
    Officials = 4,
    All = Events | Agreements | Officials,
}

/// <summary>
/// A relation between two actors as the store counts it (<see cref="IGraphStore.TallyRelationAsync"/>):
/// its events (rolled up as <see cref="EventFilter"/> says) and how many of each type (in the order
/// of <see cref="EventType"/>, types with none left out), the first and last of its dated events in
/// <see cref="Event.DateOrder"/> (an undated event is no point in time, so never a contact), the
/// agreements to which both are party (<see cref="IGraphStore.FindAgreementsAsync"/>), and the people
/// who took part in its events (<see cref="IGraphStore.FindParticipantsAsync"/>). A part not asked
/// for is zero, empty or null.
/// </summary>
public sealed record RelationTally(int EventCount, IReadOnlyList<EventTypeCount> EventsByType, Event? FirstContact, Event? LastContact, int AgreementCount, int OfficialCount)
{
    public static readonly RelationTally None = new(0, [], null, null, 0, 0);
}

/// <summary>A person who took part in a relation's events, with the ids of those events in <see cref="Event.DateOrder"/>.</summary>
public sealed record RelationParticipant(Person Person, IReadOnlyList<string> EventIds);

/// <summary>
/// The one port between the domain and storage, at the level of the questions the API asks, so that
/// every store answers each question in one round trip. Implementations: the embedded store (SQLite
/// file + in-memory indexes) and Neo4j.
/// </summary>
public interface IGraphStore
{
    /// <summary>Creates the schema if needed and loads what the store keeps in memory.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes everything one document states, atomically: all of it or none of it. A document
    /// written before is replaced (its own facts only); the same content again changes nothing.
    /// </summary>
    Task<IngestOutcome> WriteDocumentAsync(DocumentGraph graph, CancellationToken cancellationToken);

    /// <summary>
    /// Writes documents in order, each as <see cref="WriteDocumentAsync"/> would (whole or absent),
    /// for bulk loads such as a copy. A store may write the whole batch in one transaction, all or
    /// nothing (Neo4j does, which is much faster there than a transaction per document); by default
    /// it is one write per document.
    /// </summary>
    async Task<IReadOnlyList<IngestOutcome>> WriteDocumentsAsync(IReadOnlyList<DocumentGraph> graphs, CancellationToken cancellationToken)
    {
        var outcomes = new List<IngestOutcome>(graphs.Count);
        foreach (var g in graphs) outcomes.Add(await WriteDocumentAsync(g, cancellationToken));
        return outcomes;
    }

    /// <summary>Removes a document and the facts only it supported. False when it was not there.</summary>
    Task<bool> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>
    /// Nodes a reference may mean: an id, an ISO 3166 code, or any known name or alias
    /// (case- and accent-insensitive); a person also by surname. Exact id matches win.
    /// </summary>
    Task<IReadOnlyList<GraphNode>> ResolveAsync(string reference, CancellationToken cancellationToken);

    Task<IReadOnlyList<GraphNode>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>Relationships touching any of the nodes, of the given types (all when null), in one call.</summary>
    Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(IReadOnlyCollection<string> nodeIds, Direction direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken);

    /// <summary>
    /// The relationships <see cref="GetRelationshipsAsync"/> reads, with the nodes at their ends, in one call.
    /// Without <paramref name="withEvidence"/> a relationship comes without its quotes and its stated dates
    /// (<see cref="Relationship.Dates"/> is then the edge's own date): a page that shows where its events
    /// took place or who took part needs neither, and on Neo4j the quotes are most of what a read costs.
    /// By default the two reads one after the other.
    /// </summary>
    async Task<Neighbourhood> GetNeighboursAsync(IReadOnlyCollection<string> nodeIds, Direction direction, IReadOnlyCollection<string>? types, bool withEvidence, CancellationToken cancellationToken)
    {
        var relationships = await GetRelationshipsAsync(nodeIds, direction, types, cancellationToken);
        var nodes = await GetNodesAsync(relationships.SelectMany(r => new[] { r.Edge.Source, r.Edge.Target }).Distinct().ToList(), cancellationToken);
        return new Neighbourhood(withEvidence ? relationships : relationships.Select(r => r with { Evidence = [], StatedDates = null }).ToList(), nodes.ToDictionary(n => n.Id));
    }

    /// <summary>The quotes behind each node.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<EvidenceSpan>>> GetEvidenceAsync(IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken);

    /// <summary>Events in date order (undated last, then id: <see cref="Event.DateOrder"/>), filtered and rolled up as <see cref="EventFilter"/> says.</summary>
    Task<Page<Event>> FindEventsAsync(EventFilter filter, PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// The events <see cref="FindEventsAsync"/> finds, counted by month (or year) and type, for
    /// timelines; a store that counts where the events are (Neo4j, in Cypher) sends only the counts.
    /// By default the events are read page by page and counted here.
    /// </summary>
    async Task<IReadOnlyList<EventTally>> TallyEventsAsync(EventFilter filter, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<(int?, int?, EventType), int>();
        for (var offset = 0; ;)
        {
            var page = await FindEventsAsync(filter, new PageRequest(10_000, offset), cancellationToken);
            foreach (var e in page.Items)
            {
                var key = (e.Date?.Year, e.Date?.Month, e.Type);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
            offset += page.Items.Count;
            if (!page.HasNextPage || page.Items.Count == 0) break;
        }
        return counts.Select(kv => new EventTally(kv.Key.Item1, kv.Key.Item2, kv.Key.Item3, kv.Value)).ToList();
    }

    /// <summary>
    /// The counts of <see cref="TallyEventsAsync"/> by year alone (<see cref="EventTally.Month"/> null for
    /// every event), for a timeline by year: a store that counts in the database sends a tenth of the rows.
    /// By default the counts by month, which a timeline by year adds up the same way.
    /// </summary>
    Task<IReadOnlyList<EventTally>> TallyEventsByYearAsync(EventFilter filter, CancellationToken cancellationToken) => TallyEventsAsync(filter, cancellationToken);

    /// <summary>Agreements to which a place or organization (or anything within it) is party, with the other side when given.</summary>
    Task<Page<Agreement>> FindAgreementsAsync(string party, string? counterparty, PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// The relation between two actors counted: the parts asked for of <see cref="RelationTally"/>. A
    /// store that counts where the items are (Neo4j, in Cypher) sends only the counts and the two
    /// contact events. By default it is counted here from <see cref="TallyEventsAsync"/>, a page of
    /// one event at each end of the dated events, and the totals of the two lists.
    /// </summary>
    async Task<RelationTally> TallyRelationAsync(string between, string and, RelationParts parts, CancellationToken cancellationToken)
    {
        var tally = RelationTally.None;
        if (parts.HasFlag(RelationParts.Events))
        {
            var filter = new EventFilter(between, and);
            var counts = await TallyEventsAsync(filter, cancellationToken);
            var total = counts.Sum(c => c.Count);
            // undated events come last in date order: the dated ones are the first `dated` of the list
            var dated = total - counts.Where(c => c.Year is null).Sum(c => c.Count);
            var first = dated > 0 ? (await FindEventsAsync(filter, new PageRequest(1), cancellationToken)).Items.FirstOrDefault() : null;
            var last = dated > 1 ? (await FindEventsAsync(filter, new PageRequest(1, dated - 1), cancellationToken)).Items.FirstOrDefault() : first;
            var byType = counts.GroupBy(c => c.Type).OrderBy(g => g.Key).Select(g => new EventTypeCount(g.Key, g.Sum(c => c.Count))).ToList();
            tally = tally with { EventCount = total, EventsByType = byType, FirstContact = first, LastContact = last };
        }
        if (parts.HasFlag(RelationParts.Agreements))
            tally = tally with { AgreementCount = (await FindAgreementsAsync(between, and, new PageRequest(0), cancellationToken)).TotalCount };
        if (parts.HasFlag(RelationParts.Officials))
            tally = tally with { OfficialCount = (await FindParticipantsAsync(between, and, new PageRequest(0), cancellationToken)).TotalCount };
        return tally;
    }

    /// <summary>
    /// The people who took part (PARTICIPANT) in the events between two actors, each with those events:
    /// in the order of their first event (by its date, undated last), then name, then id. By default
    /// the relation's events and their participants are read here, 10,000 events per call.
    /// </summary>
    async Task<Page<RelationParticipant>> FindParticipantsAsync(string between, string and, PageRequest page, CancellationToken cancellationToken)
    {
        var events = new List<Event>();
        for (var offset = 0; ;)
        {
            var batch = await FindEventsAsync(new EventFilter(between, and), new PageRequest(10_000, offset), cancellationToken);
            events.AddRange(batch.Items);
            offset += batch.Items.Count;
            if (!batch.HasNextPage || batch.Items.Count == 0) break;
        }
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in events) position.TryAdd(e.Id, position.Count);
        var participation = await GetRelationshipsAsync(position.Keys.ToList(), Direction.Outgoing, [EdgeTypes.Participant], cancellationToken);
        var people = (await GetNodesAsync(participation.Select(r => r.Edge.Target).Distinct().ToList(), cancellationToken)).OfType<Person>();
        var eventsOf = participation.Where(r => position.ContainsKey(r.Edge.Source)).ToLookup(r => r.Edge.Target, r => r.Edge.Source);
        var all = people
            .Select(p => new RelationParticipant(p, eventsOf[p.Id].Distinct().OrderBy(id => position[id]).ToList()))
            .Where(p => p.EventIds.Count > 0)
            .Select(p => (Participant: p, First: events[position[p.EventIds[0]]]))
            .OrderBy(x => x.First.Date, Comparer<FuzzyDate?>.Create(Event.CompareDates))
            .ThenBy(x => x.Participant.Person.Name, StringComparer.Ordinal).ThenBy(x => x.Participant.Person.Id, StringComparer.Ordinal)
            .Select(x => x.Participant).ToList();
        return new Page<RelationParticipant>(all.Skip(page.Offset).Take(page.First).ToList(), all.Count, page.Offset);
    }

    /// <summary>
    /// Figures (statistics) ABOUT something within one side and something within the other ("600
    /// Japanese companies in NRW"): within is the actor itself and anything PART_OF or BASED_IN it, up
    /// to 4 steps down. By date (undated last), then id. By default the ABOUT relationships of
    /// everything within each side are read here and intersected.
    /// </summary>
    async Task<IReadOnlyList<Statistic>> FindFiguresAsync(string between, string and, CancellationToken cancellationToken)
    {
        async Task<HashSet<string>> StatisticsWithinAsync(string id)
        {
            var within = new HashSet<string>(StringComparer.Ordinal) { id };
            var frontier = new List<string> { id };
            for (var step = 0; step < 4 && frontier.Count > 0; step++)
            {
                var rels = await GetRelationshipsAsync(frontier, Direction.Incoming, [EdgeTypes.PartOf, EdgeTypes.BasedIn], cancellationToken);
                frontier = rels.Select(r => r.Edge.Source).Where(within.Add).ToList();
            }
            var about = await GetRelationshipsAsync(within.ToList(), Direction.Incoming, [EdgeTypes.About], cancellationToken);
            return about.Select(r => r.Edge.Source).ToHashSet(StringComparer.Ordinal);
        }
        var both = await StatisticsWithinAsync(between);
        both.IntersectWith(await StatisticsWithinAsync(and));
        return (await GetNodesAsync(both.ToList(), cancellationToken)).OfType<Statistic>()
            .OrderBy(s => s.AsOf is null).ThenBy(s => s.AsOf).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Full-text search over names, aliases, titles, office titles of people and the quotes of events.</summary>
    Task<Page<GraphNode>> SearchAsync(string text, PageRequest page, CancellationToken cancellationToken);

    Task<GraphCounts> CountAsync(CancellationToken cancellationToken);
}

/// <summary>The store cannot be reached right now (after retries); what was being written was not written, and can be tried again.</summary>
public class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
