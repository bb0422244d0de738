using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Ingestion;
using RelationsGraph.Model;
using RelationsGraph.Stores.Embedded;

namespace RelationsGraph.Core.Tests.Stores;

/// <summary>
/// The embedded store's snapshot (relationsgraph.snapshot beside the SQLite file): a start from it
/// answers as a start from the rows does, and a snapshot that is not of the file's current state
/// (a later write, another process's edit, another file) or is damaged is never used: the store
/// rebuilds from the rows, says so in its log, and writes a good snapshot again.
/// </summary>
public sealed class EmbeddedSnapshotTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "rg-snap-" + Guid.NewGuid().ToString("N"));
    private readonly LogLines log = new();

    private string SnapshotFile => Path.Combine(folder, "relationsgraph.snapshot");

    private async Task<EmbeddedGraphStore> OpenAsync(string? dataFolder = null)
    {
        var store = new EmbeddedGraphStore(Options.Create(new EmbeddedStoreOptions { DataDirectory = dataFolder ?? folder }), log);
        await store.InitializeAsync(default);
        return store;
    }

    private static readonly DocumentGraph Seed = new GraphBuilder().Build(new PressReleaseExtractor().Extract(
        SourceText.Read(RepositoryPaths.SeedFile), new DocumentHints(SourceName: Path.GetFileName(RepositoryPaths.SeedFile))));

    private static DocumentGraph Other(string id) => new(
        new Document(id, "Other " + id, null, new FuzzyDate(2021), null, "de", "h-" + id, null),
        [new NodeFact(Seed.Nodes.Single(n => n.Node.Id == "JP").Node, [new EvidenceSpan(id, "Japan", 0, 5)])], []);

    /// <summary>What a user sees of the store: the export around the corpus's countries, counts, a roll-up, a search and evidence.</summary>
    private static async Task<string> AnswersAsync(IGraphStore store)
    {
        var (graphml, cypher) = await GraphStoreConformance.ExportAroundCountriesAsync(store);
        var counts = await store.CountAsync(default);
        var events = await store.FindEventsAsync(new EventFilter("DE-NW", "JP"), new PageRequest(100), default);
        var search = await store.SearchAsync("fukushima", new PageRequest(50), default);
        var evidence = await store.GetEvidenceAsync(["JP", "DE-NW"], default);
        return string.Join("\n",
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(graphml)),
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(cypher)),
            $"{counts.Documents} {counts.Nodes} {counts.Edges} " + string.Join(",", counts.NodesByLabel.Select(kv => $"{kv.Key}={kv.Value}")),
            events.TotalCount + ": " + string.Join(",", events.Items.Select(e => e.Id)),
            search.TotalCount + ": " + string.Join(",", search.Items.Select(n => n.Id)),
            string.Join(",", evidence.OrderBy(kv => kv.Key, StringComparer.Ordinal).SelectMany(kv => kv.Value.Select(e => $"{kv.Key}@{e.DocumentId}:{e.Start}-{e.End}"))));
    }

    private async Task IngestCorpusAsync()
    {
        using var store = await OpenAsync();
        var ingestor = new DocumentIngestor(store, new PressReleaseExtractor(), new GraphBuilder(), NullLogger<DocumentIngestor>.Instance);
        await ingestor.IngestPathAsync(Path.Combine(RepositoryPaths.Root, "tests", "corpus"), null, default);
        await store.WriteDocumentAsync(Seed, default);
        Assert.Equal(StoreStart.Database, store.StartedFrom);
    }

    [Fact]
    public async Task AStartFromTheSnapshotAnswersAsAStartFromTheDatabase()
    {
        await IngestCorpusAsync();
        Assert.True(File.Exists(SnapshotFile), "closing the store writes its snapshot");

        string fromSnapshot;
        using (var store = await OpenAsync())
        {
            Assert.Equal(StoreStart.Snapshot, store.StartedFrom);
            fromSnapshot = await AnswersAsync(store);
        }
        File.Delete(SnapshotFile);
        using (var store = await OpenAsync())
        {
            Assert.Equal(StoreStart.Database, store.StartedFrom);
            Assert.Equal(fromSnapshot, await AnswersAsync(store));
            await store.SnapshotWritten;
        }
        Assert.True(File.Exists(SnapshotFile), "a start from the database writes a snapshot");
        Assert.DoesNotContain(log.Lines, l => l.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task WritesAfterAStartFromTheSnapshotAreKeptAndRetractionsLeaveNoTrace()
    {
        using (var store = await OpenAsync())
        {
            await store.WriteDocumentAsync(Seed, default);
        }
        string seedOnly;
        using (var store = await OpenAsync())
        {
            Assert.Equal(StoreStart.Snapshot, store.StartedFrom);
            seedOnly = await AnswersAsync(store);
            await store.WriteDocumentAsync(Other("doc:a"), default);
            Assert.Equal(2, (await store.GetEvidenceAsync(["JP"], default))["JP"].Select(e => e.DocumentId).Distinct().Count());
            Assert.True(await store.DeleteDocumentAsync("doc:a", default));
            Assert.Equal(seedOnly, await AnswersAsync(store));
            await store.WriteDocumentAsync(Other("doc:b"), default);
        }
        using (var store = await OpenAsync())
        {
            Assert.Equal(StoreStart.Snapshot, store.StartedFrom);
            Assert.NotNull(await store.GetNodesAsync(["doc:b"], default));
            Assert.Equal(2, (await store.CountAsync(default)).Documents);
        }
    }

    [Fact]
    public async Task ASnapshotTakenBeforeALaterWriteIsStaleAndTheStoreRebuilds()
    {
        using (var store = await OpenAsync())
            await store.WriteDocumentAsync(Seed, default);
        var old = File.ReadAllBytes(SnapshotFile);
        using (var store = await OpenAsync())
            await store.WriteDocumentAsync(Other("doc:later"), default);
        // as if the process had been killed after the write, before a new snapshot
        File.WriteAllBytes(SnapshotFile, old);

        using (var store = await OpenAsync())
        {
            Assert.Equal(StoreStart.Database, store.StartedFrom);
            Assert.Equal(2, (await store.CountAsync(default)).Documents);
            Assert.Single(await store.GetNodesAsync(["doc:later"], default));
            await store.SnapshotWritten;
        }
        Assert.Contains(log.Lines, l => l.Text.Contains("is stale", StringComparison.Ordinal));
        using (var store = await OpenAsync())
            Assert.Equal(StoreStart.Snapshot, store.StartedFrom);
    }

    [Theory]
    [InlineData("delete")]
    [InlineData("update")]
    [InlineData("insert")]
    public async Task AnEditOfTheFileByAnotherProcessMakesTheSnapshotStale(string edit)
    {
        using (var store = await OpenAsync())
        {
            await store.WriteDocumentAsync(Seed, default);
            await store.WriteDocumentAsync(Other("doc:x"), default);
        }
        var otherJson = System.Text.Json.JsonSerializer.Serialize(Other("doc:y"), EmbeddedGraphStore.Json);
        // another program, with plain SQL and no knowledge of the snapshot
        using (var sql = new SqliteConnection($"Data Source={Path.Combine(folder, "relationsgraph.db")};Pooling=False"))
        {
            sql.Open();
            using var cmd = sql.CreateCommand();
            cmd.CommandText = edit switch
            {
                "delete" => "DELETE FROM documents WHERE id = 'doc:x'",
                "update" => "UPDATE documents SET graph = $g, content_hash = 'h-doc:y' WHERE id = 'doc:x'",
                _ => "INSERT INTO documents (id, content_hash, graph, written_at) VALUES ('doc:y', 'h-doc:y', $g, '2026-01-01')",
            };
            cmd.Parameters.AddWithValue("$g", otherJson);
            Assert.Equal(1, cmd.ExecuteNonQuery());
        }
        using var reopened = await OpenAsync();
        Assert.Equal(StoreStart.Database, reopened.StartedFrom);
        var ids = (await reopened.GetNodesAsync(["doc:x", "doc:y"], default)).Select(n => n.Id).ToList();
        Assert.Equal(edit switch { "delete" => [], "update" => ["doc:y"], _ => ["doc:x", "doc:y"] }, ids);
    }

    [Fact]
    public async Task ASnapshotOfAnotherDatabaseFileIsNotUsed()
    {
        var elsewhere = Path.Combine(folder, "elsewhere");
        using (var store = await OpenAsync(elsewhere))
            await store.WriteDocumentAsync(Other("doc:elsewhere"), default);
        using (var store = await OpenAsync())
            await store.WriteDocumentAsync(Other("doc:here"), default);
        // same number of documents and the same generation, another file
        File.Copy(Path.Combine(elsewhere, "relationsgraph.snapshot"), SnapshotFile, overwrite: true);
        using var reopened = await OpenAsync();
        Assert.Equal(StoreStart.Database, reopened.StartedFrom);
        Assert.Equal(["doc:here"], (await reopened.GetNodesAsync(["doc:here", "doc:elsewhere"], default)).Select(n => n.Id));
    }

    public static TheoryData<string> Damage => ["truncated", "one byte changed", "cut after the header", "empty", "not a snapshot", "one byte appended"];

    [Theory]
    [MemberData(nameof(Damage))]
    public async Task ADamagedSnapshotIsRebuiltWithAWarningNeverACrash(string damage)
    {
        await IngestCorpusAsync();
        string expected;
        using (var store = await OpenAsync())
            expected = await AnswersAsync(store);
        var bytes = File.ReadAllBytes(SnapshotFile);
        var damaged = damage switch
        {
            "truncated" => bytes[..(bytes.Length / 2)],
            "one byte changed" => Flip(bytes, bytes.Length * 2 / 3),
            "cut after the header" => bytes[..60],
            "empty" => [],
            "not a snapshot" => "{\"documents\": []}"u8.ToArray(),
            _ => [.. bytes, 0],
        };
        File.WriteAllBytes(SnapshotFile, damaged);

        using (var store = await OpenAsync())
        {
            Assert.Equal(StoreStart.Database, store.StartedFrom);
            Assert.Equal(expected, await AnswersAsync(store));
            await store.SnapshotWritten;
        }
        Assert.Contains(log.Lines, l => l.Level == LogLevel.Warning && l.Text.Contains("is damaged", StringComparison.Ordinal));
        using (var store = await OpenAsync())
        {
            Assert.Equal(StoreStart.Snapshot, store.StartedFrom);
            Assert.Equal(expected, await AnswersAsync(store));
        }

        static byte[] Flip(byte[] b, int at)
        {
            var copy = b.ToArray();
            copy[at] ^= 0x5A;
            return copy;
        }
    }

    /// <summary>
    /// Every read a user can make of every node of the store: the node as merged, its relationships
    /// both ways, its quotes, what its name resolves to, and the events and agreements between every
    /// two places (the reach index). Two stores with the same answers here hold the same graph.
    /// </summary>
    private static async Task<string> EverythingAsync(EmbeddedGraphStore store)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var g in store.ReadDocumentsAsync(default))
        {
            ids.Add(g.Document.Id);
            foreach (var n in g.Nodes) ids.Add(n.Node.Id);
        }
        var nodes = await store.GetNodesAsync(ids, default);
        var text = new System.Text.StringBuilder(await AnswersAsync(store));
        void Add(object value) => text.Append('\n').Append(System.Text.Json.JsonSerializer.Serialize(value, EmbeddedGraphStore.Json));
        Add(nodes);
        foreach (var n in nodes)
        {
            Add(await store.GetRelationshipsAsync([n.Id], Direction.Both, null, default));
            Add(await store.ResolveAsync(n.DisplayName, default));
        }
        Add(await store.GetEvidenceAsync(ids, default));
        var places = nodes.OfType<Place>().Select(p => p.Id).ToList();
        foreach (var a in places)
        {
            Add((await store.FindEventsAsync(new EventFilter(a, null), new PageRequest(1000), default)).Items.Select(e => e.Id));
            Add((await store.FindAgreementsAsync(a, null, new PageRequest(1000), default)).Items.Select(e => e.Id));
            foreach (var b in places)
                Add((await store.FindEventsAsync(new EventFilter(a, b), new PageRequest(1000), default)).Items.Select(e => e.Id));
        }
        return text.ToString();
    }

    [Fact]
    public async Task AStoreStartedFromTheSnapshotAnswersAndChangesAsOneStartedFromTheDatabase()
    {
        await IngestCorpusAsync();
        string retracted, shortened;
        using (var store = await OpenAsync())
        {
            // retractions leave free slots in the reach index and holes in the maps, which the snapshot must keep as they are
            var documents = new List<DocumentGraph>();
            await foreach (var g in store.ReadDocumentsAsync(default)) documents.Add(g);
            retracted = documents[3].Document.Id;
            Assert.True(await store.DeleteDocumentAsync(documents[7].Document.Id, default));
            var shorter = documents[5] with { Document = documents[5].Document with { ContentHash = "shortened" }, Edges = documents[5].Edges.Take(documents[5].Edges.Count / 2).ToList() };
            shortened = shorter.Document.Id;
            await store.WriteDocumentAsync(shorter, default);
        }
        var fromDatabase = Path.Combine(folder, "database-only");
        Directory.CreateDirectory(fromDatabase);
        File.Copy(Path.Combine(folder, "relationsgraph.db"), Path.Combine(fromDatabase, "relationsgraph.db"));

        using var a = await OpenAsync();
        using var b = await OpenAsync(fromDatabase);
        Assert.Equal(StoreStart.Snapshot, a.StartedFrom);
        Assert.Equal(StoreStart.Database, b.StartedFrom);
        Assert.Equal(await EverythingAsync(b), await EverythingAsync(a));

        // the same writes on both: the indexes read from the snapshot are kept up to date as the ones built from the rows
        foreach (var store in new[] { a, b })
        {
            Assert.True(await store.DeleteDocumentAsync(retracted, default));
            await store.WriteDocumentAsync(Other("doc:after"), default);
            await store.WriteDocumentAsync(Seed with { Document = Seed.Document with { ContentHash = "again", Published = new FuzzyDate(2030) } }, default);
            Assert.True(await store.DeleteDocumentAsync(shortened, default));
        }
        Assert.Equal(await EverythingAsync(b), await EverythingAsync(a));
    }

    /// <summary>
    /// Everything the snapshot holds of a graph (statements, each node's merge base, adjacency order,
    /// the name and reach indexes with their free slots) is what the graph read from it holds: its
    /// own snapshot is the same bytes.
    /// </summary>
    [Fact]
    public async Task AGraphReadFromItsSnapshotWritesTheSameSnapshot()
    {
        await IngestCorpusAsync();
        var documents = new List<DocumentGraph>();
        using (var store = await OpenAsync())
            await foreach (var g in store.ReadDocumentsAsync(default)) documents.Add(g);
        var graph = new InMemoryGraph();
        // one by one, as the store keeps its graph while it runs, with retractions and a document written twice
        foreach (var g in documents) graph.Add(g);
        graph.Remove(documents[2].Document.Id);
        graph.Remove(documents[9].Document.Id);
        graph.Add(Other("doc:b"));
        graph.Add(Seed with { Document = Seed.Document with { ContentHash = "again", Published = new FuzzyDate(2030) } });

        var written = Snapshot.Encode(graph);
        var payload = written.Strings.Concat(written.Body.ToArray()).ToArray();
        var read = InMemoryGraph.ReadFrom(new SnapshotReader(payload, 0, payload.Length));
        Assert.Equal((graph.DocumentCount, graph.NodeCount, graph.EdgeCount), (read.DocumentCount, read.NodeCount, read.EdgeCount));
        var again = Snapshot.Encode(read);
        Assert.Equal(payload, again.Strings.Concat(again.Body.ToArray()).ToArray());
    }

    [Fact]
    public void AQuoteLongerThanTheSnapshotBuffersIsWrittenAndReadWhole()
    {
        var quote = string.Concat(Enumerable.Repeat("Ein sehr langer Satz über Japan und Nordrhein-Westfalen. ", 60_000));
        var graph = new InMemoryGraph();
        graph.Add(new DocumentGraph(new Document("doc:long", "Long", null, new FuzzyDate(2021), null, "de", "h", null),
            [new NodeFact(new Place("JP", "Japan", PlaceKind.Country, "JP", []), [new EvidenceSpan("doc:long", quote, 0, quote.Length)])], []));
        var written = Snapshot.Encode(graph);
        var payload = written.Strings.Concat(written.Body.ToArray()).ToArray();
        var read = InMemoryGraph.ReadFrom(new SnapshotReader(payload, 0, payload.Length));
        Assert.Equal(quote, Assert.Single(read.NodeEvidence("JP")).Quote);
    }

    [Fact]
    public async Task ASnapshotOfTheFormerFormatIsStaleAndTheStoreRebuilds()
    {
        await IngestCorpusAsync();
        string expected;
        using (var store = await OpenAsync())
            expected = await AnswersAsync(store);
        // format 1 held each document's graph to replay; its header is this one's with another format number
        var bytes = File.ReadAllBytes(SnapshotFile);
        Assert.Equal(2, BitConverter.ToInt32(bytes, 8));
        BitConverter.TryWriteBytes(bytes.AsSpan(8), 1);
        File.WriteAllBytes(SnapshotFile, bytes);

        using (var store = await OpenAsync())
        {
            Assert.Equal(StoreStart.Database, store.StartedFrom);
            Assert.Equal(expected, await AnswersAsync(store));
            await store.SnapshotWritten;
        }
        Assert.Contains(log.Lines, l => l.Text.Contains("is stale (format 1, this version reads 2)", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, l => l.Level >= LogLevel.Warning);
        using (var store = await OpenAsync())
        {
            Assert.Equal(StoreStart.Snapshot, store.StartedFrom);
            Assert.Equal(expected, await AnswersAsync(store));
        }
    }

    public static TheoryData<string> Inconsistent => ["payload cut in half", "payload of another store's graph", "a byte more"];

    /// <summary>A damaged payload whose checksum was made to match (a collision, or a writer's bug): the records must not fit, and that is caught, not crashed on.</summary>
    [Theory]
    [MemberData(nameof(Inconsistent))]
    public async Task ASnapshotWhoseRecordsDoNotFitTogetherIsRebuiltEvenWithAMatchingChecksum(string damage)
    {
        await IngestCorpusAsync();
        string expected;
        using (var store = await OpenAsync())
            expected = await AnswersAsync(store);
        var bytes = File.ReadAllBytes(SnapshotFile);
        // header: magic (8), format (4), store id (1 + 32), generation (8), documents (4), payload length (8), hash (8)
        const int LengthAt = 8 + 4 + 33 + 8 + 4, PayloadAt = LengthAt + 16;
        Assert.Equal(bytes.Length - PayloadAt, BitConverter.ToInt64(bytes, LengthAt));
        var payload = bytes[PayloadAt..];
        var other = Path.Combine(folder, "other");
        using (var store = await OpenAsync(other))
            await store.WriteDocumentAsync(Other("doc:other"), default);
        payload = damage switch
        {
            "payload cut in half" => payload[..(payload.Length / 2)],
            "payload of another store's graph" => File.ReadAllBytes(Path.Combine(other, "relationsgraph.snapshot"))[PayloadAt..],
            _ => [.. payload, 0],
        };
        var forged = bytes[..PayloadAt];
        BitConverter.TryWriteBytes(forged.AsSpan(LengthAt), (long)payload.Length);
        BitConverter.TryWriteBytes(forged.AsSpan(LengthAt + 8), System.IO.Hashing.XxHash64.HashToUInt64(payload));
        File.WriteAllBytes(SnapshotFile, [.. forged, .. payload]);

        using (var store = await OpenAsync())
        {
            Assert.Equal(StoreStart.Database, store.StartedFrom);
            Assert.Equal(expected, await AnswersAsync(store));
        }
        Assert.Contains(log.Lines, l => l.Level == LogLevel.Warning && l.Text.Contains("rebuilding from the database", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoSnapshotIsWrittenWhenSnapshotsAreOff()
    {
        using (var store = new EmbeddedGraphStore(Options.Create(new EmbeddedStoreOptions { DataDirectory = folder, Snapshot = false }), log))
        {
            await store.InitializeAsync(default);
            await store.WriteDocumentAsync(Seed, default);
        }
        Assert.False(File.Exists(SnapshotFile));
    }

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    private sealed class LogLines : ILogger<EmbeddedGraphStore>
    {
        private readonly List<(LogLevel Level, string Text)> lines = [];

        public IReadOnlyList<(LogLevel Level, string Text)> Lines
        {
            get { lock (lines) return [.. lines]; }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (lines) lines.Add((logLevel, formatter(state, exception)));
        }
    }
}
