using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Text;

namespace RelationsGraph.Stores.Embedded;

/// <summary>
/// The embedded store's read side: every node and edge with the documents that state it, and the
/// indexes the queries need (adjacency, names). Not thread-safe on its own: the store guards it.
/// </summary>
internal sealed partial class InMemoryGraph
{
    private sealed class NodeEntry(GraphNode current, Document latestDocument, GraphNode latestNode)
    {
        public StatementList<GraphNode> Statements;
        public GraphNode Current { get; set; } = current;

        /// <summary>The statement that is <see cref="Current"/>'s base (see <see cref="NodeMerge"/>): its document and node.</summary>
        public Document LatestDocument { get; set; } = latestDocument;
        public GraphNode LatestNode { get; set; } = latestNode;

        /// <summary>
        /// Every name and alias the contributions state, kept so that one more document merges in
        /// O(names) rather than re-merging all of them (a country is stated by every document about it);
        /// null until needed, and after a retraction.
        /// </summary>
        public SortedSet<string>? Names { get; set; }

        /// <summary>The quotes of all contributions in document order, built on first read after a change (see <see cref="EdgeEntry.Read"/>).</summary>
        public IReadOnlyList<EvidenceSpan>? Evidence { get; set; }
    }

    private sealed class EdgeEntry(GraphEdge current)
    {
        public StatementList<GraphEdge> Statements;
        public GraphEdge Current { get; set; } = current;

        /// <summary>
        /// The relationship as read, built on the first read after a change and dropped by every
        /// write to the entry: a minister's HOLDS stated by hundreds of documents is not re-sorted per
        /// request. Readers build it under the read lock, writers drop it under the write lock, so a
        /// reader never sees a stale one (two readers may both build it; either result is the same).
        /// </summary>
        public Relationship? Read { get; set; }

        /// <summary>The entry's place in the snapshot being written, by which the adjacency lists refer to it (set by <see cref="WriteTo"/>; fits in the object's padding).</summary>
        public int Number { get; set; }
    }

    /// <summary>An edge's identity without its id string (type, source, target, role: <see cref="GraphEdge.Id"/>), which would cost about 180 bytes per edge.</summary>
    private readonly record struct EdgeKey(string Type, string Source, string Target, string? Role)
    {
        public static EdgeKey Of(GraphEdge e) => new(e.Type, e.Source, e.Target, e.Role);
    }

    /// <summary>A node's edges in one direction, kept in the order of their ids (<see cref="CompareIds"/>), as <see cref="Relationships"/> lists them.</summary>
    private sealed class Adjacent : List<EdgeEntry>
    {
        public Adjacent() : base(1) { }

        public Adjacent(int capacity) : base(capacity) { }

        public void Insert(EdgeEntry e)
        {
            int lo = 0, hi = Count - 1;
            while (lo <= hi)
            {
                var mid = (lo + hi) >>> 1;
                if (CompareIds(this[mid].Current, e.Current) < 0) lo = mid + 1;
                else hi = mid - 1;
            }
            Insert(lo, e);
        }

        public void RemoveEntry(EdgeEntry e)
        {
            var i = FindIndex(x => ReferenceEquals(x, e));
            if (i >= 0) RemoveAt(i);
        }
    }

    /// <summary>Compares two edges as their ids compare (ordinal), without building the id strings.</summary>
    private static int CompareIds(GraphEdge a, GraphEdge b)
    {
        Span<char> x = stackalloc char[256];
        Span<char> y = stackalloc char[256];
        return TryWriteId(a, x, out var nx) && TryWriteId(b, y, out var ny)
            ? x[..nx].SequenceCompareTo(y[..ny])
            : string.CompareOrdinal(a.Id, b.Id);
    }

    private static bool TryWriteId(GraphEdge e, Span<char> into, out int written) => e.Role is null
        ? into.TryWrite($"{e.Type}:{e.Source}->{e.Target}", out written)
        : into.TryWrite($"{e.Type}:{e.Source}->{e.Target}:{e.Role}", out written);

    private static readonly IComparer<EdgeEntry> ById = Comparer<EdgeEntry>.Create((a, b) => CompareIds(a.Current, b.Current));

    private readonly StringPool pool = new();
    private readonly Dictionary<string, Document> documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeEntry> nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<EdgeKey, EdgeEntry> edges = [];
    private readonly Dictionary<string, Adjacent> outgoing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Adjacent> incoming = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (NodeEntry[] Nodes, EdgeEntry[] Edges)> factsOfDocument = new(StringComparer.Ordinal);
    private readonly ReachIndex reach;

    /// <summary>In <see cref="AddAll"/>: edges are appended to the adjacency lists, which are sorted once at the end.</summary>
    private bool bulk;

    public InMemoryGraph() => reach = new ReachIndex(this);

    public int DocumentCount => documents.Count;
    public int NodeCount => nodes.Count;
    public int EdgeCount => edges.Count;

    public Document? DocumentById(string id) => documents.GetValueOrDefault(id);

    public IEnumerable<GraphNode> Nodes => nodes.Values.Select(n => n.Current);

    public GraphNode? Node(string id) => nodes.TryGetValue(id, out var n) ? n.Current : documents.GetValueOrDefault(id);

    /// <summary>
    /// Adds many documents with the adjacency lists sorted and the reach index built once at the end
    /// instead of kept up to date after each (a start from SQLite: the same indexes, several times faster).
    /// </summary>
    public void AddAll(IEnumerable<DocumentGraph> graphs)
    {
        reach.Suspend();
        bulk = true;
        try
        {
            foreach (var g in graphs) Add(g);
        }
        finally
        {
            bulk = false;
            foreach (var list in outgoing.Values) list.Sort(ById);
            foreach (var list in incoming.Values) list.Sort(ById);
            reach.Rebuild(nodes.Values.Select(n => n.Current).OfType<Event>());
        }
    }

    public void Add(DocumentGraph g)
    {
        if (documents.ContainsKey(g.Document.Id)) Remove(g.Document.Id);
        g = pool.Document(g);
        var doc = g.Document;
        documents[doc.Id] = doc;
        var nodeEntries = new List<NodeEntry>(g.Nodes.Count);
        var edgeEntries = new List<EdgeEntry>(g.Edges.Count);
        foreach (var f in g.Nodes)
        {
            var id = f.Node.Id;
            var statement = new Statement<GraphNode>(doc, f.Node, (EvidenceSpan[])f.Evidence);
            if (!nodes.TryGetValue(id, out var entry))
            {
                nodes[id] = entry = new NodeEntry(f.Node, doc, f.Node);
                entry.Statements.Add(statement);
                IndexNames(entry.Current);
                if (f.Node is Event) reach.Touch(id);
                nodeEntries.Add(entry);
            }
            else
            {
                var listed = entry.Statements.Count > 0 && ReferenceEquals(entry.Statements.All[^1].Document, doc);
                entry.Statements.AddOrReplaceLast(statement);
                entry.Evidence = null;
                var merged = listed ? Merge(entry) : MergeAdded(entry, doc, f.Node);
                if (!ReferenceEquals(merged, entry.Current))
                {
                    var sameNames = merged.Names().SequenceEqual(entry.Current.Names(), StringComparer.Ordinal);
                    if (!sameNames) UnindexNames(entry.Current);
                    if (merged is Event || entry.Current is Event) reach.Touch(id);
                    entry.Current = merged;
                    if (!sameNames) IndexNames(entry.Current);
                }
                if (!listed) nodeEntries.Add(entry);
            }
        }
        foreach (var f in g.Edges)
        {
            var key = EdgeKey.Of(f.Edge);
            var statement = new Statement<GraphEdge>(doc, f.Edge, (EvidenceSpan[])f.Evidence);
            if (!edges.TryGetValue(key, out var entry))
            {
                edges[key] = entry = new EdgeEntry(f.Edge);
                if (bulk)
                {
                    Set(outgoing, f.Edge.Source).Add(entry);
                    Set(incoming, f.Edge.Target).Add(entry);
                }
                else
                {
                    Set(outgoing, f.Edge.Source).Insert(entry);
                    Set(incoming, f.Edge.Target).Insert(entry);
                }
                reach.EdgeChanged(f.Edge);
            }
            else
            {
                // Same type, source, target and role: only the date can differ, and the latest one wins (NodeMerge.MergeEdge).
                if (f.Edge.AsOf is { } asOf && (entry.Current.AsOf is not { } current || asOf.CompareTo(current) > 0))
                    entry.Current = entry.Current with { AsOf = asOf };
            }
            var listed = entry.Statements.Count > 0 && ReferenceEquals(entry.Statements.All[^1].Document, doc);
            entry.Statements.AddOrReplaceLast(statement);
            entry.Read = null;
            if (!listed) edgeEntries.Add(entry);
        }
        factsOfDocument[doc.Id] = (nodeEntries.ToArray(), edgeEntries.ToArray());
        reach.Update();
    }

    /// <summary>Retracts what a document stated; facts that other documents also state stay.</summary>
    public int Remove(string documentId)
    {
        if (!documents.TryGetValue(documentId, out var doc) || !factsOfDocument.Remove(documentId, out var facts)) return 0;
        foreach (var n in facts.Nodes)
        {
            var id = n.Current.Id;
            UnindexNames(n.Current);
            n.Statements.Remove(doc);
            n.Evidence = null;
            if (n.Statements.Count == 0)
            {
                nodes.Remove(id);
                if (n.Current is Event) reach.Touch(id);
            }
            else
            {
                // The merge needs the document being retracted gone from every contribution first.
                n.Names = null;
                var wasEvent = n.Current is Event;
                n.Current = Merge(n);
                IndexNames(n.Current);
                if (wasEvent || n.Current is Event) reach.Touch(id);
            }
        }
        foreach (var e in facts.Edges)
        {
            e.Statements.Remove(doc);
            e.Read = null;
            if (e.Statements.Count > 0) { e.Current = MergeEdge(e); continue; }
            edges.Remove(EdgeKey.Of(e.Current));
            outgoing.GetValueOrDefault(e.Current.Source)?.RemoveEntry(e);
            incoming.GetValueOrDefault(e.Current.Target)?.RemoveEntry(e);
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
        var newIsLatest = Wins(node, doc, entry.LatestNode, entry.LatestDocument);
        if (newIsLatest)
        {
            entry.LatestDocument = doc;
            entry.LatestNode = node;
        }
        var baseNode = entry.LatestNode;
        if (baseNode is not (Person or Place or Organization or Office)) return newIsLatest ? node : entry.Current;
        if (entry.Names is null || node.GetType() != entry.Current.GetType())
        {
            // Rebuild from all contributions (the first time, after a retraction, or when kinds differ).
            entry.Names = null;
            var full = Merge(entry);
            var statements = entry.Statements.All.ToArray();
            if (statements.All(v => v.Fact.GetType() == full.GetType()))
                entry.Names = new SortedSet<string>(statements.SelectMany(v => NodeMerge.AliasesOf(v.Fact).Append(v.Fact.DisplayName)), StringComparer.Ordinal);
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

    private static GraphNode Merge(NodeEntry entry)
    {
        var contributions = new List<(Document, GraphNode)>(entry.Statements.Count);
        foreach (var s in entry.Statements.All) contributions.Add((s.Document, s.Fact));
        var merged = NodeMerge.Merge(contributions);
        var latest = contributions.OrderByDescending(c => NodeMerge.NameRank(c.Item2)).ThenByDescending(c => c.Item1.Published?.Start ?? DateOnly.MinValue)
            .ThenBy(c => c.Item1.Id, StringComparer.Ordinal).First();
        (entry.LatestDocument, entry.LatestNode) = latest;
        return merged;
    }

    private static GraphEdge MergeEdge(EdgeEntry entry)
    {
        var contributions = new List<GraphEdge>(entry.Statements.Count);
        foreach (var s in entry.Statements.All) contributions.Add(s.Fact);
        return NodeMerge.MergeEdge(contributions);
    }

    /// <summary>The evidence of all statements, by document id.</summary>
    private static EvidenceSpan[] EvidenceOf<T>(ReadOnlySpan<Statement<T>> statements)
    {
        if (statements.Length == 1) return statements[0].Evidence;
        return statements.ToArray().OrderBy(s => s.Document.Id, StringComparer.Ordinal).SelectMany(s => s.Evidence).ToArray();
    }

    public IReadOnlyList<EvidenceSpan> NodeEvidence(string id)
    {
        if (!nodes.TryGetValue(id, out var n)) return [];
        return n.Evidence ??= EvidenceOf(n.Statements.All);
    }

    public IEnumerable<Relationship> Relationships(string nodeId, Direction direction, IReadOnlyCollection<string>? types)
    {
        IEnumerable<EdgeEntry> entries = direction switch
        {
            Direction.Outgoing => outgoing.GetValueOrDefault(nodeId) ?? [],
            Direction.Incoming => incoming.GetValueOrDefault(nodeId) ?? [],
            _ => (outgoing.GetValueOrDefault(nodeId) ?? []).Concat(incoming.GetValueOrDefault(nodeId) ?? []).Order(ById),
        };
        foreach (var e in entries)
        {
            if (types is not null && !types.Contains(e.Current.Type)) continue;
            yield return e.Read ??= Read(e);
        }
    }

    private static Relationship Read(EdgeEntry e)
    {
        var statements = e.Statements.All;
        var dates = new List<FuzzyDate>();
        foreach (var s in statements)
            if (s.Fact.AsOf is { } d) dates.Add(d);
        return new Relationship(WithHolderTitle(e), EvidenceOf(statements), dates.Distinct().Order().ToArray());
    }

    /// <summary>A HOLDS edge worded as all its statements together say (<see cref="NodeMerge.HolderTitle"/>), computed with the rest of <see cref="EdgeEntry.Read"/>.</summary>
    private static GraphEdge WithHolderTitle(EdgeEntry e) => e.Current.Type != EdgeTypes.Holds ? e.Current
        : e.Current with { Title = NodeMerge.HolderTitle(e.Statements.All.ToArray().Select(v => (v.Fact.AsOf, v.Fact.Title))) };

    public IEnumerable<string> Targets(string nodeId, string type) =>
        (outgoing.GetValueOrDefault(nodeId) ?? []).Select(e => e.Current).Where(e => e.Type == type).Select(e => e.Target);

    public IEnumerable<string> Sources(string nodeId, string type) =>
        (incoming.GetValueOrDefault(nodeId) ?? []).Select(e => e.Current).Where(e => e.Type == type).Select(e => e.Source);

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

    private static T Set<T>(Dictionary<string, T> d, string key) where T : new()
    {
        if (!d.TryGetValue(key, out var s)) d[key] = s = new T();
        return s;
    }

    // ---------------------------------------------------------------- roll-up

    /// <summary>
    /// Everything an event counts for: the places and organizations it involves, takes place in or has
    /// as participants, the jurisdictions of its participants' offices, and everything those are PART_OF.
    /// </summary>
    /// <remarks>With <c>above</c>, what is above each node (itself included) is computed once and kept there: a whole index is built several times faster.</remarks>
    public HashSet<string> Reach(string eventId, Dictionary<string, string[]>? above = null)
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
        if (above is null) return Upward(direct);
        var reach = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in direct)
        {
            if (!above.TryGetValue(id, out var up)) above[id] = up = [.. Upward([id])];
            reach.UnionWith(up);
        }
        return reach;
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

    /// <summary>The node and everything PART_OF or BASED_IN it, at any depth: the nodes whose <see cref="Upward"/> holds it.</summary>
    public HashSet<string> Downward(string id)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([id]);
        while (stack.Count > 0)
        {
            var x = stack.Pop();
            if (!seen.Add(x)) continue;
            foreach (var child in Sources(x, EdgeTypes.PartOf)) stack.Push(child);
            foreach (var child in Sources(x, EdgeTypes.BasedIn)) stack.Push(child);
        }
        return seen;
    }

    /// <summary>Events whose <see cref="Reach"/> contains the filter's actor and counterpart, filtered, ordered and paged (<see cref="ReachIndex"/>).</summary>
    public Page<Event> FindEvents(EventFilter filter, PageRequest page) => reach.Find(filter, page);

    /// <summary>The events <see cref="FindEvents"/> lists, in its order, each handed to <paramref name="visit"/> (<see cref="ReachIndex.Walk"/>).</summary>
    public void WalkEvents(EventFilter filter, Action<Event> visit) => reach.Walk(filter, visit);
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
