using Gonghui.Modules.Venues;
using Gonghui.Platform.Geo;
using Gonghui.Modules.Venues.Listing;
using Gonghui.Modules.Venues.Nearby;

namespace Gonghui.Tests.Venues;

/// <summary>The spherical k-d tree against a brute-force scan on random data, including the 180° meridian and the poles.</summary>
public sealed class SpatialIndexPropertyTests
{
    private static (double Lat, double Lng) RandomPoint(Random rng, int mode) => mode switch
    {
        0 => (Math.Asin(rng.NextDouble() * 2 - 1) * 180 / Math.PI, rng.NextDouble() * 360 - 180), // uniform on the sphere
        1 => (rng.NextDouble() * 20 - 10, rng.Next(2) == 0 ? 180 - rng.NextDouble() * 3 : -180 + rng.NextDouble() * 3), // by the 180° meridian
        2 => (rng.Next(2) == 0 ? 90 - rng.NextDouble() * 2 : -90 + rng.NextDouble() * 2, rng.NextDouble() * 360 - 180), // by the poles
        _ => (39.9 + (rng.NextDouble() - 0.5) * 0.8, 116.4 + (rng.NextDouble() - 0.5) * 1.0), // dense city
    };

    private static List<(double Lat, double Lng, int Id)> DataSet(Random rng, int n, int mode) =>
        Enumerable.Range(0, n).Select(i => { var (la, lo) = RandomPoint(rng, mode == 4 ? rng.Next(4) : mode); return (la, lo, i); }).ToList();

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 4)]
    [InlineData(4, 5)]
    public void Nearest_k_equals_brute_force(int mode, int seed)
    {
        var rng = new Random(seed);
        for (var round = 0; round < 12; round++)
        {
            var n = rng.Next(0, 600);
            var points = DataSet(rng, n, mode);
            var index = new SphereIndex<int>(points);
            for (var q = 0; q < 25; q++)
            {
                var (lat, lng) = RandomPoint(rng, q % 5 == 0 ? 0 : mode == 4 ? rng.Next(4) : mode);
                var k = rng.Next(1, 30);
                Func<int, bool>? filter = rng.Next(3) == 0 ? id => id % 3 == 0 : null;
                var got = index.Nearest(lat, lng, k, filter);
                var want = points.Where(p => filter is null || filter(p.Id))
                    .Select(p => (p.Id, D: GreatCircle.DistanceMeters(lat, lng, p.Lat, p.Lng)))
                    .OrderBy(x => x.D).Take(k).ToList();
                Assert.Equal(want.Count, got.Count);
                for (var i = 0; i < want.Count; i++)
                {
                    // Same distances in the same order (ids may swap only on exact ties).
                    Assert.True(Math.Abs(want[i].D - got[i].DistanceMeters) < 0.01, $"mode {mode} #{i}: {want[i].D} vs {got[i].DistanceMeters}");
                    if (i + 1 < want.Count && Math.Abs(want[i].D - want[i + 1].D) > 0.01) Assert.Equal(want[i].Id, got[i].Item);
                }
            }
        }
    }

    [Theory]
    [InlineData(0, 11)]
    [InlineData(1, 12)]
    [InlineData(2, 13)]
    [InlineData(4, 14)]
    public void Bounding_box_equals_brute_force_including_boxes_across_the_meridian(int mode, int seed)
    {
        var rng = new Random(seed);
        for (var round = 0; round < 10; round++)
        {
            var points = DataSet(rng, rng.Next(0, 800), mode);
            var index = new SphereIndex<int>(points);
            for (var q = 0; q < 30; q++)
            {
                var a = RandomPoint(rng, mode == 4 ? rng.Next(4) : mode);
                var b = RandomPoint(rng, mode == 4 ? rng.Next(4) : mode);
                double minLat = Math.Min(a.Lat, b.Lat), maxLat = Math.Max(a.Lat, b.Lat);
                double minLng = a.Lng, maxLng = b.Lng; // either order: west > east crosses the 180° meridian
                if (q % 7 == 0) { minLat = -90; maxLat = 90; }
                bool Inside(double lat, double lng) => lat >= minLat && lat <= maxLat &&
                    (minLng <= maxLng ? lng >= minLng && lng <= maxLng : lng >= minLng || lng <= maxLng);
                var want = points.Where(p => Inside(p.Lat, p.Lng)).Select(p => p.Id).Order().ToList();
                var got = index.InBox(minLat, minLng, maxLat, maxLng).Order().ToList();
                Assert.Equal(want, got);
            }
        }
    }

    [Fact]
    public void Empty_index_and_k_larger_than_the_set_are_fine()
    {
        var empty = new SphereIndex<int>([]);
        Assert.Empty(empty.Nearest(90, 0, 10));
        Assert.Empty(empty.InBox(-90, -180, 90, 180));
        var two = new SphereIndex<int>([(89.999, 10, 1), (89.999, -170, 2)]);
        var near = two.Nearest(90, 0, 10);
        Assert.Equal(2, near.Count);
        Assert.True(near[1].DistanceMeters < 300); // both sit by the North Pole, 222 m apart across it
    }

    /// <summary>Nearest with venue filters (type, amenity, open now) at tricky local times equals brute force.</summary>
    [Theory]
    [InlineData("2026-11-23 00:00")] // midnight Monday
    [InlineData("2026-11-23 23:59")]
    [InlineData("2026-10-01 01:00")] // holiday, after an evening shift of the day before
    [InlineData("2026-10-01 12:00")] // holiday noon
    [InlineData("2026-11-28 01:30")] // Saturday small hours
    [InlineData("2026-11-24 06:00")] // the minute a night shift ends
    public void Nearest_with_filters_and_open_now_equals_brute_force(string local)
    {
        var at = DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var rng = new Random(local.GetHashCode(StringComparison.Ordinal) & 0xffff);
        string[] hours = ["24/7", "24/7; 2026-10-01 off", "Mo-Su 22:00-06:00", "Mo-Fr 09:00-17:00; 2026-10-01 off", "Fr 18:00-02:00",
            "Mo-Su 20:00-02:00; 2026-10-01 off", "Mo-Su 08:00-24:00", "Sa,Su 10:00-16:00"];
        var cards = Enumerable.Range(0, 1500).Select(i =>
        {
            var (lat, lng) = RandomPoint(rng, i % 10 == 0 ? 0 : 3);
            return new VenueCard(Guid.NewGuid(), (VenueType)rng.Next(4), false, $"v{i}", "", "110101", lat, lng,
                OpeningHours.TryParse(hours[rng.Next(hours.Length)], out _)!, (Amenity)rng.Next(0, 1 << 12), null, null, CertificationLevel.None, Guid.Empty);
        }).ToList();
        var index = new VenueIndex();
        index.Replace(cards);
        for (var q = 0; q < 40; q++)
        {
            var (lat, lng) = RandomPoint(rng, 3);
            var filter = new VenueFilter(
                rng.Next(2) == 0 ? (VenueType)rng.Next(4) : null,
                rng.Next(2) == 0 ? Amenity.HotWater | (rng.Next(2) == 0 ? Amenity.PhoneCharging : Amenity.None) : Amenity.None,
                rng.Next(3) > 0 ? at : null);
            var k = rng.Next(1, 15);
            var got = index.Nearest(new LatLng(lat, lng), k, filter).Select(h => h.Item.Id).ToList();
            var want = cards.Where(filter.Matches).OrderBy(c => GreatCircle.DistanceMeters(lat, lng, c.Lat, c.Lng)).Take(k).Select(c => c.Id).ToList();
            Assert.Equal(want, got);
            if (filter.OpenAtLocal is not null) Assert.All(index.Nearest(new LatLng(lat, lng), k, filter), h => Assert.True(h.Item.Hours.IsOpenAt(at)));
        }
    }
}
