using GraphQLParser.AST;

namespace RelationsGraph.Api.GraphQL;

/// <summary>
/// How many fields a document selects with its fragments expanded, counted before validation:
/// fifteen fragments that each spread the next three times select 3^15 fields, and GraphQL.NET's
/// validation walks them one by one (tens of seconds). Fragment sizes are memoized, so this count
/// takes time linear in the document, and it stops as soon as the budget is spent.
/// </summary>
public static class SelectionBudget
{
    public const string TooLarge = "QUERY_TOO_LARGE";

    /// <summary>Deeper chains of fragment spreads are refused outright (and so never reach recursive validation).</summary>
    public const int MaxFragmentDepth = 32;

    /// <summary>Why the document selects too much, or null when it is within <paramref name="maxFields"/>.</summary>
    public static string? Refusal(GraphQLDocument document, int maxFields)
    {
        var fragments = new Dictionary<string, GraphQLFragmentDefinition>(StringComparer.Ordinal);
        foreach (var f in document.Definitions.OfType<GraphQLFragmentDefinition>())
            fragments.TryAdd(f.FragmentName.Name.StringValue, f);
        var counter = new Counter(fragments, maxFields);
        foreach (var operation in document.Definitions.OfType<GraphQLOperationDefinition>())
        {
            var fields = counter.Count(operation.SelectionSet);
            if (counter.TooDeep)
                return $"Fragments are spread more than {MaxFragmentDepth} levels deep. Flatten the fragments.";
            if (fields > maxFields)
                return $"The query selects more than {maxFields:N0} fields once its fragments are expanded. Select fewer fields or aliases, or split it into several requests.";
        }
        return null;
    }

    private sealed class Counter(Dictionary<string, GraphQLFragmentDefinition> fragments, int max)
    {
        private readonly Dictionary<string, long> sizes = new(StringComparer.Ordinal);
        private readonly HashSet<string> path = new(StringComparer.Ordinal);

        public bool TooDeep { get; private set; }

        public long Count(GraphQLSelectionSet? set)
        {
            if (set is null) return 0;
            long n = 0;
            foreach (var selection in set.Selections)
            {
                n += selection switch
                {
                    GraphQLField field => 1 + Count(field.SelectionSet),
                    GraphQLInlineFragment inline => Count(inline.SelectionSet),
                    GraphQLFragmentSpread spread => Fragment(spread.FragmentName.Name.StringValue),
                    _ => 0,
                };
                // over budget: the exact number does not matter
                if (n > max || TooDeep) return n;
            }
            return n;
        }

        private long Fragment(string name)
        {
            if (sizes.TryGetValue(name, out var known)) return known;
            // unknown fragments and cycles are the validator's to report
            if (!fragments.TryGetValue(name, out var definition) || path.Contains(name)) return 0;
            if (path.Count >= MaxFragmentDepth)
            {
                TooDeep = true;
                return 0;
            }
            path.Add(name);
            var size = Count(definition.SelectionSet);
            path.Remove(name);
            sizes[name] = size;
            return size;
        }
    }
}
