namespace RelationsGraph.Api.Common;

/// <summary>Limits that keep one request from exhausting the service. Section <c>RelationsGraph:Api</c>.</summary>
public sealed class ApiLimits
{
    public int DefaultPageSize { get; set; } = 20;
    public int MaxPageSize { get; set; } = 100;
    public int MaxDepth { get; set; } = 12;
    public int MaxComplexity { get; set; } = 50_000;
    /// <summary>What each top-level field adds to a document's complexity (a store round trip): with the defaults, at most 49 per request.</summary>
    public int RootFieldComplexity { get; set; } = 1_000;
    /// <summary>Most fields one request may select, counted with its fragments expanded (before validation).</summary>
    public int MaxFields { get; set; } = 5_000;
    public int ExecutionTimeoutSeconds { get; set; } = 10;
    /// <summary>Largest request body without an API key (413 above it).</summary>
    public int MaxRequestBytes { get; set; } = 64 * 1024;
    /// <summary>
    /// Largest request body with a valid API key: room for <c>ingestDocument</c> with a document of
    /// <see cref="MaxDocumentChars"/> characters (UTF-8 and JSON escapes take more bytes than characters).
    /// Anonymous clients cannot mutate, so they keep the small limit.
    /// </summary>
    public int MaxKeyedRequestBytes { get; set; } = 1024 * 1024;
    /// <summary>Longest text <c>ingestDocument</c> accepts, in characters.</summary>
    public int MaxDocumentChars { get; set; } = 200_000;
    /// <summary>Most relationships a subgraph or export may reach out from its seeds.</summary>
    public int MaxSubgraphDepth { get; set; } = 3;
    /// <summary>Most seeds one subgraph or export may start from.</summary>
    public int MaxSubgraphSeeds { get; set; } = 20;
    /// <summary>Most nodes a subgraph or export holds (the export size cap); larger ones are cut and flagged truncated.</summary>
    public int MaxSubgraphNodes { get; set; } = 5_000;
    /// <summary>Requests per client to /graphql and /export. Section <c>RelationsGraph:Api:RateLimit</c>.</summary>
    public RateLimitSettings RateLimit { get; set; } = new();
}

/// <summary>
/// A token bucket per client (the API key's name, else the remote address): <see cref="Burst"/> requests
/// at once, refilled at <see cref="PermitsPerMinute"/>. <c>PermitsPerMinute = 0</c> turns it off.
/// </summary>
public sealed class RateLimitSettings
{
    public int PermitsPerMinute { get; set; } = 600;
    public int Burst { get; set; } = 100;
    /// <summary>Requests that wait for a token instead of getting 429 at once.</summary>
    public int QueueLimit { get; set; }
    public bool Enabled => PermitsPerMinute > 0;
}
