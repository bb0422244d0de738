using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Relations;

public enum Granularity { Month, Quarter, Year }

/// <summary>One period of a timeline (2019, 2019-Q4 or 2019-10) with its count of events per type.</summary>
public sealed record TimelineBucket(string Period, DateOnly Start, DateOnly End, IReadOnlyList<(EventType Type, int Count)> ByType)
{
    public int Count => ByType.Sum(t => t.Count);
}

/// <summary>
/// Events between two actors counted by period. An event falls in the period its date lies in;
/// one whose date is less precise than the granularity (a year-only date asked by month), or that
/// has no date at all, is unplaced rather than put into January. Only counts: the events of a
/// period, or the unplaced ones, are read when asked for (<see cref="RelationQueries"/>).
/// </summary>
/// <param name="Granularity">Month, quarter or year.</param>
/// <param name="Buckets">The periods that have events, in date order.</param>
/// <param name="UnplacedYears">The years with events dated to the year only that the granularity cannot place, ascending, with their count.</param>
/// <param name="Undated">How many events have no date.</param>
public sealed record Timeline(Granularity Granularity, IReadOnlyList<TimelineBucket> Buckets, IReadOnlyList<(int Year, int Count)> UnplacedYears, int Undated)
{
    public int UnplacedCount => UnplacedYears.Sum(y => y.Count) + Undated;

    public int Total => Buckets.Sum(b => b.Count) + UnplacedCount;

    /// <summary>Buckets the counts (only periods that have events), in date order.</summary>
    public static Timeline FromTally(IEnumerable<EventTally> tally, Granularity granularity)
    {
        var buckets = new SortedDictionary<DateOnly, (string Period, DateOnly End, SortedDictionary<EventType, int> ByType)>();
        var unplacedYears = new SortedDictionary<int, int>();
        var undated = 0;
        foreach (var t in tally)
        {
            if (t.Year is not { } year)
            {
                undated += t.Count;
                continue;
            }
            if (PeriodOf(new FuzzyDate(year, t.Month), granularity) is not { } p)
            {
                unplacedYears[year] = unplacedYears.GetValueOrDefault(year) + t.Count;
                continue;
            }
            if (!buckets.TryGetValue(p.Start, out var bucket)) buckets[p.Start] = bucket = (p.Period, p.End, []);
            bucket.ByType[t.Type] = bucket.ByType.GetValueOrDefault(t.Type) + t.Count;
        }
        return new Timeline(granularity,
            buckets.Select(kv => new TimelineBucket(kv.Value.Period, kv.Key, kv.Value.End, kv.Value.ByType.Select(x => (x.Key, x.Value)).ToList())).ToList(),
            unplacedYears.Select(kv => (kv.Key, kv.Value)).ToList(), undated);
    }

    /// <summary>The counts of a list of events (as the store's default <see cref="IGraphStore.TallyEventsAsync"/> counts them).</summary>
    public static Timeline Build(IEnumerable<Event> events, Granularity granularity) =>
        FromTally(events.GroupBy(e => (e.Date?.Year, e.Date?.Month, e.Type)).Select(g => new EventTally(g.Key.Year, g.Key.Month, g.Key.Type, g.Count())), granularity);

    /// <summary>Whether an event falls in the bucket: its date lies in the period, precisely enough for the granularity.</summary>
    public bool Places(TimelineBucket bucket, Event e) => e.Date is { } d && PeriodOf(d, Granularity)?.Start == bucket.Start;

    /// <summary>The period a date falls in, or null when the date is less precise than the granularity.</summary>
    public static (string Period, DateOnly Start, DateOnly End)? PeriodOf(FuzzyDate date, Granularity granularity)
    {
        switch (granularity)
        {
            case Granularity.Year:
                return (date.Year.ToString("D4"), new DateOnly(date.Year, 1, 1), new DateOnly(date.Year, 12, 31));
            case Granularity.Quarter when date.Month is { } m:
                var q = (m - 1) / 3 + 1;
                var start = new DateOnly(date.Year, 3 * q - 2, 1);
                return ($"{date.Year:D4}-Q{q}", start, start.AddMonths(3).AddDays(-1));
            case Granularity.Month when date.Month is { } month:
                var first = new DateOnly(date.Year, month, 1);
                return ($"{date.Year:D4}-{month:D2}", first, first.AddMonths(1).AddDays(-1));
            default:
                return null;
        }
    }
}
