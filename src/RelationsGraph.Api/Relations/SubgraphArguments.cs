using GraphQL;
using RelationsGraph.Api.Common;
using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Api.Relations;

/// <summary>Checks what a client asked for a subgraph (GraphQL <c>subgraph</c> and <c>GET /export</c> alike) and resolves its seeds.</summary>
public static class SubgraphArguments
{
    /// <summary>Refs or relation types given as repeated values, each of which may be a comma-separated list.</summary>
    public static List<string> SplitList(IEnumerable<string?> values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    public static async Task<SubgraphRequest> ToRequestAsync(IGraphStore store, ApiLimits limits,
        IReadOnlyList<string> seeds, int? depth, IReadOnlyList<string>? relationTypes, FuzzyDate? from, FuzzyDate? to, int? maxNodes, CancellationToken ct)
    {
        if (seeds.Count == 0)
            throw new ExecutionError("Give at least one seed: a place, person, organization or any node ref (\"NRW\", \"Japan\").") { Code = "NO_SEEDS" };
        if (seeds.Count > limits.MaxSubgraphSeeds)
            throw new ExecutionError($"{seeds.Count} seeds given; at most {limits.MaxSubgraphSeeds} are allowed.") { Code = "TOO_MANY_SEEDS" };
        var d = depth ?? 1;
        if (d < 0 || d > limits.MaxSubgraphDepth)
            throw new ExecutionError($"Depth {d} is out of range: use 0 to {limits.MaxSubgraphDepth}.") { Code = "BAD_DEPTH" };
        var n = maxNodes ?? limits.MaxSubgraphNodes;
        if (n < 1 || n > limits.MaxSubgraphNodes)
            throw new ExecutionError($"maxNodes {n} is out of range: use 1 to {limits.MaxSubgraphNodes}.") { Code = "BAD_MAX_NODES" };
        var types = relationTypes?.Select(t => t.Trim().ToUpperInvariant()).Distinct().ToList();
        if (types?.FirstOrDefault(t => !EdgeTypes.All.Contains(t)) is { } unknown)
            throw new ExecutionError($"Unknown relation type \"{Cursor.Truncate(unknown)}\"; use {string.Join(", ", EdgeTypes.All)}.") { Code = "BAD_RELATION_TYPE" };
        if (from is { } f && to is { } t && f.Start > t.End)
            throw new ExecutionError($"'from' ({f}) is after 'to' ({t}).") { Code = "BAD_DATE" };
        var ids = new List<string>();
        for (var i = 0; i < seeds.Count; i++)
            ids.Add((await Refs.ResolveAsync(store, seeds[i], $"seeds[{i}]", "node", _ => true, ct)).Id);
        return new SubgraphRequest(ids, d, types, from, to, n);
    }
}
