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
}

/// <summary>
/// The default store: nothing to install. Each document's graph is one row of a SQLite file (written
/// in one transaction, so a document is whole or absent after a crash); queries are answered from
/// in-memory indexes rebuilt from the file at start.
/// </summary>
public sealed class EmbeddedGraphStore(IOptions<EmbeddedStoreOptions> options, ILogger<EmbeddedGraphStore> logger) : IGraphStore, IDisposable
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly InMemoryGraph graph = new();
    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.NoRecursion);
    private readonly SemaphoreSlim writer = new(1, 1);
    private SqliteConnection? connection;

    public string? DatabasePath { get; private set; }

    private readonly Lock opening = new();
    private Task? open;

    /// <summary>Opens the file once, however many callers ask at the same time (the worker's inbox and its feeds both do).</summary>
    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        lock (opening)
            return open is { IsFaulted: false, IsCanceled: false } ? open : open = OpenAsync(cancellationToken);
    }

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
            """, cancellationToken);
        var count = 0;
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT graph FROM documents ORDER BY id";
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var g = JsonSerializer.Deserialize<DocumentGraph>(reader.GetString(0), Json)!;
                graph.Add(g);
                count++;
            }
        }
        logger.LogInformation("Embedded store at {Path}: {Documents} documents, {Nodes} nodes, {Edges} edges", DatabasePath ?? "(memory)", count, graph.NodeCount, graph.EdgeCount);
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
                await tx.CommitAsync(cancellationToken);
            }
            var removed = Write(() =>
            {
                var r = graph.Remove(g.Document.Id);
                graph.Add(g);
                return r;
            });
            return new IngestOutcome(g.Document.Id, previous is null ? IngestStatus.Added : IngestStatus.Updated, g.Nodes.Count, g.Edges.Count, removed);
        }
        finally
        {
            writer.Release();
        }
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
            await using var cmd = Connection.CreateCommand();
            cmd.CommandText = "DELETE FROM documents WHERE id = $id";
            cmd.Parameters.AddWithValue("$id", documentId);
            var n = await cmd.ExecuteNonQueryAsync(cancellationToken);
            Write(() => graph.Remove(documentId));
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

    public Task<Page<Agreement>> FindAgreementsAsync(string party, string? counterparty, PageRequest page, CancellationToken cancellationToken) => Task.FromResult(Read(() =>
    {
        var q = graph.Agreements.Where(a =>
        {
            var reach = graph.Upward(graph.Targets(a.Id, EdgeTypes.Party));
            return reach.Contains(party) && (counterparty is null || reach.Contains(counterparty));
        });
        return Slice(q.OrderBy(a => a.Date?.Start ?? DateOnly.MaxValue).ThenBy(a => a.Id, StringComparer.Ordinal), page);
    }));

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

    public void Dispose()
    {
        connection?.Dispose();
        gate.Dispose();
        writer.Dispose();
    }
}
