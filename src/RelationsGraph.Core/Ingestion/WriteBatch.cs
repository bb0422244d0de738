using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Telemetry;
using RelationsGraph.Text;

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
/// <item>Each document is resolved against the graph (<see cref="CrossDocumentResolver"/>) as it would be
/// one by one. When its resolution could read what a pending (unwritten) document states (a family name
/// it looks people up by, an office whose holders it looks for, a person the graph would lend it), the
/// pending documents are written first. A document that replaces a stored version, which may retract
/// facts, is written on its own, after the documents before it.</item>
/// <item>A batch is one <see cref="IGraphStore.WriteDocumentsAsync"/> (one transaction on Neo4j: all or
/// nothing). When it fails for another reason than an unavailable store, its documents are written one
/// by one, so that one bad document does not sink the others; a document the store refuses alone comes
/// back with the error. An unavailable store stops the batch: nothing of it is reported written.</item>
/// </list>
/// </summary>
public sealed class WriteBatch(IGraphStore store, DocumentIngestor ingestor, int maxDocuments, TimeSpan maxWait, ILogger logger)
{
    private readonly List<(BatchDocument Document, DocumentGraph Graph)> pending = [];
    private readonly List<(string Id, string Folded)> pendingNames = [];
    private readonly HashSet<string> pendingIds = new(StringComparer.Ordinal);
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
            if (pending.Count > 0 && (replaces || ReadsPending(document.Prepared.Graph))) results.AddRange(await FlushAsync(ct));

            DocumentGraph graph;
            using (var activity = RelationsGraphTelemetry.ActivitySource.StartActivity("resolve document"))
            {
                activity?.SetTag("relationsgraph.document.id", doc.Id);
                graph = await ingestor.ResolveAsync(document.Prepared, ct);
                if (pending.Count > 0 && LendsPending(document.Prepared.Graph, graph))
                {
                    results.AddRange(await FlushAsync(ct));
                    graph = await ingestor.ResolveAsync(document.Prepared, ct);
                }
            }
            Add(document, graph);
            if (replaces || pending.Count >= maxDocuments || Stopwatch.GetElapsedTime(pendingSince) >= maxWait)
                results.AddRange(await FlushAsync(ct));
        }
        results.AddRange(await FlushAsync(ct));
        return results;
    }

    private void Add(BatchDocument document, DocumentGraph graph)
    {
        if (pending.Count == 0) pendingSince = Stopwatch.GetTimestamp();
        pending.Add((document, graph));
        foreach (var n in graph.Nodes)
        {
            pendingIds.Add(n.Node.Id);
            if (n.Node is Person p) pendingNames.AddRange(p.Aliases.Append(p.Name).Select(a => (p.Id, TextFold.Fold(a))));
        }
        foreach (var e in graph.Edges)
        {
            pendingIds.Add(e.Edge.Source);
            pendingIds.Add(e.Edge.Target);
        }
    }

    /// <summary>
    /// Whether resolving the document would look up a family name that a pending document gives someone
    /// else (the person looked up is no candidate of its own lookup), or an office a pending document states.
    /// </summary>
    private bool ReadsPending(DocumentGraph g)
    {
        var (families, offices) = CrossDocumentResolver.Lookups(g);
        return offices.Any(pendingIds.Contains)
            || families.Any(f => pendingNames.Any(n => n.Id != f.PersonId && n.Folded.Contains(f.Family, StringComparison.Ordinal)));
    }

    /// <summary>Whether resolution gave the document a person from the graph (a known namesake, an office holder) that a pending document states too.</summary>
    private bool LendsPending(DocumentGraph before, DocumentGraph after)
    {
        var own = before.Nodes.Where(n => n.Node is Person).Select(n => n.Node.Id).ToHashSet(StringComparer.Ordinal);
        return after.Nodes.Any(n => n.Node is Person && !own.Contains(n.Node.Id) && pendingIds.Contains(n.Node.Id));
    }

    private async Task<IReadOnlyList<BatchResult>> FlushAsync(CancellationToken ct)
    {
        if (pending.Count == 0) return [];
        var batch = pending.ToList();
        pending.Clear();
        pendingNames.Clear();
        pendingIds.Clear();
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
        foreach (var (document, graph) in batch)
        {
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
