using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RelationsGraph.Stores.Neo4j;
using RelationsGraph.Tests.Shared;

namespace RelationsGraph.Api.Tests;

/// <summary>The API over HTTP on an in-memory embedded store with the seeds ingested at start.</summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public static string Root => RepositoryRoot.Path;

    protected virtual IEnumerable<KeyValuePair<string, string>> StoreSettings => [new("RelationsGraph:Store:InMemory", "true")];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in StoreSettings) builder.UseSetting(key, value);
        builder.UseSetting("RelationsGraph:Ingestion:SeedDirectory", Path.Combine(Root, "seeds"));
        builder.UseSetting("RelationsGraph:Api:MaxDepth", "12");
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
        using (var http = new Neo4jHttp(new Neo4jOptions { Uri = server.Uri, User = server.User, Password = server.Password }, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance))
            await http.RunAsync(new Cypher("MATCH (n) DETACH DELETE n"), default);
        Factory = new Neo4jApiFactory(server);
        Factory.CreateClient().Dispose(); // start the host: schema and seeds go in now
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await server.DisposeAsync();
    }

    private sealed class Neo4jApiFactory(Neo4jTestServer server) : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> StoreSettings =>
        [
            new("RelationsGraph:Store:Kind", "Neo4j"),
            new("RelationsGraph:Store:Neo4j:Uri", server.Uri),
            new("RelationsGraph:Store:Neo4j:User", server.User),
            new("RelationsGraph:Store:Neo4j:Password", server.Password),
        ];
    }
}

internal static class Json
{
    public static string? Str(this JsonNode? n) => n?.GetValue<string>();
    public static string Errors(this JsonObject o) => o["errors"]?.ToJsonString() ?? "";
}
