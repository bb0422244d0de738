using System.Text.Json.Nodes;
using RelationsGraph.Api.Places;
using RelationsGraph.Model;

namespace RelationsGraph.Api.Tests;

/// <summary>
/// A ref that names a place with its kind ("Präfektur Iwate", "Iwate Prefecture", "Province of Ontario",
/// "Land Nordrhein-Westfalen") resolves to the place, over HTTP, once a release about those places is in.
/// </summary>
public sealed class PlaceRefTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    // A fictional release naming its places in several ways; ingested through the API before each test (idempotent).
    private const string Release = """
        Sachsen empfängt Gäste aus Iwate, Heilongjiang und Ontario

        Dresden, 12. März 2024

        Der Ministerpräsident des Freistaates Sachsen, Jonas Feldmann, hat am Dienstag den Gouverneur der japanischen Präfektur Iwate, Kenji Morimoto, in der Staatskanzlei in Dresden empfangen.
        Zuvor hatte eine Delegation aus der chinesischen Provinz Heilongjiang die Woiwodschaft Niederschlesien besucht.
        Im Herbst reist eine Wirtschaftsdelegation aus der kanadischen Provinz Ontario nach Sachsen.
        """;

    private async Task IngestReleaseAsync()
    {
        var (_, body) = await api.PostAsync(IngestDocumentMutationTests.Mutation,
            new { input = new { title = "Sachsen empfängt Gäste aus Iwate, Heilongjiang und Ontario", text = Release, url = "https://example.org/place-refs" } },
            ApiFactory.WriterKey);
        Assert.True(body["errors"] is null, body.ToJsonString());
    }

    [Theory]
    [InlineData("Präfektur Iwate", "JP-03")]
    [InlineData("Iwate Prefecture", "JP-03")]
    [InlineData("Prefecture of Iwate", "JP-03")]
    [InlineData("Woiwodschaft Niederschlesien", "PL-02")]
    [InlineData("Province of Ontario", "CA-ON")]
    [InlineData("Ontario Province", "CA-ON")]
    [InlineData("Heilongjiang Province", "CN-HL")]
    [InlineData("Provinz Heilongjiang", "CN-HL")]
    [InlineData("Freistaat Sachsen", "DE-SN")]
    [InlineData("der Freistaat Sachsen", "DE-SN")]
    [InlineData("the Free State of Saxony", "DE-SN")]
    [InlineData("Land Nordrhein-Westfalen", "DE-NW")]
    [InlineData("Präfektur Fukushima", "JP-07")]
    public async Task PlaceResolvesGivenItsNameWithItsKind(string reference, string id)
    {
        await IngestReleaseAsync();
        var r = await api.QueryAsync("query($ref: String!) { place(ref: $ref) { id } }", new { @ref = reference });
        Assert.True(r["errors"] is null, r.ToJsonString());
        Assert.Equal(id, r["data"]!["place"]!["id"].Str());
    }

    [Fact]
    public async Task CooperationEventsAcceptsPlacesNamedWithTheirKind()
    {
        var r = await api.QueryAsync("""{ cooperationEvents(between: "Land Nordrhein-Westfalen", and: "Präfektur Fukushima") { totalCount } }""");
        Assert.True(r["errors"] is null, r.ToJsonString());
        Assert.Equal(1, r["data"]!["cooperationEvents"]!["totalCount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("Präfektur Atlantis")]
    [InlineData("Land")]
    [InlineData("Province of")]
    public async Task PlaceIsUnknownGivenNoPlaceByTheRestOfTheName(string reference)
    {
        var r = await api.QueryAsync("query($ref: String!) { place(ref: $ref) { id } }", new { @ref = reference });
        Assert.Equal("UNKNOWN_REF", r["errors"]?[0]?["extensions"]?["code"].Str());
    }
}
