using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationsGraph.Graph;
using RelationsGraph.Ingestion.Sources;

namespace RelationsGraph.Cli;

/// <summary>
/// relationsgraph ingest URL, sources status, sources poll, and the feeds in the worker: press releases
/// from the web, fetched politely (RelationsGraph:Fetch) into the configured store.
/// </summary>
internal static class SourcesCommand
{
    public static bool IsWebAddress(string argument) => argument.Contains("://", StringComparison.Ordinal);

    /// <summary>The feeds beside the inbox in the worker, and the HTTP client's own logs kept to warnings.</summary>
    public static void AddSourcesWorker(HostApplicationBuilder builder)
    {
        AddSources(builder);
        builder.Services.AddHostedService<SourcesWorker>();
    }

    private static void AddSources(HostApplicationBuilder builder)
    {
        builder.Services.AddWebSources(builder.Configuration);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
    }

    public static Command Command()
    {
        var cmd = new Command("sources", "The newsroom feeds the worker follows (RelationsGraph:Sources:Feeds).");
        var status = new Command("status", "Each source: last poll, feed outcome, entries seen, ingested, rejected and failing, with the reasons.") { Commands.DataOption };
        status.TreatUnmatchedTokensAsErrors = false;
        status.SetAction(async (parse, ct) =>
        {
            using var host = Commands.StoreHost(parse, AddSources);
            var log = host.Services.GetRequiredService<FetchLog>();
            var feeds = host.Services.GetRequiredService<IOptions<SourcesOptions>>().Value.Feeds;
            var names = feeds.Select(f => (f.Name, f.Url)).Append(("ingest", "(URLs given to relationsgraph ingest)")).ToList();
            Console.WriteLine($"{"SOURCE",-20} {"LAST POLL",-21} {"SEEN",5} {"INGESTED",8} {"REJECTED",8} {"FAILING",7} {"WAITING",7}  FEED");
            foreach (var (name, url) in names)
            {
                var poll = await log.LastPollAsync(name, ct);
                var c = await log.CountAsync(name, ct);
                if (name == "ingest" && c.Seen == 0) continue;
                var when = poll is null ? (name == "ingest" ? "-" : "never") : poll.LastPoll.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'");
                Console.WriteLine($"{name,-20} {when,-21} {c.Seen,5} {c.Ingested,8} {c.Rejected,8} {c.Failing,7} {c.Waiting,7}  {url}");
                if (poll is not null) Console.WriteLine($"  feed: {(poll.Failures > 0 ? $"failing ({poll.Failures} polls in a row): " : "")}{poll.Outcome}");
                foreach (var p in await log.ProblemsAsync(name, ct))
                    Console.WriteLine(p.State == FetchState.Failing
                        ? $"  failing   {p.Url} ({p.Attempts} attempts, next try {p.NextTry?.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z): {p.Reason}"
                        : $"  rejected  {p.Url}: {p.Reason}");
            }
            return 0;
        });
        var name = new Option<string?>("--name") { Description = "Only the feed of this name." };
        var poll = new Command("poll", "Poll the configured feeds once now (as the worker does on its interval): fetch and ingest new and changed entries, retry failing pages that are due. Exit 1 when a feed or a page failed.") { name, Commands.DataOption };
        poll.TreatUnmatchedTokensAsErrors = false;
        poll.SetAction(async (parse, ct) =>
        {
            using var host = Commands.StoreHost(parse, AddSources);
            var feeds = host.Services.GetRequiredService<IOptions<SourcesOptions>>().Value.Feeds
                .Where(f => parse.GetValue(name) is not { } n || f.Name.Equals(n, StringComparison.OrdinalIgnoreCase)).ToList();
            if (feeds.Count == 0)
            {
                Console.Error.WriteLine(parse.GetValue(name) is { } n ? $"No feed is named '{n}' in RelationsGraph:Sources:Feeds." : "No feeds are configured: add them under RelationsGraph:Sources:Feeds (Name, Url).");
                return 2;
            }
            var poller = host.Services.GetRequiredService<FeedPoller>();
            try
            {
                await host.Services.GetRequiredService<IGraphStore>().InitializeAsync(ct);
                var failed = false;
                foreach (var feed in feeds)
                {
                    var r = await poller.PollAsync(feed, p => Console.Error.WriteLine($"{feed.Name}: {Line(p)}"), ct);
                    Console.WriteLine($"{feed.Name}: feed {r.FeedOutcome}; {r.Pages.Count(p => p.State == FetchState.Ingested)} pages ingested, {r.Pages.Count(p => p.State == FetchState.Rejected)} rejected, {r.Pages.Count(p => p.State == FetchState.Failing)} failing.");
                    failed |= r.FeedFailed || r.Pages.Any(p => p.Failed);
                }
                return failed ? 1 : 0;
            }
            catch (StoreUnavailableException e)
            {
                Console.Error.WriteLine($"The store is unavailable: {e.Message}. Fetched pages are kept; run the same command again to write them.");
                return 3;
            }
        });
        cmd.Subcommands.Add(status);
        cmd.Subcommands.Add(poll);
        return cmd;
    }

    private static string Line(PageResult r) => r switch
    {
        { Ingested: { } o } => $"{r.Url}: {r.Outcome} ({o.NodesWritten} nodes, {o.EdgesWritten} edges)",
        { State: FetchState.Ingested } => $"{r.Url}: {r.Outcome}",
        { State: FetchState.Failing } => $"{r.Url}: failing, next try {r.NextTry?.UtcDateTime:HH:mm:ss}Z: {r.Code}: {r.Reason}",
        _ => $"{r.Url}: not ingested: {r.Code}: {r.Reason}",
    };

    /// <summary>relationsgraph ingest URL: one page, with the page URL as the document's identity.</summary>
    public static async Task<int> IngestUrlAsync(ParseResult parse, string address, CancellationToken ct)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            Console.Error.WriteLine($"'{address}' is not an http or https address; only those are fetched (a file or folder is given by its path).");
            return 2;
        }
        using var host = Commands.StoreHost(parse, AddSources);
        var pages = host.Services.GetRequiredService<PageIngestor>();
        try
        {
            await host.Services.GetRequiredService<IGraphStore>().InitializeAsync(ct);
            var r = await pages.IngestUrlAsync(url, new PageHints(), ct);
            Console.Error.WriteLine($"[1/1] {Line(r)}");
            var changed = r.Ingested?.Status is IngestStatus.Added or IngestStatus.Updated ? 1 : 0;
            Console.WriteLine($"1 page: {changed} changes, {(r.State == FetchState.Ingested ? 1 - changed : 0)} unchanged, {(r.Failed ? 1 : 0)} not ingested.");
            return r.Failed ? 1 : 0;
        }
        catch (StoreUnavailableException e)
        {
            Console.Error.WriteLine($"The store is unavailable: {e.Message}. The page is kept; run the same command again to write it.");
            return 3;
        }
    }
}
