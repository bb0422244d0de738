namespace RelationsGraph.Model;

/// <summary>
/// Where a fact comes from: the document, the verbatim quote and its character offsets in the
/// document's text (UTF-16 code units, end exclusive).
/// </summary>
public sealed record EvidenceSpan(string DocumentId, string Quote, int Start, int End);
