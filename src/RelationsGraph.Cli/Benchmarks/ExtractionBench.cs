using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;

namespace RelationsGraph.Cli.Benchmarks;

/// <summary>relationsgraph bench extraction: documents/s and MB/s of extraction and graph building on a generated corpus.</summary>
internal static class ExtractionBench
{
    public static int Run(int documents, int seed, string? writeTo, TextWriter output)
    {
        output.WriteLine($"Machine: {Machine.Describe()}");
        var sw = Stopwatch.StartNew();
        var corpus = new PressReleaseGenerator(seed).Generate(documents).ToList();
        var bytes = corpus.Sum(d => (long)Encoding.UTF8.GetByteCount(d.Text));
        var words = corpus.Select(d => d.Text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Length).Order().ToList();
        output.WriteLine($"Corpus: {corpus.Count:N0} generated press releases (seed {seed}), {corpus.Count(d => d.Language == "de"):N0} German, {corpus.Count(d => d.Language == "en"):N0} English, " +
            $"{bytes / 1e6:N2} MB UTF-8, words min {words[0]} / median {words[words.Count / 2]} / max {words[^1]}; generated in {sw.Elapsed.TotalSeconds:N1} s");
        if (writeTo is not null)
        {
            Directory.CreateDirectory(writeTo);
            foreach (var d in corpus) File.WriteAllText(Path.Combine(writeTo, d.Name), d.Text);
            output.WriteLine($"Written to {Path.GetFullPath(writeTo)}");
        }

        var extractor = new PressReleaseExtractor();
        var builder = new GraphBuilder();
        long nodes = 0, edges = 0;
        void One(GeneratedRelease d, ref long n, ref long e)
        {
            var g = builder.Build(extractor.Extract(SourceText.From(d.Text, SourceFormat.Text), new DocumentHints(SourceName: d.Name)));
            n += g.Nodes.Count;
            e += g.Edges.Count;
        }

        // Warm-up: JIT, tiered compilation, the gazetteer.
        long wn = 0, we = 0;
        var warm = Stopwatch.StartNew();
        foreach (var d in corpus.Take(Math.Min(500, corpus.Count))) One(d, ref wn, ref we);
        while (warm.Elapsed < TimeSpan.FromSeconds(3)) foreach (var d in corpus.Take(200)) One(d, ref wn, ref we);

        // Stages, single-threaded: normalize, extract, build.
        var tNormalize = new Stopwatch();
        var tExtract = new Stopwatch();
        var tBuild = new Stopwatch();
        var perDoc = new List<double>(corpus.Count);
        GC.Collect();
        var single = Stopwatch.StartNew();
        foreach (var d in corpus)
        {
            var start = single.Elapsed.TotalMilliseconds;
            tNormalize.Start();
            var source = SourceText.From(d.Text, SourceFormat.Text);
            tNormalize.Stop();
            tExtract.Start();
            var r = extractor.Extract(source, new DocumentHints(SourceName: d.Name));
            tExtract.Stop();
            tBuild.Start();
            var g = builder.Build(r);
            tBuild.Stop();
            nodes += g.Nodes.Count;
            edges += g.Edges.Count;
            perDoc.Add(single.Elapsed.TotalMilliseconds - start);
        }
        single.Stop();
        perDoc.Sort();
        var s = single.Elapsed.TotalSeconds;
        output.WriteLine($"Single thread : {corpus.Count / s,8:N0} documents/s, {bytes / 1e6 / s,6:N2} MB/s ({s:N2} s; per document p50 {Machine.Percentile(perDoc, 0.5):N2} ms, p99 {Machine.Percentile(perDoc, 0.99):N2} ms, max {perDoc[^1]:N1} ms)");
        output.WriteLine($"  stages     : normalize {tNormalize.Elapsed.TotalSeconds / s:P0}, extract {tExtract.Elapsed.TotalSeconds / s:P0}, graph build {tBuild.Elapsed.TotalSeconds / s:P0}; {nodes:N0} nodes and {edges:N0} edges built ({(double)edges / corpus.Count:N1} edges per document)");

        var parallel = Stopwatch.StartNew();
        var bag = new ConcurrentBag<int>();
        Parallel.ForEach(corpus, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, () => 0L, (d, _, count) =>
        {
            long n = 0, e = 0;
            One(d, ref n, ref e);
            return count + e;
        }, total => bag.Add((int)total));
        parallel.Stop();
        var p = parallel.Elapsed.TotalSeconds;
        output.WriteLine($"Parallel ({Environment.ProcessorCount} threads): {corpus.Count / p,8:N0} documents/s, {bytes / 1e6 / p,6:N2} MB/s ({p:N2} s; {s / p:N2}x single thread; {bag.Sum():N0} edges)");
        output.WriteLine($"Target 1,000 documents/s on 2 cores: {(corpus.Count / p >= 1000 ? "met" : "NOT met")}.");
        return 0;
    }
}
