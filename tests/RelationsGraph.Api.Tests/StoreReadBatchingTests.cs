using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Tests.Shared;

namespace RelationsGraph.Api.Tests;

/// <summary>
/// The store reads behind a page of events do not grow with the page (no N+1): each field of the
/// events (place, participants with their offices, quotes, documents) is read for the whole page at
/// once. On Neo4j every read is a round trip, so this is what keeps a page of 100 events fast.
/// </summary>
public abstract class StoreReadBatching(StoreReadBatching.ICounting api)
{
    /// <summary>An API whose store counts the reads made of it.</summary>
    public interface ICounting
    {
        ReadCounter Store { get; }
        Task<(System.Net.HttpStatusCode Status, System.Text.Json.Nodes.JsonObject Body)> PostAsync(string query, object? variables = null, string? key = null);
    }

    private const string Page = """
        query($first: Int!) { cooperationEvents(between: "NRW", and: "Japan", types: [VISIT, RECEPTION], first: $first) {
          totalCount
          nodes { id date place { name partOf { name } } involves { name } agreements { name }
                  participants { role entity { name } offices { office { name } from to } evidence { quote } }
                  evidence { quote document { title } } } } }
        """;

    [Fact]
    public async Task A_page_of_two_events_takes_as_many_store_reads_as_a_page_of_one()
    {
        // the seed's visit and reception: both with people in office, a place and quotes
        var one = await ReadsFor(1);
        var two = await ReadsFor(2);
        Assert.Equal(2, two.Events);
        Assert.Equal(one.Reads, two.Reads);
    }

    [Fact]
    public async Task Batched_fields_answer_as_the_events_state_them()
    {
        var (_, body) = await api.PostAsync(Page, new { first = 2 });
        var nodes = body["data"]!["cooperationEvents"]!["nodes"]!.AsArray();
        Assert.All(nodes, n => Assert.NotEmpty(n!["evidence"]!.AsArray()));
        Assert.All(nodes, n => Assert.NotEmpty(n!["participants"]!.AsArray()));
        // every quote of an event names its document, and each participant's quote is its own
        Assert.All(nodes.SelectMany(n => n!["evidence"]!.AsArray()), e => Assert.False(string.IsNullOrEmpty(e!["document"]!["title"]!.GetValue<string>())));
        var quotesPerEvent = nodes.Select(n => string.Join("|", n!["evidence"]!.AsArray().Select(e => e!["quote"]!.GetValue<string>()))).ToList();
        Assert.Equal(quotesPerEvent.Count, quotesPerEvent.Distinct().Count());
    }

    [Fact]
    public async Task A_timeline_reads_the_events_of_all_its_periods_at_once_and_counts_without_them()
    {
        const string timeline = """
            query($g: Granularity!) { timeline(actor: "NRW", counterpart: "Japan", granularity: $g) { total buckets { period count events { id } } } }
            """;
        await api.PostAsync("{ graphStats { documents } }"); // seeds ingested
        async Task<(int Buckets, int Reads)> ReadsBy(string granularity)
        {
            var before = api.Store.Reads;
            var (_, body) = await api.PostAsync(timeline, new { g = granularity });
            Assert.Null(body["errors"]);
            var buckets = body["data"]!["timeline"]!["buckets"]!.AsArray();
            // each period lists as many events as it counts
            Assert.All(buckets, b => Assert.Equal(b!["count"]!.GetValue<int>(), b["events"]!.AsArray().Count));
            return (buckets.Count, api.Store.Reads - before);
        }
        var byYear = await ReadsBy("YEAR");
        var byMonth = await ReadsBy("MONTH");
        Assert.True(byMonth.Buckets > byYear.Buckets);
        Assert.Equal(byYear.Reads, byMonth.Reads);
    }

    [Fact]
    public async Task A_page_that_shows_no_offices_or_quotes_of_its_participants_reads_neither()
    {
        const string lean = """
            { cooperationEvents(between: "NRW", and: "Japan", first: 20) { nodes { id place { name } participants { entity { name } role } } } }
            """;
        const string full = """
            { cooperationEvents(between: "NRW", and: "Japan", first: 20) { nodes { id place { name } participants { entity { name } role offices { title } evidence { quote } } } } }
            """;
        await api.PostAsync("{ graphStats { documents } }"); // seeds ingested
        var before = api.Store.Relationships.Count;
        var (_, leanBody) = await api.PostAsync(lean);
        var leanReads = api.Store.Relationships.Skip(before).ToList();
        Assert.Null(leanBody["errors"]);
        // no offices (HOLDS) and no quotes were read
        Assert.DoesNotContain(leanReads, r => r.Types.Contains(EdgeTypes.Holds));
        Assert.DoesNotContain(leanReads, r => r.WithEvidence);

        before = api.Store.Relationships.Count;
        var (_, fullBody) = await api.PostAsync(full);
        Assert.Null(fullBody["errors"]);
        Assert.Contains(api.Store.Relationships.Skip(before), r => r.Types.Contains(EdgeTypes.Holds) && r.WithEvidence);
        // the same events, places and participants either way
        static string Shown(System.Text.Json.Nodes.JsonObject body) => string.Join("\n", body["data"]!["cooperationEvents"]!["nodes"]!.AsArray().Select(n =>
            $"{n!["id"]} {n["place"]?["name"]}: " + string.Join(", ", n["participants"]!.AsArray().Select(p => $"{p!["entity"]!["name"]} ({p["role"]})"))));
        var shown = Shown(leanBody);
        Assert.Contains("(", shown);
        Assert.Equal(Shown(fullBody), shown);
        Assert.Contains(fullBody["data"]!["cooperationEvents"]!["nodes"]!.AsArray(), n => n!["participants"]!.AsArray().Any(p => p!["offices"]!.AsArray().Count > 0));
    }

    private async Task<(int Events, int Reads)> ReadsFor(int first)
    {
        await api.PostAsync("{ graphStats { documents } }"); // seeds ingested
        var before = api.Store.Reads;
        var (_, body) = await api.PostAsync(Page, new { first });
        Assert.Null(body["errors"]);
        return (body["data"]!["cooperationEvents"]!["nodes"]!.AsArray().Count, api.Store.Reads - before);
    }

    public sealed class CountingApi() : EmbeddedWrappedStoreApi<ReadCounter>(store => new ReadCounter(store)), ICounting;

    /// <summary>Counts the reads a request makes of the store.</summary>
    public sealed class ReadCounter(IGraphStore inner) : DelegatingGraphStore(inner)
    {
        private int reads;

        /// <summary>Every read of relationships: its types, and whether it asked for their quotes.</summary>
        public System.Collections.Concurrent.ConcurrentQueue<(IReadOnlyCollection<string> Types, bool WithEvidence)> Relationships { get; } = new();

        public int Reads => Volatile.Read(ref reads);

        public override Task<IReadOnlyList<GraphNode>> ResolveAsync(string reference, CancellationToken cancellationToken) => Count(base.ResolveAsync(reference, cancellationToken));
        public override Task<IReadOnlyList<GraphNode>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => Count(base.GetNodesAsync(ids, cancellationToken));
        public override Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(IReadOnlyCollection<string> nodeIds, Direction direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken)
        {
            Relationships.Enqueue((types ?? EdgeTypes.All.ToArray(), true));
            return Count(base.GetRelationshipsAsync(nodeIds, direction, types, cancellationToken));
        }
        public override Task<Neighbourhood> GetNeighboursAsync(IReadOnlyCollection<string> nodeIds, Direction direction, IReadOnlyCollection<string>? types, bool withEvidence, CancellationToken cancellationToken)
        {
            Relationships.Enqueue((types ?? EdgeTypes.All.ToArray(), withEvidence));
            return Count(base.GetNeighboursAsync(nodeIds, direction, types, withEvidence, cancellationToken));
        }
        public override Task<IReadOnlyDictionary<string, IReadOnlyList<EvidenceSpan>>> GetEvidenceAsync(IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken) =>
            Count(base.GetEvidenceAsync(nodeIds, cancellationToken));
        public override Task<Page<Event>> FindEventsAsync(EventFilter filter, PageRequest page, CancellationToken cancellationToken) => Count(base.FindEventsAsync(filter, page, cancellationToken));
        public override Task<IReadOnlyList<EventTally>> TallyEventsAsync(EventFilter filter, CancellationToken cancellationToken) => Count(base.TallyEventsAsync(filter, cancellationToken));
        public override Task<IReadOnlyList<EventTally>> TallyEventsByYearAsync(EventFilter filter, CancellationToken cancellationToken) => Count(base.TallyEventsByYearAsync(filter, cancellationToken));
        public override Task<Page<Agreement>> FindAgreementsAsync(string party, string? counterparty, PageRequest page, CancellationToken cancellationToken) =>
            Count(base.FindAgreementsAsync(party, counterparty, page, cancellationToken));

        private Task<T> Count<T>(Task<T> call)
        {
            Interlocked.Increment(ref reads);
            return call;
        }
    }
}

public sealed class StoreReadBatchingTests(StoreReadBatching.CountingApi api) : StoreReadBatching(api), IClassFixture<StoreReadBatching.CountingApi>;

/// <summary>The same on a real Neo4j, where every store read is an HTTP request.</summary>
public sealed class Neo4jStoreReadBatchingTests(Neo4jStoreReadBatchingTests.Neo4jCountingApi api) : StoreReadBatching(api), IClassFixture<Neo4jStoreReadBatchingTests.Neo4jCountingApi>
{
    public sealed class Neo4jCountingApi() : Neo4jWrappedStoreApi<StoreReadBatching.ReadCounter>(store => new StoreReadBatching.ReadCounter(store)), StoreReadBatching.ICounting;
}
