using System.Text.RegularExpressions;
using RelationsGraph.Text;

namespace RelationsGraph.Extraction;

/// <summary>A line of the document and what role it plays in a press release.</summary>
internal sealed record Line(int Start, int End, string Text, LineRole Role);

internal enum LineRole { Content, Heading, Boilerplate }

/// <summary>A sentence, or a clause of one (split at semicolons), with its tokens.</summary>
internal sealed record Clause(int Start, int End, IReadOnlyList<Token> Tokens, int SentenceStart, int SentenceEnd, bool InHeading, int LineStart = 0);

/// <summary>
/// Splits a press release into lines and sentences, and tells content from boilerplate: press-contact
/// footers, photo captions and gallery notes must not become facts.
/// </summary>
internal static partial class Segmenter
{
    private static readonly HashSet<string> FooterHeadings =
    [
        "kontakt", "pressekontakt", "presse kontakt", "medienkontakt", "pressestelle", "burgeranfragen", "ansprechpartner",
        "ansprechpartnerin", "impressum", "kontakt fur medien", "press contact", "press contacts", "media contact",
        "media contacts", "contact", "contacts", "press office", "media enquiries", "media inquiries", "for more information",
        "weitere informationen", "uber uns", "about us", "notes to editors", "hinweis fur redaktionen", "ruckfragehinweis", "ruckfragen", "ends",
    ];

    // Abbreviations after which a period does not end a sentence.
    private static readonly HashSet<string> Abbreviations =
    [
        "z", "b", "dr", "prof", "st", "ca", "bzw", "u", "a", "v", "nr", "abs", "vgl", "inkl", "ggf", "usw", "etc", "sog", "mio", "mrd",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "oct", "nov", "dez", "dec", "mr", "mrs", "ms", "no",
        "gen", "min", "hr", "fr", "hl", "evtl", "bspw", "d", "h", "i", "e", "g", "s", "vs", "jr", "sr", "co", "inc", "ltd", "corp",
        "tel", "str", "bzgl", "gem", "lt", "zzgl", "u.a", "z.b", "o", "mdl", "mdb", "mdep", "mep",
    ];

    public static List<Line> Lines(string text)
    {
        var lines = new List<Line>();
        var footer = false;
        var pos = 0;
        while (pos <= text.Length)
        {
            var nl = text.IndexOf('\n', pos);
            var end = nl < 0 ? text.Length : nl;
            var raw = text[pos..end];
            var trimmed = raw.Trim();
            if (trimmed.Length > 0)
            {
                var s = pos + raw.IndexOf(trimmed, StringComparison.Ordinal);
                var folded = TextFold.Fold(trimmed);
                if (FooterHeadings.Contains(folded)) footer = true;
                var role = footer || IsBoilerplate(trimmed) ? LineRole.Boilerplate
                    : IsHeading(trimmed) ? LineRole.Heading
                    : LineRole.Content;
                lines.Add(new Line(s, s + trimmed.Length, trimmed, role));
            }
            if (nl < 0) break;
            pos = nl + 1;
        }
        return lines;
    }

    private static bool IsBoilerplate(string line) =>
        CaptionStart().IsMatch(line) || ContactInfo().IsMatch(line);

    // A heading has no sentence-final punctuation; a short line is a heading even with a verb in it. A paragraph
    // that holds whole sentences is running text even when it ends mid-sentence (a page cut off, "... Kooperationen. /if");
    // a title is short, even with an abbreviation in it ("Oberbürgermeister Dr. Weichel besucht ...").
    private static bool IsHeading(string line) => !SentenceEnd().IsMatch(line) && !(line.Length > 150 && InnerSentenceEnd().IsMatch(line));

    [GeneratedRegex(@"\p{Ll}[.!?] +\p{Lu}\p{Ll}+ \p{Ll}+ ")]
    private static partial Regex InnerSentenceEnd();

    [GeneratedRegex(@"^(\(?(Foto|Fotos|Bild|Bilder|Photo|Photos|Image|Picture|Bildunterschrift|Caption|Quelle|Source|Credit|Press contact|Media contact|Pressekontakt|Medienkontakt|Kontakt|Contact)\b\s*:|©|\(c\)|Zum Download\b|Download\b|Bildergalerie|Galerie\b|Gallery\b|Mediathek\b)", RegexOptions.IgnoreCase)]
    private static partial Regex CaptionStart();

    [GeneratedRegex(@"(\b(Telefon|Tel\.|Phone|Fax|E-Mail|Email|Mail)\s*:|\[at\]|@\w|https?://|www\.)", RegexOptions.IgnoreCase)]
    private static partial Regex ContactInfo();

    [GeneratedRegex(@"[.!?“”""»«)]\s*$")]
    private static partial Regex SentenceEnd();

    /// <summary>Sentences of a line, each cut into clauses at semicolons.</summary>
    public static IEnumerable<Clause> Clauses(string text, Line line)
    {
        var tokens = Tokenizer.Tokenize(text, line.Start, line.End);
        var sentenceStart = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!EndsSentence(tokens, i)) continue;
            foreach (var c in SplitClauses(tokens, sentenceStart, i + 1, line.Role == LineRole.Heading)) yield return c with { LineStart = line.Start };
            sentenceStart = i + 1;
        }
        if (sentenceStart < tokens.Count)
            foreach (var c in SplitClauses(tokens, sentenceStart, tokens.Count, line.Role == LineRole.Heading)) yield return c with { LineStart = line.Start };
    }

    private static IEnumerable<Clause> SplitClauses(List<Token> tokens, int from, int to, bool heading)
    {
        var sStart = tokens[from].Start;
        var sEnd = tokens[to - 1].End;
        var start = from;
        for (var i = from; i < to; i++)
        {
            if (tokens[i].Text != ";") continue;
            if (i > start) yield return Make(tokens, start, i, sStart, sEnd, heading);
            start = i + 1;
        }
        if (start < to) yield return Make(tokens, start, to, sStart, sEnd, heading);
    }

    private static Clause Make(List<Token> tokens, int from, int to, int sStart, int sEnd, bool heading)
    {
        // A clause's quote ends before closing punctuation that belongs to the sentence.
        var last = to - 1;
        while (last > from && tokens[last].IsPunct && tokens[last].Text is "." or ";" or "!" or "?" or ",") last--;
        var slice = tokens.GetRange(from, to - from);
        return new Clause(tokens[from].Start, tokens[last].End, slice, sStart, sEnd, heading);
    }

    private static bool EndsSentence(List<Token> tokens, int i)
    {
        var t = tokens[i];
        if (t.Text is not ("." or "!" or "?")) return false;
        if (i + 1 >= tokens.Count) return true;
        var next = tokens[i + 1];
        // closing quotes belong to the sentence they close
        if (next.Text is "“" or "\"" or "”" or "«" or "»" or ")") return false;
        if (!(next.IsCapitalized || next.IsNumber || next.Text is "„" or "\"" or "“" or "(")) return false;
        if (i == 0) return true;
        var prev = tokens[i - 1];
        // "4. September", "am 3. Mai", "12.–15. März": an ordinal, not an end
        if (prev.IsNumber && prev.Text.Length <= 2) return false;
        if (prev.IsWord && (Abbreviations.Contains(prev.Folded) || prev.Text.Length == 1 || NameLexicon.Shared.EndsHonorific(prev.Folded))) return false;
        return true;
    }
}
