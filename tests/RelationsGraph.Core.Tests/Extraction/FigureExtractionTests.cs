using RelationsGraph.Extraction;
using RelationsGraph.Model;

namespace RelationsGraph.Core.Tests.Extraction;

/// <summary>Figures: a number, what it counts, its qualifier and unit, and when it holds (sentences written for these tests).</summary>
public sealed class FigureExtractionTests
{
    private static ExtractionResult Extract(string text) => new PressReleaseExtractor().Extract(SourceText.From(text, SourceFormat.Text));

    private static ExtractedStatistic Single(string title, string date, string body) =>
        Assert.Single(Extract($"{title}\n\n{date}\n\n{body}\n").Statistics);

    [Theory]
    [InlineData("Die Landeshauptstadt ist Salzburg mit 155.000 Einwohnern.", "residents", 155000)]
    [InlineData("Der Landtag Tirol besteht aus 36 Mitgliedern.", "delegation members", 36)]
    public void CountsAGermanDativePluralGivenItsPluralIsListed(string sentence, string metric, decimal value)
    {
        var figure = Single("Besuch aus Tirol", "2. Mai 2017", sentence);
        Assert.Equal(metric, figure.Metric);
        Assert.Equal(value, figure.Value);
    }

    [Fact]
    public void ReadsAQualifierGivenGut()
    {
        var figure = Single("Empfang in Kiel", "13. September 2017", "Der Ministerpräsident hatte zu einem Empfang mit gut 80 Gästen aus Wirtschaft und Politik eingeladen.");
        Assert.Equal(80, figure.Value);
        Assert.Equal(StatisticQualifier.MoreThan, figure.Qualifier);
    }

    [Fact]
    public void ScalesAnAmountGivenAShortScaleAfterACurrencySign()
    {
        var figure = Single("First Minister in Japan", "8 October 2019", "Japan is a growing market for Welsh food, worth almost £120m last year.");
        Assert.Equal(120_000_000m, figure.Value);
        Assert.Equal("GBP", figure.Unit);
        Assert.Equal(StatisticQualifier.About, figure.Qualifier);
        Assert.Equal("2018", figure.AsOf?.ToString());
    }

    [Fact]
    public void ReadsAnAmountGivenItEndsTheSentence()
    {
        var figure = Single("Trade mission", "8 October 2019", "The mission secured export orders worth more than £450,000.");
        Assert.Equal(450_000m, figure.Value);
        Assert.Equal(StatisticQualifier.MoreThan, figure.Qualifier);
    }

    [Fact]
    public void DatesAFigureGivenTheDateNearestIt()
    {
        var figure = Single("Trade mission", "8 October 2019", "It followed a visit to Osaka earlier this year and a trade mission in 2017, involving nine companies.");
        Assert.Equal(9, figure.Value);
        Assert.Equal("companies", figure.Metric);
        Assert.Equal("2017", figure.AsOf?.ToString());
    }

    [Theory]
    [InlineData("The mayors discussed the rail link between the two cities.")]
    [InlineData("Both mayors wished for another 30 years of friendship.")]
    [InlineData("Die Bürgermeister sprachen über die zwei Städte am Rhein.")]
    public void CountsNothingGivenANumberThatRefersOrWishes(string sentence) =>
        Assert.Empty(Extract($"Mayors meet\n\n8 October 2019\n\n{sentence}\n").Statistics);
}
