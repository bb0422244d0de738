using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationsGraph.Graph;

namespace RelationsGraph.Ingestion.Sources;

/// <summary>What one poll of a feed found.</summary>
public sealed record PollResult(string Source, string FeedOutcome, bool FeedFailed, int Entries, int NewOrChanged, IReadOnlyList<PageResult> Pages);

/// <summary>
/// Polls one feed: a conditional GET of the feed (an unchanged feed costs one 304), its new and changed
/// entries recorded in the fetch log, then every page of the source that wants work (new, changed,
/// failing and due, or fetched before a crash) fetched and ingested. One broken entry or page does not
/// stop the others.
/// </summary>
public sealed class FeedPoller(WebFetcher fetcher, FetchLog log, PageIngestor pages, IOptions<FetchOptions> options, ILogger<FeedPoller> logger)
{
    public async Task<PollResult> PollAsync(FeedSource source, Action<PageResult>? progress, CancellationToken ct)
    {
        var feedUrl = new Uri(source.Url);
        var known = await log.GetAsync(feedUrl.AbsoluteUri, ct);
        var fetched = await fetcher.FetchAsync(feedUrl, known is { Kind: "feed" } ? known.Validators : null, ct);
        string outcome;
        var failed = false;
        int entries = 0, fresh = 0;
        switch (fetched.Status)
        {
            case FetchStatus.NotModified:
                outcome = "not modified";
                break;
            case FetchStatus.Fetched:
                try
                {
                    var feed = NewsFeed.Parse(fetched.Body!, fetched.MediaType, fetched.FinalUrl ?? feedUrl);
                    entries = feed.Count;
                    foreach (var e in feed)
                    {
                        if (e.Link is null)
                        {
                            var before = await log.GetAsync(e.Key, ct);
                            if (before?.ItemKey == e.Fingerprint) continue;
                            await log.RejectEntryAsync(e.Key, source.Name, e.Fingerprint, e.Title, $"BAD_ENTRY: {e.Problem}", ct);
                            logger.LogWarning("{Source}: entry \"{Title}\" set aside: {Problem}", source.Name, e.Title, e.Problem);
                            fresh++;
                        }
                        else if (await log.SeeAsync(e.Link.AbsoluteUri, "page", source.Name, e.Fingerprint, e.Title, ct)) fresh++;
                    }
                    // the validators only after the entries: a crash in between fetches the feed again, it loses no entry
                    await log.SaveFeedAsync(feedUrl.AbsoluteUri, source.Name, fetched, ct);
                    outcome = $"{entries} entries, {fresh} new or changed";
                }
                catch (FormatException e)
                {
                    outcome = "BAD_FEED: " + e.Message;
                    failed = true;
                }
                break;
            default:
                outcome = $"{fetched.Code}: {fetched.Reason}";
                failed = true;
                break;
        }
        await log.RecordPollAsync(source.Name, source.Url, outcome, failed ? outcome : null, failed, ct);
        if (failed) logger.LogWarning("{Source}: feed {Url} failing: {Reason}", source.Name, source.Url, outcome);
        else logger.LogInformation("{Source}: feed {Outcome}", source.Name, outcome);
        var results = await WorkAsync(source, progress, ct);
        return new PollResult(source.Name, outcome, failed, entries, fresh, results);
    }

    /// <summary>The pages of a source that want work now, each fetched and ingested.</summary>
    public async Task<IReadOnlyList<PageResult>> WorkAsync(FeedSource source, Action<PageResult>? progress, CancellationToken ct)
    {
        var hints = new PageHints(source.Name, null, source.Language, source.Publisher);
        var due = await log.DueAsync(source.Name, ct);
        var results = new List<PageResult>();
        // Pages are fetched a few ahead (each waits for its host's turn) while the one before is being
        // written; they are ingested in the feed's order, one at a time.
        var ahead = new Queue<(FetchRecord Page, Task<(PageResult? Done, ReadyPage? Ready)> Fetch)>();
        var next = 0;
        while (next < due.Count || ahead.Count > 0)
        {
            while (next < due.Count && ahead.Count < Math.Max(1, options.Value.FetchAhead))
            {
                var p = due[next++];
                ahead.Enqueue((p, pages.FetchAsync(p, ct)));
            }
            var (page, fetch) = ahead.Dequeue();
            ct.ThrowIfCancellationRequested();
            PageResult r;
            try
            {
                var (done, ready) = await fetch;
                r = done ?? await pages.IngestAsync(ready!, hints with { Title = page.Title }, ct);
            }
            catch (Exception e) when (e is not (OperationCanceledException or StoreUnavailableException))
            {
                // an unforeseen failure of one page is that page's problem, not the feed's
                logger.LogError(e, "{Source}: {Url} failed", source.Name, page.Url);
                var retry = DateTimeOffset.UtcNow.AddMinutes(10);
                await log.MarkFailingAsync(page.Url, "ERROR: " + e.Message, retry, ct);
                r = new PageResult(page.Url, FetchState.Failing, "failing", null, "ERROR", e.Message, retry);
            }
            catch
            {
                // stopping (or the store went away): the pages fetched ahead are kept in the log; let them finish
                foreach (var (_, t) in ahead) await t.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                throw;
            }
            results.Add(r);
            Report(source.Name, r);
            progress?.Invoke(r);
        }
        return results;
    }

    private void Report(string source, PageResult r)
    {
        switch (r.State)
        {
            case FetchState.Ingested when r.Ingested is { } o:
                logger.LogInformation("{Source}: {Url}: {Outcome} {Document} ({Nodes} nodes, {Edges} edges)", source, r.Url, r.Outcome, o.DocumentId, o.NodesWritten, o.EdgesWritten);
                break;
            case FetchState.Ingested:
                logger.LogInformation("{Source}: {Url}: {Outcome}", source, r.Url, r.Outcome);
                break;
            case FetchState.Rejected:
                logger.LogWarning("{Source}: {Url}: set aside: {Code}: {Reason}", source, r.Url, r.Code, r.Reason);
                break;
            default:
                logger.LogWarning("{Source}: {Url}: failing, next try at {Next:u}: {Code}: {Reason}", source, r.Url, r.NextTry, r.Code, r.Reason);
                break;
        }
    }
}
