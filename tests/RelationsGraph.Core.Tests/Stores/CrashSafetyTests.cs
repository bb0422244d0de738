using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Ingestion;
using RelationsGraph.Model;
using RelationsGraph.Stores.Embedded;
using RelationsGraph.Stores.Neo4j;
using RelationsGraph.Tests.Shared;

namespace RelationsGraph.Core.Tests.Stores;

/// <summary>
/// The worker (`relationsgraph worker`, a process of its own) is killed with SIGKILL in the middle of a
/// large ingestion. After that every document in the store is whole or absent, and a restarted worker
/// finishes the rest on its own, ending where an uninterrupted run ends.
/// </summary>
public abstract class CrashSafety : IAsyncLifetime
{
    /// <summary>How many copies of the dev corpus and the seed (36 documents) the inbox holds.</summary>
    protected virtual int Copies => 15;
    protected readonly string Work = Path.Combine(Path.GetTempPath(), "rg-crash-" + Guid.NewGuid().ToString("N"));
    private string Inbox => Path.Combine(Work, "inbox");

    /// <summary>Configuration of the store under test for the worker process (environment variables).</summary>
    protected abstract IReadOnlyDictionary<string, string> StoreEnvironment { get; }

    /// <summary>A new store object over the storage under test (emptied on the first call).</summary>
    protected abstract Task<IGraphStore> OpenAsync(bool empty);

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Inbox);
        var sources = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "corpus"), "*.txt").Append(RepositoryPaths.SeedFile).Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < Copies; i++)
            foreach (var f in sources)
                File.Copy(f, Path.Combine(Inbox, $"c{i:D2}_{Path.GetFileName(f)}"));
        return Task.CompletedTask;
    }

    public virtual Task DisposeAsync()
    {
        try { Directory.Delete(Work, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AfterSigkillEveryDocumentIsWholeOrAbsentAndARestartedWorkerFinishesTheRest()
    {
        var files = DocumentIngestor.FilesAt(Inbox);
        var expected = await ReferenceRunAsync(files);
        (await OpenAsync(empty: true) as IDisposable)?.Dispose();

        // Kill the worker once it has written about a third of the documents.
        var crashed = await RunWorkerAsync(stopAfter: files.Count / 3, kill: true);
        Assert.InRange(crashed, files.Count / 3, files.Count - 1);

        var store = await OpenAsync(empty: false);
        var present = 0;
        foreach (var (documentId, graph) in expected)
        {
            if ((await store.GetNodesAsync([documentId], default)).Count == 0) continue;
            present++;
            await AssertWholeAsync(store, graph);
        }
        (store as IDisposable)?.Dispose();
        Assert.InRange(present, files.Count / 3, files.Count - 1);

        // A new worker finds the rest on its own.
        var finished = await RunWorkerAsync(stopAfter: files.Count, kill: false);
        Assert.Equal(files.Count, finished);
        store = await OpenAsync(empty: false);
        foreach (var graph in expected.Values) await AssertWholeAsync(store, graph);
        var counts = await store.CountAsync(default);
        Assert.Equal((expected.Count, ExpectedCounts.Nodes, ExpectedCounts.Edges), (counts.Documents, counts.Nodes, counts.Edges));
        (store as IDisposable)?.Dispose();
    }

    private GraphCounts ExpectedCounts { get; set; } = null!;

    /// <summary>Every node and relationship the document states is in the store, with the document's quotes.</summary>
    internal static async Task AssertWholeAsync(IGraphStore store, DocumentGraph g)
    {
        var ids = g.Nodes.Select(n => n.Node.Id).ToList();
        Assert.Equal(ids.Count, (await store.GetNodesAsync(ids, default)).Count);
        var stored = (await store.GetRelationshipsAsync(ids, Direction.Outgoing, null, default)).Select(r => r.Edge.Id).ToHashSet();
        Assert.All(g.Edges, e => Assert.Contains(e.Edge.Id, stored));
        var quoted = g.Nodes.Where(n => n.Evidence.Count > 0).Select(n => n.Node.Id).ToList();
        var evidence = await store.GetEvidenceAsync(quoted, default);
        Assert.All(quoted, id => Assert.Contains(evidence[id], e => e.DocumentId == g.Document.Id));
    }

    /// <summary>The same files through the same pipeline in one uninterrupted run on an embedded store: what each document writes.</summary>
    private async Task<Dictionary<string, DocumentGraph>> ReferenceRunAsync(IReadOnlyList<string> files)
    {
        var folder = Path.Combine(Work, "reference");
        using var inner = new EmbeddedGraphStore(Options.Create(new EmbeddedStoreOptions { DataDirectory = folder }), NullLogger<EmbeddedGraphStore>.Instance);
        await inner.InitializeAsync(default);
        var store = new RecordingStore(inner);
        var ingestor = new DocumentIngestor(store, new PressReleaseExtractor(), new GraphBuilder(), NullLogger<DocumentIngestor>.Instance);
        foreach (var f in files) await ingestor.IngestFileAsync(f, default);
        ExpectedCounts = await inner.CountAsync(default);
        return store.Written;
    }

    /// <summary>
    /// Runs `relationsgraph worker` on the inbox until it has reported <paramref name="stopAfter"/> documents
    /// (written or unchanged), then kills it (SIGKILL) or stops it. Returns how many it reported.
    /// </summary>
    private async Task<int> RunWorkerAsync(int stopAfter, bool kill)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { RelationsGraphCommand.Path, "worker", "--inbox", Inbox, "--poll", "0.2", "--data", Path.Combine(Work, "data") }) start.ArgumentList.Add(a);
        foreach (var (k, v) in StoreEnvironment) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var reported = 0;
        var enough = new TaskCompletionSource();
        var line = new Regex(@"\.txt: (Added|Updated|Unchanged) ");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } l && line.IsMatch(l) && Interlocked.Increment(ref reported) >= stopAfter) enough.TrySetResult();
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } l && line.IsMatch(l) && Interlocked.Increment(ref reported) >= stopAfter) enough.TrySetResult();
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var done = await Task.WhenAny(enough.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(4)));
        var exited = process.HasExited;
        if (kill) process.Kill(entireProcessTree: true); // SIGKILL on Linux
        else if (!exited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        Assert.False(exited, $"the worker ended by itself (exit code {process.ExitCode}) after {reported} documents");
        Assert.True(done == enough.Task, $"the worker reported only {reported} of {stopAfter} documents in 4 minutes");
        return Volatile.Read(ref reported);
    }

    /// <summary>A store that remembers what each document wrote.</summary>
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

public sealed class EmbeddedCrashSafetyTests : CrashSafety
{
    private string Data => Path.Combine(Work, "data");

    protected override IReadOnlyDictionary<string, string> StoreEnvironment => new Dictionary<string, string> { ["RelationsGraph__Store__Kind"] = "Embedded" };

    protected override async Task<IGraphStore> OpenAsync(bool empty)
    {
        var store = new EmbeddedGraphStore(Options.Create(new EmbeddedStoreOptions { DataDirectory = Data }), NullLogger<EmbeddedGraphStore>.Instance);
        await store.InitializeAsync(default);
        return store;
    }
}

[Collection(Neo4jCollection.Name)]
public sealed class Neo4jCrashSafetyTests(Neo4jTestServer server) : CrashSafety
{
    protected override int Copies => 4; // one transaction per document over HTTP is slower: 144 documents

    protected override IReadOnlyDictionary<string, string> StoreEnvironment => new Dictionary<string, string>
    {
        ["RelationsGraph__Store__Kind"] = "Neo4j",
        ["RelationsGraph__Store__Neo4j__Uri"] = server.Uri,
        ["RelationsGraph__Store__Neo4j__User"] = server.User,
        ["RelationsGraph__Store__Neo4j__Password"] = server.Password,
    };

    protected override async Task<IGraphStore> OpenAsync(bool empty)
    {
        var store = Neo4jGraphStoreTests.Create(server);
        await store.InitializeAsync(default);
        if (empty) await store.Http.RunAsync(new Cypher("MATCH (n) DETACH DELETE n"), default);
        return store;
    }
}
