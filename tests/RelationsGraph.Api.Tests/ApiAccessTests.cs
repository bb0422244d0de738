using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RelationsGraph.Api.Access;

namespace RelationsGraph.Api.Tests;

/// <summary>API keys: hashed, compared in constant time, required for mutations and, when configured, for reads.</summary>
public sealed class ApiAccessTests(ApiAccessTests.KeyedReadsApi api) : IClassFixture<ApiAccessTests.KeyedReadsApi>
{
    /// <summary>The API with RequireKeyForReads on.</summary>
    public sealed class KeyedReadsApi : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("RelationsGraph:Access:RequireKeyForReads", "true")];
    }

    private const string Stats = "{ graphStats { documents } }";

    [Fact]
    public async Task ReadsAreRefusedWith401GivenNoKeyWhenReadsNeedOne()
    {
        var (status, body) = await api.PostAsync(Stats);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("UNAUTHENTICATED", body["errors"]![0]!["extensions"]!["code"].Str());

        using var client = api.CreateClient();
        var get = await client.GetAsync("/graphql?query=" + Uri.EscapeDataString(Stats));
        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
        Assert.Equal("Bearer", get.Headers.WwwAuthenticate.ToString());
        var export = await client.GetAsync("/export?seeds=NRW");
        Assert.Equal(HttpStatusCode.Unauthorized, export.StatusCode);
        Assert.Equal("UNAUTHENTICATED", JsonNode.Parse(await export.Content.ReadAsStringAsync())!["code"].Str());
    }

    [Fact]
    public async Task ReadsAnswerGivenAKeyInEitherHeader()
    {
        var (status, body) = await api.PostAsync(Stats, key: ApiFactory.WriterKey);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body["data"]!["graphStats"]!["documents"]!.GetValue<int>());

        using var client = api.CreateClient(ApiFactory.OtherKey, asHeader: true);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/graphql?query=" + Uri.EscapeDataString(Stats))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/export?seeds=NRW")).StatusCode);
    }

    [Fact]
    public async Task ReadsAreRefusedGivenAWrongKey()
    {
        var (status, _) = await api.PostAsync(Stats, key: "not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task DashboardPageAndHealthStayOpen()
    {
        using var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public void KeyRingMatchesOnlyTheConfiguredKeys()
    {
        var ring = api.Services.GetRequiredService<ApiKeyRing>();
        Assert.Equal("writer", ring.Match(ApiFactory.WriterKey).KeyName);
        Assert.Equal("other", ring.Match(ApiFactory.OtherKey).KeyName);
        Assert.True(ring.Match(ApiFactory.WriterKey[..^1]).InvalidKey);
        Assert.True(ring.Match("").InvalidKey);
        Assert.True(ring.Match(new string('a', 10_000)).InvalidKey);
    }

    [Fact]
    public void NewKeysAreRandomBase64UrlOf32Bytes()
    {
        var a = ApiKeyRing.NewKey();
        var b = ApiKeyRing.NewKey();
        Assert.NotEqual(a, b);
        Assert.Equal(43, a.Length);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", a);
        Assert.Equal(64, ApiKeyRing.Hash(a).Length);
    }

    [Fact]
    public void ConfigurationThatHoldsAKeyInsteadOfItsHashIsRefusedAtStart()
    {
        using var bad = new BadKeyApi();
        var e = Assert.ThrowsAny<OptionsValidationException>(() => bad.CreateClient());
        Assert.Contains("Sha256", e.Message);
        Assert.DoesNotContain(ApiFactory.WriterKey, e.Message);
    }

    private sealed class BadKeyApi : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("RelationsGraph:Access:ApiKeys:0:Sha256", WriterKey)];
    }
}

/// <summary>What the service writes down and answers: never an API key, never the Neo4j password.</summary>
public static class SecretsCheck
{
    public static async Task NeitherKeyNorPasswordAppearsAsync(ApiFactory api)
    {
        var answers = new List<string>();
        async Task Send(string query, object? variables, string? key)
        {
            var (_, body) = await api.PostAsync(query, variables, key);
            answers.Add(body.ToJsonString());
        }
        await Send("{ graphStats { documents } }", null, ApiFactory.WriterKey);
        await Send("{ place(ref: \"Atlantis\") { id } }", null, ApiFactory.WriterKey);
        await Send("{ graphStats { documents } }", null, ApiFactory.WriterKey + "-wrong");
        await Send("{ nope }", null, ApiFactory.OtherKey);
        await Send(IngestDocumentMutationTests.Mutation, new { input = new { title = "Nichts", text = "Heute ist ein schöner Tag und wir gehen in den Garten." } }, ApiFactory.WriterKey);
        await Send(IngestDocumentMutationTests.Mutation, new { input = new { title = "T", text = "x", url = "https://example.org/?key=" + ApiFactory.OtherKey[..5] } }, null);
        using (var client = api.CreateClient(ApiFactory.WriterKey))
        {
            answers.Add(await (await client.GetAsync("/export?seeds=NRW&format=nope")).Content.ReadAsStringAsync());
            answers.Add(await (await client.PostAsJsonAsync("/graphql", new { query = "{ search(text: \"Laschet\") { totalCount } }" })).Content.ReadAsStringAsync());
        }
        var logs = string.Join("\n", api.Logs.Lines);
        Assert.NotEmpty(api.Logs.Lines);
        foreach (var secret in new[] { ApiFactory.WriterKey, ApiFactory.OtherKey, api.Neo4jPassword })
        {
            Assert.DoesNotContain(secret, logs);
            Assert.DoesNotContain(answers, a => a.Contains(secret, StringComparison.Ordinal));
        }
    }
}
