using RelationsGraph.Extraction;
using RelationsGraph.Model;

namespace RelationsGraph.Core.Tests.Extraction;

public sealed class LanguageDetectorTests
{
    [Theory]
    [InlineData("Le ministre a reçu jeudi à Paris la ministre des Affaires étrangères du Sénégal pour une visite de travail. Les deux ministres ont signé un accord sur la formation professionnelle.", "fr")]
    [InlineData("La ministra recibió el jueves en Madrid a una delegación de Baviera. Ambas partes firmaron un memorando sobre la cooperación en materia de hidrógeno.", "es")]
    [InlineData("兵庫県知事は、先週金曜日、新任のドイツ連邦共和国総領事の表敬訪問を受け、両地域の経済交流について意見交換を行いました。", "ja")]
    [InlineData("Der Ministerpräsident empfing heute den Botschafter von Japan in der Staatskanzlei.", "de")]
    [InlineData("The Governor met the Ambassador of Japan in Madison on Tuesday.", "en")]
    [InlineData("Lorem ipsum dolor sit amet.", LanguageDetector.Undetermined)]
    [InlineData("2024 — 11.000 — 3,5", LanguageDetector.Undetermined)]
    public void DetectsTheLanguageOfARelease(string text, string expected) =>
        Assert.Equal(expected, LanguageDetector.Detect(text));
}

public sealed class ExtractionFlagsTests
{
    private static ExtractionResult Extract(string text) => new PressReleaseExtractor().Extract(SourceText.From(text, SourceFormat.Text));

    [Fact]
    public void FlagsAFrenchReleaseAndTakesNoFactsFromIt()
    {
        var r = Extract("""
            La France et le Sénégal signent un accord

            14 mars 2025

            Le ministre a reçu jeudi à Paris la ministre des Affaires étrangères du Sénégal pour une visite de travail.
            Les deux ministres ont signé un accord sur la formation professionnelle entre la France et le Sénégal.
            """);
        var flag = Assert.Single(r.Flags);
        Assert.Equal(ExtractionFlagKind.UnsupportedLanguage, flag.Kind);
        Assert.Contains("French", flag.Reason);
        Assert.Equal("fr", r.Document.Language);
        Assert.True(r.IsEmpty);
        Assert.Contains(flag.Reason, r.Warnings);
    }

    [Fact]
    public void FlagsAGermanTextWithNothingToRecognize()
    {
        var r = Extract("""
            Hinweis

            Die Sitzung wurde vertagt und findet zu einem späteren Zeitpunkt statt. Wir bitten um Verständnis.
            """);
        Assert.Equal("de", r.Document.Language);
        Assert.Equal(ExtractionFlagKind.NoRecognizableContent, Assert.Single(r.Flags).Kind);
    }

    [Fact]
    public void DoesNotFlagAnOrdinaryRelease()
    {
        var r = Extract("""
            Governor receives Ambassador

            15 May 2022

            The Governor of Osaka Prefecture, Taro Yamamoto, received the Ambassador of Germany, Anna Weber, in Osaka on 14 May 2022.
            """);
        Assert.False(r.IsFlagged);
        Assert.Empty(r.Flags);
    }
}

public sealed class GenreGrammarTests
{
    private static readonly FuzzyDate Published = new(2024, 7, 2);

    private static ExtractionResult Extract(string text) => new PressReleaseExtractor().Extract(SourceText.From(text, SourceFormat.Text));

    [Theory]
    [InlineData("sind für den Herbst in Bratislava geplant", "2024")]
    [InlineData("is planned for autumn 2025 in Paris", "2025")]
    [InlineData("ist für das Frühjahr 2025 geplant", "2025")]
    public void ReadsSeasonsAfterPrepositionsAndArticles(string text, string expected) =>
        Assert.Equal(expected, Assert.Single(Dates.Find(Tokenizer.Tokenize(text, 0, text.Length), Published)).Date.ToString());

    [Theory]
    [InlineData("vom 13. April bis 13. Oktober 2025 in Osaka", "2025-04-13")]
    [InlineData("from 28 January to 2 February 2025", "2025-01-28")]
    public void GivesARangesStartTheYearWrittenAtItsEnd(string text, string expected) =>
        Assert.Equal(expected, Dates.Find(Tokenizer.Tokenize(text, 0, text.Length), Published)[0].Date.ToString());

    [Theory]
    [InlineData("with EUR 45 million over", "en", 45_000_000, "EUR")]
    [InlineData("reaching USD 8.7 billion last year", "en", 8_700_000_000, "USD")]
    [InlineData("amounted to CAD 2.4 billion in 2023", "en", 2_400_000_000, "CAD")]
    [InlineData("mit einer sechsköpfigen Delegation", "de", 6, null)]
    public void ReadsCurrencyCodesBeforeAmountsAndFusedNumberWords(string text, string language, double value, string? unit)
    {
        var tokens = Tokenizer.Tokenize(text, 0, text.Length);
        var n = Enumerable.Range(0, tokens.Count).Select(i => Numbers.At(tokens, i, language)).First(x => x is not null)!;
        Assert.Equal((decimal)value, n.Value);
        Assert.Equal(unit, n.Unit);
    }

    [Fact]
    public void ReadsEnglishPortfoliosAndTitleTailsBeforeTheName()
    {
        var r = Extract("""
            Ministers meet in Rome

            22 February 2025

            The Minister of Enterprises and Made in Italy, Giacomo Ferrante, received the Minister of Foreign Affairs of the Republic of Senegal, Aminata Diallo Sarr, in Rome on 21 February 2025.
            First Vice Minister of Foreign Affairs KANG Min-seok met Undersecretary of State Tomasz Wierzbicki in Warsaw on 20 February 2025.
            """);
        var ferrante = Assert.Single(r.Persons, p => p.Name == "Giacomo Ferrante");
        Assert.Equal("Minister of Enterprises and Made in Italy", Assert.Single(ferrante.Offices).Title);
        var sarr = Assert.Single(r.Persons, p => p.Name == "Aminata Diallo Sarr");
        Assert.Equal("SN", Assert.Single(sarr.Offices).JurisdictionId);
        // a family name in capitals first: the canonical name puts the given name first, the text's form is an alias
        Assert.Contains(r.Persons, p => p.Name == "Min-seok Kang" && p.Aliases.Contains("KANG Min-seok"));
        Assert.Equal("Undersecretary of State", Assert.Single(Assert.Single(r.Persons, p => p.Name == "Tomasz Wierzbicki").Offices).Title);
        Assert.DoesNotContain(r.Persons, p => p.Name == "Diallo Sarr");
    }

    [Fact]
    public void ReadsAGermanTitleWithItsPlaceBeforeTheName()
    {
        var r = Extract("""
            Arbeitsgespräch in St. Pölten

            12. März 2025

            Am Nachmittag traf Minister Martin Kolárik in St. Pölten den Landeshauptmann von Niederösterreich, Georg Haidinger.
            """);
        var haidinger = Assert.Single(r.Persons, p => p.Name == "Georg Haidinger");
        Assert.Equal("AT-3", Assert.Single(haidinger.Offices).JurisdictionId);
    }

    [Fact]
    public void ResolvesAWeekdayInASentenceAboutTheFutureForward()
    {
        var r = Extract("""
            Ruanda zu Gast in Mainz

            2. Juli 2024

            Staatskanzlei Rheinland-Pfalz

            Am Mittwoch wird die Ministerin Claudine Uwamahoro im Landtag in Mainz von Landtagspräsident Hendrik Mertes empfangen.
            """);
        var reception = Assert.Single(r.Events, e => e.Type == EventType.Reception);
        Assert.Equal("2024-07-03", reception.Date.ToString());
    }

    [Fact]
    public void TheTwoMinistersAreThePairNamedBeforeAndTheirSigningTakesTheRunningDate()
    {
        var r = Extract("""
            France and Senegal sign agreement

            14 March 2025

            The Minister for Europe and Foreign Affairs, Claire Vautrin, received the Minister of Foreign Affairs of the Republic of Senegal, Aminata Diallo Sarr, in Paris on Thursday, 13 March 2025.

            At the end of their talks, the two ministers signed an agreement on vocational training.
            """);
        var signing = Assert.Single(r.Events, e => e.Type == EventType.Signing);
        Assert.Equal("2025-03-13", signing.Date.ToString());
        Assert.Equal(2, signing.PersonIds.Count);
        var agreement = Assert.Single(r.Agreements);
        Assert.Equal(AgreementStatus.Signed, agreement.Action);
        Assert.Equal(["FR", "SN"], agreement.PartyIds.Order());
    }

    [Fact]
    public void ATitleWithoutANameIsTheReleasesHolderOfThatTitle()
    {
        var r = Extract("""
            Edinburgh and Munich

            15 November 2024

            The Lord Provost of Edinburgh, Fiona MacLeary, welcomed Mayor Katrin Habersetzer of Munich on Thursday.
            Mayor Habersetzer invited the Lord Provost to visit Munich in September 2025.
            """);
        var visit = Assert.Single(r.Events, e => e.Date.ToString() == "2025-09");
        Assert.Contains("person:fiona-macleary", visit.PersonIds);
        Assert.Equal("city:de:muenchen", visit.PlaceId);
    }

    [Fact]
    public void AFuturePlanLiesAheadAndAPlaceToReturnToIsNoVenue()
    {
        var r = Extract("""
            Italy and Brazil

            22 February 2025

            In Porto Alegre a festival of Italian culture is planned for October.
            On 21 February 2025 the delegation visited Brasília before returning to Munich.
            """);
        var festival = Assert.Single(r.Events, e => e.Type == EventType.Other);
        Assert.Equal("2025-10", festival.Date.ToString());
        Assert.DoesNotContain(r.Events, e => e.PlaceId == "city:de:muenchen");
    }

    [Fact]
    public void AnAnnouncedSigningIsAPlannedAgreementAndNoEvent()
    {
        var r = Extract("""
            Berlin und Mexiko-Stadt

            8. Oktober 2024

            Der Regierende Bürgermeister Stefan Wendtland hat heute die Regierungschefin von Mexiko-Stadt, Lucía Herrera Campos, empfangen.
            Beide vereinbarten, im kommenden Jahr einen gemeinsamen Aktionsplan zu unterzeichnen.
            """);
        Assert.DoesNotContain(r.Events, e => e.Type == EventType.Signing);
        var plan = Assert.Single(r.Agreements);
        Assert.Equal(AgreementStatus.Planned, plan.Action);
        Assert.Equal("2025", plan.Date?.ToString());
    }

    [Fact]
    public void AnAgreementMentionedAgainIsOneAgreementDatedByItsStart()
    {
        var r = Extract("""
            Partnerschaft verlängert

            2. Juli 2024

            Staatskanzlei Rheinland-Pfalz

            Innenminister Markus Hollerbach hat am gestrigen Montag in Mainz die Partnerschaftsvereinbarung zwischen Rheinland-Pfalz und Ruanda verlängert.
            Die erneuerte Vereinbarung setzt neue Schwerpunkte bei der beruflichen Bildung.

            Innenminister Hollerbach: „Die Partnerschaft mit Ruanda ist eine Partnerschaft der Menschen.“

            Die Partnerschaft zwischen Rheinland-Pfalz und Ruanda besteht seit 1982.
            """);
        Assert.Equal(2, r.Agreements.Count);
        var extended = Assert.Single(r.Agreements, a => a.Action == AgreementStatus.Extended);
        Assert.Equal("2024-07-01", extended.Date?.ToString());
        var ongoing = Assert.Single(r.Agreements, a => a.Action == AgreementStatus.Ongoing);
        Assert.Equal("1982", ongoing.Date?.ToString());
    }

    [Fact]
    public void AGatheringWithItsOwnDateAndPlaceIsAnEventWithoutNamedPeople()
    {
        var r = Extract("""
            Konsultationen in Wien

            12. März 2025

            Die Außenministerin empfing den slowakischen Außenminister in Wien.
            Die nächsten Regierungskonsultationen sind für den Herbst in Bratislava geplant.
            Das Büro bietet seit 1995 Ausstellungen in Bratislava an.
            """);
        var meeting = Assert.Single(r.Events, e => e.Type == EventType.Meeting);
        Assert.Equal("2025", meeting.Date.ToString());
        Assert.Equal("city:sk:bratislava", meeting.PlaceId);
        Assert.Empty(meeting.PersonIds);
    }

    [Fact]
    public void ACityPartnershipRelatesTheCitiesNotTheirRegions()
    {
        var r = Extract("""
            45 Jahre Städtepartnerschaft

            6. Mai 2024

            Stadt Nürnberg

            Oberbürgermeister Thomas Kellerhals und Stadtpräsident Marek Wolański unterzeichneten am 2. Mai 2024 in Krakau eine Vereinbarung über die Zusammenarbeit zwischen Nürnberg und Krakau.
            """);
        var kellerhals = Assert.Single(r.Persons, p => p.Name == "Thomas Kellerhals");
        Assert.Equal("city:de:nuernberg", Assert.Single(kellerhals.Offices).JurisdictionId);
        var agreement = Assert.Single(r.Agreements);
        Assert.All(agreement.PartyIds, id => Assert.StartsWith("city:", id));
    }
}
