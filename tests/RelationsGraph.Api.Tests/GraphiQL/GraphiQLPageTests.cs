using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RelationsGraph.Api.Tests.Dashboard;
using RelationsGraph.Tests.Shared;

namespace RelationsGraph.Api.Tests.GraphiQL;

/// <summary>
/// GraphiQL at /graphql in a real headless Chromium that can reach no host but the test server:
/// it starts, runs the README's NRW–Fukushima query and documents the schema, all from the service.
/// Screenshots go to artifacts/test-results/.
/// </summary>
public sealed class GraphiQLPageTests(DashboardBrowser browser) : IClassFixture<DashboardBrowser>
{
    private const string QueryEditor = ".graphiql-query-editor .CodeMirror";
    private const string ResultViewer = ".result-window .CodeMirror";

    private static string Artifact(string name) => Path.Combine(RepositoryRoot.Path, "artifacts", "test-results", name);

    [Fact]
    public async Task RunsTheNrwFukushimaQueryAndDocumentsCooperationEventsWithoutTheInternet()
    {
        Assert.Equal("ready", await browser.OpenAsync("/graphql"));
        await browser.WaitUntilAsync($"document.querySelector('{QueryEditor}') !== null");
        var query = await browser.EvaluateAsync<string>($"document.querySelector('{QueryEditor}').CodeMirror.getValue()");
        Assert.Contains("cooperationEvents(between: \"NRW\", and: \"Fukushima\")", query);

        // Run the query the page offers, as a user would: the ▶ button.
        await browser.ClickAsync(".graphiql-execute-button");
        await browser.WaitUntilAsync($"document.querySelector('{ResultViewer}').CodeMirror.getValue().includes('totalCount')");
        var shown = JsonNode.Parse(await browser.EvaluateAsync<string>($"document.querySelector('{ResultViewer}').CodeMirror.getValue()"))!;
        await browser.ScreenshotAsync(Artifact("graphiql.png"));

        // What GraphiQL shows is what the API answers to that query over HTTP.
        using var http = new HttpClient { BaseAddress = browser.BaseAddress };
        using var response = await http.PostAsJsonAsync("/graphql", new { query });
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(JsonNode.DeepEquals(answer, shown), $"GraphiQL shows\n{shown}\nbut the API answers\n{answer}");
        var events = shown["data"]!["cooperationEvents"]!["nodes"]!.AsArray();
        Assert.Contains(events, e => e!["type"]!.GetValue<string>() == "VISIT" && e["date"]!.GetValue<string>() == "2019-10");

        // The documentation explorer: Docs, the Query type, its field cooperationEvents with the arguments.
        await browser.ClickAsync("button[aria-label='Show Documentation Explorer']");
        await browser.WaitUntilAsync("[...document.querySelectorAll('.graphiql-doc-explorer-type-name')].some(a => a.textContent === 'Query')");
        await browser.EvaluateAsync<bool>("(() => { [...document.querySelectorAll('.graphiql-doc-explorer-type-name')].find(a => a.textContent === 'Query').click(); return true; })()");
        await browser.WaitUntilAsync("[...document.querySelectorAll('.graphiql-doc-explorer-field-name')].some(a => a.textContent === 'cooperationEvents')");
        await browser.EvaluateAsync<bool>("(() => { [...document.querySelectorAll('.graphiql-doc-explorer-field-name')].find(a => a.textContent === 'cooperationEvents').click(); return true; })()");
        await browser.WaitUntilAsync("document.querySelector('.graphiql-doc-explorer-title')?.textContent === 'cooperationEvents'");
        var arguments = await browser.EvaluateAsync<List<string>>("[...document.querySelectorAll('.graphiql-doc-explorer-argument-name')].map(a => a.textContent)");
        Assert.Contains("between", arguments);
        Assert.Contains("and", arguments);
        await browser.ScreenshotAsync(Artifact("graphiql-docs.png"));

        Assert.True(browser.Problems.Count == 0, "The page reported problems:\n" + string.Join("\n", browser.Problems));
        var elsewhere = browser.Requests.Where(u => !u.StartsWith(browser.BaseAddress.GetLeftPart(UriPartial.Authority) + "/", StringComparison.Ordinal) && !u.StartsWith("data:", StringComparison.Ordinal)).ToList();
        Assert.True(elsewhere.Count == 0, "The page asked for something outside the service:\n" + string.Join("\n", elsewhere));
    }

    [Fact]
    public async Task SaysItCouldNotStartGivenLibrariesThatDoNotLoad()
    {
        await browser.BlockUrlsAsync("*/graphiql/lib/*");
        try
        {
            Assert.Equal("error", await browser.OpenAsync("/graphql"));
            var message = await browser.EvaluateAsync<string>("document.querySelector('#graphiql[role=alert]').textContent");
            Assert.Contains("its libraries (/graphiql/lib/) did not load", message);
        }
        finally
        {
            await browser.BlockUrlsAsync();
        }
    }
}
