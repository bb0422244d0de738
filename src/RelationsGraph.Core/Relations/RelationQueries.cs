using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Relations;

/// <summary>An agreement with what happened to it: its own stated status and date, and the events that concern it.</summary>
public sealed record AgreementHistory(Agreement Agreement, IReadOnlyList<Event> Events);

/// <summary>
/// The analyst's questions that combine several store reads: timelines, relation summaries, offices
/// over time and subgraphs. Built on the <see cref="IGraphStore"/> port only, so they hold for every store.
/// </summary>
public sealed class RelationQueries(IGraphStore store)
{
    /// <summary>Upper bound on the events one timeline or summary reads.</summary>
    public const int MaxEvents = 100_000;
    /// <summary>Events read per store call: one call for all but the largest relations (a store walks the relation's events again for every page).</summary>
    private const int Batch = 10_000;

    /// <summary>The counts of a timeline, counted by the store (<see cref="IGraphStore.TallyEventsAsync"/>, by year when that is all it shows): no event is read.</summary>
    public async Task<Timeline> TimelineAsync(EventFilter filter, Granularity granularity, CancellationToken ct) =>
        Timeline.FromTally(granularity == Granularity.Year ? await store.TallyEventsByYearAsync(filter, ct) : await store.TallyEventsAsync(filter, ct), granularity);

    /// <summary>
    /// The events of periods of a timeline, each in date order: the events the filter finds from the
    /// first period's start to the last one's end, in one read, each to the period that places it.
    /// </summary>
    public async Task<IReadOnlyDictionary<TimelineBucket, IReadOnlyList<Event>>> BucketEventsAsync(EventFilter filter, Timeline timeline, IReadOnlyList<TimelineBucket> buckets, CancellationToken ct)
    {
        var result = buckets.Distinct().ToDictionary(b => b, _ => (IReadOnlyList<Event>)[]);
        if (result.Count == 0) return result;
        var events = await AllEventsAsync(Within(filter, FuzzyDate.FromDate(buckets.Min(b => b.Start)), FuzzyDate.FromDate(buckets.Max(b => b.End))), ct);
        foreach (var bucket in result.Keys.ToList())
            result[bucket] = events.Where(e => timeline.Places(bucket, e)).ToList();
        return result;
    }

    /// <summary>The events of a timeline no period holds: those dated to a year only (when asked by month or quarter), then the undated.</summary>
    public async Task<IReadOnlyList<Event>> UnplacedEventsAsync(EventFilter filter, Timeline timeline, CancellationToken ct)
    {
        var unplaced = new List<Event>();
        foreach (var (year, _) in timeline.UnplacedYears)
        {
            // a year-only date starts on 1 January: the events whose dates hold that day, of that year and no more precise
            var day = new FuzzyDate(year, 1, 1);
            unplaced.AddRange((await AllEventsAsync(Within(filter, day, day), ct))
                .Where(e => e.Date is { } d && d.Year == year && Timeline.PeriodOf(d, timeline.Granularity) is null));
        }
        if (timeline.Undated > 0)
        {
            // the undated events come last in date order
            var page = await store.FindEventsAsync(filter, new PageRequest(timeline.Undated, timeline.Total - timeline.Undated), ct);
            unplaced.AddRange(page.Items.Where(e => e.Date is null));
        }
        return unplaced;
    }

    /// <summary>
    /// The filter narrowed to events that overlap [from, to] as well: a filter's From bounds an event's
    /// end and its To the event's start, so the later From and the earlier To are both conditions.
    /// </summary>
    private static EventFilter Within(EventFilter f, FuzzyDate from, FuzzyDate to) => f with
    {
        From = f.From is { } a && a.Start > from.Start ? a : from,
        To = f.To is { } b && b.End < to.End ? b : to,
    };

    /// <summary>
    /// A page of the agreements to which both sides are party (as <see cref="IGraphStore.FindAgreementsAsync"/>
    /// lists them), each with the events that concern it in date order: three store reads for the page.
    /// </summary>
    public async Task<Page<AgreementHistory>> AgreementHistoriesAsync(string between, string and, PageRequest page, CancellationToken ct)
    {
        var agreements = await store.FindAgreementsAsync(between, and, page, ct);
        var events = await ConcerningEventsAsync(agreements.Items.Select(a => a.Id).ToList(), ct);
        return new Page<AgreementHistory>(agreements.Items.Select(a => new AgreementHistory(a, events[a.Id])).ToList(), agreements.TotalCount, agreements.Offset);
    }

    /// <summary>The events that concern each agreement (CONCERNS), in date order: two store reads for all of them.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<Event>>> ConcerningEventsAsync(IReadOnlyCollection<string> agreementIds, CancellationToken ct)
    {
        var result = agreementIds.Distinct().ToDictionary(id => id, _ => (IReadOnlyList<Event>)[]);
        if (result.Count == 0) return result;
        var concerning = await store.GetRelationshipsAsync(result.Keys.ToList(), Direction.Incoming, [EdgeTypes.Concerns], ct);
        var events = (await store.GetNodesAsync(concerning.Select(r => r.Edge.Source).Distinct().ToList(), ct)).OfType<Event>().ToDictionary(e => e.Id);
        foreach (var id in result.Keys.ToList())
            result[id] = concerning.Where(r => r.Edge.Target == id && events.ContainsKey(r.Edge.Source)).Select(r => events[r.Edge.Source]).Order(Event.DateOrder).ToList();
        return result;
    }

    /// <summary>Figures about something within one side and something within the other ("Japanese companies in NRW"), by date (undated last), then id.</summary>
    public Task<IReadOnlyList<Statistic>> FiguresAsync(string between, string and, CancellationToken ct) => store.FindFiguresAsync(between, and, ct);

    /// <summary>The holders of an office by the dates of their evidence, earliest first.</summary>
    public async Task<IReadOnlyList<OfficeTerm>> HoldersAsync(Office office, CancellationToken ct) =>
        Holders(office, await store.GetNeighboursAsync([office.Id], Direction.Incoming, [EdgeTypes.Holds], withEvidence: true, ct));

    /// <summary>The terms of an office's holders from what <see cref="HoldersAsync"/> reads: its incoming HOLDS, with their quotes and dates, and the people at their ends.</summary>
    public static IReadOnlyList<OfficeTerm> Holders(Office office, Neighbourhood holds) =>
        Terms(holds.Relationships, holds.Nodes.Values.OfType<Person>().ToDictionary(p => p.Id), new Dictionary<string, Office> { [office.Id] = office });

    /// <summary>The offices people held, by the dates of their evidence.</summary>
    public async Task<IReadOnlyList<OfficeTerm>> TermsOfPeopleAsync(IReadOnlyCollection<Person> people, CancellationToken ct)
    {
        if (people.Count == 0) return [];
        var (holds, nodes) = await store.GetNeighboursAsync(people.Select(p => p.Id).ToList(), Direction.Outgoing, [EdgeTypes.Holds], withEvidence: true, ct);
        return Terms(holds, people.ToDictionary(p => p.Id), nodes.Values.OfType<Office>().ToDictionary(o => o.Id));
    }

    private static List<OfficeTerm> Terms(IEnumerable<Relationship> holds, IReadOnlyDictionary<string, Person> people, IReadOnlyDictionary<string, Office> offices) =>
        holds.Where(r => people.ContainsKey(r.Edge.Source) && offices.ContainsKey(r.Edge.Target))
            .Select(r => new OfficeTerm(people[r.Edge.Source], offices[r.Edge.Target],
                r.Dates.Count > 0 ? r.Dates.Min() : null, r.Dates.Count > 0 ? r.Dates.Max() : null, r.Evidence, r.Edge.Title))
            .OrderBy(t => t.From is null).ThenBy(t => t.From).ThenBy(t => t.Person.Id, StringComparer.Ordinal).ThenBy(t => t.Office.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The nodes within <see cref="SubgraphRequest.Depth"/> steps of the seeds (either direction), one
    /// store read per step. Events dated outside the window are left out and not walked through.
    /// </summary>
    public async Task<Subgraph> SubgraphAsync(SubgraphRequest request, CancellationToken ct)
    {
        var nodes = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        foreach (var n in await store.GetNodesAsync(request.Seeds.Distinct().ToList(), ct))
            if (InWindow(n, request)) nodes[n.Id] = n;
        var frontier = nodes.Keys.ToList();
        var truncated = nodes.Count > request.MaxNodes;
        for (var step = 0; step < request.Depth && frontier.Count > 0 && !truncated; step++)
        {
            var rels = await store.GetRelationshipsAsync(frontier, Direction.Both, request.RelationTypes, ct);
            var newIds = rels.SelectMany(r => new[] { r.Edge.Source, r.Edge.Target }).Where(id => !nodes.ContainsKey(id)).Distinct().Order(StringComparer.Ordinal).ToList();
            frontier = [];
            foreach (var n in await store.GetNodesAsync(newIds, ct))
            {
                if (!InWindow(n, request)) continue;
                if (nodes.Count >= request.MaxNodes) { truncated = true; break; }
                nodes[n.Id] = n;
                frontier.Add(n.Id);
            }
        }
        var ids = nodes.Keys.ToList();
        var relationships = (await store.GetRelationshipsAsync(ids, Direction.Outgoing, request.RelationTypes, ct))
            .Where(r => nodes.ContainsKey(r.Edge.Target))
            .DistinctBy(r => r.Edge.Id).OrderBy(r => r.Edge.Id, StringComparer.Ordinal).ToList();
        var evidence = await store.GetEvidenceAsync(ids, ct);
        return new Subgraph(nodes.Values.OrderBy(n => n.Id, StringComparer.Ordinal).ToList(), relationships, evidence, truncated);
    }

    private static bool InWindow(GraphNode n, SubgraphRequest r) => n is not Event e || e.InPeriod(r.From, r.To);

    private Task<List<Event>> AllEventsAsync(EventFilter filter, CancellationToken ct) =>
        AllPagesAsync(page => store.FindEventsAsync(filter, page, ct));

    /// <summary>Every item of a paged store list, <see cref="Batch"/> at a time, up to <see cref="MaxEvents"/>.</summary>
    private static async Task<List<T>> AllPagesAsync<T>(Func<PageRequest, Task<Page<T>>> read)
    {
        var all = new List<T>();
        while (true)
        {
            var page = await read(new PageRequest(Batch, all.Count));
            all.AddRange(page.Items);
            if (!page.HasNextPage || page.Items.Count == 0 || all.Count >= MaxEvents) return all;
        }
    }
}
