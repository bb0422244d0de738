using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Core.Tests.Stores;

/// <summary>A retracted document leaves no trace: not in the facts only it stated, nor in the names and data of nodes others state too.</summary>
public abstract partial class GraphStoreConformance
{
    [Fact]
    public async Task RetractingTheDocumentWhoseVersionOfANodeWinsLeavesTheGraphAsIfItHadNeverBeenWritten()
    {
        await store.WriteDocumentAsync(Seed, default);
        var seedOnly = await ExportAroundCountriesAsync(store);

        // a later release states Iwama with one more alias and NRW with one more name: its versions win
        var doc = new Document("doc:later", "Later", null, new FuzzyDate(2022, 1, 5), null, "de", "h-later", null);
        var iwama = (Person)Seed.Nodes.Single(n => n.Node is Person { Name: "Kiminori Iwama" }).Node;
        var nrw = (Place)Seed.Nodes.Single(n => n.Node.Id == "DE-NW").Node;
        EvidenceSpan Quote(string q) => new(doc.Id, q, 0, q.Length);
        await store.WriteDocumentAsync(new DocumentGraph(doc,
            [new NodeFact(iwama with { Aliases = [.. iwama.Aliases, "K. Iwama"] }, [Quote("K. Iwama")]),
             new NodeFact(nrw with { Aliases = [.. nrw.Aliases, "Rhein-Ruhr-Land"] }, [Quote("Rhein-Ruhr-Land")])], []), default);
        Assert.Contains("K. Iwama", ((Person)(await store.GetNodesAsync([iwama.Id], default)).Single()).Aliases);
        Assert.Equal(nrw.Id, Assert.Single(await store.ResolveAsync("Rhein-Ruhr-Land", default)).Id);

        Assert.True(await store.DeleteDocumentAsync(doc.Id, default));
        Assert.DoesNotContain("K. Iwama", ((Person)(await store.GetNodesAsync([iwama.Id], default)).Single()).Aliases);
        Assert.Empty(await store.ResolveAsync("K. Iwama", default));
        Assert.Empty(await store.ResolveAsync("Rhein-Ruhr-Land", default));
        var after = await ExportAroundCountriesAsync(store);
        Assert.Equal(seedOnly.GraphML, after.GraphML);
        Assert.Equal(seedOnly.Cypher, after.Cypher);
    }
}
