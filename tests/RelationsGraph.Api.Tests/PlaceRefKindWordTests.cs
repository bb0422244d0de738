using System.Text.Json.Nodes;

namespace RelationsGraph.Api.Tests;

/// <summary>A place ref written with the place's kind ("Bundesland Nordrhein-Westfalen") resolves to the place.</summary>
public sealed class PlaceRefKindWordTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("Bundesland Nordrhein-Westfalen", "DE-NW")]
    [InlineData("Nordrhein-Westfalen", "DE-NW")]
    public async Task PlaceRefResolvesGivenTheKindWrittenWithTheName(string reference, string id)
    {
        var r = await api.QueryAsync("{ place(ref: \"" + reference + "\") { id } }");
        Assert.Null(r["errors"]);
        Assert.Equal(id, r["data"]!["place"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task PlaceRefIsUnknownGivenAKindWordAndAnUnknownName()
    {
        var r = await api.QueryAsync("""{ place(ref: "Bundesland Atlantis") { id } }""");
        Assert.Equal("UNKNOWN_REF", r["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }
}
