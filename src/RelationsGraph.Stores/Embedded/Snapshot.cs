using System.IO.Hashing;
using System.Text;
using RelationsGraph.Model;

namespace RelationsGraph.Stores.Embedded;

/// <summary>
/// Which state of the SQLite file a snapshot holds: the file's id (made once, so that a snapshot
/// beside another file is never taken for its own), its write generation (raised by a trigger on
/// every row written or deleted, by any process) and the number of documents.
/// </summary>
internal sealed record StoreVersion(string StoreId, long Generation, int Documents);

/// <summary>A snapshot that cannot be used: stale (another state of the file) or corrupt.</summary>
internal sealed class SnapshotRejectedException(string reason, bool corrupt, Exception? inner = null) : Exception(reason, inner)
{
    public bool Corrupt { get; } = corrupt;
}

/// <summary>
/// Every document's graph in a compact binary file beside the SQLite file, so that a start reads it
/// instead of parsing the JSON of every row. It holds the same documents as the file at one
/// generation, each string once (ids, names and quotes shared by many facts), behind a header that
/// says which state of the file it is and an XxHash64 of the rest. A reader checks both before it
/// decodes anything; the store rebuilds from SQLite when either does not match.
/// </summary>
/// <remarks>
/// Layout (little-endian; "ref" is a 7-bit encoded index into the string table plus one, 0 for null):
/// header: "RGSNAP\r\n", int32 format, string store id, int64 generation, int32 documents,
/// int64 payload length, uint64 XxHash64 of the payload; payload: string count and strings, document
/// count and documents (document fields, nodes with a label byte, edges, each with its evidence).
/// </remarks>
internal static class Snapshot
{
    public const string FileName = "relationsgraph.snapshot";

    /// <summary>Raised whenever the layout changes: an older file is then rebuilt, never misread.</summary>
    public const int Format = 1;

    private static ReadOnlySpan<byte> Magic => "RGSNAP\r\n"u8;

    /// <summary>Writes the snapshot to a temporary file and renames it into place, so that a reader sees the old file or the new one, never half of one.</summary>
    public static void Write(string path, StoreVersion version, IReadOnlyList<DocumentGraph> documents)
    {
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                WriteHeader(file, version, 0, 0);
                var payloadStart = file.Position;
                using (var w = new BinaryWriter(new BufferedStream(file, 1 << 20), Encoding.UTF8, leaveOpen: true))
                {
                    new Encoder(w).Write(documents);
                }
                var length = file.Position - payloadStart;
                file.Position = payloadStart;
                var hash = Hash(file, length);
                file.Position = 0;
                WriteHeader(file, version, length, hash);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// The documents of the snapshot, decoded one by one, after its header has been checked against
    /// the file's state and its payload against its hash; throws <see cref="SnapshotRejectedException"/> when either fails.
    /// </summary>
    public static IEnumerable<DocumentGraph> Read(string path, StoreVersion expected)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            var r = new BinaryReader(file, Encoding.UTF8, leaveOpen: true);
            long length;
            ulong hash;
            try
            {
                Span<byte> magic = stackalloc byte[8];
                file.ReadExactly(magic);
                if (!magic.SequenceEqual(Magic)) throw new SnapshotRejectedException("not a snapshot file", corrupt: true);
                var format = r.ReadInt32();
                if (format != Format) throw new SnapshotRejectedException($"format {format}, this version reads {Format}", corrupt: false);
                var found = new StoreVersion(r.ReadString(), r.ReadInt64(), r.ReadInt32());
                if (found.StoreId != expected.StoreId) throw new SnapshotRejectedException("it was taken of another database file", corrupt: false);
                if (found.Generation != expected.Generation || found.Documents != expected.Documents)
                    throw new SnapshotRejectedException($"it holds generation {found.Generation} ({found.Documents} documents), the database is at generation {expected.Generation} ({expected.Documents} documents)", corrupt: false);
                length = r.ReadInt64();
                hash = r.ReadUInt64();
            }
            catch (EndOfStreamException e)
            {
                throw new SnapshotRejectedException("its header is cut short", corrupt: true, e);
            }
            var payloadStart = file.Position;
            if (length < 0 || file.Length - payloadStart != length)
                throw new SnapshotRejectedException($"it should hold {length:N0} bytes after its header and holds {file.Length - payloadStart:N0} (truncated or extended)", corrupt: true);
            if (Hash(file, length) != hash) throw new SnapshotRejectedException("its checksum does not match its content", corrupt: true);
            file.Position = payloadStart;
            return Decode(file, r, length);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static IEnumerable<DocumentGraph> Decode(FileStream file, BinaryReader header, long length)
    {
        using (file)
        using (header)
        using (var r = new BinaryReader(new BufferedStream(file, 1 << 20), Encoding.UTF8))
        {
            var decoder = new Decoder(r, length);
            var count = decoder.Count();
            for (var i = 0; i < count; i++) yield return decoder.Document();
        }
    }

    private static void WriteHeader(Stream s, StoreVersion v, long length, ulong hash)
    {
        using var w = new BinaryWriter(s, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(Format);
        w.Write(v.StoreId);
        w.Write(v.Generation);
        w.Write(v.Documents);
        w.Write(length);
        w.Write(hash);
    }

    private static ulong Hash(Stream s, long length)
    {
        var h = new XxHash64();
        var buffer = new byte[1 << 20];
        while (length > 0)
        {
            var n = s.Read(buffer, 0, (int)Math.Min(buffer.Length, length));
            if (n == 0) break;
            h.Append(buffer.AsSpan(0, n));
            length -= n;
        }
        return h.GetCurrentHashAsUInt64();
    }

    private static int Date(FuzzyDate? d) => d is { } x ? x.Year * 10000 + (x.Month ?? 0) * 100 + (x.Day ?? 0) : 0;

    private static FuzzyDate? Date(int n) => n == 0 ? null : new FuzzyDate(n / 10000, n / 100 % 100 is var m and > 0 ? m : null, n % 100 is var d and > 0 ? d : null);

    private enum Label : byte { Place = 1, Person, Office, Organization, Event, Agreement, Statistic, Document }

    private sealed class Encoder(BinaryWriter w)
    {
        private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
        private readonly List<string> strings = [];

        public void Write(IReadOnlyList<DocumentGraph> documents)
        {
            // the string table first, so that a reader has every string before the first reference
            foreach (var g in documents) Collect(g);
            w.Write7BitEncodedInt(strings.Count);
            foreach (var s in strings) w.Write(s);
            w.Write7BitEncodedInt(documents.Count);
            foreach (var g in documents)
            {
                Document(g.Document);
                w.Write7BitEncodedInt(g.Nodes.Count);
                foreach (var n in g.Nodes)
                {
                    Node(n.Node);
                    Evidence(n.Evidence);
                }
                w.Write7BitEncodedInt(g.Edges.Count);
                foreach (var e in g.Edges)
                {
                    Ref(e.Edge.Type);
                    Ref(e.Edge.Source);
                    Ref(e.Edge.Target);
                    Ref(e.Edge.Role);
                    w.Write7BitEncodedInt(Date(e.Edge.AsOf));
                    Ref(e.Edge.Title);
                    Evidence(e.Evidence);
                }
            }
        }

        private void Collect(DocumentGraph g)
        {
            void Add(string? s)
            {
                if (s is not null && !index.ContainsKey(s))
                {
                    index[s] = strings.Count;
                    strings.Add(s);
                }
            }
            void AddDocument(Document d)
            {
                foreach (var s in new[] { d.Id, d.Title, d.Url, d.Publisher, d.Language, d.ContentHash, d.SourceName }) Add(s);
            }
            AddDocument(g.Document);
            foreach (var n in g.Nodes)
            {
                switch (n.Node)
                {
                    case Place p: Add(p.Id); Add(p.Name); Add(p.Iso); foreach (var a in p.Aliases) Add(a); break;
                    case Person p: Add(p.Id); Add(p.Name); foreach (var a in p.Aliases) Add(a); break;
                    case Office o: Add(o.Id); Add(o.Title); Add(o.Role); foreach (var a in o.Aliases) Add(a); break;
                    case Organization o: Add(o.Id); Add(o.Name); foreach (var a in o.Aliases) Add(a); break;
                    case Event e: Add(e.Id); Add(e.Title); break;
                    case Agreement a: Add(a.Id); Add(a.Title); Add(a.Kind); break;
                    case Statistic s: Add(s.Id); Add(s.Subject); Add(s.Metric); Add(s.Unit); break;
                    case Document d: AddDocument(d); break;
                    default: throw new NotSupportedException($"A snapshot cannot hold a node of type {n.Node.GetType().Name}.");
                }
                foreach (var e in n.Evidence) { Add(e.DocumentId); Add(e.Quote); }
            }
            foreach (var f in g.Edges)
            {
                Add(f.Edge.Type); Add(f.Edge.Source); Add(f.Edge.Target); Add(f.Edge.Role); Add(f.Edge.Title);
                foreach (var e in f.Evidence) { Add(e.DocumentId); Add(e.Quote); }
            }
        }

        private void Ref(string? s) => w.Write7BitEncodedInt(s is null ? 0 : index[s] + 1);

        private void Aliases(IReadOnlyList<string> aliases)
        {
            w.Write7BitEncodedInt(aliases.Count);
            foreach (var a in aliases) Ref(a);
        }

        private void Document(Document d)
        {
            Ref(d.Id); Ref(d.Title); Ref(d.Url); w.Write7BitEncodedInt(Date(d.Published)); Ref(d.Publisher); Ref(d.Language); Ref(d.ContentHash); Ref(d.SourceName);
        }

        private void Node(GraphNode node)
        {
            switch (node)
            {
                case Place p:
                    w.Write((byte)Label.Place); Ref(p.Id); Ref(p.Name); w.Write((byte)p.Kind); Ref(p.Iso); Aliases(p.Aliases);
                    break;
                case Person p:
                    w.Write((byte)Label.Person); Ref(p.Id); Ref(p.Name); Aliases(p.Aliases);
                    break;
                case Office o:
                    w.Write((byte)Label.Office); Ref(o.Id); Ref(o.Title); Ref(o.Role); Aliases(o.Aliases);
                    break;
                case Organization o:
                    w.Write((byte)Label.Organization); Ref(o.Id); Ref(o.Name); w.Write((byte)o.Kind); Aliases(o.Aliases);
                    break;
                case Event e:
                    w.Write((byte)Label.Event); Ref(e.Id); w.Write((byte)e.Type); w.Write7BitEncodedInt(Date(e.Date)); Ref(e.Title);
                    break;
                case Agreement a:
                    w.Write((byte)Label.Agreement); Ref(a.Id); Ref(a.Title); Ref(a.Kind); w.Write(a.Count is not null); w.Write(a.Count ?? 0);
                    w.Write((byte)a.Status); w.Write7BitEncodedInt(Date(a.Date));
                    break;
                case Statistic s:
                    w.Write((byte)Label.Statistic); Ref(s.Id); Ref(s.Subject); Ref(s.Metric); w.Write(s.Value); w.Write((byte)s.Qualifier); Ref(s.Unit);
                    w.Write7BitEncodedInt(Date(s.AsOf));
                    break;
                case Document d:
                    w.Write((byte)Label.Document); Document(d);
                    break;
            }
        }

        private void Evidence(IReadOnlyList<EvidenceSpan> spans)
        {
            w.Write7BitEncodedInt(spans.Count);
            foreach (var e in spans)
            {
                Ref(e.DocumentId); Ref(e.Quote); w.Write7BitEncodedInt(e.Start); w.Write7BitEncodedInt(e.End);
            }
        }
    }

    private sealed class Decoder
    {
        private readonly BinaryReader r;
        private readonly long length;
        private readonly string[] strings;

        public Decoder(BinaryReader r, long length)
        {
            this.r = r;
            this.length = length;
            strings = new string[Count()];
            for (var i = 0; i < strings.Length; i++) strings[i] = r.ReadString();
        }

        /// <summary>A count, never more than the payload has bytes (a hash collision on a damaged file must not allocate gigabytes).</summary>
        public int Count()
        {
            var n = r.Read7BitEncodedInt();
            return n >= 0 && n <= length ? n : throw new InvalidDataException($"A count of {n} in a snapshot of {length} bytes.");
        }

        private string? RefOrNull()
        {
            var i = r.Read7BitEncodedInt();
            return i == 0 ? null : strings[i - 1];
        }

        private string Ref() => RefOrNull() ?? throw new InvalidDataException("A required string is missing in the snapshot.");

        private string[] Aliases()
        {
            var a = new string[Count()];
            for (var i = 0; i < a.Length; i++) a[i] = Ref();
            return a;
        }

        private FuzzyDate? Date() => Snapshot.Date(r.Read7BitEncodedInt());

        private Document ReadDocument() => new(Ref(), Ref(), RefOrNull(), Date(), RefOrNull(), Ref(), Ref(), RefOrNull());

        private GraphNode Node() => (Label)r.ReadByte() switch
        {
            Label.Place => new Place(Ref(), Ref(), (PlaceKind)r.ReadByte(), RefOrNull(), Aliases()),
            Label.Person => new Person(Ref(), Ref(), Aliases()),
            Label.Office => new Office(Ref(), Ref(), Ref(), Aliases()),
            Label.Organization => new Organization(Ref(), Ref(), (OrganizationKind)r.ReadByte(), Aliases()),
            Label.Event => new Event(Ref(), (EventType)r.ReadByte(), Date(), Ref()),
            Label.Agreement => new Agreement(Ref(), Ref(), Ref(), r.ReadBoolean() is var has && r.ReadInt32() is var n && has ? n : null, (AgreementStatus)r.ReadByte(), Date()),
            Label.Statistic => new Statistic(Ref(), Ref(), Ref(), r.ReadDecimal(), (StatisticQualifier)r.ReadByte(), RefOrNull(), Date()),
            Label.Document => ReadDocument(),
            var l => throw new InvalidDataException($"Unknown node label {(byte)l} in the snapshot."),
        };

        private EvidenceSpan[] Evidence()
        {
            var n = Count();
            if (n == 0) return [];
            var a = new EvidenceSpan[n];
            for (var i = 0; i < n; i++) a[i] = new EvidenceSpan(Ref(), Ref(), r.Read7BitEncodedInt(), r.Read7BitEncodedInt());
            return a;
        }

        public DocumentGraph Document()
        {
            var doc = ReadDocument();
            var nodes = new NodeFact[Count()];
            for (var i = 0; i < nodes.Length; i++) nodes[i] = new NodeFact(Node(), Evidence());
            var edges = new EdgeFact[Count()];
            for (var i = 0; i < edges.Length; i++)
                edges[i] = new EdgeFact(new GraphEdge(Ref(), Ref(), Ref(), RefOrNull(), Date(), RefOrNull()), Evidence());
            return new DocumentGraph(doc, nodes, edges);
        }
    }
}
