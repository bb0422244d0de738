using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RelationsGraph.Graph;

namespace RelationsGraph.Api.Tests;

/// <summary>ingestDocument over HTTP: keys, statuses, idempotency, rejection, input checks.</summary>
public sealed class IngestDocumentMutationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    internal const string Mutation = """
        mutation Ingest($input: IngestDocumentInput!) {
          ingestDocument(input: $input) {
            status nodesWritten edgesWritten factsRemoved warnings
            extracted { label count }
            document { id title url published language }
          }
        }
        """;

    private static readonly string Bavaria = File.ReadAllText(Path.Combine(ApiFactory.Root, "tests", "corpus", "101_bayern-japan-generalkonsulin.txt"));
    private const string BavariaTitle = "Ministerpräsident Weidinger empfängt neue Generalkonsulin von Japan";

    private static object Input(string text, string title = BavariaTitle, string? url = null, string? published = null, string? language = null) =>
        new { input = new { title, text, url, published, language } };

    private static string? Code(JsonObject body) => body["errors"]?[0]?["extensions"]?["code"].Str();

    [Fact]
    public async Task IsRefusedWith401GivenNoKey()
    {
        var before = await api.StatsAsync();
        var (status, body) = await api.PostAsync(Mutation, Input(Bavaria, url: "https://example.org/no-key"));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("UNAUTHENTICATED", Code(body));
        Assert.Null(body["data"]);
        Assert.Equal(before, await api.StatsAsync());
    }

    [Fact]
    public async Task IsRefusedWith401GivenAWrongKey()
    {
        var before = await api.StatsAsync();
        var (status, body) = await api.PostAsync(Mutation, Input(Bavaria, url: "https://example.org/wrong-key"), key: ApiFactory.WriterKey + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("UNAUTHENTICATED", Code(body));
        Assert.DoesNotContain(ApiFactory.WriterKey, body.ToJsonString());
        Assert.Equal(before, await api.StatsAsync());
    }

    [Fact]
    public async Task AddsThenLeavesUnchangedThenUpdatesGivenAKey()
    {
        const string url = "https://example.org/bayern-japan";
        try
        {
            var (status, body) = await api.PostAsync(Mutation, Input(Bavaria, url: url), ApiFactory.WriterKey);
            Assert.Equal(HttpStatusCode.OK, status);
            var added = body["data"]!["ingestDocument"]!;
            Assert.True(added["status"].Str() == "ADDED", body.ToJsonString());
            Assert.True(added["nodesWritten"]!.GetValue<int>() > 0);
            Assert.True(added["edgesWritten"]!.GetValue<int>() > 0);
            Assert.Equal(BavariaTitle, added["document"]!["title"].Str());
            Assert.Equal(url, added["document"]!["url"].Str());
            Assert.Equal("2024-05-15", added["document"]!["published"].Str());
            Assert.Equal("de", added["document"]!["language"].Str());
            var extracted = added["extracted"]!.AsArray().ToDictionary(x => x!["label"].Str()!, x => x!["count"]!.GetValue<int>());
            Assert.True(extracted.GetValueOrDefault("Event") >= 1, body.ToJsonString());
            Assert.True(extracted.GetValueOrDefault("Person") >= 2, body.ToJsonString());

            var events = await api.QueryAsync("""{ cooperationEvents(between: "Bayern", and: "Japan") { totalCount nodes { type date } } }""");
            Assert.True(events["data"]!["cooperationEvents"]!["totalCount"]!.GetValue<int>() >= 1, events.ToJsonString());

            // the same input again, this time with the key in X-Api-Key
            using var client = api.CreateClient(ApiFactory.WriterKey, asHeader: true);
            var again = await PostAsync(client, Mutation, Input(Bavaria, url: url));
            Assert.Equal("UNCHANGED", again["data"]!["ingestDocument"]!["status"].Str());
            Assert.Equal(0, again["data"]!["ingestDocument"]!["nodesWritten"]!.GetValue<int>());
            Assert.Equal(added["document"]!["id"].Str(), again["data"]!["ingestDocument"]!["document"]!["id"].Str());

            var changed = Bavaria.Replace("Rund 7.000 Japanerinnen", "Rund 8.000 Japanerinnen", StringComparison.Ordinal);
            Assert.NotEqual(Bavaria, changed);
            var (_, updated) = await api.PostAsync(Mutation, Input(changed, url: url), ApiFactory.WriterKey);
            Assert.Equal("UPDATED", updated["data"]!["ingestDocument"]!["status"].Str());
            Assert.Equal(added["document"]!["id"].Str(), updated["data"]!["ingestDocument"]!["document"]!["id"].Str());
        }
        finally
        {
            await DeleteAsync(url);
        }
    }

    [Fact]
    public async Task IsIdempotentGivenNoUrl()
    {
        var text = Bavaria + "\n\nZweite Fassung ohne URL.";
        var (_, first) = await api.PostAsync(Mutation, Input(text), ApiFactory.WriterKey);
        var id = first["data"]!["ingestDocument"]!["document"]!["id"].Str()!;
        try
        {
            Assert.Equal("ADDED", first["data"]!["ingestDocument"]!["status"].Str());
            var (_, second) = await api.PostAsync(Mutation, Input(text), ApiFactory.WriterKey);
            Assert.Equal("UNCHANGED", second["data"]!["ingestDocument"]!["status"].Str());
            Assert.Equal(id, second["data"]!["ingestDocument"]!["document"]!["id"].Str());
        }
        finally
        {
            await api.Services.GetRequiredService<IGraphStore>().DeleteDocumentAsync(id, default);
        }
    }

    [Theory]
    [InlineData("Le ministre-président de la Bavière a reçu la consule générale du Japon à Munich. La Bavière et le Japon veulent renforcer leur coopération dans les domaines de l'hydrogène et des semi-conducteurs, et les entreprises japonaises sont les bienvenues.")]
    [InlineData("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.")]
    [InlineData("Heute ist ein schöner Tag und wir gehen mit dem Hund in den Garten, das ist nicht weit.")]
    public async Task IsRejectedAndNothingStoredGivenNothingItCanRead(string text)
    {
        var before = await api.StatsAsync();
        var (status, body) = await api.PostAsync(Mutation, Input(text, title: "Communiqué"), ApiFactory.WriterKey);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("DOCUMENT_REJECTED", Code(body));
        Assert.Contains("not stored", body["errors"]![0]!["message"].Str());
        Assert.Equal(before, await api.StatsAsync());
    }

    [Theory]
    [InlineData("", "text", null, null, null, "BAD_TITLE")]
    [InlineData("Titel", "   ", null, null, null, "EMPTY_TEXT")]
    [InlineData("Titel", "Bayern und Japan", "ftp://example.org/x", null, null, "BAD_URL")]
    [InlineData("Titel", "Bayern und Japan", "not a url", null, null, "BAD_URL")]
    [InlineData("Titel", "Bayern und Japan", null, "15. Mai 2024", null, "BAD_DATE")]
    [InlineData("Titel", "Bayern und Japan", null, null, "fr", "BAD_LANGUAGE")]
    [InlineData("Titel", "Bayern\0und Japan", null, null, "de", "DOCUMENT_REJECTED")]
    public async Task IsRefusedWithACodeGivenBadInput(string title, string text, string? url, string? published, string? language, string code)
    {
        var before = await api.StatsAsync();
        var (_, body) = await api.PostAsync(Mutation, Input(text, title, url, published, language), ApiFactory.WriterKey);
        Assert.True(Code(body) == code, body.ToJsonString());
        Assert.Equal(before, await api.StatsAsync());
    }

    [Fact]
    public async Task AcceptsADocumentLargerThanTheAnonymousBodyLimitGivenAKey()
    {
        // 100,000 characters: over the 64 KB anonymous body limit, under the keyed limit and MaxDocumentChars
        var padding = string.Concat(Enumerable.Repeat("\n\nBayern und Japan arbeiten in Wissenschaft und Forschung eng zusammen.", 1_400));
        var text = Bavaria + padding;
        Assert.True(text.Length > 100_000);
        const string url = "https://example.org/large";
        try
        {
            var (status, body) = await api.PostAsync(Mutation, Input(text, url: url), ApiFactory.WriterKey);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(body["data"]?["ingestDocument"]?["status"].Str() == "ADDED", body.ToJsonString());
        }
        finally
        {
            await DeleteAsync(url);
        }
    }

    [Fact]
    public async Task IsRefusedGivenTextOverMaxDocumentChars()
    {
        var text = Bavaria + new string('x', 200_001);
        var (status, body) = await api.PostAsync(Mutation, Input(text), ApiFactory.WriterKey);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("DOCUMENT_TOO_LARGE", Code(body));
    }

    [Fact]
    public async Task IsRefusedOverGet()
    {
        using var client = api.CreateClient(ApiFactory.WriterKey);
        var response = await client.GetAsync("/graphql?query=" + Uri.EscapeDataString("""mutation { ingestDocument(input: {title: "T", text: "Bayern"}) { status } }"""));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private static async Task<JsonObject> PostAsync(HttpClient client, string query, object variables)
    {
        var response = await client.PostAsync("/graphql", System.Net.Http.Json.JsonContent.Create(new { query, variables }));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private async Task DeleteAsync(string url) =>
        await api.Services.GetRequiredService<IGraphStore>().DeleteDocumentAsync(GraphIds.Document(url, null, ""), default);
}
