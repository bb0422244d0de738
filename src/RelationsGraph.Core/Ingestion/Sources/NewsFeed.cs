using System.Globalization;
using System.Security.Cryptography;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace RelationsGraph.Ingestion.Sources;

/// <summary>
/// One entry of a feed: the page it links to, and a fingerprint of what the feed says about it, so that
/// an edited entry (new title, date or summary) is fetched again. <see cref="Problem"/> says why an entry
/// cannot be followed (no link, not http or https).
/// </summary>
public sealed record FeedEntry(string Key, Uri? Link, string? Title, DateTimeOffset? Published, string Fingerprint, string? Problem = null);

/// <summary>The entries of an RSS 2.0, Atom 1.0 or JSON Feed 1.x document, in the feed's order.</summary>
public static class NewsFeed
{
    /// <summary>Reads a feed; throws <see cref="FormatException"/> with the reason when the document is no feed.</summary>
    public static IReadOnlyList<FeedEntry> Parse(byte[] body, string? mediaType, Uri feedUrl)
    {
        var first = body.AsSpan().TrimStart(" \t\r\n\uFEFF"u8.ToArray());
        if (first.Length > 0 && first[0] == (byte)'{' || mediaType is "application/feed+json" or "application/json")
            return ParseJson(body, feedUrl);
        return ParseXml(body, feedUrl);
    }

    private static IReadOnlyList<FeedEntry> ParseXml(byte[] body, Uri feedUrl)
    {
        // no DTDs: a feed must not make the parser fetch or expand entities
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, MaxCharactersFromEntities = 0 };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), settings);
            reader.MoveToContent();
            SyndicationFeedFormatter formatter = reader.LocalName == "feed" ? new Atom10FeedFormatter() : new Rss20FeedFormatter();
            formatter.DateTimeParser = LenientDate;
            formatter.UriParser = LenientUri;
            if (!formatter.CanRead(reader))
                throw new FormatException($"{feedUrl} is not an RSS 2.0, Atom or JSON feed (its root element is <{reader.LocalName}>).");
            formatter.ReadFrom(reader);
            return formatter.Feed.Items.Select(i => Entry(i, feedUrl)).ToList();
        }
        catch (XmlException e)
        {
            throw new FormatException($"{feedUrl} is not a well-formed feed: {e.Message}");
        }
    }

    private static FeedEntry Entry(SyndicationItem item, Uri feedUrl)
    {
        var link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri ?? item.Links.FirstOrDefault()?.Uri;
        var raw = link?.OriginalString;
        // an RSS guid that is a permalink is the page when there is no <link>
        if (raw is null && item.Id is { } id && id.StartsWith("http", StringComparison.OrdinalIgnoreCase)) raw = id;
        var published = item.PublishDate == default ? (DateTimeOffset?)null : item.PublishDate;
        var updated = item.LastUpdatedTime == default ? (DateTimeOffset?)null : item.LastUpdatedTime;
        var summary = item.Summary?.Text ?? (item.Content as TextSyndicationContent)?.Text;
        return Make(item.Id, raw, item.Title?.Text, published ?? updated, updated, summary, feedUrl);
    }

    private static IReadOnlyList<FeedEntry> ParseJson(byte[] body, Uri feedUrl)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var v) || v.GetString()?.StartsWith("https://jsonfeed.org/version/", StringComparison.Ordinal) != true)
                throw new FormatException($"{feedUrl} is JSON but not a JSON Feed (no \"version\": \"https://jsonfeed.org/version/1.1\").");
            if (!root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
                throw new FormatException($"{feedUrl} is a JSON Feed without an \"items\" list.");
            var entries = new List<FeedEntry>();
            foreach (var i in items.EnumerateArray())
            {
                string? S(string name) => i.ValueKind == JsonValueKind.Object && i.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
                var published = Date(S("date_published"));
                var updated = Date(S("date_modified"));
                entries.Add(Make(S("id"), S("url") ?? S("external_url"), S("title"), published ?? updated, updated, S("summary") ?? S("content_text") ?? S("content_html"), feedUrl));
            }
            return entries;
        }
        catch (JsonException e)
        {
            throw new FormatException($"{feedUrl} is not a well-formed JSON Feed: {e.Message}");
        }
    }

    private static FeedEntry Make(string? id, string? rawLink, string? title, DateTimeOffset? published, DateTimeOffset? updated, string? summary, Uri feedUrl)
    {
        Uri? link = null;
        string? problem = null;
        if (string.IsNullOrWhiteSpace(rawLink)) problem = "the entry has no link to a page";
        else if (!Uri.TryCreate(feedUrl, rawLink.Trim(), out link) || link.Scheme is not ("http" or "https"))
        {
            problem = $"the entry's link '{rawLink.Trim()}' is not an http or https address";
            link = null;
        }
        var key = link?.AbsoluteUri ?? (string.IsNullOrWhiteSpace(id) ? $"{feedUrl.AbsoluteUri}#{title}" : id.Trim());
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join("\u001F", id, rawLink, title, published?.ToString("O"), updated?.ToString("O"), summary))))[..32];
        return new FeedEntry(key, link, title?.Trim(), published, fingerprint, problem);
    }

    private static DateTimeOffset? Date(string? s) =>
        s is not null && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;

    // Feeds in the wild write dates every which way: a date that cannot be read is no date, not a broken feed.
    private static bool LenientDate(XmlDateTimeData data, out DateTimeOffset value)
    {
        var s = data.DateTimeString.Trim();
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)) return true;
        // RFC 822 with a zone name .NET does not know ("Mon, 02 Sep 2024 10:00:00 CEST"): read it without the zone
        var space = s.LastIndexOf(' ');
        if (space > 0 && DateTimeOffset.TryParse(s[..space], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)) return true;
        value = default;
        return true;
    }

    private static bool LenientUri(XmlUriData data, out Uri? uri)
    {
        uri = Uri.TryCreate(data.UriString.Trim(), data.UriKind, out var u) ? u : null;
        return true;
    }
}
