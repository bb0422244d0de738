using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace RelationsGraph.Ingestion.Sources;

/// <summary>
/// The rules of one robots.txt (RFC 9309) for one product token: the groups naming the token, else the
/// <c>*</c> group; the longest matching allow or disallow pattern decides (<c>*</c> and <c>$</c> as in
/// the RFC); on a tie allow wins.
/// </summary>
public sealed class RobotsTxt
{
    private readonly IReadOnlyList<(bool Allow, string Pattern, Regex Match)> rules;

    private RobotsTxt(IReadOnlyList<(bool, string, Regex)> rules) => this.rules = rules;

    public static readonly RobotsTxt AllowAll = new([]);
    public static readonly RobotsTxt DisallowAll = new([(false, "/", Compile("/"))]);

    public static RobotsTxt Parse(string text, string productToken)
    {
        var groups = new List<(List<string> Agents, List<(bool, string)> Rules)>();
        (List<string> Agents, List<(bool, string)> Rules)? current = null;
        var lastWasAgent = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw;
            var hash = line.IndexOf('#');
            if (hash >= 0) line = line[..hash];
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (key == "user-agent")
            {
                if (!lastWasAgent || current is null) { current = ([], []); groups.Add(current.Value); }
                current.Value.Agents.Add(value.ToLowerInvariant());
                lastWasAgent = true;
            }
            else if (key is "allow" or "disallow" && current is not null)
            {
                lastWasAgent = false;
                if (value.Length > 0) current.Value.Rules.Add((key == "allow", value));
            }
            else lastWasAgent = false;
        }
        var token = productToken.ToLowerInvariant();
        var mine = groups.Where(g => g.Agents.Contains(token)).ToList();
        if (mine.Count == 0) mine = groups.Where(g => g.Agents.Contains("*")).ToList();
        return new RobotsTxt(mine.SelectMany(g => g.Rules).Select(r => (r.Item1, r.Item2, Compile(r.Item2))).ToList());
    }

    /// <summary>Whether the path (with its query) may be fetched.</summary>
    public bool Allows(string pathAndQuery)
    {
        if (pathAndQuery.Equals("/robots.txt", StringComparison.OrdinalIgnoreCase)) return true;
        var best = -1;
        var allow = true;
        foreach (var (isAllow, pattern, match) in rules)
        {
            if (!match.IsMatch(pathAndQuery)) continue;
            if (pattern.Length > best || pattern.Length == best && isAllow) { best = pattern.Length; allow = isAllow; }
        }
        return allow;
    }

    private static Regex Compile(string pattern)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*') sb.Append(".*");
            else if (c == '$' && i == pattern.Length - 1) sb.Append('$');
            else sb.Append(Regex.Escape(c.ToString()));
        }
        return new Regex(sb.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }
}

/// <summary>robots.txt per host (scheme, host and port), read once and kept for <see cref="FetchOptions.RobotsCacheMinutes"/>.</summary>
public sealed class RobotsCache(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (RobotsTxt Rules, DateTimeOffset Until)> hosts = new(StringComparer.OrdinalIgnoreCase);

    public bool TryGet(Uri url, out RobotsTxt rules)
    {
        if (hosts.TryGetValue(url.GetLeftPart(UriPartial.Authority), out var e) && e.Until > clock.GetUtcNow()) { rules = e.Rules; return true; }
        rules = RobotsTxt.AllowAll;
        return false;
    }

    public void Set(Uri url, RobotsTxt rules, TimeSpan keep) => hosts[url.GetLeftPart(UriPartial.Authority)] = (rules, clock.GetUtcNow() + keep);
}
