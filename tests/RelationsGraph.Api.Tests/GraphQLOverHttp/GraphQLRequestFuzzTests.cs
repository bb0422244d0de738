using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Xunit.Abstractions;

namespace RelationsGraph.Api.Tests.GraphQLOverHttp;

/// <summary>
/// Property: whatever arrives at /graphql (documents cut short or with bytes flipped, query, variables
/// and operationName of the wrong JSON type, huge and deeply nested variables, bodies that are not JSON,
/// wrong content and accept types, over GET and POST), the answer is below 500, is a GraphQL response
/// in JSON with a code on every error, and comes within the execution timeout; afterwards the service
/// answers as before.
/// </summary>
public sealed class GraphQLRequestFuzzTests(ApiFactory api, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    private const int Requests = 10_000;
    private static readonly TimeSpan ExecutionTimeout = TimeSpan.FromSeconds(new RelationsGraph.Api.Common.ApiLimits().ExecutionTimeoutSeconds);

    private static readonly JsonNode? NoJson = null;
    private static readonly string? NoHeader = null;

    private static readonly string[] Documents =
    [
        "{ graphStats { documents nodes edges byLabel { label count } } }",
        "query($s: String!) { place(ref: $s) { id name kind partOf { id } parts { id } evidence { quote } } }",
        "query Coop($a: String!, $b: String!, $f: Int, $after: String) { cooperationEvents(between: $a, and: $b, first: $f, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { type date title participants { role } } } }",
        "query A { search(text: \"Japan\", first: 5) { totalCount nodes { id label name } } } query B { __typename }",
        "{ timeline(actor: \"NRW\", counterpart: \"Japan\", granularity: YEAR) { buckets { period total } } }",
        "{ subgraph(seeds: [\"NRW\"], depth: 2) { nodes { id label } edges { type } truncated } }",
        "{ relations(between: \"NRW\", and: \"Japan\") { firstContact lastContact } }",
        "mutation($input: IngestDocumentInput!) { ingestDocument(input: $input) { status } }",
        "query { ...F } fragment F on Query { person(ref: \"Laschet\") { id name offices { office { title } } } }",
        "{ __schema { queryType { name } types { name kind fields(includeDeprecated: true) { name args { name type { name ofType { name } } } } } } }",
        "subscription { graphStats { nodes } }",
        "{ events(first: 3, types: [VISIT]) @include(if: true) { totalCount nodes { id date } } }",
    ];

    private static readonly string[] Accepts =
        ["application/json", "application/graphql-response+json", "*/*", "application/graphql-response+json, application/json;q=0.9",
         "text/html", "text/plain", "application/json;q=0", "garbage;;q=x", "application/*", "application/json; charset=latin1"];

    private static readonly string[] ContentTypes =
        ["application/json", "application/json; charset=utf-8", "application/graphql", "text/plain", "application/x-www-form-urlencoded",
         "multipart/form-data; boundary=x", "application/json; charset=utf-16", ";;==", "application/graphql-response+json", "APPLICATION/JSON"];

    private static readonly string[] OperationNames = ["A", "B", "Coop", "", "null", "Nope", "mutation"];

    /// <summary>A cut, an insertion, a deletion or a replaced character, at a position taken modulo the length.</summary>
    private static string Mutate(string s, (int Kind, int At, int Length, char With) m)
    {
        var at = s.Length == 0 ? 0 : m.At % (s.Length + 1);
        return m.Kind switch
        {
            0 => s[..at],
            1 => s.Insert(at, m.With.ToString()),
            2 => s.Remove(Math.Min(at, s.Length), Math.Min(m.Length, s.Length - Math.Min(at, s.Length))),
            3 when at < s.Length => s[..at] + m.With + s[(at + 1)..],
            4 => s + s[..at],
            _ => s,
        };
    }

    private static readonly Gen<(int, int, int, char)> Mutation =
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, 100_000], Gen.Int[1, 40], Gen.OneOf(Gen.Char[' ', '~'], Gen.OneOf('{', '}', '(', ')', '"', '$', '!', '\\', '\u0000', 'ß', '\uD83D')));

    private static readonly Gen<string> Document = Gen.Frequency(
        (2, Gen.OneOf(Documents)),
        (5, Gen.Select(Gen.OneOf(Documents), Mutation.Array[1, 4], (d, ms) => ms.Aggregate(d, Mutate))),
        (1, Gen.String));

    /// <summary>JSON of any shape, nested up to <paramref name="depth"/>.</summary>
    private static Gen<JsonNode?> Json(int depth) => depth == 0
        ? Gen.OneOf<JsonNode?>(null, JsonValue.Create(7), JsonValue.Create("NRW"), JsonValue.Create(true), JsonValue.Create(1e300), JsonValue.Create(99999999999L), JsonValue.Create(""))
        : Gen.Frequency(
            (3, Json(0)),
            (1, Json(depth - 1).Array[0, 4].Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]))),
            (1, Gen.Select(Gen.OneOf("s", "a", "b", "f", "after", "input", "title", "text", "x"), Json(depth - 1)).Array[0, 4]
                .Select(props => (JsonNode?)Object(props))));

    private static JsonObject Object(IEnumerable<(string Key, JsonNode? Value)> props)
    {
        var o = new JsonObject();
        foreach (var (key, value) in props) o[key] = value?.DeepClone();
        return o;
    }

    /// <summary>An object nested <paramref name="depth"/> levels: beyond what the JSON reader and the coercion of variables accept.</summary>
    private static JsonNode Nested(int depth)
    {
        JsonNode node = JsonValue.Create("NRW");
        for (var i = 0; i < depth; i++) node = new JsonObject { ["s"] = node };
        return node;
    }

    private static readonly Gen<JsonNode?> Variables = Gen.Frequency(
        (3, Gen.Const(NoJson)),
        (4, Gen.Select(Gen.OneOf("NRW", "Japan", "Fukushima", "Atlantis", ""), Gen.OneOf("Japan", "Fukushima", "NRW"), Gen.Int[-5, 200],
            (s, b, f) => (JsonNode?)new JsonObject { ["s"] = s, ["a"] = s, ["b"] = b, ["f"] = f })),
        (1, Json(3)),
        (3, Gen.Select(Gen.OneOf("s", "a", "b", "f", "after", "input"), Json(3)).Array[0, 4].Select(props => (JsonNode?)Object(props))),
        (1, Gen.Int[1, 300].Select(d => (JsonNode?)new JsonObject { ["s"] = Nested(d), ["input"] = Nested(d) })),
        (1, Gen.Int[0, 80_000].Select(n => (JsonNode?)new JsonObject { ["s"] = new string('x', n) })),
        (1, Gen.Int[0, 3_000].Select(n => (JsonNode?)Object(Enumerable.Range(0, n).Select(i => ($"v{i}", (JsonNode?)JsonValue.Create(i)))))),
        (1, Gen.Select(Gen.String, Gen.String, (t, x) => (JsonNode?)new JsonObject { ["input"] = new JsonObject { ["title"] = t, ["text"] = x } })));

    private static readonly Gen<JsonNode?> Extensions = Gen.Frequency(
        (4, Gen.Const(NoJson)),
        (2, Gen.Const(0).Select(_ => (JsonNode?)new JsonObject())),
        (1, Gen.Select(Gen.OneOf("persistedQuery", "tracing", "x"), Json(2)).Array[0, 3].Select(props => (JsonNode?)Object(props))));

    /// <summary>A property's value: usually of the right type, else anything (absent when null is drawn and Omit is true).</summary>
    private static Gen<(bool Omit, JsonNode? Value)> Property(Gen<JsonNode?> right) =>
        Gen.Select(Gen.Frequency((1, Gen.Const(true)), (8, Gen.Const(false))), Gen.Frequency((8, right), (1, Json(2))), (omit, value) => (omit, (JsonNode?)value));

    private static readonly Gen<byte[]> JsonBody =
        Gen.Select(Property(Document.Select(d => (JsonNode?)JsonValue.Create(d))), Property(Variables),
                   Property(Gen.OneOf(OperationNames).Select(n => (JsonNode?)JsonValue.Create(n))), Property(Extensions),
            (query, variables, operationName, extensions) =>
            {
                var o = new JsonObject();
                if (!query.Omit) o["query"] = query.Value?.DeepClone();
                if (!variables.Omit) o["variables"] = variables.Value?.DeepClone();
                if (!operationName.Omit) o["operationName"] = operationName.Value?.DeepClone();
                if (!extensions.Omit) o["extensions"] = extensions.Value?.DeepClone();
                return Encoding.UTF8.GetBytes(o.ToJsonString());
            });

    /// <summary>Bytes as sent: whole, cut short, with bytes flipped, with a BOM, or random.</summary>
    private static readonly Gen<byte[]> Body = Gen.Frequency(
        (12, JsonBody),
        (2, Gen.Select(JsonBody, Gen.Int[0, 100_000], (b, at) => b[..(at % (b.Length + 1))])),
        (2, Gen.Select(JsonBody, Gen.Select(Gen.Int[0, 100_000], Gen.Byte).Array[1, 6], (b, flips) =>
        {
            var copy = (byte[])b.Clone();
            foreach (var (at, with) in flips)
                if (copy.Length > 0) copy[at % copy.Length] ^= with;
            return copy;
        })),
        (1, JsonBody.Select(b => (byte[])[0xEF, 0xBB, 0xBF, .. b])),
        (1, Document.Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Byte.Array[0, 300]));

    private static readonly Gen<string> GetParameters =
        Gen.Select(Gen.Frequency((8, Document.Select(d => "query=" + Uri.EscapeDataString(d))), (1, Gen.Const("")), (1, Gen.Const("query=a&query=b"))),
                   Gen.Frequency((3, Gen.Const("")), (3, Variables.Select(v => "&variables=" + Uri.EscapeDataString(v?.ToJsonString() ?? "null"))), (1, Gen.String.Select(s => "&variables=" + Uri.EscapeDataString(s)))),
                   Gen.Frequency((3, Gen.Const("")), (1, Gen.OneOf(OperationNames).Select(n => "&operationName=" + Uri.EscapeDataString(n)))),
                   Gen.Frequency((4, Gen.Const("")), (1, Extensions.Select(x => "&extensions=" + Uri.EscapeDataString(x?.ToJsonString() ?? "null")))),
            (q, v, o, x) => (q + v + o + x).TrimStart('&'));

    private sealed record FuzzRequest(bool Get, string? ContentType, string? Accept, byte[] Body, string Parameters)
    {
        public HttpRequestMessage ToMessage()
        {
            var message = Get
                ? new HttpRequestMessage(HttpMethod.Get, "/graphql?" + Parameters)
                : new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(Body) };
            if (!Get && ContentType is not null) message.Content!.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            if (Accept is not null) message.Headers.TryAddWithoutValidation("Accept", Accept);
            return message;
        }

        public override string ToString() => Get
            ? $"GET /graphql?{Parameters[..Math.Min(Parameters.Length, 400)]} Accept: {Accept}"
            : $"POST Content-Type: {ContentType} Accept: {Accept} body ({Body.Length} bytes): {Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 400))}";
    }

    private static readonly Gen<FuzzRequest> Request =
        Gen.Select(Gen.Frequency((1, Gen.Const(true)), (3, Gen.Const(false))),
                   Gen.Frequency((12, Gen.Const((string?)"application/json")), (1, Gen.Const(NoHeader)), (4, Gen.OneOf(ContentTypes).Select(c => (string?)c))),
                   Gen.Frequency((8, Gen.Const(NoHeader)), (6, Gen.OneOf("application/json", "application/graphql-response+json").Select(a => (string?)a)), (2, Gen.OneOf(Accepts).Select(a => (string?)a))),
                   Body, GetParameters,
            (get, contentType, accept, body, parameters) => new FuzzRequest(get, contentType, accept, body, parameters));

    /// <param name="seed">null: a new sample each run; else a sample that once found a 500, kept as a regression case
    /// (9VEFQ_WVMf21: a body whose syntax error GraphQLParser failed to word, with an IndexOutOfRangeException).</param>
    [Theory]
    [InlineData(null)]
    [InlineData("9VEFQ_WVMf21")]
    public async Task NoRequestGetsA5xxAndEveryErrorHasACode(string? seed)
    {
        var before = await api.StatsAsync();
        var (_, coop) = await api.PostAsync("""{ cooperationEvents(between: "NRW", and: "Fukushima") { totalCount nodes { title } } }""");
        using var client = api.CreateClient();
        var statuses = new ConcurrentDictionary<int, int>();
        var codes = new ConcurrentDictionary<string, int>();
        var slowest = TimeSpan.Zero;
        var requests = 0;

        await Request.SampleAsync(async request =>
        {
            using var message = request.ToMessage();
            var clock = Stopwatch.StartNew();
            using var response = await client.SendAsync(message);
            var text = await response.Content.ReadAsStringAsync();
            var elapsed = clock.Elapsed;
            Interlocked.Increment(ref requests);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            if (elapsed > slowest) slowest = elapsed;

            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{status}: {text} for {request}");
            Assert.True(elapsed < ExecutionTimeout, $"took {elapsed}");
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType == "text/html")
            {
                // GraphiQL, for a browser's GET without a query
                Assert.True(request.Get && !request.Parameters.Contains("query=") && request.Accept == "text/html", $"HTML for {request}");
                return;
            }
            Assert.True(mediaType is "application/json" or "application/graphql-response+json", $"{mediaType}: {text}");
            var body = JsonNode.Parse(text) as JsonObject ?? throw new Xunit.Sdk.XunitException("not a JSON object: " + text);
            if (body["errors"] is JsonArray { Count: > 0 } errors)
            {
                codes.AddOrUpdate(errors[0]?["extensions"]?["code"]?.GetValue<string>() ?? "", 1, (_, n) => n + 1);
                foreach (var error in errors)
                    Assert.False(string.IsNullOrEmpty(error?["extensions"]?["code"]?.GetValue<string>()), $"an error without a code: {text}");
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.NotNull(body["data"]);
            }
        }, seed: seed, iter: Requests, threads: 1);

        output.WriteLine($"{requests} requests; statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}; slowest {slowest.TotalMilliseconds:N0} ms");
        output.WriteLine("first error codes: " + string.Join(", ", codes.OrderByDescending(c => c.Value).Select(c => $"{c.Key}: {c.Value}")));
        Assert.True(requests >= Requests, $"{requests} requests");
        // the service answers as before, and nothing was written
        Assert.Equal(before, await api.StatsAsync());
        var (status, after) = await api.PostAsync("""{ cooperationEvents(between: "NRW", and: "Fukushima") { totalCount nodes { title } } }""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(after["errors"]);
        Assert.True(after["data"]!["cooperationEvents"]!["totalCount"]!.GetValue<int>() > 0);
        Assert.Equal(coop.ToJsonString(), after.ToJsonString());
    }
}
