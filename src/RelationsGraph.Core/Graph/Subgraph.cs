using RelationsGraph.Model;

namespace RelationsGraph.Graph;

/// <summary>
/// What to cut out of the graph: the nodes within <see cref="Depth"/> relationships of the seeds,
/// following only <see cref="RelationTypes"/> (all when null), leaving out events (and what only
/// they reach) dated outside [<see cref="From"/>, <see cref="To"/>]. At most <see cref="MaxNodes"/> nodes.
/// </summary>
public sealed record SubgraphRequest(
    IReadOnlyList<string> Seeds,
    int Depth = 1,
    IReadOnlyCollection<string>? RelationTypes = null,
    FuzzyDate? From = null,
    FuzzyDate? To = null,
    int MaxNodes = 5000);

/// <summary>
/// Nodes and the relationships among them, each with its quotes; in a stable order (nodes by id,
/// relationships by id) so that the same graph always exports to the same bytes.
/// <see cref="Truncated"/> says that <see cref="SubgraphRequest.MaxNodes"/> cut it short.
/// </summary>
public sealed record Subgraph(
    IReadOnlyList<GraphNode> Nodes,
    IReadOnlyList<Relationship> Relationships,
    IReadOnlyDictionary<string, IReadOnlyList<EvidenceSpan>> NodeEvidence,
    bool Truncated = false);
