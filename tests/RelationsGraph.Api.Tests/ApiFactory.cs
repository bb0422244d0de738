using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using RelationsGraph.Api.Access;
using RelationsGraph.Tests.Shared;

namespace RelationsGraph.Api.Tests;

/// <summary>
/// The API over HTTP on an in-memory embedded store with the seeds ingested at start. Two API keys
/// are accepted (<see cref="WriterKey"/>, <see cref="OtherKey"/>); rate limiting is off unless a
/// variant turns it on; everything logged is kept in <see cref="Logs"/>.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public static string Root => RepositoryRoot.Path;

    public const string WriterKey = "writer-key-Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdo";
    public const string OtherKey = "other-key-cXV4cXV4cXV4cXV4cXV4cXV4cXV4cXV4cXV4cXV4";

    public CapturedLogs Logs { get; } = new();

    /// <summary>The Neo4j password in the configuration; the embedded store has it too, unused, so that it could leak there as well.</summary>
    public virtual string Neo4jPassword => "embedded-unused-neo4j-password-4f2a";

    protected virtual IEnumerable<KeyValuePair<string, string>> StoreSettings => [new("RelationsGraph:Store:InMemory", "true")];

    /// <summary>Settings a variant adds or overrides.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("RelationsGraph:Store:Neo4j:Password", Neo4jPassword);
        foreach (var (key, value) in StoreSettings) builder.UseSetting(key, value);
        builder.UseSetting("RelationsGraph:Ingestion:SeedDirectory", Path.Combine(Root, "seeds"));
        builder.UseSetting("RelationsGraph:Api:MaxDepth", "12");
        builder.UseSetting("RelationsGraph:Api:RateLimit:PermitsPerMinute", "0");
        builder.UseSetting("RelationsGraph:Access:ApiKeys:0:Name", "writer");
        builder.UseSetting("RelationsGraph:Access:ApiKeys:0:Sha256", ApiKeyRing.Hash(WriterKey));
        builder.UseSetting("RelationsGraph:Access:ApiKeys:1:Name", "other");
        builder.UseSetting("RelationsGraph:Access:ApiKeys:1:Sha256", ApiKeyRing.Hash(OtherKey));
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(l => l.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
    }

    /// <summary>A client that sends <paramref name="key"/> as a bearer token (or as X-Api-Key).</summary>
    public HttpClient CreateClient(string? key, bool asHeader = false)
    {
        var client = CreateClient();
        if (key is null) return client;
        if (asHeader) client.DefaultRequestHeaders.Add(ApiKeyRing.HeaderName, key);
        else client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>POSTs a GraphQL request; the status and the parsed body.</summary>
    public async Task<(System.Net.HttpStatusCode Status, JsonObject Body)> PostAsync(string query, object? variables = null, string? key = null)
    {
        using var client = CreateClient(key);
        var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(body)!.AsObject());
    }

    /// <summary>graphStats as JSON, to compare before and after.</summary>
    public async Task<string> StatsAsync()
    {
        var (_, body) = await PostAsync("{ graphStats { documents nodes edges byLabel { label count } } }", key: WriterKey);
        return body["data"]!["graphStats"]!.ToJsonString();
    }

    public async Task<JsonObject> QueryAsync(string query, object? variables = null)
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var body = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(body)!.AsObject();
    }
}

/// <summary>The same API on a real Neo4j (a throwaway server, emptied first), with the seeds ingested at start.</summary>
public sealed class Neo4jApi : IAsyncLifetime
{
    private readonly Neo4jTestServer server = new();

    public ApiFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await server.InitializeAsync();
        await server.EmptyAsync();
        Factory = new Neo4jApiFactory(server);
        Factory.CreateClient().Dispose(); // start the host: schema and seeds go in now
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await server.DisposeAsync();
    }

    /// <summary>The API's factory on the server's database.</summary>
    internal class Neo4jApiFactory(Neo4jTestServer server) : ApiFactory
    {
        public override string Neo4jPassword => server.Password;

        protected override IEnumerable<KeyValuePair<string, string>> StoreSettings =>
        [
            new("RelationsGraph:Store:Kind", "Neo4j"),
            new("RelationsGraph:Store:Neo4j:Uri", server.Uri),
            new("RelationsGraph:Store:Neo4j:User", server.User),
            new("RelationsGraph:Store:Neo4j:Password", server.Password),
        ];
    }
}

/// <summary>Every log line of a test host, with its exception, to check what the service writes down.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyCollection<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {state} {exception}");
    }
}

internal static class Json
{
    public static string? Str(this JsonNode? n) => n?.GetValue<string>();
    public static string Errors(this JsonObject o) => o["errors"]?.ToJsonString() ?? "";
}
