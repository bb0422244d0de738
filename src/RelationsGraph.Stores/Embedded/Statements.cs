using RelationsGraph.Model;

namespace RelationsGraph.Stores.Embedded;

/// <summary>One document's statement of a node or an edge, with its quotes.</summary>
internal readonly record struct Statement<T>(Document Document, T Fact, EvidenceSpan[] Evidence);

/// <summary>
/// The statements of one node or edge: an array and a count kept inside the entry, not a dictionary
/// per entry. Most facts are stated by one document (48 bytes here instead of about 240 for a
/// dictionary); a country stated by every document grows by doubling.
/// </summary>
/// <remarks>A mutable struct: use it only as a field, never through a copy.</remarks>
internal struct StatementList<T>
{
    private Statement<T>[] items;

    public int Count { get; private set; }

    public readonly ReadOnlySpan<Statement<T>> All => items is null ? [] : items.AsSpan(0, Count);

    public void Add(Statement<T> statement)
    {
        items ??= new Statement<T>[1];
        if (Count == items.Length) Array.Resize(ref items, items.Length * 2);
        items[Count++] = statement;
    }

    /// <summary>Puts the statement in place of the last one when both come from the same document (a fact listed twice in one document graph), else adds it.</summary>
    public void AddOrReplaceLast(Statement<T> statement)
    {
        if (Count > 0 && ReferenceEquals(items[Count - 1].Document, statement.Document)) items[Count - 1] = statement;
        else Add(statement);
    }

    /// <summary>Removes the document's statement, keeping the others in order; false when it made none.</summary>
    public bool Remove(Document document)
    {
        for (var i = Count - 1; i >= 0; i--)
        {
            if (!ReferenceEquals(items[i].Document, document)) continue;
            Array.Copy(items, i + 1, items, i, Count - i - 1);
            items[--Count] = default;
            if (Count == 0) items = null!;
            else if (Count <= items.Length / 4) Array.Resize(ref items, Count * 2);
            return true;
        }
        return false;
    }
}
