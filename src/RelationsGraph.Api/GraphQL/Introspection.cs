using GraphQL;
using GraphQL.Introspection;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Utilities;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQLParser.AST;

namespace RelationsGraph.Api.GraphQL;

/// <summary>
/// The standard introspection query (graphql-js <c>getIntrospectionQuery()</c> with every option, which
/// GraphiQL, Apollo, Altair, Postman, Insomnia and graphql-codegen send) answers whatever the depth and
/// complexity limits: those protect the store, and introspection never reaches it. An operation that
/// selects only <c>__schema</c>, <c>__type</c> and <c>__typename</c> is exempt from them; one that
/// also selects data is held to them as a whole, introspection included, because a client gains nothing
/// from mixing the two that two requests would not give it, and the limits then need no second way of
/// counting.
/// <para>
/// Introspection is bounded by the schema, except where a query multiplies it: lists of types nested
/// in lists of types, aliases, many root fields. The exempt operations are held to what the standard
/// query needs: graphql-js's own guard (<c>MaxIntrospectionDepthRule</c>: <c>fields</c>,
/// <c>inputFields</c>, <c>interfaces</c> and <c>possibleTypes</c> nested at most
/// <see cref="MaxListNesting"/> deep), no aliases below the root, at most <see cref="MaxRootFields"/>
/// <c>__schema</c> or <c>__type</c> fields.
/// </para>
/// </summary>
public static class Introspection
{
    public const string Refused = "INTROSPECTION_TOO_LARGE";

    /// <summary>graphql-js refuses a third nested list of types (its MAX_LISTS_DEPTH is 3).</summary>
    public const int MaxListNesting = 2;

    /// <summary>Room for tools that probe the introspection types first with a few aliased <c>__type</c> fields.</summary>
    public const int MaxRootFields = 10;

    private static readonly HashSet<string> MetaFields = ["__schema", "__type", "__typename"];
    private static readonly HashSet<string> TypeLists = ["fields", "inputFields", "interfaces", "possibleTypes"];

    /// <summary>
    /// Turns on what graphql-js's introspection query asks for that GraphQL.NET 8 keeps behind switches
    /// (<c>isRepeatable</c>, deprecated arguments and input fields) or lacks (<c>__Type.specifiedByURL</c>,
    /// <c>__Directive.args(includeDeprecated:)</c>).
    /// Call before the schema is initialized.
    /// </summary>
    public static void AnswerStandardIntrospection(this Schema schema)
    {
        schema.Features.RepeatableDirectives = true;
        schema.Features.DeprecationOfInputValues = true;
        schema.RegisterVisitor(new SpecifiedByUrlField());
        schema.RegisterVisitor(new DirectiveArgsIncludeDeprecated());
        schema.Filter = new ListsWhatItAnswers();
    }

    /// <summary>
    /// <see cref="ComplexityOptions.ValidateComplexityDelegate"/>: clears the depth and complexity
    /// verdict for an operation that selects only introspection, and puts the introspection bounds in its place.
    /// </summary>
    public static Task ExemptFromDataLimits(ComplexityValidationContext complexity)
    {
        var context = complexity.ValidationContext;
        if (SelectsOnlyIntrospection(context.Document, context.Operation))
            complexity.Error = Refusal(context.Document, context.Operation) is { } why ? new ValidationError(why) { Code = Refused } : null;
        return Task.CompletedTask;
    }

    /// <summary>Whether every field the operation selects at its root is <c>__schema</c>, <c>__type</c> or <c>__typename</c>.</summary>
    public static bool SelectsOnlyIntrospection(GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        var fragments = Fragments(document);
        var any = false;
        foreach (var field in RootFields(fragments, operation.SelectionSet, []))
        {
            if (!MetaFields.Contains(field.Name.StringValue)) return false;
            any = true;
        }
        return any;
    }

    /// <summary>Why an introspection-only operation is refused, or null.</summary>
    public static string? Refusal(GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        var fragments = Fragments(document);
        var roots = RootFields(fragments, operation.SelectionSet, [])
            .Where(f => f.Name.StringValue != "__typename")
            .Select(f => (f.Alias?.Name ?? f.Name).StringValue)
            .Distinct(StringComparer.Ordinal)
            .Count();
        if (roots > MaxRootFields)
            return $"The introspection query selects __schema or __type {roots} times; at most {MaxRootFields} are answered. Ask for the schema once.";
        foreach (var root in RootFields(fragments, operation.SelectionSet, []))
        {
            if (root.SelectionSet is null) continue;
            if (Walk(fragments, root.SelectionSet, 0, []) is { } why) return why;
        }
        return null;
    }

    private static Dictionary<string, GraphQLFragmentDefinition> Fragments(GraphQLDocument document)
    {
        var fragments = new Dictionary<string, GraphQLFragmentDefinition>(StringComparer.Ordinal);
        foreach (var f in document.Definitions.OfType<GraphQLFragmentDefinition>())
            fragments.TryAdd(f.FragmentName.Name.StringValue, f);
        return fragments;
    }

    private static string? Walk(Dictionary<string, GraphQLFragmentDefinition> fragments, GraphQLSelectionSet set, int lists, HashSet<string> fragmentPath)
    {
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    if (field.Alias is not null && field.Alias.Name.StringValue != field.Name.StringValue)
                        return $"Aliases below the root of an introspection query ('{field.Alias.Name.StringValue}') are not answered: they multiply the answer, and the standard introspection query does not use them.";
                    var nested = lists + (TypeLists.Contains(field.Name.StringValue) ? 1 : 0);
                    if (nested > MaxListNesting)
                        return $"The introspection query nests fields, inputFields, interfaces or possibleTypes more than {MaxListNesting} levels deep (as graphql-js refuses too). Ask for the types once and follow their names.";
                    if (field.SelectionSet is not null && Walk(fragments, field.SelectionSet, nested, fragmentPath) is { } why) return why;
                    break;
                case GraphQLInlineFragment inline:
                    if (Walk(fragments, inline.SelectionSet, lists, fragmentPath) is { } inInline) return inInline;
                    break;
                case GraphQLFragmentSpread spread:
                    var name = spread.FragmentName.Name.StringValue;
                    // cycles are the validator's to report; the complexity rule only runs on valid documents
                    if (!fragments.TryGetValue(name, out var fragment) || !fragmentPath.Add(name)) break;
                    var inFragment = Walk(fragments, fragment.SelectionSet, lists, fragmentPath);
                    fragmentPath.Remove(name);
                    if (inFragment is not null) return inFragment;
                    break;
            }
        }
        return null;
    }

    private static IEnumerable<GraphQLField> RootFields(Dictionary<string, GraphQLFragmentDefinition> fragments, GraphQLSelectionSet set, HashSet<string> fragmentPath)
    {
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    yield return field;
                    break;
                case GraphQLInlineFragment inline:
                    foreach (var f in RootFields(fragments, inline.SelectionSet, fragmentPath)) yield return f;
                    break;
                case GraphQLFragmentSpread spread:
                    var name = spread.FragmentName.Name.StringValue;
                    if (!fragments.TryGetValue(name, out var fragment) || !fragmentPath.Add(name)) break;
                    foreach (var f in RootFields(fragments, fragment.SelectionSet, fragmentPath)) yield return f;
                    fragmentPath.Remove(name);
                    break;
            }
        }
    }

    /// <summary>
    /// GraphQL.NET's filter hides <c>__Directive.isRepeatable</c> from the fields it lists although the
    /// field answers; tools that look before they ask (Apollo Kotlin, graphql-codegen) would then not ask.
    /// </summary>
    private sealed class ListsWhatItAnswers : DefaultSchemaFilter
    {
        public override Task<bool> AllowField(IGraphType parent, IFieldType field) =>
            parent is __Directive && field.Name == "isRepeatable" ? Allowed : base.AllowField(parent, field);
    }

    /// <summary>
    /// <c>__Directive.args(includeDeprecated:)</c> (the draft's deprecation of input values, which
    /// graphql-js asks for with <c>inputValueDeprecation</c>): GraphQL.NET 8 has the argument on fields and
    /// input types, not on directives.
    /// </summary>
    private sealed class DirectiveArgsIncludeDeprecated : BaseSchemaNodeVisitor
    {
        public override void PostVisitSchema(ISchema schema)
        {
            if (schema.AllTypes["__Directive"] is not IObjectGraphType type || type.GetField("args") is not { } args || args.Arguments?.Find("includeDeprecated") is not null) return;
            args.Arguments ??= [];
            args.Arguments.Add(new QueryArgument<BooleanGraphType> { Name = "includeDeprecated", DefaultValue = false, ResolvedType = schema.AllTypes["Boolean"] });
            var all = args.Resolver!;
            args.Resolver = new FuncFieldResolver<object?>(async context =>
            {
                var found = await all.ResolveAsync(context);
                return context.GetArgument<bool>("includeDeprecated") || found is not IEnumerable<QueryArgument> arguments
                    ? found
                    : arguments.Where(a => a.DeprecationReason is null).ToList();
            });
        }
    }

    /// <summary>
    /// <c>__Type.specifiedByURL</c> (GraphQL, October 2021), which GraphQL.NET 8 does not have: the URL of
    /// a custom scalar's specification, from the scalar's metadata key <c>specifiedByURL</c>; null for
    /// every other type (this schema has only the built-in scalars).
    /// </summary>
    private sealed class SpecifiedByUrlField : BaseSchemaNodeVisitor
    {
        public override void PostVisitSchema(ISchema schema)
        {
            if (schema.AllTypes["__Type"] is not IObjectGraphType type || type.HasField("specifiedByURL")) return;
            type.AddField(new FieldType
            {
                Name = "specifiedByURL",
                Type = typeof(StringGraphType),
                ResolvedType = schema.AllTypes["String"],
                Resolver = new FuncFieldResolver<object?>(context => context.Source is ScalarGraphType scalar ? scalar.GetMetadata<string?>("specifiedByURL") : null),
            });
        }
    }
}
