using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;

namespace Gonghui.Tests.Platform;

/// <summary>The bulk importers' per-row helpers: the buffered row digest and the hand-written binary COPY encoding.</summary>
public class BulkEncodingTests
{
    [Fact]
    public void Row_digest_is_the_SHA256_of_every_value_in_order_across_buffer_flushes()
    {
        using var digest = new RowDigest();
        var expected = new MemoryStream();
        void Long(long v) { Span<byte> b = stackalloc byte[8]; BinaryPrimitives.WriteInt64BigEndian(b, v); expected.Write(b); }
        void Text(string? s)
        {
            if (s is null) { Long(-1); return; }
            var bytes = Encoding.UTF8.GetBytes(s);
            Long(bytes.Length);
            expected.Write(bytes);
        }
        var big = new string('工', 20_000); // 60 KB of UTF-8: larger than the digest's buffer
        for (var i = 0; i < 3_000; i++)
        {
            var g = new Guid(i, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
            var s = i == 1_500 ? big : i % 7 == 0 ? null : $"会员{i}";
            digest.Add(g).Add(i * 1_000_003L).Add(s).EndRow();
            expected.Write(g.ToByteArray(bigEndian: true));
            Long(i * 1_000_003L);
            Text(s);
            expected.WriteByte(0x1e);
        }
        Assert.Equal(3_000, digest.Rows);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected.ToArray())), digest.Finish());
    }

    [Fact]
    public void Copy_rows_encode_each_type_as_PostgreSQL_binary_format_does()
    {
        var rows = new PgCopyRows(4); // grows as needed
        var id = Guid.Parse("0192f0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6");
        rows.StartRow(8).Uuid(id).Text("北京").Text(null).Int32(-2).Int64(1L << 40)
            .Date(new DateOnly(2000, 1, 2)).TimestampTz(new DateTimeOffset(2000, 1, 1, 8, 0, 1, TimeSpan.FromHours(8)).AddTicks(10)).Uuid((Guid?)null);
        var b = rows.Span.ToArray();
        var expected = new List<byte> { 0, 8 };
        void Field(params byte[] v) { expected.AddRange(BitConverter.GetBytes(BinaryPrimitives.ReverseEndianness(v.Length))); expected.AddRange(v); }
        Field(Convert.FromHexString("0192f0c12b3c7d4e8f90a1b2c3d4e5f6"));
        Field(Encoding.UTF8.GetBytes("北京"));
        expected.AddRange([0xFF, 0xFF, 0xFF, 0xFF]); // NULL
        Field(0xFF, 0xFF, 0xFF, 0xFE);
        Field(0, 0, 1, 0, 0, 0, 0, 0);
        Field(0, 0, 0, 1); // one day after 2000-01-01
        Field(0, 0, 0, 0, 0, 0x0F, 0x42, 0x41); // 1,000,001 µs after 2000-01-01 00:00 UTC
        expected.AddRange([0xFF, 0xFF, 0xFF, 0xFF]);
        Assert.Equal(expected.ToArray(), b);
        Assert.Equal(b.AsSpan(4, 16).ToArray(), rows.Slice(4, 16).ToArray());
    }

    [Fact]
    public void Copy_rows_map_the_minimum_and_maximum_dates_to_infinity_as_Npgsql_does()
    {
        var rows = new PgCopyRows();
        rows.Date(DateOnly.MinValue).Date(DateOnly.MaxValue).TimestampTz(DateTimeOffset.MinValue).TimestampTz(DateTimeOffset.MaxValue);
        var s = rows.Span;
        Assert.Equal(int.MinValue, BinaryPrimitives.ReadInt32BigEndian(s[4..]));
        Assert.Equal(int.MaxValue, BinaryPrimitives.ReadInt32BigEndian(s[12..]));
        Assert.Equal(long.MinValue, BinaryPrimitives.ReadInt64BigEndian(s[20..]));
        Assert.Equal(long.MaxValue, BinaryPrimitives.ReadInt64BigEndian(s[32..]));
    }
}
