using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using RelationsGraph.Model;

namespace RelationsGraph.Stores.Embedded;

/// <summary>
/// Writes the parts of a snapshot's payload (<see cref="Snapshot"/>): 7-bit encoded counts and
/// indexes, strings as references into one table (each distinct string once: ids, names and quotes
/// shared by many facts), and the graph's records. The body is written as the graph is walked; the
/// string table, which a reader needs first, is put before it at the end.
/// </summary>
internal sealed class SnapshotWriter
{
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);

    /// <summary>The same numbers by string object: the graph shares its ids and names, so most references are found here without hashing the text.</summary>
    private readonly Dictionary<string, int> byReference = new(ReferenceEqualityComparer.Instance);
    private readonly List<string> strings = [];
    private byte[] body = new byte[1 << 20];
    private int length;

    public void Int(int n) => UInt((uint)n);

    /// <summary>A count or an index: 7 bits a byte, the high bit saying that more follow.</summary>
    public void UInt(uint n)
    {
        Ensure(5);
        while (n >= 0x80)
        {
            body[length++] = (byte)(n | 0x80);
            n >>= 7;
        }
        body[length++] = (byte)n;
    }

    public void Byte(byte b)
    {
        Ensure(1);
        body[length++] = b;
    }

    public void Decimal(decimal d)
    {
        Ensure(16);
        Span<int> bits = stackalloc int[4];
        System.Decimal.GetBits(d, bits);
        foreach (var b in bits)
        {
            BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(length), b);
            length += 4;
        }
    }

    /// <summary>A string as its index in the table plus one; 0 for null.</summary>
    public void Ref(string? s)
    {
        if (s is null)
        {
            UInt(0);
            return;
        }
        ref var known = ref CollectionsMarshal.GetValueRefOrAddDefault(byReference, s, out var seen);
        if (!seen)
        {
            if (!index.TryGetValue(s, out known))
            {
                index[s] = known = strings.Count;
                strings.Add(s);
            }
        }
        UInt((uint)known + 1);
    }

    public void Date(FuzzyDate? d) => Int(SnapshotDates.Number(d));

    public void Document(Document d)
    {
        Ref(d.Id); Ref(d.Title); Ref(d.Url); Date(d.Published); Ref(d.Publisher); Ref(d.Language); Ref(d.ContentHash); Ref(d.SourceName);
    }

    public void Node(GraphNode node)
    {
        switch (node)
        {
            case Place p:
                Byte((byte)SnapshotLabel.Place); Ref(p.Id); Ref(p.Name); Byte((byte)p.Kind); Ref(p.Iso); Aliases(p.Aliases);
                break;
            case Person p:
                Byte((byte)SnapshotLabel.Person); Ref(p.Id); Ref(p.Name); Aliases(p.Aliases);
                break;
            case Office o:
                Byte((byte)SnapshotLabel.Office); Ref(o.Id); Ref(o.Title); Ref(o.Role); Aliases(o.Aliases);
                break;
            case Organization o:
                Byte((byte)SnapshotLabel.Organization); Ref(o.Id); Ref(o.Name); Byte((byte)o.Kind); Aliases(o.Aliases);
                break;
            case Event e:
                Byte((byte)SnapshotLabel.Event); Ref(e.Id); Byte((byte)e.Type); Date(e.Date); Ref(e.Title);
                break;
            case Agreement a:
                Byte((byte)SnapshotLabel.Agreement); Ref(a.Id); Ref(a.Title); Ref(a.Kind); Byte(a.Count is null ? (byte)0 : (byte)1); Int(a.Count ?? 0);
                Byte((byte)a.Status); Date(a.Date);
                break;
            case Statistic s:
                Byte((byte)SnapshotLabel.Statistic); Ref(s.Id); Ref(s.Subject); Ref(s.Metric); Decimal(s.Value); Byte((byte)s.Qualifier); Ref(s.Unit);
                Date(s.AsOf);
                break;
            case Document d:
                Byte((byte)SnapshotLabel.Document); Document(d);
                break;
            default:
                throw new NotSupportedException($"A snapshot cannot hold a node of type {node.GetType().Name}.");
        }
    }

    public void Edge(GraphEdge e)
    {
        Ref(e.Type); Ref(e.Source); Ref(e.Target); Ref(e.Role); Date(e.AsOf); Ref(e.Title);
    }

    public void Evidence(EvidenceSpan[] spans)
    {
        UInt((uint)spans.Length);
        foreach (var e in spans)
        {
            Ref(e.DocumentId); Ref(e.Quote); Int(e.Start); Int(e.End);
        }
    }

    private void Aliases(IReadOnlyList<string> aliases)
    {
        UInt((uint)aliases.Count);
        foreach (var a in aliases) Ref(a);
    }

    private void Ensure(int n)
    {
        if (length + n <= body.Length) return;
        var larger = Math.Max((long)body.Length * 2, (long)length + n);
        if (larger > Array.MaxLength) throw new IOException($"A snapshot holds at most {Array.MaxLength:N0} bytes: this graph is too large for one.");
        Array.Resize(ref body, (int)larger);
    }

    /// <summary>The payload: the string table (count, then each string as its UTF-8 length and bytes), then the body.</summary>
    public SnapshotPayload Finish()
    {
        var table = new SnapshotWriter();
        table.UInt((uint)strings.Count);
        foreach (var s in strings)
        {
            var n = Encoding.UTF8.GetByteCount(s);
            table.UInt((uint)n);
            table.Ensure(n);
            table.length += Encoding.UTF8.GetBytes(s, table.body.AsSpan(table.length));
        }
        return new SnapshotPayload(table.body[..table.length], body.AsMemory(0, length));
    }
}

/// <summary>Reads what <see cref="SnapshotWriter"/> wrote, from the payload in memory; every count is checked against the payload's size.</summary>
internal sealed class SnapshotReader
{
    private readonly byte[] payload;
    private readonly int end;
    private readonly string[] strings;
    private int at;

    public SnapshotReader(byte[] payload, int start, int end)
    {
        this.payload = payload;
        this.end = end;
        at = start;
        strings = new string[Count()];
        for (var i = 0; i < strings.Length; i++)
        {
            var n = Count();
            if (n > end - at) throw new InvalidDataException("A string runs past the end of the snapshot.");
            strings[i] = Encoding.UTF8.GetString(payload, at, n);
            at += n;
        }
    }

    public bool AtEnd => at == end;

    public uint UInt()
    {
        uint n = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (at >= end) throw new InvalidDataException("The snapshot ends in the middle of a record.");
            var b = payload[at++];
            n |= (uint)(b & 0x7F) << shift;
            if (b < 0x80) return n;
        }
        throw new InvalidDataException("A number in the snapshot is longer than 5 bytes.");
    }

    public int Int() => (int)UInt();

    /// <summary>A count, never more than the payload has bytes (a hash collision on a damaged file must not allocate gigabytes).</summary>
    public int Count()
    {
        var n = UInt();
        return n <= (uint)(end - at) ? (int)n : throw new InvalidDataException($"A count of {n} with {end - at} bytes left in the snapshot.");
    }

    /// <summary>An index into a table of <paramref name="size"/> entries.</summary>
    public int Index(int size)
    {
        var i = UInt();
        return i < (uint)size ? (int)i : throw new InvalidDataException($"An index of {i} into a table of {size} in the snapshot.");
    }

    public byte Byte() => at < end ? payload[at++] : throw new InvalidDataException("The snapshot ends in the middle of a record.");

    public decimal Decimal()
    {
        if (end - at < 16) throw new InvalidDataException("The snapshot ends in the middle of a record.");
        Span<int> bits = stackalloc int[4];
        for (var i = 0; i < 4; i++, at += 4) bits[i] = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(at));
        return new decimal(bits);
    }

    public string? RefOrNull()
    {
        var i = UInt();
        return i == 0 ? null : i <= (uint)strings.Length ? strings[i - 1] : throw new InvalidDataException($"A string reference {i} into a table of {strings.Length}.");
    }

    public string Ref() => RefOrNull() ?? throw new InvalidDataException("A required string is missing in the snapshot.");

    public FuzzyDate? Date() => SnapshotDates.Date(Int());

    public Document Document() => new(Ref(), Ref(), RefOrNull(), Date(), RefOrNull(), Ref(), Ref(), RefOrNull());

    public GraphNode Node() => (SnapshotLabel)Byte() switch
    {
        SnapshotLabel.Place => new Place(Ref(), Ref(), (PlaceKind)Byte(), RefOrNull(), Aliases()),
        SnapshotLabel.Person => new Person(Ref(), Ref(), Aliases()),
        SnapshotLabel.Office => new Office(Ref(), Ref(), Ref(), Aliases()),
        SnapshotLabel.Organization => new Organization(Ref(), Ref(), (OrganizationKind)Byte(), Aliases()),
        SnapshotLabel.Event => new Event(Ref(), (EventType)Byte(), Date(), Ref()),
        SnapshotLabel.Agreement => new Agreement(Ref(), Ref(), Ref(), Byte() is var has && Int() is var n && has != 0 ? n : null, (AgreementStatus)Byte(), Date()),
        SnapshotLabel.Statistic => new Statistic(Ref(), Ref(), Ref(), Decimal(), (StatisticQualifier)Byte(), RefOrNull(), Date()),
        SnapshotLabel.Document => Document(),
        var l => throw new InvalidDataException($"Unknown node label {(byte)l} in the snapshot."),
    };

    public GraphEdge Edge() => new(Ref(), Ref(), Ref(), RefOrNull(), Date(), RefOrNull());

    public EvidenceSpan[] Evidence()
    {
        var n = Count();
        if (n == 0) return [];
        var a = new EvidenceSpan[n];
        for (var i = 0; i < n; i++) a[i] = new EvidenceSpan(Ref(), Ref(), Int(), Int());
        return a;
    }

    private string[] Aliases()
    {
        var n = Count();
        if (n == 0) return [];
        var a = new string[n];
        for (var i = 0; i < a.Length; i++) a[i] = Ref();
        return a;
    }
}

/// <summary>The node kinds as a snapshot numbers them.</summary>
internal enum SnapshotLabel : byte { Place = 1, Person, Office, Organization, Event, Agreement, Statistic, Document }

/// <summary>A fuzzy date as one number, yyyymmdd with 0 for an unknown month or day; 0 for no date.</summary>
internal static class SnapshotDates
{
    public static int Number(FuzzyDate? d) => d is { } x ? x.Year * 10000 + (x.Month ?? 0) * 100 + (x.Day ?? 0) : 0;

    public static FuzzyDate? Date(int n) => n == 0 ? null : new FuzzyDate(n / 10000, n / 100 % 100 is var m and > 0 ? m : null, n % 100 is var d and > 0 ? d : null);
}
