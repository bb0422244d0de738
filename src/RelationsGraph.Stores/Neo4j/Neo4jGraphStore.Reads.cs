using System.Text.Json;
using System.Text.Json.Nodes;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Text;

namespace RelationsGraph.Stores.Neo4j;

/// <summary>Reads: each a question of the API answered in one request.</summary>
public sealed partial class Neo4jGraphStore
{
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

    public async Task<IReadOnlyList<GraphNode>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return [];
        var rows = await neo4j.RunAsync(new Cypher("WITH $ids AS ids " + NodesOfIds, new { ids }), cancellationToken);
        var byId = ReadNodes(rows).ToDictionary(n => n.Id);
        return ids.Select(id => byId.GetValueOrDefault(id)).OfType<GraphNode>().ToList();
    }

    public async Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(IReadOnlyCollection<string> nodeIds, Direction direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken) =>
        (await NeighboursAsync(nodeIds, direction, types, withEvidence: true, withNodes: false, cancellationToken)).Relationships;

    public async Task<Neighbourhood> GetNeighboursAsync(IReadOnlyCollection<string> nodeIds, Direction direction, IReadOnlyCollection<string>? types, bool withEvidence, CancellationToken cancellationToken)
    {
        // a HOLDS relationship is titled from its documents' statements, so it is read with them either way
        var read = await NeighboursAsync(nodeIds, direction, types, withEvidence || types is null || types.Contains(EdgeTypes.Holds), withNodes: true, cancellationToken);
        return withEvidence ? read : read with { Relationships = read.Relationships.Select(r => r with { Evidence = [], StatedDates = null }).ToList() };
    }

    /// <summary>
    /// Relationships of the nodes, and in the same request (one transaction, one round trip) the
    /// quotes of the documents that state them and the nodes at their ends, each when asked for.
    /// </summary>
    private async Task<Neighbourhood> NeighboursAsync(IReadOnlyCollection<string> nodeIds, Direction direction, IReadOnlyCollection<string>? types, bool withEvidence, bool withNodes, CancellationToken cancellationToken)
    {
        var none = new Neighbourhood([], new Dictionary<string, GraphNode>());
        if (nodeIds.Count == 0) return none;
        // The types go into the pattern (types cannot be parameters; only known ones are written), so
        // that Neo4j reads only those relationships of a node: a country has tens of thousands of
        // INVOLVES and MENTIONS, and a handful of PART_OF.
        // never the store's own COUNTS_FOR
        var typeList = string.Join('|', EdgeTypes.All.Where(t => types is null || types.Contains(t)));
        if (typeList.Length == 0) return none;
        var rel = $"[r:{typeList}]";
        var pattern = direction switch
        {
            Direction.Outgoing => $"(a:Entity)-{rel}->(b:Entity)",
            Direction.Incoming => $"(a:Entity)<-{rel}-(b:Entity)",
            _ => $"(a:Entity)-{rel}-(b:Entity)",
        };
        var matched = $"""
            UNWIND $ids AS id
            MATCH {pattern} WHERE a.id = id
            WITH DISTINCT r
            """;
        // The quotes are in the documents that stated the relationship, which mention its start node;
        // each such mention keeps the document's quotes of that node and of the relationships from it
        // (see MentionEvidence), and crosses the wire once, in a statement of its own.
        const string stated = """
            WITH r, startNode(r) AS s
            OPTIONAL MATCH (d:Document)-[m:MENTIONS]->(s) WHERE r.id IN d.edgeIds
            """;
        var p = new { ids = nodeIds.Distinct().ToList() };
        var statements = new List<Cypher>
        {
            withEvidence
                ? new Cypher($"""
                    {matched}
                    {stated}
                    WITH r, s, d ORDER BY d.id
                    RETURN r.id, type(r), s.id, endNode(r).id, r.role, r.asOf, collect(d.id), r.title
                    """, p)
                : new Cypher($"""
                    {matched}
                    RETURN r.id, type(r), startNode(r).id, endNode(r).id, r.role, r.asOf, [], r.title
                    """, p),
        };
        if (withEvidence)
            statements.Add(new Cypher($"""
                {matched}
                {stated}
                WITH DISTINCT d, s, m WHERE d IS NOT NULL
                RETURN d.id, s.id, coalesce(m.evidence, d.evidence)
                """, p));
        if (withNodes)
            statements.Add(new Cypher($"""
                {matched}
                UNWIND [startNode(r), endNode(r)] AS x
                WITH DISTINCT x
                RETURN x.id, [x.data, x.allNames], null
                """, p));
        var results = await neo4j.RunAsync(statements, cancellationToken);
        var byMention = new Dictionary<(string Document, string Node), DocumentEvidence>();
        if (withEvidence)
            foreach (var row in results[1].Where(r => r[2] is not null))
                byMention.TryAdd((row[0]!.GetValue<string>(), row[1]!.GetValue<string>()), JsonSerializer.Deserialize<DocumentEvidence>(row[2]!.GetValue<string>(), Json)!);
        var relationships = results[0].Select(row =>
        {
            var id = row[0]!.GetValue<string>();
            var source = row[2]!.GetValue<string>();
            var asOf = row[5]?.GetValue<string>() is { } a && FuzzyDate.TryParse(a, out var d) ? d : (FuzzyDate?)null;
            var documents = ((JsonArray)row[6]!).Select(x => byMention.GetValueOrDefault((x!.GetValue<string>(), source))).OfType<DocumentEvidence>().ToList();
            // A HOLDS edge is worded from its documents' statements, as the embedded store words it; the
            // relationship's own title (the last written) only for documents written before titles were kept.
            var title = NodeMerge.HolderTitle(documents.Select(d => (d.AsOf?.GetValueOrDefault(id) is { } s ? FuzzyDate.Parse(s) : (FuzzyDate?)null, d.Titles?.GetValueOrDefault(id))))
                ?? row[7]?.GetValue<string>();
            var edge = new GraphEdge(row[1]!.GetValue<string>(), source, row[3]!.GetValue<string>(), row[4]?.GetValue<string>(), asOf, title);
            return withEvidence
                ? new Relationship(edge, documents.SelectMany(d => d.Of(id)).ToList(),
                    documents.Select(d => d.AsOf?.GetValueOrDefault(id)).OfType<string>().Select(FuzzyDate.Parse).Distinct().Order().ToList())
                : new Relationship(edge, []);
        }).OrderBy(r => r.Edge.Id, StringComparer.Ordinal).ToList();
        var nodes = withNodes ? ReadNodes(results[^1]).ToDictionary(n => n.Id) : new Dictionary<string, GraphNode>();
        return new Neighbourhood(relationships, nodes);
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<EvidenceSpan>>> GetEvidenceAsync(IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken)
    {
        var result = nodeIds.Distinct().ToDictionary(id => id, _ => (IReadOnlyList<EvidenceSpan>)[]);
        if (result.Count == 0) return result;
        // each mention keeps the document's quotes of the node (see MentionEvidence); a mention written
        // before those were kept has the document's
        var rows = await neo4j.RunAsync(new Cypher("""
            UNWIND $ids AS id
            MATCH (d:Document)-[m:MENTIONS]->(x:Entity {id: id})
            WITH id, d, m ORDER BY d.id
            RETURN id, collect(coalesce(m.evidence, d.evidence))
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
    public Task<IReadOnlyList<EventTally>> TallyEventsAsync(EventFilter filter, CancellationToken cancellationToken) =>
        TallyAsync(filter, "CASE WHEN item.precision >= 1 THEN substring(item.dateStart, 5, 2) END", cancellationToken);

    /// <summary>By year: a tenth of the rows of <see cref="TallyEventsAsync"/> (one per year and type rather than per month and type).</summary>
    public Task<IReadOnlyList<EventTally>> TallyEventsByYearAsync(EventFilter filter, CancellationToken cancellationToken) =>
        TallyAsync(filter, "null", cancellationToken);

    private async Task<IReadOnlyList<EventTally>> TallyAsync(EventFilter filter, string month, CancellationToken cancellationToken)
    {
        var (items, parameters) = EventsOf(filter);
        var rows = await neo4j.RunAsync(new Cypher($"""
            {items}
            WITH substring(item.dateStart, 0, 4) AS year, {month} AS month, item.type AS type
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
}
