namespace RelationsGraph.Model;

/// <summary>A node as one document states it, with the quotes that support it.</summary>
public sealed record NodeFact(GraphNode Node, IReadOnlyList<EvidenceSpan> Evidence);

/// <summary>An edge as one document states it, with the quotes that support it.</summary>
public sealed record EdgeFact(GraphEdge Edge, IReadOnlyList<EvidenceSpan> Evidence);

/// <summary>
/// Everything one document contributes to the graph. A store writes it atomically and, when the
/// document is ingested again, replaces exactly these facts.
/// </summary>
public sealed record DocumentGraph(Document Document, IReadOnlyList<NodeFact> Nodes, IReadOnlyList<EdgeFact> Edges);
