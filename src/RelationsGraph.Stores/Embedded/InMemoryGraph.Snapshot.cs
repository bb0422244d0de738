using RelationsGraph.Model;

namespace RelationsGraph.Stores.Embedded;

/// <summary>
/// The graph written to and read from a snapshot as it is built, so that a start reads it back in
/// one pass: no merging of nodes, no sorting of adjacency lists, no reach computed.
/// </summary>
/// <remarks>
/// Records, in order: the documents; each node with its current (merged) version, its statements
/// (document, node, quotes) and which statement is the base of the merge; the name index (folded
/// name → ids: folding every name is the costly part of building it); each edge with its current
/// version and its statements; the adjacency lists as edge numbers in their sorted order; the reach
/// index (<see cref="ReachIndex.WriteTo"/>). A statement whose fact is the current version refers to
/// it instead of repeating it, and a start shares it as one object. Each document's facts are
/// rebuilt from the statements rather than stored. Caches are left empty: a node's merged names and
/// evidence, an edge's read relationship.
/// </remarks>
internal sealed partial class InMemoryGraph
{
    /// <summary>Writes the graph; call while no write can change it (reads may go on: they change nothing written here).</summary>
    public void WriteTo(SnapshotWriter w)
    {
        var documentNumber = new Dictionary<Document, int>(documents.Count, ReferenceEqualityComparer.Instance);
        w.Int(documents.Count);
        foreach (var d in documents.Values)
        {
            documentNumber[d] = documentNumber.Count;
            w.Document(d);
        }

        w.Int(nodes.Count);
        foreach (var n in nodes.Values)
        {
            w.Node(n.Current);
            var statements = n.Statements.All;
            w.Int(statements.Length);
            var latest = -1;
            for (var i = 0; i < statements.Length; i++)
            {
                var s = statements[i];
                w.Int(documentNumber[s.Document]);
                if (SameFact(s.Fact, n.Current)) w.Byte(0);
                else
                {
                    w.Byte(1);
                    w.Node(s.Fact);
                }
                w.Evidence(s.Evidence);
                if (latest < 0 && ReferenceEquals(s.Document, n.LatestDocument) && ReferenceEquals(s.Fact, n.LatestNode)) latest = i;
            }
            // the merge's base, the statement the next document's version is weighed against (-1: recomputed at start, never seen)
            w.Int(latest + 1);
        }

        w.Int(byName.Count);
        foreach (var (name, ids) in byName)
        {
            w.Ref(name);
            w.Int(ids.Count);
            foreach (var id in ids) w.Ref(id);
        }

        w.Int(edges.Count);
        var number = 0;
        foreach (var e in edges.Values)
        {
            e.Number = number++;
            w.Edge(e.Current);
            var statements = e.Statements.All;
            w.Int(statements.Length);
            foreach (var s in statements)
            {
                w.Int(documentNumber[s.Document]);
                if (SameFact(s.Fact, e.Current)) w.Byte(0);
                else
                {
                    w.Byte(1);
                    w.Edge(s.Fact);
                }
                w.Evidence(s.Evidence);
            }
        }

        WriteAdjacency(w, outgoing);
        WriteAdjacency(w, incoming);
        reach.WriteTo(w);
    }

    /// <summary>Records are immutable: a statement equal to the current version can be that object.</summary>
    private static bool SameFact(GraphEdge fact, GraphEdge current) => ReferenceEquals(fact, current) || fact.Equals(current);

    /// <summary>As for edges, with aliases compared by content (a record compares lists by reference).</summary>
    private static bool SameFact(GraphNode fact, GraphNode current) => ReferenceEquals(fact, current) || (fact, current) switch
    {
        (Place f, Place c) => f.Aliases.SequenceEqual(c.Aliases) && f with { Aliases = c.Aliases } == c,
        (Person f, Person c) => f.Aliases.SequenceEqual(c.Aliases) && f with { Aliases = c.Aliases } == c,
        (Office f, Office c) => f.Aliases.SequenceEqual(c.Aliases) && f with { Aliases = c.Aliases } == c,
        (Organization f, Organization c) => f.Aliases.SequenceEqual(c.Aliases) && f with { Aliases = c.Aliases } == c,
        _ => fact.Equals(current),
    };

    private static void WriteAdjacency(SnapshotWriter w, Dictionary<string, Adjacent> lists)
    {
        w.Int(lists.Count);
        foreach (var (id, list) in lists)
        {
            w.Ref(id);
            w.Int(list.Count);
            foreach (var e in list) w.Int(e.Number);
        }
    }

    /// <summary>The graph <see cref="WriteTo"/> wrote; throws <see cref="InvalidDataException"/> when the records do not fit together.</summary>
    public static InMemoryGraph ReadFrom(SnapshotReader r)
    {
        var g = new InMemoryGraph();
        var docs = new Document[r.Count()];
        for (var i = 0; i < docs.Length; i++)
        {
            docs[i] = r.Document();
            g.documents.Add(docs[i].Id, docs[i]);
        }
        var facts = new (List<NodeEntry> Nodes, List<EdgeEntry> Edges)[docs.Length];

        var nodeCount = r.Count();
        g.nodes.EnsureCapacity(nodeCount);
        for (var i = 0; i < nodeCount; i++)
        {
            var current = r.Node();
            var statements = r.Count();
            if (statements == 0) throw new InvalidDataException($"The node {current.Id} has no statement in the snapshot.");
            NodeEntry? entry = null;
            for (var j = 0; j < statements; j++)
            {
                var d = r.Index(docs.Length);
                var fact = r.Byte() == 0 ? current : r.Node();
                var statement = new Statement<GraphNode>(docs[d], fact, r.Evidence());
                entry ??= new NodeEntry(current, docs[d], fact);
                entry.Statements.Add(statement);
                (facts[d].Nodes ??= []).Add(entry);
            }
            var latest = r.Index(statements + 1);
            if (latest > 0) (entry!.LatestDocument, entry.LatestNode) = (entry.Statements.All[latest - 1].Document, entry.Statements.All[latest - 1].Fact);
            else if (statements > 1) Merge(entry!);
            g.nodes.Add(current.Id, entry!);
        }

        var names = r.Count();
        g.byName.EnsureCapacity(names);
        for (var i = 0; i < names; i++)
        {
            var name = r.Ref();
            var n = r.Count();
            var ids = new HashSet<string>(n);
            for (var j = 0; j < n; j++) ids.Add(r.Ref());
            g.byName.Add(name, ids);
        }

        var edgeCount = r.Count();
        var edgeEntries = new EdgeEntry[edgeCount];
        g.edges.EnsureCapacity(edgeCount);
        for (var i = 0; i < edgeCount; i++)
        {
            var entry = edgeEntries[i] = new EdgeEntry(r.Edge());
            var statements = r.Count();
            if (statements == 0) throw new InvalidDataException($"The edge {entry.Current.Id} has no statement in the snapshot.");
            for (var j = 0; j < statements; j++)
            {
                var d = r.Index(docs.Length);
                var fact = r.Byte() == 0 ? entry.Current : r.Edge();
                entry.Statements.Add(new Statement<GraphEdge>(docs[d], fact, r.Evidence()));
                (facts[d].Edges ??= []).Add(entry);
            }
            g.edges.Add(EdgeKey.Of(entry.Current), entry);
        }

        ReadAdjacency(r, g.outgoing, edgeEntries);
        ReadAdjacency(r, g.incoming, edgeEntries);
        g.reach.ReadFrom(r);
        if (!r.AtEnd) throw new InvalidDataException("The snapshot holds more than the graph.");

        for (var d = 0; d < docs.Length; d++)
            g.factsOfDocument.Add(docs[d].Id, (facts[d].Nodes?.ToArray() ?? [], facts[d].Edges?.ToArray() ?? []));
        return g;
    }

    private static void ReadAdjacency(SnapshotReader r, Dictionary<string, Adjacent> lists, EdgeEntry[] edgeEntries)
    {
        var count = r.Count();
        lists.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            var id = r.Ref();
            var n = r.Count();
            var list = new Adjacent(n);
            for (var j = 0; j < n; j++) list.Add(edgeEntries[r.Index(edgeEntries.Length)]);
            lists.Add(id, list);
        }
    }
}
