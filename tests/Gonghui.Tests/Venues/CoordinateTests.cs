using Gonghui.Platform.Geo;

namespace Gonghui.Tests.Venues;

public sealed class CoordinateTests
{
    // Reference values computed with an independent script of the published GCJ-02 / BD-09 algorithm.
    [Theory]
    [InlineData("Tiananmen", 39.908692, 116.397477, 39.91009549393981, 116.40372056710368, 39.91643482818266, 116.41009355979178)]
    [InlineData("Shanghai Bund", 31.24, 121.49, 31.238015473428977, 121.4944680014103, 31.24367072139499, 121.50107550005599)]
    [InlineData("Guangzhou", 23.129, 113.264, 23.12632308350773, 113.26932932111345, 23.132607292100253, 113.2757512580798)]
    [InlineData("Urumqi", 43.825, 87.617, 43.82620589832293, 87.61985012461774, 43.832347881391925, 87.62630102909775)]
    [InlineData("Haikou", 20.044, 110.199, 20.041887422771794, 110.20329385732553, 20.047675787807545, 110.20983435131289)]
    public void Forward_conversions_match_the_published_algorithm(string place, double lat, double lng, double gLat, double gLng, double bLat, double bLng)
    {
        var g = ChinaCoordinates.Wgs84ToGcj02(new LatLng(lat, lng));
        Assert.True(Math.Abs(g.Lat - gLat) < 1e-9 && Math.Abs(g.Lng - gLng) < 1e-9, $"{place} GCJ-02 {g}");
        var b = ChinaCoordinates.Wgs84ToBd09(new LatLng(lat, lng));
        Assert.True(Math.Abs(b.Lat - bLat) < 1e-9 && Math.Abs(b.Lng - bLng) < 1e-9, $"{place} BD-09 {b}");
        // The GCJ offset inside China is hundreds of metres, never zero.
        Assert.InRange(GreatCircle.DistanceMeters(lat, lng, g.Lat, g.Lng), 50, 1500);
    }

    [Theory]
    [InlineData(51.5007, -0.1246)]     // London
    [InlineData(40.7128, -74.0060)]    // New York
    [InlineData(-33.8688, 151.2093)]   // Sydney
    [InlineData(35.6762, 139.6503)]    // Tokyo
    [InlineData(-0.5, 110.0)]          // south of the box
    [InlineData(60.0, 100.0)]          // north of the box
    [InlineData(89.9, 179.9)]
    public void Points_outside_mainland_China_get_no_GCJ_offset(double lat, double lng)
    {
        var p = new LatLng(lat, lng);
        Assert.True(ChinaCoordinates.OutOfChina(lat, lng));
        Assert.Equal(p, ChinaCoordinates.Wgs84ToGcj02(p));
        Assert.Equal(p, ChinaCoordinates.Gcj02ToWgs84(p));
        // BD-09 is still a transform of GCJ-02 (its own small shift) even outside China.
        var back = ChinaCoordinates.Bd09ToWgs84(ChinaCoordinates.Wgs84ToBd09(p));
        Assert.True(GreatCircle.DistanceMeters(lat, lng, back.Lat, back.Lng) < 0.01);
    }

    [Fact]
    public void Out_of_china_box_is_the_published_one()
    {
        Assert.True(ChinaCoordinates.OutOfChina(51.5, -0.12));
        Assert.False(ChinaCoordinates.OutOfChina(39.9, 116.4));
        Assert.True(ChinaCoordinates.OutOfChina(39.9, 72.0));
        Assert.True(ChinaCoordinates.OutOfChina(56.0, 116.4));
    }

    [Fact]
    public void Round_trips_are_well_under_a_centimetre_across_China()
    {
        var rng = new Random(42);
        double worst = 0;
        for (var i = 0; i < 5000; i++)
        {
            var p = new LatLng(18 + rng.NextDouble() * 35, 74 + rng.NextDouble() * 60);
            var viaGcj = ChinaCoordinates.Gcj02ToWgs84(ChinaCoordinates.Wgs84ToGcj02(p));
            var viaBd = ChinaCoordinates.Bd09ToWgs84(ChinaCoordinates.Wgs84ToBd09(p));
            var bdBack = ChinaCoordinates.Bd09ToGcj02(ChinaCoordinates.Gcj02ToBd09(p));
            worst = Math.Max(worst, GreatCircle.DistanceMeters(p.Lat, p.Lng, viaGcj.Lat, viaGcj.Lng));
            worst = Math.Max(worst, GreatCircle.DistanceMeters(p.Lat, p.Lng, viaBd.Lat, viaBd.Lng));
            worst = Math.Max(worst, GreatCircle.DistanceMeters(p.Lat, p.Lng, bdBack.Lat, bdBack.Lng));
        }
        Assert.True(worst < 0.001, $"worst round trip {worst} m");
    }

    [Fact]
    public void Crs_names_parse_and_unknown_ones_do_not()
    {
        Assert.True(ChinaCoordinates.TryParseCrs("GCJ02", out var g) && g == Crs.Gcj02);
        Assert.True(ChinaCoordinates.TryParseCrs("bd09", out var b) && b == Crs.Bd09);
        Assert.True(ChinaCoordinates.TryParseCrs(null, out var w) && w == Crs.Wgs84);
        Assert.False(ChinaCoordinates.TryParseCrs("mercator", out _));
    }

    [Fact]
    public void Haversine_distance_is_right_for_known_distances()
    {
        // One degree of latitude ≈ 111.2 km; antipodes ≈ half the circumference; across the 180° meridian is short.
        Assert.InRange(GreatCircle.DistanceMeters(0, 0, 1, 0), 111_100, 111_300);
        Assert.InRange(GreatCircle.DistanceMeters(0, 0, 0, 180), 20_015_000, 20_016_000);
        Assert.InRange(GreatCircle.DistanceMeters(0, 179.999, 0, -179.999), 200, 250);
    }
}
