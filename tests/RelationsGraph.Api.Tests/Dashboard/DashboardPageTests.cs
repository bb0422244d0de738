using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RelationsGraph.Tests.Shared;

namespace RelationsGraph.Api.Tests.Dashboard;

/// <summary>
/// The dashboard at / in a real headless Chromium against the running API: what an analyst sees,
/// and that the page reports no error of its own. Screenshots go to artifacts/test-results/.
/// </summary>
public sealed partial class DashboardPageTests(DashboardBrowser browser) : IClassFixture<DashboardBrowser>
{
    private static string Artifact(string name) => Path.Combine(RepositoryRoot.Path, "artifacts", "test-results", name);

    [Fact]
    public async Task ShowsTheThreeNrwJapanEventsWithTheirQuotesChartAndGraphGivenTheSeed()
    {
        var state = await browser.OpenAsync("/?actor=Nordrhein-Westfalen&counterpart=Japan");
        await browser.ScreenshotAsync(Artifact("dashboard.png"));

        Assert.Equal("ready", state);
        Assert.True(browser.Problems.Count == 0, "The page reported problems:\n" + string.Join("\n", browser.Problems));

        var shown = await browser.EvaluateAsync<List<ShownEvent>>("""
            [...document.querySelectorAll('#events li.event')].map(li => ({
              date: li.dataset.date,
              quotes: [...li.querySelectorAll('blockquote .quote-text')].map(q => q.textContent) }))
            """);
        var expected = GoldQuotesByDate();
        Assert.Equal(["2019-09", "2019-10", "2020-09-04"], shown.Select(e => e.Date));
        foreach (var e in shown)
            Assert.Contains(Normalize(expected[e.Date]), e.Quotes.Select(Normalize));

        Assert.True(await browser.EvaluateAsync<bool>(
            "document.querySelector('#chart') instanceof HTMLCanvasElement && !document.querySelector('#chart').hidden && window.rg.chart !== null && window.rg.chart.data.datasets.length > 0"),
            "the timeline chart is not drawn");
        Assert.True(await browser.EvaluateAsync<bool>("document.querySelector('#graph canvas') !== null"), "the graph has no canvas");
        var nodes = await browser.EvaluateAsync<int>("window.rg.cy.nodes().length");
        Assert.True(nodes >= 2, $"the graph around them has {nodes} nodes");
        var seeds = await browser.EvaluateAsync<List<string>>("window.rg.cy.nodes('.seed').map(n => n.data('name'))");
        Assert.Equal(["Japan", "Nordrhein-Westfalen"], seeds.Order());
    }

    [Fact]
    public async Task ShowsTheApiErrorGivenAnUnknownActor()
    {
        var state = await browser.OpenAsync("/?actor=Atlantis&counterpart=Japan");
        await browser.ScreenshotAsync(Artifact("dashboard-unknown-ref.png"));

        Assert.Equal("error", state);
        Assert.True(browser.Problems.Count == 0, "The page reported problems:\n" + string.Join("\n", browser.Problems));
        var problem = await browser.EvaluateAsync<string>("document.querySelector('#problem').hidden ? '' : document.querySelector('#problem').textContent");
        Assert.Contains("UNKNOWN_REF", problem);
        Assert.Contains("\"Atlantis\"", problem);
        Assert.True(await browser.EvaluateAsync<bool>("document.querySelector('#results').hidden"), "results are shown next to the error");
    }

    [Fact]
    public async Task SuggestsActorsAsYouTypeAndTakesOneWithTheKeyboard()
    {
        await browser.OpenAsync("/?actor=Nordrhein-Westfalen&counterpart=Japan");
        await browser.EvaluateAsync<bool>("(() => { const input = document.querySelector('#counterpart'); input.focus(); input.select(); return true; })()");
        await browser.TypeAsync("Fukus");
        await browser.WaitUntilAsync("document.querySelectorAll('#counterpart-options [role=option]').length > 0");
        await browser.ScreenshotAsync(Artifact("dashboard-suggestions.png"));

        var first = await browser.EvaluateAsync<string>("document.querySelector('#counterpart-options [role=option]').textContent");
        Assert.Equal("FukushimaPlace", first);
        await browser.PressAsync("ArrowDown", 40);
        Assert.Equal("true", await browser.EvaluateAsync<string>("document.querySelector('#counterpart-options [role=option]').getAttribute('aria-selected')"));
        await browser.PressAsync("Enter", 13);
        await browser.WaitUntilAsync("document.body.dataset.state === 'ready' && new URLSearchParams(location.search).get('counterpart') === 'JP-07'");

        Assert.Equal("Fukushima", await browser.EvaluateAsync<string>("document.querySelector('#counterpart').value"));
        Assert.StartsWith("1 contact between Nordrhein-Westfalen and Fukushima", await browser.EvaluateAsync<string>("document.querySelector('#summary').textContent"));
        Assert.True(browser.Problems.Count == 0, "The page reported problems:\n" + string.Join("\n", browser.Problems));
    }

    public sealed record ShownEvent(string Date, List<string> Quotes)
    {
        public override string ToString() => $"{Date}: {string.Join(" | ", Quotes)}";
    }

    /// <summary>The seed's gold annotation: every event's quote by its date.</summary>
    private static Dictionary<string, string> GoldQuotesByDate()
    {
        var gold = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "seeds"), "000_*.json").Single();
        var events = JsonNode.Parse(File.ReadAllText(gold))!["events"]!.AsArray();
        return events.ToDictionary(e => e!["date"]!.GetValue<string>(), e => e!["quote"]!.GetValue<string>());
    }

    // The extractor's quote ends where the clause ends, the annotator's sometimes with its full stop.
    private static string Normalize(string quote) => Whitespace().Replace(quote, " ").Trim().TrimEnd('.');

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
