using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Ingestion;
using RelationsGraph.Ingestion.Sources;
using RelationsGraph.Model;
using RelationsGraph.Stores.Embedded;
using RelationsGraph.Tests.Shared;

namespace RelationsGraph.Core.Tests.Sources;

/// <summary>
/// `relationsgraph worker` follows a feed of 60 releases and is killed with SIGKILL in the middle of it.
/// Every document is then whole or absent; a restarted worker finishes the feed without fetching again
/// any page that was done (the server's request log says so) and ends where an uninterrupted run ends.
/// </summary>
public sealed partial class SourcesCrashSafetyTests : IAsyncLifetime
{
    private const int Pages = 60;
    private NewsroomServer server = null!;
    private readonly string work = Path.Combine(Path.GetTempPath(), "rg-srccrash-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, (string Html, string Title)> pages = new(StringComparer.Ordinal);
    private string Data => Path.Combine(work, "data");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(work, "inbox"));
        server = await NewsroomServer.StartAsync();
        var releases = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "corpus"), "*.txt").Order(StringComparer.Ordinal).ToList();
        var items = new List<Newsroom.Item>();
        for (var i = 0; i < Pages; i++)
        {
            var path = $"/presse/{i:D3}-{Path.GetFileNameWithoutExtension(releases[i % releases.Count])}.html";
            var html = Newsroom.Page(File.ReadAllText(releases[i % releases.Count]));
            var title = $"Pressemitteilung {i}";
            pages[server.Url(path).AbsoluteUri] = (html, title);
            // a newsroom that takes its time: the worker is still in the middle of the feed when it is killed
            var etag = $"\"p{i}\"";
            server.Handle(path, async ctx =>
            {
                if (ctx.Request.Headers.IfNoneMatch.ToString() == etag) { ctx.Response.StatusCode = 304; return; }
                await Task.Delay(40);
                ctx.Response.ContentType = "text/html; charset=utf-8";
                ctx.Response.Headers.ETag = etag;
                await ctx.Response.WriteAsync(html);
            });
            items.Add(new Newsroom.Item(server.Url(path).AbsoluteUri, title, new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.Zero).AddDays(i)));
        }
        server.Serve("/presse.rss", Newsroom.Rss("Presse", items), "application/rss+xml");
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        try { Directory.Delete(work, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task AfterSigkillMidFeedEveryDocumentIsWholeOrAbsentAndNoDonePageIsFetchedAgain()
    {
        var expected = await ReferenceRunAsync();

        var first = await RunWorkerAsync(until: reported => reported.Count >= Pages / 3);
        Assert.InRange(first.Count, Pages / 3, Pages - 1);

        using (var store = await OpenAsync())
        {
            var present = 0;
            foreach (var graph in expected.Values)
            {
                if ((await store.GetNodesAsync([graph.Document.Id], default)).Count == 0) continue;
                present++;
                await Stores.CrashSafety.AssertWholeAsync(store, graph);
            }
            Assert.InRange(present, first.Count, Pages - 1);
        }

        var feedHitsBefore = server.Hits("/presse.rss").Count;
        await RunWorkerAsync(until: _ => DocumentsWritten() == Pages);
        using (var store = await OpenAsync())
        {
            foreach (var graph in expected.Values) await Stores.CrashSafety.AssertWholeAsync(store, graph);
            var counts = await store.CountAsync(default);
            Assert.Equal((Pages, ExpectedCounts.Nodes, ExpectedCounts.Edges), (counts.Documents, counts.Nodes, counts.Edges));
        }

        // the restarted worker asked for the unchanged feed conditionally, and fetched no page that was done
        Assert.Equal(304, server.Hits("/presse.rss")[feedHitsBefore].Status);
        foreach (var url in first)
            Assert.Equal(1, server.Count(new Uri(url).AbsolutePath));
        var fetchedTwice = pages.Keys.Where(u => server.Hits(new Uri(u).AbsolutePath).Count(h => h.Status == 200) > 1).ToList();
        // only pages in flight at the kill (fetched, not yet kept in the fetch log) may be fetched again: at most FetchAhead of them
        Assert.True(fetchedTwice.Count <= new FetchOptions().FetchAhead, $"fetched twice: {string.Join(", ", fetchedTwice)}");
    }

    private GraphCounts ExpectedCounts { get; set; } = null!;

    /// <summary>The same pages through the same seam and pipeline in one uninterrupted run: what each document writes.</summary>
    private async Task<Dictionary<string, DocumentGraph>> ReferenceRunAsync()
    {
        using var inner = new EmbeddedGraphStore(Options.Create(new EmbeddedStoreOptions { InMemory = true }), NullLogger<EmbeddedGraphStore>.Instance);
        await inner.InitializeAsync(default);
        var store = new RecordingStore(inner);
        var ingestor = new DocumentIngestor(store, new PressReleaseExtractor(), new GraphBuilder(), NullLogger<DocumentIngestor>.Instance);
        foreach (var (url, (html, title)) in pages)
        {
            var (source, hints) = WebDocument.Read(html, "text/html", new Uri(url), new PageHints(Title: title));
            await ingestor.IngestAsync(source, hints, default);
        }
        ExpectedCounts = await inner.CountAsync(default);
        Assert.Equal(Pages, ExpectedCounts.Documents);
        return store.Written;
    }

    private int DocumentsWritten()
    {
        var file = Path.Combine(Data, "relationsgraph.db");
        if (!File.Exists(file)) return 0;
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM documents";
        try { return Convert.ToInt32(cmd.ExecuteScalar()); }
        catch (SqliteException) { return 0; }
    }

    private async Task<EmbeddedGraphStore> OpenAsync()
    {
        var store = new EmbeddedGraphStore(Options.Create(new EmbeddedStoreOptions { DataDirectory = Data }), NullLogger<EmbeddedGraphStore>.Instance);
        await store.InitializeAsync(default);
        return store;
    }

    [GeneratedRegex(@"(http://\S+): (added|updated|unchanged) doc:")]
    private static partial Regex DoneLine();

    /// <summary>Runs `relationsgraph worker` with the feed configured until <paramref name="until"/> holds, then kills it (SIGKILL). Returns the pages it reported done.</summary>
    private async Task<IReadOnlyCollection<string>> RunWorkerAsync(Func<IReadOnlyCollection<string>, bool> until)
    {
        var environment = new Dictionary<string, string>
        {
            ["RelationsGraph__Store__Kind"] = "Embedded",
            ["RelationsGraph__Sources__Feeds__0__Name"] = "newsroom",
            ["RelationsGraph__Sources__Feeds__0__Url"] = server.Url("/presse.rss").AbsoluteUri,
            ["RelationsGraph__Sources__PollSeconds"] = "1",
            ["RelationsGraph__Fetch__AllowedPrivateAddresses__0"] = "127.0.0.1",
            ["RelationsGraph__Fetch__RequestsPerSecondPerHost"] = "0",
        };
        using var process = Process.Start(RelationsGraphCommand.Start(work, environment, "worker", "--inbox", Path.Combine(work, "inbox"), "--data", Data))!;
        var reported = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var output = new ConcurrentQueue<string>();
        void Read(object _, DataReceivedEventArgs e)
        {
            if (e.Data is not { } line) return;
            output.Enqueue(line);
            if (DoneLine().Match(line) is { Success: true } m) reported[m.Groups[1].Value] = true;
        }
        process.ErrorDataReceived += Read;
        process.OutputDataReceived += Read;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var deadline = Stopwatch.StartNew();
        while (!until(reported.Keys.ToList()) && !process.HasExited && deadline.Elapsed < TimeSpan.FromMinutes(3)) await Task.Delay(20);
        var exited = process.HasExited;
        if (!exited) process.Kill(entireProcessTree: true); // SIGKILL on Linux
        await process.WaitForExitAsync();
        Assert.False(exited, "the worker ended by itself:\n" + string.Join("\n", output));
        Assert.True(until(reported.Keys.ToList()), $"the worker did not get there in 3 minutes ({reported.Count} pages reported):\n" + string.Join("\n", output.TakeLast(40)));
        return reported.Keys.ToList();
    }

    private sealed class RecordingStore(IGraphStore inner) : DelegatingGraphStore(inner)
    {
        public Dictionary<string, DocumentGraph> Written { get; } = new(StringComparer.Ordinal);

        public override async Task<IngestOutcome> WriteDocumentAsync(DocumentGraph graph, CancellationToken cancellationToken)
        {
            Written[graph.Document.Id] = graph;
            return await base.WriteDocumentAsync(graph, cancellationToken);
        }
    }
}
