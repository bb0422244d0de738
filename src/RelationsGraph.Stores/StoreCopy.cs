using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Stores.Embedded;

namespace RelationsGraph.Stores;

/// <summary>
/// Moves a graph from the embedded store into another store, <see cref="BatchSize"/> documents per
/// <see cref="IGraphStore.WriteDocumentsAsync"/> (each document whole or absent, on Neo4j each batch
/// all or nothing), so a rerun completes an interrupted copy.
/// </summary>
public static class StoreCopy
{
    public const int BatchSize = 50;

    public static async Task<int> CopyAsync(EmbeddedGraphStore source, IGraphStore target, Action<int, string, IngestOutcome>? progress, CancellationToken ct, int batchSize = BatchSize)
    {
        var done = 0;
        var batch = new List<DocumentGraph>(batchSize);
        async Task FlushAsync()
        {
            var outcomes = await target.WriteDocumentsAsync(batch, ct);
            foreach (var outcome in outcomes) progress?.Invoke(++done, outcome.DocumentId, outcome);
            batch.Clear();
        }
        await foreach (var graph in source.ReadDocumentsAsync(ct))
        {
            batch.Add(graph);
            if (batch.Count >= batchSize) await FlushAsync();
        }
        if (batch.Count > 0) await FlushAsync();
        return done;
    }
}
