using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Gonghui.Platform.Audit;

/// <summary>A SHA-256 over the rows a bulk import wrote, in the order written, for the import's audit entry.</summary>
/// <remarks>Bulk writers (COPY, prepared inserts) bypass the per-entity audit: the import's one entry then carries the row
/// count and this digest, so the set of rows an import produced can be recomputed and compared later. Each value is
/// length- or type-delimited, so no two different rows hash alike by shifting text between fields. Not thread-safe: the
/// importer's single writing loop feeds it.</remarks>
public sealed class RowDigest : IDisposable
{
    // The values are gathered in a buffer and hashed 32 KB at a time: one IncrementalHash call per value (a dozen native
    // calls per row) cost more than the hashing itself. The digest is the same: SHA-256 of the bytes in order.
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _buffer = new byte[32 * 1024];
    private int _length;
    public long Rows { get; private set; }

    public RowDigest Add(Guid value)
    {
        value.TryWriteBytes(Reserve(16), bigEndian: true, out _);
        return this;
    }

    public RowDigest Add(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(Reserve(8), value);
        return this;
    }

    public RowDigest Add(string? value)
    {
        if (value is null) { Add(-1L); return this; }
        var length = Encoding.UTF8.GetByteCount(value);
        Add((long)length);
        if (length <= _buffer.Length) Encoding.UTF8.GetBytes(value, Reserve(length));
        else
        {
            Flush();
            _hash.AppendData(Encoding.UTF8.GetBytes(value));
        }
        return this;
    }

    /// <summary>Closes one row.</summary>
    public void EndRow()
    {
        Reserve(1)[0] = 0x1e;
        Rows++;
    }

    /// <summary>The digest in lower-case hex (of an empty input when no row was written).</summary>
    public string Finish()
    {
        Flush();
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    private Span<byte> Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length) Flush();
        var span = _buffer.AsSpan(_length, bytes);
        _length += bytes;
        return span;
    }

    private void Flush()
    {
        _hash.AppendData(_buffer, 0, _length);
        _length = 0;
    }

    public void Dispose() => _hash.Dispose();
}
