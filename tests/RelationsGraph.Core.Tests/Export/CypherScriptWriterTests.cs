using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using RelationsGraph.Core.Tests.Stores;
using RelationsGraph.Export;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Stores.Neo4j;
using RelationsGraph.Tests.Shared;

namespace RelationsGraph.Core.Tests.Export;

public sealed class CypherScriptWriterTests
{
    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("it's", @"'it\'s'")]
    [InlineData(@"back\slash", @"'back\\slash'")]
    [InlineData("two\nlines\r\n", @"'two\nlines\r\n'")]
    [InlineData("tab\tbell\u0007del\u007Fls\u2028", @"'tab\tbell\u0007del\u007Fls\u2028'")]
    [InlineData("\"double\" 😀 Ünï", "'\"double\" 😀 Ünï'")]
    public void StringEscapesWhatEndsOrBreaksALiteral(string value, string literal) =>
        Assert.Equal(literal, CypherScriptWriter.String(value));

    [Theory]
    [InlineData("HOLDS", "HOLDS")]
    [InlineData("PART_OF", "PART_OF")]
    [InlineData("ODD `TYPE`", "`ODD ``TYPE```")]
    [InlineData("1ST", "`1ST`")]
    public void IdentifierQuotesOnlyWhatIsNotAPlainName(string name, string identifier) =>
        Assert.Equal(identifier, CypherScriptWriter.Identifier(name));

    [Fact]
    public void EveryStatementEndsWithASemicolonAtTheEndOfALine()
    {
        var script = Encoding.UTF8.GetString(ExportSamples.Hostile.WriteAs("cypher"));
        var statements = CypherScript.Statements(script);
        Assert.Equal(ExportSamples.Hostile.Nodes.Select(n => n.Label).Distinct().Count() + ExportSamples.Hostile.Relationships.Select(r => r.Edge.Type).Distinct().Count(), statements.Count);
        Assert.All(statements, s => Assert.Contains("UNWIND [\n", s));
        Assert.Contains("CREATE (n:Entity:Place) SET n = p", script);
        Assert.Contains("CREATE (a)-[e:`ODD ``TYPE```]->(b) SET e = r.properties;", script);
    }
}

/// <summary>The scripts run into a real, emptied Neo4j, statement by statement over the HTTP API.</summary>
[Collection(Neo4jCollection.Name)]
public sealed class CypherScriptNeo4jTests(Neo4jTestServer server) : IAsyncLifetime
{
    private readonly Neo4jHttp neo4j = new(new Neo4jOptions { Uri = server.Uri, User = server.User, Password = server.Password, MaxRetries = 2 }, NullLogger.Instance);

    public Task InitializeAsync() => neo4j.RunAsync(new Cypher("MATCH (n) DETACH DELETE n"), default);

    public Task DisposeAsync()
    {
        neo4j.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SeedScriptRecreatesEveryNodeAndRelationshipInAnEmptyDatabase()
    {
        await RunScriptAsync(ExportSamples.Seed);
        Assert.Equal(ExportSamples.Seed.Nodes.Count, await CountAsync("MATCH (n:Entity) RETURN count(n)"));
        Assert.Equal(ExportSamples.Seed.Relationships.Count, await CountAsync("MATCH ()-[r]->() RETURN count(r)"));
        Assert.Equal(0, await CountAsync("MATCH (n) WHERE NOT n:Entity RETURN count(n)"));

        var visit = ExportSamples.Seed.Nodes.OfType<Event>().Single(e => e.Type == EventType.Visit);
        var row = (await neo4j.RunAsync(new Cypher("MATCH (e:Entity:Event {id: $id})-[r:PARTICIPANT]->(p:Person) RETURN e.date, e.label, p.name, r.evidenceCount", new { id = visit.Id }), default)).Single();
        Assert.Equal(("2019-10", "Event", "Masao Uchibori"), (row[0]!.GetValue<string>(), row[1]!.GetValue<string>(), row[2]!.GetValue<string>()));
        Assert.True(row[3]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task HostileStringsArriveAsWrittenAndRunNothing()
    {
        await RunScriptAsync(ExportSamples.Hostile);
        Assert.Equal(ExportSamples.Hostile.Nodes.Count, await CountAsync("MATCH (n:Entity) RETURN count(n)"));
        Assert.Equal(ExportSamples.Hostile.Relationships.Count, await CountAsync("MATCH ()-[r]->() RETURN count(r)"));

        var place = (await neo4j.RunAsync(new Cypher("MATCH (p:Entity:Place {id: $id}) RETURN p.name, p.aliases, p.evidence", new { id = ExportSamples.PlaceId }), default)).Single();
        Assert.Equal(ExportSamples.Nasty, place[0]!.GetValue<string>());
        Assert.Equal([ExportSamples.Controls, "a; b", "x,y"], place[1]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal($"doc:hostile.txt@10-20: {ExportSamples.Nasty}", place[2]!.GetValue<string>());

        var stat = (await neo4j.RunAsync(new Cypher("MATCH (s:Entity:Statistic) RETURN s.value, s.evidenceCount"), default)).Single();
        Assert.Equal(2_700_000_000.5, stat[0]!.GetValue<double>());
        Assert.Equal(0, stat[1]!.GetValue<long>());
        Assert.Equal(1, await CountAsync("MATCH (:Organization)-[r:`ODD ``TYPE```]->(:Place) RETURN count(r)"));
        var role = (await neo4j.RunAsync(new Cypher("MATCH ()-[r:PARTICIPANT]->(p:Person) RETURN r.role, p.aliases[0]"), default)).Single();
        Assert.Equal(("host'; DROP", "half \uFFFD pair"), (role[0]!.GetValue<string>(), role[1]!.GetValue<string>()));
    }

    /// <summary>Each statement of the script alone, as a client of the transactional HTTP endpoint sends it; Neo4j must report no error.</summary>
    private async Task RunScriptAsync(Subgraph subgraph)
    {
        var endpoint = (await neo4j.DialectAsync(default)).CommitEndpoint;
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{server.User}:{server.Password}")));
        foreach (var statement in CypherScript.Statements(Encoding.UTF8.GetString(subgraph.WriteAs("cypher"))))
        {
            using var response = await http.PostAsJsonAsync(endpoint, new { statements = new[] { new { statement } } });
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
            Assert.True(body["errors"]!.AsArray().Count == 0, $"{body["errors"]!.ToJsonString()}\nin\n{statement}");
        }
    }

    private async Task<long> CountAsync(string query) => (await neo4j.RunAsync(new Cypher(query), default)).Single()[0]!.GetValue<long>();
}

/// <summary>Splits a script as cypher-shell does for these files (a statement ends with ';' at the end of a line), comments kept.</summary>
internal static class CypherScript
{
    public static IReadOnlyList<string> Statements(string script)
    {
        var statements = new List<string>();
        var current = new StringBuilder();
        foreach (var line in script.Split('\n'))
        {
            current.Append(line).Append('\n');
            if (line.EndsWith(';'))
            {
                statements.Add(current.ToString().TrimEnd()[..^1].Trim());
                current.Clear();
            }
        }
        Assert.True(current.ToString().Trim().Length == 0, $"text after the last statement: {current}");
        return statements;
    }
}
