using RelationsGraph.Extraction;
using RelationsGraph.Text;

namespace RelationsGraph.Core.Tests.Extraction;

/// <summary>Hamburg, Berlin and Bremen are each one actor: the Land is the city.</summary>
public sealed class GazetteerCityStatesTests
{
    [Theory]
    [InlineData("Hamburg", "DE-HH")]
    [InlineData("Berlin", "DE-BE")]
    [InlineData("Bremen", "DE-HB")]
    public void GazetteerHoldsOnePlaceGivenTheNameOfACityState(string name, string id)
    {
        var german = Gazetteer.Shared.Places.Where(p => (p.NameDe == name || p.NameEn == name || p.Aliases.Contains(name)) && Gazetteer.Shared.IsWithin(p.Id, "DE")).ToList();
        Assert.Equal(id, Assert.Single(german).Id);
    }

    [Fact]
    public void ExtractorGivesTheLandGivenTheCityStateNamedAsACity()
    {
        var r = new PressReleaseExtractor().Extract(SourceText.From("Der Erste Bürgermeister empfing den Generalkonsul im Rathaus der Stadt Hamburg.", SourceFormat.Text));
        Assert.Equal("DE-HH", Assert.Single(r.Places).Id);
    }

    [Fact]
    public void GazetteerKeepsBremerhavenAsACityOfBremen() =>
        Assert.Equal("DE-HB", Gazetteer.Shared.Places.Single(p => p.NameDe == "Bremerhaven").ParentId);

    [Theory]
    [InlineData("DE-HH", true)]
    [InlineData("DE-BE", true)]
    [InlineData("DE-HB", true)]
    [InlineData("DE-NW", false)]
    [InlineData("city:de:muenchen", false)]
    public void GazetteerTellsACityStateGivenItsLand(string id, bool expected) =>
        Assert.Equal(expected, Gazetteer.Shared.IsCityState(id));
}
