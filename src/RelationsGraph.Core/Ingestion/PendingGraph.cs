using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Text;

namespace RelationsGraph.Ingestion;

/// <summary>
/// The graph as it will be once the documents of a batch that are not written yet are: the store's
/// answers to the reads resolution makes, with what those documents state merged in as the stores merge
/// it (<see cref="NodeMerge"/>: a node is its winning statement's, by name rank, then publication date,
/// then document id, with every other name as an alias; an edge has the latest date, every stated date
/// and every quote). The worker resolves each document of a batch against it, so that a document that
/// looks up what an earlier one of the same batch states (a family name, an office's holders, a person
/// it lends) resolves as it would one by one, without the earlier one written first (on Neo4j each write
/// is a transaction of 40–60 ms).
/// <para>
/// The store is not written until <see cref="Clear"/> (the batch writes its documents, then clears this),
/// so each of its answers is kept until then: the documents of a batch share their lookups (most share
/// family names and offices), and a read the store answered once costs no second round trip. A document
/// that replaces a stored version never waits here: it may retract facts, which no overlay shows.
/// </para>
/// </summary>
public sealed class PendingGraph(IGraphStore store) : IResolutionReads
{
    private static readonly string[] NoAliases = [];

    private readonly Dictionary<string, Document> documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(Document Document, GraphNode Node)>> nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(Document Document, EdgeFact Fact)>> edges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> outgoing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> incoming = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> byName = new(StringComparer.Ordinal);
    // The store's answers since the last Clear, by what was asked: a node by id (null: none), a name, relationships.
    private readonly Dictionary<string, GraphNode?> stored = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<GraphNode>> storedNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<Relationship>> storedRelationships = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Neighbourhood> storedNeighbours = new(StringComparer.Ordinal);

    /// <summary>How many documents are pending.</summary>
    public int Count => documents.Count;

    /// <summary>
    /// True once a read met a node that the store and a pending document both state, whose merge the store's
    /// answer cannot decide in what resolution reads of it: a person under two names (or an office under two
    /// roles) of the same rank. Which one the store would show depends on which of its documents was
    /// published last, and its merged node does not say. Resolution against this view may then differ from
    /// one by one: the worker writes the pending documents first and resolves against the store. An
    /// office's title (or a place's or organization's name) resolution does not read: there the store's wins.
    /// </summary>
    public bool Undecided { get; private set; }

    /// <summary>Adds a document that will be written with the batch (not one already stored unchanged: its facts are in the store).</summary>
    public void Add(DocumentGraph g)
    {
        var doc = g.Document;
        documents[doc.Id] = doc;
        foreach (var f in g.Nodes)
        {
            State(List(nodes, f.Node.Id), (doc, f.Node));
            foreach (var name in f.Node.Names()) Set(byName, TextFold.Fold(name)).Add(f.Node.Id);
        }
        foreach (var f in g.Edges)
        {
            var statements = List(edges, f.Edge.Id);
            if (statements.Count == 0)
            {
                List(outgoing, f.Edge.Source).Add(f.Edge.Id);
                List(incoming, f.Edge.Target).Add(f.Edge.Id);
            }
            State(statements, (doc, f));
        }
    }

    /// <summary>Forgets the pending documents and the store's answers: the documents were written (or given up), and the store now answers for them.</summary>
    public void Clear()
    {
        documents.Clear();
        nodes.Clear();
        edges.Clear();
        outgoing.Clear();
        incoming.Clear();
        byName.Clear();
        stored.Clear();
        storedNames.Clear();
        storedRelationships.Clear();
        storedNeighbours.Clear();
        Undecided = false;
    }

    public async Task<IReadOnlyList<GraphNode>> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        if (!storedNames.TryGetValue(reference, out var found))
            storedNames[reference] = found = await store.ResolveAsync(reference, cancellationToken);
        var r = reference.Trim();
        if (Count == 0 || r.Length == 0) return found;
        // An id wins over names, in this order of spellings (as the stores look them up). The store found
        // one when it answers with that node alone; a pending one of an earlier spelling is not in the store
        // (the store would have answered with it).
        string[] forms = [r, r.ToUpperInvariant(), r.ToLowerInvariant()];
        var storedExact = found.Count == 1 && forms.Contains(found[0].Id, StringComparer.Ordinal) ? found[0] : null;
        foreach (var id in forms)
        {
            if (storedExact?.Id == id) return [Merge(id, storedExact)!];
            if (Merge(id, null) is { } pendingExact) return [pendingExact];
        }

        var folded = TextFold.Fold(r);
        var known = found.DistinctBy(n => n.Id).ToDictionary(n => n.Id, StringComparer.Ordinal);
        var named = byName.GetValueOrDefault(folded) ?? [];
        await StoredAsync(named.Where(id => !known.ContainsKey(id)).ToList(), cancellationToken);
        // a pending statement can add a name to a stored node, or (a place's ISO code) take one away
        return known.Keys.Union(named, StringComparer.Ordinal)
            .Select(id => Merge(id, known.GetValueOrDefault(id) ?? stored[id])).OfType<GraphNode>()
            .Where(n => n.Names().Any(name => TextFold.Fold(name) == folded))
            .OrderBy(n => n.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<GraphNode>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        await StoredAsync(ids, cancellationToken);
        return ids.Select(id => Merge(id, stored[id])).OfType<GraphNode>().ToList();
    }

    public async Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(IReadOnlyCollection<string> nodeIds, Direction direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken)
    {
        var key = Key(nodeIds, direction, types, withEvidence: true);
        if (!storedRelationships.TryGetValue(key, out var found))
            storedRelationships[key] = found = await store.GetRelationshipsAsync(nodeIds, direction, types, cancellationToken);
        return Count == 0 ? found : WithPending(found, nodeIds, direction, types, withEvidence: true);
    }

    public async Task<Neighbourhood> GetNeighboursAsync(IReadOnlyCollection<string> nodeIds, Direction direction, IReadOnlyCollection<string>? types, bool withEvidence, CancellationToken cancellationToken)
    {
        var key = Key(nodeIds, direction, types, withEvidence);
        if (!storedNeighbours.TryGetValue(key, out var found))
            storedNeighbours[key] = found = await store.GetNeighboursAsync(nodeIds, direction, types, withEvidence, cancellationToken);
        if (Count == 0) return found;
        var relationships = WithPending(found.Relationships, nodeIds, direction, types, withEvidence);
        if (ReferenceEquals(relationships, found.Relationships)) return found with { Nodes = MergedNodes(found.Nodes) };
        // a pending relationship's ends may be stored nodes the store's answer did not reach
        var ends = relationships.SelectMany(r => new[] { r.Edge.Source, r.Edge.Target }).Distinct(StringComparer.Ordinal).ToList();
        await StoredAsync(ends.Where(id => !found.Nodes.ContainsKey(id)).ToList(), cancellationToken);
        var merged = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        foreach (var id in ends)
            if (Merge(id, found.Nodes.GetValueOrDefault(id) ?? stored[id]) is { } n) merged[id] = n;
        return new Neighbourhood(relationships, merged);
    }

    private Dictionary<string, GraphNode> MergedNodes(IReadOnlyDictionary<string, GraphNode> found) =>
        found.ToDictionary(kv => kv.Key, kv => Merge(kv.Key, kv.Value)!, StringComparer.Ordinal);

    /// <summary>The store's relationships with the pending statements of the same edges merged in, then the pending edges the store has not (the store's answer itself when none touch the nodes).</summary>
    private IReadOnlyList<Relationship> WithPending(IReadOnlyList<Relationship> found, IReadOnlyCollection<string> nodeIds, Direction direction, IReadOnlyCollection<string>? types, bool withEvidence)
    {
        var touching = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in nodeIds)
        {
            if (direction != Direction.Incoming) touching.UnionWith(outgoing.GetValueOrDefault(id) ?? []);
            if (direction != Direction.Outgoing) touching.UnionWith(incoming.GetValueOrDefault(id) ?? []);
        }
        if (types is not null) touching.RemoveWhere(id => !types.Contains(edges[id][0].Fact.Edge.Type));
        if (touching.Count == 0) return found;
        var result = new List<Relationship>(found.Count + touching.Count);
        foreach (var r in found)
            result.Add(touching.Remove(r.Edge.Id) ? Merge(r, edges[r.Edge.Id], withEvidence) : r);
        foreach (var id in touching.Order(StringComparer.Ordinal))
            result.Add(Merge(null, edges[id], withEvidence));
        return result;
    }

    /// <summary>
    /// The node of this id as the store will show it once the pending documents are written: the store's
    /// node (itself the merge of the stored statements) merged with the pending statements.
    /// </summary>
    private GraphNode? Merge(string id, GraphNode? storedNode)
    {
        if (!nodes.TryGetValue(id, out var statements)) return storedNode ?? documents.GetValueOrDefault(id);
        if (storedNode is null) return NodeMerge.Merge(statements);
        // The store's node is its winning statement's; of its rank we know, of its date and document not.
        var latest = NodeMerge.Winner(statements).Node;
        var rank = NodeMerge.NameRank(latest).CompareTo(NodeMerge.NameRank(storedNode));
        if (rank == 0 && DifferForResolution(latest, storedNode)) Undecided = true;
        return NodeMerge.WithNamesOf(rank > 0 ? latest : storedNode, statements.Select(s => s.Node).Prepend(storedNode));
    }

    /// <summary>Whether two statements of a node differ in what resolution reads of it: all of a person (it may become the document's), an office's role.</summary>
    private static bool DifferForResolution(GraphNode a, GraphNode b) => (a, b) switch
    {
        (Person p, Person q) => !NodeMerge.WithAliases(p, NoAliases).Equals(NodeMerge.WithAliases(q, NoAliases)),
        (Office o, Office p) => o.Role != p.Role,
        _ => false,
    };

    /// <summary>
    /// The relationship as the store will read it once the pending documents are written (see
    /// <see cref="NodeMerge.MergeEdge"/>): the latest date, every stated date, every quote in document order.
    /// A HOLDS edge's wording is that of its latest statement; the store's answer gives its wording with its
    /// latest date, which is exact when that statement has a wording (every HOLDS the builder writes does).
    /// </summary>
    private static Relationship Merge(Relationship? found, IReadOnlyList<(Document Document, EdgeFact Fact)> statements, bool withEvidence)
    {
        var stated = statements.Select(s => s.Fact.Edge).ToList();
        var edge = found is null ? NodeMerge.MergeEdge(stated) : found.Edge with
        {
            AsOf = stated.Select(e => e.AsOf).Append(found.Edge.AsOf).Max(),
            Title = found.Edge.Type == EdgeTypes.Holds ? NodeMerge.HolderTitle(stated.Select(e => (e.AsOf, e.Title)).Prepend((found.Edge.AsOf, found.Edge.Title))) : found.Edge.Title,
        };
        if (!withEvidence) return new Relationship(edge, [], null);
        var evidence = (found?.Evidence ?? []).Concat(statements.SelectMany(s => s.Fact.Evidence)).OrderBy(e => e.DocumentId, StringComparer.Ordinal).ToArray();
        var statedDates = (found?.Dates ?? []).Concat(stated.Select(e => e.AsOf).OfType<FuzzyDate>()).Distinct().Order().ToArray();
        return new Relationship(edge, evidence, statedDates);
    }

    private static string Key(IReadOnlyCollection<string> nodeIds, Direction direction, IReadOnlyCollection<string>? types, bool withEvidence) =>
        $"{direction} {withEvidence} {(types is null ? "*" : string.Join(',', types))} {string.Join('\n', nodeIds)}";

    /// <summary>Reads the store's nodes of these ids that it has not answered for yet.</summary>
    private async Task StoredAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var missing = ids.Where(id => !stored.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count == 0) return;
        var found = (await store.GetNodesAsync(missing, cancellationToken)).DistinctBy(n => n.Id).ToDictionary(n => n.Id, StringComparer.Ordinal);
        foreach (var id in missing) stored[id] = found.GetValueOrDefault(id);
    }

    /// <summary>A document that states a node or edge twice states it once, as its last statement says (as the stores keep it).</summary>
    private static void State<T>(List<(Document Document, T Fact)> statements, (Document Document, T Fact) statement)
    {
        if (statements.Count > 0 && ReferenceEquals(statements[^1].Document, statement.Document)) statements[^1] = statement;
        else statements.Add(statement);
    }

    private static List<T> List<T>(Dictionary<string, List<T>> d, string key) => d.TryGetValue(key, out var list) ? list : d[key] = [];

    private static HashSet<string> Set(Dictionary<string, HashSet<string>> d, string key) => d.TryGetValue(key, out var set) ? set : d[key] = new(StringComparer.Ordinal);
}
