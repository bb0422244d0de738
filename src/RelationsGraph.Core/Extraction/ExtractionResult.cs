using RelationsGraph.Model;

namespace RelationsGraph.Extraction;

/// <summary>A character range of the document's normalized text (end exclusive).</summary>
public readonly record struct TextRange(int Start, int End);

/// <summary>What is known about a document besides its text; anything left null is read from the text.</summary>
/// <remarks><see cref="Publisher"/>: who publishes the document (a feed's setting, such as "Staatskanzlei Nordrhein-Westfalen"), read as a publisher line would be; the text decides when it is not given or not recognized.</remarks>
public sealed record DocumentHints(string? SourceName = null, string? Url = null, string? Title = null, FuzzyDate? Published = null, string? Language = null, string? Publisher = null);

public sealed record DocumentInfo(string Id, string Title, FuzzyDate? Published, string? Publisher, string? PublisherId, string Language, string? Url, string? SourceName, string ContentHash, string? HomeJurisdictionId);

public sealed record ExtractedPlace(string Id, string Name, PlaceKind Kind, string? ParentId, TextRange Range);

public sealed record ExtractedOrganization(string Id, string Name, OrganizationKind Kind, string? JurisdictionId, TextRange Range);

public sealed record ExtractedOffice(string Id, string Role, string Title, string? JurisdictionId, string? SeatId, FuzzyDate? AsOf, TextRange Range);

public sealed record ExtractedPerson(string Id, string Name, IReadOnlyList<string> Aliases, IReadOnlyList<ExtractedOffice> Offices, TextRange Range);

/// <summary>
/// An event of the document. <see cref="OfficeIds"/> are offices that took part without a name in the
/// release ("empfing den Generalkonsul"); the write path resolves them to whoever held the office then.
/// <see cref="Date"/> is null when the release does not say when.
/// </summary>
public sealed record ExtractedEvent(string Id, EventType Type, FuzzyDate? Date, string Title, IReadOnlyList<string> PersonIds,
    IReadOnlyList<string> OrganizationIds, string? PlaceId, IReadOnlyList<string> InvolvedIds, IReadOnlyList<string> AgreementIds, TextRange Quote)
{
    public IReadOnlyList<string> OfficeIds { get; init; } = [];

    /// <summary>The word or phrase that reported the event ("besuchte", "Antrittsbesuch"), inside <see cref="Quote"/>.</summary>
    public TextRange Trigger { get; init; }

    /// <summary>The role of each participant where the grammar around the trigger tells it (host, guest, signatory, participant).</summary>
    public IReadOnlyDictionary<string, string> Roles { get; init; } = new Dictionary<string, string>();
}

public sealed record ExtractedAgreement(string Id, string Title, string Kind, int? Count, AgreementStatus Action, FuzzyDate? Date,
    IReadOnlyList<string> PartyIds, TextRange Quote);

public sealed record ExtractedStatistic(string Id, string Subject, string Metric, decimal Value, StatisticQualifier Qualifier, string? Unit,
    FuzzyDate? AsOf, IReadOnlyList<string> AboutIds, TextRange Quote);

/// <summary>
/// What the extractor decided about one candidate (a trigger, date, name or number) and why: the rule or lexicon
/// entry that kept or dropped it. Recorded only when asked for (<c>extract --explain</c>).
/// </summary>
public sealed record ExtractionDecision(string Kind, string Text, TextRange Range, bool Kept, string Reason);

/// <summary>Why a document yielded nothing usable although it was read.</summary>
public enum ExtractionFlagKind
{
    /// <summary>The text is in a language the extractor does not handle (only German and English are extracted).</summary>
    UnsupportedLanguage,

    /// <summary>No person, place, organization, event, agreement or figure was recognized.</summary>
    NoRecognizableContent,
}

/// <summary>A reason to look at a document by hand: what was wrong, in words a user can act on.</summary>
public sealed record ExtractionFlag(ExtractionFlagKind Kind, string Reason);

/// <summary>Everything the extractor found in one document, each fact with the range of text it came from.</summary>
public sealed record ExtractionResult(
    DocumentInfo Document,
    string Text,
    IReadOnlyList<ExtractedPerson> Persons,
    IReadOnlyList<ExtractedPlace> Places,
    IReadOnlyList<ExtractedOrganization> Organizations,
    IReadOnlyList<ExtractedEvent> Events,
    IReadOnlyList<ExtractedAgreement> Agreements,
    IReadOnlyList<ExtractedStatistic> Statistics,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Why the document needs a look (unsupported language, nothing recognized); empty for a normal release.
    /// A flagged document is still kept, with its text and whatever was found.</summary>
    public IReadOnlyList<ExtractionFlag> Flags { get; init; } = [];

    /// <summary>Offices named without their holder ("der Generalkonsul von Japan"), that events refer to.</summary>
    public IReadOnlyList<ExtractedOffice> UnnamedOffices { get; init; } = [];

    /// <summary>The decisions behind the result, in text order; empty unless the extraction was asked to explain itself.</summary>
    public IReadOnlyList<ExtractionDecision> Explanation { get; init; } = [];

    public bool IsFlagged => Flags.Count > 0;

    public string Quote(TextRange r) => Text[r.Start..r.End];

    public bool IsEmpty => Persons.Count + Places.Count + Organizations.Count + Events.Count + Agreements.Count + Statistics.Count == 0;
}
