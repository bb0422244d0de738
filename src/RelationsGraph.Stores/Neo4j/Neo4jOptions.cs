namespace RelationsGraph.Stores.Neo4j;

/// <summary>Where the Neo4j store is. Section <c>RelationsGraph:Store:Neo4j</c>; the password never appears in logs or errors.</summary>
public sealed class Neo4jOptions
{
    /// <summary>The HTTP address of the server, e.g. http://localhost:7474 (the HTTP API, not bolt://).</summary>
    public string Uri { get; set; } = "http://localhost:7474";

    public string User { get; set; } = "neo4j";

    public string Password { get; set; } = "";

    /// <summary>Database name on Neo4j 4.x and 5.x; 3.x has one database and ignores it.</summary>
    public string Database { get; set; } = "neo4j";

    /// <summary>Seconds one HTTP request may take.</summary>
    public int RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>Retries of a transient failure (connection refused, Neo.TransientError.*), with exponential backoff and jitter.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>After this many failures in a row the circuit opens and calls fail fast for <see cref="BreakSeconds"/>.</summary>
    public int BreakAfterFailures { get; set; } = 8;

    public int BreakSeconds { get; set; } = 15;
}
