using RelationsGraph.Extraction;
using RelationsGraph.Model;
using RelationsGraph.Text;

namespace RelationsGraph.Core.Tests.Extraction;

/// <summary>A place named with its kind ("Präfektur Iwate", "Heilongjiang Province") is the place; the kind words are data.</summary>
public sealed class PlaceKindWordsTests
{
    private static ExtractionResult Extract(string text) => new PressReleaseExtractor().Extract(SourceText.From(text, SourceFormat.Text));

    [Theory]
    [InlineData("Die Ministerin empfing eine Delegation aus der Präfektur Iwate in Musterstadt.", "JP-03")]
    [InlineData("The minister welcomed a delegation from Iwate Prefecture to the capital.", "JP-03")]
    [InlineData("Der Minister reiste in die Woiwodschaft Niederschlesien.", "PL-02")]
    [InlineData("The premier of the Province of Ontario received the delegation.", "CA-ON")]
    [InlineData("The governor of Heilongjiang Province received the delegation.", "CN-HL")]
    [InlineData("A delegation from Hsinchu County visited the trade fair.", "TW-HSQ")]
    [InlineData("Der Ministerpräsident des Freistaats Sachsen empfing die Gäste.", "DE-SN")]
    [InlineData("Die Landesregierung hat das Land Nordrhein-Westfalen vertreten.", "DE-NW")]
    [InlineData("Die Delegation aus der ukrainischen Oblast Dnipropetrowsk wurde empfangen.", "UA-12")]
    public void ExtractorResolvesThePlaceGivenItsKindWord(string text, string id) =>
        Assert.Contains(Extract(text).Places, p => p.Id == id);

    [Theory]
    [InlineData("The minister discussed the state of the economy with the delegation.")]
    [InlineData("Das Land will die Zusammenarbeit mit der Region ausbauen.")]
    public void ExtractorFindsNoPlaceGivenAKindWordWithoutAName(string text) =>
        Assert.Empty(Extract(text).Places);

    [Fact]
    public void GazetteerKindWordsComeFromTheLexiconBeforeAndAfterTheName()
    {
        var g = Gazetteer.Shared;
        Assert.Equal(PlaceKind.Province, g.KindWordsBefore["woiwodschaft"]);
        Assert.Equal(PlaceKind.Prefecture, g.KindWordsAfter["prefecture"]);
        Assert.False(g.KindWordsAfter.ContainsKey("prafektur"));
    }
}

/// <summary>A ref written with the place's kind ("Province of Ontario") names the place without it.</summary>
public sealed class GazetteerWithoutKindWordTests
{
    [Theory]
    [InlineData("Province of Ontario", "Ontario", PlaceKind.Province)]
    [InlineData("Heilongjiang Province", "Heilongjiang", PlaceKind.Province)]
    [InlineData("Woiwodschaft Niederschlesien", "Niederschlesien", PlaceKind.Province)]
    [InlineData("Freistaat Sachsen", "Sachsen", PlaceKind.State)]
    [InlineData("Land Nordrhein-Westfalen", "Nordrhein-Westfalen", PlaceKind.State)]
    [InlineData("Hsinchu County", "Hsinchu", PlaceKind.Region)]
    public void GazetteerStripsTheKindWordGivenANameWrittenWithIt(string name, string bare, PlaceKind kind) =>
        Assert.Equal((bare, kind), Gazetteer.Shared.WithoutKindWord(name));

    [Theory]
    [InlineData("Ontario")]
    [InlineData("Province")]
    [InlineData("Nordrhein-Westfalen")]
    public void GazetteerGivesNothingGivenANameWithoutAKindWord(string name) =>
        Assert.Null(Gazetteer.Shared.WithoutKindWord(name));
}
