using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Ingestion;

/// <summary>
/// The reads <see cref="CrossDocumentResolver"/> makes, as <see cref="IGraphStore"/> names them: a document
/// is resolved against the store (<see cref="Of"/>), or against the store with the documents of a batch
/// not yet written on top (<see cref="PendingGraph"/>).
/// </summary>
public interface IResolutionReads
{
    /// <inheritdoc cref="IGraphStore.ResolveAsync"/>
    Task<IReadOnlyList<GraphNode>> ResolveAsync(string reference, CancellationToken cancellationToken);

    /// <inheritdoc cref="IGraphStore.GetNodesAsync"/>
    Task<IReadOnlyList<GraphNode>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <inheritdoc cref="IGraphStore.GetRelationshipsAsync"/>
    Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(IReadOnlyCollection<string> nodeIds, Direction direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken);

    /// <inheritdoc cref="IGraphStore.GetNeighboursAsync"/>
    Task<Neighbourhood> GetNeighboursAsync(IReadOnlyCollection<string> nodeIds, Direction direction, IReadOnlyCollection<string>? types, bool withEvidence, CancellationToken cancellationToken);

    /// <summary>The store's own answers.</summary>
    static IResolutionReads Of(IGraphStore store) => new StoreReads(store);
}

file sealed class StoreReads(IGraphStore store) : IResolutionReads
{
    public Task<IReadOnlyList<GraphNode>> ResolveAsync(string reference, CancellationToken cancellationToken) => store.ResolveAsync(reference, cancellationToken);

    public Task<IReadOnlyList<GraphNode>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => store.GetNodesAsync(ids, cancellationToken);

    public Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(IReadOnlyCollection<string> nodeIds, Direction direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken) =>
        store.GetRelationshipsAsync(nodeIds, direction, types, cancellationToken);

    public Task<Neighbourhood> GetNeighboursAsync(IReadOnlyCollection<string> nodeIds, Direction direction, IReadOnlyCollection<string>? types, bool withEvidence, CancellationToken cancellationToken) =>
        store.GetNeighboursAsync(nodeIds, direction, types, withEvidence, cancellationToken);
}
