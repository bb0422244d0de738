using RelationsGraph.Model;

namespace RelationsGraph.Stores.Embedded;

/// <summary>
/// One string object per distinct id, type, name and title in the graph. Every document read from the
/// file brings its own copies ("PARTICIPANT", "DE", a minister's id in hundreds of documents); kept
/// once, they cost a reference each instead of a string each.
/// </summary>
/// <remarks>
/// Strings of retracted facts stay in the pool: ids and names are few next to the facts that use
/// them, and quotes are not pooled here but per document (<see cref="Document(DocumentGraph)"/>).
/// </remarks>
internal sealed class StringPool
{
    private readonly HashSet<string> strings = new(StringComparer.Ordinal);

    public int Count => strings.Count;

    public string Intern(string s)
    {
        if (s.Length == 0) return "";
        if (strings.TryGetValue(s, out var existing)) return existing;
        strings.Add(s);
        return s;
    }

    public string? InternOrNull(string? s) => s is null ? null : Intern(s);

    private string[] Intern(IReadOnlyList<string> list)
    {
        if (list.Count == 0) return [];
        var a = new string[list.Count];
        for (var i = 0; i < a.Length; i++) a[i] = Intern(list[i]);
        return a;
    }

    public Document Intern(Document d) => d with
    {
        Id = Intern(d.Id),
        Title = Intern(d.Title),
        Url = InternOrNull(d.Url),
        Publisher = InternOrNull(d.Publisher),
        Language = Intern(d.Language),
        ContentHash = Intern(d.ContentHash),
        SourceName = InternOrNull(d.SourceName),
    };

    public GraphNode Intern(GraphNode n) => n switch
    {
        Place p => p with { Id = Intern(p.Id), Name = Intern(p.Name), Iso = InternOrNull(p.Iso), Aliases = Intern(p.Aliases) },
        Person p => p with { Id = Intern(p.Id), Name = Intern(p.Name), Aliases = Intern(p.Aliases) },
        Office o => o with { Id = Intern(o.Id), Title = Intern(o.Title), Role = Intern(o.Role), Aliases = Intern(o.Aliases) },
        Organization o => o with { Id = Intern(o.Id), Name = Intern(o.Name), Aliases = Intern(o.Aliases) },
        Event e => e with { Id = Intern(e.Id), Title = Intern(e.Title) },
        Agreement a => a with { Id = Intern(a.Id), Title = Intern(a.Title), Kind = Intern(a.Kind) },
        Statistic s => s with { Id = Intern(s.Id), Subject = Intern(s.Subject), Metric = Intern(s.Metric), Unit = InternOrNull(s.Unit) },
        Document d => Intern(d),
        _ => n,
    };

    public GraphEdge Intern(GraphEdge e) => e with
    {
        Type = Intern(e.Type),
        Source = Intern(e.Source),
        Target = Intern(e.Target),
        Role = InternOrNull(e.Role),
        Title = InternOrNull(e.Title),
    };

    /// <summary>
    /// The document graph as the in-memory graph keeps it: pooled ids and names, evidence as arrays,
    /// and each distinct quote once per document (one sentence backs many facts; at 1M edges that is
    /// 5 times fewer characters). Quotes are not pooled across documents, so that a retracted
    /// document's quotes are collected.
    /// </summary>
    public DocumentGraph Document(DocumentGraph g)
    {
        var doc = Intern(g.Document);
        var quotes = new Dictionary<string, string>(StringComparer.Ordinal);
        EvidenceSpan[] Evidence(IReadOnlyList<EvidenceSpan> spans)
        {
            if (spans.Count == 0) return [];
            var a = new EvidenceSpan[spans.Count];
            for (var i = 0; i < a.Length; i++)
            {
                var s = spans[i];
                if (!quotes.TryGetValue(s.Quote, out var q)) quotes[s.Quote] = q = s.Quote;
                a[i] = new EvidenceSpan(s.DocumentId == doc.Id ? doc.Id : Intern(s.DocumentId), q, s.Start, s.End);
            }
            return a;
        }
        var nodes = new NodeFact[g.Nodes.Count];
        for (var i = 0; i < nodes.Length; i++) nodes[i] = new NodeFact(Intern(g.Nodes[i].Node), Evidence(g.Nodes[i].Evidence));
        var edges = new EdgeFact[g.Edges.Count];
        for (var i = 0; i < edges.Length; i++) edges[i] = new EdgeFact(Intern(g.Edges[i].Edge), Evidence(g.Edges[i].Evidence));
        return new DocumentGraph(doc, nodes, edges);
    }
}
