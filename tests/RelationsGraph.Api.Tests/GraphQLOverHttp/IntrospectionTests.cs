using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RelationsGraph.Api.GraphQL;

namespace RelationsGraph.Api.Tests.GraphQLOverHttp;

/// <summary>
/// The introspection query every GraphQL tool sends (graphql-js <c>getIntrospectionQuery()</c> with all
/// options) answers over HTTP, whatever the depth and complexity limits, and describes exactly the
/// schema in graph-schema/schema.graphql; queries that would multiply introspection are refused.
/// </summary>
public sealed class IntrospectionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly Lazy<Task<string>> StandardQuery = new(() => GraphQLJs.RunAsync("introspection.mjs", ["query"]));

    private static string? Code(JsonObject body) => body["errors"]?[0]?["extensions"]?["code"].Str();

    [Fact]
    public async Task StandardIntrospectionDescribesTheCommittedSchema()
    {
        using var client = api.CreateClient();
        var response = await client.PostAsJsonAsync("/graphql", new { query = await StandardQuery.Value });
        var result = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("\"errors\"", result);

        // both sides through graphql-js (buildClientSchema, buildSchema), sorted and printed alike
        var schemaFile = Path.Combine(ApiFactory.Root, "graph-schema", "schema.graphql");
        var printed = JsonNode.Parse(await GraphQLJs.RunAsync("introspection.mjs", ["compare", schemaFile], result))!;
        Assert.Equal(printed["committed"]!.GetValue<string>(), printed["introspected"]!.GetValue<string>());
        Assert.Contains("cooperationEvents(", printed["introspected"]!.GetValue<string>());
    }

    [Fact]
    public async Task StandardIntrospectionAnswersUnderLimitsThatRefuseShallowDataQueries()
    {
        await using var tight = new TightLimitsApi();
        var (dataStatus, data) = await tight.PostAsync("""{ place(ref: "NRW") { partOf { partOf { id } } } }""");
        Assert.Equal(HttpStatusCode.OK, dataStatus);
        Assert.Null(data["data"]);
        Assert.Equal("COMPLEXITY", Code(data));

        var (status, introspection) = await tight.PostAsync(await StandardQuery.Value);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(introspection["errors"]);
        Assert.Equal("Query", introspection["data"]!["__schema"]!["queryType"]!["name"].Str());
    }

    [Fact]
    public async Task TypenameAlongsideDataIsAnswered()
    {
        var r = await api.QueryAsync("{ __typename graphStats { documents } }");
        Assert.Equal("Query", r["data"]!["__typename"].Str());
        Assert.Equal(1, r["data"]!["graphStats"]!["documents"]!.GetValue<int>());
    }

    [Fact]
    public async Task IntrospectionMixedWithDataIsHeldToTheLimitsAsAWhole()
    {
        const string deepIntrospection = "__schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } }";
        var (status, body) = await api.PostAsync("{ graphStats { nodes } " + deepIntrospection + " }");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body["data"]);
        Assert.Equal("COMPLEXITY", Code(body));
    }

    public static TheoryData<string> MultiplyingIntrospection => new()
    {
        // a third nested list of types (graphql-js's MaxIntrospectionDepthRule refuses it too)
        "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }",
        "{ __type(name: \"Place\") { interfaces { possibleTypes { fields { name } } } } }",
        "query { ...F } fragment F on Query { __schema { types { fields { type { ...G } } } } } fragment G on __Type { inputFields { type { fields { name } } } }",
        // aliases below the root
        "{ __schema { a: types { name } b: types { name } } }",
        // many root fields
        "{ " + string.Join(" ", Enumerable.Range(0, Introspection.MaxRootFields + 1).Select(i => $"t{i}: __type(name: \"Event\") {{ name }}")) + " }",
    };

    [Theory]
    [MemberData(nameof(MultiplyingIntrospection))]
    public async Task IntrospectionThatMultipliesItselfIsRefused(string query)
    {
        api.CreateClient().Dispose();
        var clock = Stopwatch.StartNew();
        var (status, body) = await api.PostAsync(query);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body["data"]);
        Assert.Equal(Introspection.Refused, Code(body));
    }

    [Fact]
    public async Task ToolProbesWithAFewAliasedTypesAreAnswered()
    {
        var r = await api.QueryAsync("""{ schema: __type(name: "__Schema") { fields { name } } type: __type(name: "__Type") { fields { name } } directive: __type(name: "__Directive") { fields { name } } }""");
        Assert.Null(r["errors"]);
        var typeFields = r["data"]!["type"]!["fields"]!.AsArray().Select(f => f!["name"].Str()).ToList();
        Assert.Contains("specifiedByURL", typeFields);
        Assert.Contains("isOneOf", typeFields);
        Assert.Contains("isRepeatable", r["data"]!["directive"]!["fields"]!.AsArray().Select(f => f!["name"].Str()));
    }

    /// <summary>Limits so small that a data query three levels deep is refused.</summary>
    private sealed class TightLimitsApi : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [
            new("RelationsGraph:Api:MaxDepth", "3"),
            new("RelationsGraph:Api:MaxComplexity", "1002"),
        ];
    }
}
