namespace RelationsGraph.Stores.Neo4j;

/// <summary>
/// What a migration found and did: items rolled up, and the check that every item that counts for anything has its roll-up;
/// entities indexed by name, and the check that the name index holds every entity's names.
/// </summary>
public sealed record Neo4jMigrationReport(int? FromVersion, int ToVersion, int RolledUp, int Events, int Agreements, int ItemsWithRollUp, int ItemsMissingRollUp, int CountsFor)
{
    public bool Migrated => FromVersion != ToVersion;

    /// <summary>Entities (re)indexed by name by this migration (0 when the name index was there).</summary>
    public int NamesIndexed { get; init; }

    /// <summary>Names the entities have (each entity's folded names), and NAMES relationships the index holds for them.</summary>
    public long EntityNames { get; init; }

    public long NamesRelationships { get; init; }

    /// <summary>Distinct names the entities have, and Name nodes of the index.</summary>
    public long DistinctNames { get; init; }

    public long NameNodes { get; init; }

    /// <summary>Whether the name index is exactly the entities' names.</summary>
    public bool NamesComplete => EntityNames == NamesRelationships && DistinctNames == NameNodes;

    public override string ToString() =>
        $"schema version {FromVersion?.ToString() ?? "none"} → {ToVersion}: {RolledUp:N0} items rolled up; {Events:N0} events, {Agreements:N0} agreements, " +
        $"{ItemsWithRollUp:N0} with a roll-up, {ItemsMissingRollUp:N0} missing one; {CountsFor:N0} COUNTS_FOR relationships; " +
        $"{NamesIndexed:N0} entities indexed by name; {NamesRelationships:N0} of {EntityNames:N0} names indexed, {NameNodes:N0} Name nodes for {DistinctNames:N0} distinct names";
}

/// <summary>
/// Brings a database written by an earlier version up to <see cref="Neo4jRollUp.SchemaVersion"/>, step by
/// step: the roll-up (COUNTS_FOR) of every event and agreement (version 2), the name index of every
/// entity (version 3), each in transactions of a batch of items, and each mention's share of its
/// document's quotes (version 4, documents in transactions of a fifth of a batch); then the counts
/// checked, then the version marker (a <c>:RelationsGraphSchema</c> node) written. Until
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

        // version 2: the roll-up (COUNTS_FOR)
        var rolledUp = force || from is null or < 2 ? await RollUpAsync(neo4j, progress, batch, ct) : 0;
        // version 3: the name index
        var indexed = force || from is null or < 3 ? await IndexNamesAsync(neo4j, progress, batch, ct) : 0;
        // version 4: each mention keeps its node's share of the document's quotes
        if (force || from is null or < 4) await Neo4jGraphStore.KeepEvidenceOnMentionsAsync(neo4j, progress, Math.Max(1, batch / 5), ct);

        var report = await CheckAsync(neo4j, from, rolledUp, ct) with { NamesIndexed = indexed };
        return await MarkAsync(neo4j, await CheckNamesAsync(neo4j, report, ct), ct);
    }

    /// <summary>The roll-up of every event and agreement, a batch of items per transaction; returns how many items.</summary>
    private static async Task<int> RollUpAsync(Neo4jHttp neo4j, Action<string> progress, int batch, CancellationToken ct)
    {
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
        return done;
    }

    /// <summary>
    /// The name index of every entity (<c>Neo4jGraphStore.Names</c>), a batch of entities per
    /// transaction: each entity's NAMES replaced by those of its names, then the Name nodes that name
    /// nothing removed. Returns how many entities.
    /// </summary>
    private static async Task<int> IndexNamesAsync(Neo4jHttp neo4j, Action<string> progress, int batch, CancellationToken ct)
    {
        const string pendingLabel = Neo4jGraphStore.NamesPending;
        while ((await neo4j.RunAsync(new Cypher($"MATCH (x:Entity) WHERE NOT x:{pendingLabel} WITH x LIMIT $n SET x:{pendingLabel} RETURN count(x)", new { n = batch }), ct))[0][0]!.GetValue<int>() > 0) { }
        var pending = (await neo4j.RunAsync(new Cypher($"MATCH (x:{pendingLabel}) RETURN count(x)"), ct))[0][0]!.GetValue<int>();
        progress($"Neo4j name index: {pending:N0} entities to index, {batch:N0} per transaction");
        var done = 0;
        while (true)
        {
            var results = await neo4j.RunAsync(new Cypher($"""
                MATCH (x:{pendingLabel}) WITH x LIMIT $n
                REMOVE x:{pendingLabel}
                WITH x
                OPTIONAL MATCH (x)<-[k:NAMES]-()
                DELETE k
                WITH DISTINCT x
                FOREACH (key IN coalesce(x.names, []) | MERGE (nm:Name {"{"}key: key{"}"}) CREATE (nm)-[:NAMES]->(x))
                RETURN count(x)
                """, new { n = batch }), ct);
            var n = results[0][0]!.GetValue<int>();
            if (n == 0) break;
            done += n;
            progress($"Neo4j name index: {done:N0}/{pending:N0}");
        }
        // names an earlier index held that no entity has now
        while ((await neo4j.RunAsync(new Cypher("MATCH (nm:Name) WHERE size((nm)-[:NAMES]->()) = 0 WITH nm LIMIT $n DELETE nm RETURN count(nm)", new { n = batch }), ct))[0][0]!.GetValue<int>() > 0) { }
        return done;
    }

    /// <summary>The counts of the name index: every name of every entity is one NAMES from one Name node per distinct name.</summary>
    public static async Task<Neo4jMigrationReport> CheckNamesAsync(Neo4jHttp neo4j, Neo4jMigrationReport report, CancellationToken ct)
    {
        var r = await neo4j.RunAsync([
            new Cypher("MATCH (x:Entity) RETURN sum(size(coalesce(x.names, [])))"),
            new Cypher("MATCH (x:Entity) UNWIND coalesce(x.names, []) AS key RETURN count(DISTINCT key)"),
            new Cypher("MATCH (:Name)-[k:NAMES]->() RETURN count(k)"),
            new Cypher("MATCH (nm:Name) RETURN count(nm)"),
        ], ct);
        long At(int s) => r[s].Count > 0 ? r[s][0][0]?.GetValue<long>() ?? 0 : 0;
        return report with { EntityNames = At(0), DistinctNames = At(1), NamesRelationships = At(2), NameNodes = At(3) };
    }

    /// <summary>The version marker, written once the counts are checked.</summary>
    private static async Task<Neo4jMigrationReport> MarkAsync(Neo4jHttp neo4j, Neo4jMigrationReport report, CancellationToken ct)
    {
        if (report.ItemsMissingRollUp > 0)
            throw new InvalidOperationException($"Neo4j roll-up incomplete after the migration ({report}); the schema version stays {report.FromVersion?.ToString() ?? "unset"}.");
        if (!report.NamesComplete)
            throw new InvalidOperationException($"Neo4j name index incomplete after the migration ({report}); the schema version stays {report.FromVersion?.ToString() ?? "unset"}.");
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
