using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;

namespace RelationsGraph.Ingestion.Sources;

/// <summary>A fetched page whose body is kept in the fetch log, waiting to be ingested.</summary>
public sealed record ReadyPage(string Key, Uri Url, byte[] Body, string? MediaType, string? Charset);

/// <summary>What became of one page: <see cref="State"/>, the store's outcome when it was written, and why not when it was not.</summary>
public sealed record PageResult(string Url, FetchState State, string Outcome, IngestOutcome? Ingested, string? Code, string? Reason, DateTimeOffset? NextTry = null)
{
    public bool Failed => State is FetchState.Rejected or FetchState.Failing;
}

/// <summary>
/// One page from the web into the store: conditional GET with what the fetch log knows, the body kept
/// in the log until its document is written, then the document ingested with the page URL as its
/// identity (a changed page updates its facts, as a changed file does). Every outcome is recorded.
/// </summary>
public sealed class PageIngestor(WebFetcher fetcher, FetchLog log, DocumentIngestor ingestor, IOptions<FetchOptions> options, TimeProvider clock, ILogger<PageIngestor> logger)
{
    /// <summary>A URL given on the command line: recorded under the source "ingest", then fetched and ingested.</summary>
    public async Task<PageResult> IngestUrlAsync(Uri url, PageHints hints, CancellationToken ct)
    {
        if (fetcher.Check(url) is { } refused)
            return new PageResult(url.OriginalString, FetchState.Rejected, "refused", null, refused.Code, refused.Reason);
        // a page a feed lists stays that feed's; only an address never seen is recorded under "ingest"
        if (await log.GetAsync(url.AbsoluteUri, ct) is not { } known)
        {
            await log.SeeAsync(url.AbsoluteUri, "page", hints.Source ?? "ingest", null, hints.Title, ct);
            known = (await log.GetAsync(url.AbsoluteUri, ct))!;
        }
        return await ProcessAsync(known, hints with { Title = hints.Title ?? known.Title }, ct);
    }

    /// <summary>
    /// Works on one recorded page: ingests a body kept from before a crash, else fetches (conditionally
    /// when it was ingested before) and ingests. Throws <see cref="StoreUnavailableException"/> with the
    /// body kept, so that it is written when the store is back.
    /// </summary>
    public async Task<PageResult> ProcessAsync(FetchRecord page, PageHints hints, CancellationToken ct)
    {
        var (done, ready) = await FetchAsync(page, ct);
        return done ?? await IngestAsync(ready!, hints, ct);
    }

    /// <summary>
    /// The fetching half of <see cref="ProcessAsync"/>: either the page's final result (not modified,
    /// refused, failing) or a page ready to ingest, its body kept in the fetch log. Pages may be fetched
    /// ahead of their ingestion; they are ingested in order.
    /// </summary>
    public async Task<(PageResult? Done, ReadyPage? Ready)> FetchAsync(FetchRecord page, CancellationToken ct)
    {
        var url = new Uri(page.Url);
        if (page.State == FetchState.Fetched && page.Body is not null)
            return (null, new ReadyPage(page.Url, url, page.Body, page.MediaType, page.Charset));

        var validators = page.ETag is not null || page.LastModified is not null ? page.Validators : null;
        var fetched = await fetcher.FetchAsync(url, validators, ct);
        switch (fetched.Status)
        {
            case FetchStatus.NotModified:
                await log.MarkIngestedAsync(page.Url, null, "not modified", ct);
                return (new PageResult(page.Url, FetchState.Ingested, "not modified", null, null, null), null);
            case FetchStatus.Refused:
                await log.MarkRejectedAsync(page.Url, $"{fetched.Code}: {fetched.Reason}", ct);
                return (new PageResult(page.Url, FetchState.Rejected, "refused", null, fetched.Code, fetched.Reason), null);
            case FetchStatus.Failed:
                var next = NextTry(page.Attempts + 1, fetched.RetryAfter);
                await log.MarkFailingAsync(page.Url, $"{fetched.Code}: {fetched.Reason}", next, ct);
                return (new PageResult(page.Url, FetchState.Failing, "failing", null, fetched.Code, fetched.Reason, next), null);
        }
        if (page.State == FetchState.Ingested && page.ContentHash == fetched.ContentHash)
        {
            // the server ignored the validators but the bytes are the same: nothing to write
            await log.MarkIngestedAsync(page.Url, null, "unchanged", ct);
            return (new PageResult(page.Url, FetchState.Ingested, "unchanged", null, null, null), null);
        }
        await log.SaveFetchedAsync(page.Url, fetched, ct);
        return (null, new ReadyPage(page.Url, url, fetched.Body!, fetched.MediaType, fetched.Charset));
    }

    /// <summary>The ingesting half: the kept body through the seam and the pipeline into the store; the outcome recorded.</summary>
    public async Task<PageResult> IngestAsync(ReadyPage page, PageHints hints, CancellationToken ct)
    {
        var (key, url, body, mediaType, charset) = page;
        try
        {
            var text = WebFetcher.Decode(new FetchResult(FetchStatus.Fetched, url) { Body = body, MediaType = mediaType, Charset = charset });
            var (source, documentHints) = WebDocument.Read(text, mediaType, url, hints);
            var (outcome, _, _) = await ingestor.IngestAsync(source, documentHints, ct);
            var status = outcome.Status.ToString().ToLowerInvariant();
            await log.MarkIngestedAsync(key, outcome.DocumentId, status, ct);
            return new PageResult(key, FetchState.Ingested, status, outcome, null, null);
        }
        catch (DocumentRejectedException e)
        {
            await log.MarkRejectedAsync(key, e.Message, ct);
            logger.LogDebug("Rejected {Url}: {Reason}", key, e.Message);
            return new PageResult(key, FetchState.Rejected, "rejected", null, "DOCUMENT_REJECTED", e.Message);
        }
    }

    /// <summary>Exponential backoff from <see cref="FetchOptions.RetryBackoffSeconds"/>, at least the server's Retry-After, at most <see cref="FetchOptions.MaxRetryBackoffSeconds"/>.</summary>
    private DateTimeOffset NextTry(int attempts, TimeSpan? retryAfter)
    {
        var o = options.Value;
        var seconds = Math.Min(o.MaxRetryBackoffSeconds, o.RetryBackoffSeconds * Math.Pow(2, Math.Min(attempts - 1, 20)));
        if (retryAfter is { } ra && ra.TotalSeconds > seconds) seconds = ra.TotalSeconds;
        return clock.GetUtcNow().AddSeconds(seconds);
    }
}
