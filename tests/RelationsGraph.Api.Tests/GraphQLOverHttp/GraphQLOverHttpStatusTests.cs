using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace RelationsGraph.Api.Tests.GraphQLOverHttp;

/// <summary>
/// The status codes of the GraphQL-over-HTTP spec for both response media types, with a coded GraphQL
/// error in every failing answer.
/// </summary>
public sealed class GraphQLOverHttpStatusTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string GraphQLResponse = "application/graphql-response+json";

    private async Task<(HttpStatusCode Status, string? MediaType, JsonObject Body)> PostAsync(string body, string? accept, string contentType = "application/json")
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await client.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static string? Code(JsonObject body) => body["errors"]?[0]?["extensions"]?["code"].Str();

    public static TheoryData<string, string> RequestErrors => new()
    {
        { """{"query":"{"}""", "SYNTAX_ERROR" },
        { """{"query":""}""", "NO_OPERATION" },
        { """{"query":"{ noSuchField }"}""", "FIELDS_ON_CORRECT_TYPE" },
        { """{"query":"query($s: String!) { place(ref: $s) { id } }","variables":{"s":7}}""", "INVALID_VALUE" },
        { """{"query":"query($s: String!) { place(ref: $s) { id } }"}""", "INVALID_VALUE" },
        { """{"query":"query A { graphStats { nodes } } query B { graphStats { edges } }","operationName":"C"}""", "INVALID_OPERATION_NAME" },
    };

    [Theory]
    [MemberData(nameof(RequestErrors))]
    public async Task RequestErrorIs200WithJsonAnd400WithGraphQLResponse(string body, string code)
    {
        var (jsonStatus, jsonType, json) = await PostAsync(body, "application/json");
        Assert.Equal(HttpStatusCode.OK, jsonStatus);
        Assert.Equal("application/json", jsonType);
        Assert.False(json.ContainsKey("data"));
        Assert.Equal(code, Code(json));

        var (status, type, graphQL) = await PostAsync(body, GraphQLResponse);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(GraphQLResponse, type);
        Assert.False(graphQL.ContainsKey("data"));
        Assert.Equal(code, Code(graphQL));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData(GraphQLResponse)]
    public async Task FieldErrorIs200WithEitherMediaType(string accept)
    {
        var (status, type, body) = await PostAsync("""{"query":"{ place(ref: \"Atlantis\") { id } }"}""", accept);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(accept, type);
        Assert.True(body.ContainsKey("data"));
        Assert.Equal("UNKNOWN_REF", Code(body));
    }

    [Theory]
    [InlineData("NONSENSE")]
    [InlineData("""{"query":""")]
    [InlineData("""{"qeury":"{ __typename }"}""")]
    [InlineData("""{"query":{"a":1}}""")]
    [InlineData("""{"query":"{ __typename }","variables":[7]}""")]
    [InlineData("""{"query":"{ __typename }","operationName":5}""")]
    [InlineData("""[{"query":"{ __typename }"}]""")]
    public async Task NotAGraphQLRequestIs400WithEitherMediaType(string body)
    {
        foreach (var accept in new[] { "application/json", GraphQLResponse })
        {
            var (status, type, answer) = await PostAsync(body, accept);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal(accept, type);
            Assert.Equal("INVALID_REQUEST", Code(answer));
        }
    }

    [Theory]
    [InlineData(null, "application/json")]
    [InlineData("*/*", "application/json")]
    [InlineData("application/graphql-response+json, application/json", GraphQLResponse)]
    [InlineData("application/json, application/graphql-response+json", "application/json")]
    [InlineData("application/json;q=0.5, application/graphql-response+json", GraphQLResponse)]
    [InlineData("text/html, application/*;q=0.1", "application/json")]
    public async Task TheAnswerIsInTheMediaTypeTheClientPrefers(string? accept, string expected)
    {
        var (status, type, body) = await PostAsync("""{"query":"{ __typename }"}""", accept);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, type);
        Assert.Equal("Query", body["data"]!["__typename"].Str());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml, text/html")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task AnAcceptHeaderWithoutAnyTypeWeWriteGets406(string accept)
    {
        var (status, _, body) = await PostAsync("""{"query":"{ __typename }"}""", accept);
        Assert.Equal(HttpStatusCode.NotAcceptable, status);
        Assert.Equal("NOT_ACCEPTABLE", Code(body));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=utf-16")]
    public async Task ABodyWeDoNotReadGets415(string contentType)
    {
        var (status, _, body) = await PostAsync("""{"query":"{ __typename }"}""", "application/json", contentType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", Code(body));
    }

    [Fact]
    public async Task TheDocumentItselfIsReadAsApplicationGraphQL()
    {
        var (status, _, body) = await PostAsync("{ graphStats { documents } }", null, "application/graphql");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body["data"]!["graphStats"]!["documents"]!.GetValue<int>());
    }

    [Fact]
    public async Task AMutationOverGetIs405WithAllowPost()
    {
        using var client = api.CreateClient();
        var response = await client.GetAsync("/graphql?query=" + Uri.EscapeDataString("mutation { ingestDocument(input: {title: \"t\", text: \"x\"}) { status } }"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
        Assert.Equal("MUTATION_OVER_GET", Code(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject()));
    }

    [Fact]
    public async Task GetReadsVariablesAndOperationName()
    {
        using var client = api.CreateClient();
        var query = Uri.EscapeDataString("query A($s: String!) { place(ref: $s) { id } } query B { __typename }");
        var response = await client.GetAsync($"/graphql?query={query}&operationName=A&variables=" + Uri.EscapeDataString("""{"s":"NRW"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("DE-NW", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!["place"]!["id"].Str());
    }
}
