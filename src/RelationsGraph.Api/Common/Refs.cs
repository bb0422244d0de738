using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using RelationsGraph.Api.Places;
using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Api.Common;

/// <summary>
/// Turns a <c>ref</c> argument (an id, an ISO 3166 code, or a name or alias in any case and with or
/// without accents; a place also by its name with kind words, "Präfektur Iwate", "Province of Ontario")
/// into one node, or a GraphQL error that says what to do.
/// </summary>
public static class Refs
{
    public const int MaxLength = 200;

    public static async Task<GraphNode> ResolveAsync(IResolveFieldContext ctx, string argument, string kind, Func<GraphNode, bool> accept)
    {
        var value = ctx.GetArgument<string>(argument);
        var store = ctx.RequestServices!.GetRequiredService<IGraphStore>();
        return await ResolveAsync(store, value, argument, kind, accept, ctx.CancellationToken);
    }

    public static async Task<GraphNode> ResolveAsync(IGraphStore store, string? value, string argument, string kind, Func<GraphNode, bool> accept, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ExecutionError($"Argument '{argument}' is empty. Give an id, an ISO 3166 code (\"DE-NW\") or a name (\"Nordrhein-Westfalen\").") { Code = "EMPTY_REF" };
        if (value.Length > MaxLength)
            throw new ExecutionError($"Argument '{argument}' is {value.Length} characters long; a ref has at most {MaxLength}.") { Code = "REF_TOO_LONG" };
        var candidates = (await store.ResolveAsync(value, ct)).Where(accept).ToList();
        // "Province of Ontario", "Iwate Prefecture": a place named with its kind is the place of that kind
        if (candidates.Count == 0 && Extraction.Gazetteer.Shared.WithoutKindWord(value) is { } bare)
        {
            var places = (await store.ResolveAsync(bare.Name, ct)).Where(accept).ToList();
            var ofKind = places.Where(n => n is Place p && p.Kind == bare.Kind).ToList();
            candidates = ofKind.Count > 0 ? ofKind : places.Where(n => n is Place).ToList();
        }
        if (candidates.Count == 1) return candidates[0];
        if (candidates.Count == 0)
            throw new ExecutionError($"No {kind} is known as \"{Cursor.Truncate(value)}\" (argument '{argument}'). Use an id, an ISO 3166 code or a name; search(text: ...) finds near matches.") { Code = "UNKNOWN_REF" };
        var list = string.Join(", ", candidates.Take(10).Select(c => $"{c.DisplayName} [{c.Label} {c.Id}]"));
        var error = new ExecutionError($"\"{Cursor.Truncate(value)}\" (argument '{argument}') is ambiguous: it may mean {list}. Pass one of these ids instead.") { Code = "AMBIGUOUS_REF" };
        error.Data["candidates"] = candidates.Select(c => c.Id).ToList();
        throw error;
    }

    public static bool IsActor(GraphNode n) => n is Place or Organization or Person;
}
