namespace RelationsGraph.Model;

/// <summary>The relationship types of the graph model.</summary>
public static class EdgeTypes
{
    public const string PartOf = "PART_OF";
    public const string Of = "OF";
    public const string Holds = "HOLDS";
    public const string BasedIn = "BASED_IN";
    public const string Participant = "PARTICIPANT";
    public const string At = "AT";
    public const string Involves = "INVOLVES";
    public const string Concerns = "CONCERNS";
    public const string Party = "PARTY";
    public const string About = "ABOUT";

    public static readonly IReadOnlyList<string> All = [PartOf, Of, Holds, BasedIn, Participant, At, Involves, Concerns, Party, About];
}

/// <summary>
/// A directed relationship. <see cref="Role"/> qualifies PARTICIPANT edges ("host", "guest");
/// <see cref="AsOf"/> dates HOLDS edges (the date at which the evidence shows the office held);
/// <see cref="Title"/> gives a HOLDS edge the office's title in the words the evidence uses for that
/// holder ("Ministerpräsident von Nordrhein-Westfalen" for him, "Ministerpräsidentin ..." for her), since
/// the office node has one title for all its holders. Neither is part of the id.
/// </summary>
public sealed record GraphEdge(string Type, string Source, string Target, string? Role = null, FuzzyDate? AsOf = null, string? Title = null)
{
    /// <summary>Deterministic id: the same relationship from two documents is one edge.</summary>
    public string Id => Role is null ? $"{Type}:{Source}->{Target}" : $"{Type}:{Source}->{Target}:{Role}";
}
