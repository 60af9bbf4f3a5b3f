using Gonghui.Platform.Ids;

namespace Gonghui.Tests.Platform;

public class UuidV7BatchTests
{
    [Fact]
    public void Ids_are_version_7_variant_10_carry_their_millisecond_and_never_repeat()
    {
        var ids = new UuidV7Batch();
        var at = new DateTimeOffset(2020, 6, 1, 8, 30, 15, 123, TimeSpan.Zero);
        var seen = new HashSet<Guid>();
        // More than one 64 KB draw of randomness (4,096 ids each).
        for (var i = 0; i < 10_000; i++)
        {
            var g = ids.Next(at);
            Assert.True(seen.Add(g));
            Assert.Equal(7, g.Version);
            var bytes = g.ToByteArray(bigEndian: true);
            Assert.Equal(0b10, bytes[8] >> 6);
            var ms = (long)bytes[0] << 40 | (long)bytes[1] << 32 | (long)bytes[2] << 24 | (long)bytes[3] << 16 | (long)bytes[4] << 8 | bytes[5];
            Assert.Equal(at.ToUnixTimeMilliseconds(), ms);
        }
    }

    [Fact]
    public void Later_milliseconds_sort_after_earlier_ones_as_the_framework_s_version_7_ids_do()
    {
        var ids = new UuidV7Batch();
        var t = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
        var earlier = ids.Next(t);
        var later = ids.Next(t.AddMilliseconds(1));
        Assert.True(earlier.CompareTo(later) < 0);
        // The same layout as Guid.CreateVersion7: its timestamp bytes for the same instant are ours.
        var framework = Guid.CreateVersion7(t).ToByteArray(bigEndian: true)[..6];
        Assert.Equal(framework, earlier.ToByteArray(bigEndian: true)[..6]);
    }
}
