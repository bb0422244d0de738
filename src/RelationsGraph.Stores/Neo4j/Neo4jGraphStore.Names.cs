using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Text;

namespace RelationsGraph.Stores.Neo4j;

/// <summary>
/// The name index: a <c>(:Name {key})-[:NAMES]->(:Entity)</c> for every folded name in an entity's
/// <c>names</c>, so that a lookup by name is an index seek on <c>Name.key</c> (Neo4j 3.1 cannot index
/// the elements of a list, and <c>$folded IN n.names</c> scans every entity). Kept in the transaction
/// of every write and retraction: a write adds the names an entity did not have, a retraction drops
/// the names no remaining version gives and the Name nodes nothing is named by any more, so a
/// retracted document leaves the index as if it had never been written.
/// </summary>
public sealed partial class Neo4jGraphStore
{
    /// <summary>The label of the entities a migration has yet to index by name.</summary>
    internal const string NamesPending = "NamesPending";

    /// <summary>
    /// Appended to a write that has bound <c>x</c> (the entity), <c>newNames</c> (the names it did not
    /// have before this write) and <c>indexed</c> (<see cref="IndexedNames"/>, read before): indexes those.
    /// </summary>
    private const string IndexNewNames = "FOREACH (key IN [k IN newNames WHERE NOT k IN indexed] | MERGE (nm:Name {key: key}) CREATE (nm)-[:NAMES]->(x))";

    /// <summary>
    /// The names <c>x</c> is indexed by, read from its side in a WITH (its NAMES are few, and Neo4j 3.1
    /// on Java 17 cannot run a pattern comprehension inside FOREACH); a name is indexed once even when
    /// two rows of one statement add it. (Neo4j 3.1 gives null, not an empty list, while no NAMES exists at all.)
    /// </summary>
    private const string IndexedNames = "coalesce([(x)<-[:NAMES]-(m) | m.key], []) AS indexed";

    /// <summary>
    /// Appended to a retraction that has bound <c>x</c> (a node one of whose versions was just
    /// deleted) and <c>remaining</c> (how many versions are left), before <c>x</c> may be deleted:
    /// drops the NAMES of the names <c>x</c> no longer has (all of them when nothing mentions it any
    /// more) and binds <c>dropped</c> to their Name nodes.
    /// </summary>
    private const string DropStaleNames = """
        OPTIONAL MATCH (x)<-[k:NAMES]-(nm:Name) WHERE remaining = 0 OR NOT nm.key IN x.names
        DELETE k
        WITH x, remaining, collect(nm) AS dropped
        """;

    /// <summary>
    /// Ends a retraction that has bound <c>dropped</c> per row (after every row's NAMES were deleted:
    /// the aggregation before it waits for all rows): deletes the Name nodes that name nothing now.
    /// </summary>
    private const string DeleteOrphanNames = """
        WITH reduce(acc = [], d IN collect(dropped) | acc + d) AS dropped
        UNWIND dropped AS nm
        WITH DISTINCT nm WHERE size((nm)-[:NAMES]->()) = 0
        DELETE nm
        """;

    public async Task<IReadOnlyList<GraphNode>> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        var r = reference.Trim();
        if (r.Length == 0) return [];
        // The exact id first (an entity or a document), else the entities known by that name: an index
        // seek on Name.key either way, so one statement.
        var p = new { forms = new[] { r, r.ToUpperInvariant(), r.ToLowerInvariant() }, folded = TextFold.Fold(r) };
        var rows = await neo4j.RunAsync(new Cypher($"""
            OPTIONAL MATCH (x:Entity) WHERE x.id IN $forms
            WITH collect(x.id) AS entities
            OPTIONAL MATCH (d:Document) WHERE d.id IN $forms
            WITH entities + collect(d.id) AS exact
            OPTIONAL MATCH (:Name {"{"}key: $folded{"}"})-[:NAMES]->(n:Entity)
            WITH exact, collect(n.id) AS named
            WITH CASE WHEN size(exact) > 0 THEN exact[0..1] ELSE named END AS ids
            {NodesOfIds}
            """, p), cancellationToken);
        return ReadNodes(rows).OrderBy(n => n.Id, StringComparer.Ordinal).ToList();
    }
}
