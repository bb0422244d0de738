using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Tests.Shared;

namespace RelationsGraph.Api.Tests;

/// <summary>
/// Hostile GraphQL: each gets a clear error in bounded time, the process stays up, nothing is stored.
/// The elapsed-time bounds are loose hang guards, not performance claims.
/// </summary>
public sealed class HostileGraphQLTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);

    private static string? Code(JsonObject body) => body["errors"]?[0]?["extensions"]?["code"].Str();

    private async Task<(HttpStatusCode Status, JsonObject Body)> TimedAsync(string query, object? variables = null, string? key = null)
    {
        api.CreateClient().Dispose(); // the host starts (and ingests the seeds) outside the clock
        var clock = Stopwatch.StartNew();
        var result = await api.PostAsync(query, variables, key);
        Assert.True(clock.Elapsed < HangGuard, $"took {clock.Elapsed}");
        return result;
    }

    [Fact]
    public async Task AliasExplosionIsRefusedBeforeExecution()
    {
        var before = await api.StatsAsync();
        var aliases = string.Join(" ", Enumerable.Range(0, 2_000).Select(i => $"a{i}: graphStats {{ nodes }}"));
        var (status, body) = await TimedAsync("{ " + aliases + " }");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body["data"]);
        Assert.Contains("complexity", body["errors"]![0]!["message"].Str(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await api.StatsAsync());
    }

    [Fact]
    public async Task FiveThousandAliasesAreRefusedWithOrWithoutAKey()
    {
        var aliases = "{ " + string.Join(" ", Enumerable.Range(0, 5_000).Select(i => $"a{i}: graphStats {{ nodes }}")) + " }";
        var (anonymous, _) = await TimedAsync(aliases);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, anonymous);
        // a key holder may send larger bodies; the field budget still applies
        var (keyed, body) = await TimedAsync(aliases, key: ApiFactory.WriterKey);
        Assert.Equal(HttpStatusCode.OK, keyed);
        Assert.Null(body["data"]);
        Assert.Equal("QUERY_TOO_LARGE", Code(body));
    }

    [Fact]
    public async Task FragmentCycleIsRefused()
    {
        var (_, body) = await TimedAsync("query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }");
        Assert.Null(body["data"]);
        Assert.Contains("cycle", body.Errors(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task FragmentExplosionIsRefused()
    {
        // each fragment spreads the next one three times: 3^15 copies of graphStats if expanded
        var fragments = new StringBuilder("query { ...F0 } ");
        for (var i = 0; i < 15; i++) fragments.Append($"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} ...F{i + 1} }} ");
        fragments.Append("fragment F15 on Query { graphStats { nodes } }");
        var (status, body) = await TimedAsync(fragments.ToString());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body["data"]);
        Assert.Equal("QUERY_TOO_LARGE", Code(body));
    }

    [Fact]
    public async Task LongFragmentChainIsRefusedAndTheProcessStaysUp()
    {
        // 20,000 fragments, each spreading the next: deep recursion for a validator that follows them
        var chain = new StringBuilder("query { ...F0 } ");
        for (var i = 0; i < 20_000; i++) chain.Append($"fragment F{i} on Query {{ ...F{i + 1} }} ");
        chain.Append("fragment F20000 on Query { graphStats { nodes } }");
        var (_, body) = await TimedAsync(chain.ToString(), key: ApiFactory.WriterKey);
        Assert.Null(body["data"]);
        Assert.Equal("QUERY_TOO_LARGE", Code(body));
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("{ graphStats { nodes } }")).Status);
    }

    [Fact]
    public async Task DeeplyNestedSelectionIsRefusedByTheParser()
    {
        var nested = "{ " + string.Concat(Enumerable.Repeat("a { ", 5_000)) + "b" + new string('}', 5_001);
        var (_, body) = await TimedAsync(nested);
        Assert.Null(body["data"]);
        Assert.NotNull(Code(body));
    }

    [Theory]
    [InlineData("search(text: \"a\", first: 1000000) { totalCount }")]
    [InlineData("events(first: 1000000) { totalCount }")]
    [InlineData("events(first: -1) { totalCount }")]
    [InlineData("agreements(between: \"NRW\", first: 2147483647) { totalCount }")]
    public async Task HugeFirstIsRefusedWithBadPageSize(string field)
    {
        var (_, body) = await TimedAsync("{ " + field + " }");
        Assert.Equal("BAD_PAGE_SIZE", Code(body));
    }

    [Fact]
    public async Task FirstBeyondInt32IsAValidationError()
    {
        var (_, body) = await TimedAsync("{ events(first: 99999999999999) { totalCount } }");
        Assert.Null(body["data"]);
        Assert.NotNull(Code(body));
    }

    public static TheoryData<string> Injections => new()
    {
        "\") MATCH (n) DETACH DELETE n //",
        "' OR 1=1 --",
        "'; DROP TABLE nodes; --",
        "NRW\"}) MATCH (n) DETACH DELETE n RETURN 1 //",
        "%' OR '1'='1",
        "\\u0000",
        "*",
        ".*",
        "$param",
        "{id: 1}",
    };

    [Theory]
    [MemberData(nameof(Injections))]
    public async Task InjectionStringsAreRefsNobodyKnowsAndChangeNothing(string s)
    {
        var before = await api.StatsAsync();
        var (_, place) = await TimedAsync("query($s: String!) { place(ref: $s) { id } }", new { s });
        Assert.Equal("UNKNOWN_REF", Code(place));
        var (_, events) = await TimedAsync("query($s: String!) { cooperationEvents(between: $s, and: \"Japan\") { totalCount } }", new { s });
        Assert.Equal("UNKNOWN_REF", Code(events));
        var (_, search) = await TimedAsync("query($s: String!) { search(text: $s) { totalCount } }", new { s });
        Assert.True(search["errors"] is null || Code(search) == "BAD_SEARCH_TEXT", search.ToJsonString());
        using (var client = api.CreateClient())
        {
            var export = await client.GetAsync("/export?seeds=" + Uri.EscapeDataString(s));
            Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        }
        Assert.Equal(before, await api.StatsAsync());
    }

    [Fact]
    public async Task InjectionStringsInSearchFindNothing()
    {
        foreach (var s in new[] { "\") MATCH (n) DETACH DELETE n //", "' OR 1=1 --" })
        {
            var (_, search) = await TimedAsync("query($s: String!) { search(text: $s) { totalCount } }", new { s });
            Assert.Equal(0, search["data"]!["search"]!["totalCount"]!.GetValue<int>());
        }
    }

    /// <summary>Property: any string as a ref or search text gets data or a coded error, never a 500, and changes nothing.</summary>
    [Fact]
    public async Task AnyStringAsRefOrSearchTextGetsDataOrACodedError()
    {
        var before = await api.StatsAsync();
        string[] fragments = ["\"", "'", "\\", ")", "(", "MATCH (n) DETACH DELETE n", "//", "--", " OR 1=1", ";", "%", "_", "*", "NRW", "Japan", "Laschet", "ü", "ß", "\u0000", "\n", "\u200B", "😀", "{", "}", "$x", "<script>"];
        var hostile = Gen.OneOf(
            Gen.Char['\u0000', '\uD7FF'].Array[0, 260].Select(a => new string(a)),
            Gen.OneOf(fragments).Array[1, 8].Select(a => string.Concat(a)));
        using var client = api.CreateClient();
        await hostile.SampleAsync(async s =>
        {
            var response = await client.PostAsync("/graphql", System.Net.Http.Json.JsonContent.Create(new
            {
                query = "query($s: String!) { place(ref: $s) { id } }",
                variables = new { s },
            }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertDataOrCodes(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject(), "place", "UNKNOWN_REF", "AMBIGUOUS_REF", "EMPTY_REF", "REF_TOO_LONG");
            response = await client.PostAsync("/graphql", System.Net.Http.Json.JsonContent.Create(new
            {
                query = "query($s: String!) { search(text: $s, first: 3) { totalCount nodes { id } } }",
                variables = new { s },
            }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertDataOrCodes(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject(), "search", "BAD_SEARCH_TEXT");
        }, iter: 150, threads: 1, seed: "0N0XIzNsQ0O2");
        Assert.Equal(before, await api.StatsAsync());
    }

    private static void AssertDataOrCodes(JsonObject body, string field, params string[] codes)
    {
        if (body["errors"] is null)
            Assert.NotNull(body["data"]?[field]);
        else
            Assert.True(codes.Contains(Code(body)), body.ToJsonString());
    }

    [Fact]
    public async Task SlowQueryIsStoppedWith504()
    {
        await using var slow = new SlowStoreApi();
        slow.CreateClient().Dispose();
        var clock = Stopwatch.StartNew();
        var (status, body) = await slow.PostAsync("""{ search(text: "slow") { totalCount } }""");
        Assert.True(clock.Elapsed < HangGuard, $"took {clock.Elapsed}");
        Assert.Equal(HttpStatusCode.GatewayTimeout, status);
        Assert.Equal("TIMEOUT", Code(body));
        // the process stays up
        Assert.Equal(HttpStatusCode.OK, (await slow.PostAsync("{ graphStats { documents } }")).Status);
    }

    /// <summary>A store whose search for "slow" takes a minute (unless cancelled), with a 1 s execution timeout.</summary>
    private sealed class SlowStoreApi : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("RelationsGraph:Api:ExecutionTimeoutSeconds", "1")];

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<RelationsGraph.Stores.Embedded.EmbeddedGraphStore>();
                services.AddSingleton<IGraphStore>(sp => new SlowSearch(sp.GetRequiredService<RelationsGraph.Stores.Embedded.EmbeddedGraphStore>()));
            });
        }
    }

    private sealed class SlowSearch(IGraphStore inner) : DelegatingGraphStore(inner)
    {
        public override async Task<Page<GraphNode>> SearchAsync(string text, PageRequest page, CancellationToken cancellationToken)
        {
            if (text == "slow") await Task.Delay(TimeSpan.FromMinutes(1), cancellationToken);
            return await base.SearchAsync(text, page, cancellationToken);
        }
    }
}
