using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Telemetry;

namespace RelationsGraph.Ingestion;

/// <summary>The inbox the worker watches. Section <c>RelationsGraph:Worker</c>.</summary>
public sealed class WorkerOptions
{
    /// <summary>Folder of incoming press releases; new and changed files are ingested.</summary>
    public string Inbox { get; set; } = "inbox";

    /// <summary>Seconds between two looks at the inbox.</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>Where documents that cannot be ingested are set aside, each with a NAME.reason.txt beside it (default: INBOX/rejected).</summary>
    public string? RejectedFolder { get; set; }

    /// <summary>Most documents written in one store transaction when several wait in the inbox (1: one transaction per document).</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Longest time a document waits for others to share its transaction.</summary>
    public double BatchMilliseconds { get; set; } = 1000;
}

/// <summary>
/// The ingestion worker: watches an inbox folder and ingests new and changed documents. Documents that
/// wait together are written in batches (<see cref="WriteBatch"/>), each document whole or absent and
/// with the outcome it would have alone. A document that cannot be ingested is set aside with the
/// reason next to it, and the rest go on. When the store is unavailable the pass stops and is tried
/// again later: a document is never lost, and the store never holds half of one.
/// </summary>
public sealed class InboxWorker(IGraphStore store, DocumentIngestor ingestor, IOptions<WorkerOptions> options, ILogger<InboxWorker> logger) : BackgroundService
{
    private readonly Dictionary<string, (long Length, DateTime Written)> done = new(StringComparer.Ordinal);
    private long backlog;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        Directory.CreateDirectory(o.Inbox);
        using var gauge = RelationsGraphTelemetry.WatchInbox(Path.GetFullPath(o.Inbox), () => Interlocked.Read(ref backlog));
        var delay = TimeSpan.FromSeconds(o.PollSeconds);
        var initialized = false;
        logger.LogInformation("Watching {Inbox} every {Seconds} s, writing up to {BatchSize} documents per transaction", Path.GetFullPath(o.Inbox), o.PollSeconds, o.BatchSize);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!initialized) { await store.InitializeAsync(stoppingToken); initialized = true; }
                await PassAsync(stoppingToken);
                delay = TimeSpan.FromSeconds(o.PollSeconds);
            }
            catch (StoreUnavailableException e)
            {
                // back off, up to a minute, and try the same documents again
                delay = TimeSpan.FromSeconds(Math.Min(60, Math.Max(o.PollSeconds, delay.TotalSeconds * 2)));
                logger.LogWarning("Store unavailable: {Reason}. Next try in {Delay} s; nothing was lost.", e.Message, delay.TotalSeconds);
            }
            try { await Task.Delay(delay, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }

    /// <summary>One look at the inbox: ingests what is new or changed since the last pass.</summary>
    public async Task PassAsync(CancellationToken ct)
    {
        var o = options.Value;
        var maxDocuments = Math.Max(1, o.BatchSize);
        var maxWait = TimeSpan.FromMilliseconds(Math.Max(0, o.BatchMilliseconds));
        var rejected = o.RejectedFolder ?? Path.Combine(o.Inbox, "rejected");
        var seen = new Dictionary<string, (long Length, DateTime Written)>(StringComparer.Ordinal);
        var waiting = new List<string>();
        foreach (var file in DocumentIngestor.FilesAt(o.Inbox))
        {
            var info = new FileInfo(file);
            seen[file] = (info.Length, info.LastWriteTimeUtc);
            if (!done.TryGetValue(file, out var before) || before != seen[file]) waiting.Add(file);
        }
        Interlocked.Exchange(ref backlog, waiting.Count);

        var batch = new WriteBatch(store, ingestor, maxDocuments, maxWait, logger);
        var reader = new WindowReader(waiting, ingestor, maxDocuments, maxWait);
        // The next window is read and extracted while the one before it is resolved and written: extraction
        // needs nothing from the store, and on Neo4j most of a write's time is the server's, so the two share
        // the machine's cores. Windows are still written one after the other, in the inbox's order.
        var reading = Task.Run(() => reader.Next(ct), ct);
        try
        {
            while (await reading is { } window)
            {
                reading = Task.Run(() => reader.Next(ct), ct);
                foreach (var (file, reason, took) in window.Rejected) await SetAsideAsync(file, rejected, reason, "rejected", took, ct);
                await WriteAsync(batch, window.Documents, seen, rejected, ct);
            }
        }
        finally
        {
            // A pass that stops (store unavailable, shutdown) leaves the window being read unwritten: it is read again
            // next pass, and what went wrong reading it is no concern of this stop (a pass that ends well awaited it already).
            try { await reading; }
            catch (Exception e) { logger.LogDebug("The window read ahead is left for the next pass: {Reason}", e.Message); }
        }
    }

    /// <summary>The documents of a window, read and extracted, and the files that are no document this pipeline reads.</summary>
    private sealed record Window(List<BatchDocument> Documents, List<(string File, string Reason, TimeSpan Took)> Rejected);

    /// <summary>
    /// Reads the waiting files in windows of up to <c>maxDocuments</c> documents, or what was read in
    /// <c>maxWait</c>: a window bounds how long extraction keeps documents from the store, and WriteBatch
    /// bounds each transaction.
    /// </summary>
    private sealed class WindowReader(List<string> files, DocumentIngestor ingestor, int maxDocuments, TimeSpan maxWait)
    {
        private int next;

        /// <summary>The next window, or null when every file was read.</summary>
        public Window? Next(CancellationToken ct)
        {
            if (next >= files.Count) return null;
            var window = new Window([], []);
            var since = Stopwatch.GetTimestamp();
            while (next < files.Count && window.Documents.Count < maxDocuments && (window.Documents.Count == 0 || Stopwatch.GetElapsedTime(since) < maxWait))
            {
                ct.ThrowIfCancellationRequested();
                var file = files[next++];
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var activity = DocumentIngestor.StartIngestActivity(Path.GetFileName(file));
                    var prepared = ingestor.Prepare(DocumentIngestor.ReadSource(file), DocumentIngestor.Hints(file));
                    if (window.Documents.Count == 0) since = started;
                    window.Documents.Add(new BatchDocument(file, prepared, started));
                }
                catch (DocumentRejectedException e)
                {
                    window.Rejected.Add((file, e.Message, Stopwatch.GetElapsedTime(started)));
                }
            }
            return window;
        }
    }

    private async Task WriteAsync(WriteBatch batch, List<BatchDocument> window, Dictionary<string, (long, DateTime)> seen, string rejected, CancellationToken ct)
    {
        foreach (var r in await batch.WriteAsync(window, ct))
        {
            var file = r.Document.File;
            if (r.Outcome is not { } outcome)
            {
                await SetAsideAsync(file, rejected, r.Error!, "refused by the store", r.Took, ct);
                continue;
            }
            done[file] = seen[file];
            Interlocked.Decrement(ref backlog);
            // one line per document
            logger.LogInformation("{File}: {Status} {Document}: {Nodes} nodes, {Edges} edges, {Warnings} warnings, {Milliseconds} ms",
                Path.GetFileName(file), outcome.Status, outcome.DocumentId, outcome.NodesWritten, outcome.EdgesWritten,
                r.Document.Prepared.Extraction.Warnings.Count, Math.Round(r.Took.TotalMilliseconds, 1));
        }
    }

    private async Task SetAsideAsync(string file, string rejected, string reason, string outcome, TimeSpan took, CancellationToken ct)
    {
        Directory.CreateDirectory(rejected);
        var target = Path.Combine(rejected, Path.GetFileName(file));
        File.Move(file, target, overwrite: true);
        await File.WriteAllTextAsync(target + ".reason.txt", reason + Environment.NewLine, ct);
        Interlocked.Decrement(ref backlog);
        logger.LogWarning("{File}: {Outcome}, set aside in {Folder}: {Reason} ({Milliseconds} ms)", Path.GetFileName(file), outcome, rejected, reason, Math.Round(took.TotalMilliseconds, 1));
    }
}
