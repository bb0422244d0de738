using System.Diagnostics;
using System.Text;
using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Ingestion;
using RelationsGraph.Stores.Embedded;

namespace RelationsGraph.Core.Tests.Ingestion;

/// <summary>
/// Malformed documents get a clear reason in bounded time and memory, and nothing of them is stored.
/// The time bounds are hang guards (a loop that never ends), not performance claims.
/// </summary>
public sealed class HostileDocumentTests() : EmbeddedIngestionTests("rg-hostile-")
{
    private async Task<string> RejectedAsync(string name, byte[] content, TimeSpan within)
    {
        var path = Path.Combine(folder, name);
        await File.WriteAllBytesAsync(path, content);
        var clock = Stopwatch.StartNew();
        var result = await ingestor.IngestFileAsync(path, default);
        Assert.True(clock.Elapsed < within, $"{name} took {clock.Elapsed}");
        Assert.NotNull(result.Error);
        Assert.Equal(0, (await store.CountAsync(default)).Documents);
        return result.Error!;
    }

    [Fact]
    public async Task ABinaryFileIsRejectedAsBinary()
    {
        var bytes = new byte[64 * 1024];
        new Random(7).NextBytes(bytes);
        bytes[10] = 0;
        Assert.Matches("binary|UTF-8", await RejectedAsync("photo.txt", bytes, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task InvalidUtf8IsRejectedWithTheByteOffset()
    {
        var bytes = Encoding.UTF8.GetBytes("Ministerpräsident empfängt Botschafter ").Concat(new byte[] { 0xC3, 0x28 }).ToArray();
        Assert.Contains("not valid UTF-8 (at byte", await RejectedAsync("latin.txt", bytes, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A50MegabyteFileIsRejectedBeforeItIsRead()
    {
        var path = Path.Combine(folder, "huge.txt");
        await using (var f = File.Create(path)) f.SetLength(50L * 1024 * 1024);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DocumentRejectedException>(() => SourceText.Read(path));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024 * 1024, "the file must not be read into memory");
        Assert.Contains("bytes; at most", e.Message);
        Assert.Contains("bytes; at most", (await ingestor.IngestFileAsync(path, default)).Error);
        Assert.Equal(0, (await store.CountAsync(default)).Documents);
    }

    [Fact]
    public async Task AOneMillionCharacterLineEndsInBoundedTimeWithAReason()
    {
        var line = string.Concat(Enumerable.Repeat("lorem ipsum dolor sit amet ", 1_000_000 / 27 + 1))[..1_000_000];
        await RejectedAsync("line.txt", Encoding.UTF8.GetBytes(line), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task DeeplyNestedHtmlDoesNotOverflowTheStack()
    {
        var html = string.Concat(Enumerable.Repeat("<div><span>", 100_000)) + "x" + string.Concat(Enumerable.Repeat("</span></div>", 100_000));
        await RejectedAsync("nested.html", Encoding.UTF8.GetBytes(html), TimeSpan.FromSeconds(60));
    }

    /// <summary>Words of the genre and junk, in any order: dates, numbers, titles, places, markup, odd characters.</summary>
    private static Gen<T> Pick<T>(params T[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    private static readonly Gen<string> Token = Gen.Frequency(
        (6, Pick("Ministerpräsident", "Botschafterin", "Generalkonsul", "von", "Japan", "in", "Nordrhein-Westfalen", "Düsseldorf",
            "Präfektur", "Fukushima", "am", "3.", "Mai", "2024", "12.–15.", "März", "rund", "12.500", "über", "2,7", "Milliarden", "Euro", "more",
            "than", "1,200", "Governor", "of", "Kanagawa", "signed", "a", "Memorandum", "Abkommen", "verlängert", "Delegation", "empfing", "heute",
            "last", "Tuesday", "Herr", "Frau", "Dr.", "Stand:", "(", ")", ",", ".", ":", "–", "\n", "\n\n", "Foto:", "Pressekontakt")),
        (2, Pick("<b>", "</b>", "<p>", "<script>x</script>", "&amp;", "&#0;", "\u00AD", "\u200B", "😀", "\t", "\r", "\uFFFD")),
        (1, Gen.String));

    [Fact]
    public void AnyTextEitherExtractsWithVerbatimQuotesOrIsRejectedWithAReason()
    {
        var extractor = new PressReleaseExtractor();
        var builder = new GraphBuilder();
        Gen.Select(Token.Array[0, 300], Pick(SourceFormat.Text, SourceFormat.Markdown, SourceFormat.Html), (tokens, format) => (Text: string.Join(" ", tokens), Format: format))
            .Sample(t =>
            {
                try
                {
                    var r = extractor.Extract(SourceText.From(t.Text, t.Format), new DocumentHints(SourceName: "random.txt"));
                    var g = builder.Build(r);
                    Assert.All(g.Nodes.SelectMany(n => n.Evidence).Concat(g.Edges.SelectMany(e => e.Evidence)), e => Assert.Equal(e.Quote, r.Text[e.Start..e.End]));
                }
                catch (DocumentRejectedException e)
                {
                    Assert.False(string.IsNullOrWhiteSpace(e.Message));
                }
            }, iter: 500);
    }
}

public sealed class TextFoldTests
{
    [Theory]
    [InlineData("\ud800", "")]
    [InlineData("Japan\udc00", "japan")]
    [InlineData("Düsseldorf 😀", "dusseldorf")]
    [InlineData("Straße", "strasse")]
    public void FoldTakesAnyStringEvenHalfAnEmoji(string text, string folded) => Assert.Equal(folded, Text.TextFold.Fold(text));
}

public sealed class FlaggedDocumentTests
{
    [Fact]
    public async Task AFrenchReleaseIsNotStoredAndTheWorkerSetsItAsideSayingWhy()
    {
        var folder = Path.Combine(Path.GetTempPath(), "rg-flag-" + Guid.NewGuid().ToString("N"));
        var inbox = Path.Combine(folder, "inbox");
        Directory.CreateDirectory(inbox);
        await File.WriteAllTextAsync(Path.Combine(inbox, "fr.txt"),
            "Le ministre-président de la Rhénanie-du-Nord-Westphalie a reçu aujourd'hui à Düsseldorf l'ambassadeur du Japon. " +
            "Les deux parties ont souligné l'importance de la coopération économique et scientifique entre la région et le Japon.");
        using var store = new EmbeddedGraphStore(Options.Create(new EmbeddedStoreOptions { DataDirectory = Path.Combine(folder, "data") }), NullLogger<EmbeddedGraphStore>.Instance);
        await store.InitializeAsync(default);
        var ingestor = new DocumentIngestor(store, new PressReleaseExtractor(), new GraphBuilder(), NullLogger<DocumentIngestor>.Instance);
        var worker = new InboxWorker(store, ingestor, Options.Create(new WorkerOptions { Inbox = inbox }), NullLogger<InboxWorker>.Instance);
        await worker.PassAsync(default);

        Assert.Equal(0, (await store.CountAsync(default)).Documents);
        var reason = await File.ReadAllTextAsync(Path.Combine(inbox, "rejected", "fr.txt.reason.txt"));
        Assert.Contains("French", reason);
        Assert.Contains("German and English", reason);
        Directory.Delete(folder, recursive: true);
    }
}
