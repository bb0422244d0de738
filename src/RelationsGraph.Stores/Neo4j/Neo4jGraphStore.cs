using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationsGraph.Graph;
using RelationsGraph.Stores.Embedded;

namespace RelationsGraph.Stores.Neo4j;

/// <summary>
/// The production store: Neo4j over its HTTP Cypher endpoint. Entities are <c>:Entity</c> nodes with
/// their kind label and the properties of the latest published document that states them (names
/// and aliases are the union of all); relationships count the documents that state them (<c>refs</c>).
/// A <c>:Document</c> node MENTIONS every node its document states and keeps its quotes and the list of
/// relationships it stated, so a new version of a document replaces exactly its own facts, in one
/// transaction. Every store call is one HTTP request.
/// </summary>
public sealed partial class Neo4jGraphStore(IOptions<Neo4jOptions> options, ILogger<Neo4jGraphStore> logger) : IGraphStore, IDisposable
{
    private readonly Neo4jHttp neo4j = new(options.Value, logger);

    private static readonly JsonSerializerOptions Json = EmbeddedGraphStore.Json;
    private static readonly string[] Labels = ["Place", "Person", "Office", "Organization", "Event", "Agreement", "Statistic"];

    public Neo4jHttp Http => neo4j;

    private readonly SingleFlight initializing = new();

    /// <summary>The schema and the migration check; callers that ask at the same time share one run, so a migration never runs twice side by side.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => initializing.RunAsync(() => InitializeOnceAsync(cancellationToken));

    private async Task InitializeOnceAsync(CancellationToken cancellationToken)
    {
        // a database written before the roll-up was kept gets it now, before any read or write
        var report = await MigrateAsync(message => logger.LogInformation("{Progress}", message), Neo4jMigration.DefaultBatch, force: false, cancellationToken);
        if (report is not null) logger.LogInformation("Neo4j migrated: {Report}", report);
    }

    /// <summary>The schema, then the migration to this version's schema (<see cref="Neo4jMigration"/>); null when the database was up to date.</summary>
    public async Task<Neo4jMigrationReport?> MigrateAsync(Action<string> progress, int batch, bool force, CancellationToken cancellationToken)
    {
        var dialect = await neo4j.DialectAsync(cancellationToken);
        // Constraints in their own transactions: 3.1 cannot create and use one in the same transaction.
        foreach (var statement in SchemaStatements(dialect))
            await neo4j.RunAsync(new Cypher(statement), cancellationToken);
        return await Neo4jMigration.RunAsync(neo4j, progress, cancellationToken, batch, force);
    }

    public static IReadOnlyList<string> SchemaStatements(Neo4jDialect dialect)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(dialect.SchemaResource)
            ?? throw new InvalidOperationException($"Schema file {dialect.SchemaResource} is not embedded.");
        var text = new StreamReader(stream).ReadToEnd();
        var lines = text.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal));
        return string.Join('\n', lines).Split(';').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
    }

    public void Dispose() => neo4j.Dispose();
}
