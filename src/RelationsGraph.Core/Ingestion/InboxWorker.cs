using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationsGraph.Graph;

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
}

/// <summary>
/// The ingestion worker: watches an inbox folder and ingests new and changed documents. A document
/// that cannot be ingested is set aside with the reason next to it, and the rest go on. When the
/// store is unavailable the pass stops and is tried again later: a document is never lost, and the
/// store never holds half of one (each write is one transaction).
/// </summary>
public sealed class InboxWorker(IGraphStore store, DocumentIngestor ingestor, IOptions<WorkerOptions> options, ILogger<InboxWorker> logger) : BackgroundService
{
    private readonly Dictionary<string, (long Length, DateTime Written)> done = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        Directory.CreateDirectory(o.Inbox);
        var delay = TimeSpan.FromSeconds(o.PollSeconds);
        var initialized = false;
        logger.LogInformation("Watching {Inbox} every {Seconds} s", Path.GetFullPath(o.Inbox), o.PollSeconds);
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
        var rejected = o.RejectedFolder ?? Path.Combine(o.Inbox, "rejected");
        foreach (var file in DocumentIngestor.FilesAt(o.Inbox))
        {
            ct.ThrowIfCancellationRequested();
            var info = new FileInfo(file);
            if (done.TryGetValue(file, out var seen) && seen == (info.Length, info.LastWriteTimeUtc)) continue;
            var result = await ingestor.IngestFileAsync(file, ct);
            if (result.Error is not null)
            {
                Directory.CreateDirectory(rejected);
                var target = Path.Combine(rejected, Path.GetFileName(file));
                File.Move(file, target, overwrite: true);
                await File.WriteAllTextAsync(target + ".reason.txt", result.Error + Environment.NewLine, ct);
                logger.LogWarning("Set aside {File}: {Reason}", Path.GetFileName(file), result.Error);
                continue;
            }
            done[file] = (info.Length, info.LastWriteTimeUtc);
            logger.LogInformation("{File}: {Status}", Path.GetFileName(file), result.Outcome!.Status);
        }
    }
}
