using System.Text.Json;
using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Stores.Neo4j;

/// <summary>
/// Writes a run of documents (none of them stored, or its stored version retracted just before; none
/// twice) with a handful of statements for the whole run instead of a handful per document. What the
/// statements leave is what writing the
/// documents one by one in their order leaves:
/// <list type="bullet">
/// <item>an entity several documents state is merged once: its names are the union in the order the
/// documents give them, its search text grows by each document's text in turn, and its properties are
/// those of the version that wins over the stored one and the others (<see cref="Wins"/> is a total order);</item>
/// <item>each relationship row is merged in document order, so its count of documents, title and date
/// come out as one by one;</item>
/// <item>a relationship no document stated before the run (its count equals the number of the run's
/// documents that state it) grows the roll-up once, from the graph with all of the run's relationships
/// in it (<see cref="Neo4jRollUp.Grow"/> adds what the new relationship adds to what items reach,
/// whatever else is new).</item>
/// </list>
/// </summary>
public sealed partial class Neo4jGraphStore
{
    private static IEnumerable<Cypher> NewDocumentStatements(IReadOnlyList<DocumentGraph> run)
    {
        if (run.Count == 0) yield break;
        var documents = run.Select(DocumentRows.Of).ToList();
        yield return new Cypher("""
            UNWIND $rows AS r
            MERGE (d:Document {id: r.id})
            SET d += r.props
            """, new { rows = documents.Select(d => new { id = d.Id, props = d.DocumentProps }).ToList() });

        yield return new Cypher($"""
            UNWIND $rows AS r
            MERGE (x:Entity {"{"}id: r.id{"}"})
            ON CREATE SET x.allNames = [], x.names = [], x.searchText = r.searchTexts[0]
            // as each document in turn: a name or text is added when the entity does not have it yet
            WITH x, r, [n IN r.allNames WHERE NOT n IN x.allNames] AS newAll, [n IN r.names WHERE NOT n IN x.names] AS newNames,
                reduce(acc = x.searchText, s IN r.searchTexts | CASE WHEN acc CONTAINS s THEN acc ELSE acc + ' | ' + s END) AS searchText, {IndexedNames}
            {IndexNewNames}
            FOREACH (_ IN CASE WHEN size(newAll) > 0 THEN [1] ELSE [] END | SET x.allNames = x.allNames + newAll)
            FOREACH (_ IN CASE WHEN size(newNames) > 0 THEN [1] ELSE [] END | SET x.names = x.names + newNames)
            FOREACH (_ IN CASE WHEN searchText <> x.searchText THEN [1] ELSE [] END | SET x.searchText = searchText)
            {SetLabel}
            WITH x, r.win AS w WHERE {Wins("w.props", "w.published", "w.doc")}
            SET x += w.props, x.data = w.data, x.published = w.published, x.docId = w.doc
            """, new { rows = MergedNodes(documents) });

        // one statement per type: the type is no parameter, and a statement of one MERGE per row does the least work per row;
        // a relationship created from an event or agreement changes that item's roll-up, so the item is marked as it is created
        foreach (var type in EdgeTypes.All)
            foreach (var item in new[] { false, true })
            {
                // grouped by start node, each group in document order (a relationship's rows stay in order): one index seek per start node
                var groups = documents.SelectMany(d => d.Edges.Where(e => e.type == type && e.item == item))
                    .GroupBy(e => e.source, StringComparer.Ordinal).Select(g => new { source = g.Key, rows = g.ToList() }).ToList();
                if (groups.Count > 0)
                    yield return new Cypher($$"""
                        UNWIND $groups AS g
                        MATCH (a:Entity {id: g.source}) USING INDEX a:Entity(id)
                        UNWIND g.rows AS r
                        MATCH (b:Entity {id: r.target})
                        {{MergeEdge(type, item ? $", a:{Neo4jRollUp.Dirty}" : "")}}
                        """, new { groups });
            }

        var marks = RollUpMarks(run);
        // the same for relationships whose start the document does not state (so whose kind it does not give): read from the graph
        var stray = documents.SelectMany(d => d.StrayItemEdges).ToHashSet(StringComparer.Ordinal);
        var items = marks.Where(m => stray.Contains(m.Id)).Select(m => m.Row).ToList();
        if (items.Count > 0)
            yield return new Cypher($"""
                UNWIND $marks AS r
                MATCH (a:Entity {"{"}id: r.source{"}"})-[x]->() WHERE x.id = r.id AND x.refs = r.count AND (a:Event OR a:Agreement)
                SET a:{Neo4jRollUp.Dirty}
                """, new { marks = items });
        var upward = marks.Where(m => !Neo4jRollUp.ItemTypes.Contains(m.Type)).Select(m => m.Row).ToList();
        if (upward.Count > 0)
            yield return new Cypher($"""
                UNWIND $marks AS r
                MATCH (a:Entity {"{"}id: r.source{"}"})-[x]->(b) WHERE x.id = r.id AND x.refs = r.count
                WITH a, b, type(x) AS t
                {Neo4jRollUp.Grow}
                """, new { marks = upward });

        yield return new Cypher("""
            UNWIND $documents AS dr
            // the hint: given a list of maps, Neo4j 3.1's planner may scan every document's id instead of seeking
            MATCH (d:Document {id: dr.id}) USING INDEX d:Document(id)
            UNWIND dr.mentions AS r
            MATCH (x:Entity {id: r.id})
            CREATE (d)-[m:MENTIONS]->(x)
            SET m = r.version, m.evidence = r.evidence
            """, new { documents = documents.Select(d => new { id = d.Id, mentions = d.Mentions }).ToList() });
    }

    /// <summary>One row per entity the run states: its names and search texts in document order, and the version that wins among the run's.</summary>
    private static List<Dictionary<string, object?>> MergedNodes(IReadOnlyList<DocumentRows> documents) =>
        documents.SelectMany(d => d.Nodes.Select(n => (Document: d, Node: n)))
            .GroupBy(x => (string)x.Node["id"]!, StringComparer.Ordinal)
            .Select(versions =>
            {
                var winner = versions.Aggregate((best, next) => DocumentRows.Beats(next, best) ? next : best);
                return new Dictionary<string, object?>
                {
                    ["id"] = versions.Key,
                    ["allNames"] = versions.SelectMany(v => (List<string>)v.Node["allNames"]!).Distinct().ToList(),
                    ["names"] = versions.SelectMany(v => (List<string>)v.Node["names"]!).Distinct().ToList(),
                    ["searchTexts"] = versions.Select(v => (string)v.Node["searchText"]!).ToList(),
                    ["props"] = new Dictionary<string, object?> { ["label"] = ((Dictionary<string, object?>)winner.Node["props"]!)["label"] },
                    ["win"] = new { props = winner.Node["props"], data = winner.Node["data"], published = winner.Document.Published, doc = winner.Document.Id },
                };
            }).ToList();

    /// <summary>What a document writes, as the rows of the statements that write it.</summary>
    private sealed record DocumentRows(
        string Id, string Published, List<Dictionary<string, object?>> Nodes, List<EdgeRow> Edges, List<MentionRow> Mentions, Dictionary<string, object?> DocumentProps,
        List<string> StrayItemEdges)
    {
        public static DocumentRows Of(DocumentGraph g)
        {
            var doc = g.Document;
            var published = doc.Published?.Start.ToString("yyyy-MM-dd") ?? "";
            // each node's row once: written to the node, and kept as this document's version of it on its MENTIONS
            var nodes = g.Nodes.Select(n => NodeRow(n, SearchExtras(g, n))).ToList();
            var labels = g.Nodes.ToDictionary(n => n.Node.Id, n => n.Node.Label, StringComparer.Ordinal);
            // from an event or agreement (the items of the roll-up), of a type that counts for it
            bool Item(GraphEdge e) => Neo4jRollUp.ItemTypes.Contains(e.Type) && labels.GetValueOrDefault(e.Source) is "Event" or "Agreement";
            var edges = g.Edges.Select(e => new EdgeRow(e.Edge.Id, e.Edge.Type, e.Edge.Source, e.Edge.Target, e.Edge.Role, e.Edge.AsOf?.ToString(), e.Edge.Title, Item(e.Edge))).ToList();
            var stray = g.Edges.Where(e => Neo4jRollUp.ItemTypes.Contains(e.Edge.Type) && !labels.ContainsKey(e.Edge.Source)).Select(e => e.Edge.Id).ToList();
            // each mention keeps the document's quotes of its node and of the relationships from it (read side: Neo4jGraphStore.Reads)
            var evidence = DocumentEvidence.From(g);
            var byMention = evidence.ByMention(g.Nodes.Select(n => n.Node.Id), g.Edges.Select(e => e.Edge.Source).ToList(), g.Edges.Select(e => e.Edge.Id).ToList());
            var mentions = g.Nodes.Select((n, i) => new MentionRow(n.Node.Id, Version(nodes[i], published), JsonSerializer.Serialize(byMention[n.Node.Id], Json))).ToList();
            var props = new Dictionary<string, object?>
            {
                ["contentHash"] = doc.ContentHash,
                ["published"] = published,
                ["title"] = doc.Title,
                ["data"] = JsonSerializer.Serialize<GraphNode>(doc, Json),
                ["evidence"] = JsonSerializer.Serialize(evidence, Json),
                ["edgeSources"] = g.Edges.Select(e => e.Edge.Source).ToList(),
                ["edgeIds"] = g.Edges.Select(e => e.Edge.Id).ToList(),
            };
            return new DocumentRows(doc.Id, published, nodes, edges, mentions, props, stray);
        }

        /// <summary>Whether a version of a node beats another under <see cref="Wins"/>: name rank, then the later published date, then the smaller document id.</summary>
        public static bool Beats((DocumentRows Document, Dictionary<string, object?> Node) a, (DocumentRows Document, Dictionary<string, object?> Node) b)
        {
            static int Rank(Dictionary<string, object?> node) => ((Dictionary<string, object?>)node["props"]!).GetValueOrDefault("nameRank") is int r ? r : 0;
            if (Rank(a.Node) != Rank(b.Node)) return Rank(a.Node) > Rank(b.Node);
            var published = string.CompareOrdinal(a.Document.Published, b.Document.Published);
            return published != 0 ? published > 0 : string.CompareOrdinal(a.Document.Id, b.Document.Id) <= 0;
        }
    }

    private sealed record EdgeRow(string id, string type, string source, string target, string? role, string? asOf, string? title, bool item);

    private sealed record MentionRow(string id, Dictionary<string, object?> version, string evidence);
}
