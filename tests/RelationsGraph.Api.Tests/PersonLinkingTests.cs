namespace RelationsGraph.Api.Tests;

/// <summary>
/// One person across two fictional releases, over HTTP: a Japanese mission's style ("KATO Kikuko", family
/// name first in capitals) in one, "Generalkonsulin Kato" in the next. Needs the extractor to write the first
/// as Kikuko Kato with the release's form as an alias.
/// </summary>
public sealed class PersonLinkingTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string FamilyNameFirst = """
        Neue Generalkonsulin von Japan zu Gast in der Staatskanzlei

        München, 10. April 2024

        Ministerpräsident Jonas Feldmann hat am Mittwoch die neue Generalkonsulin von Japan in München, KATO Kikuko, zu ihrem Antrittsbesuch in der Staatskanzlei empfangen. Im Gespräch ging es um den Austausch von Studierenden.
        """;

    private const string SurnameWithTitle = """
        Generalkonsulin Kato besucht Augsburg

        Augsburg, 3. Juni 2024

        Oberbürgermeisterin Anna Berger hat Generalkonsulin Kato im Rathaus empfangen. Die Generalkonsulin von Japan in München informierte sich über die Partnerschaften der Stadt.
        """;

    private async Task IngestAsync(string text, string url)
    {
        var (_, body) = await api.PostAsync(IngestDocumentMutationTests.Mutation,
            new { input = new { title = text.Split('\n')[0], text, url } }, ApiFactory.WriterKey);
        Assert.True(body["errors"] is null, body.ToJsonString());
    }

    [Fact]
    public async Task PersonIsOneGivenFamilyNameFirstInOneReleaseAndTitleWithSurnameInTheNext()
    {
        await IngestAsync(FamilyNameFirst, "https://example.org/kato-antrittsbesuch");
        await IngestAsync(SurnameWithTitle, "https://example.org/kato-augsburg");

        var r = await api.QueryAsync("""{ search(text: "Kato") { nodes { label name } } }""");
        Assert.True(r["errors"] is null, r.ToJsonString());
        var people = r["data"]!["search"]!["nodes"]!.AsArray().Where(n => n!["label"].Str() == "Person").Select(n => n!["name"].Str()).ToList();
        Assert.Equal(["Kikuko Kato"], people);

        var person = await api.QueryAsync("""{ person(ref: "KATO Kikuko") { name aliases offices { title } } }""");
        Assert.True(person["errors"] is null, person.ToJsonString());
        Assert.Contains("Kato", person["data"]!["person"]!["aliases"]!.AsArray().Select(a => a.Str()));
    }
}
