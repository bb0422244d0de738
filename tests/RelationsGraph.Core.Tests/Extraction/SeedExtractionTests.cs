using System.Text.Json;
using RelationsGraph.Extraction;
using RelationsGraph.Model;

namespace RelationsGraph.Core.Tests.Extraction;

/// <summary>The seed press release against its gold annotation (seeds/*.json).</summary>
public sealed class SeedExtractionTests
{
    private static readonly ExtractionResult Result = new PressReleaseExtractor().Extract(
        SourceText.Read(RepositoryPaths.SeedFile), new DocumentHints(SourceName: Path.GetFileName(RepositoryPaths.SeedFile)));

    private static readonly JsonElement Gold = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(RepositoryPaths.SeedFile, ".json"))).RootElement;

    [Fact]
    public void ReadsDocumentMetadataFromTheText()
    {
        Assert.Equal("2020-09-04", Result.Document.Published?.ToString());
        Assert.Equal("Staatskanzlei Nordrhein-Westfalen", Result.Document.Publisher);
        Assert.Equal("de", Result.Document.Language);
        Assert.Equal("DE-NW", Result.Document.HomeJurisdictionId);
    }

    [Fact]
    public void FindsEveryGoldPersonWithTheJurisdictionOfTheirOffice()
    {
        foreach (var person in Gold.GetProperty("persons").EnumerateArray())
        {
            var name = person.GetProperty("name").GetString();
            var found = Assert.Single(Result.Persons, p => p.Name == name);
            var goldOffice = person.GetProperty("offices")[0];
            var office = Assert.Single(found.Offices);
            var of = Result.Places.Single(p => p.Id == office.JurisdictionId).Name;
            Assert.Equal(goldOffice.GetProperty("of").GetString(), of);
            Assert.StartsWith(goldOffice.GetProperty("asOf").GetString()!, office.AsOf?.ToString());
        }
        Assert.Equal(Gold.GetProperty("persons").GetArrayLength(), Result.Persons.Count);
    }

    [Fact]
    public void FindsTheThreeEventsWithDatePrecisionAndVerbatimQuotes()
    {
        Assert.Collection(Result.Events,
            e => { Assert.Equal(EventType.Delegation, e.Type); Assert.Equal("2019-09", e.Date.ToString()); Assert.Equal(DatePrecision.Month, e.Date?.Precision); },
            e => { Assert.Equal(EventType.Visit, e.Type); Assert.Equal("2019-10", e.Date.ToString()); Assert.Equal(["person:masao-uchibori"], e.PersonIds); },
            e => { Assert.Equal(EventType.Reception, e.Type); Assert.Equal("2020-09-04", e.Date.ToString()); Assert.Equal(2, e.PersonIds.Count); });
        Assert.All(Result.Events, e => Assert.Contains(Result.Quote(e.Quote), Result.Text));
        var visit = Result.Events[1];
        Assert.Equal(["JP-07", "DE-NW"], visit.InvolvedIds.Order().Reverse());
        Assert.Single(visit.AgreementIds);
    }

    [Fact]
    public void FindsTheExtendedAgreementsWithTheirCount()
    {
        var extended = Assert.Single(Result.Agreements, a => a.Action == AgreementStatus.Extended);
        Assert.Equal(2, extended.Count);
        Assert.Equal("2019-10", extended.Date?.ToString());
        Assert.Equal(["DE-NW", "JP-07"], extended.PartyIds.Order());
        var cooperation = Assert.Single(Result.Agreements, a => a.Action == AgreementStatus.Ongoing);
        Assert.Contains("JP-27", cooperation.PartyIds);
    }

    [Fact]
    public void FindsEveryGoldFigureWithValueQualifierAndDate()
    {
        foreach (var s in Gold.GetProperty("statistics").EnumerateArray())
        {
            var value = s.GetProperty("value").GetDecimal();
            var found = Assert.Single(Result.Statistics, x => x.Value == value);
            if (s.GetProperty("asOf").ValueKind == JsonValueKind.String) Assert.Equal(s.GetProperty("asOf").GetString(), found.AsOf?.ToString());
        }
        Assert.Equal(StatisticQualifier.About, Result.Statistics.Single(s => s.Value == 600).Qualifier);
        Assert.Equal(StatisticQualifier.MoreThan, Result.Statistics.Single(s => s.Value == 11000).Qualifier);
        Assert.Equal(Gold.GetProperty("statistics").GetArrayLength(), Result.Statistics.Count);
    }

    [Fact]
    public void ListsPlacesAndOrganizationsOfTheGoldAndNothingFromTheContactFooter()
    {
        var places = Result.Places.Where(p => p.Range.End > p.Range.Start).Select(p => p.Name).ToHashSet();
        foreach (var p in Gold.GetProperty("places").EnumerateArray()) Assert.Contains(p.GetProperty("name").GetString()!, places);
        var orgs = Result.Organizations.Select(o => o.Name).ToHashSet();
        foreach (var o in Gold.GetProperty("organizations").EnumerateArray()) Assert.Contains(o.GetProperty("name").GetString()!, orgs);
        var footer = Result.Text.IndexOf("Pressekontakt", StringComparison.Ordinal);
        Assert.All(Result.Places.Where(p => p.Range.End > 0), p => Assert.True(p.Range.Start < footer));
    }

    [Fact]
    public void InterchangeJsonHasTheGoldShape()
    {
        var json = JsonDocument.Parse(InterchangeFormat.ToJson(Result)).RootElement;
        foreach (var key in new[] { "document", "persons", "places", "organizations", "events", "agreements", "statistics" })
            Assert.True(json.TryGetProperty(key, out _), key);
        Assert.Equal("2019-10", json.GetProperty("events")[1].GetProperty("date").GetString());
    }
}
