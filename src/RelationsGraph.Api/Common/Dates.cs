using GraphQL;
using RelationsGraph.Model;

namespace RelationsGraph.Api.Common;

internal static class Dates
{
    /// <summary>A date argument (YYYY, YYYY-MM or YYYY-MM-DD), null when absent; BAD_DATE when malformed.</summary>
    public static FuzzyDate? Argument(IResolveFieldContext ctx, string name)
    {
        var s = ctx.GetArgument<string?>(name);
        if (s is null) return null;
        return FuzzyDate.TryParse(s, out var d) ? d
            : throw new ExecutionError($"Argument '{name}' must be a date YYYY, YYYY-MM or YYYY-MM-DD; it was \"{Cursor.Truncate(s)}\".") { Code = "BAD_DATE" };
    }
}
