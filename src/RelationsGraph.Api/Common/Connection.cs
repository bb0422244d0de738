using System.Text;
using GraphQL;
using GraphQL.Types;
using RelationsGraph.Graph;

namespace RelationsGraph.Api.Common;

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

public sealed record Edge<T>(string Cursor, T Node);

/// <summary>A page of a list, as a GraphQL connection: edges with cursors, nodes, pageInfo and totalCount.</summary>
public sealed record Connection<T>(IReadOnlyList<Edge<T>> Edges, PageInfo PageInfo, int TotalCount)
{
    public IEnumerable<T> Nodes => Edges.Select(e => e.Node);

    public static Connection<T> From(Page<T> page)
    {
        var edges = page.Items.Select((item, i) => new Edge<T>(Cursor.Encode(page.Offset + i), item)).ToList();
        return new Connection<T>(edges, new PageInfo(page.HasNextPage, page.Offset > 0, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor), page.TotalCount);
    }
}

/// <summary>Opaque cursors over positions in a list, and the rules for <c>first</c> and <c>after</c>.</summary>
public static class Cursor
{
    public static string Encode(int position) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"pos:{position}"));

    public static PageRequest PageOf(IResolveFieldContext ctx, ApiLimits limits)
    {
        var first = ctx.GetArgument<int?>("first") ?? limits.DefaultPageSize;
        if (first < 0 || first > limits.MaxPageSize)
            throw new ExecutionError($"Argument 'first' must be between 0 and {limits.MaxPageSize}; it was {first}. Page through longer lists with 'after'.") { Code = "BAD_PAGE_SIZE" };
        var after = ctx.GetArgument<string?>("after");
        return new PageRequest(first, after is null ? 0 : Decode(after) + 1);
    }

    private static int Decode(string cursor)
    {
        try
        {
            var s = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (s.StartsWith("pos:", StringComparison.Ordinal) && int.TryParse(s[4..], out var p) && p >= 0) return p;
        }
        catch (FormatException)
        {
        }
        throw new ExecutionError($"Argument 'after' is not a cursor of this API: '{Truncate(cursor)}'. Pass the endCursor of the previous page.") { Code = "BAD_CURSOR" };
    }

    internal static string Truncate(string s) => s.Length <= 80 ? s : s[..80] + "…";
}

public sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Field(x => x.HasNextPage);
        Field(x => x.HasPreviousPage);
        Field(x => x.StartCursor, nullable: true);
        Field(x => x.EndCursor, nullable: true);
    }
}

/// <summary>The edge type of a connection of <typeparamref name="TNodeType"/>.</summary>
public class EdgeGraphType<TNodeType, T> : ObjectGraphType<Edge<T>> where TNodeType : IGraphType
{
    public EdgeGraphType(string nodeName)
    {
        Name = nodeName + "Edge";
        Field(x => x.Cursor);
        Field<NonNullGraphType<TNodeType>>("node").Resolve(ctx => ctx.Source.Node);
    }
}

/// <summary>A connection of <typeparamref name="TNodeType"/>: every list of the API has this shape.</summary>
public class ConnectionGraphType<TNodeType, TEdgeType, T> : ObjectGraphType<Connection<T>>
    where TNodeType : IGraphType where TEdgeType : IGraphType
{
    public ConnectionGraphType(string nodeName)
    {
        Name = nodeName + "Connection";
        Field(x => x.TotalCount).Description("How many items the whole list has.");
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(ctx => ctx.Source.PageInfo);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TEdgeType>>>>("edges").Resolve(ctx => ctx.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes").Resolve(ctx => ctx.Source.Nodes);
    }
}
