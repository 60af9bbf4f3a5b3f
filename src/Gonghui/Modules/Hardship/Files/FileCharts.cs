using Gonghui.Modules.Hardship.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Charts;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Hardship.Files;

/// <summary>
/// The archive's charts (issue 14.2) for /hardship/charts and its downloads, over the files of the caller's subtree
/// (<see cref="HardshipScope.ScopedAsync"/>): files by district (on file now, filed this year) and files on file by cause.
/// Counted by the database; a file with several causes counts once under each.
/// </summary>
public sealed class FileCharts(HardshipScope scope, GonghuiDb db, TimeProvider clock, IStringLocalizer<HardshipText> H)
{
    public async Task<Outcome<ChartData>> ByDistrictAsync(CancellationToken ct)
    {
        var year = BeijingTime.Year(clock);
        var since = BeijingTime.StartOfYearUtc(year);
        var rows = await (await scope.ScopedAsync(ct)).GroupBy(x => x.File.DistrictUnitId)
            .Select(g => new { District = g.Key, Active = g.Count(x => x.File.IsActive), Filed = g.Count(x => x.File.FiledAt >= since) }).ToListAsync(ct);
        var ids = rows.Select(r => r.District).ToList();
        var names = await db.UnitRows().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Name, u.Path }).ToDictionaryAsync(u => u.Id, ct);
        var ordered = rows.OrderBy(r => names.TryGetValue(r.District, out var n) ? n.Path : "~", StringComparer.Ordinal).ToList();
        return Outcome<ChartData>.Ok(new ChartData("hardship-districts", H["Chart.Districts"], string.Format(H["Chart.Districts.Desc"], year), H["Chart.District"],
            [.. ordered.Select(r => names.TryGetValue(r.District, out var n) ? n.Name : "—")],
            [
                new ChartSeries(H["Chart.Active"], [.. ordered.Select(r => (double?)r.Active)]),
                new ChartSeries(string.Format(H["Chart.FiledThisYear"], year), [.. ordered.Select(r => (double?)r.Filed)]),
            ], ChartUnit.Count, ChartLayout.Categories));
    }

    public async Task<Outcome<ChartData>> ByCauseAsync(CancellationToken ct)
    {
        var active = (await scope.ScopedAsync(ct)).Where(x => x.File.IsActive);
        var causes = Enum.GetValues<HardshipCause>();
        var counts = new List<double?>();
        foreach (var c in causes)
        {
            var flag = HardshipFile.Flag(c);
            counts.Add(await active.CountAsync(x => (x.File.CauseFlags & flag) != 0, ct));
        }
        return Outcome<ChartData>.Ok(new ChartData("hardship-causes", H["Chart.Causes"], H["Chart.Causes.Desc"], H["Chart.Cause"],
            [.. causes.Select(c => H["Cause." + c].Value)], [new ChartSeries(H["Chart.Active"], counts)], ChartUnit.Count, ChartLayout.Categories));
    }

    internal static void Map(IEndpointRouteBuilder app)
    {
        app.MapChart<FileCharts>("/api/v1/hardship/charts/districts", Permissions.HardshipRead, (c, _, ct) => c.ByDistrictAsync(ct));
        app.MapChart<FileCharts>("/api/v1/hardship/charts/causes", Permissions.HardshipRead, (c, _, ct) => c.ByCauseAsync(ct));
    }
}
