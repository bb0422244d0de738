using System.Security.Cryptography;
using System.Text;
using RelationsGraph.Model;
using RelationsGraph.Text;

namespace RelationsGraph.Graph;

/// <summary>
/// Deterministic node ids: places by ISO code, people and organizations by canonical name, offices
/// by role and jurisdiction, events by (type, date, participants, place), documents by source name
/// or content hash. Equal inputs give equal ids in every process and on every store.
/// </summary>
public static class GraphIds
{
    public static string Person(string canonicalName) => "person:" + TextFold.Slug(canonicalName);

    public static string Organization(string canonicalName) => "org:" + TextFold.Slug(canonicalName);

    public static string Office(string role, string? jurisdictionId, string? seatId) =>
        "office:" + TextFold.Slug(role) + ":" + (jurisdictionId ?? "unknown") + (seatId is null ? "" : "@" + seatId);

    /// <summary>An undated event has "undated" where the date goes, so the same undated occurrence is one node.</summary>
    public static string Event(EventType type, FuzzyDate? date, IEnumerable<string> participantIds, string? placeId, IEnumerable<string> involvedIds)
    {
        // Participants identify an event best; without them, the place and the sides do.
        var parts = participantIds.Order(StringComparer.Ordinal).ToList();
        var key = parts.Count > 0
            ? string.Join(",", parts)
            : (placeId ?? "") + "|" + string.Join(",", involvedIds.Order(StringComparer.Ordinal));
        return $"event:{type.ToString().ToLowerInvariant()}:{date?.ToString() ?? "undated"}:{ShortHash(key)}";
    }

    public static string Agreement(string kind, IEnumerable<string> partyIds) =>
        $"agreement:{TextFold.Slug(kind)}:{string.Join("+", partyIds.Order(StringComparer.Ordinal))}";

    public static string Statistic(string metric, IEnumerable<string> subjectIds, FuzzyDate? asOf, decimal value) =>
        $"stat:{TextFold.Slug(metric)}:{string.Join("+", subjectIds.Order(StringComparer.Ordinal))}:{asOf?.ToString() ?? "undated"}:{ShortHash(value.ToString(System.Globalization.CultureInfo.InvariantCulture))}";

    /// <summary>A document is identified by its URL or source name when it has one (so a changed text replaces its own facts), else by its content.</summary>
    public static string Document(string? url, string? sourceName, string contentHash) =>
        url is { Length: > 0 } ? "doc:" + ShortHash(url)
        : sourceName is { Length: > 0 } ? "doc:" + TextFold.Slug(Path.GetFileNameWithoutExtension(sourceName))
        : "doc:" + contentHash[..16];

    public static string ContentHash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string ShortHash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)))[..12];
}
