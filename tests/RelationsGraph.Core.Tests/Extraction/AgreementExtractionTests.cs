using RelationsGraph.Extraction;
using RelationsGraph.Model;

namespace RelationsGraph.Core.Tests.Extraction;

/// <summary>Agreements of the kinds releases name, their parties and what happened to them (sentences written for these tests).</summary>
public sealed class AgreementExtractionTests
{
    private static ExtractionResult Extract(string text) => new PressReleaseExtractor().Extract(SourceText.From(text, SourceFormat.Text));

    private static string Release(string body) => $"""
        Besuch aus der Partnerregion

        4. Juni 2024

        {body}
        """;

    [Fact]
    public void RecordsASignedDeclarationGivenTheClauseSignsIt()
    {
        var r = Extract(Release("Ministerpräsidentin Anna Berg und Gouverneur Ken Sato von der Präfektur Hyogo unterschrieben am 3. Juni 2024 in Kiel eine Erklärung zur Vertiefung der Zusammenarbeit zwischen Schleswig-Holstein und der Präfektur Hyogo."));
        var declaration = Assert.Single(r.Agreements);
        Assert.Equal(AgreementStatus.Signed, declaration.Action);
        Assert.Equal("2024-06-03", declaration.Date?.ToString());
        Assert.Equal(2, declaration.PartyIds.Count);
    }

    [Fact]
    public void IgnoresADeclarationGivenNobodySignsIt()
    {
        var r = Extract(Release("In einer Erklärung betonte die Landesregierung von Schleswig-Holstein die Bedeutung der Beziehungen zur Präfektur Hyogo."));
        Assert.Empty(r.Agreements);
    }

    [Fact]
    public void TakesThePartiesOfACompoundGivenTheDeclarationIsNamedAfterThem()
    {
        var r = Extract(Release("Die Regierungschefs unterzeichneten die Gemeinsame Erklärung Hessen-Wisconsin in Wiesbaden."));
        var declaration = Assert.Single(r.Agreements);
        Assert.Equal(2, declaration.PartyIds.Count);
        Assert.Contains(r.Places, p => p.Name.Contains("Hessen") && declaration.PartyIds.Contains(p.Id));
        Assert.Contains(r.Places, p => p.Name.Contains("Wisconsin") && declaration.PartyIds.Contains(p.Id));
        Assert.Equal(AgreementStatus.Signed, declaration.Action);
        Assert.Equal("2024-06-04", declaration.Date?.ToString());
    }

    [Fact]
    public void RecordsPartnerCitiesGivenTwoCitiesAreCalledSo()
    {
        var r = Extract(Release("Köln und Kyoto sind seit 1963 Partnerstädte."));
        var partnership = Assert.Single(r.Agreements);
        Assert.Equal(AgreementStatus.Ongoing, partnership.Action);
        Assert.Equal("1963", partnership.Date?.ToString());
        Assert.Equal(2, partnership.PartyIds.Count);
    }

    [Fact]
    public void IgnoresAPartnerCityGivenOnlyItsCountryIsKnown()
    {
        // "Lahtiala" is no place the gazetteer knows: a twinning is no partnership of Finland
        var r = Extract(Release("Eine Delegation aus der finnischen Partnerstadt Lahtiala war am 3. Juni 2024 in Mülheim an der Ruhr zu Gast."));
        Assert.DoesNotContain(r.Agreements, a => a.PartyIds.Contains("FI"));
    }

    [Fact]
    public void RecordsASisterStateRelationshipGivenItsOwnersBeforeIt()
    {
        var r = Extract("""
            Governor visits Seattle

            September 4, 2018

            Governor Ken Sato of Hyogo Prefecture visited Seattle to celebrate Hyogo and Washington's sister-state relationship.
            """);
        var relationship = Assert.Single(r.Agreements);
        Assert.Equal(AgreementStatus.Ongoing, relationship.Action);
        Assert.Equal(2, relationship.PartyIds.Count);
        Assert.Contains("JP-28", relationship.PartyIds);
    }

    [Fact]
    public void TakesTheNamedCitiesGivenATwinningOfCitiesWithinRegions()
    {
        var r = Extract("""
            Governor visits Seattle

            September 4, 2018

            Several cities in Washington State have sister-city relationships with cities in Hyogo Prefecture, including Seattle and Kobe.
            """);
        var twinning = Assert.Single(r.Agreements);
        Assert.All(twinning.PartyIds, p => Assert.Equal(PlaceKind.City, r.Places.Single(x => x.Id == p).Kind));
        Assert.Equal(2, twinning.PartyIds.Count);
    }

    [Fact]
    public void RecordsAPartnershipGivenTheTitleNamesTwoPlacesBesideAnAnniversary()
    {
        var r = Extract("""
            Reception in Munich

            June 26, 2014

            Friends of both governments celebrated a quarter century of partnership between Bavaria and Quebec in Munich.
            """);
        var partnership = Assert.Single(r.Agreements);
        Assert.Contains("DE-BY", partnership.PartyIds);
        Assert.DoesNotContain(r.Places.Single(p => p.Name == "Munich").Id, partnership.PartyIds);
    }

    [Theory]
    [InlineData("Im Jahr 1970 schlossen Baden-Württemberg und die Provinz Jiangsu ein Abkommen über den Austausch von Studierenden.", AgreementStatus.Signed, "1970")]
    [InlineData("Baden-Württemberg und die Provinz Jiangsu wollen im Herbst ein Abkommen über den Austausch von Studierenden unterzeichnen.", AgreementStatus.Planned, null)]
    [InlineData("Baden-Württemberg und die Provinz Jiangsu vereinbarten, ein Abkommen über den Austausch von Studierenden abzuschließen.", AgreementStatus.Planned, null)]
    [InlineData("Baden-Württemberg und die Provinz Jiangsu verlängerten am 3. Juni 2024 ihr Abkommen über den Austausch von Studierenden.", AgreementStatus.Extended, "2024-06-03")]
    public void TellsWhatHappenedGivenTheVerbOfTheClause(string sentence, AgreementStatus status, string? date)
    {
        var agreement = Assert.Single(Extract(Release(sentence)).Agreements);
        Assert.Equal(status, agreement.Action);
        if (date is not null) Assert.Equal(date, agreement.Date?.ToString());
    }

    [Theory]
    [InlineData("Der Minister möchte die Zusammenarbeit mit Japan weiter vertiefen.")]
    [InlineData("Wir freuen uns auf eine engere Zusammenarbeit mit der Präfektur Hyogo.")]
    [InlineData("Der Vertrag des Trainers wurde verlängert.")]
    [InlineData("Er überreichte eine Dankurkunde an den Verein in Nürnberg.")]
    public void RecordsNoAgreementGivenLooseTalk(string sentence) =>
        Assert.Empty(Extract(Release(sentence)).Agreements);

    [Theory]
    [InlineData("2024 jährt sich die Unterzeichnung der Partnerschaftserklärung zwischen Hessen und der Region Emilia-Romagna zum 20. Mal.", "2004")]
    [InlineData("Zum 20-jährigen Jubiläum unterzeichneten Hessen und die Region Emilia-Romagna am 3. Juni 2024 eine neue Partnerschaftserklärung.", "2024-06-03")]
    public void DatesAnActGivenItsAnniversaryOrANewSigning(string sentence, string date) =>
        Assert.Equal(date, Assert.Single(Extract(Release(sentence)).Agreements).Date?.ToString());

    [Fact]
    public void KeepsOneAgreementGivenTheSameActIsNamedTwice()
    {
        var r = Extract(Release("""
            Zwei Regierungschefs unterschreiben ein Abkommen.

            Ministerpräsident Jan Vogt und Marschall Piotr Nowak unterzeichnen eine gemeinsame Erklärung, in der der Freistaat Sachsen und die Woiwodschaft Niederschlesien ihre Zusammenarbeit bekräftigen.
            """));
        var declaration = Assert.Single(r.Agreements);
        Assert.Contains("Erklärung", r.Quote(declaration.Quote));
    }
}
