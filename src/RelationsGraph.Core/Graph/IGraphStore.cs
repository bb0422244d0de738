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

    /// <summary>Full-text search over names, aliases, titles, office titles of people and the quotes of events.</summary>
    Task<Page<GraphNode>> SearchAsync(string text, PageRequest page, CancellationToken cancellationToken);

    Task<GraphCounts> CountAsync(CancellationToken cancellationToken);
}

/// <summary>The store cannot be reached right now (after retries); what was being written was not written, and can be tried again.</summary>
public class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
