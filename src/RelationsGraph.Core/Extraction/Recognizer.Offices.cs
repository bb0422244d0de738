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
            if (!t[i].IsWord || !t[i].IsCapitalized) continue;
            var (len, forms) = gazetteer.Offices.Match(t, i);
            OfficeForm? form = forms.FirstOrDefault(f => f.Language == language) ?? forms.FirstOrDefault();
            if (len == 0 && language == "de" && IsMinisterCompound(t[i]))
            {
                form = new OfficeForm("minister", "de", t[i].Text.EndsWith("in", StringComparison.Ordinal) ? t[i].Text[..^2] : t[i].Text.TrimEnd('s'), "home-state");
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
            // portfolio: "Staatsministerin für Europa", "Minister for Foreign Affairs"
            var k = last + 1;
            var portfolioOf = language == "en" && k + 1 < t.Count && t[k].Folded == "of" && t[k + 1].IsCapitalized && m.PlaceAt(k + 1) is null
                && gazetteer.Offices.Match(t, k + 1).Length == 0 && !(t[k + 1].Folded == "the" && m.PlaceAt(k + 2) is not null);
            if (k < t.Count && (t[k].Folded is "fur" or "for" || portfolioOf) && form.Role is "minister" or "staatsminister" or "staatssekretaer" or "vizeminister")
            {
                k++;
                // ... up to a family name in capitals: "Minister of Foreign Affairs KANG Min-seok"
                while (k < t.Count && t[k].IsWord && m.PlaceAt(k) is null && !(t[k].IsAllCaps && t[k].Text.Length > 1 && k + 1 < t.Count && t[k + 1].IsCapitalized)
                       && (t[k].IsCapitalized || t[k].Folded is "und" or "and" or "the")) k++;
                last = k - 1;
            }
            var (place, placeLast) = JurisdictionAfter(m, t, last + 1);
            if (place is not null && jurisdiction is null) { jurisdiction = place.Id; last = placeLast; isExplicit = true; }
            // seat: "Generalkonsul von Japan in Nordrhein-Westfalen", "Ambassador to Germany"
            if (jurisdiction is not null && last + 2 < t.Count && t[last + 1].Folded is "in" or "to" or "bei" or "at" && m.PlaceAt(last + 2) is { } seatHit && seatHit.First == last + 2)
            {
                seat = Choose(seatHit)?.Id;
                last = seatHit.Last;
            }
            if (jurisdiction is null)
                jurisdiction = form.Scope switch { "home-state" => homeRegionId, "home-city" => homeCityId, "home-country" => homeCountryId, _ => null };
            // The title as written from the title word on; with a preceding adjective ("der japanische
            // Botschafter") the jurisdiction is spelled out instead ("Botschafter von Japan").
            var title = first < i
                ? $"{form.Title} {(language == "en" ? "of" : "von")} {gazetteer.Find(jurisdiction!)?.Name(language) ?? jurisdiction}"
                : string.Join(" ", t.Skip(first).Take(last - first + 1).Select(x => x.Text)).Replace(" ,", ",").Replace(" .", ".");
            for (var x = first; x <= last; x++) m.InPhrase.Add(x);
            m.Offices.Add(new OfficeHit(form, first, titleLast, last, jurisdiction, seat, isExplicit, title));
            i = last;
        }
    }

    private static bool IsMinisterCompound(Token t) =>
        t.Folded.Length > 9 && (t.Folded.EndsWith("minister") || t.Folded.EndsWith("ministerin") || t.Folded.EndsWith("ministers"))
        && !t.Folded.StartsWith("premier") && !t.Folded.StartsWith("vize");
}
