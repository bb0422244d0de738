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
}
