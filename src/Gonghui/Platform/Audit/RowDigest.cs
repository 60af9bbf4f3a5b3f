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
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    public long Rows { get; private set; }

    public RowDigest Add(Guid value)
    {
        Span<byte> b = stackalloc byte[16];
        value.TryWriteBytes(b, bigEndian: true, out _);
        _hash.AppendData(b);
        return this;
    }

    public RowDigest Add(long value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(b, value);
        _hash.AppendData(b);
        return this;
    }

    public RowDigest Add(string? value)
    {
        if (value is null) { Add(-1L); return this; }
        var length = Encoding.UTF8.GetByteCount(value);
        Add((long)length);
        Span<byte> b = length <= 512 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(value, b);
        _hash.AppendData(b);
        return this;
    }

    /// <summary>Closes one row.</summary>
    public void EndRow()
    {
        _hash.AppendData([0x1e]);
        Rows++;
    }

    /// <summary>The digest in lower-case hex (of an empty input when no row was written).</summary>
    public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public void Dispose() => _hash.Dispose();
}
