using System.Text.Json;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Relations;

namespace RelationsGraph.Core.Tests.Relations;

/// <summary>Timelines and the one event order, with events whose release gives no date among dated ones.</summary>
public sealed class TimelineTests
{
    private static Event E(string id, FuzzyDate? date, EventType type = EventType.Visit) => new(id, type, date, id);

    private static readonly Event Day = E("event:b", new FuzzyDate(2020, 9, 4));
    private static readonly Event Year = E("event:c", new FuzzyDate(2020));
    private static readonly Event Early = E("event:z", new FuzzyDate(2019, 10));
    private static readonly Event UndatedA = E("event:a", null, EventType.Meeting);
    private static readonly Event UndatedY = E("event:y", null);

    [Fact]
    public void DateOrderPutsUndatedEventsAfterDatedOnesAndOrdersThemById()
    {
        Event[] shuffled = [UndatedY, Day, UndatedA, Year, Early];
        Assert.Equal([Early, Year, Day, UndatedA, UndatedY], shuffled.Order(Event.DateOrder));
        Assert.Equal([Early, Year, Day, UndatedA, UndatedY], shuffled.Reverse().Order(Event.DateOrder));
    }

    [Fact]
    public void InPeriodMatchesAnUndatedEventOnlyWithoutBounds()
    {
        Assert.True(UndatedA.InPeriod(null, null));
        Assert.False(UndatedA.InPeriod(new FuzzyDate(1), null));
        Assert.False(UndatedA.InPeriod(null, new FuzzyDate(9999)));
        Assert.True(Early.InPeriod(new FuzzyDate(2019), new FuzzyDate(2019, 10, 31)));
        Assert.False(Early.InPeriod(new FuzzyDate(2019, 11), null));
    }

    [Theory]
    [InlineData(Granularity.Year)]
    [InlineData(Granularity.Quarter)]
    [InlineData(Granularity.Month)]
    public void BuildPutsUndatedEventsIntoUnplacedAndCountsThemInTheTotal(Granularity granularity)
    {
        var timeline = Timeline.Build([UndatedY, Day, UndatedA, Early], granularity);
        Assert.Equal(2, timeline.Buckets.Sum(b => b.Count));
        Assert.True(timeline.Places(timeline.Buckets[0], Early));
        Assert.True(timeline.Places(timeline.Buckets[^1], Day));
        Assert.Equal(2, timeline.Undated);
        Assert.Empty(timeline.UnplacedYears);
        Assert.Equal(4, timeline.Total);
    }

    [Fact]
    public void BuildLeavesYearOnlyDatesUnplacedByMonth()
    {
        var timeline = Timeline.Build([UndatedA, Year, Day], Granularity.Month);
        Assert.Equal([(2020, 1)], timeline.UnplacedYears);
        Assert.Equal(1, timeline.Undated);
        Assert.False(timeline.Places(timeline.Buckets[0], Year));
        Assert.Equal("2020-09", Assert.Single(timeline.Buckets).Period);
    }

    [Fact]
    public void GraphIdsGiveAnUndatedEventUndatedWhereTheDateGoes()
    {
        var id = GraphIds.Event(EventType.Reception, null, ["person:b", "person:a"], null, []);
        Assert.StartsWith("event:reception:undated:", id, StringComparison.Ordinal);
        Assert.Equal(id, GraphIds.Event(EventType.Reception, null, ["person:a", "person:b"], null, []));
    }

    [Fact]
    public void InterchangeFormatWritesNullForAnUndatedEvent()
    {
        var doc = new DocumentInfo("doc:x", "X", null, null, null, "de", null, "x.txt", "hash", null);
        var undated = new ExtractedEvent("event:meeting:undated:1", EventType.Meeting, null, "Treffen", [], [], null, [], [], new TextRange(0, 6));
        var dated = undated with { Id = "event:meeting:2020:1", Date = new FuzzyDate(2020) };
        var result = new ExtractionResult(doc, "Treffen", [], [], [], [undated, dated], [], [], []);
        var events = JsonDocument.Parse(InterchangeFormat.ToJson(result)).RootElement.GetProperty("events");
        Assert.Equal(JsonValueKind.Null, events[0].GetProperty("date").ValueKind);
        Assert.Equal("2020", events[1].GetProperty("date").GetString());
    }

    [Fact]
    public void AnUndatedEventRoundTripsThroughJsonWithANullDate()
    {
        var json = JsonSerializer.Serialize<GraphNode>(UndatedA);
        Assert.Contains("\"Date\":null", json, StringComparison.Ordinal);
        Assert.Equal(UndatedA, JsonSerializer.Deserialize<GraphNode>(json));
    }
}
