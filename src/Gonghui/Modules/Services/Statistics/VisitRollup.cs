using Gonghui.Modules.Services.Visits;
using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Gonghui.Platform.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gonghui.Modules.Services.Statistics;

/// <summary>A project's visits with a service day in one Beijing month (yyyymm): the roll-up of <c>services_visits</c>.</summary>
public sealed class VisitMonth
{
    private VisitMonth() { }
    public Guid ProjectId { get; private set; }
    public int Month { get; private set; }
    public long Visits { get; private set; }
}

/// <summary>
/// The services' roll-up of their visits (issue 19, the report at full scale): <c>services_visit_months</c>, visits per project and month
/// of the service day, read by <see cref="ServiceStats.VisitsByProjectAsync"/> for a period of whole months (the report's year, quarter
/// or month; the year's statistics page): about 12 rows a project instead of its visits (4.77 million a year at full scale). Visits
/// are only ever added; <see cref="ApplyAsync"/> adds them up in the transaction that writes them, on every path that does: the
/// visit recorded or signed in (<see cref="VisitHandlers.RecordAsync"/>), the import (<see cref="VisitImporter"/>, after its bulk
/// writer), the demo and the scenario seeders. <see cref="RebuildAsync"/> recomputes it from the visits (<c>gonghui rollups rebuild</c>).
/// </summary>
internal sealed class VisitRollup(GonghuiDb db) : IRollup
{
    public string Name => "services";

    public static int MonthOf(DateOnly day) => day.Year * 100 + day.Month;

    private const string Upsert =
        "INSERT INTO services_visit_months (project_id, month, visits) VALUES ($1, $2, $3) ON CONFLICT (project_id, month) DO UPDATE SET "
        + "visits = services_visit_months.visits + excluded.visits";

    /// <summary>Adds visits (project, service day) to the roll-up, in the caller's open transaction (the one that writes the visits).</summary>
    public static Task ApplyAsync(GonghuiDb db, IEnumerable<(Guid ProjectId, DateOnly ServedOn)> visits, CancellationToken ct)
    {
        var counts = new Dictionary<(Guid, int), long>();
        foreach (var (project, day) in visits)
        {
            var key = (project, MonthOf(day));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return ApplyCountsAsync(db, counts, ct);
    }

    /// <summary>Adds visits already counted per (project, month yyyymm), in the caller's open transaction (the import's).</summary>
    public static Task ApplyMonthsAsync(GonghuiDb db, Dictionary<(Guid Project, int Month), long> counts, CancellationToken ct) => ApplyCountsAsync(db, counts, ct);

    private static async Task ApplyCountsAsync(GonghuiDb db, Dictionary<(Guid Project, int Month), long> counts, CancellationToken ct)
    {
        if (counts.Count == 0) return;
        var tx = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("The services' roll-up moves in the transaction of the visits it summarises; none is open.");
        await new RollupStatements(db, tx.GetDbTransaction())
            .RunAsync(Upsert, counts.Select(kv => new object[] { kv.Key.Project, kv.Key.Month, kv.Value }).ToList(), returns: false, ct);
    }

    /// <summary>Deletes the roll-up and recomputes it from every visit (counted by the database per project and month), in one transaction.</summary>
    public async Task<long> RebuildAsync(CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Set<VisitMonth>().ExecuteDeleteAsync(ct);
            var rows = await db.Set<ServiceVisit>().AsNoTracking().GroupBy(v => new { v.ProjectId, v.ServedOn.Year, v.ServedOn.Month })
                .Select(g => new { g.Key.ProjectId, g.Key.Year, g.Key.Month, N = g.LongCount() }).ToListAsync(ct);
            await ApplyCountsAsync(db, rows.ToDictionary(r => (r.ProjectId, r.Year * 100 + r.Month), r => r.N), ct);
            await tx.CommitAsync(ct);
            return rows.Sum(r => r.N);
        }
        finally { await db.Database.CloseConnectionAsync(); }
    }
}
