using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationsGraph.Graph;

namespace RelationsGraph.Ingestion.Sources;

/// <summary>
/// The worker's second job beside the inbox: follows the configured feeds, each polled on its interval
/// (all at start: an unchanged feed costs one 304), and retries failing pages when they are due. When
/// the store is unavailable it backs off; fetched pages wait in the fetch log meanwhile.
/// </summary>
public sealed class SourcesWorker(FeedPoller poller, IGraphStore store, IOptions<SourcesOptions> options, ILogger<SourcesWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (o.Feeds.Count == 0)
        {
            logger.LogInformation("No feeds to follow (RelationsGraph:Sources:Feeds is empty)");
            return;
        }
        await Task.Yield(); // let the host finish starting
        var next = o.Feeds.ToDictionary(f => f.Name, _ => DateTimeOffset.MinValue);
        logger.LogInformation("Following {Count} feeds: {Feeds}", o.Feeds.Count,
            string.Join(", ", o.Feeds.Select(f => $"{f.Name} ({f.Url}, every {f.PollSeconds ?? o.PollSeconds} s)")));
        var initialized = false;
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = TimeSpan.FromSeconds(Math.Min(30, o.Feeds.Min(f => f.PollSeconds ?? o.PollSeconds)));
            try
            {
                if (!initialized) { await store.InitializeAsync(stoppingToken); initialized = true; }
                foreach (var feed in o.Feeds)
                {
                    var interval = TimeSpan.FromSeconds(feed.PollSeconds ?? o.PollSeconds);
                    if (DateTimeOffset.UtcNow >= next[feed.Name])
                    {
                        await poller.PollAsync(feed, null, stoppingToken);
                        next[feed.Name] = DateTimeOffset.UtcNow + interval;
                    }
                    else await poller.WorkAsync(feed, null, stoppingToken); // failing pages that are due
                }
                var soonest = next.Values.Min() - DateTimeOffset.UtcNow;
                if (soonest < wait) wait = soonest < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : soonest;
                backoff = TimeSpan.Zero;
            }
            catch (StoreUnavailableException e)
            {
                backoff = TimeSpan.FromSeconds(Math.Min(60, Math.Max(1, backoff.TotalSeconds * 2)));
                wait = backoff;
                logger.LogWarning("Store unavailable: {Reason}. Next try in {Delay} s; fetched pages are kept until then.", e.Message, backoff.TotalSeconds);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            try { await Task.Delay(wait, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }
}
