using System.Text.Json.Nodes;
using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Stores.Neo4j;

/// <summary>
/// Relation summaries counted in Cypher from the roll-up (<see cref="Neo4jRollUp.ItemsFor"/>): only the
/// counts, the two contact events and the page of participants asked for cross the wire.
/// </summary>
public sealed partial class Neo4jGraphStore
{
    /// <summary>The length of an event's date key before its id: dateStart (yyyy-MM-dd) and precision (0, 1 or 2).</summary>
    private const int KeyPrefix = 11;

    /// <summary>One request with one statement per part asked for; each walks the smaller side's roll-up once.</summary>
    public async Task<RelationTally> TallyRelationAsync(string between, string and, RelationParts parts, CancellationToken cancellationToken)
    {
        var p = new { actor = between, counterpart = and };
        var statements = new List<(RelationParts Part, Cypher Statement)>();
        if (parts.HasFlag(RelationParts.Events))
            // Counted per type in one pass, without sorting: the first and last dated events are the least
            // and greatest key of dateStart (yyyy-MM-dd), precision (one digit) and id, which sorts as
            // FindEventsAsync's ORDER BY dateStart, precision, id; an undated event has no key. The two
            // are then read by id.
            statements.Add((RelationParts.Events, new Cypher($"""
                {Neo4jRollUp.ItemsFor("Event", twoSided: true, "true")}
                WITH item.dateStart + toString(item.precision) + item.id AS key, item.type AS type
                WITH type, count(*) AS n, min(key) AS lo, max(key) AS hi
                WITH collect([type, n]) AS counts, min(lo) AS lo, max(hi) AS hi
                OPTIONAL MATCH (first:Entity {"{"}id: substring(lo, {KeyPrefix}){"}"})
                OPTIONAL MATCH (last:Entity {"{"}id: substring(hi, {KeyPrefix}){"}"})
                RETURN counts, [first.id, [first.data, first.allNames], null], [last.id, [last.data, last.allNames], null]
                """, p)));
        if (parts.HasFlag(RelationParts.Agreements))
            statements.Add((RelationParts.Agreements, new Cypher($"""
                {Neo4jRollUp.ItemsFor("Agreement", twoSided: true, "true")}
                RETURN count(item)
                """, p)));
        if (parts.HasFlag(RelationParts.Officials))
            statements.Add((RelationParts.Officials, new Cypher($"""
                {Neo4jRollUp.ItemsFor("Event", twoSided: true, "true")}
                MATCH (item)-[:PARTICIPANT]->(person:Person)
                RETURN count(DISTINCT person)
                """, p)));
        if (statements.Count == 0) return RelationTally.None;

        var results = await neo4j.RunAsync(statements.Select(s => s.Statement).ToList(), cancellationToken);
        var tally = RelationTally.None;
        for (var i = 0; i < statements.Count; i++)
        {
            var row = results[i][0];
            switch (statements[i].Part)
            {
                case RelationParts.Events:
                    var counts = ((JsonArray)row[0]!).Select(c => (Type: Enum.Parse<EventType>(c![0]!.GetValue<string>()), Count: c[1]!.GetValue<int>())).ToList();
                    var byType = counts.OrderBy(c => c.Type).Select(c => new EventTypeCount(c.Type, c.Count)).ToList();
                    tally = tally with { EventCount = counts.Sum(c => c.Count), EventsByType = byType, FirstContact = ContactOf(row[1]), LastContact = ContactOf(row[2]) };
                    break;
                case RelationParts.Agreements:
                    tally = tally with { AgreementCount = row[0]!.GetValue<int>() };
                    break;
                case RelationParts.Officials:
                    tally = tally with { OfficialCount = row[0]!.GetValue<int>() };
                    break;
            }
        }
        return tally;
    }

    /// <summary>An event returned as [id, [data, allNames], null], the row shape of <see cref="ReadNodes"/>.</summary>
    private static Event? ContactOf(JsonNode? row) => row is JsonArray a ? ReadNodes([a]).OfType<Event>().SingleOrDefault() : null;

    /// <summary>
    /// The page of participants, ordered in Cypher by their first event of the relation; each with the
    /// ids of their events in the relation (not the events: a caller reads those it shows).
    /// </summary>
    public async Task<Page<RelationParticipant>> FindParticipantsAsync(string between, string and, PageRequest page, CancellationToken cancellationToken)
    {
        var rows = await neo4j.RunAsync(new Cypher($"""
            {Neo4jRollUp.ItemsFor("Event", twoSided: true, "true")}
            MATCH (item)-[:PARTICIPANT]->(person:Person)
            WITH DISTINCT person, item
            WITH person, item ORDER BY item.dateStart, item.precision, item.id
            WITH person, collect(item) AS events
            WITH person, events, events[0] AS first
            WITH person, [e IN events | e.id] AS events ORDER BY first.dateStart, first.precision, person.name, person.id
            WITH collect([person, events]) AS all
            WITH size(all) AS total, all[$skip..$end] AS page
            UNWIND (CASE WHEN size(page) = 0 THEN [null] ELSE range(0, size(page) - 1) END) AS i
            WITH total, i, CASE WHEN i IS NULL THEN null ELSE page[i] END AS x
            WITH total, i, x[0] AS person, x[1] AS events
            RETURN total, person.id, [person.data, person.allNames], events ORDER BY i
            """, new { actor = between, counterpart = and, skip = page.Offset, end = page.Offset + page.First }), cancellationToken);
        var total = rows.Count > 0 ? rows[0][0]?.GetValue<int>() ?? 0 : 0;
        var items = new List<RelationParticipant>();
        foreach (var row in rows)
        {
            if (row[1] is null) continue;
            var person = ReadNodes([new JsonArray(row[1]!.DeepClone(), row[2]?.DeepClone(), null)]).OfType<Person>().SingleOrDefault();
            if (person is null) continue;
            items.Add(new RelationParticipant(person, ((JsonArray)row[3]!).Select(x => x!.GetValue<string>()).ToList()));
        }
        return new Page<RelationParticipant>(items, total, page.Offset);
    }

    /// <summary>
    /// In one statement: the statistics ABOUT anything within the side with fewer items (the actor or
    /// what is PART_OF or BASED_IN it, up to 4 steps down), each checked upward against the other side.
    /// Only the figures found cross the wire, not the ABOUT relationships with their quotes.
    /// </summary>
    public async Task<IReadOnlyList<Statistic>> FindFiguresAsync(string between, string and, CancellationToken cancellationToken)
    {
        var rows = await neo4j.RunAsync(new Cypher("""
            MATCH (a:Entity {id: $actor})
            MATCH (b:Entity {id: $counterpart})
            WITH CASE WHEN size((a)<-[:COUNTS_FOR]-()) <= size((b)<-[:COUNTS_FOR]-()) THEN [a, b] ELSE [b, a] END AS sides
            WITH sides[0] AS small, sides[1] AS large
            MATCH (small)<-[:PART_OF|BASED_IN*0..4]-(:Entity)<-[:ABOUT]-(s:Statistic)
            WITH DISTINCT s, large
            WHERE (s)-[:ABOUT]->(:Entity)-[:PART_OF|BASED_IN*0..4]->(large)
            RETURN s.id, [s.data, s.allNames], null
            """, new { actor = between, counterpart = and }), cancellationToken);
        return ReadNodes(rows).OfType<Statistic>()
            .OrderBy(s => s.AsOf is null).ThenBy(s => s.AsOf).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
    }
}
