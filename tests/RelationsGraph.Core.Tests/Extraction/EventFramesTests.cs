using CsCheck;
using RelationsGraph.Extraction;
using RelationsGraph.Model;

namespace RelationsGraph.Core.Tests.Extraction;

/// <summary>The examples of Lexicon/event-triggers.tsv, run as a corpus: each EXAMPLE gives one event of its type, each NEGATIVE none.</summary>
public sealed class EventTriggerLexiconTests
{
    private static string LexiconPath => Path.Combine(RepositoryPaths.Root, "src", "RelationsGraph.Core", "Extraction", "Lexicon", "event-triggers.tsv");

    public static TheoryData<string, string, string> Examples() => Lines("# EXAMPLE\t", 3);

    public static TheoryData<string, string, string> Negatives() => Lines("# NEGATIVE\t", 2);

    private static TheoryData<string, string, string> Lines(string prefix, int fields)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadLines(LexiconPath).Where(l => l.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var parts = line[prefix.Length..].Split('\t');
            data.Add(parts[0], fields == 3 ? parts[1] : "-", parts[^1]);
        }
        return data;
    }

    internal static ExtractionResult Release(string language, string body) => new PressReleaseExtractor().Extract(SourceText.From(
        $"{(language == "de" ? "Pressemitteilung" : "Press release")}\n\n12.03.2025\n\n{body}\n", SourceFormat.Text), new DocumentHints(Language: language));

    [Theory]
    [MemberData(nameof(Examples))]
    public void EventTriggerLexiconGivesOneEventOfItsTypeGivenAnExample(string language, string type, string sentence)
    {
        var e = Assert.Single(Release(language, sentence).Events);
        Assert.Equal(Enum.Parse<EventType>(type, ignoreCase: true), e.Type);
    }

    [Theory]
    [MemberData(nameof(Negatives))]
    public void EventTriggerLexiconGivesNoEventGivenANegativeExample(string language, string _, string sentence) =>
        Assert.Empty(Release(language, sentence).Events);

    [Fact]
    public void EventTriggerLexiconHasExamplesInBothLanguages()
    {
        Assert.Contains(Examples(), row => (string)row[0] == "de");
        Assert.Contains(Examples(), row => (string)row[0] == "en");
        Assert.NotEmpty(Negatives());
    }
}

/// <summary>Event frames: a trigger with an actor is an event; dates, back-references and repeated mentions as real releases write them.</summary>
public sealed class EventFramesTests
{
    private static ExtractionResult Release(string language, string body) => EventTriggerLexiconTests.Release(language, body);

    [Fact]
    public void EventFramesDateAClauseWithoutADateByTheReleaseGivenNoOtherDate()
    {
        var r = Release("de", "Ministerpräsident Max Mustermann hat eine Delegation aus der japanischen Präfektur Iwate zu einem Gespräch empfangen.");
        var e = Assert.Single(r.Events);
        Assert.Equal("2025-03-12", e.Date.ToString());
    }

    [Fact]
    public void EventFramesKeepAnEventUndatedGivenAReleaseWithoutAnyDate()
    {
        var r = new PressReleaseExtractor().Extract(SourceText.From(
            "Besuch aus Iwate\n\nMinisterpräsident Max Mustermann hat eine hochrangige Delegation aus der japanischen Präfektur Iwate mit Gouverneur Taro Beispiel an der Spitze zu einem Gespräch empfangen.\n",
            SourceFormat.Text));
        var e = Assert.Single(r.Events);
        Assert.Null(e.Date);
        Assert.Contains(r.Persons, p => p.Name == "Taro Beispiel" && e.PersonIds.Contains(p.Id));
    }

    [Fact]
    public void EventFramesTakeTheParagraphsDateGivenALaterSentenceOfTheSameParagraph()
    {
        var r = Release("de", "Am 10. März 2025 empfing Ministerpräsident Max Mustermann den Botschafter von Japan, Taro Beispiel. Anschließend besuchte Botschafter Beispiel die Universität zu Köln.");
        Assert.All(r.Events, e => Assert.Equal("2025-03-10", e.Date.ToString()));
        Assert.Contains(r.Events, e => e.Type == EventType.Visit);
    }

    [Fact]
    public void EventFramesMergeTwoMentionsOfOneOccurrenceGivenACaptionAndABodySentence()
    {
        var r = Release("de", """
            Ministerpräsident Max Mustermann und Gouverneur Taro Beispiel unterzeichnen die Erklärung.

            Am 11. März 2025 unterzeichneten Ministerpräsident Max Mustermann und Gouverneur Taro Beispiel der Präfektur Iwate in Kiel eine Absichtserklärung.
            """);
        var e = Assert.Single(r.Events);
        Assert.Equal(EventType.Signing, e.Type);
        Assert.Equal("2025-03-11", e.Date.ToString());
        Assert.Equal(2, e.PersonIds.Count);
    }

    [Fact]
    public void EventFramesMakeNoEventGivenOnlyABackReferenceToAnOccurrence()
    {
        var r = Release("de", "Ministerpräsident Max Mustermann betonte zu Beginn des Gesprächs die Bedeutung der Partnerschaft.");
        Assert.Empty(r.Events);
    }

    [Fact]
    public void EventFramesPreferAReportOverABackReferenceGivenBothInOneClause()
    {
        var r = Release("de", "Am Rande des Besuchs eröffnete Ministerpräsident Max Mustermann am 11. März 2025 eine Ausstellung in Kyoto.");
        Assert.Equal(EventType.Other, Assert.Single(r.Events).Type);
    }

    [Fact]
    public void EventFramesDateTheNextDayFromTheDayTheTextIsAboutGivenAmNaechstenTag()
    {
        var r = Release("de", "Am 9. März 2025 empfing Landtagspräsident Max Mustermann den Botschafter von Japan, Taro Beispiel. Am nächsten Tag traf Botschafter Beispiel die Ministerin Erika Musterfrau zu einem Gespräch.");
        Assert.Equal("2025-03-10", Assert.Single(r.Events, e => e.Type == EventType.Meeting).Date.ToString());
    }

    [Fact]
    public void EventFramesTakeThePersonGivenTheFamilyNameAloneOfAPersonNamedInFull()
    {
        var r = Release("en", "On 10 March 2025 Premier Jane Roe visited Kyoto. On 11 March 2025 Roe also opened an exhibition of photographs.");
        var opening = Assert.Single(r.Events, e => e.Type == EventType.Other);
        Assert.Equal([Assert.Single(r.Persons).Id], opening.PersonIds);
    }

    [Fact]
    public void EventFramesTakeThePersonLastNamedGivenAPronounSubject()
    {
        var r = Release("de", "Am 10. März 2025 besuchte Generalkonsul Taro Beispiel die Staatskanzlei. Am 11. März 2025 traf er mit Frau Erika Musterfrau zusammen.");
        var meeting = Assert.Single(r.Events, e => e.Type == EventType.Meeting);
        Assert.Equal(2, meeting.PersonIds.Count);
    }

    [Fact]
    public void EventFramesTakeThePlaceVisitedGivenATriggerWhoseObjectIsThePlace()
    {
        var r = Release("en", "On 10 March 2025 Governor Jane Roe visited Kyoto.");
        Assert.Equal("city:jp:kyoto", Assert.Single(r.Events).PlaceId);
    }

    [Fact]
    public void EventFramesKeepEveryQuoteVerbatimWithItsTriggerInside()
    {
        string[] subjects = ["Ministerpräsident Max Mustermann", "Gouverneur Taro Beispiel", "Generalkonsulin Erika Musterfrau", "Bürgermeister Hans Probe"];
        string[] predicates = ["besuchte die Präfektur Iwate", "empfing den Botschafter von Japan", "traf den Landrat zu einem Gespräch", "unterzeichnete eine Absichtserklärung mit der Präfektur Iwate",
            "stattete der Staatskanzlei einen Antrittsbesuch ab", "nahm an der Eröffnungsfeier teil", "reiste mit einer Delegation nach Kyoto"];
        string[] dates = ["Am 3. März 2025", "Am Montag", "Heute", "Im Februar 2025", ""];
        var sentence = Gen.Select(Gen.Int[0, dates.Length - 1], Gen.Int[0, subjects.Length - 1], Gen.Int[0, predicates.Length - 1],
            (d, s, p) => (dates[d].Length == 0 ? $"{subjects[s]} {predicates[p]}." : $"{dates[d]} {Lower(predicates[p], subjects[s])}."));
        sentence.Array[1, 6].Sample(sentences =>
        {
            var text = $"Pressemitteilung\n\n12.03.2025\n\n{string.Join(" ", sentences)}\n";
            var r = new PressReleaseExtractor().Extract(SourceText.From(text, SourceFormat.Text));
            foreach (var e in r.Events)
            {
                Assert.Contains(r.Quote(e.Quote), text, StringComparison.Ordinal);
                Assert.True(e.Quote.Start <= e.Trigger.Start && e.Trigger.End <= e.Quote.End && e.Trigger.End > e.Trigger.Start,
                    $"the trigger of {e.Title} lies outside its quote \"{r.Quote(e.Quote)}\"");
            }
        }, iter: 300);
    }

    // "Am 3. März 2025 besuchte Ministerpräsident Max Mustermann die Präfektur Iwate": the verb before its subject
    private static string Lower(string predicate, string subject)
    {
        var verb = predicate.Split(' ')[0];
        return $"{verb} {subject}{predicate[verb.Length..]}";
    }
}

/// <summary>Participant roles from the grammar around the trigger: subject, object, passive and agent.</summary>
public sealed class EventRolesTests
{
    private static Dictionary<string, string> RolesByName(ExtractionResult r, ExtractedEvent e) =>
        e.Roles.ToDictionary(kv => r.Persons.Single(p => p.Id == kv.Key).Name, kv => kv.Value);

    [Fact]
    public void EventRolesMakeTheSubjectHostAndTheObjectGuestGivenAReception()
    {
        var r = EventTriggerLexiconTests.Release("de", "Am 10. März 2025 empfing Ministerpräsident Max Mustermann den Botschafter von Japan, Taro Beispiel.");
        var roles = RolesByName(r, Assert.Single(r.Events));
        Assert.Equal("host", roles["Max Mustermann"]);
        Assert.Equal("guest", roles["Taro Beispiel"]);
    }

    [Fact]
    public void EventRolesSwapGivenAPassiveWithItsAgent()
    {
        var r = EventTriggerLexiconTests.Release("de", "Am 10. März 2025 wurde Botschafter Taro Beispiel von Ministerpräsident Max Mustermann in der Staatskanzlei empfangen.");
        var roles = RolesByName(r, Assert.Single(r.Events));
        Assert.Equal("host", roles["Max Mustermann"]);
        Assert.Equal("guest", roles["Taro Beispiel"]);
    }

    [Fact]
    public void EventRolesMakeTheVisitorGuestGivenAVisitInEnglish()
    {
        var r = EventTriggerLexiconTests.Release("en", "On 10 March 2025 Consul General Taro Example paid a courtesy call on Governor Jane Roe in Sacramento.");
        var roles = RolesByName(r, Assert.Single(r.Events));
        Assert.Equal("guest", roles["Taro Example"]);
        Assert.Equal("host", roles["Jane Roe"]);
    }

    [Fact]
    public void EventRolesKeepOneRoleForAllGivenASigning()
    {
        var r = EventTriggerLexiconTests.Release("de", "Am 11. März 2025 unterzeichneten Ministerpräsident Max Mustermann und Gouverneur Taro Beispiel eine Absichtserklärung.");
        Assert.All(Assert.Single(r.Events).Roles.Values, role => Assert.Equal("signatory", role));
    }
}

/// <summary>extract --explain: what was decided for each candidate, and why.</summary>
public sealed class ExtractionExplanationTests
{
    [Fact]
    public void ExplanationNamesTheLexiconEntryGivenAKeptTrigger()
    {
        var r = new PressReleaseExtractor().Explain(SourceText.From("Besuch\n\n12.03.2025\n\nAm 10. März 2025 besuchte Gouverneur Taro Beispiel die Staatskanzlei.\n", SourceFormat.Text));
        var d = Assert.Single(r.Explanation, d => d.Kind == "trigger");
        Assert.True(d.Kept);
        Assert.Equal("besuchte", d.Text);
        Assert.Contains("event-triggers.tsv", d.Reason);
        Assert.Contains(r.Explanation, x => x.Kind == "date" && x.Kept && x.Text.Contains("10. März 2025"));
        Assert.Contains(r.Explanation, x => x.Kind == "name" && x.Text == "Taro Beispiel");
    }

    [Fact]
    public void ExplanationSaysWhyGivenADroppedTrigger()
    {
        var r = new PressReleaseExtractor().Explain(SourceText.From("Absage\n\n12.03.2025\n\nGouverneur Taro Beispiel konnte den Ministerpräsidenten nicht treffen.\n", SourceFormat.Text));
        var d = Assert.Single(r.Explanation, d => d.Kind == "trigger");
        Assert.False(d.Kept);
        Assert.Contains("negated", d.Reason);
        Assert.Empty(r.Events);
    }

    [Fact]
    public void ExplanationIsEmptyGivenAnOrdinaryExtraction() =>
        Assert.Empty(new PressReleaseExtractor().Extract(SourceText.From("Besuch\n\n12.03.2025\n\nAm 10. März 2025 besuchte Gouverneur Taro Beispiel die Staatskanzlei.\n", SourceFormat.Text)).Explanation);
}
