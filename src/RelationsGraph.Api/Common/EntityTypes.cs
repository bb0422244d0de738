using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using DocumentNode = RelationsGraph.Model.Document;

namespace RelationsGraph.Api.Common;

internal static class Resolve
{
    public static IGraphStore Store(this IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<IGraphStore>();

    public static async Task<IReadOnlyList<EvidenceSpan>> EvidenceOf(IResolveFieldContext ctx, GraphNode node) =>
        (await ctx.Store().GetEvidenceAsync([node.Id], ctx.CancellationToken)).GetValueOrDefault(node.Id) ?? [];

    public static async Task<List<GraphNode>> Related(IResolveFieldContext ctx, string id, string type, Direction direction)
    {
        var rels = await ctx.Store().GetRelationshipsAsync([id], direction, [type], ctx.CancellationToken);
        var ids = rels.Select(r => r.Edge.Source == id ? r.Edge.Target : r.Edge.Source).Distinct().ToList();
        var nodes = await ctx.Store().GetNodesAsync(ids, ctx.CancellationToken);
        return nodes.OrderBy(n => n.DisplayName, StringComparer.Ordinal).ToList();
    }
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
            .ResolveAsync(async ctx => await Resolve.EvidenceOf(ctx, ctx.Source));
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
        Field<NonNullGraphType<DocumentType>>("document").ResolveAsync(async ctx =>
            (await ctx.Store().GetNodesAsync([ctx.Source.DocumentId], ctx.CancellationToken)).OfType<DocumentNode>().FirstOrDefault()
            ?? new DocumentNode(ctx.Source.DocumentId, "(document removed)", null, null, null, "und", "", null));
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
