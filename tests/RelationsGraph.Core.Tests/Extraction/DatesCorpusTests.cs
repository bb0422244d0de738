using RelationsGraph.Extraction;
using RelationsGraph.Model;

namespace RelationsGraph.Core.Tests.Extraction;

/// <summary>Runs the examples of Lexicon/dates-examples.tsv: each text at its reference date gives exactly the dates listed.</summary>
public sealed class DatesCorpusTests
{
    public static TheoryData<string, string, string, string> Examples()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var row in Gazetteer.Rows("Lexicon.dates-examples.tsv").Where(r => r[0] != "lang"))
            data.Add(row[0], row[1], row[2], row[3]);
        return data;
    }

    [Fact]
    public void DatesExamplesHoldPositiveAndNegativeExamplesOfBothLanguages()
    {
        var rows = Examples().Select(r => ((string)r[0], (string)r[3])).ToList();
        foreach (var lang in new[] { "de", "en" })
        {
            Assert.Contains(rows, r => r.Item1 == lang && r.Item2 == "-");
            Assert.Contains(rows, r => r.Item1 == lang && r.Item2 != "-");
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void DatesFindsTheExampleDatesGivenTheirReferenceDate(string lang, string reference, string text, string expected)
    {
        _ = lang;
        var found = Dates.Find(Tokenizer.Tokenize(text, 0, text.Length), FuzzyDate.Parse(reference));
        Assert.Equal(expected, found.Count == 0 ? "-" : string.Join(" ", found.Select(d => d.Date.ToString())));
    }
}
