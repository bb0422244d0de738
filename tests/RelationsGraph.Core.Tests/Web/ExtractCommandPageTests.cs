using System.Diagnostics;
using System.Text.Json.Nodes;

namespace RelationsGraph.Core.Tests.Web;

/// <summary><c>relationsgraph extract PAGE.html</c>, run as a process: the release of a saved newsroom page, with the page's headline and date.</summary>
public sealed class ExtractCommandPageTests
{
    private static readonly Release Release = new("empfang", "Ministerpräsidentin empfängt Generalkonsul von Japan",
    [
        "Ministerpräsidentin Karla Beispiel hat heute den neuen Generalkonsul von Japan in Düsseldorf, Hiroshi Tanabe, zu seinem Antrittsbesuch in der Staatskanzlei empfangen.",
        "Im Mittelpunkt des Gesprächs standen die Zusammenarbeit in Wissenschaft und Forschung sowie der Austausch von Studierenden zwischen Nordrhein-Westfalen und der Präfektur Fukushima.",
        "In Nordrhein-Westfalen leben rund 9.000 Japanerinnen und Japaner, mehr als 600 japanische Unternehmen haben hier ihren Sitz.",
    ], "2024-05-15", "de", "https://www.example.org/presse/empfang");

    [Fact]
    public async Task ExtractPrintsTheReleaseOfThePageGivenAnHtmlFile()
    {
        var work = Directory.CreateTempSubdirectory("extract-page-").FullName;
        try
        {
            var file = Path.Combine(work, "empfang.html");
            await File.WriteAllTextAsync(file, NewsroomPages.All.Single(l => l.Name == "state-chancellery").Render(Release));
            using var p = Process.Start(RelationsGraphCommand.Start(work, new Dictionary<string, string>(), "extract", file))!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = await p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            Assert.True(p.ExitCode == 0, stderr);
            var json = JsonNode.Parse(await stdout)!;
            Assert.Equal(Release.Title, json["document"]!["title"]!.GetValue<string>());
            // the release's paragraphs hold no date: the page states it in its head and the article's header
            Assert.Equal("2024-05-15", json["document"]!["published"]!.GetValue<string>());
            var persons = json["persons"]!.AsArray().Select(x => x!["name"]!.GetValue<string>()).ToList();
            Assert.Contains("Hiroshi Tanabe", persons);
            Assert.DoesNotContain(persons, n => n.Contains("Lindqvist") || n.Contains("Mendes"));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
