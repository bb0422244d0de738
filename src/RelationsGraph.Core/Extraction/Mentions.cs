using RelationsGraph.Model;

namespace RelationsGraph.Extraction;

internal sealed record PlaceHit(List<PlaceEntry> Candidates, int First, int Last, string Surface, PlaceKind? Context)
{
    public PlaceEntry? Chosen { get; set; }
}

internal sealed record AdjectiveHit(string PlaceId, bool IsDemonym, int First, int Last);

internal sealed record OfficeHit(OfficeForm Form, int First, int TitleLast, int Last, string? JurisdictionId, string? SeatId, bool Explicit, string Title);

internal sealed record PersonHit(string Name, int First, int Last, OfficeHit? Office);

internal sealed record OrganizationHit(string Key, string Name, OrganizationKind Kind, string? JurisdictionId, int First, int Last, string? SeatId = null);

/// <summary>What the recognizers found in one clause.</summary>
internal sealed class ClauseMentions(Clause clause)
{
    public Clause Clause { get; } = clause;
    public IReadOnlyList<Token> Tokens => Clause.Tokens;
    public List<PlaceHit> Places { get; } = [];
    public List<AdjectiveHit> Adjectives { get; } = [];
    public List<OfficeHit> Offices { get; } = [];
    public List<PersonHit> Persons { get; } = [];
    public List<OrganizationHit> Organizations { get; } = [];
    public List<DateMention> Dates { get; } = [];

    /// <summary>Tokens inside an office or institution phrase: a place there is a jurisdiction, not where something happened.</summary>
    public HashSet<int> InPhrase { get; } = [];

    public TextRange Range => new(Clause.Start, Clause.End);

    public PlaceHit? PlaceAt(int i) => Places.FirstOrDefault(p => p.First <= i && i <= p.Last);
    public AdjectiveHit? AdjectiveAt(int i) => Adjectives.FirstOrDefault(p => p.First <= i && i <= p.Last);
}
