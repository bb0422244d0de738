using GraphQL;
using RelationsGraph.Model;

namespace RelationsGraph.Api.Common;

public static class Dates
{
    /// <summary>A date argument (YYYY, YYYY-MM or YYYY-MM-DD), null when absent; BAD_DATE when malformed.</summary>
    public static FuzzyDate? Argument(IResolveFieldContext ctx, string name) => Parse(ctx.GetArgument<string?>(name), $"Argument '{name}'");

    /// <summary>
    /// A date given as text, null when absent; BAD_DATE saying what <paramref name="what"/>
    /// ("Argument 'from'", "Parameter 'to'", "--from") must be when malformed.
    /// </summary>
    public static FuzzyDate? Parse(string? text, string what)
    {
        if (text is null) return null;
        return FuzzyDate.TryParse(text, out var d) ? d
            : throw new ExecutionError($"{what} must be a date YYYY, YYYY-MM or YYYY-MM-DD; it was \"{Cursor.Truncate(text)}\".") { Code = "BAD_DATE" };
    }
}
