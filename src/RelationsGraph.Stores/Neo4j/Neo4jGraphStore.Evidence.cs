using System.Text.Json;
using System.Text.Json.Nodes;
using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Stores.Neo4j;

/// <summary>The quotes a document backs its facts with, kept on its Document node.</summary>
public sealed partial class Neo4jGraphStore
{
    /// <summary>The quotes for one node or relationship id in the evidence of the documents that mention it.</summary>
    private static List<EvidenceSpan> EvidenceFor(string id, JsonArray documentEvidence) =>
        Documents(documentEvidence).SelectMany(d => d.Of(id)).ToList();

    private static List<DocumentEvidence> Documents(JsonArray documentEvidence) =>
        documentEvidence.Where(e => e is not null).Select(e => JsonSerializer.Deserialize<DocumentEvidence>(e!.GetValue<string>(), Json)!).ToList();

    /// <summary>
    /// A document's quotes, kept on its Document node: each distinct quote once (an event's quote backs
    /// the event and all its relationships), per fact id the (quote, start, end) triples, and the date
    /// the document states for each dated relationship (HOLDS asOf), so that office terms survive retraction,
    /// and the title it words each HOLDS relationship with.
    /// </summary>
    private sealed record DocumentEvidence(string DocumentId, List<string> Quotes, Dictionary<string, List<int[]>> Facts, Dictionary<string, string>? AsOf,
        Dictionary<string, string>? Titles = null)
    {
        /// <summary>The quotes of a document's nodes and relationships, by the id of the fact they support.</summary>
        public static DocumentEvidence From(DocumentGraph g)
        {
            var documentId = g.Document.Id;
            var byFact = g.Nodes.Where(n => n.Evidence.Count > 0).Select(n => (Id: n.Node.Id, n.Evidence))
                .Concat(g.Edges.Where(e => e.Evidence.Count > 0).Select(e => (Id: e.Edge.Id, e.Evidence)))
                .GroupBy(x => x.Id).ToDictionary(x => x.Key, x => x.SelectMany(y => y.Evidence).ToList());
            var quotes = new List<string>();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var facts = byFact.ToDictionary(kv => kv.Key, kv => kv.Value.Select(e =>
            {
                if (!index.TryGetValue(e.Quote, out var q)) { q = quotes.Count; quotes.Add(e.Quote); index[e.Quote] = q; }
                return new[] { q, e.Start, e.End };
            }).ToList());
            var asOf = g.Edges.Where(e => e.Edge.AsOf is not null).GroupBy(e => e.Edge.Id)
                .ToDictionary(x => x.Key, x => x.Max(e => e.Edge.AsOf!.Value).ToString());
            var titles = g.Edges.Where(e => e.Edge.Title is not null).GroupBy(e => e.Edge.Id)
                .ToDictionary(x => x.Key, x => NodeMerge.HolderTitle(x.Select(e => (e.Edge.AsOf, e.Edge.Title)))!);
            return new DocumentEvidence(documentId, quotes, facts, asOf.Count > 0 ? asOf : null, titles.Count > 0 ? titles : null);
        }

        public IEnumerable<EvidenceSpan> Of(string id) =>
            Facts.GetValueOrDefault(id)?.Select(f => new EvidenceSpan(DocumentId, Quotes[f[0]], f[1], f[2])) ?? [];
    }
}
