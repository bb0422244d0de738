using RelationsGraph.Model;

namespace RelationsGraph.Graph;

/// <summary>
/// How stores combine what several documents say about one node or edge: the most recently
/// published document's properties win, and aliases are the union of all. A person named in full
/// outranks the same person named by surname alone (linked across documents: "Kikuko Kato" and
/// "Generalkonsulin Kato"), whatever the dates.
/// </summary>
public static class NodeMerge
{
    /// <summary>1 for a person named in full, 0 otherwise: a higher rank wins before the publication date is looked at.</summary>
    public static int NameRank(GraphNode n) => n is Person p && p.Name.Trim().Contains(' ') ? 1 : 0;

    public static GraphNode Merge(IReadOnlyList<(Document Document, GraphNode Node)> contributions)
    {
        var latest = Winner(contributions).Node;
        return contributions.Count == 1 ? latest : WithNamesOf(latest, contributions.Select(c => c.Node));
    }

    /// <summary>The winning node with every other name the versions give (their names and aliases) as its aliases, in ordinal order.</summary>
    public static GraphNode WithNamesOf(GraphNode winner, IEnumerable<GraphNode> versions) =>
        WithAliases(winner, versions.SelectMany(v => AliasesOf(v).Append(v.DisplayName))
            .Where(a => a != winner.DisplayName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());

    /// <summary>The contribution whose node the merge is based on: the higher name rank, then the most recently published document, then by document id.</summary>
    public static (Document Document, GraphNode Node) Winner(IReadOnlyList<(Document Document, GraphNode Node)> contributions) =>
        contributions.OrderByDescending(c => NameRank(c.Node)).ThenByDescending(c => c.Document.Published?.Start ?? DateOnly.MinValue)
            .ThenBy(c => c.Document.Id, StringComparer.Ordinal).First();

    /// <summary>The aliases of a node that has them (person, place, organization, office); none for the others.</summary>
    public static IReadOnlyList<string> AliasesOf(GraphNode n) => n switch
    {
        Person p => p.Aliases,
        Place p => p.Aliases,
        Organization o => o.Aliases,
        Office o => o.Aliases,
        _ => [],
    };

    /// <summary>The node with these aliases; a node of a kind without aliases as it is.</summary>
    public static GraphNode WithAliases(GraphNode n, IReadOnlyList<string> aliases) => n switch
    {
        Person p => p with { Aliases = aliases },
        Place p => p with { Aliases = aliases },
        Organization o => o with { Aliases = aliases },
        Office o => o with { Aliases = aliases },
        _ => n,
    };

    /// <summary>
    /// An edge stated by several documents: a HOLDS edge is dated by the latest date any of them shows,
    /// and worded as <see cref="HolderTitle"/> says.
    /// </summary>
    public static GraphEdge MergeEdge(IReadOnlyList<GraphEdge> contributions)
    {
        var dated = contributions.Where(e => e.AsOf is not null).Select(e => e.AsOf!.Value).ToList();
        return contributions[0] with
        {
            AsOf = dated.Count > 0 ? dated.Max() : null,
            Title = HolderTitle(contributions.Select(e => (e.AsOf, e.Title))),
        };
    }

    /// <summary>
    /// The title a HOLDS edge shows when documents word it differently: the wording of the statement
    /// with the latest date (undated ones count as earliest; on the same date the ordinally first title),
    /// so that every store gives the same answer whatever order the documents came in. Null when no
    /// statement has a title (written before titles were kept): readers fall back to the office's title.
    /// </summary>
    public static string? HolderTitle(IEnumerable<(FuzzyDate? AsOf, string? Title)> statements)
    {
        (FuzzyDate? AsOf, string Title)? best = null;
        foreach (var (asOf, title) in statements)
        {
            if (title is null) continue;
            if (best is not { } b || Later(asOf, b.AsOf) || (Nullable.Equals(asOf, b.AsOf) && string.CompareOrdinal(title, b.Title) < 0))
                best = (asOf, title);
        }
        return best?.Title;

        static bool Later(FuzzyDate? a, FuzzyDate? b) => a is { } x && (b is not { } y || x.CompareTo(y) > 0);
    }
}
