using GraphQL;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RelationsGraph.Api.Access;
using RelationsGraph.Api.Common;
using RelationsGraph.Api.Dashboard;
using RelationsGraph.Api.Export;
using RelationsGraph.Api.GraphiQL;
using RelationsGraph.Api.GraphQL;
using RelationsGraph.Api.Telemetry;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Ingestion;
using RelationsGraph.Stores.Embedded;
using RelationsGraph.Stores.Neo4j;

namespace RelationsGraph.Api.Hosting;

/// <summary>Which store the service uses. Section <c>RelationsGraph:Store</c>.</summary>
public sealed class StoreOptions
{
    /// <summary><c>Embedded</c> (default: a SQLite file, nothing to install) or <c>Neo4j</c> (section <c>RelationsGraph:Store:Neo4j</c>).</summary>
    public string Kind { get; set; } = "Embedded";

    public bool IsNeo4j => Kind.Equals("Neo4j", StringComparison.OrdinalIgnoreCase);
}

/// <summary>What to ingest at start. Section <c>RelationsGraph:Ingestion</c>.</summary>
public sealed class IngestionOptions
{
    /// <summary>A folder (or file) of press releases ingested when the service starts; unchanged documents are skipped.</summary>
    public string? SeedDirectory { get; set; }
}

public static class RelationsGraphHosting
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Builds the API host: the embedded store (or the configured one), ingestion, GraphQL, health.</summary>
    public static WebApplication BuildApp(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
            builder.WebHost.UseUrls(DefaultUrl);
        configure?.Invoke(builder);
        TelemetryHosting.ListenForMetrics(builder);
        builder.AddRelationsGraph();
        var app = builder.Build();
        app.MapRelationsGraph();
        return app;
    }

    /// <summary>The store (embedded or Neo4j, by configuration), the extractor and the ingestion pipeline: what the API, the worker and the CLI share.</summary>
    public static IHostApplicationBuilder AddRelationsGraphStore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StoreOptions>().BindConfiguration("RelationsGraph:Store")
            .Validate(o => o.IsNeo4j || o.Kind.Equals("Embedded", StringComparison.OrdinalIgnoreCase),
                "RelationsGraph:Store:Kind must be 'Embedded' or 'Neo4j'.")
            .ValidateOnStart();
        services.AddOptions<EmbeddedStoreOptions>().BindConfiguration("RelationsGraph:Store")
            .Validate(o => o.InMemory || !string.IsNullOrWhiteSpace(o.DataDirectory), "RelationsGraph:Store:DataDirectory must name a folder.")
            .ValidateOnStart();
        services.AddOptions<IngestionOptions>().BindConfiguration("RelationsGraph:Ingestion");
        services.AddOptions<WorkerOptions>().BindConfiguration("RelationsGraph:Worker");

        services.AddSingleton(Gazetteer.Shared);
        services.AddSingleton<PressReleaseExtractor>();
        services.AddSingleton<GraphBuilder>();
        services.AddOptions<Neo4jOptions>().BindConfiguration("RelationsGraph:Store:Neo4j")
            .Validate(o => Uri.TryCreate(o.Uri, UriKind.Absolute, out var u) && u.Scheme is "http" or "https",
                "RelationsGraph:Store:Neo4j:Uri must be the server's HTTP address, such as http://localhost:7474.");
        services.AddSingleton<EmbeddedGraphStore>();
        services.AddSingleton<Neo4jGraphStore>();
        services.AddSingleton<IGraphStore>(sp => sp.GetRequiredService<IOptions<StoreOptions>>().Value.IsNeo4j
            ? new InstrumentedGraphStore(sp.GetRequiredService<Neo4jGraphStore>(), "neo4j")
            : new InstrumentedGraphStore(sp.GetRequiredService<EmbeddedGraphStore>(), "embedded"));
        services.AddSingleton<DocumentIngestor>();
        return builder;
    }

    public static IHostApplicationBuilder AddRelationsGraph(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddRelationsGraphStore();
        builder.AddRelationsGraphTelemetry("relationsgraph-api", serveMetrics: true);
        services.AddHostedService<StoreStartup>();
        services.AddOptions<ApiLimits>().BindConfiguration("RelationsGraph:Api")
            .Validate(l => l.MaxPageSize > 0 && l.DefaultPageSize > 0 && l.DefaultPageSize <= l.MaxPageSize, "RelationsGraph:Api: page sizes must be positive and DefaultPageSize <= MaxPageSize.")
            .Validate(l => l.MaxDepth > 0 && l.MaxComplexity > 0 && l.RootFieldComplexity >= 0 && l.MaxFields > 0 && l.ExecutionTimeoutSeconds > 0 && l.MaxRequestBytes > 0, "RelationsGraph:Api: limits must be positive.")
            .Validate(l => l.MaxKeyedRequestBytes >= l.MaxRequestBytes, "RelationsGraph:Api:MaxKeyedRequestBytes must be at least MaxRequestBytes.")
            .Validate(l => l.MaxDocumentChars is > 0 and <= SourceText.MaxLength, $"RelationsGraph:Api:MaxDocumentChars must be between 1 and {SourceText.MaxLength}.")
            .Validate(l => l.RateLimit.PermitsPerMinute >= 0 && l.RateLimit.QueueLimit >= 0 && (!l.RateLimit.Enabled || l.RateLimit.Burst > 0),
                "RelationsGraph:Api:RateLimit: PermitsPerMinute (0 turns limiting off) and QueueLimit must not be negative, and Burst must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<AccessOptions>().BindConfiguration("RelationsGraph:Access").ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccessOptions>, AccessOptionsValidation>();
        services.AddSingleton<ApiKeyRing>();
        services.AddApiRateLimiting();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);

        services.AddScoped<Loaders>();
        services.AddGraphQL(b => b
            .AddSchema<RelationsSchema>()
            .AddSystemTextJson(o => o.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddGraphTypes(typeof(QueryType).Assembly)
            .AddComplexityAnalyzer((c, sp) =>
            {
                var limits = sp.GetRequiredService<IOptions<ApiLimits>>().Value;
                c.MaxDepth = limits.MaxDepth;
                c.MaxComplexity = limits.MaxComplexity;
                // Each top-level field is at least one round trip to the store: 5,000 aliases of
                // graphStats cost 5,000 of them however cheap each looks, so they weigh that much.
                var fieldImpact = c.DefaultComplexityImpactDelegate;
                c.DefaultComplexityImpactDelegate = f =>
                {
                    var r = fieldImpact(f);
                    return f.Parent is null ? new(r.FieldImpact + limits.RootFieldComplexity, r.ChildImpactMultiplier) : r;
                };
                // they protect the store: introspection alone is exempt (and bounded otherwise)
                c.ValidateComplexityDelegate = Introspection.ExemptFromDataLimits;
            })
            .AddErrorInfoProvider(o => o.ExposeExceptionDetails = false)
            .AddUnhandledExceptionHandler(ctx =>
                ctx.Context?.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("RelationsGraph.GraphQL")
                    .LogError(ctx.OriginalException, "Unhandled error while executing a GraphQL request")));
        return builder;
    }

    public static WebApplication MapRelationsGraph(this WebApplication app)
    {
        app.UseRequestLog();
        app.UseApiKeys();
        app.MapRelationsGraphMetrics();
        app.UseRateLimiter();
        var limited = app.MapGroup("").RequireRateLimiting(ApiRateLimiting.PolicyName);
        limited.MapGraphQLEndpoint("/graphql");
        limited.MapExportEndpoint("/export");
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });
        app.MapDashboard();
        app.MapGraphiQLFiles();
        return app;
    }
}

/// <summary>Opens the store before the server takes requests, then ingests the seed folder.</summary>
internal sealed class StoreStartup(IGraphStore store, DocumentIngestor ingestor, IOptions<IngestionOptions> options, ILogger<StoreStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        if (options.Value.SeedDirectory is { Length: > 0 } seeds)
        {
            var results = await ingestor.IngestPathAsync(seeds, null, cancellationToken);
            logger.LogInformation("Seeds from {Path}: {Added} added, {Updated} updated, {Unchanged} unchanged, {Failed} not ingested",
                seeds, results.Count(r => r.Outcome?.Status == IngestStatus.Added), results.Count(r => r.Outcome?.Status == IngestStatus.Updated),
                results.Count(r => r.Outcome?.Status == IngestStatus.Unchanged), results.Count(r => r.Error is not null));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal sealed class StoreHealthCheck(IGraphStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var counts = await store.CountAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{counts.Documents} documents, {counts.Nodes} nodes, {counts.Edges} edges");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The store does not answer.", e);
        }
    }
}
