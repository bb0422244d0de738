using RelationsGraph.Graph;
using RelationsGraph.Stores.Embedded;

namespace RelationsGraph.Stores;

/// <summary>Moves a graph from the embedded store into another store, document by document (each write atomic, so a rerun completes an interrupted copy).</summary>
public static class StoreCopy
{
    public static async Task<int> CopyAsync(EmbeddedGraphStore source, IGraphStore target, Action<int, string, IngestOutcome>? progress, CancellationToken ct)
    {
        var done = 0;
        await foreach (var graph in source.ReadDocumentsAsync(ct))
        {
            var outcome = await target.WriteDocumentAsync(graph, ct);
            done++;
            progress?.Invoke(done, graph.Document.Id, outcome);
        }
        return done;
    }
}
