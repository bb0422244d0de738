using RelationsGraph.Extraction;

namespace RelationsGraph.Core.Tests.Extraction;

/// <summary>Runs a few sentences as a release and lists the organizations found.</summary>
internal static class OrganizationProbe
{
    public static IReadOnlyList<string> Organizations(string body, string language = "de")
    {
        var header = language == "de" ? "Pressemitteilung\n\n12.03.2024\n\n" : "Press release\n\nMarch 12, 2024\n\n";
        var r = new PressReleaseExtractor().Extract(SourceText.From(header + body, SourceFormat.Text));
        return r.Organizations.Select(o => o.Name).ToList();
    }
}

public sealed class OrganizationShapeGermanTests
{
    [Theory]
    [InlineData("Am Montag besuchte die Delegation die Deutsch-Ungarische Gesellschaft in Lindenfeld.", "Deutsch-Ungarische Gesellschaft")]
    [InlineData("Der Minister sprach mit Vertretern der Sozial-Kulturellen Gesellschaft der Deutschen Minderheit.", "Sozial-Kulturelle Gesellschaft der Deutschen Minderheit")]
    [InlineData("Die Absichtserklärung unterzeichnete das Ministerium für Wirtschaft, Arbeit und Gesundheit.", "Ministerium für Wirtschaft, Arbeit und Gesundheit")]
    [InlineData("Die Gäste trafen Vertreter des Landesamtes für Flüchtlingsangelegenheiten zu einem Gespräch.", "Landesamt für Flüchtlingsangelegenheiten")]
    [InlineData("Die Vereinbarung wurde mit dem baden-württembergischen Wirtschaftsministerium geschlossen.", "baden-württembergisches Wirtschaftsministerium")]
    [InlineData("Er empfing eine Abgeordnete der polnischen Nationalversammlung.", "polnische Nationalversammlung")]
    [InlineData("Zum Programm gehörte ein Besuch im italienischen Kulturinstitut.", "italienisches Kulturinstitut")]
    [InlineData("Besonders erwähnt wurden der Bayerische Jugendring und das Katholische Schulwerk Bayern.", "Bayerischer Jugendring")]
    [InlineData("Besonders erwähnt wurden der Bayerische Jugendring und das Katholische Schulwerk Bayern.", "Katholisches Schulwerk Bayern")]
    [InlineData("Zur Eröffnung des Regionalbüros der Woiwodschaft Niederschlesien kamen viele Gäste.", "Regionalbüro der Woiwodschaft Niederschlesien")]
    [InlineData("Der Präsident der Industrie- und Handelskammer zu Köln begrüßte die Gäste.", "Industrie- und Handelskammer zu Köln")]
    [InlineData("Die Delegation besuchte die Universität von Grünberg und ihr Germanistisches Institut.", "Universität von Grünberg")]
    [InlineData("Die Delegation besuchte die Universität von Grünberg und ihr Germanistisches Institut.", "Germanistisches Institut")]
    [InlineData("Eine Delegation des Abgeordnetenhauses von Berlin reiste nach Graz.", "Abgeordnetenhaus von Berlin")]
    [InlineData("Der Antrittsbesuch des Generaldirektors der Taipeh-Vertretung fand im Maximilianeum statt.", "Taipeh-Vertretung")]
    [InlineData("Vertreter der Senatsverwaltung für Stadtentwicklung und Wohnen führten die Gäste.", "Senatsverwaltung für Stadtentwicklung und Wohnen")]
    [InlineData("Freller ist zudem Direktor der Stiftung Bayerische Gedenkstätten.", "Stiftung Bayerische Gedenkstätten")]
    [InlineData("Der Besuch galt dem Bundesrat in Berlin.", "Bundesrat")]
    [InlineData("Er sprach mit dem Hauptgeschäftsführer der IHK Region Stuttgart.", "IHK Region Stuttgart")]
    [InlineData("Die Jiangsu Entwicklungs- und Reformkommission unterzeichnete ein Abkommen.", "Jiangsu Entwicklungs- und Reformkommission")]
    [InlineData("Eine Delegation des Parlaments der Deutschsprachigen Gemeinschaft kam nach Wiesbaden.", "Parlament der Deutschsprachigen Gemeinschaft")]
    [InlineData("Die Ministerin besuchte die Universität des Saarlandes.", "Universität des Saarlandes")]
    public void NamesAGermanOrganizationGivenItsHeadAndTheWordsAroundIt(string sentence, string expected) =>
        Assert.Contains(expected, OrganizationProbe.Organizations(sentence));
}

public sealed class OrganizationShapeEnglishTests
{
    [Theory]
    [InlineData("On Thursday the Premier visited Rutgers University in New Brunswick.", "Rutgers University")]
    [InlineData("Mayor Lane and Whanganui District Council’s Chief Executive Kym Fell travelled to Japan.", "Whanganui District Council")]
    [InlineData("The delegation met the Parliamentary State Secretary at the Federal Ministry of Defence.", "Federal Ministry of Defence")]
    [InlineData("He paid a courtesy visit on the Speaker of the House of Representatives Dr Anna Vella.", "House of Representatives")]
    [InlineData("Staff from the Embassy of the German Federal Republic attended.", "Embassy of the German Federal Republic")]
    [InlineData("The exhibition was organised by the Golden Harbour Photographic Society in Vancouver.", "Golden Harbour Photographic Society")]
    [InlineData("Research continues at the Southeast University-Monash University Joint Centre for Water Sensitive Cities.", "Southeast University-Monash University Joint Centre for Water Sensitive Cities")]
    [InlineData("He will take part in meetings at the United Nations in New York.", "United Nations")]
    [InlineData("Governor Visits Kyoto University To Strengthen Ties", "Kyoto University")]
    [InlineData("The school exchanges of Bayerischer Jugendring were praised.", "Bayerischer Jugendring")]
    [InlineData("The group included Riverside & Partners General Manager Jane Doe.", "Riverside & Partners")]
    public void NamesAnEnglishOrganizationGivenItsHeadAndTheWordsAroundIt(string sentence, string expected) =>
        Assert.Contains(expected, OrganizationProbe.Organizations(sentence, "en"));

    [Fact]
    public void KeepsTwoUniversitiesApartGivenAnAndBetweenThem()
    {
        var orgs = OrganizationProbe.Organizations("The delegation visited the University of Tokyo and Kyoto University on Monday.", "en");
        Assert.Contains("University of Tokyo", orgs);
        Assert.Contains("Kyoto University", orgs);
    }

    [Fact]
    public void KeepsThePersonAfterAnOrganizationGivenATitleBetween()
    {
        var r = new PressReleaseExtractor().Extract(SourceText.From(
            "Press release\n\nMarch 12, 2024\n\nThe delegation includes Riverside District Council Mayor Jane Doe and others.", SourceFormat.Text));
        Assert.Contains(r.Persons, p => p.Name == "Jane Doe");
        Assert.Contains(r.Organizations, o => o.Name == "Riverside District Council");
    }
}

public sealed class OrganizationShapeNegativeTests
{
    [Theory]
    [InlineData("Im Zentrum des Gesprächs standen Fragen der Wirtschaft.", "de")]
    [InlineData("Die japanische Gesellschaft altert schnell.", "de")]
    [InlineData("Der Ministerpräsident besuchte anschließend die Universität.", "de")]
    [InlineData("Das Wirtschaftsministerium lud zu einem Empfang ein.", "de")]
    [InlineData("Gespräche mit Vertretern des Verbandes folgten am Abend.", "de")]
    [InlineData("Geplant ist eine Partneruniversität in Osaka.", "de")]
    [InlineData("Mitglieder der Bürgerschaft begrüßten die Gäste.", "de")]
    [InlineData("Das Élysée-Vertrag-Jubiläum wurde gefeiert.", "de")]
    [InlineData("Die Organisation des Besuchs lag beim Protokoll.", "de")]
    [InlineData("Jeder Verein kann sich bewerben.", "de")]
    [InlineData("Each University will send two students.", "en")]
    [InlineData("Das Büro des Gouverneurs bestätigte den Termin.", "de")]
    [InlineData("The Council’s seven representatives will travel in August.", "en")]
    [InlineData("The Governor visited the University on Tuesday.", "en")]
    [InlineData("The Governor’s Office confirmed the visit.", "en")]
    [InlineData("He said the Group would grow.", "en")]
    [InlineData("Minister Opens New Office In Tokyo", "en")]
    public void FindsNoOrganizationGivenABareOrEverydayHead(string sentence, string language) =>
        Assert.Empty(OrganizationProbe.Organizations(sentence, language));
}

public sealed class OrganizationLegalFormTests
{
    [Theory]
    [InlineData("Die Musterbau GmbH investiert in Lindenfeld.", "de", "Musterbau GmbH")]
    [InlineData("Gastgeber war der Verein zur Förderung der Städtepartnerschaften der Stadt Erlangen e.V. am Dienstag.", "de", "Verein zur Förderung der Städtepartnerschaften der Stadt Erlangen e.V.")]
    [InlineData("Representatives of Harbour Robotics Ltd. joined the mission.", "en", "Harbour Robotics Ltd.")]
    public void NamesACompanyOrSocietyGivenItsLegalForm(string sentence, string language, string expected) =>
        Assert.Contains(expected, OrganizationProbe.Organizations(sentence, language));
}

public sealed class OrganizationInsideATitleTests
{
    [Fact]
    public void KeepsTheTitleHolderGivenAnOrganizationInTheTitle()
    {
        var r = new PressReleaseExtractor().Extract(SourceText.From(
            "Pressemitteilung\n\n12.03.2024\n\nIn Dijon traf die Delegation die Präsidentin des Regionalrats Bourgogne-Franche-Comté, Anne Lefort, zu einem Gespräch.", SourceFormat.Text));
        Assert.Contains(r.Organizations, o => o.Name == "Regionalrat Bourgogne-Franche-Comté");
        var person = Assert.Single(r.Persons, p => p.Name == "Anne Lefort");
        Assert.Contains(person.Offices, o => o.Title.Contains("Regionalrats", StringComparison.Ordinal));
    }
}

public sealed class OrganizationNameInOneReleaseTests
{
    [Fact]
    public void KeepsTheFirstNameGivenALaterMentionWithItsSeat()
    {
        var orgs = OrganizationProbe.Organizations(
            "Die Landtagspräsidentin empfing den Generaldirektor der Taipeh-Vertretung. Er leitete früher die Taipeh-Vertretung in Frankfurt.");
        Assert.Equal(["Taipeh-Vertretung"], orgs.Where(o => o.Contains("Vertretung")));
    }

    [Fact]
    public void KeepsOneOrganizationGivenAnotherNameInBrackets()
    {
        var orgs = OrganizationProbe.Organizations(
            "The Speaker received a delegation from the German Bundestag. Members of the Christian Democratic Union (CDU) of the German Federal Parliament (Bundestag) attended.", "en");
        Assert.Contains("Christian Democratic Union", orgs);
        Assert.DoesNotContain("German Federal Parliament", orgs);
    }

    [Fact]
    public void TakesTheQuotedNameGivenADescriptionBeforeIt()
    {
        var orgs = OrganizationProbe.Organizations("Am Nachmittag besuchte der Ministerpräsident das Zentrum für zeitgenössische Kunst „Die Alte Gerberei“ in Amilly.");
        Assert.Contains("Die Alte Gerberei", orgs);
    }
}

public sealed class InstitutionCompoundNounTests
{
    [Fact]
    public void KeepsTheCompoundGivenAnAdjectiveBeforeIt()
    {
        var orgs = OrganizationProbe.Organizations("Anwesend waren Vertreter der Sächsischen Staatsregierung und des Sächsischen Landtages.");
        Assert.Contains("Sächsische Staatsregierung", orgs);
        Assert.Contains("Sächsischer Landtag", orgs);
    }
}

/// <summary>Every line of Lexicon/organization-heads.tsv works: each head with a name before it, each legal form after a name.</summary>
public sealed class OrganizationHeadsLexiconTests
{
    public static TheoryData<string, string> Heads()
    {
        var data = new TheoryData<string, string>();
        foreach (var head in Gazetteer.Shared.OrganizationHeads.Values.SelectMany(x => x).Where(x => !x.IsLegalForm))
            data.Add(head.Head, head.Language);
        return data;
    }

    public static TheoryData<string> LegalForms()
    {
        var data = new TheoryData<string>();
        foreach (var head in Gazetteer.Shared.OrganizationHeads.Values.SelectMany(x => x).Where(x => x.IsLegalForm))
            data.Add(head.Head);
        return data;
    }

    [Theory]
    [MemberData(nameof(Heads))]
    public void NamesAnOrganizationGivenEachHeadWithANameBeforeIt(string head, string language)
    {
        var form = Gazetteer.Shared.OrganizationHeads[Gazetteer.Fold(head)].First(x => x.Head == head && x.Language == language);
        var (sentence, expected) = language == "en"
            ? ($"Yesterday the Riverside {head} met the delegation.", $"Riverside {head}")
            : ($"Gestern tagte {Adjective(form.Gender)} {head} mit der Delegation.", $"{Adjective(form.Gender)} {head}");
        Assert.Contains(expected, OrganizationProbe.Organizations(sentence, language == "en" ? "en" : "de"));
    }

    [Theory]
    [MemberData(nameof(LegalForms))]
    public void NamesACompanyGivenEachLegalFormAfterAName(string form) =>
        Assert.Contains($"Musterbau Lindenfeld {form}", OrganizationProbe.Organizations($"Gestern investierte die Musterbau Lindenfeld {form} in der Stadt."));

    private static string Adjective(char gender) => "Bayerisch" + gender switch { 'm' => "er", 'n' => "es", _ => "e" };
}
