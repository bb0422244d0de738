using RelationsGraph.Model;
using RelationsGraph.Text;

namespace RelationsGraph.Graph;

/// <summary>How every store ranks search hits, so that both answer <c>search</c> alike.</summary>
public static class SearchRanking
{
    private static readonly string[] LabelOrder = ["Place", "Person", "Organization", "Office", "Agreement", "Event", "Statistic", "Document"];

    /// <summary>0: a name equals the folded text; 1: a name starts with it; 2: a name contains it as words; 3: none of its names does.</summary>
    public static int NameScore(GraphNode node, string foldedText)
    {
        var names = node.Names().Select(TextFold.Fold).ToList();
        return names.Contains(foldedText) ? 0
            : names.Any(x => x.StartsWith(foldedText, StringComparison.Ordinal)) ? 1
            : names.Any(x => $" {x} ".Contains($" {foldedText} ", StringComparison.Ordinal)) ? 2 : 3;
    }

    /// <summary>Best score first, then places before people before organizations ..., then by name and id.</summary>
    public static List<GraphNode> Order(IEnumerable<(GraphNode Node, int Score)> hits) =>
        hits.OrderBy(h => h.Score).ThenBy(h => Array.IndexOf(LabelOrder, h.Node.Label))
            .ThenBy(h => h.Node.DisplayName, StringComparer.Ordinal).ThenBy(h => h.Node.Id, StringComparer.Ordinal)
            .Select(h => h.Node).ToList();
}
