using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Text;

namespace RelationsGraph.Stores.Embedded;

/// <summary>
/// The embedded store's read side: every node and edge with the documents that state it, and the
/// indexes the queries need (adjacency, names). Not thread-safe on its own: the store guards it.
/// </summary>
internal sealed class InMemoryGraph
{
    private sealed class NodeEntry
    {
        public Dictionary<string, (GraphNode Node, IReadOnlyList<EvidenceSpan> Evidence)> ByDocument { get; } = new(StringComparer.Ordinal);
        public GraphNode Current { get; set; } = null!;
    }

    private sealed class EdgeEntry
    {
        public Dictionary<string, (GraphEdge Edge, IReadOnlyList<EvidenceSpan> Evidence)> ByDocument { get; } = new(StringComparer.Ordinal);
        public GraphEdge Current { get; set; } = null!;
    }

    private readonly Dictionary<string, Document> documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeEntry> nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EdgeEntry> edges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> outgoing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> incoming = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> factsOfDocument = new(StringComparer.Ordinal);

    public int DocumentCount => documents.Count;
    public int NodeCount => nodes.Count;
    public int EdgeCount => edges.Count;

    public Document? DocumentById(string id) => documents.GetValueOrDefault(id);

    public IEnumerable<GraphNode> Nodes => nodes.Values.Select(n => n.Current);

    public GraphNode? Node(string id) => nodes.TryGetValue(id, out var n) ? n.Current : documents.GetValueOrDefault(id);

    public void Add(DocumentGraph g)
    {
        var doc = g.Document;
        documents[doc.Id] = doc;
        var facts = new List<string>();
        foreach (var f in g.Nodes)
        {
            if (!nodes.TryGetValue(f.Node.Id, out var entry)) nodes[f.Node.Id] = entry = new NodeEntry();
            else UnindexNames(entry.Current);
            entry.ByDocument[doc.Id] = (f.Node, f.Evidence);
            entry.Current = Merge(entry);
            IndexNames(entry.Current);
            facts.Add("n:" + f.Node.Id);
        }
        foreach (var f in g.Edges)
        {
            var id = f.Edge.Id;
            if (!edges.TryGetValue(id, out var entry))
            {
                edges[id] = entry = new EdgeEntry();
                Set(outgoing, f.Edge.Source).Add(id);
                Set(incoming, f.Edge.Target).Add(id);
            }
            entry.ByDocument[doc.Id] = (f.Edge, f.Evidence);
            entry.Current = MergeEdge(entry);
            facts.Add("e:" + id);
        }
        factsOfDocument[doc.Id] = facts;
    }

    /// <summary>Retracts what a document stated; facts that other documents also state stay.</summary>
    public int Remove(string documentId)
    {
        if (!documents.Remove(documentId) || !factsOfDocument.Remove(documentId, out var facts)) return 0;
        foreach (var fact in facts)
        {
            var id = fact[2..];
            if (fact[0] == 'n' && nodes.TryGetValue(id, out var n))
            {
                UnindexNames(n.Current);
                n.ByDocument.Remove(documentId);
                if (n.ByDocument.Count == 0) nodes.Remove(id);
                else
                {
                    n.Current = Merge(n);
                    IndexNames(n.Current);
                }
            }
            else if (fact[0] == 'e' && edges.TryGetValue(id, out var e))
            {
                e.ByDocument.Remove(documentId);
                if (e.ByDocument.Count > 0) { e.Current = MergeEdge(e); continue; }
                edges.Remove(id);
                outgoing.GetValueOrDefault(e.Current.Source)?.Remove(id);
                incoming.GetValueOrDefault(e.Current.Target)?.Remove(id);
            }
        }
        return facts.Count;
    }

    private GraphNode Merge(NodeEntry entry) =>
        NodeMerge.Merge(entry.ByDocument.Select(kv => (documents[kv.Key], kv.Value.Node)).ToList());

    private static GraphEdge MergeEdge(EdgeEntry entry) => NodeMerge.MergeEdge(entry.ByDocument.Values.Select(v => v.Edge).ToList());

    public IReadOnlyList<EvidenceSpan> NodeEvidence(string id) =>
        nodes.TryGetValue(id, out var n) ? n.ByDocument.OrderBy(kv => kv.Key, StringComparer.Ordinal).SelectMany(kv => kv.Value.Evidence).ToList() : [];

    public IEnumerable<Relationship> Relationships(string nodeId, Direction direction, IReadOnlyCollection<string>? types)
    {
        IEnumerable<string> ids = direction switch
        {
            Direction.Outgoing => outgoing.GetValueOrDefault(nodeId) ?? [],
            Direction.Incoming => incoming.GetValueOrDefault(nodeId) ?? [],
            _ => (outgoing.GetValueOrDefault(nodeId) ?? []).Concat(incoming.GetValueOrDefault(nodeId) ?? []),
        };
        foreach (var id in ids.Order(StringComparer.Ordinal))
        {
            var e = edges[id];
            if (types is not null && !types.Contains(e.Current.Type)) continue;
            yield return new Relationship(e.Current, e.ByDocument.OrderBy(kv => kv.Key, StringComparer.Ordinal).SelectMany(kv => kv.Value.Evidence).ToList(),
                e.ByDocument.Values.Where(v => v.Edge.AsOf is not null).Select(v => v.Edge.AsOf!.Value).Distinct().Order().ToList());
        }
    }

    public IEnumerable<string> Targets(string nodeId, string type) =>
        (outgoing.GetValueOrDefault(nodeId) ?? []).Select(id => edges[id].Current).Where(e => e.Type == type).Select(e => e.Target);

    public IEnumerable<string> Sources(string nodeId, string type) =>
        (incoming.GetValueOrDefault(nodeId) ?? []).Select(id => edges[id].Current).Where(e => e.Type == type).Select(e => e.Source);

    public IReadOnlyCollection<string> NamesMatching(string folded) => byName.GetValueOrDefault(folded) ?? (IReadOnlyCollection<string>)[];

    private void IndexNames(GraphNode n)
    {
        foreach (var name in n.Names()) Set(byName, TextFold.Fold(name)).Add(n.Id);
    }

    private void UnindexNames(GraphNode n)
    {
        foreach (var name in n.Names())
            if (byName.TryGetValue(TextFold.Fold(name), out var set)) set.Remove(n.Id);
    }

    private static HashSet<string> Set(Dictionary<string, HashSet<string>> d, string key)
    {
        if (!d.TryGetValue(key, out var s)) d[key] = s = new HashSet<string>(StringComparer.Ordinal);
        return s;
    }

    // ---------------------------------------------------------------- roll-up

    /// <summary>
    /// Everything an event counts for: the places and organizations it involves, takes place in or has
    /// as participants, the jurisdictions of its participants' offices, and everything those are PART_OF.
    /// </summary>
    public HashSet<string> Reach(string eventId)
    {
        var direct = new List<string>();
        direct.AddRange(Targets(eventId, EdgeTypes.Involves));
        direct.AddRange(Targets(eventId, EdgeTypes.At));
        foreach (var p in Targets(eventId, EdgeTypes.Participant))
        {
            direct.Add(p);
            direct.AddRange(Targets(p, EdgeTypes.BasedIn));
            foreach (var office in Targets(p, EdgeTypes.Holds)) direct.AddRange(Targets(office, EdgeTypes.Of));
        }
        return Upward(direct);
    }

    public HashSet<string> Upward(IEnumerable<string> start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(start);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (!seen.Add(id)) continue;
            foreach (var parent in Targets(id, EdgeTypes.PartOf)) stack.Push(parent);
            foreach (var parent in Targets(id, EdgeTypes.BasedIn)) stack.Push(parent);
        }
        return seen;
    }

    public IEnumerable<Event> Events => nodes.Values.Select(n => n.Current).OfType<Event>();
    public IEnumerable<Agreement> Agreements => nodes.Values.Select(n => n.Current).OfType<Agreement>();

    /// <summary>What a search for a node should see besides its names: people's office titles, events' quotes.</summary>
    public string SearchText(GraphNode n)
    {
        var parts = new List<string>(n.Names());
        if (n is Person)
            foreach (var office in Targets(n.Id, EdgeTypes.Holds)) if (Node(office) is { } o) parts.AddRange(o.Names());
        if (n is Event)
            parts.AddRange(NodeEvidence(n.Id).Select(e => e.Quote));
        return TextFold.Fold(string.Join(" | ", parts));
    }
}
