using System.Text.Json.Serialization;

namespace RelationsGraph.Model;

public enum PlaceKind { Country, State, Prefecture, Province, Region, City }

public enum OrganizationKind { Government, Parliament, Ministry, Agency, Mission, Company, University, Association, Other }

public enum EventType { Visit, Reception, Meeting, Delegation, Signing, Extension, Other }

public enum AgreementStatus { Planned, Signed, Extended, Renewed, Ongoing }

public enum StatisticQualifier { Exactly, About, MoreThan, LessThan }

/// <summary>
/// A node of the knowledge graph. Every node has a stable, deterministic <see cref="Id"/> so that
/// re-ingesting a document changes nothing and the same thing seen in two documents is one node.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "label")]
[JsonDerivedType(typeof(Place), "Place")]
[JsonDerivedType(typeof(Person), "Person")]
[JsonDerivedType(typeof(Office), "Office")]
[JsonDerivedType(typeof(Organization), "Organization")]
[JsonDerivedType(typeof(Event), "Event")]
[JsonDerivedType(typeof(Agreement), "Agreement")]
[JsonDerivedType(typeof(Statistic), "Statistic")]
[JsonDerivedType(typeof(Document), "Document")]
public abstract record GraphNode(string Id)
{
    /// <summary>The kind label (Place, Person, ...), as in the property graph.</summary>
    [JsonIgnore]
    public abstract string Label { get; }

    /// <summary>The name a person reads: name or title.</summary>
    [JsonIgnore]
    public abstract string DisplayName { get; }

    /// <summary>Every name the node is known by, for reference resolution and search.</summary>
    public virtual IEnumerable<string> Names() => [DisplayName];
}

/// <summary>A country, a subdivision (Land, prefecture, province, region) or a city. Id = ISO 3166 code where one exists.</summary>
public sealed record Place(string Id, string Name, PlaceKind Kind, string? Iso, IReadOnlyList<string> Aliases) : GraphNode(Id)
{
    public override string Label => "Place";
    public override string DisplayName => Name;
    public override IEnumerable<string> Names() => [Name, .. Aliases, .. Iso is null ? Array.Empty<string>() : [Iso]];
}

public sealed record Person(string Id, string Name, IReadOnlyList<string> Aliases) : GraphNode(Id)
{
    public override string Label => "Person";
    public override string DisplayName => Name;
    public override IEnumerable<string> Names() => [Name, .. Aliases];
}

/// <summary>An office such as "Gouverneur der Präfektur Fukushima"; it is OF a place or organization.</summary>
public sealed record Office(string Id, string Title, string Role, IReadOnlyList<string> Aliases) : GraphNode(Id)
{
    public override string Label => "Office";
    public override string DisplayName => Title;
    public override IEnumerable<string> Names() => [Title, .. Aliases];
}

public sealed record Organization(string Id, string Name, OrganizationKind Kind, IReadOnlyList<string> Aliases) : GraphNode(Id)
{
    public override string Label => "Organization";
    public override string DisplayName => Name;
    public override IEnumerable<string> Names() => [Name, .. Aliases];
}

/// <summary>
/// Something that happened. <see cref="Date"/> is null when the release does not say when ("empfing eine
/// Delegation" with no date anywhere): the event is still a fact, listed after the dated ones and matched
/// by no date filter.
/// </summary>
public sealed record Event(string Id, EventType Type, FuzzyDate? Date, string Title) : GraphNode(Id)
{
    public override string Label => "Event";
    public override string DisplayName => Title;

    /// <summary>The order events are listed in everywhere (stores, timelines, summaries): by date, undated last, then id.</summary>
    public static readonly IComparer<Event> DateOrder = Comparer<Event>.Create((x, y) =>
    {
        var c = CompareDates(x.Date, y.Date);
        return c != 0 ? c : string.CompareOrdinal(x.Id, y.Id);
    });

    /// <summary>Dates in order with an unknown date after every known one (as Neo4j sorts a null last).</summary>
    public static int CompareDates(FuzzyDate? x, FuzzyDate? y) =>
        (x, y) switch
        {
            ({ } a, { } b) => a.CompareTo(b),
            (null, null) => 0,
            (null, _) => 1,
            _ => -1,
        };

    /// <summary>True when the event's date overlaps [from, to]; an undated event matches only when neither bound is given.</summary>
    public bool InPeriod(FuzzyDate? from, FuzzyDate? to) =>
        Date is { } d ? d.Overlaps(from, to) : from is null && to is null;
}

public sealed record Agreement(string Id, string Title, string Kind, int? Count, AgreementStatus Status, FuzzyDate? Date) : GraphNode(Id)
{
    public override string Label => "Agreement";
    public override string DisplayName => Title;
}

public sealed record Statistic(string Id, string Subject, string Metric, decimal Value, StatisticQualifier Qualifier, string? Unit, FuzzyDate? AsOf) : GraphNode(Id)
{
    public override string Label => "Statistic";
    public override string DisplayName => Subject;
}

public sealed record Document(string Id, string Title, string? Url, FuzzyDate? Published, string? Publisher, string Language, string ContentHash, string? SourceName) : GraphNode(Id)
{
    public override string Label => "Document";
    public override string DisplayName => Title;
}
