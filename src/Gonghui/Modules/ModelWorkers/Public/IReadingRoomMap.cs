namespace Gonghui.Modules.ModelWorkers.Public;

/// <summary>A reading room (职工书屋) as a public map shows it: where it is (WGS-84) and when it opens; no unit, no staff data.</summary>
public sealed record ReadingRoomPoint(Guid Id, string Name, string Address, string? DistrictCode, double Lat, double Lng, string Hours, int Books);

/// <summary>
/// The reading rooms for the venues map (a layer beside the venues, and the map's search): public information, read only.
/// </summary>
public interface IReadingRoomMap
{
    /// <summary>The rooms inside a WGS-84 box, at most <paramref name="limit"/>, in name order.</summary>
    Task<IReadOnlyList<ReadingRoomPoint>> InBoxAsync(double minLat, double minLng, double maxLat, double maxLng, int limit, CancellationToken ct);

    /// <summary>The rooms whose name or address contains <paramref name="text"/>, at most <paramref name="limit"/>, in name order.</summary>
    Task<IReadOnlyList<ReadingRoomPoint>> SearchAsync(string text, int limit, CancellationToken ct);
}
