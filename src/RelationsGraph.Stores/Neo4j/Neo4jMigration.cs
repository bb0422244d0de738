namespace RelationsGraph.Stores.Neo4j;

/// <summary>What a migration found and did: items rolled up, and the check that every item that counts for anything has its roll-up.</summary>
public sealed record Neo4jMigrationReport(int? FromVersion, int ToVersion, int RolledUp, int Events, int Agreements, int ItemsWithRollUp, int ItemsMissingRollUp, int CountsFor)
{
    public bool Migrated => FromVersion != ToVersion;

    public override string ToString() =>
        $"schema version {FromVersion?.ToString() ?? "none"} → {ToVersion}: {RolledUp:N0} items rolled up; {Events:N0} events, {Agreements:N0} agreements, " +
        $"{ItemsWithRollUp:N0} with a roll-up, {ItemsMissingRollUp:N0} missing one; {CountsFor:N0} COUNTS_FOR relationships";
}

/// <summary>
/// Brings a database written by an earlier version up to <see cref="Neo4jRollUp.SchemaVersion"/>: before
/// version 4, each mention's share of its document's quotes (documents in transactions of a fifth of
/// a batch); before version 2, the roll-up (COUNTS_FOR) of every event and agreement, in transactions
/// of a batch of items each; then the counts checked, then the version marker (a <c>:RelationsGraphSchema</c> node) written. Until
/// the marker says so the migration is not done, so an interrupted one simply runs again (the roll-up
/// of an item is replaced, never added to). Run by <see cref="Neo4jGraphStore.InitializeAsync"/> and
/// by <c>relationsgraph migrate</c>.
/// </summary>
public static class Neo4jMigration
{
    public const int DefaultBatch = 2000;

    public static async Task<int?> VersionAsync(Neo4jHttp neo4j, CancellationToken ct)
    {
        var rows = await neo4j.RunAsync(new Cypher("MATCH (m:RelationsGraphSchema {id: 'schema'}) RETURN m.version"), ct);
        return rows.Count > 0 && rows[0][0] is { } v ? v.GetValue<int>() : (int?)null;
    }

    /// <summary>Migrates when the marker is older than this code (or when forced); null when there was nothing to do.</summary>
    public static async Task<Neo4jMigrationReport?> RunAsync(Neo4jHttp neo4j, Action<string> progress, CancellationToken ct, int batch = DefaultBatch, bool force = false)
    {
        var from = await VersionAsync(neo4j, ct);
        if (from >= Neo4jRollUp.SchemaVersion && !force) return null;
        // 4: each mention keeps its node's share of the document's quotes
        if (from is null || from < 4 || force) await Neo4jGraphStore.KeepEvidenceOnMentionsAsync(neo4j, progress, Math.Max(1, batch / 5), ct);
        if (from >= 2 && !force) return await MarkAsync(neo4j, await CheckAsync(neo4j, from, 0, ct), ct);

        // every item waits for its roll-up (in slices: one statement over millions of nodes would not fit the server's heap)
        foreach (var label in new[] { "Event", "Agreement" })
            while ((await neo4j.RunAsync(new Cypher($"MATCH (i:{label}) WHERE NOT i:{Neo4jRollUp.Pending} WITH i LIMIT $n SET i:{Neo4jRollUp.Pending} RETURN count(i)", new { n = batch }), ct))[0][0]!.GetValue<int>() > 0) { }
        var pending = (await neo4j.RunAsync(new Cypher($"MATCH (i:{Neo4jRollUp.Pending}) RETURN count(i)"), ct))[0][0]!.GetValue<int>();
        progress($"Neo4j roll-up: {pending:N0} events and agreements to roll up, {batch:N0} per transaction");
        var done = 0;
        while (true)
        {
            var results = await neo4j.RunAsync([
                new Cypher($"MATCH (i:{Neo4jRollUp.Pending}) WITH i LIMIT $n REMOVE i:{Neo4jRollUp.Pending} SET i:{Neo4jRollUp.Dirty} RETURN count(i)", new { n = batch }),
                new Cypher(Neo4jRollUp.Recompute),
            ], ct);
            var n = results[0][0][0]!.GetValue<int>();
            if (n == 0) break;
            done += n;
            progress($"Neo4j roll-up: {done:N0}/{pending:N0}");
        }
        return await MarkAsync(neo4j, await CheckAsync(neo4j, from, done, ct), ct);
    }

    /// <summary>The version marker, written once the counts are checked.</summary>
    private static async Task<Neo4jMigrationReport> MarkAsync(Neo4jHttp neo4j, Neo4jMigrationReport report, CancellationToken ct)
    {
        if (report.ItemsMissingRollUp > 0)
            throw new InvalidOperationException($"Neo4j roll-up incomplete after the migration ({report}); the schema version stays {report.FromVersion?.ToString() ?? "unset"}.");
        await neo4j.RunAsync(new Cypher("MERGE (m:RelationsGraphSchema {id: 'schema'}) SET m.version = $version", new { version = Neo4jRollUp.SchemaVersion }), ct);
        return report;
    }

    /// <summary>The counts: every event with an INVOLVES, AT or PARTICIPANT, and every agreement with a PARTY, has COUNTS_FOR.</summary>
    public static async Task<Neo4jMigrationReport> CheckAsync(Neo4jHttp neo4j, int? from, int rolledUp, CancellationToken ct)
    {
        var r = await neo4j.RunAsync([
            new Cypher("""
                MATCH (i:Event)
                RETURN count(i), sum(CASE WHEN size((i)-[:COUNTS_FOR]->()) > 0 THEN 1 ELSE 0 END),
                       sum(CASE WHEN size((i)-[:COUNTS_FOR]->()) = 0 AND size((i)-[:INVOLVES|AT|PARTICIPANT]->()) > 0 THEN 1 ELSE 0 END)
                """),
            new Cypher("""
                MATCH (i:Agreement)
                RETURN count(i), sum(CASE WHEN size((i)-[:COUNTS_FOR]->()) > 0 THEN 1 ELSE 0 END),
                       sum(CASE WHEN size((i)-[:COUNTS_FOR]->()) = 0 AND size((i)-[:PARTY]->()) > 0 THEN 1 ELSE 0 END)
                """),
            new Cypher("MATCH ()-[c:COUNTS_FOR]->() RETURN count(c)"),
        ], ct);
        int At(int s, int c) => r[s][0][c]?.GetValue<int>() ?? 0;
        return new Neo4jMigrationReport(from, Neo4jRollUp.SchemaVersion, rolledUp, At(0, 0), At(1, 0), At(0, 1) + At(1, 1), At(0, 2) + At(1, 2), At(2, 0));
    }
}
