using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using DocumentNode = RelationsGraph.Model.Document;

namespace RelationsGraph.Api.Common;

internal static class Resolve
{
    public static IGraphStore Store(this IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<IGraphStore>();

    public static Loaders Loaders(this IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<Loaders>();

    /// <summary>The quotes behind a node, read for all the nodes of a result level at once.</summary>
    public static IDataLoaderResult<IReadOnlyList<EvidenceSpan>> EvidenceOf(IResolveFieldContext ctx, GraphNode node) =>
        ctx.Loaders().For("evidence", store => new BatchLoader<string, IReadOnlyList<EvidenceSpan>>(
            async (ids, ct) => await store.GetEvidenceAsync(ids, ct), [])).Load(node.Id);

    /// <summary>A node by id (null when it is gone), read for all the nodes of a result level at once.</summary>
    public static IDataLoaderResult<GraphNode?> Node(IResolveFieldContext ctx, string id) =>
        ctx.Loaders().For("node", store => new BatchLoader<string, GraphNode?>(
            async (ids, ct) => (await store.GetNodesAsync(ids, ct)).ToDictionary(n => n.Id, n => (GraphNode?)n), null)).Load(id);

    /// <summary>
    /// The nodes related to one by relationships of a type (in a direction), by name, read for all the
    /// nodes of a result level at once, in one store read.
    /// </summary>
    public static IDataLoaderResult<IReadOnlyList<GraphNode>> Related(IResolveFieldContext ctx, string id, string type, Direction direction) =>
        ctx.Loaders().For(("related", type, direction), store => new BatchLoader<string, IReadOnlyList<GraphNode>>(async (ids, ct) =>
        {
            // the nodes alone: no quotes of the relationships
            var (rels, nodes) = await store.GetNeighboursAsync(ids, direction, [type], withEvidence: false, ct);
            var related = ids.Distinct().ToDictionary(i => i, _ => new HashSet<string>(StringComparer.Ordinal));
            foreach (var r in rels)
            {
                if (direction != Direction.Incoming && related.TryGetValue(r.Edge.Source, out var fromSource)) fromSource.Add(r.Edge.Target);
                if (direction != Direction.Outgoing && related.TryGetValue(r.Edge.Target, out var fromTarget)) fromTarget.Add(r.Edge.Source);
            }
            return related.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<GraphNode>)kv.Value.Where(nodes.ContainsKey).Select(n => nodes[n])
                .OrderBy(n => n.DisplayName, StringComparer.Ordinal).ToList());
        }, [])).Load(id);
}

/// <summary>Every node of the graph: an id, a label, a name and the quotes it comes from.</summary>
public sealed class EntityInterface : InterfaceGraphType<GraphNode>
{
    public EntityInterface()
    {
        Name = "Entity";
        Description = "A node of the knowledge graph.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Stable, deterministic id: an ISO 3166 code for places.");
        Field<NonNullGraphType<StringGraphType>>("label").Description("Place, Person, Office, Organization, Event, Agreement, Statistic or Document.");
        Field<NonNullGraphType<StringGraphType>>("name").Description("Name or title.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EvidenceType>>>>("evidence").Description("The verbatim quotes this node was extracted from.");
    }
}

/// <summary>Adds the Entity fields to an object type of the graph.</summary>
public abstract class EntityType<T> : ObjectGraphType<T> where T : GraphNode
{
    protected EntityType(string name, string description)
    {
        Name = name;
        Description = description;
        Interface<EntityInterface>();
        IsTypeOf = o => o is T;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(ctx => ctx.Source.Label);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(ctx => ctx.Source.DisplayName);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EvidenceType>>>>("evidence")
            .Resolve(ctx => Resolve.EvidenceOf(ctx, ctx.Source));
    }
}

/// <summary>Where a fact comes from: the document, the verbatim quote and its character offsets.</summary>
public sealed class EvidenceType : ObjectGraphType<EvidenceSpan>
{
    public EvidenceType()
    {
        Name = "Evidence";
        Field(x => x.Quote).Description("The exact text the fact was extracted from.");
        Field(x => x.Start).Description("Offset of the quote's first character in the document's text.");
        Field(x => x.End).Description("Offset after the quote's last character.");
        Field<NonNullGraphType<DocumentType>>("document").Resolve(ctx => Resolve.Node(ctx, ctx.Source.DocumentId).Then(n => n as DocumentNode
            ?? new DocumentNode(ctx.Source.DocumentId, "(document removed)", null, null, null, "und", "", null)));
    }
}

public sealed class DocumentType : EntityType<DocumentNode>
{
    public DocumentType() : base("Document", "A press release the graph was built from.")
    {
        Field(x => x.Title);
        Field(x => x.Url, nullable: true);
        Field<StringGraphType>("published").Resolve(ctx => ctx.Source.Published?.ToString());
        Field(x => x.Publisher, nullable: true);
        Field(x => x.Language);
        Field(x => x.SourceName, nullable: true).Description("The file name it was ingested from.");
    }
}

public sealed class DatePrecisionType : EnumerationGraphType<DatePrecision>
{
    public DatePrecisionType() => Name = "DatePrecision";
}
