using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Tests.Shared;

/// <summary>A store that passes every call to another; tests override the calls they watch or slow down.</summary>
public abstract class DelegatingGraphStore(IGraphStore inner) : IGraphStore
{
    public virtual Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);
    public virtual Task<IngestOutcome> WriteDocumentAsync(DocumentGraph graph, CancellationToken cancellationToken) => inner.WriteDocumentAsync(graph, cancellationToken);
    public virtual Task<bool> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken) => inner.DeleteDocumentAsync(documentId, cancellationToken);
    public virtual Task<IReadOnlyList<GraphNode>> ResolveAsync(string reference, CancellationToken cancellationToken) => inner.ResolveAsync(reference, cancellationToken);
    public virtual Task<IReadOnlyList<GraphNode>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => inner.GetNodesAsync(ids, cancellationToken);
    public virtual Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(IReadOnlyCollection<string> nodeIds, Direction direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken) =>
        inner.GetRelationshipsAsync(nodeIds, direction, types, cancellationToken);
    public virtual Task<Neighbourhood> GetNeighboursAsync(IReadOnlyCollection<string> nodeIds, Direction direction, IReadOnlyCollection<string>? types, bool withEvidence, CancellationToken cancellationToken) =>
        inner.GetNeighboursAsync(nodeIds, direction, types, withEvidence, cancellationToken);
    public virtual Task<IReadOnlyDictionary<string, IReadOnlyList<EvidenceSpan>>> GetEvidenceAsync(IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken) =>
        inner.GetEvidenceAsync(nodeIds, cancellationToken);
    public virtual Task<Page<Event>> FindEventsAsync(EventFilter filter, PageRequest page, CancellationToken cancellationToken) => inner.FindEventsAsync(filter, page, cancellationToken);
    public virtual Task<IReadOnlyList<EventTally>> TallyEventsAsync(EventFilter filter, CancellationToken cancellationToken) => inner.TallyEventsAsync(filter, cancellationToken);
    public virtual Task<IReadOnlyList<EventTally>> TallyEventsByYearAsync(EventFilter filter, CancellationToken cancellationToken) => inner.TallyEventsByYearAsync(filter, cancellationToken);
    public virtual Task<Page<Agreement>> FindAgreementsAsync(string party, string? counterparty, PageRequest page, CancellationToken cancellationToken) =>
        inner.FindAgreementsAsync(party, counterparty, page, cancellationToken);
    public virtual Task<RelationTally> TallyRelationAsync(string between, string and, RelationParts parts, CancellationToken cancellationToken) =>
        inner.TallyRelationAsync(between, and, parts, cancellationToken);
    public virtual Task<Page<RelationParticipant>> FindParticipantsAsync(string between, string and, PageRequest page, CancellationToken cancellationToken) =>
        inner.FindParticipantsAsync(between, and, page, cancellationToken);
    public virtual Task<IReadOnlyList<Statistic>> FindFiguresAsync(string between, string and, CancellationToken cancellationToken) => inner.FindFiguresAsync(between, and, cancellationToken);
    public virtual Task<Page<GraphNode>> SearchAsync(string text, PageRequest page, CancellationToken cancellationToken) => inner.SearchAsync(text, page, cancellationToken);
    public virtual Task<GraphCounts> CountAsync(CancellationToken cancellationToken) => inner.CountAsync(cancellationToken);
}
