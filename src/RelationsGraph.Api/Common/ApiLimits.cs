namespace RelationsGraph.Api.Common;

/// <summary>Limits that keep one request from exhausting the service. Section <c>RelationsGraph:Api</c>.</summary>
public sealed class ApiLimits
{
    public int DefaultPageSize { get; set; } = 20;
    public int MaxPageSize { get; set; } = 100;
    public int MaxDepth { get; set; } = 12;
    public int MaxComplexity { get; set; } = 50_000;
    public int ExecutionTimeoutSeconds { get; set; } = 10;
    public int MaxRequestBytes { get; set; } = 64 * 1024;
    /// <summary>Most relationships a subgraph or export may reach out from its seeds.</summary>
    public int MaxSubgraphDepth { get; set; } = 3;
    /// <summary>Most seeds one subgraph or export may start from.</summary>
    public int MaxSubgraphSeeds { get; set; } = 20;
    /// <summary>Most nodes a subgraph or export holds (the export size cap); larger ones are cut and flagged truncated.</summary>
    public int MaxSubgraphNodes { get; set; } = 5_000;
}
