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
/// their kind label; what each document states about a node or edge is a <c>:Fact</c> node (its data
/// as that document gives it, and the quotes), so a document is replaced or retracted exactly, and
/// nodes merge across documents as in the embedded store. Every store call is one HTTP request.
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

    public async Task<IngestOutcome> WriteDocumentAsync(DocumentGraph g, CancellationToken cancellationToken)
    {
        var doc = g.Document;
        var existing = await neo4j.RunAsync(new Cypher("MATCH (d:Document {id: $id}) RETURN d.contentHash", new { id = doc.Id }), cancellationToken);
        var previous = existing.Count > 0 ? existing[0][0]?.GetValue<string>() : null;
        if (previous == doc.ContentHash) return new IngestOutcome(doc.Id, IngestStatus.Unchanged, 0, 0, 0);

        var statements = new List<Cypher>(Retract(doc.Id));
        var published = doc.Published?.Start.ToString("yyyy-MM-dd") ?? "";
        foreach (var label in Labels)
        {
            var rows = g.Nodes.Where(n => n.Node.Label == label).Select(n => NodeRow(n, SearchExtras(g, n))).ToList();
            if (rows.Count == 0) continue;
            // the label comes from the fixed list above, never from input
            statements.Add(new Cypher($"""
                UNWIND $rows AS r
                MERGE (x:Entity {"{"}id: r.id{"}"})
                SET x:{label}, x += r.props
                SET x.names = reduce(acc = coalesce(x.names, []), n IN r.names | CASE WHEN n IN acc THEN acc ELSE acc + n END)
                SET x.searchText = CASE WHEN x.searchText IS NULL OR NOT x.searchText CONTAINS r.searchText THEN coalesce(x.searchText + ' | ', '') + r.searchText ELSE x.searchText END
                """, new { rows }));
        }
        foreach (var type in EdgeTypes.All)
        {
            var rows = g.Edges.Where(e => e.Edge.Type == type)
                .Select(e => new { id = e.Edge.Id, source = e.Edge.Source, target = e.Edge.Target, role = e.Edge.Role }).ToList();
            if (rows.Count == 0) continue;
            statements.Add(new Cypher($"""
                UNWIND $rows AS r
                MATCH (a:Entity {"{"}id: r.source{"}"})
                MATCH (b:Entity {"{"}id: r.target{"}"})
                MERGE (a)-[x:{type} {"{"}id: r.id{"}"}]->(b)
                SET x.role = r.role
                """, new { rows }));
        }
        var facts = g.Nodes.Select(n => new { factId = n.Node.Id, kind = "node", src = (string?)null, data = JsonSerializer.Serialize(n.Node, Json), evidence = JsonSerializer.Serialize(n.Evidence, Json) })
            .Concat(g.Edges.Select(e => new { factId = e.Edge.Id, kind = "edge", src = (string?)e.Edge.Source, data = JsonSerializer.Serialize(e.Edge, Json), evidence = JsonSerializer.Serialize(e.Evidence, Json) }))
            .ToList();
        statements.Add(new Cypher("""
            UNWIND $facts AS f
            CREATE (:Fact {docId: $doc, published: $published, factId: f.factId, kind: f.kind, src: f.src, data: f.data, evidence: f.evidence})
            """, new { facts, doc = doc.Id, published }));
        statements.Add(new Cypher("""
            MERGE (d:Document {id: $id})
            SET d.contentHash = $hash, d.published = $published, d.title = $title, d.data = $data
            """, new { id = doc.Id, hash = doc.ContentHash, published, title = doc.Title, data = JsonSerializer.Serialize<GraphNode>(doc, Json) }));
        await neo4j.RunAsync(statements, cancellationToken);
        return new IngestOutcome(doc.Id, previous is null ? IngestStatus.Added : IngestStatus.Updated, g.Nodes.Count, g.Edges.Count, 0);
    }

    /// <summary>Statements that take back what a document stated; nodes and edges that no other document states go with it.</summary>
    private static IEnumerable<Cypher> Retract(string documentId)
    {
        yield return new Cypher("""
            MATCH (f:Fact {docId: $doc}) WHERE f.kind = 'edge'
            WITH f, f.factId AS id, f.src AS src
            DELETE f
            WITH DISTINCT id, src
            OPTIONAL MATCH (o:Fact {factId: id})
            WITH id, src, count(o) AS others WHERE others = 0
            MATCH (a:Entity {id: src})-[r]->() WHERE r.id = id
            DELETE r
            """, new { doc = documentId });
        yield return new Cypher("""
            MATCH (f:Fact {docId: $doc}) WHERE f.kind = 'node'
            WITH f, f.factId AS id
            DELETE f
            WITH DISTINCT id
            OPTIONAL MATCH (o:Fact {factId: id})
            WITH id, count(o) AS others WHERE others = 0
            MATCH (n:Entity {id: id})
            DETACH DELETE n
            """, new { doc = documentId });
    }

    public async Task<bool> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        var statements = Retract(documentId).ToList();
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

    private static object NodeRow(NodeFact fact, IEnumerable<string> searchExtras)
    {
        var n = fact.Node;
        var props = new Dictionary<string, object?> { ["label"] = n.Label, ["name"] = n.DisplayName };
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

    // Appended to a statement that has bound `ids` (a list of node ids, nulls skipped): each node's
    // contributions from every document, or the document node itself.
    private const string NodesOfIds = """
        UNWIND (CASE WHEN size(ids) = 0 THEN [null] ELSE ids END) AS nid
        OPTIONAL MATCH (f:Fact {factId: nid}) WHERE f.kind = 'node'
        WITH nid, collect([f.docId, f.published, f.data]) AS contributions
        OPTIONAL MATCH (d:Document {id: nid})
        RETURN nid, contributions, d.data
        """;

    // The same for a page: carries the total count along.
    private const string PageOfIds = """
        UNWIND (CASE WHEN size(ids) = 0 THEN [null] ELSE range(0, size(ids) - 1) END) AS i
        WITH total, i, ids[i] AS nid
        OPTIONAL MATCH (f:Fact {factId: nid}) WHERE f.kind = 'node'
        WITH total, i, nid, collect([f.docId, f.published, f.data]) AS contributions
        RETURN total, nid, contributions, null ORDER BY i
        """;

    private static List<GraphNode> ReadNodes(IReadOnlyList<JsonArray> rows, bool keepOrder = true)
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
            var contributions = ((JsonArray)row[1]!).Select(c => (JsonArray)c!).Where(c => c[2] is not null)
                .Select(c => (Stub(c[0]!.GetValue<string>(), c[1]?.GetValue<string>()), JsonSerializer.Deserialize<GraphNode>(c[2]!.GetValue<string>(), Json)!))
                .ToList();
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
            MATCH (f:Fact {"{"}factId: r.id{"}"}) WHERE f.kind = 'edge'
            WITH r, f ORDER BY f.docId
            RETURN r.id, collect(f.data), collect(f.evidence)
            """, new { ids = nodeIds.Distinct().ToList(), types = types?.ToList() }), cancellationToken);
        return rows.Select(row =>
        {
            var edges = ((JsonArray)row[1]!).Select(d => JsonSerializer.Deserialize<GraphEdge>(d!.GetValue<string>(), Json)!).ToList();
            var evidence = ((JsonArray)row[2]!).SelectMany(e => JsonSerializer.Deserialize<List<EvidenceSpan>>(e!.GetValue<string>(), Json)!).ToList();
            return new Relationship(NodeMerge.MergeEdge(edges), evidence);
        }).OrderBy(r => r.Edge.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<EvidenceSpan>>> GetEvidenceAsync(IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken)
    {
        var result = nodeIds.Distinct().ToDictionary(id => id, _ => (IReadOnlyList<EvidenceSpan>)[]);
        if (result.Count == 0) return result;
        var rows = await neo4j.RunAsync(new Cypher("""
            UNWIND $ids AS id
            MATCH (f:Fact {factId: id}) WHERE f.kind = 'node'
            WITH id, f ORDER BY f.docId
            RETURN id, collect(f.evidence)
            """, new { ids = result.Keys.ToList() }), cancellationToken);
        foreach (var row in rows)
            result[row[0]!.GetValue<string>()] = ((JsonArray)row[1]!).SelectMany(e => JsonSerializer.Deserialize<List<EvidenceSpan>>(e!.GetValue<string>(), Json)!).ToList();
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
