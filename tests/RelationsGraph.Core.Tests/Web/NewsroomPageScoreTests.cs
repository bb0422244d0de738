using System.Diagnostics;
using System.Text.Json.Nodes;
using RelationsGraph.Extraction;
using RelationsGraph.Web;
using Xunit.Abstractions;

namespace RelationsGraph.Core.Tests.Web;

/// <summary>
/// The releases of the dev corpus and of <c>../shared/corpus-real</c> (read in place, never copied), put
/// on the newsroom pages of <see cref="NewsroomPages"/>, extracted from the pages and scored against their
/// gold with the project's scorer (<c>../shared/eval/score.py</c>): the pages must score as the plain
/// texts do, within 0.01 micro F1, and every quote must be found in the text read from the page.
/// </summary>
public sealed class NewsroomPageScoreTests(ITestOutputHelper output)
{
    private const double Tolerance = 0.01;

    internal static string Shared => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared"));

    internal static string Scorer => Path.Combine(Shared, "eval", "score.py");

    [ScorerFact]
    public void DevCorpusPagesScoreAsTheirTexts()
    {
        var corpus = Path.Combine(RepositoryPaths.Root, "tests", "corpus");
        ScoreWithinToleranceOfText("tests/corpus", corpus, corpus);
    }

    [ScorerFact(NeedsRealCorpus = true)]
    public void RealCorpusPagesScoreAsTheirTexts() =>
        ScoreWithinToleranceOfText("corpus-real", Path.Combine(Shared, "corpus-real", "docs"), Path.Combine(Shared, "corpus-real", "gold"));

    private void ScoreWithinToleranceOfText(string label, string docs, string gold)
    {
        var work = Directory.CreateTempSubdirectory("newsroom-pages-");
        try
        {
            var extractor = new PressReleaseExtractor();
            var files = Directory.GetFiles(docs, "*.txt").Where(f => File.Exists(Path.Combine(gold, Path.GetFileNameWithoutExtension(f) + ".json"))).Order().ToList();
            Assert.NotEmpty(files);
            var textPred = Directory.CreateDirectory(Path.Combine(work.FullName, "txt")).FullName;
            foreach (var f in files)
            {
                var r = extractor.Extract(SourceText.Read(f), new DocumentHints(SourceName: Path.GetFileName(f)));
                File.WriteAllText(Path.Combine(textPred, Path.GetFileNameWithoutExtension(f) + ".json"), InterchangeFormat.ToJson(r));
            }
            var textScore = Score(gold, textPred, docs);
            var report = new List<string> { $"{label}: {files.Count} releases; micro F1 txt {F1(textScore):0.000}" };
            var failures = new List<string>();
            foreach (var layout in NewsroomPages.All)
            {
                var pred = Directory.CreateDirectory(Path.Combine(work.FullName, layout.Name, "pred")).FullName;
                var read = Directory.CreateDirectory(Path.Combine(work.FullName, layout.Name, "docs")).FullName;
                foreach (var f in files)
                {
                    var name = Path.GetFileNameWithoutExtension(f);
                    var release = ReleaseOf(f, Path.Combine(gold, name + ".json"));
                    var pageUrl = new Uri(release.Url);
                    var page = HtmlPageReader.Read(layout.Render(release), pageUrl);
                    var source = SourceText.From(page);
                    var r = extractor.Extract(source, new DocumentHints(SourceName: name + ".html", Url: (page.CanonicalUrl ?? pageUrl).AbsoluteUri));
                    File.WriteAllText(Path.Combine(pred, name + ".json"), InterchangeFormat.ToJson(r));
                    // the scorer checks each quote against the text it came from: the text read from the page
                    File.WriteAllText(Path.Combine(read, name + ".txt"), source.Text);
                }
                var score = Score(gold, pred, read);
                var verbatim = score["quotes_verbatim"]?.GetValue<double>();
                report.Add($"  {layout.Name,-20} micro F1 {F1(score):0.000} (P {score["micro"]!["precision"]!.GetValue<double>():0.000}, R {score["micro"]!["recall"]!.GetValue<double>():0.000}), quotes verbatim {verbatim:P0}");
                if (Math.Abs(F1(score) - F1(textScore)) > Tolerance)
                    failures.Add($"{layout.Name}: micro F1 {F1(score):0.000} against {F1(textScore):0.000} from the .txt files");
                if (verbatim is < 1.0) failures.Add($"{layout.Name}: only {verbatim:P1} of the quotes are in the text read from the page");
            }
            foreach (var line in report) output.WriteLine(line);
            Assert.True(failures.Count == 0, string.Join("\n", failures.Concat(report)));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static double F1(JsonNode score) => score["micro"]!["f1"]!.GetValue<double>();

    /// <summary>The release's text and what its gold says a CMS would know: publication date, language, address.</summary>
    private static Release ReleaseOf(string textFile, string goldFile)
    {
        var document = JsonNode.Parse(File.ReadAllText(goldFile))!["document"];
        var published = document?["published"]?.GetValue<string>();
        // a CMS stores a day; a release dated by month only gets no metadata date
        if (published is { Length: not 10 }) published = null;
        return Release.FromText(Path.GetFileNameWithoutExtension(textFile), File.ReadAllText(textFile), published,
            document?["language"]?.GetValue<string>(), document?["source"]?.GetValue<string>());
    }

    private static JsonNode Score(string gold, string pred, string docs)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Scorer, "--gold", gold, "--pred", pred, "--docs", docs, "--json" }) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"score.py failed ({p.ExitCode}): {stderr}");
        return JsonNode.Parse(stdout.Result)!;
    }
}

/// <summary>A test that needs the project's scorer beside the repository (<c>../shared/eval/score.py</c>) and python3; skipped, saying so, where they are not.</summary>
public sealed class ScorerFactAttribute : FactAttribute
{
    private bool needsRealCorpus;

    public ScorerFactAttribute()
    {
        if (!File.Exists(NewsroomPageScoreTests.Scorer)) Skip = $"The scorer is not at {NewsroomPageScoreTests.Scorer}.";
    }

    /// <summary>Also needs <c>../shared/corpus-real</c>.</summary>
    public bool NeedsRealCorpus
    {
        get => needsRealCorpus;
        set
        {
            needsRealCorpus = value;
            var docs = Path.Combine(NewsroomPageScoreTests.Shared, "corpus-real", "docs");
            if (value && Skip is null && !Directory.Exists(docs)) Skip = $"The real press releases are not at {docs}.";
        }
    }
}
