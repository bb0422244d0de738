using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Tests.Shared;

namespace RelationsGraph.Api.Tests;

/// <summary>
/// <c>relations</c> over HTTP: its counts come from the store's summary and each list is read only by
/// the field that shows it (a query for the counts reads no event); the connections page the lists
/// in the order of the whole lists. On the embedded store and on a real Neo4j.
/// </summary>
public abstract class RelationSummary(RelationSummary.ILoggedApi api)
{
    /// <summary>An API whose store logs the calls made of it.</summary>
    public interface ILoggedApi
    {
        StoreCallLog Store { get; }
        Task<(System.Net.HttpStatusCode Status, JsonObject Body)> PostAsync(string query, object? variables = null, string? key = null);
    }

    private async Task<(JsonNode Data, List<string> Calls)> QueryAsync(string query, object? variables = null)
    {
        await api.PostAsync("{ graphStats { documents } }"); // seeds ingested
        var before = api.Store.Calls.Count;
        var (_, body) = await api.PostAsync(query, variables);
        Assert.Null(body["errors"]);
        return (body["data"]!, api.Store.Calls.Skip(before).ToList());
    }

    [Fact]
    public async Task Counts_and_contacts_read_the_store_summary_and_no_event_list()
    {
        var (data, calls) = await QueryAsync("""
            { relations(between: "NRW", and: "Japan") { firstContact { date } lastContact { date } eventCount eventsByType { type count } } }
            """);
        var r = data["relations"]!;
        Assert.Equal(("2019-09", "2020-09-04", 3), (r["firstContact"]!["date"].Str(), r["lastContact"]!["date"].Str(), r["eventCount"]!.GetValue<int>()));
        Assert.Equal(["VISIT:1", "RECEPTION:1", "DELEGATION:1"], r["eventsByType"]!.AsArray().Select(t => $"{t!["type"].Str()}:{t["count"]!.GetValue<int>()}"));
        // two refs resolved, one summary of the events only
        Assert.Equal(["Resolve", "Resolve", "TallyRelation(Events)"], calls);
    }

    [Fact]
    public async Task A_field_list_is_read_only_when_selected_and_the_counts_match_it()
    {
        var (data, calls) = await QueryAsync("""
            { relations(between: "NRW", and: "Fukushima") { agreementCount officialCount agreements { agreement { id } } officials { person { id } } } }
            """);
        var r = data["relations"]!;
        Assert.Equal(r["agreements"]!.AsArray().Count, r["agreementCount"]!.GetValue<int>());
        Assert.Equal(r["officials"]!.AsArray().Count, r["officialCount"]!.GetValue<int>());
        Assert.Equal(2, r["agreementCount"]!.GetValue<int>());
        Assert.Equal("person:masao-uchibori", Assert.Single(r["officials"]!.AsArray())!["person"]!["id"].Str());
        Assert.Contains("TallyRelation(Agreements, Officials)", calls);
        Assert.DoesNotContain(calls, c => c.StartsWith("FindEvents", StringComparison.Ordinal) || c.StartsWith("TallyEvents", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Events_page_the_relation_as_cooperationEvents_lists_it()
    {
        const string page = """
            query($after: String) { relations(between: "NRW", and: "Japan") { events(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }
              cooperationEvents(between: "NRW", and: "Japan") { nodes { id } } }
            """;
        var (first, _) = await QueryAsync(page);
        var events = first["relations"]!["events"]!;
        Assert.Equal(3, events["totalCount"]!.GetValue<int>());
        Assert.True(events["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var (second, _) = await QueryAsync(page, new { after = events["pageInfo"]!["endCursor"].Str() });
        var rest = second["relations"]!["events"]!;
        Assert.False(rest["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal(first["cooperationEvents"]!["nodes"]!.AsArray().Select(n => n!["id"].Str()),
            events["nodes"]!.AsArray().Concat(rest["nodes"]!.AsArray()).Select(n => n!["id"].Str()));
    }

    [Fact]
    public async Task Officials_and_agreements_connections_page_the_whole_lists_in_their_order()
    {
        var (whole, _) = await QueryAsync("""
            { relations(between: "NRW", and: "Japan") { officials { person { id } events { date } offices { office { title } } } agreements { agreement { id } events { id } } } }
            """);
        var officials = new List<JsonNode>();
        var agreements = new List<JsonNode>();
        string? afterOfficial = null, afterAgreement = null;
        for (var more = (Officials: true, Agreements: true); more.Officials || more.Agreements;)
        {
            var (data, _) = await QueryAsync("""
                query($o: String, $a: String) { relations(between: "NRW", and: "Japan") {
                  officialCount agreementCount
                  officialsConnection(first: 1, after: $o) { totalCount pageInfo { hasNextPage endCursor } nodes { person { id } events { date } offices { office { title } } } }
                  agreementsConnection(first: 1, after: $a) { totalCount pageInfo { hasNextPage endCursor } nodes { agreement { id } events { id } } } } }
                """, new { o = afterOfficial, a = afterAgreement });
            var r = data["relations"]!;
            Assert.Equal(r["officialCount"]!.GetValue<int>(), r["officialsConnection"]!["totalCount"]!.GetValue<int>());
            Assert.Equal(r["agreementCount"]!.GetValue<int>(), r["agreementsConnection"]!["totalCount"]!.GetValue<int>());
            if (more.Officials) officials.AddRange(r["officialsConnection"]!["nodes"]!.AsArray().Select(n => n!.DeepClone()));
            if (more.Agreements) agreements.AddRange(r["agreementsConnection"]!["nodes"]!.AsArray().Select(n => n!.DeepClone()));
            more = (more.Officials && r["officialsConnection"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>(), more.Agreements && r["agreementsConnection"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
            afterOfficial = r["officialsConnection"]!["pageInfo"]!["endCursor"]?.GetValue<string>() ?? afterOfficial;
            afterAgreement = r["agreementsConnection"]!["pageInfo"]!["endCursor"]?.GetValue<string>() ?? afterAgreement;
        }
        Assert.Equal(whole["relations"]!["officials"]!.ToJsonString(), new JsonArray([.. officials]).ToJsonString());
        Assert.Equal(whole["relations"]!["agreements"]!.ToJsonString(), new JsonArray([.. agreements]).ToJsonString());
        // by first event: the delegation of 2019-09, the governor's visit of 2019-10, the reception of 2020-09-04
        Assert.Equal(3, officials.Count);
        Assert.Equal(["2019-10"], officials.Single(o => o["person"]!["id"].Str() == "person:masao-uchibori")["events"]!.AsArray().Select(e => e!["date"].Str()));
        Assert.All(officials, o => Assert.NotEmpty(o["offices"]!.AsArray()));
    }

    [Fact]
    public async Task Counts_selected_in_fragments_and_under_aliases_are_counted()
    {
        var (data, calls) = await QueryAsync("""
            query { r: relations(between: "NRW", and: "Japan") { ...counts ... on Relation { n: officialCount } } }
            fragment counts on Relation { total: eventCount lastContact { date } agreementCount }
            """);
        var r = data["r"]!;
        Assert.Equal((3, "2020-09-04", 2, 3), (r["total"]!.GetValue<int>(), r["lastContact"]!["date"].Str(), r["agreementCount"]!.GetValue<int>(), r["n"]!.GetValue<int>()));
        Assert.Single(calls, c => c.StartsWith("TallyRelation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_page_size_out_of_bounds_is_a_coded_error()
    {
        await api.PostAsync("{ graphStats { documents } }");
        var (_, body) = await api.PostAsync("""{ relations(between: "NRW", and: "Japan") { officialsConnection(first: 1000) { totalCount } } }""");
        Assert.Equal("BAD_PAGE_SIZE", body["errors"]![0]!["extensions"]!["code"].Str());
    }

    /// <summary>Logs each store read by name (and the parts of a summary).</summary>
    public sealed class StoreCallLog(IGraphStore inner) : DelegatingGraphStore(inner)
    {
        public ConcurrentQueue<string> Calls { get; } = new();

        public override Task<IReadOnlyList<GraphNode>> ResolveAsync(string reference, CancellationToken cancellationToken) => Log("Resolve", base.ResolveAsync(reference, cancellationToken));
        public override Task<IReadOnlyList<GraphNode>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => Log("GetNodes", base.GetNodesAsync(ids, cancellationToken));
        public override Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(IReadOnlyCollection<string> nodeIds, Direction direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken) =>
            Log("GetRelationships", base.GetRelationshipsAsync(nodeIds, direction, types, cancellationToken));
        public override Task<IReadOnlyDictionary<string, IReadOnlyList<EvidenceSpan>>> GetEvidenceAsync(IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken) =>
            Log("GetEvidence", base.GetEvidenceAsync(nodeIds, cancellationToken));
        public override Task<Page<Event>> FindEventsAsync(EventFilter filter, PageRequest page, CancellationToken cancellationToken) => Log("FindEvents", base.FindEventsAsync(filter, page, cancellationToken));
        public override Task<IReadOnlyList<EventTally>> TallyEventsAsync(EventFilter filter, CancellationToken cancellationToken) => Log("TallyEvents", base.TallyEventsAsync(filter, cancellationToken));
        public override Task<Page<Agreement>> FindAgreementsAsync(string party, string? counterparty, PageRequest page, CancellationToken cancellationToken) =>
            Log("FindAgreements", base.FindAgreementsAsync(party, counterparty, page, cancellationToken));
        public override Task<RelationTally> TallyRelationAsync(string between, string and, RelationParts parts, CancellationToken cancellationToken) =>
            Log($"TallyRelation({parts})", base.TallyRelationAsync(between, and, parts, cancellationToken));
        public override Task<Page<RelationParticipant>> FindParticipantsAsync(string between, string and, PageRequest page, CancellationToken cancellationToken) =>
            Log("FindParticipants", base.FindParticipantsAsync(between, and, page, cancellationToken));

        private Task<T> Log<T>(string call, Task<T> task)
        {
            Calls.Enqueue(call);
            return task;
        }
    }

    public sealed class EmbeddedLoggedApi() : EmbeddedWrappedStoreApi<StoreCallLog>(store => new StoreCallLog(store)), ILoggedApi;
}

public sealed class EmbeddedRelationSummaryTests(RelationSummary.EmbeddedLoggedApi api) : RelationSummary(api), IClassFixture<RelationSummary.EmbeddedLoggedApi>;

/// <summary>The same on a real Neo4j, where the summary is counted in Cypher.</summary>
public sealed class Neo4jRelationSummaryTests(Neo4jRelationSummaryTests.Neo4jLoggedApi api) : RelationSummary(api), IClassFixture<Neo4jRelationSummaryTests.Neo4jLoggedApi>
{
    public sealed class Neo4jLoggedApi() : Neo4jWrappedStoreApi<RelationSummary.StoreCallLog>(store => new RelationSummary.StoreCallLog(store)), RelationSummary.ILoggedApi;
}
