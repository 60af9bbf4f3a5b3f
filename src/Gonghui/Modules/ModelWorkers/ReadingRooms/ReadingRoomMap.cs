using Gonghui.Modules.ModelWorkers.Public;
using Gonghui.Modules.ModelWorkers.Rules;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.ModelWorkers.ReadingRooms;

/// <summary>The rooms for the venues map: narrow reads (a box, a name or address), the hours in words as the public list shows them.</summary>
internal sealed class ReadingRoomMap(GonghuiDb db) : IReadingRoomMap
{
    public async Task<IReadOnlyList<ReadingRoomPoint>> InBoxAsync(double minLat, double minLng, double maxLat, double maxLng, int limit, CancellationToken ct) =>
        Points(await db.Set<ReadingRoom>().AsNoTracking()
            .Where(r => r.Lat >= minLat && r.Lat <= maxLat && r.Lng >= minLng && r.Lng <= maxLng)
            .OrderBy(r => r.Name).ThenBy(r => r.Id).Take(limit).ToListAsync(ct));

    public async Task<IReadOnlyList<ReadingRoomPoint>> SearchAsync(string text, int limit, CancellationToken ct) =>
        Points(await db.Set<ReadingRoom>().AsNoTracking()
            .Where(r => r.Name.Contains(text) || r.Address.Contains(text))
            .OrderBy(r => r.Name).ThenBy(r => r.Id).Take(limit).ToListAsync(ct));

    private static List<ReadingRoomPoint> Points(List<ReadingRoom> rooms) => rooms.Select(r => new ReadingRoomPoint(r.Id, r.Name, r.Address, r.DistrictCode,
        r.Lat, r.Lng, $"{ReadingRoomRules.DaysZh(r.Days)} {r.OpensAt:H\\:mm}–{r.ClosesAt:H\\:mm}", r.Books)).ToList();
}
