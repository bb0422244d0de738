using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Stores.Embedded;
using RelationsGraph.Tests.Shared;

namespace RelationsGraph.Api.Tests;

/// <summary>
/// The store reads behind a page of events do not grow with the page (no N+1): each field of the
/// events (place, participants with their offices, quotes, documents) is read for the whole page at
/// once. On Neo4j every read is a round trip, so this is what keeps a page of 100 events fast.
/// </summary>
public sealed class StoreReadBatchingTests(StoreReadBatchingTests.CountingApi api) : IClassFixture<StoreReadBatchingTests.CountingApi>
{
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

    private async Task<(int Events, int Reads)> ReadsFor(int first)
    {
        await api.PostAsync("{ graphStats { documents } }"); // seeds ingested
        var before = api.Store.Reads;
        var (_, body) = await api.PostAsync(Page, new { first });
        Assert.Null(body["errors"]);
        return (body["data"]!["cooperationEvents"]!["nodes"]!.AsArray().Count, api.Store.Reads - before);
    }

    public sealed class CountingApi : ApiFactory
    {
        public ReadCounter Store { get; private set; } = null!;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<EmbeddedGraphStore>();
                services.AddSingleton<IGraphStore>(sp => Store = new ReadCounter(sp.GetRequiredService<EmbeddedGraphStore>()));
            });
        }
    }

    /// <summary>Counts the reads a request makes of the store.</summary>
    public sealed class ReadCounter(IGraphStore inner) : DelegatingGraphStore(inner)
    {
        private int reads;

        public int Reads => Volatile.Read(ref reads);

        public override Task<IReadOnlyList<GraphNode>> ResolveAsync(string reference, CancellationToken cancellationToken) => Count(base.ResolveAsync(reference, cancellationToken));
        public override Task<IReadOnlyList<GraphNode>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => Count(base.GetNodesAsync(ids, cancellationToken));
        public override Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(IReadOnlyCollection<string> nodeIds, Direction direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken) =>
            Count(base.GetRelationshipsAsync(nodeIds, direction, types, cancellationToken));
        public override Task<IReadOnlyDictionary<string, IReadOnlyList<EvidenceSpan>>> GetEvidenceAsync(IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken) =>
            Count(base.GetEvidenceAsync(nodeIds, cancellationToken));
        public override Task<Page<Event>> FindEventsAsync(EventFilter filter, PageRequest page, CancellationToken cancellationToken) => Count(base.FindEventsAsync(filter, page, cancellationToken));

        private Task<T> Count<T>(Task<T> call)
        {
            Interlocked.Increment(ref reads);
            return call;
        }
    }
}
