using RelationsGraph.Extraction;
using RelationsGraph.Model;

namespace RelationsGraph.Core.Tests.Extraction;

// Names as people are named: honorifics, family names first, titles with a surname alone.
// The sentences are made up; the names and places in them are fictional or generic.

public sealed class NameLexiconHonorifics
{
    [Theory]
    [InlineData("Dr. Ines Wegener", 2, "Academic")]
    [InlineData("Dr Ines Wegener", 1, "Academic")]
    [InlineData("Herrn Olaf Brenning", 1, "Address")]
    [InlineData("Mag. Anton Brucker", 2, "Academic")]
    [InlineData("Dipl.-Ing. Anton Brucker", 5, "Academic")]
    [InlineData("S.E. Rohan Perera", 2, "Style")]
    [InlineData("Seine Exzellenz Rohan Perera", 2, "Style")]
    [InlineData("Rt Hon Moira Kerr", 2, "Style")]
    public void FindsTheHonorificGivenItsWrittenForm(string text, int length, string kind)
    {
        var tokens = Tokenizer.Tokenize(text, 0, text.Length);
        Assert.Equal((length, Enum.Parse<HonorificKind>(kind)), NameLexicon.Shared.At(tokens, 0));
    }

    [Theory]
    [InlineData("Drehbuch")]
    [InlineData("Herrnhut")]
    [InlineData("dr. Ines")]
    [InlineData("Seine Partner")]
    public void FindsNoHonorificGivenAnotherWord(string text) =>
        Assert.Null(NameLexicon.Shared.At(Tokenizer.Tokenize(text, 0, text.Length), 0));
}

public sealed class PressReleaseExtractorHonorifics
{
    private static ExtractionResult Extract(string text) => new PressReleaseExtractor().Extract(SourceText.From(text, SourceFormat.Text));

    [Fact]
    public void LeavesFormsOfAddressAndDegreesOutGivenAGermanRelease()
    {
        var r = Extract("""
            Besuch aus Nordstadt

            12.03.2024

            Ministerpräsidentin Petra Kandel empfing am Montag Herrn Olaf Brenning und Dr. Ines Wegener in der Staatskanzlei.
            Begleitet wurde sie von Landeshauptmann Mag. Anton Brucker und Frau Prof. Dr. Greta Holm.
            """);
        var names = r.Persons.Select(p => p.Name).ToList();
        Assert.Contains("Olaf Brenning", names);
        Assert.Contains("Ines Wegener", names);
        Assert.Contains("Greta Holm", names);
        Assert.Equal("Landeshauptmann", Assert.Single(Assert.Single(r.Persons, p => p.Name == "Anton Brucker").Offices).Title);
        Assert.DoesNotContain(names, n => n.Contains("Herr") || n.Contains("Dr") || n.Contains("Mag") || n.Contains("Prof") || n.Contains("Frau"));
    }

    [Fact]
    public void LeavesStylesOutGivenAnEnglishRelease()
    {
        var r = Extract("""
            First Minister welcomes ambassador

            14 March 2024

            Rt Hon Moira Kerr, First Minister of Scotland, received His Excellency Rohan Perera in Edinburgh on Tuesday.
            The Speaker of the National Assembly Dr Elena Vassallo also met Mr. Perera.
            """);
        var kerr = Assert.Single(r.Persons, p => p.Name == "Moira Kerr");
        Assert.Equal("First Minister of Scotland", Assert.Single(kerr.Offices).Title);
        Assert.Contains(r.Persons, p => p.Name == "Rohan Perera");
        Assert.StartsWith("Speaker of the National Assembly", Assert.Single(Assert.Single(r.Persons, p => p.Name == "Elena Vassallo").Offices).Title);
        Assert.DoesNotContain(r.Persons, p => p.Name.Contains("Hon") || p.Name.Contains("Excellency") || p.Name.StartsWith("Dr", StringComparison.Ordinal));
    }

    [Fact]
    public void GivesTheNameAfterAFormOfAddressNotTheTitleBeforeIt()
    {
        var r = Extract("""
            Antrittsbesuch in Nordstadt

            12.03.2024

            Im Anschluss sprach Herr Generalkonsul in Nordstadt mit Herrn Tobias Lind, dem Hauptgeschäftsführer der Kammer, über Messen.
            """);
        var lind = Assert.Single(r.Persons, p => p.Name == "Tobias Lind");
        Assert.DoesNotContain(lind.Offices, o => o.Role == "generalkonsul");
        Assert.Contains(lind.Offices, o => o.Role == "geschaeftsfuehrer");
    }

    [Fact]
    public void KeepsAWordAfterANameOutGivenNoParticle()
    {
        var r = Extract("""
            Gespräch im Landtag

            12.03.2024

            Landtagspräsidentin Oberhuber erinnerte zu Beginn der Sitzung an den letzten Besuch aus Polen.
            Der Direktor beim Abgeordnetenhaus Peter von Hollweg führte die Gäste durch das Haus.
            """);
        Assert.Contains(r.Persons, p => p.Name == "Oberhuber");
        Assert.Contains(r.Persons, p => p.Name == "Peter von Hollweg");
        Assert.DoesNotContain(r.Persons, p => p.Name.Contains("Beginn"));
    }
}

public sealed class PressReleaseExtractorFamilyNameFirst
{
    private static ExtractionResult Extract(string text) => new PressReleaseExtractor().Extract(SourceText.From(text, SourceFormat.Text));

    [Fact]
    public void GivesOneCanonicalPersonGivenTheFamilyNameInCapitalsAndATitleWithIt()
    {
        var r = Extract("""
            Generalkonsulin besucht den Landtag

            12.03.2024

            Die Generalkonsulin von Japan in Düsseldorf, SATO Yumiko, besuchte am Montag den Landtag.
            Generalkonsulin Sato dankte für den freundlichen Empfang.
            """);
        var sato = Assert.Single(r.Persons);
        Assert.Equal("Yumiko Sato", sato.Name);
        Assert.Contains("SATO Yumiko", sato.Aliases);
        Assert.Equal("generalkonsul", Assert.Single(sato.Offices).Role);
    }

    [Theory]
    [InlineData("KATO Kikuko", "Kikuko Kato")]
    [InlineData("CHOI Yoon-hee", "Yoon-hee Choi")]
    [InlineData("PARK-LEE Min-ji", "Min-ji Park-Lee")]
    [InlineData("Kikuko Kato", "Kikuko Kato")]
    [InlineData("Jean-Luc MARCHAND", "Jean-Luc Marchand")]
    [InlineData("Li Wenjing", "Li Wenjing")]
    [InlineData("NRW", "NRW")]
    public void WritesTheGivenNameFirstGivenAFamilyNameInCapitals(string written, string canonical) =>
        Assert.Equal(canonical, DocumentContext.Canonical(written));

    [Fact]
    public void ReadsAFamilyNameInCapitalsGivenAfterTheGivenName()
    {
        var r = Extract("""
            Visit of the Commissioner

            14 March 2024

            Commissioner Jean-Luc MARCHAND met the Minister-President in the State Chancellery on Tuesday.
            """);
        var person = Assert.Single(r.Persons);
        Assert.Equal("Jean-Luc Marchand", person.Name);
        Assert.Contains("Jean-Luc MARCHAND", person.Aliases);
    }

    [Fact]
    public void FindsNoPersonGivenAHeadlineInCapitals()
    {
        var r = Extract("""
            PREMIER OPENS NEW HARBOUR BRIDGE

            14 March 2024

            The Premier of the province opened the new bridge on Tuesday.
            """);
        Assert.Empty(r.Persons);
    }
}

public sealed class PressReleaseExtractorTitleWithSurname
{
    private static ExtractionResult Extract(string text) => new PressReleaseExtractor().Extract(SourceText.From(text, SourceFormat.Text));

    [Fact]
    public void TakesTheSurnameAsTheHolderGivenATitleBeforeIt()
    {
        var r = Extract("""
            Antrittsbesuch

            12.03.2024

            Am 5. Juni besuchte Generalkonsulin Hirose den Oberbürgermeister im Rathaus.
            """);
        var hirose = Assert.Single(r.Persons, p => p.Name == "Hirose");
        Assert.Equal("Generalkonsulin", Assert.Single(hirose.Offices).Title);
    }

    [Fact]
    public void TakesAMonthNameAsAGivenNameGivenANameAfterIt()
    {
        var r = Extract("""
            Austausch im Landtag

            12.03.2024

            Zum Gespräch am 3. Mai kam auch der Konsul für Kultur und Presse, Jan Roth, in das Rathaus.
            """);
        var roth = Assert.Single(r.Persons, p => p.Name == "Jan Roth");
        Assert.Equal("Konsul für Kultur und Presse", Assert.Single(roth.Offices).Title);
    }

    [Fact]
    public void DropsThePossessiveGivenAnEnglishName()
    {
        var r = Extract("""
            Governor visits Seattle

            14 March 2024

            Governor Toshiro Tanaka met business leaders in Portland on Monday. Governor Tanaka’s stay ends on Friday.
            """);
        var tanaka = Assert.Single(r.Persons);
        Assert.Equal("Toshiro Tanaka", tanaka.Name);
        Assert.DoesNotContain(tanaka.Aliases, a => a.Contains('’'));
    }

    [Fact]
    public void ReadsNoNameGivenATitleCaseHeadline()
    {
        var r = Extract("""
            Provincial Governor And Party Secretary Meet Again In Spring

            14 March 2024

            The two leaders met in the provincial capital on Tuesday to discuss trade.
            """);
        Assert.Empty(r.Persons);
    }
}

public sealed class PressReleaseExtractorOfficeTitles
{
    private static ExtractionResult Extract(string text) => new PressReleaseExtractor().Extract(SourceText.From(text, SourceFormat.Text));

    private static ExtractedOffice OfficeOf(ExtractionResult r, string name) =>
        Assert.Single(Assert.Single(r.Persons, p => p.Name == name).Offices);

    [Fact]
    public void EndsThePortfolioBeforeTheHolderGivenNoComma()
    {
        var r = Extract("""
            Ministers meet

            14 March 2024

            Premier Dan Morrow and Minister for Small Business Kara Linde met the trade mission in Perth on Tuesday.
            The Minister for Early Childhood Education opened a school the same day.
            """);
        Assert.Equal("Minister for Small Business", OfficeOf(r, "Kara Linde").Title);
        Assert.DoesNotContain(r.Persons, p => p.Name.Contains("Education") || p.Name.Contains("Childhood"));
    }

    [Fact]
    public void ReadsGermanPortfoliosWithAdjectivesAndLists()
    {
        var r = Extract("""
            Besuch aus Italien

            12.03.2024

            Der Staatssekretär für europäische Angelegenheiten Paolo Venturi traf den Minister für Bildung, Jugend und Sport, Herrn Gerd Wallner.
            """);
        Assert.Equal("Staatssekretär für europäische Angelegenheiten", OfficeOf(r, "Paolo Venturi").Title);
        Assert.Equal("Minister für Bildung, Jugend und Sport", OfficeOf(r, "Gerd Wallner").Title);
    }

    [Fact]
    public void TakesTheGenitiveIntoTheTitleGivenANameAfterIt()
    {
        var r = Extract("""
            Amtsantrittsbesuch

            12.03.2024

            Am Montag machte der Generalkonsul dem Protokollchef der Landesregierung Ina Brandt seine Aufwartung.
            Zum Abendessen lud die Honorarkonsulin des Königreichs Schweden Ute Marten ein.
            """);
        Assert.Equal("Protokollchef der Landesregierung", OfficeOf(r, "Ina Brandt").Title);
        var marten = OfficeOf(r, "Ute Marten");
        Assert.Equal("SE", marten.JurisdictionId);
    }

    [Fact]
    public void GivesTheTitleInTheNominativeGivenAnInflectedForm()
    {
        var r = Extract("""
            Antrittsbesuch in Hamburg

            12.03.2024

            Der Generalkonsul traf am Montag den Stadtpräsidenten von Nordstadt, Herrn Marek Nowak, und danach den Ersten Bürgermeister Dr. Jens Albers im Rathaus.
            Auch der Abgeordnete Till Becker und die Abgeordnete Maren Scholz nahmen teil.
            """);
        Assert.StartsWith("Stadtpräsident ", OfficeOf(r, "Marek Nowak").Title);
        var albers = OfficeOf(r, "Jens Albers");
        Assert.Equal("Erster Bürgermeister", albers.Title);
        Assert.Equal("DE-HH", albers.JurisdictionId);
        Assert.Equal("Abgeordneter", OfficeOf(r, "Till Becker").Title);
        Assert.Equal("Abgeordnete", OfficeOf(r, "Maren Scholz").Title);
    }

    [Fact]
    public void TakesAPlaceInTheGenitiveAsJurisdictionAndMergesTheUnplacedTitle()
    {
        var r = Extract("""
            LH Brucker: Gipfel in Innsbruck

            12.03.2024

            „Die Zusammenarbeit wächst“, sagte Tirols Landeshauptmann Anton Brucker am Montag in Innsbruck.
            """);
        var office = OfficeOf(r, "Anton Brucker");
        Assert.Equal("landeshauptmann", office.Role);
        Assert.NotNull(office.JurisdictionId);
    }

    [Fact]
    public void ReadsTheHolderAfterACommaGivenAnArticleBeforeTheTitle()
    {
        var r = Extract("""
            Antrittsbesuch

            12.03.2024

            Danach führte Herr Generalkonsul ein Gespräch mit Herrn Jonas Falk, dem Hauptgeschäftsführer der Handelskammer.
            """);
        Assert.Equal("geschaeftsfuehrer", OfficeOf(r, "Jonas Falk").Role);
    }
}

public sealed class PressReleaseExtractorHolderContext
{
    private static ExtractionResult Extract(string text) => new PressReleaseExtractor().Extract(SourceText.From(text, SourceFormat.Text));

    [Fact]
    public void TakesAPlaceAsAGivenNameGivenANameAfterIt()
    {
        var r = Extract("""
            Besuch aus Bratislava

            12.03.2024

            Zum Auftakt sprach der Präsident des slowakischen Parlaments, Milan Horak, im Plenarsaal.
            """);
        Assert.Equal("Präsident des slowakischen Parlaments", Assert.Single(Assert.Single(r.Persons, p => p.Name == "Milan Horak").Offices).Title);
        Assert.DoesNotContain(r.Places, p => p.Name == "Milan");
    }

    [Fact]
    public void KeepsAPlaceGivenAPrepositionBeforeIt()
    {
        var r = Extract("""
            Governor travels to Italy

            14 March 2024

            The Governor met business leaders in Milan on Monday.
            """);
        Assert.Empty(r.Persons);
        Assert.Contains(r.Places, p => p.Name == "Milan");
    }

    [Fact]
    public void TakesTheJurisdictionAfterTheNameGivenOf()
    {
        var r = Extract("""
            Governor visits Seattle

            14 March 2024

            Governor Toshiro Tanaka of Nagano Prefecture met the Mayor of Portland on Monday.
            """);
        var office = Assert.Single(Assert.Single(r.Persons, p => p.Name == "Toshiro Tanaka").Offices);
        Assert.Equal("gouverneur", office.Role);
        Assert.Equal("JP-20", office.JurisdictionId);
    }

    [Fact]
    public void MergesABareTitleIntoTheCompoundGivenOnePerson()
    {
        var r = Extract("""
            Gäste im Bundesrat

            12.03.2024

            Bundesratsvizepräsidentin Hanna Lorenz eröffnete am Morgen die Sitzung. Später sprach Vizepräsidentin Hanna Lorenz mit der Delegation über Europa.
            """);
        Assert.Equal("Bundesratsvizepräsidentin", Assert.Single(Assert.Single(r.Persons, p => p.Name == "Hanna Lorenz").Offices).Title);
    }

    [Fact]
    public void ReadsAnEnglishTitleInLowerCaseOnlyGivenItsHolder()
    {
        var r = Extract("""
            Evening in Leipzig

            14 March 2024

            Guests met at the home of the honorary consul of Chile, Dr. Peter Hollmann, in Leipzig.
            The mayor said the city would welcome the guests again.
            """);
        var office = Assert.Single(Assert.Single(r.Persons, p => p.Name == "Peter Hollmann").Offices);
        Assert.Equal("CL", office.JurisdictionId);
        Assert.DoesNotContain(r.Persons, p => p.Offices.Any(o => o.Role == "buergermeister"));
    }
}
