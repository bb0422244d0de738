using RelationsGraph.Model;

namespace RelationsGraph.Relations;

public enum Granularity { Month, Quarter, Year }

/// <summary>One period of a timeline (2019, 2019-Q4 or 2019-10) with its events and their count per type.</summary>
public sealed record TimelineBucket(string Period, DateOnly Start, DateOnly End, IReadOnlyList<Event> Events)
{
    public int Count => Events.Count;

    public IReadOnlyList<(EventType Type, int Count)> ByType =>
        Events.GroupBy(e => e.Type).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())).ToList();
}

/// <summary>
/// Events between two actors bucketed by period. An event falls in the period its date lies in;
/// one whose date is less precise than the granularity (a year-only date asked by month), or that
/// has no date at all, is <see cref="Unplaced"/> rather than put into January.
/// </summary>
public sealed record Timeline(Granularity Granularity, IReadOnlyList<TimelineBucket> Buckets, IReadOnlyList<Event> Unplaced)
{
    public int Total => Buckets.Sum(b => b.Count) + Unplaced.Count;

    /// <summary>Buckets the events (only periods that have events), in date order.</summary>
    public static Timeline Build(IEnumerable<Event> events, Granularity granularity)
    {
        var unplaced = new List<Event>();
        var buckets = new SortedDictionary<DateOnly, (string Period, DateOnly End, List<Event> Events)>();
        foreach (var e in InDateOrder(events))
        {
            if (e.Date is not { } date || PeriodOf(date, granularity) is not { } p)
            {
                unplaced.Add(e);
                continue;
            }
            if (!buckets.TryGetValue(p.Start, out var bucket)) buckets[p.Start] = bucket = (p.Period, p.End, []);
            bucket.Events.Add(e);
        }
        return new Timeline(granularity, buckets.Select(kv => new TimelineBucket(kv.Value.Period, kv.Key, kv.Value.End, kv.Value.Events)).ToList(), unplaced);
    }

    /// <summary>The events by date, then id; as the store gives them (in that order) without sorting again.</summary>
    private static IEnumerable<Event> InDateOrder(IEnumerable<Event> events)
    {
        var list = events as IReadOnlyList<Event> ?? events.ToList();
        for (var i = 1; i < list.Count; i++)
            if (Event.DateOrder.Compare(list[i - 1], list[i]) > 0) return list.Order(Event.DateOrder);
        return list;
    }

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
