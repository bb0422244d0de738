using System.Text.RegularExpressions;
using RelationsGraph.Text;

namespace RelationsGraph.Extraction;

/// <summary>A word, number or punctuation mark of the text, with its offsets.</summary>
internal sealed record Token(string Text, int Start, int End, string Folded)
{
    public bool IsWord => char.IsLetter(Text[0]);
    public bool IsCapitalized => char.IsUpper(Text[0]);
    public bool IsNumber => char.IsDigit(Text[0]);
    public bool IsPunct => !char.IsLetterOrDigit(Text[0]);
    public bool IsAllCaps => Text.Length > 1 && Text.All(c => !char.IsLetter(c) || char.IsUpper(c)) && Text.Any(char.IsLetter);
    public bool Is(string folded) => Folded == folded;
    public override string ToString() => Text;
}

internal static partial class Tokenizer
{
    // Words keep inner hyphens, dots and apostrophes (Nordrhein-Westfalen, NRW.INVEST, U.S., Côte d'Ivoire);
    // numbers keep their separators (11.000, 2,7, 1,200).
    // a period inside a word is followed by a letter ("NRW.INVEST"); "Beziehungen.1994" is a word, a period and a year.
    [GeneratedRegex(@"\d+(?:[.,]\d+)*|[\p{L}\p{M}]+(?:[-'’&][\p{L}\p{M}\d]+|\.[\p{L}\p{M}][\p{L}\p{M}\d]*)*|[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\s\p{L}\p{M}\d]")]
    private static partial Regex TokenPattern();

    public static List<Token> Tokenize(string text, int start, int end)
    {
        var tokens = new List<Token>();
        foreach (Match m in TokenPattern().Matches(text[start..end]))
        {
            var t = m.Value;
            tokens.Add(new Token(t, start + m.Index, start + m.Index + t.Length, TextFold.Fold(t)));
        }
        return tokens;
    }
}
