using System.Diagnostics;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Telemetry;

namespace RelationsGraph.Api.Telemetry;

/// <summary>
/// The configured store with a span and a latency measurement around every call of the port
/// (<c>relationsgraph.store.duration</c>, by operation and store). On Neo4j the HTTP instrumentation
/// adds the requests under each span; the embedded store answers from memory and SQLite, so these
/// spans are all there is of it.
/// </summary>
public sealed class InstrumentedGraphStore(IGraphStore inner, string storeKind) : IGraphStore
{
    private readonly KeyValuePair<string, object?> store = new("store", storeKind);

    public IGraphStore Inner => inner;

    public Task InitializeAsync(CancellationToken cancellationToken) => TimeAsync("Initialize", () => inner.InitializeAsync(cancellationToken));

    public Task<IngestOutcome> WriteDocumentAsync(DocumentGraph graph, CancellationToken cancellationToken) =>
        TimeAsync("WriteDocument", () => inner.WriteDocumentAsync(graph, cancellationToken));

    public Task<IReadOnlyList<IngestOutcome>> WriteDocumentsAsync(IReadOnlyList<DocumentGraph> graphs, CancellationToken cancellationToken) =>
        TimeAsync("WriteDocuments", () => inner.WriteDocumentsAsync(graphs, cancellationToken));

    public Task<bool> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken) =>
        TimeAsync("DeleteDocument", () => inner.DeleteDocumentAsync(documentId, cancellationToken));

    public Task<IReadOnlyList<GraphNode>> ResolveAsync(string reference, CancellationToken cancellationToken) =>
        TimeAsync("Resolve", () => inner.ResolveAsync(reference, cancellationToken));

    public Task<IReadOnlyList<GraphNode>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        TimeAsync("GetNodes", () => inner.GetNodesAsync(ids, cancellationToken));

    public Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(IReadOnlyCollection<string> nodeIds, Direction direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken) =>
        TimeAsync("GetRelationships", () => inner.GetRelationshipsAsync(nodeIds, direction, types, cancellationToken));

    public Task<Neighbourhood> GetNeighboursAsync(IReadOnlyCollection<string> nodeIds, Direction direction, IReadOnlyCollection<string>? types, bool withEvidence, CancellationToken cancellationToken) =>
        TimeAsync("GetNeighbours", () => inner.GetNeighboursAsync(nodeIds, direction, types, withEvidence, cancellationToken));

    public Task<IReadOnlyDictionary<string, IReadOnlyList<EvidenceSpan>>> GetEvidenceAsync(IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken) =>
        TimeAsync("GetEvidence", () => inner.GetEvidenceAsync(nodeIds, cancellationToken));

    public Task<Page<Event>> FindEventsAsync(EventFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        TimeAsync("FindEvents", () => inner.FindEventsAsync(filter, page, cancellationToken));

    public Task<IReadOnlyList<EventTally>> TallyEventsAsync(EventFilter filter, CancellationToken cancellationToken) =>
        TimeAsync("TallyEvents", () => inner.TallyEventsAsync(filter, cancellationToken));

    public Task<IReadOnlyList<EventTally>> TallyEventsByYearAsync(EventFilter filter, CancellationToken cancellationToken) =>
        TimeAsync("TallyEventsByYear", () => inner.TallyEventsByYearAsync(filter, cancellationToken));

    public Task<Page<Agreement>> FindAgreementsAsync(string party, string? counterparty, PageRequest page, CancellationToken cancellationToken) =>
        TimeAsync("FindAgreements", () => inner.FindAgreementsAsync(party, counterparty, page, cancellationToken));

    public Task<RelationTally> TallyRelationAsync(string between, string and, RelationParts parts, CancellationToken cancellationToken) =>
        TimeAsync("TallyRelation", () => inner.TallyRelationAsync(between, and, parts, cancellationToken));

    public Task<Page<RelationParticipant>> FindParticipantsAsync(string between, string and, PageRequest page, CancellationToken cancellationToken) =>
        TimeAsync("FindParticipants", () => inner.FindParticipantsAsync(between, and, page, cancellationToken));

    public Task<IReadOnlyList<Statistic>> FindFiguresAsync(string between, string and, CancellationToken cancellationToken) =>
        TimeAsync("FindFigures", () => inner.FindFiguresAsync(between, and, cancellationToken));

    public Task<Page<GraphNode>> SearchAsync(string text, PageRequest page, CancellationToken cancellationToken) =>
        TimeAsync("Search", () => inner.SearchAsync(text, page, cancellationToken));

    public Task<GraphCounts> CountAsync(CancellationToken cancellationToken) => TimeAsync("Count", () => inner.CountAsync(cancellationToken));

    private async Task TimeAsync(string operation, Func<Task> call) => await TimeAsync(operation, async () => { await call(); return true; });

    private async Task<T> TimeAsync<T>(string operation, Func<Task<T>> call)
    {
        using var activity = RelationsGraphTelemetry.ActivitySource.StartActivity("store " + operation, ActivityKind.Client);
        activity?.SetTag("db.system.name", store.Value);
        activity?.SetTag("db.operation.name", operation);
        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            return await call();
        }
        catch (Exception e)
        {
            outcome = e is OperationCanceledException ? "cancelled" : "error";
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
        finally
        {
            RelationsGraphTelemetry.StoreDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("operation", operation), store, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
