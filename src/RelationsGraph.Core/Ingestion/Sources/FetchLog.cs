using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace RelationsGraph.Ingestion.Sources;

/// <summary>Where the fetch state is kept: the store's data directory (section <c>RelationsGraph:Store</c>).</summary>
public sealed class FetchStateOptions
{
    public string DataDirectory { get; set; } = "data";

    /// <summary>Keep nothing on disk (tests).</summary>
    public bool InMemory { get; set; }
}

/// <summary>Where an address stands.</summary>
public enum FetchState
{
    /// <summary>Seen in a feed (new or changed), not fetched yet.</summary>
    Pending,
    /// <summary>Fetched and kept here, not ingested yet (a crash between the two does not fetch it again).</summary>
    Fetched,
    /// <summary>Ingested (added, updated or unchanged) or not modified since.</summary>
    Ingested,
    /// <summary>Will not be ingested as it is: the reason says why (another language, robots.txt, binary, ...); tried again when its feed entry changes.</summary>
    Rejected,
    /// <summary>Could not be fetched or ingested for now; tried again at <see cref="FetchRecord.NextTry"/>.</summary>
    Failing,
}

/// <summary>What the service knows about one address: validators for a conditional GET, the content hash, the outcome, attempts and the next try.</summary>
public sealed record FetchRecord(
    string Url, string Kind, string? Source, string? ItemKey, string? Title, string? ETag, string? LastModified, string? ContentHash,
    FetchState State, string? DocumentId, string? Outcome, string? Reason, int Attempts, DateTimeOffset? NextTry, DateTimeOffset? LastTry,
    byte[]? Body, string? MediaType, string? Charset, string? FinalUrl)
{
    public FetchValidators Validators => new(ETag, LastModified);
}

/// <summary>The last poll of a feed.</summary>
public sealed record PollRecord(string Name, string FeedUrl, DateTimeOffset LastPoll, string Outcome, string? Reason, int Failures);

/// <summary>A source's counts for <c>sources status</c>.</summary>
public sealed record SourceCounts(int Seen, int Ingested, int Rejected, int Failing, int Waiting);

/// <summary>
/// The fetch state, in a SQLite file of its own beside the store (<c>DATA/fetch-state.db</c>), for the
/// embedded store and Neo4j alike: a restarted worker asks for nothing unchanged (conditional GET with
/// the kept ETag and Last-Modified) and tries again what failed, with backoff. A fetched page is kept
/// here until its document is written, so a crash between fetching and writing does not fetch it twice.
/// </summary>
public sealed class FetchLog(IOptions<FetchStateOptions> options, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private SqliteConnection? connection;

    public string? Path { get; private set; }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        if (connection is not null) return connection;
        var o = options.Value;
        string cs;
        if (o.InMemory) cs = $"Data Source=rg-fetch-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        else
        {
            Directory.CreateDirectory(o.DataDirectory);
            Path = System.IO.Path.GetFullPath(System.IO.Path.Combine(o.DataDirectory, "fetch-state.db"));
            cs = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 30 }.ToString();
        }
        var c = new SqliteConnection(cs);
        await c.OpenAsync(ct);
        // WAL with synchronous=NORMAL survives a killed process; a power cut may lose the last few entries, which only costs a re-fetch
        await ExecAsync(c, """
            PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;
            CREATE TABLE IF NOT EXISTS fetches (
                url           TEXT PRIMARY KEY,
                kind          TEXT NOT NULL,
                source        TEXT,
                item_key      TEXT,
                title         TEXT,
                etag          TEXT,
                last_modified TEXT,
                content_hash  TEXT,
                state         TEXT NOT NULL,
                document_id   TEXT,
                outcome       TEXT,
                reason        TEXT,
                attempts      INTEGER NOT NULL DEFAULT 0,
                next_try      TEXT,
                last_try      TEXT,
                body          BLOB,
                media_type    TEXT,
                charset       TEXT,
                final_url     TEXT
            );
            CREATE INDEX IF NOT EXISTS fetches_source ON fetches(source, state);
            CREATE TABLE IF NOT EXISTS polls (
                name      TEXT PRIMARY KEY,
                feed_url  TEXT NOT NULL,
                last_poll TEXT NOT NULL,
                outcome   TEXT NOT NULL,
                reason    TEXT,
                failures  INTEGER NOT NULL DEFAULT 0
            );
            """, ct);
        return connection = c;
    }

    private static async Task ExecAsync(SqliteConnection c, string sql, CancellationToken ct)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<T> WithAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try { return await work(await OpenAsync(ct)); }
        finally { gate.Release(); }
    }

    private Task RunAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] args) => WithAsync(async c =>
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (n, v) in args) cmd.Parameters.AddWithValue(n, v ?? DBNull.Value);
        return await cmd.ExecuteNonQueryAsync(ct);
    }, ct);

    private DateTimeOffset Now => clock.GetUtcNow();

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ReadStamp(SqliteDataReader r, int i) =>
        r.IsDBNull(i) ? null : DateTimeOffset.Parse(r.GetString(i), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private const string Columns = "url, kind, source, item_key, title, etag, last_modified, content_hash, state, document_id, outcome, reason, attempts, next_try, last_try, body, media_type, charset, final_url";

    private static FetchRecord Read(SqliteDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        return new FetchRecord(r.GetString(0), r.GetString(1), S(2), S(3), S(4), S(5), S(6), S(7), Enum.Parse<FetchState>(r.GetString(8)), S(9), S(10), S(11),
            r.GetInt32(12), ReadStamp(r, 13), ReadStamp(r, 14), r.IsDBNull(15) ? null : (byte[])r.GetValue(15), S(16), S(17), S(18));
    }

    private Task<List<FetchRecord>> QueryAsync(string where, CancellationToken ct, params (string Name, object? Value)[] args) => WithAsync(async c =>
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {Columns} FROM fetches WHERE {where}";
        foreach (var (n, v) in args) cmd.Parameters.AddWithValue(n, v ?? DBNull.Value);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<FetchRecord>();
        while (await r.ReadAsync(ct)) list.Add(Read(r));
        return list;
    }, ct);

    public async Task<FetchRecord?> GetAsync(string url, CancellationToken ct) => (await QueryAsync("url = $url", ct, ("$url", url))).FirstOrDefault();

    /// <summary>
    /// Records an address a feed lists (or a URL given to <c>ingest</c>). New, or listed with another
    /// fingerprint (an edited entry): it is due now. Returns whether it was new or changed.
    /// </summary>
    public async Task<bool> SeeAsync(string url, string kind, string? source, string? itemKey, string? title, CancellationToken ct)
    {
        var known = await GetAsync(url, ct);
        if (known is not null && known.ItemKey == itemKey) return false;
        await RunAsync("""
            INSERT INTO fetches (url, kind, source, item_key, title, state, attempts) VALUES ($url, $kind, $source, $key, $title, 'Pending', 0)
            ON CONFLICT(url) DO UPDATE SET kind = $kind, source = COALESCE($source, source), item_key = $key, title = COALESCE($title, title),
                state = CASE WHEN state = 'Fetched' THEN 'Fetched' ELSE 'Pending' END, attempts = 0, next_try = NULL
            """, ct, ("$url", url), ("$kind", kind), ("$source", source), ("$key", itemKey), ("$title", title));
        return true;
    }

    /// <summary>A feed entry that cannot be followed: counted as seen and rejected with the reason.</summary>
    public Task RejectEntryAsync(string key, string source, string? itemKey, string? title, string reason, CancellationToken ct) => RunAsync("""
        INSERT INTO fetches (url, kind, source, item_key, title, state, reason, attempts, last_try) VALUES ($url, 'page', $source, $key, $title, 'Rejected', $reason, 0, $now)
        ON CONFLICT(url) DO UPDATE SET item_key = $key, title = $title, state = 'Rejected', reason = $reason, last_try = $now
        """, ct, ("$url", key), ("$source", source), ("$key", itemKey), ("$title", title), ("$reason", reason), ("$now", Stamp(Now)));

    /// <summary>The pages of a source that want work now: new or changed, failing and due, or fetched but not yet written.</summary>
    public Task<List<FetchRecord>> DueAsync(string source, CancellationToken ct) => QueryAsync(
        "source = $source AND kind = 'page' AND (state IN ('Pending', 'Fetched') OR state = 'Failing' AND (next_try IS NULL OR next_try <= $now)) ORDER BY rowid",
        ct, ("$source", source), ("$now", Stamp(Now)));

    /// <summary>The body is here: kept until its document is written.</summary>
    public Task SaveFetchedAsync(string url, FetchResult r, CancellationToken ct) => RunAsync("""
        UPDATE fetches SET state = 'Fetched', body = $body, media_type = $media, charset = $charset, final_url = $final, etag = $etag, last_modified = $lm,
            content_hash = $hash, last_try = $now WHERE url = $url
        """, ct, ("$url", url), ("$body", r.Body), ("$media", r.MediaType), ("$charset", r.Charset), ("$final", r.FinalUrl?.AbsoluteUri), ("$etag", r.ETag),
        ("$lm", r.LastModified), ("$hash", r.ContentHash), ("$now", Stamp(Now)));

    /// <summary>Done: written to the store (or not modified since it was).</summary>
    public Task MarkIngestedAsync(string url, string? documentId, string outcome, CancellationToken ct) => RunAsync("""
        UPDATE fetches SET state = 'Ingested', document_id = COALESCE($doc, document_id), outcome = $outcome, reason = NULL, attempts = 0, next_try = NULL,
            body = NULL, last_try = $now WHERE url = $url
        """, ct, ("$url", url), ("$doc", documentId), ("$outcome", outcome), ("$now", Stamp(Now)));

    /// <summary>Set aside with the reason; its validators are dropped, so that a 304 never passes for a page that was not ingested.</summary>
    public Task MarkRejectedAsync(string url, string reason, CancellationToken ct) => RunAsync(
        "UPDATE fetches SET state = 'Rejected', reason = $reason, outcome = NULL, body = NULL, next_try = NULL, last_try = $now, etag = NULL, last_modified = NULL, content_hash = NULL WHERE url = $url",
        ct, ("$url", url), ("$reason", reason), ("$now", Stamp(Now)));

    /// <summary>Failed for now: one more attempt counted, tried again at <paramref name="nextTry"/>.</summary>
    public Task MarkFailingAsync(string url, string reason, DateTimeOffset nextTry, CancellationToken ct) => RunAsync(
        "UPDATE fetches SET state = 'Failing', reason = $reason, attempts = attempts + 1, next_try = $next, last_try = $now WHERE url = $url",
        ct, ("$url", url), ("$reason", reason), ("$next", Stamp(nextTry)), ("$now", Stamp(Now)));

    /// <summary>The validators of a feed, kept after each successful poll.</summary>
    public Task SaveFeedAsync(string url, string source, FetchResult r, CancellationToken ct) => RunAsync("""
        INSERT INTO fetches (url, kind, source, etag, last_modified, content_hash, state, attempts, last_try) VALUES ($url, 'feed', $source, $etag, $lm, $hash, 'Ingested', 0, $now)
        ON CONFLICT(url) DO UPDATE SET kind = 'feed', source = $source, etag = $etag, last_modified = $lm, content_hash = $hash, state = 'Ingested', last_try = $now
        """, ct, ("$url", url), ("$source", source), ("$etag", r.ETag), ("$lm", r.LastModified), ("$hash", r.ContentHash), ("$now", Stamp(Now)));

    public Task RecordPollAsync(string name, string feedUrl, string outcome, string? reason, bool failed, CancellationToken ct) => RunAsync("""
        INSERT INTO polls (name, feed_url, last_poll, outcome, reason, failures) VALUES ($name, $url, $now, $outcome, $reason, $f)
        ON CONFLICT(name) DO UPDATE SET feed_url = $url, last_poll = $now, outcome = $outcome, reason = $reason, failures = CASE WHEN $f = 1 THEN failures + 1 ELSE 0 END
        """, ct, ("$name", name), ("$url", feedUrl), ("$now", Stamp(Now)), ("$outcome", outcome), ("$reason", reason), ("$f", failed ? 1 : 0));

    public Task<PollRecord?> LastPollAsync(string name, CancellationToken ct) => WithAsync(async c =>
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT name, feed_url, last_poll, outcome, reason, failures FROM polls WHERE name = $name";
        cmd.Parameters.AddWithValue("$name", name);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new PollRecord(r.GetString(0), r.GetString(1), ReadStamp(r, 2)!.Value, r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetInt32(5)) : null;
    }, ct);

    public Task<SourceCounts> CountAsync(string source, CancellationToken ct) => WithAsync(async c =>
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT COUNT(*), SUM(state = 'Ingested'), SUM(state = 'Rejected'), SUM(state = 'Failing'), SUM(state IN ('Pending', 'Fetched'))
            FROM fetches WHERE source = $source AND kind = 'page'
            """;
        cmd.Parameters.AddWithValue("$source", source);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        int I(int i) => r.IsDBNull(i) ? 0 : r.GetInt32(i);
        return new SourceCounts(I(0), I(1), I(2), I(3), I(4));
    }, ct);

    /// <summary>The pages of a source that are rejected or failing, with their reasons.</summary>
    public Task<List<FetchRecord>> ProblemsAsync(string source, CancellationToken ct) =>
        QueryAsync("source = $source AND kind = 'page' AND state IN ('Rejected', 'Failing') ORDER BY url", ct, ("$source", source));

    public void Dispose()
    {
        connection?.Dispose();
        gate.Dispose();
    }
}
