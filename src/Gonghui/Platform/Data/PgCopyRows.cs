using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace Gonghui.Platform.Data;

/// <summary>
/// Rows in PostgreSQL's binary COPY format, encoded by hand into a growable buffer: the bulk writers' fast path. Each
/// value is written as Npgsql's <see cref="NpgsqlBinaryImporter"/> would (uuid in network order, text as UTF-8, date as
/// days and timestamptz as microseconds since 2000-01-01, ±infinity for the min and max values), without its per-value
/// type resolution; so the encoding can run on the importer's parallel workers and the one writer only sends bytes
/// (<see cref="PgRawCopy"/>). A row is <see cref="StartRow"/> (the field count) followed by its fields; the fields alone
/// can be encoded too, for a writer that puts a field of its own in front (<see cref="Append"/>).
/// </summary>
internal sealed class PgCopyRows(int capacity = 16 * 1024)
{
    private static readonly int EpochDay = new DateOnly(2000, 1, 1).DayNumber;
    private static readonly long EpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private byte[] _buffer = new byte[capacity];
    private int _length;

    /// <summary>Bytes encoded so far.</summary>
    public int Length => _length;

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, _length);

    public ReadOnlyMemory<byte> Slice(int start, int length) => _buffer.AsMemory(start, length);

    public void Clear() => _length = 0;

    /// <summary>Starts a row of <paramref name="fields"/> fields.</summary>
    public PgCopyRows StartRow(int fields)
    {
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), (short)fields);
        return this;
    }

    public PgCopyRows Null()
    {
        BinaryPrimitives.WriteInt32BigEndian(Reserve(4), -1);
        return this;
    }

    public PgCopyRows Int32(int value)
    {
        var s = Reserve(8);
        BinaryPrimitives.WriteInt32BigEndian(s, 4);
        BinaryPrimitives.WriteInt32BigEndian(s[4..], value);
        return this;
    }

    public PgCopyRows Int64(long value)
    {
        var s = Reserve(12);
        BinaryPrimitives.WriteInt32BigEndian(s, 8);
        BinaryPrimitives.WriteInt64BigEndian(s[4..], value);
        return this;
    }

    public PgCopyRows Uuid(Guid value)
    {
        var s = Reserve(20);
        BinaryPrimitives.WriteInt32BigEndian(s, 16);
        value.TryWriteBytes(s[4..], bigEndian: true, out _);
        return this;
    }

    public PgCopyRows Uuid(Guid? value) => value is { } v ? Uuid(v) : Null();

    /// <summary>text or varchar as UTF-8, or NULL.</summary>
    public PgCopyRows Text(string? value)
    {
        if (value is null) return Null();
        Ensure(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var n = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), n);
        _length += 4 + n;
        return this;
    }

    public PgCopyRows Date(DateOnly value) => Int32(
        value == DateOnly.MinValue ? int.MinValue : value == DateOnly.MaxValue ? int.MaxValue : value.DayNumber - EpochDay);

    public PgCopyRows TimestampTz(DateTimeOffset value) => Int64(
        value == DateTimeOffset.MinValue ? long.MinValue : value == DateTimeOffset.MaxValue ? long.MaxValue : (value.UtcTicks - EpochTicks) / 10);

    /// <summary>Bytes already encoded (fields of another <see cref="PgCopyRows"/>).</summary>
    public PgCopyRows Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        return this;
    }

    private Span<byte> Reserve(int bytes)
    {
        Ensure(bytes);
        var s = _buffer.AsSpan(_length, bytes);
        _length += bytes;
        return s;
    }

    private void Ensure(int bytes)
    {
        if (_length + bytes <= _buffer.Length) return;
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
    }
}

/// <summary>
/// A binary COPY … FROM STDIN through Npgsql's raw stream, fed with rows encoded by <see cref="PgCopyRows"/>: the
/// signature and header first, rows as whole rows (sent 64 KB at a time), the trailer at <see cref="CompleteAsync"/>.
/// Disposing without completing cancels the COPY (the caller's transaction then rolls back).
/// </summary>
internal sealed class PgRawCopy : IAsyncDisposable
{
    // PGCOPY\n\377\r\n\0, flags (0: no OIDs), header extension length (0).
    private static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];
    private const int FlushAt = 64 * 1024;

    private NpgsqlRawCopyStream? _stream;
    private readonly PgCopyRows _pending = new(FlushAt + 8 * 1024);

    private PgRawCopy(NpgsqlRawCopyStream stream) => _stream = stream;

    /// <summary>Starts <c>COPY table (columns) FROM STDIN (FORMAT BINARY)</c> on the open connection.</summary>
    public static async Task<PgRawCopy> BeginAsync(NpgsqlConnection conn, string table, string columns, CancellationToken ct)
    {
        var stream = await conn.BeginRawBinaryCopyAsync($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)", ct);
        stream.WriteTimeout = stream.ReadTimeout = 0; // no timeout: a large load sends for minutes
        var copy = new PgRawCopy(stream);
        copy._pending.Append(Header);
        return copy;
    }

    /// <summary>Where the next row is encoded: start it with <see cref="PgCopyRows.StartRow"/>, then call <see cref="RowDone"/>.</summary>
    public PgCopyRows Rows => _pending;

    /// <summary>Sends what was encoded once it reaches 64 KB (synchronously: the writer's own connection, nothing else waits on it).</summary>
    public void RowDone()
    {
        if (_pending.Length < FlushAt) return;
        _stream!.Write(_pending.Span);
        _pending.Clear();
    }

    /// <summary>Sends the rest and the trailer, and ends the COPY.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        if (_stream is null) return;
        _pending.Append([0xFF, 0xFF]); // the trailer: a field count of -1
        await _stream.WriteAsync(_pending.Memory, ct);
        _pending.Clear();
        await _stream.DisposeAsync();
        _stream = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stream is null) return;
        await _stream.CancelAsync();
        await _stream.DisposeAsync();
        _stream = null;
    }
}
