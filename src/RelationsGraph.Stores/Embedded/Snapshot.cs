using System.IO.Hashing;
using System.Text;

namespace RelationsGraph.Stores.Embedded;

/// <summary>
/// Which state of the SQLite file a snapshot holds: the file's id (made once, so that a snapshot
/// beside another file is never taken for its own), its write generation (raised by a trigger on
/// every row written or deleted, by any process) and the number of documents.
/// </summary>
internal sealed record StoreVersion(string StoreId, long Generation, int Documents);

/// <summary>A snapshot's content encoded in memory, to be written to the file outside the store's lock: the string table and the body.</summary>
internal sealed record SnapshotPayload(byte[] Strings, ReadOnlyMemory<byte> Body);

/// <summary>A snapshot that cannot be used: stale (another state of the file) or corrupt.</summary>
internal sealed class SnapshotRejectedException(string reason, bool corrupt, Exception? inner = null) : Exception(reason, inner)
{
    public bool Corrupt { get; } = corrupt;
}

/// <summary>
/// The in-memory graph as it is built (<see cref="InMemoryGraph"/>: documents, each node's and
/// edge's statements, the adjacency lists in their order, the reach index) in a binary file beside
/// the SQLite file, so that a start reads arrays back instead of replaying every document (merging
/// nodes, sorting adjacency, computing every event's reach). A header says which state of the file
/// it is and holds an XxHash64 of the rest; a reader checks both before it decodes anything, and the
/// store rebuilds from SQLite when either does not match.
/// </summary>
/// <remarks>
/// Layout (little-endian; numbers 7-bit encoded; a string is an index into the string table plus
/// one, 0 for null): header: "RGSNAP\r\n", int32 format, string store id, int64 generation, int32
/// documents, int64 payload length, uint64 XxHash64 of the payload; payload: the string table, then
/// <see cref="InMemoryGraph.WriteTo"/>'s records. The payload is read into memory whole, so a
/// snapshot holds at most 2 GB (about 20 million edges); a larger graph starts from SQLite.
/// </remarks>
internal static class Snapshot
{
    public const string FileName = "relationsgraph.snapshot";

    /// <summary>
    /// Raised whenever the layout changes: an older file is then rebuilt, never misread. 1: each
    /// document's graph, replayed at start; 2: the built graph.
    /// </summary>
    public const int Format = 2;

    private static ReadOnlySpan<byte> Magic => "RGSNAP\r\n"u8;

    /// <summary>The graph's payload, encoded in memory; call while no write can change the graph (it walks its mutable indexes), reads may go on.</summary>
    public static SnapshotPayload Encode(InMemoryGraph graph)
    {
        var w = new SnapshotWriter();
        graph.WriteTo(w);
        return w.Finish();
    }

    /// <summary>Writes the snapshot to a temporary file and renames it into place, so that a reader sees the old file or the new one, never half of one.</summary>
    public static void Write(string path, StoreVersion version, SnapshotPayload payload)
    {
        var hash = new XxHash64();
        hash.Append(payload.Strings);
        hash.Append(payload.Body.Span);
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                WriteHeader(file, version, payload.Strings.LongLength + payload.Body.Length, hash.GetCurrentHashAsUInt64());
                file.Write(payload.Strings);
                file.Write(payload.Body.Span);
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
    /// The graph the snapshot holds, after its header has been checked against the file's state and
    /// its payload against its hash; throws <see cref="SnapshotRejectedException"/> when either fails.
    /// </summary>
    public static InMemoryGraph Read(string path, StoreVersion expected)
    {
        var bytes = File.ReadAllBytes(path);
        using var r = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
        long length;
        ulong hash;
        try
        {
            if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)) throw new SnapshotRejectedException("not a snapshot file", corrupt: true);
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
        var payloadStart = (int)r.BaseStream.Position;
        if (length < 0 || bytes.Length - payloadStart != length)
            throw new SnapshotRejectedException($"it should hold {length:N0} bytes after its header and holds {bytes.Length - payloadStart:N0} (truncated or extended)", corrupt: true);
        if (XxHash64.HashToUInt64(bytes.AsSpan(payloadStart)) != hash) throw new SnapshotRejectedException("its checksum does not match its content", corrupt: true);
        var graph = InMemoryGraph.ReadFrom(new SnapshotReader(bytes, payloadStart, bytes.Length));
        return graph;
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
}
