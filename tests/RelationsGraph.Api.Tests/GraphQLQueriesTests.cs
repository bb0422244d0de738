using System.Text.Json.Nodes;

namespace RelationsGraph.Api.Tests;

/// <summary>The foundation's queries and their answers on the seed, over HTTP: the same answers on every store.</summary>
public abstract partial class GraphQLQueries(ApiFactory api)
{
    [Fact]
    public async Task CooperationEventsGivesParticipantsTheirRolesGivenTheSeedsReception()
    {
        var r = await api.QueryAsync("""
            { cooperationEvents(between: "NRW", and: "Japan", types: [RECEPTION]) { nodes { participants { entity { name } role } } } }
            """);
        Assert.True(r["errors"] is null, r.ToJsonString());
        var roles = r["data"]!["cooperationEvents"]!["nodes"]![0]!["participants"]!.AsArray()
            .ToDictionary(p => p!["entity"]!["name"]!.GetValue<string>(), p => p!["role"]?.GetValue<string>());
        Assert.Equal("host", roles["Armin Laschet"]);
        Assert.Equal("guest", roles["Kiminori Iwama"]);
    }

    [Fact]
    public async Task CooperationEventsReturnsTheGovernorsVisitGivenNrwAndFukushima()
    {
        var r = await api.QueryAsync("""
            { cooperationEvents(between: "NRW", and: "Fukushima") {
                totalCount
                nodes { type date datePrecision place { name }
                  participants { entity { name } offices { office { title of { id } } asOf } }
                  agreements { status date count }
                  evidence { quote start end document { title } } } } }
            """);
        Assert.Null(r["errors"]);
        var c = r["data"]!["cooperationEvents"]!;
        Assert.Equal(1, c["totalCount"]!.GetValue<int>());
        var e = c["nodes"]![0]!;
        Assert.Equal("VISIT", e["type"].Str());
        Assert.Equal("2019-10", e["date"].Str());
        Assert.Equal("MONTH", e["datePrecision"].Str());
        Assert.Equal("Nordrhein-Westfalen", e["place"]!["name"].Str());
        var p = e["participants"]![0]!;
        Assert.Equal("Masao Uchibori", p["entity"]!["name"].Str());
        Assert.Equal("JP-07", p["offices"]![0]!["office"]!["of"]!["id"].Str());
        Assert.Equal("EXTENDED", e["agreements"]![0]!["status"].Str());
        var ev = e["evidence"]![0]!;
        var text = File.ReadAllText(Path.Combine(ApiFactory.Root, "seeds", "000_e55f62f1b2728f2e.txt"));
        Assert.Equal(ev["quote"].Str(), text[ev["start"]!.GetValue<int>()..ev["end"]!.GetValue<int>()]);
        Assert.StartsWith("Ministerpräsident Armin Laschet empfängt", ev["document"]!["title"].Str());
    }

    [Fact]
    public async Task CooperationEventsRollsUpFukushimaToJapanInDateOrder()
    {
        var r = await api.QueryAsync("""{ cooperationEvents(between: "Nordrhein-Westfalen", and: "Japan") { totalCount nodes { type date } } }""");
        var nodes = r["data"]!["cooperationEvents"]!["nodes"]!.AsArray();
        Assert.Equal(["DELEGATION 2019-09", "VISIT 2019-10", "RECEPTION 2020-09-04"], nodes.Select(n => $"{n!["type"].Str()} {n["date"].Str()}"));
    }

    [Fact]
    public async Task CooperationEventsPagesWithCursors()
    {
        var first = await api.QueryAsync("""{ cooperationEvents(between: "DE-NW", and: "JP", first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { date } } }""");
        var c = first["data"]!["cooperationEvents"]!;
        Assert.Equal(3, c["totalCount"]!.GetValue<int>());
        Assert.True(c["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var next = await api.QueryAsync("query($after: String) { cooperationEvents(between: \"DE-NW\", and: \"JP\", first: 2, after: $after) { pageInfo { hasNextPage hasPreviousPage } nodes { date } } }",
            new { after = c["pageInfo"]!["endCursor"].Str() });
        var n = next["data"]!["cooperationEvents"]!;
        Assert.Equal("2020-09-04", Assert.Single(n["nodes"]!.AsArray())!["date"].Str());
        Assert.False(n["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.True(n["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task PersonShowsTheGovernorsOfficeGivenHisSurname()
    {
        var r = await api.QueryAsync("""{ person(ref: "uchibori") { name offices { asOf office { role title of { name kind } } } } }""");
        var p = r["data"]!["person"]!;
        Assert.Equal("Masao Uchibori", p["name"].Str());
        var o = Assert.Single(p["offices"]!.AsArray())!;
        Assert.Equal("2019-10", o["asOf"].Str());
        Assert.Equal("gouverneur", o["office"]!["role"].Str());
        Assert.Equal("Fukushima", o["office"]!["of"]!["name"].Str());
        Assert.Equal("PREFECTURE", o["office"]!["of"]!["kind"].Str());
    }

    [Fact]
    public async Task PlaceShowsNrwAsAStatePartOfGermanyWithItsPartners()
    {
        var r = await api.QueryAsync("""{ place(ref: "DE-NW") { id name kind partOf { id } partners { id } } }""");
        var p = r["data"]!["place"]!;
        Assert.Equal("Nordrhein-Westfalen", p["name"].Str());
        Assert.Equal("STATE", p["kind"].Str());
        Assert.Equal("DE", p["partOf"]!["id"].Str());
        Assert.Equal(["JP-07", "JP-27"], p["partners"]!.AsArray().Select(x => x!["id"].Str()).Order());
    }

    [Fact]
    public async Task AgreementsShowsTheTwoCooperationAgreementsExtendedInOctober2019()
    {
        var r = await api.QueryAsync("""{ agreements(between: "NRW", and: "Fukushima") { totalCount nodes { count status date parties { id } evidence { quote } } } }""");
        var nodes = r["data"]!["agreements"]!["nodes"]!.AsArray();
        var extended = Assert.Single(nodes, n => n!["status"].Str() == "EXTENDED")!;
        Assert.Equal(2, extended["count"]!.GetValue<int>());
        Assert.Equal("2019-10", extended["date"].Str());
        Assert.Contains("Verlängerung von zwei Kooperationsabkommen", extended["evidence"]![0]!["quote"].Str());
    }

    [Fact]
    public async Task SearchFindsThePrefectureTheGovernorAndTheEvent()
    {
        var r = await api.QueryAsync("""{ search(text: "fukushima") { totalCount nodes { label id } } }""");
        var ids = r["data"]!["search"]!["nodes"]!.AsArray().Select(n => $"{n!["label"].Str()} {n["id"].Str()}").ToList();
        Assert.Equal("Place JP-07", ids[0]);
        Assert.Contains("Person person:masao-uchibori", ids);
        Assert.Contains(ids, i => i.StartsWith("Event event:visit:2019-10", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NeitherApiKeysNorTheNeo4jPasswordAppearInLogsOrAnswers() => await SecretsCheck.NeitherKeyNorPasswordAppearsAsync(api);

    [Theory]
    [InlineData("NRW")]
    [InlineData("nordrhein-westfalen")]
    [InlineData("NORDRHEIN WESTFALEN")]
    [InlineData("de-nw")]
    public async Task PlaceAcceptsCodesAndNamesInAnyCase(string reference)
    {
        var r = await api.QueryAsync("query($r: String!) { place(ref: $r) { id } }", new { r = reference });
        Assert.Equal("DE-NW", r["data"]!["place"]!["id"].Str());
    }
}

public sealed class EmbeddedGraphQLQueriesTests(ApiFactory api) : GraphQLQueries(api), IClassFixture<ApiFactory>;

public sealed class Neo4jGraphQLQueriesTests(Neo4jApi api) : GraphQLQueries(api.Factory), IClassFixture<Neo4jApi>;
