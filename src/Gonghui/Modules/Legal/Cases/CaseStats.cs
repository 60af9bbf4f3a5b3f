using Gonghui.Modules.Legal.Roster;
using Gonghui.Modules.Legal.Rules;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Legal.Cases;

/// <summary>One row of the statistics: a group's cases, open and closed, closed in time, claimed and recovered fen, mean satisfaction.</summary>
public sealed record CaseStatRow(string Key, int Cases, int Closed, int ClosedInTime, long ClaimedFen, long RecoveredFen, double? Satisfaction)
{
    /// <summary>Closed in time over closed, in basis points (0 when nothing is closed).</summary>
    public int TimelyBp => Closed == 0 ? 0 : (int)Math.Round(ClosedInTime * 10_000.0 / Closed);
}

/// <summary>The year's figures by district, claim kind, type and lawyer, and the total.</summary>
public sealed record CaseStats(int Year, CaseStatRow Total, IReadOnlyList<CaseStatRow> ByDistrict, IReadOnlyList<CaseStatRow> ByClaim,
    IReadOnlyList<CaseStatRow> ByType, IReadOnlyList<CaseStatRow> ByLawyer);

internal static class CaseStatistics
{
    /// <summary>
    /// Cases received in <paramref name="year"/> among <paramref name="cases"/> (already scoped), grouped in the database. A case
    /// counts once per group; by claim kind, a case counts under each kind it claims, with that claim's amounts.
    /// </summary>
    public static async Task<CaseStats> ComputeAsync(IQueryable<LegalCase> cases, IQueryable<LegalClaim> claims, IQueryable<Lawyer> lawyers, int year, CancellationToken ct)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year + 1, 1, 1);
        var inYear = cases.Where(c => c.ReceivedOn >= from && c.ReceivedOn < to);

        // One grouped query gives every (district, type, lawyer) cell; the district, type, lawyer and total rows are sums of those
        // cells (the mean satisfaction is carried as a sum and a count so that it rolls up exactly).
        var cells = await inYear.GroupBy(c => new { c.District, c.Type, c.LawyerId }).Select(g => new Cell(g.Key.District, g.Key.Type, g.Key.LawyerId,
            g.Count(), g.Count(c => c.ClosedOn != null), g.Count(c => c.ClosedInTime == true), g.Sum(c => c.ClaimedFen), g.Sum(c => c.RecoveredFen),
            g.Sum(c => (long?)c.Satisfaction) ?? 0, g.Count(c => c.Satisfaction != null))).ToListAsync(ct);
        var byDistrict = Roll(cells, c => c.District).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        var byType = Roll(cells, c => c.Type.ToString()).ToList();
        var ids = cells.Where(c => c.LawyerId != null).Select(c => c.LawyerId!.Value).Distinct().ToList();
        var names = ids.Count == 0 ? new Dictionary<Guid, string>() : await lawyers.Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var byLawyer = Roll(cells.Where(c => c.LawyerId != null), c => names.GetValueOrDefault(c.LawyerId!.Value, c.LawyerId.Value.ToString()))
            .OrderByDescending(r => r.RecoveredFen).ToList();
        // By claim kind the grain is the claim, not the case: its own query.
        var byClaim = (await claims.Join(inYear, x => x.CaseId, c => c.Id, (x, c) => new { x.Kind, x.ClaimedFen, x.RecoveredFen, c.ClosedOn, c.ClosedInTime, c.Satisfaction })
            .GroupBy(x => x.Kind).Select(g => new { g.Key, Cases = g.Count(), Closed = g.Count(x => x.ClosedOn != null), InTime = g.Count(x => x.ClosedInTime == true),
                Claimed = g.Sum(x => x.ClaimedFen), Recovered = g.Sum(x => x.RecoveredFen ?? 0), Sat = g.Average(x => (double?)x.Satisfaction) }).ToListAsync(ct))
            .Select(g => new CaseStatRow(g.Key.ToString(), g.Cases, g.Closed, g.InTime, g.Claimed, g.Recovered, g.Sat)).ToList();
        var total = Roll(cells, _ => "").SingleOrDefault() ?? new CaseStatRow("", 0, 0, 0, 0, 0, null);
        return new CaseStats(year, total, byDistrict, byClaim, byType, byLawyer);
    }

    private sealed record Cell(string District, CaseType Type, Guid? LawyerId, int Cases, int Closed, int InTime, long Claimed, long Recovered, long SatSum, int SatCount);

    private static IEnumerable<CaseStatRow> Roll(IEnumerable<Cell> cells, Func<Cell, string> key) =>
        cells.GroupBy(key, StringComparer.Ordinal).Select(g =>
        {
            var satCount = g.Sum(c => c.SatCount);
            return new CaseStatRow(g.Key, g.Sum(c => c.Cases), g.Sum(c => c.Closed), g.Sum(c => c.InTime), g.Sum(c => c.Claimed), g.Sum(c => c.Recovered),
                satCount == 0 ? null : (double)g.Sum(c => c.SatSum) / satCount);
        });
}
