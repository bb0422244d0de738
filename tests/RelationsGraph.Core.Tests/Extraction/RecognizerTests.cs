using RelationsGraph.Extraction;
using RelationsGraph.Model;

namespace RelationsGraph.Core.Tests.Extraction;

public sealed class DatesTests
{
    private static readonly FuzzyDate Published = new(2021, 3, 10);

    [Theory]
    [InlineData("am Freitag, 4. September 2020, traf", "2020-09-04")]
    [InlineData("im Oktober 2019 in", "2019-10")]
    [InlineData("on September 4, 2020 the", "2020-09-04")]
    [InlineData("am 04.09.2020 wurde", "2020-09-04")]
    [InlineData("(Stand: Juni 2020)", "2020-06")]
    [InlineData("im Jahr 2019 besuchte", "2019")]
    [InlineData("am 3. Mai besuchte", "2021-05-03")]
    [InlineData("vom 12.–15. März 2021", "2021-03-12")]
    [InlineData("vom 12. bis 15. März 2021", "2021-03-12")]
    [InlineData("from 5 to 8 November 2021", "2021-11-05")]
    [InlineData("gestern empfing", "2021-03-09")]
    [InlineData("am kommenden Donnerstag", "2021-03-11")]
    [InlineData("last Tuesday the", "2021-03-09")]
    [InlineData("in December 2020 the", "2020-12")]
    [InlineData("am heutigen Mittwoch", "2021-03-10")]
    [InlineData("am gestrigen Dienstag", "2021-03-09")]
    [InlineData("this Friday", "2021-03-12")]
    [InlineData("im Oktober besuchte", "2020-10")]
    [InlineData("in May the", "2021-05")]
    [InlineData("im kommenden Frühjahr", "2022")]
    [InlineData("im Herbst 2024", "2024")]
    [InlineData("next year", "2022")]
    public void FindsDatesWithTheirPrecision(string text, string expected)
    {
        var dates = Dates.Find(Tokenizer.Tokenize(text, 0, text.Length), Published);
        Assert.Equal(expected, Assert.Single(dates).Date.ToString());
    }

    [Theory]
    [InlineData("Telefon: 0211 / 837-1134")]
    [InlineData("seit 60 Jahren")]
    public void FindsNoDateWhereThereIsNone(string text) =>
        Assert.Empty(Dates.Find(Tokenizer.Tokenize(text, 0, text.Length), Published));
}

public sealed class NumbersTests
{
    [Theory]
    [InlineData("rund 12.500 Menschen", "de", 12500, StatisticQualifier.About, null)]
    [InlineData("über 300 Firmen", "de", 300, StatisticQualifier.MoreThan, null)]
    [InlineData("2,7 Milliarden Euro", "de", 2_700_000_000, StatisticQualifier.Exactly, "EUR")]
    [InlineData("more than 1,200 companies", "en", 1200, StatisticQualifier.MoreThan, null)]
    [InlineData("Fünf Hochschulen", "de", 5, StatisticQualifier.Exactly, null)]
    [InlineData("mehr als 60 Jahren", "de", 60, StatisticQualifier.MoreThan, null)]
    public void ReadsNumbersWithQualifiers(string text, string language, double value, StatisticQualifier qualifier, string? unit)
    {
        var tokens = Tokenizer.Tokenize(text, 0, text.Length);
        var n = Enumerable.Range(0, tokens.Count).Select(i => Numbers.At(tokens, i, language)).First(x => x is not null)!;
        Assert.Equal((decimal)value, n.Value);
        Assert.Equal(qualifier, n.Qualifier);
        Assert.Equal(unit, n.Unit);
    }
}

public sealed class PressReleaseExtractorTests
{
    private static ExtractionResult Extract(string text) => new PressReleaseExtractor().Extract(SourceText.From(text, SourceFormat.Text));

    [Fact]
    public void ResolvesGenderedTitlesAdjectivalJurisdictionsAndYearlessDates()
    {
        var r = Extract("""
            Ministerpräsidentin empfängt französische Botschafterin

            12. März 2021

            Staatskanzlei Bayern

            Die französische Botschafterin in Deutschland, Claire Dubois, hat am 3. März Ministerpräsidentin Anna Huber in München besucht.
            """);
        var dubois = Assert.Single(r.Persons, p => p.Name == "Claire Dubois");
        Assert.Equal("FR", Assert.Single(dubois.Offices).JurisdictionId);
        var huber = Assert.Single(r.Persons, p => p.Name == "Anna Huber");
        Assert.Equal("DE-BY", Assert.Single(huber.Offices).JurisdictionId);
        var visit = Assert.Single(r.Events);
        Assert.Equal(EventType.Visit, visit.Type);
        Assert.Equal("2021-03-03", visit.Date.ToString());
        Assert.Equal("city:de:muenchen", visit.PlaceId);
    }

    [Fact]
    public void ReadsAnEnglishReleaseAndIgnoresCaptionsAndContacts()
    {
        var r = Extract("""
            Governor of Osaka Prefecture visits Hesse

            15 May 2022

            The Governor of Osaka Prefecture, Taro Yamamoto, visited Wiesbaden on 14 May 2022 and signed a memorandum of understanding with the State Government.
            More than 1,200 Japanese companies are based in Germany.

            Photo: Governor Yamamoto in Tokyo

            Press contact
            Embassy of Japan, Berlin, phone: +49 30 210940
            """);
        Assert.Equal("en", r.Document.Language);
        var yamamoto = Assert.Single(r.Persons);
        Assert.Equal("JP-27", Assert.Single(yamamoto.Offices).JurisdictionId);
        var e = Assert.Single(r.Events);
        Assert.Equal(EventType.Signing, e.Type);
        Assert.Equal("2022-05-14", e.Date.ToString());
        var s = Assert.Single(r.Statistics);
        Assert.Equal(1200m, s.Value);
        Assert.DoesNotContain(r.Places, p => p.Name == "Tokyo" || p.Name == "Berlin");
    }

    [Fact]
    public void ResolvesABareWeekdayWithinTheDaysTheReleaseIsAbout()
    {
        var r = Extract("""
            Delegation reist nach Burgund

            22. Oktober 2024

            Landtag Rheinland-Pfalz

            Ministerpräsidentin Anna Huber reist vom 23. bis 26. Oktober nach Dijon.
            In Dijon trifft Ministerpräsidentin Huber am Donnerstag den Präsidenten der Region, Pierre Martin.
            """);
        var meeting = Assert.Single(r.Events, e => e.Type == EventType.Meeting);
        Assert.Equal("2024-10-24", meeting.Date.ToString());
    }

    [Fact]
    public void RejectsBinaryContent() =>
        Assert.Throws<DocumentRejectedException>(() => SourceText.From("abc\0def", SourceFormat.Text));

    [Fact]
    public void HtmlIsReadAsText()
    {
        var s = SourceText.From("<html><body><h1>Titel</h1><p>Ministerpräsident Armin Laschet empfing &quot;Gäste&quot;.</p><script>x()</script></body></html>", SourceFormat.Html);
        Assert.Contains("Ministerpräsident Armin Laschet empfing \"Gäste\".", s.Text);
        Assert.DoesNotContain("x()", s.Text);
    }
}
