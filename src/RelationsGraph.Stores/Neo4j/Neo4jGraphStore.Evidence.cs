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

    /// <summary>The label of the documents whose mentions a migration has yet to give their quotes (schema version 4).</summary>
    internal const string MentionEvidencePending = "MentionEvidencePending";

    /// <summary>
    /// The upgrade to schema version 4: every MENTIONS relationship written before gets its node's share
    /// of the document's quotes (<see cref="DocumentEvidence.ByMention"/>), computed here from the quotes
    /// the Document node keeps, in transactions of a batch of documents. Interrupted, it goes on where it
    /// stopped (the documents still labelled); reads in the meantime fall back to the document's quotes.
    /// Returns how many documents it went through.
    /// </summary>
    internal static async Task<int> KeepEvidenceOnMentionsAsync(Neo4jHttp neo4j, Action<string> progress, int batch, CancellationToken ct)
    {
        while ((await neo4j.RunAsync(new Cypher($"MATCH (d:Document) WHERE NOT d:{MentionEvidencePending} WITH d LIMIT $n SET d:{MentionEvidencePending} RETURN count(d)", new { n = batch }), ct))[0][0]!.GetValue<int>() > 0) { }
        var pending = (await neo4j.RunAsync(new Cypher($"MATCH (d:{MentionEvidencePending}) RETURN count(d)"), ct))[0][0]!.GetValue<int>();
        progress($"Neo4j quotes per mention: {pending:N0} documents, {batch:N0} per transaction");
        var done = 0;
        while (true)
        {
            var documents = await neo4j.RunAsync(new Cypher($"""
                MATCH (d:{MentionEvidencePending}) WITH d LIMIT $n
                RETURN d.id, d.evidence, d.edgeSources, d.edgeIds, [(d)-[:MENTIONS]->(x:Entity) | x.id]
                """, new { n = batch }), ct);
            if (documents.Count == 0) break;
            var rows = new List<object>();
            foreach (var d in documents)
            {
                var id = d[0]!.GetValue<string>();
                var evidence = d[1]?.GetValue<string>() is { } json ? JsonSerializer.Deserialize<DocumentEvidence>(json, Json)! : new DocumentEvidence(id, [], [], null);
                List<string> Strings(JsonNode? list) => list?.AsArray().Select(x => x!.GetValue<string>()).ToList() ?? [];
                foreach (var (node, mention) in evidence.ByMention(Strings(d[4]), Strings(d[2]), Strings(d[3])))
                    rows.Add(new { doc = id, node, evidence = JsonSerializer.Serialize(mention, Json) });
            }
            await neo4j.RunAsync([
                new Cypher("""
                    UNWIND $rows AS r
                    // from the document: without a label on x the planner cannot start from a country and its tens of thousands of mentions
                    MATCH (d:Document {id: r.doc})-[m:MENTIONS]->(x) WHERE x.id = r.node
                    SET m.evidence = r.evidence
                    """, new { rows }),
                new Cypher($"UNWIND $ids AS id MATCH (d:Document {"{"}id: id{"}"}) REMOVE d:{MentionEvidencePending}", new { ids = documents.Select(d => d[0]!.GetValue<string>()).ToList() }),
            ], ct);
            done += documents.Count;
            progress($"Neo4j quotes per mention: {done:N0}/{pending:N0}");
        }
        return done;
    }

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

        /// <summary>
        /// What each MENTIONS relationship of the document keeps: per node it mentions, the document's
        /// quotes of that node and of the relationships that start at it (with their dates and titles),
        /// so that a read of a node's or a relationship's quotes gets only those, not every quote of
        /// every document that mentions a busy node (a country, a prime minister).
        /// </summary>
        public Dictionary<string, DocumentEvidence> ByMention(IEnumerable<string> nodeIds, IReadOnlyList<string> edgeSources, IReadOnlyList<string> edgeIds)
        {
            var from = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            for (var i = 0; i < Math.Min(edgeSources.Count, edgeIds.Count); i++)
                (from.TryGetValue(edgeSources[i], out var l) ? l : from[edgeSources[i]] = []).Add(edgeIds[i]);
            var result = new Dictionary<string, DocumentEvidence>(StringComparer.Ordinal);
            foreach (var node in nodeIds)
                result.TryAdd(node, Only([node, .. from.GetValueOrDefault(node) ?? []]));
            return result;
        }

        /// <summary>This document's evidence of the given facts alone, its quotes renumbered.</summary>
        private DocumentEvidence Only(IReadOnlyCollection<string> ids)
        {
            var quotes = new List<string>();
            var index = new Dictionary<int, int>();
            var facts = new Dictionary<string, List<int[]>>(StringComparer.Ordinal);
            foreach (var id in ids.Distinct())
            {
                if (!Facts.TryGetValue(id, out var triples)) continue;
                facts[id] = triples.Select(f =>
                {
                    if (!index.TryGetValue(f[0], out var q)) { q = quotes.Count; quotes.Add(Quotes[f[0]]); index[f[0]] = q; }
                    return new[] { q, f[1], f[2] };
                }).ToList();
            }
            Dictionary<string, string>? Of(Dictionary<string, string>? all) =>
                all is null ? null : ids.Where(all.ContainsKey).Distinct().ToDictionary(id => id, id => all[id]) is { Count: > 0 } some ? some : null;
            return new DocumentEvidence(DocumentId, quotes, facts, Of(AsOf), Of(Titles));
        }

        public IEnumerable<EvidenceSpan> Of(string id) =>
            Facts.GetValueOrDefault(id)?.Select(f => new EvidenceSpan(DocumentId, Quotes[f[0]], f[1], f[2])) ?? [];
    }
}
