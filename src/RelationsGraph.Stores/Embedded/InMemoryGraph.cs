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

        /// <summary>The document whose statement of the node is <see cref="Current"/>'s base (see <see cref="NodeMerge"/>).</summary>
        public string LatestDocument { get; set; } = null!;

        /// <summary>
        /// Every name and alias the contributions state, kept so that one more document merges in
        /// O(names) rather than re-merging all of them (a country is stated by every document about it);
        /// null until needed, and after a retraction.
        /// </summary>
        public SortedSet<string>? Names { get; set; }

        /// <summary>The quotes of all contributions in document order, built on first read after a change (see <see cref="EdgeEntry.Read"/>).</summary>
        public IReadOnlyList<EvidenceSpan>? Evidence { get; set; }
    }

    private sealed class EdgeEntry
    {
        public required string Id { get; init; }
        public Dictionary<string, (GraphEdge Edge, IReadOnlyList<EvidenceSpan> Evidence)> ByDocument { get; } = new(StringComparer.Ordinal);
        public GraphEdge Current { get; set; } = null!;

        /// <summary>
        /// The relationship as read, built on the first read after a change and dropped by every
        /// write to the entry: a minister's HOLDS stated by hundreds of documents is not re-sorted per
        /// request. Readers build it under the read lock, writers drop it under the write lock, so a
        /// reader never sees a stale one (two readers may both build it; either result is the same).
        /// </summary>
        public Relationship? Read { get; set; }
    }

    private readonly Dictionary<string, Document> documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeEntry> nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EdgeEntry> edges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> outgoing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> incoming = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string[] Nodes, string[] Edges)> factsOfDocument = new(StringComparer.Ordinal);
    private readonly ReachIndex reach;

    public InMemoryGraph() => reach = new ReachIndex(this);

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
        var nodeIds = new string[g.Nodes.Count];
        var edgeIds = new string[g.Edges.Count];
        var i = 0;
        foreach (var f in g.Nodes)
        {
            var id = f.Node.Id;
            if (!nodes.TryGetValue(id, out var entry))
            {
                nodes[id] = entry = new NodeEntry();
                entry.ByDocument[doc.Id] = (f.Node, f.Evidence);
                entry.Current = f.Node;
                entry.LatestDocument = doc.Id;
                IndexNames(entry.Current);
                if (f.Node is Event) reach.Touch(id);
            }
            else
            {
                entry.ByDocument[doc.Id] = (f.Node, f.Evidence);
                entry.Evidence = null;
                var merged = MergeAdded(entry, doc, f.Node);
                if (!ReferenceEquals(merged, entry.Current))
                {
                    var sameNames = merged.Names().SequenceEqual(entry.Current.Names(), StringComparer.Ordinal);
                    if (!sameNames) UnindexNames(entry.Current);
                    if (merged is Event || entry.Current is Event) reach.Touch(id);
                    entry.Current = merged;
                    if (!sameNames) IndexNames(entry.Current);
                }
            }
            nodeIds[i++] = id;
        }
        i = 0;
        foreach (var f in g.Edges)
        {
            var id = f.Edge.Id;
            if (!edges.TryGetValue(id, out var entry))
            {
                edges[id] = entry = new EdgeEntry { Id = id };
                entry.Current = f.Edge;
                Set(outgoing, f.Edge.Source).Add(id);
                Set(incoming, f.Edge.Target).Add(id);
                reach.EdgeChanged(f.Edge);
            }
            else
            {
                id = entry.Id; // one string per edge id, not one per document
                // Same type, source, target and role: only the date can differ, and the latest one wins (NodeMerge.MergeEdge).
                if (f.Edge.AsOf is { } asOf && (entry.Current.AsOf is not { } current || asOf.CompareTo(current) > 0))
                    entry.Current = entry.Current with { AsOf = asOf };
            }
            entry.ByDocument[doc.Id] = (f.Edge, f.Evidence);
            entry.Read = null;
            edgeIds[i++] = id;
        }
        factsOfDocument[doc.Id] = (nodeIds, edgeIds);
        reach.Update();
    }

    /// <summary>Retracts what a document stated; facts that other documents also state stay.</summary>
    public int Remove(string documentId)
    {
        if (!documents.ContainsKey(documentId) || !factsOfDocument.Remove(documentId, out var facts)) return 0;
        foreach (var id in facts.Nodes)
        {
            if (!nodes.TryGetValue(id, out var n)) continue;
            UnindexNames(n.Current);
            n.ByDocument.Remove(documentId);
            n.Evidence = null;
            if (n.ByDocument.Count == 0)
            {
                nodes.Remove(id);
                if (n.Current is Event) reach.Touch(id);
            }
            else
            {
                // The merge needs the document being retracted gone from every contribution first.
                n.Names = null;
                var wasEvent = n.Current is Event;
                n.Current = Merge(n, except: documentId);
                IndexNames(n.Current);
                if (wasEvent || n.Current is Event) reach.Touch(id);
            }
        }
        foreach (var id in facts.Edges)
        {
            if (!edges.TryGetValue(id, out var e)) continue;
            e.ByDocument.Remove(documentId);
            e.Read = null;
            if (e.ByDocument.Count > 0) { e.Current = MergeEdge(e); continue; }
            edges.Remove(id);
            outgoing.GetValueOrDefault(e.Current.Source)?.Remove(id);
            incoming.GetValueOrDefault(e.Current.Target)?.Remove(id);
            reach.EdgeChanged(e.Current);
        }
        documents.Remove(documentId);
        reach.Update();
        return facts.Nodes.Length + facts.Edges.Length;
    }

    /// <summary>
    /// <see cref="NodeMerge.Merge"/> of all contributions, computed from the previous result and the
    /// one just added: the latest document's node, with the union of every contribution's names.
    /// </summary>
    private GraphNode MergeAdded(NodeEntry entry, Document doc, GraphNode node)
    {
        var latest = documents[entry.LatestDocument];
        var newIsLatest = Wins(node, doc, entry.ByDocument[entry.LatestDocument].Node, latest);
        if (newIsLatest) entry.LatestDocument = doc.Id;
        var baseNode = newIsLatest ? node : entry.ByDocument[entry.LatestDocument].Node;
        if (baseNode is not (Person or Place or Organization or Office)) return newIsLatest ? node : entry.Current;
        if (entry.Names is null || node.GetType() != entry.Current.GetType())
        {
            // Rebuild from all contributions (the first time, after a retraction, or when kinds differ).
            entry.Names = null;
            var full = Merge(entry);
            if (entry.ByDocument.Values.All(v => v.Node.GetType() == full.GetType()))
                entry.Names = new SortedSet<string>(entry.ByDocument.Values.SelectMany(v => NodeMerge.AliasesOf(v.Node).Append(v.Node.DisplayName)), StringComparer.Ordinal);
            return full;
        }
        var before = entry.Names.Count;
        entry.Names.UnionWith(NodeMerge.AliasesOf(node));
        entry.Names.Add(node.DisplayName);
        if (!newIsLatest && entry.Names.Count == before) return entry.Current;
        var name = baseNode.DisplayName;
        var aliases = entry.Names.Where(a => a != name).ToList();
        return NodeMerge.WithAliases(baseNode, aliases);
    }

    /// <summary>NodeMerge's order: the higher name rank first, then the most recently published document, then by id.</summary>
    private static bool Wins(GraphNode a, Document aDoc, GraphNode b, Document bDoc)
    {
        var rank = NodeMerge.NameRank(a).CompareTo(NodeMerge.NameRank(b));
        if (rank != 0) return rank > 0;
        var c = (aDoc.Published?.Start ?? DateOnly.MinValue).CompareTo(bDoc.Published?.Start ?? DateOnly.MinValue);
        return c > 0 || (c == 0 && string.CompareOrdinal(aDoc.Id, bDoc.Id) < 0);
    }

    private GraphNode Merge(NodeEntry entry, string? except = null)
    {
        var contributions = entry.ByDocument.Where(kv => kv.Key != except).Select(kv => (documents[kv.Key], kv.Value.Node)).ToList();
        var merged = NodeMerge.Merge(contributions);
        entry.LatestDocument = contributions.OrderByDescending(c => NodeMerge.NameRank(c.Node)).ThenByDescending(c => c.Item1.Published?.Start ?? DateOnly.MinValue)
            .ThenBy(c => c.Item1.Id, StringComparer.Ordinal).First().Item1.Id;
        return merged;
    }

    private static GraphEdge MergeEdge(EdgeEntry entry) => NodeMerge.MergeEdge(entry.ByDocument.Values.Select(v => v.Edge).ToList());

    public IReadOnlyList<EvidenceSpan> NodeEvidence(string id)
    {
        if (!nodes.TryGetValue(id, out var n)) return [];
        return n.Evidence ??= n.ByDocument.OrderBy(kv => kv.Key, StringComparer.Ordinal).SelectMany(kv => kv.Value.Evidence).ToArray();
    }

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
            yield return e.Read ??= new Relationship(WithHolderTitle(e), e.ByDocument.OrderBy(kv => kv.Key, StringComparer.Ordinal).SelectMany(kv => kv.Value.Evidence).ToArray(),
                e.ByDocument.Values.Where(v => v.Edge.AsOf is not null).Select(v => v.Edge.AsOf!.Value).Distinct().Order().ToArray());
        }
    }

    /// <summary>A HOLDS edge worded as all its statements together say (<see cref="NodeMerge.HolderTitle"/>), computed with the rest of <see cref="EdgeEntry.Read"/>.</summary>
    private static GraphEdge WithHolderTitle(EdgeEntry e) => e.Current.Type != EdgeTypes.Holds ? e.Current
        : e.Current with { Title = NodeMerge.HolderTitle(e.ByDocument.Values.Select(v => (v.Edge.AsOf, v.Edge.Title))) };

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

    /// <summary>Events whose <see cref="Reach"/> contains the filter's actor and counterpart, filtered, ordered and paged (<see cref="ReachIndex"/>).</summary>
    public Page<Event> FindEvents(EventFilter filter, PageRequest page) => reach.Find(filter, page);
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
