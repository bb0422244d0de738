using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RelationsGraph.Api.Tests;

/// <summary>The API over HTTP on an in-memory embedded store with the seeds ingested at start.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    public static string Root { get; } = FindRoot();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("RelationsGraph:Store:InMemory", "true");
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

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RelationsGraph.sln"))) return dir.FullName;
        throw new InvalidOperationException("RelationsGraph.sln not found");
    }
}

internal static class Json
{
    public static string? Str(this JsonNode? n) => n?.GetValue<string>();
    public static string Errors(this JsonObject o) => o["errors"]?.ToJsonString() ?? "";
}
