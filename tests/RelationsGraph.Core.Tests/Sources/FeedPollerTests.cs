using System.Net;
using Microsoft.AspNetCore.Http;
using RelationsGraph.Ingestion.Sources;

namespace RelationsGraph.Core.Tests.Sources;

/// <summary>
/// Feeds and pages shaped like newsrooms, on Kestrel at 127.0.0.1, polled as the worker polls them: what is
/// ingested, what a second poll costs, and what happens to broken, slow, refusing and foreign pages.
/// </summary>
public sealed class FeedPollerTests : IAsyncLifetime
{
    private NewsroomServer server = null!;

    public async Task InitializeAsync() => server = await NewsroomServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    private static readonly DateTimeOffset Day = new(2025, 3, 12, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] Releases = ["101_bayern-japan-generalkonsulin", "102_japan-consulate-munich-courtesy-call", "103_hessen-wisconsin-delegation"];

    /// <summary>Serves the releases as pages under /presse/ and an RSS feed of them at /presse.rss; returns the page URLs.</summary>
    private List<Uri> ServeReleases(string feedPath = "/presse.rss", Func<string, IEnumerable<Newsroom.Item>, string>? feed = null, params string[] releases)
    {
        var items = new List<Newsroom.Item>();
        foreach (var r in releases.Length > 0 ? releases : Releases)
        {
            var path = $"/presse/{r}.html";
            server.Serve(path, Newsroom.Page(Newsroom.Corpus(r)));
            items.Add(new Newsroom.Item(server.Url(path).AbsoluteUri, r, Day));
        }
        server.Serve(feedPath, (feed ?? Newsroom.Rss)("Presse", items), feedPath.EndsWith(".json") ? "application/feed+json" : "application/rss+xml");
        return items.Select(i => new Uri(i.Url)).ToList();
    }

    [Fact]
    public async Task PollIngestsEveryReleaseWithThePageUrlAsItsIdentity()
    {
        var pages = ServeReleases();
        await using var h = await SourcesHarness.CreateAsync();
        var r = await h.PollAsync("newsroom", server.Url("/presse.rss"));
        Assert.False(r.FeedFailed, r.FeedOutcome);
        Assert.Equal((3, 3), (r.Entries, r.NewOrChanged));
        Assert.All(r.Pages, p => Assert.Equal("added", p.Outcome));
        foreach (var page in pages)
        {
            var doc = await h.DocumentAsync(page);
            Assert.NotNull(doc);
            Assert.Equal(page.AbsoluteUri, doc.Url);
        }
        // polite: robots.txt was asked for once, with the service's User-Agent
        Assert.Equal(1, server.Count("/robots.txt"));
    }

    [Fact]
    public async Task SecondPollCostsOne304AndNoPageFetch()
    {
        var pages = ServeReleases();
        await using var h = await SourcesHarness.CreateAsync();
        await h.PollAsync("newsroom", server.Url("/presse.rss"));
        var before = server.Log.Count;
        var r = await h.PollAsync("newsroom", server.Url("/presse.rss"));
        var second = server.Log.Skip(before).ToList();
        Assert.Equal("not modified", r.FeedOutcome);
        Assert.Single(second);
        Assert.Equal(("/presse.rss", 304), (second[0].Path, second[0].Status));
        Assert.Empty(r.Pages);
    }

    [Fact]
    public async Task AtomAndJsonFeedsAreFollowedLikeRss()
    {
        var atom = ServeReleases("/atom.xml", Newsroom.Atom, Releases[0], Releases[1]);
        var json = ServeReleases("/feed.json", Newsroom.JsonFeed, Releases[2]);
        await using var h = await SourcesHarness.CreateAsync();
        var a = await h.PollAsync("atom", server.Url("/atom.xml"));
        var j = await h.PollAsync("json", server.Url("/feed.json"));
        Assert.Equal(2, a.Pages.Count(p => p.Outcome == "added"));
        Assert.Equal(1, j.Pages.Count(p => p.Outcome == "added"));
        foreach (var page in atom.Concat(json)) Assert.NotNull(await h.DocumentAsync(page));
    }

    [Fact]
    public async Task AnEditedReleaseIsFetchedAgainAndUpdatesItsFacts()
    {
        var page = server.Url("/presse/gk.html");
        var text = Newsroom.Corpus(Releases[0]);
        server.Serve("/presse/gk.html", Newsroom.Page(text));
        server.Serve("/presse.rss", Newsroom.Rss("Presse", [new(page.AbsoluteUri, "Generalkonsulin", Day)]), "application/rss+xml");
        await using var h = await SourcesHarness.CreateAsync();
        await h.PollAsync("newsroom", server.Url("/presse.rss"));
        var first = await h.DocumentAsync(page);

        // the newsroom corrects the release: the page changes and the feed entry says so
        server.Serve("/presse/gk.html", Newsroom.Page(text + "\n\nKorrektur: Der Empfang fand in der Staatskanzlei statt."));
        server.Serve("/presse.rss", Newsroom.Rss("Presse", [new(page.AbsoluteUri, "Generalkonsulin (aktualisiert)", Day.AddHours(3))]), "application/rss+xml");
        var r = await h.PollAsync("newsroom", server.Url("/presse.rss"));
        Assert.Equal("updated", Assert.Single(r.Pages).Outcome);
        var second = await h.DocumentAsync(page);
        Assert.Equal(first!.Id, second!.Id);
        Assert.NotEqual(first.ContentHash, second.ContentHash);
    }

    [Fact]
    public async Task RetryAfterIsHonoured()
    {
        var pages = ServeReleases(releases: Releases[0]);
        var path = pages[0].AbsolutePath;
        var served = Newsroom.Page(Newsroom.Corpus(Releases[0]));
        var calls = 0;
        server.Handle(path, async ctx =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                ctx.Response.StatusCode = 503;
                ctx.Response.Headers.RetryAfter = "2";
                return;
            }
            ctx.Response.ContentType = "text/html; charset=utf-8";
            await ctx.Response.WriteAsync(served);
        });
        await using var h = await SourcesHarness.CreateAsync();
        var r = await h.PollAsync("newsroom", server.Url("/presse.rss"));
        Assert.Equal("added", Assert.Single(r.Pages).Outcome);
        var hits = server.Hits(path);
        Assert.Equal([503, 200], hits.Select(x => x.Status));
        Assert.True(hits[1].At - hits[0].At >= TimeSpan.FromSeconds(1.9), $"retried after {(hits[1].At - hits[0].At).TotalSeconds:0.00} s, not after the 2 s of Retry-After");
    }

    [Fact]
    public async Task ARetryAfterLongerThanTheSettingIsKeptAsTheItemsNextTry()
    {
        var pages = ServeReleases(releases: Releases[0]);
        server.Handle(pages[0].AbsolutePath, ctx => { ctx.Response.StatusCode = 429; ctx.Response.Headers.RetryAfter = "3600"; return Task.CompletedTask; });
        await using var h = await SourcesHarness.CreateAsync();
        var r = await h.PollAsync("newsroom", server.Url("/presse.rss"));
        var page = Assert.Single(r.Pages);
        Assert.Equal((FetchState.Failing, "HTTP_429"), (page.State, page.Code));
        Assert.Equal(1, server.Count(pages[0].AbsolutePath)); // not hammered
        Assert.InRange(page.NextTry!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
    }

    [Fact]
    public async Task ASlowServerTimesOutThePageIsTriedAgainLaterAndTheOthersGoOn()
    {
        var pages = ServeReleases();
        var slow = pages[1].AbsolutePath;
        var served = Newsroom.Page(Newsroom.Corpus(Releases[1]), "en");
        var isSlow = true;
        server.Handle(slow, async ctx =>
        {
            if (Volatile.Read(ref isSlow)) await Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted);
            ctx.Response.ContentType = "text/html; charset=utf-8";
            await ctx.Response.WriteAsync(served);
        });
        await using var h = await SourcesHarness.CreateAsync(new Dictionary<string, string?> { ["RelationsGraph:Fetch:TimeoutSeconds"] = "1.5", ["RelationsGraph:Fetch:MaxRetries"] = "1" });
        var r = await h.PollAsync("newsroom", server.Url("/presse.rss"));
        Assert.Equal(2, r.Pages.Count(p => p.Outcome == "added"));
        var failing = Assert.Single(r.Pages, p => p.State == FetchState.Failing);
        Assert.Equal(("TIMEOUT", pages[1].AbsoluteUri), (failing.Code, failing.Url));
        Assert.Equal(2, await server.CountAsync(slow, atLeast: 2)); // one attempt and one retry

        // the server recovers; once the backoff has passed the page is fetched without a change in the feed
        Volatile.Write(ref isSlow, false);
        await Task.Delay(TimeSpan.FromSeconds(0.5));
        var again = await h.Poller.WorkAsync(new FeedSource { Name = "newsroom", Url = server.Url("/presse.rss").AbsoluteUri }, null, default);
        Assert.Equal("added", Assert.Single(again).Outcome);
    }

    [Fact]
    public async Task ADroppedConnectionIsRetried()
    {
        var pages = ServeReleases(releases: Releases[0]);
        var served = Newsroom.Page(Newsroom.Corpus(Releases[0]));
        var calls = 0;
        server.Handle(pages[0].AbsolutePath, async ctx =>
        {
            if (Interlocked.Increment(ref calls) == 1) { ctx.Abort(); return; }
            ctx.Response.ContentType = "text/html; charset=utf-8";
            await ctx.Response.WriteAsync(served);
        });
        await using var h = await SourcesHarness.CreateAsync();
        var r = await h.PollAsync("newsroom", server.Url("/presse.rss"));
        Assert.Equal("added", Assert.Single(r.Pages).Outcome);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task AFeedWithBrokenItemsIngestsTheOthers()
    {
        var pages = ServeReleases();
        server.Handle("/presse/kaputt.html", ctx => { ctx.Response.StatusCode = 500; return Task.CompletedTask; });
        var items = pages.Select((p, i) => new Newsroom.Item(p.AbsoluteUri, Releases[i], Day)).ToList();
        items.Insert(1, new Newsroom.Item(server.Url("/presse/kaputt.html").AbsoluteUri, "Kaputt", Day));
        items.Insert(2, new Newsroom.Item("mailto:presse@example.org", "Kein Link", Day));
        server.Serve("/presse.rss", Newsroom.Rss("Presse", items), "application/rss+xml");
        await using var h = await SourcesHarness.CreateAsync();
        var r = await h.PollAsync("newsroom", server.Url("/presse.rss"));
        Assert.Equal(5, r.Entries);
        Assert.Equal(3, r.Pages.Count(p => p.Outcome == "added"));
        Assert.Equal("HTTP_500", Assert.Single(r.Pages, p => p.State == FetchState.Failing).Code);
        var counts = await h.Log.CountAsync("newsroom", default);
        Assert.Equal(new SourceCounts(Seen: 5, Ingested: 3, Rejected: 1, Failing: 1, Waiting: 0), counts);
        Assert.Contains(await h.Log.ProblemsAsync("newsroom", default), p => p.State == FetchState.Rejected && p.Reason!.Contains("mailto:presse@example.org"));
    }

    [Fact]
    public async Task RedirectsAreFollowedUpToTheLimitAndALoopIsRefused()
    {
        var pages = ServeReleases(releases: Releases[0]);
        void Redirect(string from, string to) => server.Handle(from, ctx => { ctx.Response.StatusCode = 301; ctx.Response.Headers.Location = to; return Task.CompletedTask; });
        Redirect("/kurz", "/umweg");
        Redirect("/umweg", pages[0].AbsolutePath);
        Redirect("/a", "/b");
        Redirect("/b", "/a");
        await using var h = await SourcesHarness.CreateAsync();
        var ingest = h.Get<PageIngestor>();
        var followed = await ingest.IngestUrlAsync(server.Url("/kurz"), new PageHints(), default);
        Assert.Equal("added", followed.Outcome);
        Assert.Equal(server.Url("/kurz").AbsoluteUri, (await h.DocumentAsync(server.Url("/kurz")))!.Url); // the page as it was asked for is its identity

        var loop = await ingest.IngestUrlAsync(server.Url("/a"), new PageHints(), default);
        Assert.Equal((FetchState.Rejected, "REDIRECT_LOOP"), (loop.State, loop.Code));
        Assert.Equal((1, 1), (server.Count("/a"), server.Count("/b")));
    }

    [Fact]
    public async Task APageInAThirdLanguageIsSetAsideWithItsReason()
    {
        const string french = """
            Le ministre-président reçoit la consule générale du Japon

            Le ministre-président a reçu aujourd'hui la nouvelle consule générale du Japon à la chancellerie de l'État. Les deux parties ont souligné
            l'importance des relations économiques et culturelles entre la région et le Japon. Elles ont également parlé de la coopération
            dans le domaine de l'hydrogène et des échanges entre les universités et les écoles. La consule générale est arrivée en poste au mois de mars.
            """;
        server.Serve("/fr/communique.html", Newsroom.Page(french, "fr"));
        server.Serve("/fr.rss", Newsroom.Rss("Presse", [new(server.Url("/fr/communique.html").AbsoluteUri, "Communiqué", Day)]), "application/rss+xml");
        await using var h = await SourcesHarness.CreateAsync();
        var r = await h.PollAsync("fr", server.Url("/fr.rss"));
        var page = Assert.Single(r.Pages);
        Assert.Equal((FetchState.Rejected, "DOCUMENT_REJECTED"), (page.State, page.Code));
        Assert.Contains("French", page.Reason);
        Assert.Null(await h.DocumentAsync(server.Url("/fr/communique.html")));
        Assert.Equal(0, (await h.Store.CountAsync(default)).Documents);
        // set aside, not retried on the next poll
        await h.PollAsync("fr", server.Url("/fr.rss"));
        Assert.Equal(1, server.Count("/fr/communique.html"));
        // given again by hand it is fetched whole (no 304 passes for a page that was never ingested) and set aside again
        var again = await h.Get<PageIngestor>().IngestUrlAsync(server.Url("/fr/communique.html"), new PageHints(), default);
        Assert.Equal((FetchState.Rejected, "DOCUMENT_REJECTED"), (again.State, again.Code));
        Assert.Equal([200, 200], server.Hits("/fr/communique.html").Select(x => x.Status));
    }

    [Fact]
    public async Task RobotsTxtDisallowIsRespected()
    {
        var pages = ServeReleases(releases: Releases[0]);
        server.Serve("/intern/entwurf.html", Newsroom.Page(Newsroom.Corpus(Releases[1])));
        server.Serve("/robots.txt", "User-agent: *\nDisallow: /\n\nUser-agent: RelationsGraph\nDisallow: /intern/\n", "text/plain");
        var items = new[] { new Newsroom.Item(pages[0].AbsoluteUri, "ok", Day), new Newsroom.Item(server.Url("/intern/entwurf.html").AbsoluteUri, "intern", Day) };
        server.Serve("/presse.rss", Newsroom.Rss("Presse", items), "application/rss+xml");
        await using var h = await SourcesHarness.CreateAsync();
        var r = await h.PollAsync("newsroom", server.Url("/presse.rss"));
        Assert.Equal("added", Assert.Single(r.Pages, p => p.Url == pages[0].AbsoluteUri).Outcome);
        Assert.Equal("ROBOTS_DISALLOWED", Assert.Single(r.Pages, p => p.State == FetchState.Rejected).Code);
        Assert.Equal(0, server.Count("/intern/entwurf.html"));
        Assert.Equal(1, server.Count("/robots.txt")); // kept per host
    }

    [Fact]
    public async Task BinaryAndOversizedResponsesAreRefused()
    {
        server.Handle("/bild.png", async ctx => { ctx.Response.ContentType = "image/png"; await ctx.Response.Body.WriteAsync(new byte[] { 0x89, 0x50, 0x4E, 0x47 }); });
        server.Serve("/gross.html", Newsroom.Page(Newsroom.Corpus(Releases[0])));
        await using var h = await SourcesHarness.CreateAsync(new Dictionary<string, string?> { ["RelationsGraph:Fetch:MaxBytes"] = "1000" });
        var ingest = h.Get<PageIngestor>();
        Assert.Equal("BINARY_CONTENT", (await ingest.IngestUrlAsync(server.Url("/bild.png"), new PageHints(), default)).Code);
        Assert.Equal("TOO_LARGE", (await ingest.IngestUrlAsync(server.Url("/gross.html"), new PageHints(), default)).Code);
        Assert.Equal(0, (await h.Store.CountAsync(default)).Documents);
    }

    [Fact]
    public async Task TheRateLimitSpacesRequestsToOneHost()
    {
        var pages = ServeReleases();
        await using var h = await SourcesHarness.CreateAsync(new Dictionary<string, string?> { ["RelationsGraph:Fetch:RequestsPerSecondPerHost"] = "4" });
        await h.PollAsync("newsroom", server.Url("/presse.rss"));
        var hits = server.Log.OrderBy(x => x.At).ToList();
        Assert.Equal(5, hits.Count); // robots.txt, the feed, three pages
        for (var i = 1; i < hits.Count; i++)
            Assert.True(hits[i].At - hits[i - 1].At >= TimeSpan.FromMilliseconds(200), $"request {i} came {(hits[i].At - hits[i - 1].At).TotalMilliseconds:0} ms after the one before; at 4 per second at least 250 ms");
    }

    [Fact]
    public async Task TheFeedsPublisherAndLanguageHintsReachTheDocument()
    {
        const string release = """
            Ministerpräsident empfängt Generalkonsulin von Japan

            15. Mai 2024

            Ministerpräsident Konrad Weidinger hat heute die neue Generalkonsulin von Japan in München, Keiko Yamamoto, zu ihrem Antrittsbesuch empfangen.
            Beide betonten die engen Beziehungen zwischen Bayern und Japan.
            """;
        server.Serve("/p.html", Newsroom.Page(release));
        server.Serve("/p.rss", Newsroom.Rss("Presse", [new(server.Url("/p.html").AbsoluteUri, "Antrittsbesuch", Day)]), "application/rss+xml");
        await using var h = await SourcesHarness.CreateAsync();
        var source = new FeedSource { Name = "by", Url = server.Url("/p.rss").AbsoluteUri, Language = "de", Publisher = "Bayerische Staatskanzlei" };
        var r = await h.Poller.PollAsync(source, null, default);
        Assert.Equal("added", Assert.Single(r.Pages).Outcome);
        var doc = await h.DocumentAsync(server.Url("/p.html"));
        Assert.Equal(("Bayerische Staatskanzlei", "de", "Antrittsbesuch"), (doc!.Publisher, doc.Language, doc.Title));
    }
}
