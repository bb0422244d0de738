using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Stores.Embedded;
using RelationsGraph.Text;

namespace RelationsGraph.Stores.Neo4j;

/// <summary>
/// The production store: Neo4j over its HTTP Cypher endpoint. Entities are <c>:Entity</c> nodes with
/// their kind label and the properties of the latest published document that states them (names
/// and aliases are the union of all); relationships count the documents that state them (<c>refs</c>).
/// A <c>:Document</c> node MENTIONS every node its document states and keeps its quotes and the list of
/// relationships it stated, so a new version of a document replaces exactly its own facts, in one
/// transaction. Every store call is one HTTP request.
/// </summary>
public sealed class Neo4jGraphStore(IOptions<Neo4jOptions> options, ILogger<Neo4jGraphStore> logger) : IGraphStore, IDisposable
{
    private readonly Neo4jHttp neo4j = new(options.Value, logger);

    private static readonly JsonSerializerOptions Json = EmbeddedGraphStore.Json;
    private static readonly string[] Labels = ["Place", "Person", "Office", "Organization", "Event", "Agreement", "Statistic"];

    public Neo4jHttp Http => neo4j;

    private readonly SingleFlight initializing = new();

    /// <summary>The schema and the migration check; callers that ask at the same time share one run, so a migration never runs twice side by side.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => initializing.RunAsync(() => InitializeOnceAsync(cancellationToken));

    private async Task InitializeOnceAsync(CancellationToken cancellationToken)
    {
        // a database written before the roll-up was kept gets it now, before any read or write
        var report = await MigrateAsync(message => logger.LogInformation("{Progress}", message), Neo4jMigration.DefaultBatch, force: false, cancellationToken);
        if (report is not null) logger.LogInformation("Neo4j migrated: {Report}", report);
    }

    /// <summary>The schema, then the migration to this version's schema (<see cref="Neo4jMigration"/>); null when the database was up to date.</summary>
    public async Task<Neo4jMigrationReport?> MigrateAsync(Action<string> progress, int batch, bool force, CancellationToken cancellationToken)
    {
        var dialect = await neo4j.DialectAsync(cancellationToken);
        // Constraints in their own transactions: 3.1 cannot create and use one in the same transaction.
        foreach (var statement in SchemaStatements(dialect))
            await neo4j.RunAsync(new Cypher(statement), cancellationToken);
        return await Neo4jMigration.RunAsync(neo4j, progress, cancellationToken, batch, force);
    }

    public static IReadOnlyList<string> SchemaStatements(Neo4jDialect dialect)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(dialect.SchemaResource)
            ?? throw new InvalidOperationException($"Schema file {dialect.SchemaResource} is not embedded.");
        var text = new StreamReader(stream).ReadToEnd();
        var lines = text.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal));
        return string.Join('\n', lines).Split(';').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
    }

    // ---------------------------------------------------------------- writes

    // Leading clause of every write: go on only when the stored document differs from this one.
    private const string IfChanged = "OPTIONAL MATCH (old:Document {id: $doc}) WITH old WHERE old IS NULL OR old.contentHash <> $hash";

    // The latest published document's properties win; on the same date, the smallest document id (as the embedded store);
    // before either, a person named in full over one named by surname (NodeMerge.NameRank).
    private const string Wins = """
        (x.data IS NULL OR coalesce(r.props.nameRank, 0) > coalesce(x.nameRank, 0)
          OR (coalesce(r.props.nameRank, 0) = coalesce(x.nameRank, 0) AND ($published > x.published OR ($published = x.published AND $doc <= x.docId))))
        """;

    public async Task<IngestOutcome> WriteDocumentAsync(DocumentGraph g, CancellationToken cancellationToken) =>
        (await WriteDocumentsAsync([g], cancellationToken))[0];

    /// <summary>
    /// The documents' statements one after the other in one request, so one transaction: the batch
    /// is written all or nothing, and each document exactly as <see cref="WriteDocumentAsync"/> writes
    /// it alone (a statement sees what the statements before it wrote). Most of the time of a
    /// one-document transaction is its commit on this server, so batches write several times faster.
    /// </summary>
    public async Task<IReadOnlyList<IngestOutcome>> WriteDocumentsAsync(IReadOnlyList<DocumentGraph> graphs, CancellationToken cancellationToken)
    {
        if (graphs.Count == 0) return [];
        var statements = new List<Cypher>();
        var reads = new List<int>();
        foreach (var g in graphs)
        {
            reads.Add(statements.Count);
            statements.AddRange(DocumentStatements(g));
        }
        var results = await neo4j.RunAsync(statements, cancellationToken);
        return graphs.Select((g, i) =>
        {
            var doc = g.Document;
            var read = results[reads[i]];
            var previous = read.Count > 0 ? read[0][0]?.GetValue<string>() : null;
            if (previous == doc.ContentHash) return new IngestOutcome(doc.Id, IngestStatus.Unchanged, 0, 0, 0);
            return new IngestOutcome(doc.Id, previous is null ? IngestStatus.Added : IngestStatus.Updated, g.Nodes.Count, g.Edges.Count, 0);
        }).ToList();
    }

    /// <summary>What writes one document, in one transaction: the first statement reads the stored version.</summary>
    private static List<Cypher> DocumentStatements(DocumentGraph g)
    {
        var doc = g.Document;
        var published = doc.Published?.Start.ToString("yyyy-MM-dd") ?? "";
        var p = new { doc = doc.Id, hash = doc.ContentHash, published };
        // The first statement reads the stored version; every write is guarded by "the stored version
        // differs", so the same content again writes nothing.
        var statements = new List<Cypher> { new("OPTIONAL MATCH (d:Document {id: $doc}) RETURN d.contentHash", p) };
        statements.AddRange(Retract(doc.Id, doc.ContentHash));
        // All nodes in one statement and all relationships in another: fewer statements, less work per
        // request. Labels and types cannot be parameters, so each comes from the fixed lists above.
        statements.Add(new Cypher($"""
            {IfChanged}
            UNWIND $rows AS r
            MERGE (x:Entity {"{"}id: r.id{"}"})
            ON CREATE SET x.allNames = r.allNames, x.names = r.names, x.searchText = r.searchText
            ON MATCH SET x.allNames = x.allNames + [n IN r.allNames WHERE NOT n IN x.allNames],
                x.names = x.names + [n IN r.names WHERE NOT n IN x.names],
                x.searchText = CASE WHEN x.searchText CONTAINS r.searchText THEN x.searchText ELSE x.searchText + ' | ' + r.searchText END
            {string.Concat(Labels.Select(l => $"FOREACH (_ IN CASE WHEN r.props.label = '{l}' THEN [1] ELSE [] END | SET x:{l})\n"))}
            WITH x, r WHERE {Wins}
            SET x += r.props, x.data = r.data, x.published = $published, x.docId = $doc
            """, new { rows = g.Nodes.Select(n => NodeRow(n, SearchExtras(g, n))).ToList(), doc = doc.Id, hash = doc.ContentHash, published }));
        var edgeRows = g.Edges.Select(e => new { id = e.Edge.Id, type = e.Edge.Type, source = e.Edge.Source, target = e.Edge.Target, role = e.Edge.Role, asOf = e.Edge.AsOf?.ToString(), title = e.Edge.Title }).ToList();
        if (edgeRows.Count > 0)
            statements.Add(new Cypher($"""
                {IfChanged}
                UNWIND $rows AS r
                MATCH (a:Entity {"{"}id: r.source{"}"})
                MATCH (b:Entity {"{"}id: r.target{"}"})
                {string.Concat(EdgeTypes.All.Select(t => $$"""
                    FOREACH (_ IN CASE WHEN r.type = '{{t}}' THEN [1] ELSE [] END |
                        MERGE (a)-[x:{{t}} {id: r.id}]->(b)
                        ON CREATE SET x.role = r.role, x.asOf = r.asOf, x.title = r.title, x.refs = 1
                        ON MATCH SET x.refs = x.refs + 1,
                            x.title = CASE WHEN r.title IS NOT NULL AND (x.title IS NULL OR r.asOf >= x.asOf) THEN r.title ELSE x.title END,
                            x.asOf = CASE WHEN r.asOf IS NOT NULL AND (x.asOf IS NULL OR r.asOf > x.asOf) THEN r.asOf ELSE x.asOf END)

                    """))}
                """, new { rows = edgeRows, doc = doc.Id, hash = doc.ContentHash }));
        // relationships this write created (no other document states them) may move roll-ups
        var marks = g.Edges.Where(e => Neo4jRollUp.Types.Contains(e.Edge.Type)).GroupBy(e => e.Edge.Id)
            .Select(x => new { id = x.Key, source = x.First().Edge.Source, count = x.Count() }).ToList();
        if (marks.Count > 0)
            statements.Add(new Cypher($"""
                {IfChanged}
                UNWIND $marks AS r
                MATCH (a:Entity {"{"}id: r.source{"}"})-[x]->() WHERE x.id = r.id AND x.refs = r.count
                WITH a, type(x) AS t
                {Neo4jRollUp.Mark}
                """, new { marks, doc = doc.Id, hash = doc.ContentHash }));
        statements.Add(new Cypher($"""
            {IfChanged}
            MERGE (d:Document {"{"}id: $doc{"}"})
            WITH d
            // the previous version's MENTIONS were retracted above, so these are new; each keeps this
            // document's version of the node (see RecomputeOrDelete)
            UNWIND $rows AS r
            MATCH (x:Entity {"{"}id: r.id{"}"})
            CREATE (d)-[m:MENTIONS]->(x)
            SET m = r.version
            """, new { doc = doc.Id, hash = doc.ContentHash, rows = g.Nodes.Select(n => new { id = n.Node.Id, version = Version(NodeRow(n, SearchExtras(g, n)), published) }).ToList() }));
        statements.Add(new Cypher("""
            MATCH (d:Document {id: $doc}) WHERE d.contentHash IS NULL OR d.contentHash <> $hash
            SET d.contentHash = $hash, d.published = $published, d.title = $title, d.data = $data,
                d.evidence = $evidence, d.edgeSources = $edgeSources, d.edgeIds = $edgeIds
            """, new
        {
            doc = doc.Id,
            hash = doc.ContentHash,
            published,
            title = doc.Title,
            data = JsonSerializer.Serialize<GraphNode>(doc, Json),
            evidence = JsonSerializer.Serialize(DocumentEvidence.From(g), Json),
            edgeSources = g.Edges.Select(e => e.Edge.Source).ToList(),
            edgeIds = g.Edges.Select(e => e.Edge.Id).ToList(),
        }));
        statements.Add(new Cypher(Neo4jRollUp.Recompute));
        return statements;
    }

    /// <summary>
    /// The benchmark's baseline: the same node and relationship rows (same properties, names and
    /// search text) as plain <c>UNWIND ... MERGE ... SET</c> statements, without the adapter's
    /// bookkeeping (content-hash guard, retraction of the previous version, document counts,
    /// merging with what other documents stated, the Document node and its quotes).
    /// </summary>
    public static IReadOnlyList<Cypher> PlainMergeStatements(DocumentGraph g, bool withProvenance = false)
    {
        var statements = new List<Cypher>();
        if (withProvenance)
        {
            // the same provenance rows the adapter writes: the Document node with its quotes, and a MENTIONS per node
            statements.Add(new Cypher("MERGE (d:Document {id: $doc}) SET d.data = $data, d.evidence = $evidence, d.edgeSources = $edgeSources, d.edgeIds = $edgeIds", new
            {
                doc = g.Document.Id,
                data = JsonSerializer.Serialize<GraphNode>(g.Document, Json),
                evidence = JsonSerializer.Serialize(DocumentEvidence.From(g), Json),
                edgeSources = g.Edges.Select(e => e.Edge.Source).ToList(),
                edgeIds = g.Edges.Select(e => e.Edge.Id).ToList(),
            }));
        }
        foreach (var label in Labels)
        {
            var rows = g.Nodes.Where(n => n.Node.Label == label).Select(n => NodeRow(n, SearchExtras(g, n))).ToList();
            if (rows.Count > 0)
                statements.Add(new Cypher($"UNWIND $rows AS r MERGE (x:Entity {{id: r.id}}) SET x:{label}, x += r.props, x.data = r.data, x.allNames = r.allNames, x.names = r.names, x.searchText = r.searchText", new { rows }));
        }
        foreach (var type in EdgeTypes.All)
        {
            var rows = g.Edges.Where(e => e.Edge.Type == type)
                .Select(e => new { id = e.Edge.Id, source = e.Edge.Source, target = e.Edge.Target, role = e.Edge.Role, asOf = e.Edge.AsOf?.ToString(), title = e.Edge.Title }).ToList();
            if (rows.Count > 0)
                statements.Add(new Cypher($"UNWIND $rows AS r MATCH (a:Entity {{id: r.source}}) MATCH (b:Entity {{id: r.target}}) MERGE (a)-[x:{type} {{id: r.id}}]->(b) SET x.role = r.role, x.asOf = r.asOf, x.title = r.title", new { rows }));
        }
        if (withProvenance)
            statements.Add(new Cypher("MATCH (d:Document {id: $doc}) UNWIND $ids AS nid MATCH (x:Entity {id: nid}) MERGE (d)-[:MENTIONS]->(x)",
                new { doc = g.Document.Id, ids = g.Nodes.Select(n => n.Node.Id).ToList() }));
        return statements;
    }

    /// <summary>Statements that take back what a document stated (when the stored version is not <paramref name="unlessHash"/>); nodes and relationships no other document states go with it.</summary>
    private static IEnumerable<Cypher> Retract(string documentId, string? unlessHash = null)
    {
        yield return new Cypher("""
            MATCH (d:Document {id: $doc}) WHERE $hash IS NULL OR d.contentHash <> $hash
            UNWIND range(0, size(d.edgeIds) - 1) AS i
            WITH d.edgeSources[i] AS src, d.edgeIds[i] AS rid
            MATCH (a:Entity {id: src})-[x]->() WHERE x.id = rid
            SET x.refs = x.refs - 1
            WITH a, x WHERE x.refs <= 0
            WITH a, x, type(x) AS t
            DELETE x
            """ + "\n" + Neo4jRollUp.Mark, new { doc = documentId, hash = unlessHash });
        yield return new Cypher("""
            MATCH (d:Document {id: $doc})-[m:MENTIONS]->(x:Entity) WHERE $hash IS NULL OR d.contentHash <> $hash
            DELETE m
            WITH DISTINCT x
            """ + "\n" + RecomputeOrDelete, new { doc = documentId, hash = unlessHash });
    }

    public async Task<bool> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        var statements = Retract(documentId).ToList();
        statements.Add(new Cypher(Neo4jRollUp.Recompute));
        statements.Add(new Cypher("MATCH (d:Document {id: $id}) DETACH DELETE d RETURN count(*)", new { id = documentId }));
        var results = await neo4j.RunAsync(statements, cancellationToken);
        return results[^1].Count > 0 && results[^1][0][0]!.GetValue<int>() > 0;
    }

    /// <summary>What a search should find a node by besides its names: a person's office titles, an event's quotes.</summary>
    private static IEnumerable<string> SearchExtras(DocumentGraph g, NodeFact fact) => fact.Node switch
    {
        Person p => g.Edges.Where(e => e.Edge.Type == EdgeTypes.Holds && e.Edge.Source == p.Id)
            .SelectMany(e => g.Nodes.Where(o => o.Node.Id == e.Edge.Target).SelectMany(o => o.Node.Names())),
        Event => fact.Evidence.Select(e => e.Quote),
        _ => [],
    };

    /// <summary>The properties a node takes from the document whose version of it wins (<see cref="Wins"/>).</summary>
    private static readonly string[] PropKeys = ["label", "name", "type", "dateStart", "dateEnd", "precision", "status", "kind", "iso", "nameRank"];

    /// <summary>
    /// A document's version of a node, kept on its MENTIONS relationship: what the node falls back to
    /// when the document whose version won is retracted (props flattened as p_key; relationships hold no maps).
    /// </summary>
    private static Dictionary<string, object?> Version(Dictionary<string, object?> row, string published)
    {
        var version = new Dictionary<string, object?>
        {
            ["data"] = row["data"],
            ["allNames"] = row["allNames"],
            ["names"] = row["names"],
            ["searchText"] = row["searchText"],
            ["published"] = published,
        };
        foreach (var (key, value) in (Dictionary<string, object?>)row["props"]!) version["p_" + key] = value;
        return version;
    }

    /// <summary>
    /// Appended to a statement that has bound <c>x</c> (a node one of whose versions was just deleted):
    /// the node takes the winning remaining version's data and props, and the union of all remaining
    /// versions' names, as a write of those documents in any order would have left it. Nodes written
    /// before versions were kept (no data on their MENTIONS) are left as they are; nodes no document
    /// mentions any more are deleted.
    /// </summary>
    private static string RecomputeOrDelete => $"""
        OPTIONAL MATCH (x)<-[o:MENTIONS]-(od:Document)
        WITH x, o, od ORDER BY coalesce(o.p_nameRank, 0) DESC, o.published DESC, od.id ASC
        WITH x, collect(o) AS versions, collect(od.id) AS docs
        FOREACH (w IN CASE WHEN size(versions) > 0 AND all(v IN versions WHERE v.data IS NOT NULL) THEN [versions[0]] ELSE [] END |
            SET x.data = w.data, x.published = w.published, x.docId = docs[0],
                {string.Join(", ", PropKeys.Select(k => $"x.{k} = w.p_{k}"))},
                x.allNames = reduce(acc = [], v IN versions | acc + [n IN v.allNames WHERE NOT n IN acc]),
                x.names = reduce(acc = [], v IN versions | acc + [n IN v.names WHERE NOT n IN acc]),
                x.searchText = reduce(acc = '', v IN versions | CASE WHEN acc = '' THEN v.searchText WHEN acc CONTAINS v.searchText THEN acc ELSE acc + ' | ' + v.searchText END))
        WITH x, versions WHERE size(versions) = 0
        DETACH DELETE x
        """;

    private static Dictionary<string, object?> NodeRow(NodeFact fact, IEnumerable<string> searchExtras)
    {
        var n = fact.Node;
        var props = new Dictionary<string, object?> { ["label"] = n.Label, ["name"] = n.DisplayName };
        switch (n)
        {
            case Event e:
                props["type"] = e.Type.ToString();
                // An undated event has none of these (null is no property): no from/to filter matches it, and ORDER BY puts it last.
                props["dateStart"] = e.Date?.Start.ToString("yyyy-MM-dd");
                props["dateEnd"] = e.Date?.End.ToString("yyyy-MM-dd");
                props["precision"] = (int?)e.Date?.Precision;
                break;
            case Agreement a:
                props["dateStart"] = a.Date?.Start.ToString("yyyy-MM-dd");
                props["status"] = a.Status.ToString();
                break;
            case Place p:
                props["kind"] = p.Kind.ToString();
                props["iso"] = p.Iso;
                break;
            case Person when NodeMerge.NameRank(n) > 0:
                props["nameRank"] = NodeMerge.NameRank(n);
                break;
        }
        return new Dictionary<string, object?>
        {
            ["id"] = n.Id,
            ["props"] = props,
            ["data"] = JsonSerializer.Serialize(n, Json),
            ["allNames"] = new[] { n.DisplayName }.Concat(NodeMerge.AliasesOf(n)).Distinct().ToList(),
            ["names"] = n.Names().Select(TextFold.Fold).Where(x => x.Length > 0).Distinct().ToList(),
            ["searchText"] = TextFold.Fold(string.Join(" | ", n.Names().Concat(searchExtras))),
        };
    }

    // ---------------------------------------------------------------- reads

    // Appended to a statement that has bound `ids` (a list of node ids): each node, or the document
    // node itself, in the order of `ids`.
    private const string NodesOfIds = """
        UNWIND (CASE WHEN size(ids) = 0 THEN [null] ELSE range(0, size(ids) - 1) END) AS i
        WITH i, CASE WHEN i IS NULL THEN null ELSE ids[i] END AS nid
        OPTIONAL MATCH (x:Entity {id: nid})
        OPTIONAL MATCH (d:Document {id: nid})
        RETURN nid, [x.data, x.allNames], d.data ORDER BY i
        """;

    // Appended to a statement that has bound `item` (an event or agreement that passed every filter):
    // sorts only those, and returns the page of them with the total count.
    private static string PageOf(string order) => $"""
        WITH item ORDER BY {order}
        WITH collect(item) AS all
        WITH size(all) AS total, all[$skip..$end] AS page
        UNWIND (CASE WHEN size(page) = 0 THEN [null] ELSE range(0, size(page) - 1) END) AS i
        WITH total, i, CASE WHEN i IS NULL THEN null ELSE page[i] END AS x
        RETURN total, x.id, [x.data, x.allNames], null ORDER BY i
        """;

    private static List<GraphNode> ReadNodes(IReadOnlyList<JsonArray> rows)
    {
        var nodes = new List<GraphNode>();
        foreach (var row in rows)
        {
            if (row[0] is null) continue;
            if (row[2]?.GetValue<string>() is { } docData)
            {
                nodes.Add(JsonSerializer.Deserialize<GraphNode>(docData, Json)!);
                continue;
            }
            if (row[1] is not JsonArray { Count: 2 } pair || pair[0]?.GetValue<string>() is not { } data) continue;
            var node = JsonSerializer.Deserialize<GraphNode>(data, Json)!;
            var all = pair[1]?.AsArray().Select(x => x!.GetValue<string>()).ToList() ?? [];
            nodes.Add(WithAllNames(node, all));
        }
        return nodes;
    }

    /// <summary>Names other documents gave the node become its aliases, as in the embedded store's merge.</summary>
    private static GraphNode WithAllNames(GraphNode node, List<string> all)
    {
        var own = new[] { node.DisplayName }.Concat(NodeMerge.AliasesOf(node)).ToHashSet(StringComparer.Ordinal);
        if (all.All(own.Contains)) return node;
        IReadOnlyList<string> union = all.Concat(own).Where(a => a != node.DisplayName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return NodeMerge.WithAliases(node, union);
    }

    public async Task<IReadOnlyList<GraphNode>> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        var r = reference.Trim();
        if (r.Length == 0) return [];
        // Two statements: the exact id, else the names. The names are a scan of every entity, which the
        // planner would run even when an id matched (it filters on "no exact match" after the scan), so
        // the second statement starts from zero rows or one, and only one starts the scan.
        const string exact = """
            OPTIONAL MATCH (x:Entity) WHERE x.id IN $forms
            WITH collect(x.id) AS entities
            OPTIONAL MATCH (d:Document) WHERE d.id IN $forms
            WITH entities + collect(d.id) AS exact
            """;
        var p = new { forms = new[] { r, r.ToUpperInvariant(), r.ToLowerInvariant() }, folded = TextFold.Fold(r) };
        var results = await neo4j.RunAsync([
            new Cypher($"""
                {exact}
                WITH exact[0..1] AS ids
                {NodesOfIds}
                """, p),
            new Cypher($"""
                {exact}
                UNWIND (CASE WHEN size(exact) = 0 THEN [1] ELSE [] END) AS byName
                MATCH (n:Entity) WHERE $folded IN n.names
                WITH collect(n.id) AS ids
                {NodesOfIds}
                """, p),
        ], cancellationToken);
        var rows = results.SelectMany(x => x).ToList();
        return ReadNodes(rows).OrderBy(n => n.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<GraphNode>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return [];
        var rows = await neo4j.RunAsync(new Cypher("WITH $ids AS ids " + NodesOfIds, new { ids }), cancellationToken);
        var byId = ReadNodes(rows).ToDictionary(n => n.Id);
        return ids.Select(id => byId.GetValueOrDefault(id)).OfType<GraphNode>().ToList();
    }

    public async Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(IReadOnlyCollection<string> nodeIds, Direction direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken)
    {
        if (nodeIds.Count == 0) return [];
        // The types go into the pattern (types cannot be parameters; only known ones are written), so
        // that Neo4j reads only those relationships of a node: a country has tens of thousands of
        // INVOLVES and MENTIONS, and a handful of PART_OF.
        // never the store's own COUNTS_FOR
        var typeList = string.Join('|', EdgeTypes.All.Where(t => types is null || types.Contains(t)));
        if (typeList.Length == 0) return [];
        var rel = $"[r:{typeList}]";
        var pattern = direction switch
        {
            Direction.Outgoing => $"(a:Entity)-{rel}->(b:Entity)",
            Direction.Incoming => $"(a:Entity)<-{rel}-(b:Entity)",
            _ => $"(a:Entity)-{rel}-(b:Entity)",
        };
        // The quotes are in the documents that stated the relationship, which mention its start node.
        // Each document's quotes cross the wire once (a page's relationships share their documents:
        // an event's participants and place are stated by the event's release), in a second statement.
        const string stated = """
            WITH DISTINCT r
            WITH r, startNode(r) AS s
            OPTIONAL MATCH (d:Document)-[:MENTIONS]->(s) WHERE r.id IN d.edgeIds
            """;
        var p = new { ids = nodeIds.Distinct().ToList() };
        var results = await neo4j.RunAsync([
            new Cypher($"""
                UNWIND $ids AS id
                MATCH {pattern} WHERE a.id = id
                {stated}
                WITH r, s, d ORDER BY d.id
                RETURN r.id, type(r), s.id, endNode(r).id, r.role, r.asOf, collect(d.id), r.title
                """, p),
            new Cypher($"""
                UNWIND $ids AS id
                MATCH {pattern} WHERE a.id = id
                {stated}
                WITH DISTINCT d WHERE d IS NOT NULL
                RETURN d.id, d.evidence
                """, p),
        ], cancellationToken);
        var byDocument = results[1].Where(r => r[1] is not null).ToDictionary(r => r[0]!.GetValue<string>(), r => JsonSerializer.Deserialize<DocumentEvidence>(r[1]!.GetValue<string>(), Json)!);
        return results[0].Select(row =>
        {
            var id = row[0]!.GetValue<string>();
            var asOf = row[5]?.GetValue<string>() is { } a && FuzzyDate.TryParse(a, out var d) ? d : (FuzzyDate?)null;
            var documents = ((JsonArray)row[6]!).Select(x => byDocument.GetValueOrDefault(x!.GetValue<string>())).OfType<DocumentEvidence>().ToList();
            // A HOLDS edge is worded from its documents' statements, as the embedded store words it; the
            // relationship's own title (the last written) only for documents written before titles were kept.
            var title = NodeMerge.HolderTitle(documents.Select(d => (d.AsOf?.GetValueOrDefault(id) is { } s ? FuzzyDate.Parse(s) : (FuzzyDate?)null, d.Titles?.GetValueOrDefault(id))))
                ?? row[7]?.GetValue<string>();
            var edge = new GraphEdge(row[1]!.GetValue<string>(), row[2]!.GetValue<string>(), row[3]!.GetValue<string>(), row[4]?.GetValue<string>(), asOf, title);
            return new Relationship(edge, documents.SelectMany(d => d.Of(id)).ToList(),
                documents.Select(d => d.AsOf?.GetValueOrDefault(id)).OfType<string>().Select(FuzzyDate.Parse).Distinct().Order().ToList());
        }).OrderBy(r => r.Edge.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The quotes for one node or relationship id in the evidence of the documents that mention it.</summary>
    private static List<EvidenceSpan> EvidenceFor(string id, JsonArray documentEvidence) =>
        Documents(documentEvidence).SelectMany(d => d.Of(id)).ToList();

    private static List<DocumentEvidence> Documents(JsonArray documentEvidence) =>
        documentEvidence.Where(e => e is not null).Select(e => JsonSerializer.Deserialize<DocumentEvidence>(e!.GetValue<string>(), Json)!).ToList();

    /// <summary>
    /// A document's quotes, kept on its Document node: each distinct quote once (an event's quote backs
    /// the event and all its relationships), per fact id the (quote, start, end) triples, and the date
    /// the document states for each dated relationship (HOLDS asOf), so that office terms survive retraction,
    /// and the title it words each HOLDS relationship with.
    /// </summary>
    private sealed record DocumentEvidence(string DocumentId, List<string> Quotes, Dictionary<string, List<int[]>> Facts, Dictionary<string, string>? AsOf,
        Dictionary<string, string>? Titles = null)
    {
        /// <summary>The quotes of a document's nodes and relationships, by the id of the fact they support.</summary>
        public static DocumentEvidence From(DocumentGraph g)
        {
            var documentId = g.Document.Id;
            var byFact = g.Nodes.Where(n => n.Evidence.Count > 0).Select(n => (Id: n.Node.Id, n.Evidence))
                .Concat(g.Edges.Where(e => e.Evidence.Count > 0).Select(e => (Id: e.Edge.Id, e.Evidence)))
                .GroupBy(x => x.Id).ToDictionary(x => x.Key, x => x.SelectMany(y => y.Evidence).ToList());
            var quotes = new List<string>();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var facts = byFact.ToDictionary(kv => kv.Key, kv => kv.Value.Select(e =>
            {
                if (!index.TryGetValue(e.Quote, out var q)) { q = quotes.Count; quotes.Add(e.Quote); index[e.Quote] = q; }
                return new[] { q, e.Start, e.End };
            }).ToList());
            var asOf = g.Edges.Where(e => e.Edge.AsOf is not null).GroupBy(e => e.Edge.Id)
                .ToDictionary(x => x.Key, x => x.Max(e => e.Edge.AsOf!.Value).ToString());
            var titles = g.Edges.Where(e => e.Edge.Title is not null).GroupBy(e => e.Edge.Id)
                .ToDictionary(x => x.Key, x => NodeMerge.HolderTitle(x.Select(e => (e.Edge.AsOf, e.Edge.Title)))!);
            return new DocumentEvidence(documentId, quotes, facts, asOf.Count > 0 ? asOf : null, titles.Count > 0 ? titles : null);
        }

        public IEnumerable<EvidenceSpan> Of(string id) =>
            Facts.GetValueOrDefault(id)?.Select(f => new EvidenceSpan(DocumentId, Quotes[f[0]], f[1], f[2])) ?? [];
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<EvidenceSpan>>> GetEvidenceAsync(IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken)
    {
        var result = nodeIds.Distinct().ToDictionary(id => id, _ => (IReadOnlyList<EvidenceSpan>)[]);
        if (result.Count == 0) return result;
        var rows = await neo4j.RunAsync(new Cypher("""
            UNWIND $ids AS id
            MATCH (d:Document)-[:MENTIONS]->(x:Entity {id: id})
            WITH id, d ORDER BY d.id
            RETURN id, collect(d.evidence)
            """, new { ids = result.Keys.ToList() }), cancellationToken);
        foreach (var row in rows)
        {
            var id = row[0]!.GetValue<string>();
            result[id] = EvidenceFor(id, (JsonArray)row[1]!);
        }
        return result;
    }

    public async Task<Page<Event>> FindEventsAsync(EventFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var (items, parameters) = EventsOf(filter);
        parameters["skip"] = page.Offset;
        parameters["end"] = page.Offset + page.First;
        var rows = await neo4j.RunAsync(new Cypher($"""
            {items}
            {PageOf("item.dateStart, item.precision, item.id")}
            """, parameters), cancellationToken);
        return ReadPage<Event>(rows, page);
    }

    /// <summary>Counted in Cypher: only the counts cross the wire (dateStart is yyyy-MM-dd; precision 0 is a year-only date).</summary>
    public async Task<IReadOnlyList<EventTally>> TallyEventsAsync(EventFilter filter, CancellationToken cancellationToken)
    {
        var (items, parameters) = EventsOf(filter);
        var rows = await neo4j.RunAsync(new Cypher($"""
            {items}
            WITH substring(item.dateStart, 0, 4) AS year, CASE WHEN item.precision >= 1 THEN substring(item.dateStart, 5, 2) END AS month, item.type AS type
            RETURN year, month, type, count(*)
            """, parameters), cancellationToken);
        return rows.Select(r => new EventTally(
            r[0]?.GetValue<string>() is { } y ? int.Parse(y, System.Globalization.CultureInfo.InvariantCulture) : null,
            r[1]?.GetValue<string>() is { } m ? int.Parse(m, System.Globalization.CultureInfo.InvariantCulture) : null,
            Enum.Parse<EventType>(r[2]!.GetValue<string>()),
            r[3]!.GetValue<int>())).ToList();
    }

    /// <summary>The statement that binds <c>item</c> to each event the filter finds, and its parameters.</summary>
    private static (string Items, Dictionary<string, object?> Parameters) EventsOf(EventFilter filter)
    {
        const string where = """
            ($types IS NULL OR item.type IN $types)
              AND ($from IS NULL OR item.dateEnd >= $from)
              AND ($to IS NULL OR item.dateStart <= $to)
            """;
        var sides = new[] { filter.Actor, filter.Counterpart }.OfType<string>().ToList();
        var items = sides.Count == 0 ? $"MATCH (item:Event) WHERE {where}" : Neo4jRollUp.ItemsFor("Event", sides.Count == 2, where);
        return (items, new Dictionary<string, object?>
        {
            ["types"] = filter.Types is { Count: > 0 } t ? t.Select(x => x.ToString()).ToList() : null,
            ["from"] = filter.From?.Start.ToString("yyyy-MM-dd"),
            ["to"] = filter.To?.End.ToString("yyyy-MM-dd"),
            ["actor"] = sides.ElementAtOrDefault(0),
            ["counterpart"] = sides.ElementAtOrDefault(1),
        });
    }

    public async Task<Page<Agreement>> FindAgreementsAsync(string party, string? counterparty, PageRequest page, CancellationToken cancellationToken)
    {
        var rows = await neo4j.RunAsync(new Cypher($"""
            {Neo4jRollUp.ItemsFor("Agreement", counterparty is not null, "true")}
            {PageOf("item.dateStart, item.id")}
            """, new { actor = party, counterpart = counterparty, skip = page.Offset, end = page.Offset + page.First }), cancellationToken);
        return ReadPage<Agreement>(rows, page);
    }

    private static Page<T> ReadPage<T>(IReadOnlyList<JsonArray> rows, PageRequest page) where T : GraphNode
    {
        var total = rows.Count > 0 ? rows[0][0]!.GetValue<int>() : 0;
        var items = ReadNodes(rows.Select(r => new JsonArray(r[1]?.DeepClone(), r[2]?.DeepClone(), r[3]?.DeepClone())).ToList()).OfType<T>().ToList();
        return new Page<T>(items, total, page.Offset);
    }

    public async Task<Page<GraphNode>> SearchAsync(string text, PageRequest page, CancellationToken cancellationToken)
    {
        var needle = TextFold.Fold(text);
        if (needle.Length == 0) return new Page<GraphNode>([], 0, page.Offset);
        // Candidates in one query (searchText holds names, people's office titles and events' quotes); ranked here as the embedded store ranks.
        var rows = await neo4j.RunAsync(new Cypher($"""
            MATCH (n:Entity) WHERE n.searchText CONTAINS $needle
            WITH collect(n.id) AS ids
            {NodesOfIds}
            """, new { needle }), cancellationToken);
        var candidates = ReadNodes(rows);
        var ranked = SearchRanking.Order(candidates.Select(n => (n, SearchRanking.NameScore(n, needle))));
        return new Page<GraphNode>(ranked.Skip(page.Offset).Take(page.First).ToList(), ranked.Count, page.Offset);
    }

    public async Task<GraphCounts> CountAsync(CancellationToken cancellationToken)
    {
        var results = await neo4j.RunAsync([
            new Cypher("MATCH (d:Document) RETURN count(d)"),
            new Cypher("MATCH (n:Entity) RETURN n.label, count(n)"),
            // per type from Neo4j's counts store; the store's own COUNTS_FOR and MENTIONS are no edges of the graph
            .. EdgeTypes.All.Select(t => new Cypher($"MATCH ()-[r:{t}]->() RETURN count(r)")),
        ], cancellationToken);
        var byLabel = results[1].Where(r => r[0] is not null).OrderBy(r => r[0]!.GetValue<string>(), StringComparer.Ordinal)
            .ToDictionary(r => r[0]!.GetValue<string>(), r => r[1]!.GetValue<int>());
        return new GraphCounts(results[0][0][0]!.GetValue<int>(), byLabel.Values.Sum(), results.Skip(2).Sum(r => r[0][0]!.GetValue<int>()), byLabel);
    }

    public void Dispose() => neo4j.Dispose();
}
