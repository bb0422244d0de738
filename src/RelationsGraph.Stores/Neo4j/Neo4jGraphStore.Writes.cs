using System.Text.Json;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Text;

namespace RelationsGraph.Stores.Neo4j;

/// <summary>Writes: a document in one transaction, its retraction, and the roll-up kept with them.</summary>
public sealed partial class Neo4jGraphStore
{
    /// <summary>
    /// Whether a document's version of a node (its props <paramref name="props"/>, published date
    /// <paramref name="published"/>, document <paramref name="doc"/>) takes the place of the node's
    /// properties <c>x</c>: the latest published document's properties win; on the same date, the
    /// smallest document id (as the embedded store); before either, a person named in full over one
    /// named by surname (NodeMerge.NameRank). A total order, so the winner of several versions is the
    /// greatest whatever their order (<see cref="DocumentRows.Beats"/>).
    /// </summary>
    private static string Wins(string props, string published, string doc) => $"""
        (x.data IS NULL OR coalesce({props}.nameRank, 0) > coalesce(x.nameRank, 0)
          OR (coalesce({props}.nameRank, 0) = coalesce(x.nameRank, 0) AND ({published} > x.published OR ({published} = x.published AND {doc} <= x.docId))))
        """;

    public async Task<IngestOutcome> WriteDocumentAsync(DocumentGraph g, CancellationToken cancellationToken) =>
        (await WriteDocumentsAsync([g], cancellationToken))[0];

    /// <summary>
    /// The documents in one transaction: the batch is written all or nothing, and each document exactly
    /// as <see cref="WriteDocumentAsync"/> writes it alone, in order. The transaction first reads which
    /// of the documents are stored, and plans from that:
    /// <list type="bullet">
    /// <item>a document stored with the same content is unchanged and writes nothing;</item>
    /// <item>a new version of a stored document (or of one earlier in the batch) first retracts the old
    /// version's facts, after what comes before it is written, and is then written as a new document;</item>
    /// <item>runs of documents to write are written together (<see cref="NewDocumentStatements"/>): a statement
    /// per kind of row for the whole run, each entity merged once from the versions the run's documents give.</item>
    /// </list>
    /// Most of the cost of a write on this server is per statement row and per commit, so a batch of
    /// new documents writes several times faster than its documents one by one.
    /// </summary>
    public async Task<IReadOnlyList<IngestOutcome>> WriteDocumentsAsync(IReadOnlyList<DocumentGraph> graphs, CancellationToken cancellationToken)
    {
        if (graphs.Count == 0) return [];
        // in one order, so that two batches that share documents wait for each other instead of deadlocking
        var ids = graphs.Select(g => g.Document.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        IReadOnlyList<IngestOutcome> outcomes = [];
        await neo4j.RunAsync([new Cypher(ReadAndLockDocuments, new { ids })], read =>
        {
            var stored = read[0].Where(r => r[2]!.GetValue<bool>()).ToDictionary(r => r[0]!.GetValue<string>(), r => r[1]?.GetValue<string>(), StringComparer.Ordinal);
            (var statements, outcomes) = Plan(graphs, stored);
            return statements;
        }, cancellationToken);
        return outcomes;
    }

    /// <summary>
    /// The first part of a batch's transaction: which of the documents are stored (id, content hash, and
    /// whether it is stored; a document not stored gets its node now, which the write fills), each read
    /// under the document's write lock, held until the transaction ends. The plan rests on this read, so
    /// another writer of the same document waits for this one to commit and then reads what it wrote: each
    /// version is written once. A MERGE locks only a node it creates; setting and removing a property locks
    /// a stored one and leaves it as it was (removing a property it lacks takes no lock, and setting the
    /// hash to itself would read it before the lock).
    /// </summary>
    private const string ReadAndLockDocuments = """
        UNWIND $ids AS id
        MERGE (d:Document {id: id})
        SET d.locked = true
        REMOVE d.locked
        RETURN d.id, d.contentHash, d.data IS NOT NULL
        """;

    /// <summary>The statements that write the documents in order given what is stored (document id → content hash), and each document's outcome.</summary>
    private static (List<Cypher> Statements, List<IngestOutcome> Outcomes) Plan(IReadOnlyList<DocumentGraph> graphs, Dictionary<string, string?> stored)
    {
        var statements = new List<Cypher>();
        var outcomes = new List<IngestOutcome>(graphs.Count);
        List<DocumentGraph> run = [];
        foreach (var g in graphs)
        {
            var doc = g.Document;
            if (!stored.TryGetValue(doc.Id, out var hash))
            {
                run.Add(g);
                outcomes.Add(new IngestOutcome(doc.Id, IngestStatus.Added, g.Nodes.Count, g.Edges.Count, 0));
            }
            else if (hash == doc.ContentHash)
            {
                outcomes.Add(new IngestOutcome(doc.Id, IngestStatus.Unchanged, 0, 0, 0));
                continue;
            }
            else
            {
                // the documents before it are written first: the retraction takes back the old version as they leave it
                statements.AddRange(NewDocumentStatements(run));
                statements.AddRange(Retract(doc.Id));
                run = [g];
                outcomes.Add(new IngestOutcome(doc.Id, IngestStatus.Updated, g.Nodes.Count, g.Edges.Count, 0));
            }
            stored[doc.Id] = doc.ContentHash;
        }
        statements.AddRange(NewDocumentStatements(run));
        // the roll-ups the writes marked, once for the batch: a recomputation reads only the graph as it is now
        statements.Add(new Cypher(Neo4jRollUp.Recompute));
        return (statements, outcomes);
    }

    /// <summary>Sets the node's kind label (labels cannot be parameters: one FOREACH per label of the fixed list).</summary>
    private static string SetLabel => string.Concat(Labels.Select(l => $"FOREACH (_ IN CASE WHEN r.props.label = '{l}' AND NOT x:{l} THEN [1] ELSE [] END | SET x:{l})\n"));

    /// <summary>
    /// Merges the relationship of row <c>r</c> of type <paramref name="type"/> between <c>a</c> and <c>b</c>,
    /// counting the documents that state it; <paramref name="onCreate"/> is more to set when it is created
    /// (a label on <c>a</c>).
    /// </summary>
    private static string MergeEdge(string type, string onCreate = "") => $$"""
        MERGE (a)-[x:{{type}} {id: r.id}]->(b)
        ON CREATE SET x.role = r.role, x.asOf = r.asOf, x.title = r.title, x.refs = 1{{onCreate}}
        ON MATCH SET x.refs = x.refs + 1,
            x.title = CASE WHEN r.title IS NOT NULL AND (x.title IS NULL OR r.asOf >= x.asOf) THEN r.title ELSE x.title END,
            x.asOf = CASE WHEN r.asOf IS NOT NULL AND (x.asOf IS NULL OR r.asOf > x.asOf) THEN r.asOf ELSE x.asOf END
        """;

    /// <summary>
    /// The relationships of the documents that can move a roll-up, each once with how many of the
    /// documents state it: a relationship whose <c>refs</c> equals that count after the write was created by it.
    /// </summary>
    private static List<RollUpMark> RollUpMarks(IEnumerable<DocumentGraph> graphs) =>
        graphs.SelectMany(g => g.Edges).Where(e => Neo4jRollUp.Types.Contains(e.Edge.Type)).GroupBy(e => e.Edge.Id, StringComparer.Ordinal)
            .Select(x => new RollUpMark(x.Key, x.First().Edge.Source, x.First().Edge.Type, x.Count())).ToList();

    private sealed record RollUpMark(string Id, string Source, string Type, int Count)
    {
        public object Row => new { id = Id, source = Source, count = Count };
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
        statements.AddRange(PlainMergeStatements([g]));
        if (withProvenance)
            statements.Add(new Cypher("MATCH (d:Document {id: $doc}) UNWIND $ids AS nid MATCH (x:Entity {id: nid}) MERGE (d)-[:MENTIONS]->(x)",
                new { doc = g.Document.Id, ids = g.Nodes.Select(n => n.Node.Id).ToList() }));
        return statements;
    }

    /// <summary>
    /// The graph rows of several documents as plain statements, one per label and one per relationship
    /// type (the floor <c>bench stores --neo4j-floor</c> measures the adapter's batches against): each
    /// document's version of a node is set in turn; no counts of documents, roll-up or name index. With
    /// <paramref name="quotes"/>, also the provenance the adapter writes: each Document node with its
    /// quotes, and a MENTIONS per node with the node's quotes (not the node's version).
    /// </summary>
    public static IEnumerable<Cypher> PlainMergeStatements(IReadOnlyList<DocumentGraph> graphs, bool quotes = false)
    {
        var documents = quotes ? graphs.Select(DocumentRows.Of).ToList() : [];
        if (quotes)
            yield return new Cypher("UNWIND $rows AS r MERGE (d:Document {id: r.id}) SET d += r.props",
                new { rows = documents.Select(d => new { id = d.Id, props = d.DocumentProps }).ToList() });
        foreach (var label in Labels)
        {
            var rows = graphs.SelectMany(g => g.Nodes.Where(n => n.Node.Label == label).Select(n => NodeRow(n, SearchExtras(g, n)))).ToList();
            if (rows.Count > 0)
                yield return new Cypher($"UNWIND $rows AS r MERGE (x:Entity {{id: r.id}}) SET x:{label}, x += r.props, x.data = r.data, x.allNames = r.allNames, x.names = r.names, x.searchText = r.searchText", new { rows });
        }
        foreach (var type in EdgeTypes.All)
        {
            var rows = graphs.SelectMany(g => g.Edges).Where(e => e.Edge.Type == type)
                .Select(e => new { id = e.Edge.Id, source = e.Edge.Source, target = e.Edge.Target, role = e.Edge.Role, asOf = e.Edge.AsOf?.ToString(), title = e.Edge.Title }).ToList();
            if (rows.Count > 0)
                yield return new Cypher($"UNWIND $rows AS r MATCH (a:Entity {{id: r.source}}) MATCH (b:Entity {{id: r.target}}) MERGE (a)-[x:{type} {{id: r.id}}]->(b) SET x.role = r.role, x.asOf = r.asOf, x.title = r.title", new { rows });
        }
        if (quotes)
            yield return new Cypher("""
                UNWIND $documents AS dr
                MATCH (d:Document {id: dr.id}) USING INDEX d:Document(id)
                UNWIND dr.mentions AS r
                MATCH (x:Entity {id: r.id})
                MERGE (d)-[m:MENTIONS]->(x)
                SET m.evidence = r.evidence
                """, new { documents = documents.Select(d => new { id = d.Id, mentions = d.Mentions.Select(m => new { m.id, m.evidence }).ToList() }).ToList() });
    }

    /// <summary>Statements that take back what a document stated; nodes and relationships no other document states go with it.</summary>
    private static IEnumerable<Cypher> Retract(string documentId)
    {
        yield return new Cypher("""
            MATCH (d:Document {id: $doc})
            UNWIND range(0, size(d.edgeIds) - 1) AS i
            WITH d.edgeSources[i] AS src, d.edgeIds[i] AS rid
            MATCH (a:Entity {id: src})-[x]->() WHERE x.id = rid
            SET x.refs = x.refs - 1
            WITH a, x WHERE x.refs <= 0
            WITH a, x, type(x) AS t
            DELETE x
            """ + "\n" + Neo4jRollUp.Mark, new { doc = documentId });
        yield return new Cypher("""
            MATCH (d:Document {id: $doc})-[m:MENTIONS]->(x:Entity)
            DELETE m
            WITH DISTINCT x
            """ + "\n" + RecomputeOrDelete, new { doc = documentId });
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
    /// mentions any more are deleted. The name index follows the names (<see cref="DropStaleNames"/>).
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
        WITH x, size(versions) AS remaining
        {DropStaleNames}
        FOREACH (_ IN CASE WHEN remaining = 0 THEN [1] ELSE [] END | DETACH DELETE x)
        {DeleteOrphanNames}
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
}
