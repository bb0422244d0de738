using RelationsGraph.Model;

namespace RelationsGraph.Stores.Neo4j;

/// <summary>
/// The roll-up kept at write time, Neo4j's twin of the embedded store's <c>ReachIndex</c>: every
/// event and agreement has a <c>COUNTS_FOR</c> relationship to each actor it counts for, so that the
/// events between two actors are one side's <c>COUNTS_FOR</c> probed against the other's, and no query
/// walks PART_OF.
/// </summary>
/// <remarks>
/// What an item counts for: an event, what it INVOLVES, is AT and its PARTICIPANTs, the jurisdictions
/// (OF) of the offices those participants HOLD, and everything any of these is PART_OF or BASED_IN, at
/// any depth; an agreement, its PARTYs and everything above them (<c>InMemoryGraph.Reach</c>, <c>Upward</c>).
/// <para>
/// Kept exact in the transaction of every write and retraction. The statements that create or delete
/// a relationship (the first document to state it, the last to retract it; one more or one fewer
/// document stating a known relationship changes nothing) mark with <see cref="Dirty"/> the items
/// whose roll-up may change, and <see cref="Recompute"/>, the last statement of each document, replaces
/// the roll-up of exactly those (a created relationship that only adds reach adds it directly instead, see <see cref="Grow"/>):
/// </para>
/// <list type="bullet">
/// <item>INVOLVES, AT, PARTICIPANT or PARTY from an item: that item;</item>
/// <item>HOLDS, BASED_IN or PART_OF from a node x: the items that counted for x before (an item's
/// roll-up is closed upward and holds its participants, so only those can reach further or less far);</item>
/// <item>OF from an office: the items that counted for a holder of the office.</item>
/// </list>
/// A later document that adds a PART_OF above a place, or a new office to a person, so recomputes
/// the items below it; an event's date or type is no part of its roll-up and recomputes nothing.
/// </remarks>
internal static class Neo4jRollUp
{
    /// <summary>The label that marks an item whose roll-up is recomputed at the end of the document's statements.</summary>
    public const string Dirty = "RollUpDirty";

    /// <summary>The label of the items a migration has yet to roll up.</summary>
    public const string Pending = "RollUpPending";

    /// <summary>The schema version this code writes: 2 has COUNTS_FOR, 3 the name index (Name, NAMES), 4 keeps each mention's quotes on its MENTIONS (<see cref="Neo4jMigration"/>).</summary>
    public const int SchemaVersion = 4;

    /// <summary>Relationship types from an item to what it counts for directly.</summary>
    public static readonly string[] ItemTypes = [EdgeTypes.Involves, EdgeTypes.At, EdgeTypes.Participant, EdgeTypes.Party];

    /// <summary>Relationship types whose change moves the roll-up of the items counting for their start node.</summary>
    public static readonly string[] UpwardTypes = [EdgeTypes.Holds, EdgeTypes.BasedIn, EdgeTypes.PartOf];

    /// <summary>Every type whose creation or deletion can change a roll-up.</summary>
    public static readonly string[] Types = [.. ItemTypes, .. UpwardTypes, EdgeTypes.Of];

    /// <summary>
    /// Appended to a statement that has bound <c>a</c> (the start node of a relationship just created
    /// or deleted) and <c>t</c> (its type): marks the items whose roll-up that may change.
    /// </summary>
    public static string Mark => $"""
        WITH DISTINCT a, t
        FOREACH (_ IN CASE WHEN t IN ['INVOLVES', 'AT', 'PARTICIPANT', 'PARTY'] AND (a:Event OR a:Agreement) THEN [1] ELSE [] END | SET a:{Dirty})
        // a bound null matches nothing: only the types named expand anything
        WITH a, t, CASE WHEN t IN ['HOLDS', 'BASED_IN', 'PART_OF'] THEN a END AS below
        OPTIONAL MATCH (i)-[:COUNTS_FOR]->(below)
        FOREACH (_ IN CASE WHEN i IS NULL THEN [] ELSE [1] END | SET i:{Dirty})
        WITH DISTINCT a, t
        WITH a, CASE WHEN t = 'OF' THEN a END AS office
        OPTIONAL MATCH (j)-[:COUNTS_FOR]->()-[:HOLDS]->(office)
        FOREACH (_ IN CASE WHEN j IS NULL THEN [] ELSE [1] END | SET j:{Dirty})
        """;

    /// <summary>
    /// Appended to a statement that has bound <c>a</c>, <c>b</c> (the start and end of a relationship
    /// just created: no other document stated it) and <c>t</c> (its type): grows the roll-up where it
    /// grows, without recomputing whole items. A new relationship only adds to what items reach, so
    /// adding exactly the new reach is exact for every item whose roll-up was exact (an item whose
    /// roll-up is not is marked and recomputed anyway):
    /// <list type="bullet">
    /// <item>INVOLVES, AT, PARTICIPANT or PARTY from an item: that item is marked (recomputed at the end);</item>
    /// <item>PART_OF or BASED_IN from x to y: every item that counts for x now counts for y and everything above y;</item>
    /// <item>HOLDS from p to an office: every event p takes part in now counts for the office's jurisdictions and above;</item>
    /// <item>OF from an office to j: every event a holder of the office takes part in now counts for j and above.</item>
    /// </list>
    /// Before, a created HOLDS or PART_OF recomputed every item that counted for its start node: a
    /// person's every event each time a release gave them an office they had not held before.
    /// </summary>
    public static string Grow => $"""
        WITH DISTINCT a, b, t
        FOREACH (_ IN CASE WHEN t IN ['INVOLVES', 'AT', 'PARTICIPANT', 'PARTY'] AND (a:Event OR a:Agreement) THEN [1] ELSE [] END | SET a:{Dirty})
        // a bound null matches nothing: each part expands only for its types
        WITH a, b, t, CASE WHEN t IN ['PART_OF', 'BASED_IN'] THEN a END AS below, CASE WHEN t IN ['PART_OF', 'BASED_IN'] THEN b END AS above
        OPTIONAL MATCH (i)-[:COUNTS_FOR]->(below)
        WITH a, b, t, above, collect(DISTINCT i) AS items
        OPTIONAL MATCH (above)-[:PART_OF|BASED_IN*0..]->(z)
        {AddReach}
        WITH a, b, t, CASE WHEN t = 'HOLDS' THEN a END AS holder, CASE WHEN t = 'HOLDS' THEN b END AS office
        OPTIONAL MATCH (i:Event)-[:PARTICIPANT]->(holder)
        WITH a, b, t, office, collect(DISTINCT i) AS items
        OPTIONAL MATCH (office)-[:OF]->()-[:PART_OF|BASED_IN*0..]->(z)
        {AddReach}
        WITH a, b, t, CASE WHEN t = 'OF' THEN a END AS office, CASE WHEN t = 'OF' THEN b END AS jurisdiction
        OPTIONAL MATCH (i:Event)-[:PARTICIPANT]->()-[:HOLDS]->(office)
        WITH a, b, t, jurisdiction, collect(DISTINCT i) AS items
        OPTIONAL MATCH (jurisdiction)-[:PART_OF|BASED_IN*0..]->(z)
        {AddReach}
        RETURN count(*)
        """;

    /// <summary>
    /// A part of <see cref="Grow"/> after <c>items</c> and the rows of <c>z</c> are bound: each item gets
    /// a COUNTS_FOR to each z it lacks, read from the item's own few COUNTS_FOR (not probed at the
    /// actor's many). One row per relationship comes out, as went in. (The item's COUNTS_FOR are read
    /// in a WITH: Neo4j 3.1 on Java 17 cannot run a pattern comprehension inside FOREACH.)
    /// </summary>
    private const string AddReach = """
        WITH a, b, t, items, collect(DISTINCT z) AS reach
        UNWIND (CASE WHEN size(items) = 0 OR size(reach) = 0 THEN [null] ELSE items END) AS i
        WITH a, b, t, i, reach, CASE WHEN i IS NULL THEN [] ELSE coalesce([(i)-[:COUNTS_FOR]->(c) | c], []) END AS has
        FOREACH (z IN CASE WHEN i IS NULL THEN [] ELSE reach END | FOREACH (_ IN CASE WHEN z IN has THEN [] ELSE [1] END | CREATE (i)-[:COUNTS_FOR]->(z)))
        WITH DISTINCT a, b, t
        """;

    /// <summary>Replaces the roll-up of every marked item (and unmarks it); returns how many items.</summary>
    public static string Recompute => $"""
        MATCH (i:{Dirty})
        REMOVE i:{Dirty}
        WITH i
        OPTIONAL MATCH (i)-[c:COUNTS_FOR]->()
        DELETE c
        WITH DISTINCT i
        OPTIONAL MATCH (i)-[r:INVOLVES|AT|PARTICIPANT|PARTY]->(d)
          WHERE (i:Agreement AND type(r) = 'PARTY') OR (i:Event AND type(r) <> 'PARTY')
        WITH i, collect(d) AS direct
        OPTIONAL MATCH (i:Event)-[:PARTICIPANT]->()-[:HOLDS]->()-[:OF]->(j)
        WITH i, direct + collect(j) AS direct
        UNWIND (CASE WHEN size(direct) = 0 THEN [null] ELSE direct END) AS d
        OPTIONAL MATCH (d)-[:PART_OF|BASED_IN*0..]->(z)
        WITH DISTINCT i, z
        FOREACH (_ IN CASE WHEN z IS NULL THEN [] ELSE [1] END | CREATE (i)-[:COUNTS_FOR]->(z))
        RETURN count(DISTINCT i)
        """;

    /// <summary>
    /// Binds <c>item</c> to each item (of <paramref name="label"/>) that counts for <c>$actor</c> and,
    /// when <paramref name="twoSided"/>, also for <c>$counterpart</c>, and passes <paramref name="where"/>.
    /// Starts from the side with fewer COUNTS_FOR (a degree Neo4j keeps per node) and checks each of its
    /// items against the other side (Expand(Into) from the item: a handful of relationships).
    /// </summary>
    public static string ItemsFor(string label, bool twoSided, string where) => twoSided
        ? $"""
          MATCH (a:Entity {"{"}id: $actor{"}"})
          MATCH (b:Entity {"{"}id: $counterpart{"}"})
          WITH CASE WHEN size((a)<-[:COUNTS_FOR]-()) <= size((b)<-[:COUNTS_FOR]-()) THEN [a, b] ELSE [b, a] END AS sides
          WITH sides[0] AS small, sides[1] AS large
          MATCH (small)<-[:COUNTS_FOR]-(item:{label})
          WHERE (item)-[:COUNTS_FOR]->(large) AND {where}
          """
        : $"""
          MATCH (:Entity {"{"}id: $actor{"}"})<-[:COUNTS_FOR]-(item:{label})
          WHERE {where}
          """;
}
