using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Api.Tests;

/// <summary>Bad refs, bad arguments and oversized queries get errors a user can act on.</summary>
public sealed class GraphQLErrorsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task UnknownRefIsAnErrorThatSaysSo()
    {
        var r = await api.QueryAsync("""{ place(ref: "Atlantis") { id } }""");
        var error = r["errors"]![0]!;
        Assert.Contains("No place is known as \"Atlantis\"", error["message"].Str());
        Assert.Equal("UNKNOWN_REF", error["extensions"]!["code"].Str());
    }

    [Fact]
    public async Task AmbiguousRefListsTheCandidates()
    {
        var store = api.Services.GetRequiredService<IGraphStore>();
        await store.WriteDocumentAsync(new DocumentGraph(
            new Document("doc:test-ambiguous", "Test", null, new FuzzyDate(2021), null, "de", "hash-ambiguous", null),
            [new NodeFact(new Person("person:ulrike-uchibori", "Ulrike Uchibori", ["Uchibori"]), [])], []), default);
        try
        {
            var r = await api.QueryAsync("""{ person(ref: "Uchibori") { id } }""");
            var error = r["errors"]![0]!;
            Assert.Equal("AMBIGUOUS_REF", error["extensions"]!["code"].Str());
            Assert.Contains("person:masao-uchibori", error["message"].Str());
            Assert.Contains("person:ulrike-uchibori", error["message"].Str());
        }
        finally
        {
            await store.DeleteDocumentAsync("doc:test-ambiguous", default);
        }
    }

    [Fact]
    public async Task FirstAboveTheCapIsRefused()
    {
        var r = await api.QueryAsync("""{ search(text: "a", first: 100000) { totalCount } }""");
        Assert.Equal("BAD_PAGE_SIZE", r["errors"]![0]!["extensions"]!["code"].Str());
    }

    [Fact]
    public async Task BadDateIsRefused()
    {
        var r = await api.QueryAsync("""{ cooperationEvents(between: "NRW", and: "Japan", from: "Oktober") { totalCount } }""");
        Assert.Equal("BAD_DATE", r["errors"]![0]!["extensions"]!["code"].Str());
    }

    [Fact]
    public async Task DepthBombIsRefusedBeforeExecution()
    {
        var nested = "place(ref: \"NRW\") { " + string.Concat(Enumerable.Repeat("partOf { ", 20)) + "id" + new string('}', 21);
        var r = await api.QueryAsync("{ " + nested + " }");
        Assert.Null(r["data"]);
        Assert.Contains("depth", r["errors"]![0]!["message"].Str(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MalformedJsonGetsA400WithAReason()
    {
        using var client = api.CreateClient();
        var response = await client.PostAsync("/graphql", new StringContent("{ not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("INVALID_REQUEST", body["errors"]![0]!["extensions"]!["code"].Str());
    }

    [Fact]
    public async Task OversizedBodyGetsA413()
    {
        using var client = api.CreateClient();
        var response = await client.PostAsJsonAsync("/graphql", new { query = "{ graphStats { nodes } }" + new string(' ', 200_000) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task GetWithAQueryParameterAnswers()
    {
        using var client = api.CreateClient();
        var response = await client.GetAsync("/graphql?query=" + Uri.EscapeDataString("{ graphStats { documents } }"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(1, body["data"]!["graphStats"]!["documents"]!.GetValue<int>());
    }

    [Fact]
    public async Task BrowsersGetGraphiQL()
    {
        using var client = api.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.ParseAdd("text/html");
        var response = await client.SendAsync(request);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("GraphiQL", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HealthEndpointsAnswer()
    {
        using var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
