using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Text;

namespace RelationsGraph.Stores.Embedded;

/// <summary>Where the embedded store keeps its file.</summary>
public sealed class EmbeddedStoreOptions
{
    /// <summary>Folder of the SQLite file <c>relationsgraph.db</c>; created when missing.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Keep everything in memory only (tests, one-off extraction runs).</summary>
    public bool InMemory { get; set; }

    /// <summary>Keep a snapshot of the in-memory graph beside the SQLite file (<c>relationsgraph.snapshot</c>), so that a start reads it instead of every row.</summary>
    public bool Snapshot { get; set; } = true;

    /// <summary>How often, in seconds, a snapshot is written when documents were written since the last one (besides after a start from SQLite and at shutdown); 0: only then.</summary>
    public int SnapshotIntervalSeconds { get; set; } = 600;
}

/// <summary>What the in-memory graph was built from at start.</summary>
public enum StoreStart { Snapshot, Database }

/// <summary>
/// The default store: nothing to install. Each document's graph is one row of a SQLite file (written
/// in one transaction, so a document is whole or absent after a crash); queries are answered from
/// in-memory indexes built at start from a snapshot beside the file (<see cref="Snapshot"/>) when it
/// holds the file's current state, else from the file's rows.
/// </summary>
/// <remarks>
/// The file's state is its write generation, raised by SQLite triggers on every row written or
/// deleted, by this process or any other, so that a snapshot is used only for the exact state it was
/// taken of. A snapshot is written in the background after a start from the rows, every
/// <see cref="EmbeddedStoreOptions.SnapshotIntervalSeconds"/> when documents were written, and at
/// shutdown; writes wait while the graph is encoded in memory (reads do not), not while the file is
/// written.
/// </remarks>
public sealed class EmbeddedGraphStore(IOptions<EmbeddedStoreOptions> options, ILogger<EmbeddedGraphStore> logger) : IGraphStore, IDisposable
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private InMemoryGraph graph = new();
    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.NoRecursion);
    private readonly SemaphoreSlim writer = new(1, 1);
    private SqliteConnection? connection;
    private string storeId = "";

    /// <summary>The file's generation that the in-memory graph reflects (changed under the write lock).</summary>
    private long generation;

    /// <summary>The generation of the snapshot on disk (-1: none that holds this state).</summary>
    private long snapshotGeneration = -1;

    /// <summary>Set when the file's generation moved by more than this process wrote: another process wrote to it, and a snapshot of this memory would not be its state.</summary>
    private bool foreignWrites;

    private Task snapshotTask = Task.CompletedTask;
    private readonly Lock snapshotLock = new();
    private Timer? snapshotTimer;
    private bool disposed;

    public string? DatabasePath { get; private set; }

    /// <summary>The snapshot file beside the SQLite file; null when the store keeps no snapshot.</summary>
    public string? SnapshotPath { get; private set; }

    /// <summary>What the in-memory graph was built from at start, and how long that took.</summary>
    public StoreStart StartedFrom { get; private set; }
    public TimeSpan StartTime { get; private set; }

    /// <summary>The snapshot being written in the background, or the last one (for tests and the benchmark).</summary>
    public Task SnapshotWritten
    {
        get { lock (snapshotLock) return snapshotTask; }
    }

    private readonly SingleFlight opening = new();

    /// <summary>Opens the file once, however many callers ask at the same time (the worker's inbox and its feeds both do).</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => opening.RunAsync(() => OpenAsync(cancellationToken));

    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        if (connection is not null) return;
        var o = options.Value;
        string cs;
        if (o.InMemory)
        {
            cs = $"Data Source=rg-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        }
        else
        {
            Directory.CreateDirectory(o.DataDirectory);
            DatabasePath = Path.GetFullPath(Path.Combine(o.DataDirectory, "relationsgraph.db"));
            cs = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
        }
        connection = new SqliteConnection(cs);
        await connection.OpenAsync(cancellationToken);
        await Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", cancellationToken);
        await Exec("""
            CREATE TABLE IF NOT EXISTS documents (
                id           TEXT PRIMARY KEY,
                content_hash TEXT NOT NULL,
                graph        TEXT NOT NULL,
                written_at   TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS store_state (
                id         INTEGER PRIMARY KEY CHECK (id = 1),
                store_id   TEXT NOT NULL,
                generation INTEGER NOT NULL
            );
            INSERT OR IGNORE INTO store_state (id, store_id, generation) VALUES (1, lower(hex(randomblob(16))), 0);
            CREATE TRIGGER IF NOT EXISTS documents_inserted AFTER INSERT ON documents BEGIN UPDATE store_state SET generation = generation + 1; END;
            CREATE TRIGGER IF NOT EXISTS documents_updated AFTER UPDATE ON documents BEGIN UPDATE store_state SET generation = generation + 1; END;
            CREATE TRIGGER IF NOT EXISTS documents_deleted AFTER DELETE ON documents BEGIN UPDATE store_state SET generation = generation + 1; END;
            """, cancellationToken);
        var started = System.Diagnostics.Stopwatch.StartNew();
        StoreVersion version;
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT store_id, generation, (SELECT count(*) FROM documents) FROM store_state";
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            version = new StoreVersion(reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2));
        }
        storeId = version.StoreId;
        generation = version.Generation;
        if (o.Snapshot && DatabasePath is not null) SnapshotPath = Path.Combine(Path.GetDirectoryName(DatabasePath)!, Snapshot.FileName);
        StartedFrom = StoreStart.Database;
        if (SnapshotPath is not null && File.Exists(SnapshotPath) && TryLoadSnapshot(SnapshotPath, version))
        {
            StartedFrom = StoreStart.Snapshot;
            snapshotGeneration = version.Generation;
        }
        else
        {
            graph.AddAll(ReadAllDocuments(cancellationToken));
            if (graph.DocumentCount != version.Documents)
                throw new InvalidOperationException($"The embedded store read {graph.DocumentCount} documents of {version.Documents} from {DatabasePath}.");
        }
        StartTime = started.Elapsed;
        logger.LogInformation("Embedded store at {Path}: {Documents} documents, {Nodes} nodes, {Edges} edges, loaded from {Source} in {Seconds:N1} s",
            DatabasePath ?? "(memory)", graph.DocumentCount, graph.NodeCount, graph.EdgeCount, StartedFrom == StoreStart.Snapshot ? "the snapshot" : "the database", StartTime.TotalSeconds);
        if (SnapshotPath is not null)
        {
            if (StartedFrom == StoreStart.Database) StartSnapshot();
            if (o.SnapshotIntervalSeconds > 0)
            {
                var every = TimeSpan.FromSeconds(o.SnapshotIntervalSeconds);
                snapshotTimer = new Timer(_ => StartSnapshot(), null, every, every);
            }
        }
    }

    /// <summary>Builds the graph from the snapshot when it holds the file's current state; false (after a log line saying why) when it does not, and the graph is empty again.</summary>
    private bool TryLoadSnapshot(string path, StoreVersion version)
    {
        try
        {
            graph = Snapshot.Read(path, version);
            if (graph.DocumentCount == version.Documents) return true;
            logger.LogWarning("The embedded store's snapshot {Path} holds {Found} documents, the database {Expected}: rebuilding from the database", path, graph.DocumentCount, version.Documents);
        }
        catch (SnapshotRejectedException e) when (!e.Corrupt)
        {
            logger.LogInformation("The embedded store's snapshot {Path} is stale ({Reason}): rebuilding from the database", path, e.Message);
        }
        catch (Exception e) when (e is SnapshotRejectedException or IOException or InvalidDataException or ArgumentException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException or OverflowException)
        {
            logger.LogWarning("The embedded store's snapshot {Path} is damaged ({Reason}): rebuilding from the database", path, e.Message);
        }
        graph = new InMemoryGraph();
        return false;
    }

    /// <summary>
    /// Every row's document graph in id order. JSON is parsed on all cores a batch ahead of the
    /// caller, who adds the documents in order on one thread.
    /// </summary>
    private IEnumerable<DocumentGraph> ReadAllDocuments(CancellationToken ct)
    {
        const int BatchSize = 256;
        static DocumentGraph[] Parse(List<string> rows)
        {
            var parsed = new DocumentGraph[rows.Count];
            Parallel.For(0, rows.Count, i => parsed[i] = JsonSerializer.Deserialize<DocumentGraph>(rows[i], Json)!);
            return parsed;
        }
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = "SELECT graph FROM documents ORDER BY id";
        using var reader = cmd.ExecuteReader();
        Task<DocumentGraph[]>? pending = null;
        var rows = new List<string>(BatchSize);
        while (true)
        {
            var more = reader.Read();
            if (more) rows.Add(reader.GetString(0));
            if (rows.Count < BatchSize && more) continue;
            ct.ThrowIfCancellationRequested();
            var batch = rows;
            rows = new List<string>(BatchSize);
            var next = batch.Count > 0 ? Task.Run(() => Parse(batch), ct) : null;
            if (pending is not null)
                foreach (var g in pending.GetAwaiter().GetResult()) yield return g;
            pending = next;
            if (!more) break;
        }
        if (pending is not null)
            foreach (var g in pending.GetAwaiter().GetResult()) yield return g;
    }

    /// <summary>Starts writing a snapshot in the background unless one is being written or the one on disk is current.</summary>
    private void StartSnapshot()
    {
        lock (snapshotLock)
        {
            if (disposed || !snapshotTask.IsCompleted) return;
            snapshotTask = Task.Run(WriteSnapshot);
        }
    }

    /// <summary>
    /// Writes a snapshot of the current state when the one on disk is not of it. The graph is encoded
    /// while this holds the writers' turn (<see cref="writer"/>): writes wait that long, reads go on
    /// (they change nothing the snapshot holds), and no reader queues behind a waiting writer as it
    /// would behind the read lock held that long. The file is written after the turn is given back.
    /// </summary>
    private void WriteSnapshot()
    {
        if (SnapshotPath is null) return;
        try
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            SnapshotPayload payload;
            long at;
            int documents;
            writer.Wait();
            try
            {
                if (foreignWrites || generation == Volatile.Read(ref snapshotGeneration)) return;
                (payload, at, documents) = (Snapshot.Encode(graph), generation, graph.DocumentCount);
            }
            finally
            {
                writer.Release();
            }
            var encoded = sw.Elapsed;
            Snapshot.Write(SnapshotPath, new StoreVersion(storeId, at, documents), payload);
            Volatile.Write(ref snapshotGeneration, at);
            logger.LogInformation("Embedded store snapshot {Path} written: {Documents} documents at generation {Generation} in {Seconds:N1} s ({Encoded:N1} s of it encoding, writes waiting)",
                SnapshotPath, documents, at, sw.Elapsed.TotalSeconds, encoded.TotalSeconds);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("The embedded store could not write its snapshot {Path} ({Reason}); the next start reads the database", SnapshotPath, e.Message);
        }
    }

    /// <summary>Called under the write lock after this process wrote: notes the file's generation after the write, and whether another process wrote too.</summary>
    private void Advance(long after, long expected)
    {
        if (after != expected && !foreignWrites)
        {
            foreignWrites = true;
            logger.LogWarning("Another process wrote to {Path}: the in-memory graph may not show its writes until a restart, and no snapshot is written until then", DatabasePath);
            if (SnapshotPath is not null) File.Delete(SnapshotPath);
        }
        generation = after;
    }

    private async Task Exec(string sql, CancellationToken ct)
    {
        await using var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private SqliteConnection Connection => connection ?? throw new InvalidOperationException("The embedded store is not initialized: call InitializeAsync first.");

    public async Task<IngestOutcome> WriteDocumentAsync(DocumentGraph g, CancellationToken cancellationToken)
    {
        await writer.WaitAsync(cancellationToken);
        try
        {
            var previous = Read(() => graph.DocumentById(g.Document.Id));
            if (previous?.ContentHash == g.Document.ContentHash)
                return new IngestOutcome(g.Document.Id, IngestStatus.Unchanged, 0, 0, 0);
            var body = JsonSerializer.Serialize(g, Json);
            long after;
            await using (var tx = (SqliteTransaction)await Connection.BeginTransactionAsync(cancellationToken))
            {
                await using var cmd = Connection.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = """
                    INSERT INTO documents (id, content_hash, graph, written_at) VALUES ($id, $hash, $graph, $at)
                    ON CONFLICT(id) DO UPDATE SET content_hash = excluded.content_hash, graph = excluded.graph, written_at = excluded.written_at
                    """;
                cmd.Parameters.AddWithValue("$id", g.Document.Id);
                cmd.Parameters.AddWithValue("$hash", g.Document.ContentHash);
                cmd.Parameters.AddWithValue("$graph", body);
                cmd.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
                await cmd.ExecuteNonQueryAsync(cancellationToken);
                after = await GenerationAsync(tx, cancellationToken);
                await tx.CommitAsync(cancellationToken);
            }
            var removed = Write(() =>
            {
                var r = graph.Remove(g.Document.Id);
                graph.Add(g);
                Advance(after, generation + 1);
                return r;
            });
            return new IngestOutcome(g.Document.Id, previous is null ? IngestStatus.Added : IngestStatus.Updated, g.Nodes.Count, g.Edges.Count, removed);
        }
        finally
        {
            writer.Release();
        }
    }

    private async Task<long> GenerationAsync(SqliteTransaction tx, CancellationToken ct)
    {
        await using var cmd = Connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT generation FROM store_state";
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Every document's graph as it was written, in id order (for copying to another store).</summary>
    public async IAsyncEnumerable<DocumentGraph> ReadDocumentsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var cmd = Connection.CreateCommand();
        cmd.CommandText = "SELECT graph FROM documents ORDER BY id";
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return JsonSerializer.Deserialize<DocumentGraph>(reader.GetString(0), Json)!;
    }

    public async Task<bool> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        await writer.WaitAsync(cancellationToken);
        try
        {
            int n;
            long after;
            await using (var tx = (SqliteTransaction)await Connection.BeginTransactionAsync(cancellationToken))
            {
                await using var cmd = Connection.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = "DELETE FROM documents WHERE id = $id";
                cmd.Parameters.AddWithValue("$id", documentId);
                n = await cmd.ExecuteNonQueryAsync(cancellationToken);
                after = await GenerationAsync(tx, cancellationToken);
                await tx.CommitAsync(cancellationToken);
            }
            Write(() =>
            {
                var removed = graph.Remove(documentId);
                Advance(after, generation + (n > 0 ? 1 : 0));
                return removed;
            });
            return n > 0;
        }
        finally
        {
            writer.Release();
        }
    }

    public Task<IReadOnlyList<GraphNode>> ResolveAsync(string reference, CancellationToken cancellationToken) => Task.FromResult(Read<IReadOnlyList<GraphNode>>(() =>
    {
        var r = reference.Trim();
        if (r.Length == 0) return [];
        foreach (var id in new[] { r, r.ToUpperInvariant(), r.ToLowerInvariant() })
            if (graph.Node(id) is { } exact) return [exact];
        return graph.NamesMatching(TextFold.Fold(r)).Select(graph.Node).OfType<GraphNode>()
            .OrderBy(n => n.Id, StringComparer.Ordinal).ToList();
    }));

    public Task<IReadOnlyList<GraphNode>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        Task.FromResult(Read<IReadOnlyList<GraphNode>>(() => ids.Select(graph.Node).OfType<GraphNode>().ToList()));

    public Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(IReadOnlyCollection<string> nodeIds, Direction direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken) =>
        Task.FromResult(Read<IReadOnlyList<Relationship>>(() => nodeIds.Distinct().SelectMany(id => graph.Relationships(id, direction, types)).DistinctBy(r => r.Edge.Id).ToList()));

    public Task<IReadOnlyDictionary<string, IReadOnlyList<EvidenceSpan>>> GetEvidenceAsync(IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken) =>
        Task.FromResult(Read<IReadOnlyDictionary<string, IReadOnlyList<EvidenceSpan>>>(() => nodeIds.Distinct().ToDictionary(id => id, graph.NodeEvidence)));

    public Task<Page<Event>> FindEventsAsync(EventFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        Task.FromResult(Read(() => graph.FindEvents(filter, page)));

    /// <summary>
    /// An agreement counts for what its parties are PART_OF or BASED_IN (<see cref="InMemoryGraph.Upward"/>):
    /// the candidates are the agreements with a party within <paramref name="party"/> (walked down,
    /// a few hundred nodes for a country, instead of every agreement walked up), checked upward
    /// against the counterparty.
    /// </summary>
    public Task<Page<Agreement>> FindAgreementsAsync(string party, string? counterparty, PageRequest page, CancellationToken cancellationToken) => Task.FromResult(Read(() =>
    {
        var candidates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var within in graph.Downward(party))
            candidates.UnionWith(graph.Sources(within, EdgeTypes.Party));
        var q = candidates.Select(graph.Node).OfType<Agreement>()
            .Where(a => counterparty is null || graph.Upward(graph.Targets(a.Id, EdgeTypes.Party)).Contains(counterparty));
        return Slice(q.OrderBy(a => a.Date?.Start ?? DateOnly.MaxValue).ThenBy(a => a.Id, StringComparer.Ordinal), page);
    }));

    /// <summary>Counted from the reach index (<see cref="RelationTallies"/>); the agreements as <see cref="FindAgreementsAsync"/> counts them.</summary>
    public async Task<RelationTally> TallyRelationAsync(string between, string and, RelationParts parts, CancellationToken cancellationToken)
    {
        var tally = parts.HasFlag(RelationParts.Events) ? Read(() => RelationTallies.Events(graph, between, and)) : RelationTally.None;
        if (parts.HasFlag(RelationParts.Officials))
            tally = tally with { OfficialCount = Read(() => RelationTallies.Participants(graph, between, and).Count) };
        if (parts.HasFlag(RelationParts.Agreements))
            tally = tally with { AgreementCount = (await FindAgreementsAsync(between, and, new PageRequest(0), cancellationToken)).TotalCount };
        return tally;
    }

    public Task<Page<RelationParticipant>> FindParticipantsAsync(string between, string and, PageRequest page, CancellationToken cancellationToken) =>
        Task.FromResult(Read(() => Slice(RelationTallies.Participants(graph, between, and), page)));

    public Task<Page<GraphNode>> SearchAsync(string text, PageRequest page, CancellationToken cancellationToken) => Task.FromResult(Read(() =>
    {
        var needle = TextFold.Fold(text);
        if (needle.Length == 0) return new Page<GraphNode>([], 0, page.Offset);
        var hits = new List<(GraphNode Node, int Score)>();
        foreach (var n in graph.Nodes)
        {
            var score = SearchRanking.NameScore(n, needle);
            if (score < 3 || $" {graph.SearchText(n)} ".Contains(needle, StringComparison.Ordinal)) hits.Add((n, score));
        }
        var ordered = SearchRanking.Order(hits);
        return Slice(ordered, page);
    }));

    public Task<GraphCounts> CountAsync(CancellationToken cancellationToken) => Task.FromResult(Read(() =>
        new GraphCounts(graph.DocumentCount, graph.NodeCount, graph.EdgeCount,
            graph.Nodes.GroupBy(n => n.Label).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()))));

    private static Page<T> Slice<T>(IEnumerable<T> ordered, PageRequest page)
    {
        var all = ordered.ToList();
        return new Page<T>(all.Skip(page.Offset).Take(page.First).ToList(), all.Count, page.Offset);
    }

    private T Read<T>(Func<T> f)
    {
        gate.EnterReadLock();
        try { return f(); }
        finally { gate.ExitReadLock(); }
    }

    private T Write<T>(Func<T> f)
    {
        gate.EnterWriteLock();
        try { return f(); }
        finally { gate.ExitWriteLock(); }
    }

    /// <summary>Writes a snapshot of the current state now (after any being written), unless the one on disk is of it.</summary>
    public void WriteSnapshotNow()
    {
        SnapshotWritten.GetAwaiter().GetResult();
        WriteSnapshot();
    }

    public void Dispose()
    {
        lock (snapshotLock)
        {
            if (disposed) return;
            disposed = true;
        }
        snapshotTimer?.Dispose();
        if (connection is not null && SnapshotPath is not null) WriteSnapshotNow();
        connection?.Dispose();
        gate.Dispose();
        writer.Dispose();
    }
}
