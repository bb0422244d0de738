using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Extraction;

// Office titles with their jurisdiction and seat.
internal sealed partial class Recognizer
{
    // ---------------------------------------------------------------- offices

    private void FindOffices(ClauseMentions m, IReadOnlyList<Token> t)
    {
        for (var i = 0; i < t.Count; i++)
        {
            if (!t[i].IsWord) continue;
            var (len, forms) = gazetteer.Offices.Match(t, i);
            OfficeForm? form = forms.FirstOrDefault(f => f.Language == language) ?? forms.FirstOrDefault();
            // "the honorary consul of Chile, Dr. Rojas": a title in lower case after a determiner
            if (!t[i].IsCapitalized && !(form is { LowerCase: true } && language == "en" && i > 0 && LowerTitleDeterminers.Contains(t[i - 1].Folded))) continue;
            if (len == 0 && language == "de" && IsMinisterCompound(t[i]))
            {
                form = new OfficeForm("minister", "de", t[i].Text.EndsWith("in", StringComparison.Ordinal) ? t[i].Text[..^2] : t[i].Text.TrimEnd('s'), "home-state", TakesPortfolio: true);
                len = 1;
            }
            if (form is null || len == 0) continue;
            var first = i;
            var titleLast = i + len - 1;
            var last = titleLast;
            string? jurisdiction = null, seat = null;
            var isExplicit = false;
            // "der japanische Botschafter", "the Japanese Ambassador"
            if (i > 0 && m.AdjectiveAt(i - 1) is { IsDemonym: false } adj) { jurisdiction = adj.PlaceId; first = adj.First; isExplicit = true; }
            // "Tirols Landeshauptmann", "Hessens Ministerpräsidentin": a place in the genitive before the title
            else if (i > 0 && language == "de" && m.PlaceAt(i - 1) is { } genitive && genitive.Last == i - 1 && t[i - 1].Folded.EndsWith('s')
                     && !genitive.Candidates.Any(c => Gazetteer.Fold(c.Name(language)) == t[i - 1].Folded) && Choose(genitive) is { } owner)
            {
                jurisdiction = owner.Id;
                first = genitive.First;
                isExplicit = true;
            }
            // portfolio: "Staatsministerin für Europa", "Minister for Foreign Affairs"
            var k = last + 1;
            var portfolioOf = language == "en" && k + 1 < t.Count && t[k].Folded == "of" && t[k + 1].IsCapitalized && m.PlaceAt(k + 1) is null
                && gazetteer.Offices.Match(t, k + 1).Length == 0 && !(t[k + 1].Folded == "the" && m.PlaceAt(k + 2) is not null);
            if (k < t.Count && (t[k].Folded is "fur" or "for" || portfolioOf) && form.TakesPortfolio)
                last = PortfolioEnd(m, t, k + 1);
            var (place, placeLast) = JurisdictionAfter(m, t, last + 1);
            if (place is not null && jurisdiction is null) { jurisdiction = place.Id; last = placeLast; isExplicit = true; }
            // seat: "Generalkonsul von Japan in Nordrhein-Westfalen", "Ambassador to Germany"
            if (jurisdiction is not null && last + 2 < t.Count && t[last + 1].Folded is "in" or "to" or "bei" or "at" && m.PlaceAt(last + 2) is { } seatHit && seatHit.First == last + 2)
            {
                seat = Choose(seatHit)?.Id;
                last = seatHit.Last;
            }
            if (jurisdiction is null)
                jurisdiction = form.Scope switch
                {
                    "home-state" => homeRegionId,
                    "home-city" => homeCityId,
                    "home-country" => homeCountryId,
                    // an office of one place ("Erster Bürgermeister": Hamburg); the publishing city where it lies there
                    _ => gazetteer.Find(form.Scope) is { } only ? (homeCityId is not null && gazetteer.IsWithin(homeCityId, only.Id) ? homeCityId : only.Id) : null,
                };
            // The title as written from the title word on; with a preceding adjective ("der japanische
            // Botschafter") the jurisdiction is spelled out instead ("Botschafter von Japan").
            var title = first < i
                ? $"{form.Title} {(language == "en" ? "of" : "von")} {gazetteer.Find(jurisdiction!)?.Name(language) ?? jurisdiction}"
                : string.Join(" ", t.Skip(first + len).Take(last - first + 1 - len).Select(x => x.Text).Prepend(WrittenTitle(form, t, i, len))).Replace(" ,", ",").Replace(" .", ".");
            for (var x = first; x <= last; x++) m.InPhrase.Add(x);
            m.Offices.Add(new OfficeHit(form, first, titleLast, last, jurisdiction, seat, isExplicit, title));
            i = last;
        }
    }

    /// <summary>
    /// The title word as a title: the nominative of an inflected form ("des Generalkonsuls", "dem Ersten
    /// Bürgermeister", "der Abgeordnete" → Generalkonsul, Erster Bürgermeister, Abgeordneter); an abbreviation
    /// ("MP"), a feminine or another word ("Ministerpräsidentin",
    /// "Regierungschef") stays as written, since it is the form the text gives its holder.
    /// </summary>
    private static string WrittenTitle(OfficeForm form, IReadOnlyList<Token> t, int i, int len)
    {
        var surface = string.Join(" ", t.Skip(i).Take(len).Select(x => x.Text));
        var titleWords = form.Title.Split(' ');
        if (titleWords.Length != len) return surface;
        var article = i > 0 ? t[i - 1].Folded : "";
        var changed = false;
        for (var w = 0; w < len; w++)
        {
            var (tw, sw) = (Gazetteer.Fold(titleWords[w]), t[i + w].Folded);
            if (sw == tw) continue;
            changed = true;
            if (sw.StartsWith(tw, StringComparison.Ordinal) && sw[tw.Length..] is "s" or "es" or "n" or "en") continue;
            // adjectival nouns and ordinals are masculine after these articles: "der Abgeordnete", "dem Ersten Bürgermeister"
            if (tw.EndsWith("er", StringComparison.Ordinal) && (sw == tw[..^1] && article == "der" || sw == tw[..^1] + "n" && article is "den" or "dem" or "des")) continue;
            return surface;
        }
        return changed ? form.Title : surface;
    }

    /// <summary>
    /// The last token of a portfolio starting at <paramref name="k"/> (after "für"/"for"): capitalized words,
    /// "und"/"and", German adjectives ("für europäische Angelegenheiten"), a comma inside a list ("für
    /// Bildung, Jugend und Sport"); up to a place or a family name in capitals ("KANG Min-seok").
    /// A run of three or more capitalized words at the end ends in the holder's name unless its last two
    /// words are portfolio words: "Minister for Small Business Ina Berg".
    /// </summary>
    private int PortfolioEnd(ClauseMentions m, IReadOnlyList<Token> t, int k)
    {
        var runStart = k;
        while (k < t.Count)
        {
            var x = t[k];
            if (x.Text == "," && k + 2 < t.Count && t[k + 1].IsCapitalized && m.PlaceAt(k + 1) is null && names.At(t, k + 1) is null
                && (t[k + 2].Folded is "und" or "and" || t[k + 2].Text == ","))
            {
                k++;
                runStart = k;
                continue;
            }
            if (!x.IsWord || m.PlaceAt(k) is not null || x.IsAllCaps && k + 1 < t.Count && t[k + 1].IsCapitalized) break;
            if (x.Folded is "und" or "and" or "the") { k++; runStart = k; continue; }
            if (x.IsCapitalized && names.At(t, k) is null) { k++; continue; }
            if (IsAdjective(t, k)) { k++; runStart = k; continue; }
            break;
        }
        if (k - runStart >= 3 && (k >= t.Count || !t[k].IsCapitalized) && !PortfolioWords.Value.Contains(t[k - 1].Folded) && !PortfolioWords.Value.Contains(t[k - 2].Folded)
            && IsNameToken(m, t, k - 2) && IsNameToken(m, t, k - 1))
            k -= 2;
        return k - 1;
    }

    private static readonly Lazy<HashSet<string>> PortfolioWords = new(() =>
        Gazetteer.Rows("Lexicon.portfolio-words.tsv").Where(r => r.Length > 1).Select(r => Gazetteer.Fold(r[1])).ToHashSet(StringComparer.Ordinal));

    private static readonly HashSet<string> LowerTitleDeterminers = ["the", "a", "an", "his", "her", "their", "its", "our", "new", "former"];

    private static bool IsMinisterCompound(Token t) =>
        t.Folded.Length > 9 && (t.Folded.EndsWith("minister") || t.Folded.EndsWith("ministerin") || t.Folded.EndsWith("ministers"))
        && !t.Folded.StartsWith("premier") && !t.Folded.StartsWith("vize");
}
