using System.Net;
using RelationsGraph.Ingestion.Sources;

namespace RelationsGraph.Core.Tests.Sources;

/// <summary>The rules the fetcher applies before a byte is sent: which addresses, which paths (robots.txt), which feeds.</summary>
public sealed class FetchRulesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")] // cloud metadata
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:10.0.0.1")]   // IPv4-mapped
    [InlineData("64:ff9b::a00:1")]   // NAT64 of 10.0.0.1
    [InlineData("2002:c0a8:101::1")] // 6to4 of 192.168.1.1
    public void AddressPolicyRefusesInternalAddressesByDefault(string address) =>
        Assert.False(new AddressPolicy([]).IsAllowed(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("193.0.0.1")]
    [InlineData("2a00:1450:4001::1")]
    public void AddressPolicyAllowsPublicAddresses(string address) =>
        Assert.True(new AddressPolicy([]).IsAllowed(IPAddress.Parse(address)));

    [Fact]
    public void AddressPolicyAllowsOnlyWhatTheSettingNames()
    {
        var policy = new AddressPolicy(["127.0.0.1", "10.20.0.0/16"]);
        Assert.True(policy.IsAllowed(IPAddress.Parse("127.0.0.1")));
        Assert.True(policy.IsAllowed(IPAddress.Parse("10.20.3.4")));
        Assert.False(policy.IsAllowed(IPAddress.Parse("127.0.0.2")));
        Assert.False(policy.IsAllowed(IPAddress.Parse("10.21.0.1")));
        Assert.False(policy.IsAllowed(IPAddress.Parse("::1")));
        Assert.Throws<ArgumentException>(() => new AddressPolicy(["intranet"]));
    }

    [Fact]
    public void RobotsTxtOwnGroupWinsAndTheLongestMatchDecides()
    {
        var robots = RobotsTxt.Parse("""
            User-agent: *
            Disallow: /

            User-agent: Googlebot
            User-agent: RelationsGraph
            Disallow: /intern/
            Allow: /intern/presse/
            Disallow: /*.pdf$
            """, FetchOptions.RobotsToken);
        Assert.True(robots.Allows("/presse/2025/besuch.html"));
        Assert.False(robots.Allows("/intern/entwurf.html"));
        Assert.True(robots.Allows("/intern/presse/meldung.html"));
        Assert.False(robots.Allows("/downloads/rede.pdf"));
        Assert.True(robots.Allows("/downloads/rede.pdf?x=1"));

        var others = RobotsTxt.Parse("User-agent: *\nDisallow: /suche\n", FetchOptions.RobotsToken);
        Assert.False(others.Allows("/suche?q=japan"));
        Assert.True(others.Allows("/presse"));
        Assert.True(RobotsTxt.Parse("", FetchOptions.RobotsToken).Allows("/anything"));
    }

    [Fact]
    public void NewsFeedRefusesDocumentsThatAreNoFeedAndExternalEntities()
    {
        var url = new Uri("http://newsroom.test/feed");
        Assert.Throws<FormatException>(() => NewsFeed.Parse("<html><body>Presse</body></html>"u8.ToArray(), "text/html", url));
        Assert.Throws<FormatException>(() => NewsFeed.Parse("{\"items\": []}"u8.ToArray(), "application/json", url));
        // the DTD is ignored, so an external entity is never resolved: the feed is refused with the reason
        var xxe = """
            <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <rss version="2.0"><channel><title>t</title><link>http://newsroom.test/</link><description>d</description>
            <item><title>a</title><link>&x;</link></item></channel></rss>
            """;
        var refused = Assert.Throws<FormatException>(() => NewsFeed.Parse(System.Text.Encoding.UTF8.GetBytes(xxe), "application/rss+xml", url));
        Assert.Contains("entity", refused.Message);
    }
}
