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
/// their kind label. What each document states about a node or relationship is kept on it, in a
/// property per document (<c>f_&lt;hash of the document id&gt;</c>: its data as that document gives it,
/// and the quotes), with <c>docs</c> listing the documents; the <c>:Document</c> node lists what the
/// document stated. So a document is replaced or retracted exactly, and nodes merge across documents
/// as in the embedded store. Every store call is one HTTP request.
/// </summary>
public sealed class Neo4jGraphStore(IOptions<Neo4jOptions> options, ILogger<Neo4jGraphStore> logger) : IGraphStore, IDisposable
{
    private readonly Neo4jHttp neo4j = new(options.Value, logger);

    private static readonly JsonSerializerOptions Json = EmbeddedGraphStore.Json;
    private static readonly string[] Labels = ["Place", "Person", "Office", "Organization", "Event", "Agreement", "Statistic"];

    public Neo4jHttp Http => neo4j;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var dialect = await neo4j.DialectAsync(cancellationToken);
        // Constraints in their own transactions: 3.1 cannot create and use one in the same transaction.
        foreach (var statement in SchemaStatements(dialect))
            await neo4j.RunAsync(new Cypher(statement), cancellationToken);
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

    /// <summary>The property that holds one document's statement of a node or relationship.</summary>
    internal static string FactKey(string documentId) =>
        "f_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(documentId)))[..16];

    // Leading clause of every write: go on only when the stored document differs from this one.
    private const string IfChanged = "OPTIONAL MATCH (old:Document {id: $doc}) WITH old WHERE old IS NULL OR old.contentHash <> $hash";

    private const string AddDoc = "CASE WHEN $doc IN coalesce(x.docs, []) THEN x.docs ELSE coalesce(x.docs, []) + $doc END";

    public async Task<IngestOutcome> WriteDocumentAsync(DocumentGraph g, CancellationToken cancellationToken)
    {
        var doc = g.Document;
        var key = FactKey(doc.Id);
        var published = doc.Published?.Start.ToString("yyyy-MM-dd") ?? "";
        // One request, one transaction. The first statement reads the stored version; every write is
        // guarded by "the stored version differs", so the same content again writes nothing.
        var statements = new List<Cypher> { new("OPTIONAL MATCH (d:Document {id: $doc}) RETURN d.contentHash", new { doc = doc.Id }) };
        statements.AddRange(Retract(doc.Id, doc.ContentHash));
        foreach (var label in Labels)
        {
            var rows = g.Nodes.Where(n => n.Node.Label == label).Select(n => NodeRow(n, SearchExtras(g, n), key, doc.Id, published)).ToList();
            if (rows.Count == 0) continue;
            // the label comes from the fixed list above, never from input
            statements.Add(new Cypher($"""
                {IfChanged}
                UNWIND $rows AS r
                MERGE (x:Entity {"{"}id: r.id{"}"})
                ON CREATE SET x:{label}, x += r.props, x.docs = [$doc], x.names = r.names, x.searchText = r.searchText
                ON MATCH SET x += r.props, x.docs = {AddDoc},
                    x.names = coalesce(x.names, []) + [n IN r.names WHERE NOT n IN coalesce(x.names, [])],
                    x.searchText = CASE WHEN x.searchText CONTAINS r.searchText THEN x.searchText ELSE x.searchText + ' | ' + r.searchText END
                """, new { rows, doc = doc.Id, hash = doc.ContentHash }));
        }
        foreach (var type in EdgeTypes.All)
        {
            var rows = g.Edges.Where(e => e.Edge.Type == type).Select(e => new
            {
                id = e.Edge.Id,
                source = e.Edge.Source,
                target = e.Edge.Target,
                props = new Dictionary<string, object?>
                {
                    ["role"] = e.Edge.Role,
                    [key] = JsonSerializer.Serialize(new Contribution<GraphEdge>(doc.Id, published, e.Edge, e.Evidence), Json),
                },
            }).ToList();
            if (rows.Count == 0) continue;
            statements.Add(new Cypher($"""
                {IfChanged}
                UNWIND $rows AS r
                MATCH (a:Entity {"{"}id: r.source{"}"})
                MATCH (b:Entity {"{"}id: r.target{"}"})
                MERGE (a)-[x:{type} {"{"}id: r.id{"}"}]->(b)
                ON CREATE SET x += r.props, x.docs = [$doc]
                ON MATCH SET x += r.props, x.docs = {AddDoc}
                """, new { rows, doc = doc.Id, hash = doc.ContentHash }));
        }
        statements.Add(new Cypher($"""
            {IfChanged}
            MERGE (d:Document {"{"}id: $doc{"}"})
            SET d.contentHash = $hash, d.published = $published, d.title = $title, d.data = $data,
                d.nodeIds = $nodeIds, d.edgeSources = $edgeSources, d.edgeIds = $edgeIds
            """, new
        {
            doc = doc.Id,
            hash = doc.ContentHash,
            published,
            title = doc.Title,
            data = JsonSerializer.Serialize<GraphNode>(doc, Json),
            nodeIds = g.Nodes.Select(n => n.Node.Id).ToList(),
            edgeSources = g.Edges.Select(e => e.Edge.Source).ToList(),
            edgeIds = g.Edges.Select(e => e.Edge.Id).ToList(),
        }));
        var results = await neo4j.RunAsync(statements, cancellationToken);
        var previous = results[0].Count > 0 ? results[0][0][0]?.GetValue<string>() : null;
        if (previous == doc.ContentHash) return new IngestOutcome(doc.Id, IngestStatus.Unchanged, 0, 0, 0);
        return new IngestOutcome(doc.Id, previous is null ? IngestStatus.Added : IngestStatus.Updated, g.Nodes.Count, g.Edges.Count, 0);
    }

    /// <summary>
    /// The benchmark's baseline: the same node and relationship rows (same properties, names and
    /// search text) as plain <c>UNWIND ... MERGE ... SET</c> statements, without the adapter's
    /// bookkeeping (content-hash guard, retraction of the previous version, document lists, merging
    /// with what other documents stated, the Document node).
    /// </summary>
    public static IReadOnlyList<Cypher> PlainMergeStatements(DocumentGraph g)
    {
        var doc = g.Document;
        var key = FactKey(doc.Id);
        var published = doc.Published?.Start.ToString("yyyy-MM-dd") ?? "";
        var statements = new List<Cypher>();
        foreach (var label in Labels)
        {
            var rows = g.Nodes.Where(n => n.Node.Label == label).Select(n => NodeRow(n, SearchExtras(g, n), key, doc.Id, published)).ToList();
            if (rows.Count > 0)
                statements.Add(new Cypher($"UNWIND $rows AS r MERGE (x:Entity {{id: r.id}}) SET x:{label}, x += r.props, x.names = r.names, x.searchText = r.searchText", new { rows }));
        }
        foreach (var type in EdgeTypes.All)
        {
            var rows = g.Edges.Where(e => e.Edge.Type == type).Select(e => new
            {
                id = e.Edge.Id,
                source = e.Edge.Source,
                target = e.Edge.Target,
                props = new Dictionary<string, object?> { ["role"] = e.Edge.Role, [key] = JsonSerializer.Serialize(new Contribution<GraphEdge>(doc.Id, published, e.Edge, e.Evidence), Json) },
            }).ToList();
            if (rows.Count > 0)
                statements.Add(new Cypher($"UNWIND $rows AS r MATCH (a:Entity {{id: r.source}}) MATCH (b:Entity {{id: r.target}}) MERGE (a)-[x:{type} {{id: r.id}}]->(b) SET x += r.props", new { rows }));
        }
        return statements;
    }

    /// <summary>Statements that take back what a document stated; nodes and relationships that no other document states go with it.</summary>
    private static IEnumerable<Cypher> Retract(string documentId, string? unlessHash = null)
    {
        var clear = new Dictionary<string, object?> { [FactKey(documentId)] = null };
        yield return new Cypher("""
            MATCH (d:Document {id: $doc}) WHERE $hash IS NULL OR d.contentHash <> $hash
            UNWIND range(0, size(d.edgeIds) - 1) AS i
            WITH d.edgeSources[i] AS src, d.edgeIds[i] AS rid
            MATCH (a:Entity {id: src})-[x]->() WHERE x.id = rid
            SET x += $clear, x.docs = [y IN x.docs WHERE y <> $doc]
            WITH x WHERE size(x.docs) = 0
            DELETE x
            """, new { doc = documentId, clear, hash = unlessHash });
        yield return new Cypher("""
            MATCH (d:Document {id: $doc}) WHERE $hash IS NULL OR d.contentHash <> $hash
            UNWIND d.nodeIds AS nid
            MATCH (x:Entity {id: nid})
            SET x += $clear, x.docs = [y IN x.docs WHERE y <> $doc]
            WITH x WHERE size(x.docs) = 0
            DETACH DELETE x
            """, new { doc = documentId, clear, hash = unlessHash });
    }

    public async Task<bool> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        var statements = Retract(documentId).ToList();
        statements.Add(new Cypher("MATCH (d:Document {id: $id}) DETACH DELETE d RETURN count(*)", new { id = documentId }));
        var results = await neo4j.RunAsync(statements, cancellationToken);
        return results[^1].Count > 0 && results[^1][0][0]!.GetValue<int>() > 0;
    }

    /// <summary>One document's statement of a node or relationship, as stored in its f_ property.</summary>
    private sealed record Contribution<T>(string DocumentId, string Published, T Data, IReadOnlyList<EvidenceSpan> Evidence);

    /// <summary>What a search should find a node by besides its names: a person's office titles, an event's quotes.</summary>
    private static IEnumerable<string> SearchExtras(DocumentGraph g, NodeFact fact) => fact.Node switch
    {
        Person p => g.Edges.Where(e => e.Edge.Type == EdgeTypes.Holds && e.Edge.Source == p.Id)
            .SelectMany(e => g.Nodes.Where(o => o.Node.Id == e.Edge.Target).SelectMany(o => o.Node.Names())),
        Event => fact.Evidence.Select(e => e.Quote),
        _ => [],
    };

    private static object NodeRow(NodeFact fact, IEnumerable<string> searchExtras, string key, string documentId, string published)
    {
        var n = fact.Node;
        var props = new Dictionary<string, object?>
        {
            ["label"] = n.Label,
            ["name"] = n.DisplayName,
            [key] = JsonSerializer.Serialize(new Contribution<GraphNode>(documentId, published, n, fact.Evidence), Json),
        };
        switch (n)
        {
            case Event e:
                props["type"] = e.Type.ToString();
                props["dateStart"] = e.Date.Start.ToString("yyyy-MM-dd");
                props["dateEnd"] = e.Date.End.ToString("yyyy-MM-dd");
                props["precision"] = (int)e.Date.Precision;
                break;
            case Agreement a:
                props["dateStart"] = a.Date?.Start.ToString("yyyy-MM-dd");
                props["status"] = a.Status.ToString();
                break;
            case Place p:
                props["kind"] = p.Kind.ToString();
                props["iso"] = p.Iso;
                break;
        }
        return new
        {
            id = n.Id,
            props,
            names = n.Names().Select(TextFold.Fold).Where(x => x.Length > 0).Distinct().ToList(),
            searchText = TextFold.Fold(string.Join(" | ", n.Names().Concat(searchExtras))),
        };
    }

    // ---------------------------------------------------------------- reads

    // Appended to a statement that has bound `ids` (a list of node ids): each node's properties (with
    // every document's statement of it), or the document node itself, in the order of `ids`.
    private const string NodesOfIds = """
        UNWIND (CASE WHEN size(ids) = 0 THEN [null] ELSE range(0, size(ids) - 1) END) AS i
        WITH i, ids[i] AS nid
        OPTIONAL MATCH (x:Entity {id: nid})
        OPTIONAL MATCH (d:Document {id: nid})
        RETURN nid, properties(x), d.data ORDER BY i
        """;

    // The same for a page: carries the total count along.
    private const string PageOfIds = """
        UNWIND (CASE WHEN size(ids) = 0 THEN [null] ELSE range(0, size(ids) - 1) END) AS i
        WITH total, i, ids[i] AS nid
        OPTIONAL MATCH (x:Entity {id: nid})
        RETURN total, nid, properties(x), null ORDER BY i
        """;

    private static List<Contribution<T>> Contributions<T>(JsonNode? properties) =>
        properties is not JsonObject props ? []
        : props.Where(kv => kv.Key.StartsWith("f_", StringComparison.Ordinal) && kv.Value is not null)
            .Select(kv => JsonSerializer.Deserialize<Contribution<T>>(kv.Value!.GetValue<string>(), Json)!)
            .OrderBy(c => c.DocumentId, StringComparer.Ordinal).ToList();

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
            var contributions = Contributions<GraphNode>(row[1]).Select(c => (Stub(c.DocumentId, c.Published), c.Data)).ToList();
            if (contributions.Count > 0) nodes.Add(NodeMerge.Merge(contributions));
        }
        return nodes;
    }

    private static Document Stub(string id, string? published) =>
        new(id, "", null, published is { Length: > 0 } p && DateOnly.TryParse(p, out var d) ? FuzzyDate.FromDate(d) : null, null, "und", "", null);

    public async Task<IReadOnlyList<GraphNode>> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        var r = reference.Trim();
        if (r.Length == 0) return [];
        var rows = await neo4j.RunAsync(new Cypher($"""
            OPTIONAL MATCH (x:Entity) WHERE x.id IN $forms
            WITH collect(x.id) AS entities
            OPTIONAL MATCH (d:Document) WHERE d.id IN $forms
            WITH entities + collect(d.id) AS exact
            OPTIONAL MATCH (n:Entity) WHERE size(exact) = 0 AND $folded IN n.names
            WITH exact, collect(n.id) AS named
            WITH CASE WHEN size(exact) > 0 THEN exact[0..1] ELSE named END AS ids
            {NodesOfIds}
            """, new { forms = new[] { r, r.ToUpperInvariant(), r.ToLowerInvariant() }, folded = TextFold.Fold(r) }), cancellationToken);
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
        var pattern = direction switch
        {
            Direction.Outgoing => "(a:Entity)-[r]->(b:Entity)",
            Direction.Incoming => "(a:Entity)<-[r]-(b:Entity)",
            _ => "(a:Entity)-[r]-(b:Entity)",
        };
        var rows = await neo4j.RunAsync(new Cypher($"""
            UNWIND $ids AS id
            MATCH {pattern} WHERE a.id = id AND ($types IS NULL OR type(r) IN $types)
            WITH DISTINCT r
            RETURN r.id, properties(r)
            """, new { ids = nodeIds.Distinct().ToList(), types = types?.ToList() }), cancellationToken);
        return rows.Select(row =>
        {
            var contributions = Contributions<GraphEdge>(row[1]);
            return new Relationship(NodeMerge.MergeEdge(contributions.Select(c => c.Data).ToList()), contributions.SelectMany(c => c.Evidence).ToList());
        }).Where(r => r.Edge.Type.Length > 0).OrderBy(r => r.Edge.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<EvidenceSpan>>> GetEvidenceAsync(IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken)
    {
        var result = nodeIds.Distinct().ToDictionary(id => id, _ => (IReadOnlyList<EvidenceSpan>)[]);
        if (result.Count == 0) return result;
        var rows = await neo4j.RunAsync(new Cypher("""
            UNWIND $ids AS id
            MATCH (x:Entity {id: id})
            RETURN id, properties(x)
            """, new { ids = result.Keys.ToList() }), cancellationToken);
        foreach (var row in rows)
            result[row[0]!.GetValue<string>()] = Contributions<GraphNode>(row[1]).SelectMany(c => c.Evidence).ToList();
        return result;
    }

    // An actor is reached from an event through INVOLVES, AT or PARTICIPANT, or a participant's
    // office (HOLDS, OF), then any number of PART_OF or BASED_IN steps: the embedded store's Reach.
    private const string EventReaches = """
        ((e)-[:INVOLVES|AT|PARTICIPANT]->()-[:PART_OF|BASED_IN*0..]->(:Entity {id: $ACTOR})
         OR (e)-[:PARTICIPANT]->(:Person)-[:HOLDS]->(:Office)-[:OF]->()-[:PART_OF|BASED_IN*0..]->(:Entity {id: $ACTOR}))
        """;

    public async Task<Page<Event>> FindEventsAsync(EventFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var rows = await neo4j.RunAsync(new Cypher($"""
            MATCH (e:Event)
            WHERE ($types IS NULL OR e.type IN $types)
              AND ($from IS NULL OR e.dateEnd >= $from)
              AND ($to IS NULL OR e.dateStart <= $to)
              AND ($actor IS NULL OR {EventReaches.Replace("$ACTOR", "$actor", StringComparison.Ordinal)})
              AND ($counterpart IS NULL OR {EventReaches.Replace("$ACTOR", "$counterpart", StringComparison.Ordinal)})
            WITH e ORDER BY e.dateStart, e.precision, e.id
            WITH collect(e.id) AS all
            WITH size(all) AS total, all[$skip..$end] AS ids
            {PageOfIds}
            """, new
        {
            types = filter.Types is { Count: > 0 } t ? t.Select(x => x.ToString()).ToList() : null,
            from = filter.From?.Start.ToString("yyyy-MM-dd"),
            to = filter.To?.End.ToString("yyyy-MM-dd"),
            actor = filter.Actor,
            counterpart = filter.Counterpart,
            skip = page.Offset,
            end = page.Offset + page.First,
        }), cancellationToken);
        return ReadPage<Event>(rows, page);
    }

    public async Task<Page<Agreement>> FindAgreementsAsync(string party, string? counterparty, PageRequest page, CancellationToken cancellationToken)
    {
        var rows = await neo4j.RunAsync(new Cypher($"""
            MATCH (a:Agreement)
            WHERE (a)-[:PARTY]->()-[:PART_OF|BASED_IN*0..]->(:Entity {"{"}id: $party{"}"})
              AND ($counterparty IS NULL OR (a)-[:PARTY]->()-[:PART_OF|BASED_IN*0..]->(:Entity {"{"}id: $counterparty{"}"}))
            WITH a ORDER BY a.dateStart, a.id
            WITH collect(a.id) AS all
            WITH size(all) AS total, all[$skip..$end] AS ids
            {PageOfIds}
            """, new { party, counterparty, skip = page.Offset, end = page.Offset + page.First }), cancellationToken);
        return ReadPage<Agreement>(rows, page);
    }

    private static Page<T> ReadPage<T>(IReadOnlyList<JsonArray> rows, PageRequest page) where T : GraphNode
    {
        var total = rows.Count > 0 ? rows[0][0]!.GetValue<int>() : 0;
        var items = ReadNodes(rows.Select(r => new JsonArray(r[1]?.DeepClone(), r[2]?.DeepClone(), r[3]?.DeepClone())).ToList()).OfType<T>().ToList();
        return new Page<T>(items, total, page.Offset);
    }

    private static readonly string[] LabelOrder = ["Place", "Person", "Organization", "Office", "Agreement", "Event", "Statistic", "Document"];

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
        var ranked = candidates.Select(n =>
        {
            var names = n.Names().Select(TextFold.Fold).ToList();
            var score = names.Contains(needle) ? 0
                : names.Any(x => x.StartsWith(needle, StringComparison.Ordinal)) ? 1
                : names.Any(x => $" {x} ".Contains($" {needle} ", StringComparison.Ordinal)) ? 2 : 3;
            return (Node: n, Score: score);
        }).OrderBy(h => h.Score).ThenBy(h => Array.IndexOf(LabelOrder, h.Node.Label))
            .ThenBy(h => h.Node.DisplayName, StringComparer.Ordinal).ThenBy(h => h.Node.Id, StringComparer.Ordinal).Select(h => h.Node).ToList();
        return new Page<GraphNode>(ranked.Skip(page.Offset).Take(page.First).ToList(), ranked.Count, page.Offset);
    }

    public async Task<GraphCounts> CountAsync(CancellationToken cancellationToken)
    {
        var results = await neo4j.RunAsync([
            new Cypher("MATCH (d:Document) RETURN count(d)"),
            new Cypher("MATCH (n:Entity) RETURN n.label, count(n)"),
            new Cypher("MATCH (:Entity)-[r]->(:Entity) RETURN count(r)"),
        ], cancellationToken);
        var byLabel = results[1].Where(r => r[0] is not null).OrderBy(r => r[0]!.GetValue<string>(), StringComparer.Ordinal)
            .ToDictionary(r => r[0]!.GetValue<string>(), r => r[1]!.GetValue<int>());
        return new GraphCounts(results[0][0][0]!.GetValue<int>(), byLabel.Values.Sum(), results[2][0][0]!.GetValue<int>(), byLabel);
    }

    public void Dispose() => neo4j.Dispose();
}
