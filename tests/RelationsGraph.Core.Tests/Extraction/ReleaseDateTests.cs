using RelationsGraph.Extraction;

namespace RelationsGraph.Core.Tests.Extraction;

/// <summary>The release date in the forms pages write it, and relative dates resolved against it.</summary>
public sealed class ReleaseDateTests
{
    private const string Body = "Die Ministerin empfing den Botschafter von Ruritanien in der Staatskanzlei.";

    private static string? Find(string text) => ReleaseDate.Find(Segmenter.Lines(text), text)?.ToString();

    [Theory]
    [InlineData("Ministerin empfängt Botschafter\nDatum 13.09.2017\n" + Body, "2017-09-13")]
    [InlineData("Ministerin empfängt Botschafter\nPressemitteilung vom 28.09.2010\n" + Body, "2010-09-28")]
    [InlineData("Ministerin empfängt Botschafter\nveröffentlicht am 23.10.2016\n" + Body, "2016-10-23")]
    [InlineData("Minister receives ambassador\nPublished: 27 January 2015\nThe minister received the ambassador.", "2015-01-27")]
    [InlineData("Minister receives ambassador\nFirst published:\n8 October 2019\nThe minister received the ambassador.", "2019-10-08")]
    [InlineData("Minister receives ambassador\nJanuary 26, 2023\nThe minister received the ambassador.", "2023-01-26")]
    [InlineData("Minister receives ambassador\nNov. 24, 2006\nThe minister received the ambassador.", "2006-11-24")]
    [InlineData("Generalkonsul besucht Ruritanien\n2023/1/26\n" + Body, "2023-01-26")]
    [InlineData("Senatspräsident besucht den Landtag\n02.03.12\n" + Body, "2012-03-02")]
    public void ReleaseDateReadsTheFormsPagesUseGivenADateLine(string text, string expected) =>
        Assert.Equal(expected, Find(text));

    [Fact]
    public void ReleaseDatePrefersTheLabelledDateGivenADatelineWithAnotherDay() =>
        Assert.Equal("2022-01-14", Find("Musterstadt, 10.01.2022 – Antrittsbesuch des Generalkonsuls\nDatum:\n14/01/2022\n" + Body));

    [Fact]
    public void ReleaseDateReadsTheDatelineGivenNoDateLine() =>
        Assert.Equal("2022-01-10", Find("Antrittsbesuch des Generalkonsuls\nMusterstadt, 10.01.2022 – Der Generalkonsul besuchte das Rathaus.\nAm 3. Februar 2022 folgt ein Gegenbesuch."));

    [Fact]
    public void ReleaseDateFallsBackToTheFirstFullDateGivenNoHeaderDate() =>
        Assert.Equal("2019-05-01", Find("Minister in Ruritanien\nDer Minister weilte vom 1. bis 3. Mai 2019 in der Partnerregion.\nEr traf dort am 2. Mai 2019 den Präsidenten."));

    [Fact]
    public void ReleaseDateIgnoresATwoDigitYearGivenRunningText() =>
        Assert.Null(Find("Ministerin empfängt Botschafter\nIm Kapitel 02.03.12 steht es anders.\n"));

    [Fact]
    public void ExtractorResolvesAYearlessDayAgainstTheReleaseDateGivenADateLine()
    {
        var r = new PressReleaseExtractor().Extract(SourceText.From(
            "Ministerpräsident empfängt Botschafter\n2023/03/08\nAm 24. Januar besuchte der Botschafter Kiribatis den Ministerpräsidenten des Landes Hessen.",
            SourceFormat.Text));
        Assert.Equal("2023-03-08", r.Document.Published?.ToString());
    }
}
