using RelationsGraph.Model;

namespace RelationsGraph.Graph;

/// <summary>
/// How stores combine what several documents say about one node or edge: the most recently
/// published document's properties win, and aliases are the union of all.
/// </summary>
public static class NodeMerge
{
    public static GraphNode Merge(IReadOnlyList<(Document Document, GraphNode Node)> contributions)
    {
        var ordered = contributions.OrderByDescending(c => c.Document.Published?.Start ?? DateOnly.MinValue)
            .ThenBy(c => c.Document.Id, StringComparer.Ordinal).ToList();
        var latest = ordered[0].Node;
        if (ordered.Count == 1) return latest;
        IReadOnlyList<string> Union(Func<GraphNode, IReadOnlyList<string>?> aliases, string name) =>
            ordered.SelectMany(c => aliases(c.Node) ?? []).Concat(ordered.Select(c => c.Node.DisplayName))
                .Where(a => a != name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return latest switch
        {
            Person p => p with { Aliases = Union(n => (n as Person)?.Aliases, p.Name) },
            Place p => p with { Aliases = Union(n => (n as Place)?.Aliases, p.Name) },
            Organization o => o with { Aliases = Union(n => (n as Organization)?.Aliases, o.Name) },
            Office o => o with { Aliases = Union(n => (n as Office)?.Aliases, o.Title) },
            _ => latest,
        };
    }

    /// <summary>An edge stated by several documents: a HOLDS edge is dated by the latest date any of them shows.</summary>
    public static GraphEdge MergeEdge(IReadOnlyList<GraphEdge> contributions)
    {
        var dated = contributions.Where(e => e.AsOf is not null).Select(e => e.AsOf!.Value).ToList();
        return contributions[0] with { AsOf = dated.Count > 0 ? dated.Max() : null };
    }
}
