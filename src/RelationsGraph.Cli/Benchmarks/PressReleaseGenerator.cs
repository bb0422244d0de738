using System.Globalization;
using System.Text;
using RelationsGraph.Extraction;
using RelationsGraph.Model;

namespace RelationsGraph.Cli.Benchmarks;

/// <summary>A generated press release: its file name and text.</summary>
internal sealed record GeneratedRelease(string Name, string Language, string Text);

/// <summary>
/// Deterministic German and English press releases of the genre, for throughput measurements: a
/// German Land (or a foreign government) receives, visits or signs with a foreign place or a German
/// Land, with invented people in offices of the lexicon, dates, quotes, figures, captions and contact
/// footers; 225–320 words like the dev corpus. The same seed gives the same texts.
/// </summary>
internal sealed class PressReleaseGenerator
{
    private static readonly string[] FirstNames =
    [
        "Anna", "Markus", "Julia", "Thomas", "Katrin", "Stefan", "Miriam", "Jörg", "Sabine", "Henrik", "Claudia", "Matthias",
        "Ulrike", "Tobias", "Petra", "Florian", "Birgit", "Andreas", "Nadine", "Lukas", "Daniela", "Christoph", "Renate", "Jan",
    ];

    private static readonly string[] Surnames =
    [
        "Hofmann", "Brandt", "Kessler", "Lindner", "Vogt", "Bergmann", "Scholl", "Albrecht", "Winkler", "Hartmann", "Krüger", "Seidel",
        "Engel", "Böhm", "Pohl", "Sauer", "Kuhn", "Busch", "Franke", "Roth", "Haas", "Jäger", "Lorenz", "Ziegler", "Wendt", "Baumann",
    ];

    private static readonly string[] ForeignFirst = ["Keiko", "Hiroshi", "Li", "Wei", "Maria", "John", "Anna", "Pierre", "Sofia", "Minh", "Ji-ho", "Carlos", "Elena", "David", "Yuki", "Tomasz"];
    private static readonly string[] ForeignLast = ["Yamamoto", "Tanaka", "Zhang", "Wang", "Rossi", "Miller", "Dubois", "Kowalski", "Nguyen", "Kim", "García", "Novak", "Sato", "Chen", "Moreau", "Smith"];

    private static readonly string[] GermanMonths = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];

    private static readonly string[] TopicsDe = ["Wasserstoff", "Halbleitern", "Medizintechnik", "Hochschulkooperation", "Kultur", "Jugendaustausch", "Logistik", "Digitalisierung", "Tourismus", "Katastrophenschutz"];
    private static readonly string[] TopicsEn = ["hydrogen", "semiconductors", "medical technology", "university cooperation", "culture", "youth exchange", "logistics", "digitalisation", "tourism", "disaster preparedness"];

    private readonly Random random;
    private readonly List<PlaceEntry> lands;
    private readonly List<PlaceEntry> foreign;
    private readonly Dictionary<string, List<PlaceEntry>> citiesOf;
    private readonly Gazetteer gazetteer;

    public PressReleaseGenerator(int seed, Gazetteer? gazetteer = null)
    {
        this.gazetteer = gazetteer ?? Gazetteer.Shared;
        random = new Random(seed);
        var places = this.gazetteer.Places.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        lands = places.Where(p => p.ParentId == "DE" && p.Kind == PlaceKind.State).ToList();
        foreign = places.Where(p => p.Kind is PlaceKind.Prefecture or PlaceKind.Province or PlaceKind.State or PlaceKind.Region && p.ParentId is { } parent && parent != "DE" && !p.NameDe.Contains('(', StringComparison.Ordinal))
            .Concat(places.Where(p => p.Kind == PlaceKind.Country && p.Id is "JP" or "CN" or "US" or "FR" or "PL" or "KR" or "IT" or "ES" or "CZ" or "NL" or "AT" or "CH" or "IN" or "GB" or "ZA"))
            .ToList();
        citiesOf = places.Where(p => p.Kind == PlaceKind.City && p.ParentId is not null).GroupBy(p => p.ParentId!).ToDictionary(g => g.Key, g => g.ToList());
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private string Country(PlaceEntry p, string lang) => gazetteer.CountryOf(p.Id) is { } c && gazetteer.Find(c) is { } country ? country.Name(lang) : p.Name(lang);

    private PlaceEntry? CityIn(PlaceEntry p) => citiesOf.TryGetValue(p.Id, out var cities) ? Pick(cities) : null;

    public IEnumerable<GeneratedRelease> Generate(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var english = random.Next(100) < 40;
            var text = english ? English() : German();
            yield return new GeneratedRelease($"gen-{i:D6}.txt", english ? "en" : "de", text);
        }
    }

    private (int Year, int Month, int Day) Date() => (2015 + random.Next(10), 1 + random.Next(12), 1 + random.Next(28));

    private static string De((int Y, int M, int D) d) => $"{d.D}. {GermanMonths[d.M - 1]} {d.Y}";
    private static string En((int Y, int M, int D) d) => $"{CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(d.M)} {d.D}, {d.Y}";

    private string German()
    {
        var land = Pick(lands);
        var other = Pick(foreign);
        var landName = land.Name("de");
        var otherName = other.Name("de");
        var country = Country(other, "de");
        var date = Date();
        var host = $"{Pick(FirstNames)} {Pick(Surnames)}";
        var hostSurname = host.Split(' ')[1];
        var guest = $"{Pick(ForeignFirst)} {Pick(ForeignLast)}";
        var guestSurname = guest.Split(' ')[1];
        var female = random.Next(2) == 0;
        var guestOffice = random.Next(4) switch
        {
            0 => female ? $"Generalkonsulin von {country}" : $"Generalkonsul von {country}",
            1 => female ? $"Botschafterin von {country}" : $"Botschafter von {country}",
            2 => other.Kind == PlaceKind.Country ? $"Botschafter von {country}" : $"Gouverneur von {otherName}",
            _ => other.Kind == PlaceKind.Country ? $"Generalkonsul von {country}" : $"Vizegouverneur von {otherName}",
        };
        var topic = Pick(TopicsDe);
        var topic2 = Pick(TopicsDe);
        var city = CityIn(land)?.Name("de") ?? landName;
        var sb = new StringBuilder();
        var kind = random.Next(4);
        sb.Append(kind switch
        {
            0 => $"Ministerpräsident {hostSurname} empfängt {guestOffice}",
            1 => $"{landName} und {otherName} vertiefen Zusammenarbeit bei {topic}",
            2 => $"Delegation aus {otherName} zu Gast in {landName}",
            _ => $"Ministerpräsident {hostSurname} reist nach {otherName}",
        }).Append("\n\n");
        if (random.Next(2) == 0) sb.Append($"Gespräche über {topic} und {topic2} im Mittelpunkt\n\n");
        sb.Append(De(date)).Append("\n\n");
        sb.Append($"Staatskanzlei {landName}\n\n");
        sb.Append(kind switch
        {
            0 => $"Ministerpräsident {host} hat heute {guestOffice}, {guest}, zu einem Antrittsbesuch in der Staatskanzlei in {city} empfangen. Im Mittelpunkt des Gesprächs standen die wirtschaftliche Zusammenarbeit, der Austausch in Wissenschaft und Forschung sowie die Zusammenarbeit bei {topic}.",
            1 => $"{landName} und {otherName} wollen ihre Zusammenarbeit bei {topic} und {topic2} ausbauen. Ministerpräsident {host} und {guestOffice} {guest} trafen sich am {De(date)} in {city} zu einem Arbeitsgespräch.",
            2 => $"Eine Delegation aus {otherName} unter Leitung von {guestOffice} {guest} hat vom {date.Day}. bis {Math.Min(28, date.Day + 3)}. {GermanMonths[date.Month - 1]} {date.Year} {landName} besucht. Ministerpräsident {host} empfing die Gäste in {city}.",
            _ => $"Ministerpräsident {host} ist am {De(date)} zu einem mehrtägigen Besuch nach {otherName} aufgebrochen. In {otherName} trifft er {guestOffice} {guest} und Vertreter von Unternehmen und Hochschulen.",
        }).Append("\n\n");
        sb.Append($"Der Ministerpräsident: „{otherName} ist für {landName} ein wichtiger Partner. Unsere Unternehmen schätzen die verlässliche Zusammenarbeit, und bei {topic} können wir voneinander lernen.“\n\n");
        if (random.Next(2) == 0)
        {
            var (y, m, _) = Date();
            sb.Append(random.Next(2) == 0
                ? $"{landName} und {otherName} hatten im {GermanMonths[m - 1]} {y} ein Kooperationsabkommen unterzeichnet, das die Zusammenarbeit bei {topic2} regelt.\n\n"
                : $"Das Kooperationsabkommen zwischen {landName} und {otherName} wurde im {GermanMonths[m - 1]} {y} um weitere fünf Jahre verlängert.\n\n");
        }
        sb.Append($"{guestSurname} betonte die Bedeutung der Gemeinschaft aus {country} in {landName}: „Die Menschen fühlen sich hier sehr willkommen. Das ist eine solide Grundlage für neue Projekte zwischen unseren Unternehmen und Hochschulen.“\n\n");
        sb.Append($"{landName} und {otherName} in Zahlen\n\n");
        sb.Append($"Mehr als {10 + random.Next(400)} Unternehmen aus {country} sind in {landName} tätig (Stand: {GermanMonths[random.Next(12)]} {date.Year - 1}). ");
        sb.Append($"Rund {random.Next(1, 30)}.{random.Next(10)}00 Menschen aus {country} leben derzeit in {landName}. ");
        sb.Append($"Das Handelsvolumen lag im Jahr {date.Year - 1} bei rund {random.Next(1, 20)},{random.Next(10)} Milliarden Euro.\n\n");
        Pad(sb, () => Pick(FillerDe)(landName, otherName, Pick(TopicsDe)), 225 + random.Next(60));
        sb.Append($"Bildunterschrift: Ministerpräsident {host} und {guest} (v.l.n.r.). Foto: Staatskanzlei {landName} / {Pick(FirstNames)} {Pick(Surnames)}\n\n");
        sb.Append($"Pressekontakt\nStaatskanzlei {landName}, Pressestelle\nTelefon: 0{random.Next(200, 999)} {random.Next(1000, 9999)}-{random.Next(100, 999)}\nE-Mail: presse [at] stk.example.de\n");
        return sb.ToString();
    }

    private static readonly Func<string, string, string, string>[] FillerDe =
    [
        (a, b, t) => $"Seit vielen Jahren pflegen {a} und {b} enge Beziehungen in Wirtschaft, Wissenschaft und Kultur.",
        (a, b, t) => $"Beide Seiten vereinbarten, den Austausch zwischen Hochschulen und Forschungseinrichtungen zu {t} zu verstärken.",
        (a, b, t) => $"Im kommenden Jahr soll ein gemeinsames Forum zu {t} stattfinden, zu dem Unternehmen aus beiden Regionen eingeladen werden.",
        (a, b, t) => $"Auch der Jugendaustausch und die Zusammenarbeit der Kommunen kamen zur Sprache.",
        (a, b, t) => $"Die Landesregierung unterstützt Unternehmen, die in {b} investieren oder von dort nach {a} kommen wollen.",
        (a, b, t) => $"Darüber hinaus wurde über Fachkräfte, Ausbildung und die Anerkennung von Berufsabschlüssen gesprochen.",
        (a, b, t) => $"Die Gespräche fanden in einer freundschaftlichen und offenen Atmosphäre statt.",
    ];

    private static readonly Func<string, string, string, string>[] FillerEn =
    [
        (a, b, t) => $"{a} and {b} have maintained close ties in business, science and culture for many years.",
        (a, b, t) => $"Both sides agreed to strengthen exchanges between universities and research institutes on {t}.",
        (a, b, t) => $"A joint forum on {t} is planned for next year, and companies from both regions will be invited.",
        (a, b, t) => $"Youth exchanges and cooperation between municipalities were also discussed.",
        (a, b, t) => $"The government supports companies that wish to invest in {b} or to come from there to {a}.",
        (a, b, t) => $"The talks also covered skilled workers, vocational training and the recognition of qualifications.",
        (a, b, t) => $"The meeting took place in a friendly and open atmosphere.",
    ];

    private static int Words(StringBuilder sb)
    {
        var n = 0;
        var inWord = false;
        for (var i = 0; i < sb.Length; i++)
        {
            var w = !char.IsWhiteSpace(sb[i]);
            if (w && !inWord) n++;
            inWord = w;
        }
        return n;
    }

    /// <summary>Adds a paragraph of background sentences until the text (with its footer of ~25 words) has about <paramref name="target"/> words.</summary>
    private static void Pad(StringBuilder sb, Func<string> sentence, int target)
    {
        var words = Words(sb) + 25;
        if (words >= target) return;
        var used = new HashSet<string>();
        var para = new StringBuilder();
        for (var tries = 0; words < target && tries < 40; tries++)
        {
            var s = sentence();
            if (!used.Add(s)) continue;
            para.Append(para.Length > 0 ? " " : "").Append(s);
            words += s.Split(' ').Length;
        }
        if (para.Length > 0) sb.Append(para).Append("\n\n");
    }

    private string English()
    {
        var fromGermany = random.Next(2) == 0;
        var land = Pick(lands);
        var other = Pick(foreign);
        var landName = land.Name("en");
        var otherName = other.Name("en");
        var country = Country(other, "en");
        var date = Date();
        var governor = $"{Pick(ForeignFirst)} {Pick(ForeignLast)}";
        var german = $"{Pick(FirstNames)} {Pick(Surnames)}";
        var topic = Pick(TopicsEn);
        var sb = new StringBuilder();
        string publisher, host, hostTitle, guest, guestTitle, city;
        if (fromGermany)
        {
            publisher = $"State Chancellery of {landName}";
            (host, hostTitle) = (german, "Minister-President");
            (guest, guestTitle) = (governor, random.Next(2) == 0 ? $"Consul General of {country}" : other.Kind == PlaceKind.Country ? $"Ambassador of {country}" : $"Governor of {otherName}");
            city = CityIn(land)?.Name("en") ?? landName;
        }
        else
        {
            publisher = other.Kind == PlaceKind.Country ? $"Government of {otherName}" : $"{otherName} Prefectural Government";
            (host, hostTitle) = (governor, other.Kind == PlaceKind.Country ? $"Ambassador of {country}" : $"Governor of {otherName}");
            (guest, guestTitle) = (german, $"Minister-President of {landName}");
            city = CityIn(other)?.Name("en") ?? otherName;
        }
        var kind = random.Next(3);
        sb.Append(kind switch
        {
            0 => $"{hostTitle} {host.Split(' ')[1]} receives {guestTitle}",
            1 => $"{otherName} and {landName} agree to deepen cooperation on {topic}",
            _ => $"Delegation from {(fromGermany ? otherName : landName)} visits {(fromGermany ? landName : otherName)}",
        }).Append("\n\n");
        sb.Append(publisher).Append("\n\n");
        sb.Append(En(date)).Append("\n\n");
        sb.Append(kind switch
        {
            0 => $"{hostTitle} {host} received {guest}, the {guestTitle}, in {city} on {En(date)}. The two discussed economic cooperation, exchanges in science and research and the next steps on {topic}.",
            1 => $"{otherName} and {landName} will expand their cooperation on {topic}. {hostTitle} {host} and {guestTitle} {guest} met in {city} on {En(date)} and agreed on a joint work programme.",
            _ => $"A delegation led by {guestTitle} {guest} visited {city} from {CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(date.Month)} {date.Day} to {Math.Min(28, date.Day + 3)}, {date.Year}, and was received by {hostTitle} {host}.",
        }).Append("\n\n");
        sb.Append($"{host.Split(' ')[1]} said: \"{(fromGermany ? otherName : landName)} is an important partner for us. Our companies value reliable cooperation, and on {topic} we can learn a great deal from each other.\"\n\n");
        if (random.Next(2) == 0)
        {
            var (y, m, _) = Date();
            sb.Append($"{otherName} and {landName} signed a Memorandum on {char.ToUpperInvariant(topic[0])}{topic[1..]} Cooperation in {CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(m)} {y}.\n\n");
        }
        sb.Append($"Some {10 + random.Next(300)} companies from {country} have offices in {landName}, and more than {random.Next(2, 40) * 100} nationals of {country} live there. Trade between the two regions reached about {random.Next(1, 20)}.{random.Next(10)} billion euros in {date.Year - 1}.\n\n");
        Pad(sb, () => Pick(FillerEn)(landName, otherName, Pick(TopicsEn)), 225 + random.Next(60));
        sb.Append($"Photo: {hostTitle} {host} (right) and {guest} in {city} ({publisher})\n\n");
        sb.Append($"Press contact: {publisher}, International Affairs, phone +49 {random.Next(200, 999)} {random.Next(1000, 9999)}, press@example.org\n");
        return sb.ToString();
    }
}
