using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using RelationsGraph.Model;

namespace RelationsGraph.Extraction;

/// <summary>
/// Writes an extraction in the interchange format of the gold annotations (shared/gold/README.md),
/// which the evaluation script compares against gold files.
/// </summary>
public static class InterchangeFormat
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(ExtractionResult r) => ToNode(r).ToJsonString(Options);

    public static JsonObject ToNode(ExtractionResult r)
    {
        var placeNames = r.Places.ToDictionary(p => p.Id, p => p.Name);
        string Name(string id) => placeNames.TryGetValue(id, out var n) ? n
            : r.Organizations.FirstOrDefault(o => o.Id == id)?.Name ?? id;
        string PersonName(string id) => r.Persons.First(p => p.Id == id).Name;
        var mentioned = r.Places.Where(p => p.Range.End > p.Range.Start);

        return new JsonObject
        {
            ["document"] = new JsonObject
            {
                ["file"] = r.Document.SourceName,
                ["title"] = r.Document.Title,
                ["published"] = r.Document.Published?.ToString(),
                ["publisher"] = r.Document.Publisher,
                ["language"] = r.Document.Language,
            },
            ["persons"] = Array(r.Persons.Select(p => new JsonObject
            {
                ["name"] = p.Name,
                ["offices"] = Array(p.Offices.Select(o => new JsonObject
                {
                    ["title"] = o.Title,
                    ["of"] = o.JurisdictionId is null ? null : Name(o.JurisdictionId),
                    ["asOf"] = o.AsOf?.ToString(),
                })),
            })),
            ["places"] = Array(mentioned.Select(p => new JsonObject { ["name"] = p.Name, ["kind"] = p.Kind.ToString().ToLowerInvariant() })),
            ["organizations"] = Array(r.Organizations.Select(o => new JsonObject { ["name"] = o.Name })),
            ["events"] = Array(r.Events.Select(e => new JsonObject
            {
                ["type"] = e.Type.ToString().ToLowerInvariant(),
                ["date"] = e.Date?.ToString(),
                ["participants"] = Array(e.PersonIds.Select(PersonName).Select(n => JsonValue.Create(n))),
                // an extra key, information only (the scorer ignores it): each participant's role in the event
                ["roles"] = new JsonObject(e.PersonIds.Where(e.Roles.ContainsKey).Select(p => KeyValuePair.Create(PersonName(p), (JsonNode?)JsonValue.Create(e.Roles[p])))),
                ["place"] = e.PlaceId is null ? null : Name(e.PlaceId),
                ["involves"] = Array(e.InvolvedIds.Select(Name).Select(n => JsonValue.Create(n))),
                ["quote"] = r.Quote(e.Quote),
            })),
            ["agreements"] = Array(r.Agreements.Select(a => new JsonObject
            {
                ["title"] = a.Title,
                ["parties"] = Array(a.PartyIds.Select(Name).Select(n => JsonValue.Create(n))),
                ["action"] = a.Action.ToString().ToLowerInvariant(),
                ["date"] = a.Date?.ToString(),
                ["count"] = a.Count,
                ["quote"] = r.Quote(a.Quote),
            })),
            ["statistics"] = Array(r.Statistics.Select(s => new JsonObject
            {
                ["subject"] = s.Subject,
                ["metric"] = s.Metric,
                ["value"] = s.Value,
                ["unit"] = s.Unit,
                ["qualifier"] = s.Qualifier switch
                {
                    StatisticQualifier.MoreThan => "more than",
                    StatisticQualifier.LessThan => "less than",
                    StatisticQualifier.About => "about",
                    _ => "exactly",
                },
                ["asOf"] = s.AsOf?.ToString(),
                ["quote"] = r.Quote(s.Quote),
            })),
        };
    }

    private static JsonArray Array(IEnumerable<JsonNode?> items) => new(items.ToArray());
}
