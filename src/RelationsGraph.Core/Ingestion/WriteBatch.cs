using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Telemetry;

namespace RelationsGraph.Ingestion;

/// <summary>A prepared document the worker hands to a <see cref="WriteBatch"/>, with when it started on it.</summary>
public sealed record BatchDocument(string File, PreparedDocument Prepared, long StartedTimestamp);

/// <summary>What became of one document of a batch: its outcome, or why the store refused it.</summary>
public sealed record BatchResult(BatchDocument Document, IngestOutcome? Outcome, string? Error)
{
    /// <summary>From when the worker started on the document until it was written.</summary>
    public TimeSpan Took { get; init; }
}

/// <summary>
/// Writes documents that arrive together in store transactions of up to <c>maxDocuments</c> documents
/// or <c>maxWait</c>, with the same outcome per document as writing them one by one:
/// <list type="bullet">
/// <item>Each document is resolved (<see cref="CrossDocumentResolver"/>) against the graph as it will be
/// once the documents before it are written: the store with the pending documents of the batch on top
/// (<see cref="PendingGraph"/>), so a document that looks up a family name, an office's holders or a
/// person a pending document states shares its batch. In the rare case that view cannot tell what the
/// store would answer (<see cref="PendingGraph.Undecided"/>), the pending documents are written first and
/// the document is resolved against the store. A document that replaces a stored version, which may
/// retract facts, is written on its own, after the documents before it.</item>
/// <item>A batch is one <see cref="IGraphStore.WriteDocumentsAsync"/> (one transaction on Neo4j: all or
/// nothing). When it fails for another reason than an unavailable store, its documents are resolved again
/// and written one by one, so that one bad document does not sink the others (nor lend them what it
/// states); a document the store refuses alone comes back with the error. An unavailable store stops the
/// batch: nothing of it is reported written.</item>
/// </list>
/// </summary>
public sealed class WriteBatch(IGraphStore store, DocumentIngestor ingestor, int maxDocuments, TimeSpan maxWait, ILogger logger)
{
    private readonly List<(BatchDocument Document, DocumentGraph Graph)> pending = [];
    private readonly PendingGraph pendingGraph = new(store);
    private long pendingSince;

    /// <summary>Resolves and writes the documents in order; returns each document's result, in order.</summary>
    public async Task<IReadOnlyList<BatchResult>> WriteAsync(IReadOnlyList<BatchDocument> documents, CancellationToken ct)
    {
        var results = new List<BatchResult>(documents.Count);
        if (documents.Count == 0) return results;
        var ids = documents.Select(d => d.Prepared.Graph.Document.Id).Distinct().ToList();
        var stored = (await store.GetNodesAsync(ids, ct)).OfType<Document>().ToDictionary(d => d.Id, d => d.ContentHash, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            ct.ThrowIfCancellationRequested();
            var doc = document.Prepared.Graph.Document;
            // a new version of a stored document (or of one earlier in this call) retracts what only the old one stated
            var replaces = !seen.Add(doc.Id) || (stored.TryGetValue(doc.Id, out var hash) && hash != doc.ContentHash);
            if (pending.Count > 0 && replaces) results.AddRange(await FlushAsync(ct));

            DocumentGraph graph;
            using (var activity = RelationsGraphTelemetry.ActivitySource.StartActivity("resolve document"))
            {
                activity?.SetTag("relationsgraph.document.id", doc.Id);
                graph = await ingestor.ResolveAsync(document.Prepared, pendingGraph, ct);
                if (pendingGraph.Undecided)
                {
                    activity?.AddEvent(new ActivityEvent("pending documents written first"));
                    results.AddRange(await FlushAsync(ct));
                    graph = await ingestor.ResolveAsync(document.Prepared, ct);
                }
            }
            if (pending.Count == 0) pendingSince = Stopwatch.GetTimestamp();
            pending.Add((document, graph));
            // the same content again is already in the store, and changes nothing there
            if (!stored.ContainsKey(doc.Id)) pendingGraph.Add(graph);
            if (replaces || pending.Count >= maxDocuments || Stopwatch.GetElapsedTime(pendingSince) >= maxWait)
                results.AddRange(await FlushAsync(ct));
        }
        results.AddRange(await FlushAsync(ct));
        return results;
    }

    private async Task<IReadOnlyList<BatchResult>> FlushAsync(CancellationToken ct)
    {
        if (pending.Count == 0) return [];
        var batch = pending.ToList();
        pending.Clear();
        pendingGraph.Clear();
        RelationsGraphTelemetry.BatchSize.Record(batch.Count);
        using var activity = RelationsGraphTelemetry.ActivitySource.StartActivity("write documents");
        activity?.SetTag("relationsgraph.batch.size", batch.Count);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var outcomes = await store.WriteDocumentsAsync(batch.Select(b => b.Graph).ToList(), ct);
            logger.LogDebug("Wrote {Count} documents in one batch in {Milliseconds} ms", batch.Count, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1));
            return batch.Select((b, i) => Done(b.Document, outcomes[i], null)).ToList();
        }
        catch (Exception e) when (e is not StoreUnavailableException and not OperationCanceledException)
        {
            if (batch.Count == 1) return [Done(batch[0].Document, null, Refused(e))];
            logger.LogWarning("A batch of {Count} documents was not written ({Reason}); writing them one by one.", batch.Count, e.Message);
            activity?.AddEvent(new ActivityEvent("batch failed; one by one"));
        }
        var results = new List<BatchResult>(batch.Count);
        foreach (var (document, _) in batch)
        {
            // resolved against the store as it is now, as one by one: a document refused before it is not there to resolve against
            var graph = await ingestor.ResolveAsync(document.Prepared, ct);
            try
            {
                results.Add(Done(document, await store.WriteDocumentAsync(graph, ct), null));
            }
            catch (Exception e) when (e is not StoreUnavailableException and not OperationCanceledException)
            {
                results.Add(Done(document, null, Refused(e)));
            }
        }
        return results;
    }

    private static string Refused(Exception e) => $"The store refused this document: {e.Message}";

    private BatchResult Done(BatchDocument document, IngestOutcome? outcome, string? error)
    {
        if (outcome is not null) ingestor.Written(document.Prepared, outcome, null);
        else RelationsGraphTelemetry.Documents.Add(1, RelationsGraphTelemetry.Outcome("rejected"));
        return new BatchResult(document, outcome, error) { Took = Stopwatch.GetElapsedTime(document.StartedTimestamp) };
    }
}
