using Gonghui.Platform.Geo;

namespace Gonghui.Modules.Venues.Nearby;

/// <summary>"Navigate" links for the common Chinese map apps, each in the coordinate system it expects.</summary>
public static class VenueNavigation
{
    public static (string Amap, string Baidu, string Tencent) Links(VenueCard c)
    {
        var wgs = new LatLng(c.Lat, c.Lng);
        var gcj = ChinaCoordinates.Wgs84ToGcj02(wgs);
        var bd = ChinaCoordinates.Wgs84ToBd09(wgs);
        var name = Uri.EscapeDataString(c.Name);
        var addr = Uri.EscapeDataString(c.Address);
        static string F(double v) => v.ToString("F6", System.Globalization.CultureInfo.InvariantCulture);
        return (
            $"https://uri.amap.com/marker?position={F(gcj.Lng)},{F(gcj.Lat)}&name={name}&coordinate=gaode&callnative=1",
            $"https://api.map.baidu.com/marker?location={F(bd.Lat)},{F(bd.Lng)}&title={name}&content={addr}&output=html&coord_type=bd09ll&src=gonghui",
            $"https://apis.map.qq.com/uri/v1/marker?marker=coord:{F(gcj.Lat)},{F(gcj.Lng)};title:{name};addr:{addr}&referer=gonghui");
    }
}
