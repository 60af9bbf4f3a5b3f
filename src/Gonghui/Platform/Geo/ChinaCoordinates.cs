namespace Gonghui.Platform.Geo;

/// <summary>The coordinate systems used by maps in China: WGS-84 (GPS, stored), GCJ-02 (AMap, Tencent) and BD-09 (Baidu).</summary>
public enum Crs { Wgs84 = 0, Gcj02 = 1, Bd09 = 2 }

/// <summary>A latitude/longitude pair in degrees.</summary>
public readonly record struct LatLng(double Lat, double Lng)
{
    public bool IsValid => Lat is >= -90 and <= 90 && Lng is >= -180 and <= 180 && double.IsFinite(Lat) && double.IsFinite(Lng);
}

/// <summary>
/// Conversions between WGS-84, GCJ-02 and BD-09 by the published algorithms: GCJ-02 adds the offset computed on the
/// Krasovsky 1940 ellipsoid inside mainland China's bounding box (no offset outside); BD-09 is derived from GCJ-02.
/// The inverse directions are solved by fixed-point iteration, so round trips agree to well under a millimetre.
/// </summary>
public static class ChinaCoordinates
{
    private const double A = 6378245.0;                     // Krasovsky 1940 semi-major axis
    private const double Ee = 0.00669342162296594323;       // its first eccentricity squared
    private const double XPi = Math.PI * 3000.0 / 180.0;

    public static bool TryParseCrs(string? text, out Crs crs)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "wgs84" or "wgs-84" or "wgs": crs = Crs.Wgs84; return true;
            case "gcj02" or "gcj-02" or "gcj": crs = Crs.Gcj02; return true;
            case "bd09" or "bd-09" or "bd" or "bd09ll": crs = Crs.Bd09; return true;
            default: crs = Crs.Wgs84; return false;
        }
    }

    public static string Name(Crs crs) => crs switch { Crs.Gcj02 => "gcj02", Crs.Bd09 => "bd09", _ => "wgs84" };

    /// <summary>The bounding test of the published algorithm: outside it GCJ-02 equals WGS-84.</summary>
    public static bool OutOfChina(double lat, double lng) => lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;

    public static LatLng Wgs84ToGcj02(LatLng p)
    {
        if (OutOfChina(p.Lat, p.Lng)) return p;
        var (dLat, dLng) = Offset(p.Lat, p.Lng);
        return new LatLng(p.Lat + dLat, p.Lng + dLng);
    }

    public static LatLng Gcj02ToBd09(LatLng p)
    {
        double x = p.Lng, y = p.Lat;
        var z = Math.Sqrt(x * x + y * y) + 0.00002 * Math.Sin(y * XPi);
        var theta = Math.Atan2(y, x) + 0.000003 * Math.Cos(x * XPi);
        return new LatLng(z * Math.Sin(theta) + 0.006, z * Math.Cos(theta) + 0.0065);
    }

    public static LatLng Wgs84ToBd09(LatLng p) => Gcj02ToBd09(Wgs84ToGcj02(p));

    public static LatLng Gcj02ToWgs84(LatLng g) => Invert(Wgs84ToGcj02, g);

    public static LatLng Bd09ToGcj02(LatLng b)
    {
        // The published closed-form inverse is only approximate; it seeds the iteration.
        double x = b.Lng - 0.0065, y = b.Lat - 0.006;
        var z = Math.Sqrt(x * x + y * y) - 0.00002 * Math.Sin(y * XPi);
        var theta = Math.Atan2(y, x) - 0.000003 * Math.Cos(x * XPi);
        return Invert(Gcj02ToBd09, b, new LatLng(z * Math.Sin(theta), z * Math.Cos(theta)));
    }

    public static LatLng Bd09ToWgs84(LatLng b) => Gcj02ToWgs84(Bd09ToGcj02(b));

    public static LatLng ToWgs84(LatLng p, Crs from) => from switch
    {
        Crs.Gcj02 => Gcj02ToWgs84(p),
        Crs.Bd09 => Bd09ToWgs84(p),
        _ => p,
    };

    public static LatLng FromWgs84(LatLng p, Crs to) => to switch
    {
        Crs.Gcj02 => Wgs84ToGcj02(p),
        Crs.Bd09 => Wgs84ToBd09(p),
        _ => p,
    };

    /// <summary>Solves forward(w) = target for w by fixed-point iteration; the offsets vary slowly, so it converges fast.</summary>
    private static LatLng Invert(Func<LatLng, LatLng> forward, LatLng target, LatLng? seed = null)
    {
        var w = seed ?? target;
        for (var i = 0; i < 30; i++)
        {
            var f = forward(w);
            double dLat = f.Lat - target.Lat, dLng = f.Lng - target.Lng;
            w = new LatLng(w.Lat - dLat, w.Lng - dLng);
            if (Math.Abs(dLat) < 1e-12 && Math.Abs(dLng) < 1e-12) break;
        }
        return w;
    }

    private static (double dLat, double dLng) Offset(double lat, double lng)
    {
        double x = lng - 105.0, y = lat - 35.0;
        var dLat = TransformLat(x, y);
        var dLng = TransformLng(x, y);
        var radLat = lat / 180.0 * Math.PI;
        var magic = Math.Sin(radLat);
        magic = 1 - Ee * magic * magic;
        var sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (A * (1 - Ee) / (magic * sqrtMagic) * Math.PI);
        dLng = dLng * 180.0 / (A / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return (dLat, dLng);
    }

    private static double TransformLat(double x, double y)
    {
        var r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.Sqrt(Math.Abs(x));
        r += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.Sin(y * Math.PI) + 40.0 * Math.Sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (160.0 * Math.Sin(y / 12.0 * Math.PI) + 320.0 * Math.Sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return r;
    }

    private static double TransformLng(double x, double y)
    {
        var r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.Sqrt(Math.Abs(x));
        r += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.Sin(x * Math.PI) + 40.0 * Math.Sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (150.0 * Math.Sin(x / 12.0 * Math.PI) + 300.0 * Math.Sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return r;
    }
}

/// <summary>Great-circle distance on a sphere of the mean Earth radius (haversine), and unit vectors for spatial indexing.</summary>
public static class GreatCircle
{
    public const double EarthRadiusMeters = 6371008.8;

    public static double DistanceMeters(double lat1, double lng1, double lat2, double lng2)
    {
        var p1 = lat1 * Math.PI / 180; var p2 = lat2 * Math.PI / 180;
        var dp = p2 - p1; var dl = (lng2 - lng1) * Math.PI / 180;
        var h = Math.Sin(dp / 2) * Math.Sin(dp / 2) + Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    public static (double X, double Y, double Z) UnitVector(double lat, double lng)
    {
        var phi = lat * Math.PI / 180; var lam = lng * Math.PI / 180;
        var c = Math.Cos(phi);
        return (c * Math.Cos(lam), c * Math.Sin(lam), Math.Sin(phi));
    }

    /// <summary>Great-circle distance from the squared chord length between two unit vectors.</summary>
    public static double ChordSquaredToMeters(double chord2) => 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(chord2) / 2));
}
