using RelationsGraph.Extraction;
using RelationsGraph.Model;

namespace RelationsGraph.Core.Tests.Extraction;

/// <summary>Every line of the agreement, action, figure and number lexicons carries an example; each example must be read as its line says.</summary>
public sealed class AgreementLexiconTests
{
    private static List<Token> Tokens(string s) => Tokenizer.Tokenize(s, 0, s.Length);

    public static TheoryData<string, string, string, string> AgreementWords()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var row in Gazetteer.Rows("Lexicon.agreements.tsv"))
            if (row.Length >= 6 && row[0] is not ("not" or "joint" or "wish" or "anniversary")) data.Add(row[0], row[1], row[3], row[5]);
        return data;
    }

    [Theory]
    [MemberData(nameof(AgreementWords))]
    public void ReadsTheExampleOfAnAgreementWordGivenItsClass(string cls, string language, string form, string example)
    {
        var t = Tokens(example);
        var expected = Enum.Parse<AgreementWordClass>(cls, true);
        Assert.True(Enumerable.Range(0, t.Count).Any(i => AgreementLexicon.At(t, i, language)?.Word.Class == expected), $"'{example}' has no {cls} word ({form})");
    }

    [Theory]
    [InlineData("Arbeitsvertrag")]
    [InlineData("Dankurkunde")]
    [InlineData("Vertrag")]
    [InlineData("Protokolls")]
    public void ReadsNoAgreementGivenAnExcludedWord(string word) =>
        Assert.Null(AgreementLexicon.At(Tokens(word), 0, "de"));

    public static TheoryData<string, string, string, string> ActionWords()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var row in Gazetteer.Rows("Lexicon.agreement-actions.tsv"))
            if (row.Length >= 5) data.Add(row[0], row[1], row[2], row[4]);
        return data;
    }

    [Theory]
    [MemberData(nameof(ActionWords))]
    public void ReadsTheExampleOfAnActionWordGivenItsStatus(string status, string language, string use, string example)
    {
        var expected = (Enum.Parse<AgreementStatus>(status, true), Enum.Parse<ActionUse>(use, true));
        Assert.Contains(Tokens(example), x => AgreementLexicon.Actions(x.Folded, language).Any(a => (a.Status, a.Use) == expected));
    }

    public static TheoryData<string, string, string> NumberLines()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var row in Gazetteer.Rows("Lexicon.numbers.tsv"))
            if (row.Length >= 5 && row[0] is "word" or "scale" or "unit" or "sign" or "signscale") data.Add(row[0], row[1] == "en" ? "en" : "de", row[4]);
        return data;
    }

    [Theory]
    [MemberData(nameof(NumberLines))]
    public void ReadsANumberGivenTheExampleOfANumberLine(string kind, string language, string example)
    {
        var t = Tokens(example);
        var found = Enumerable.Range(0, t.Count).Select(i => Numbers.At(t, i, language)).OfType<NumberMention>().ToList();
        Assert.NotEmpty(found);
        if (kind is "unit" or "sign") Assert.Contains(found, n => n.Unit is not null);
        if (kind is "scale" or "signscale") Assert.Contains(found, n => n.Value >= 1000);
    }
}
