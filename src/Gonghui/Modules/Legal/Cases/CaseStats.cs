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

        var byDistrict = await inYear.GroupBy(c => c.District).Select(g => new CaseStatRow(g.Key, g.Count(), g.Count(c => c.ClosedOn != null),
            g.Count(c => c.ClosedInTime == true), g.Sum(c => c.ClaimedFen), g.Sum(c => c.RecoveredFen), g.Average(c => (double?)c.Satisfaction))).ToListAsync(ct);
        var byType = (await inYear.GroupBy(c => c.Type).Select(g => new { g.Key, Cases = g.Count(), Closed = g.Count(c => c.ClosedOn != null),
            InTime = g.Count(c => c.ClosedInTime == true), Claimed = g.Sum(c => c.ClaimedFen), Recovered = g.Sum(c => c.RecoveredFen),
            Sat = g.Average(c => (double?)c.Satisfaction) }).ToListAsync(ct))
            .Select(g => new CaseStatRow(g.Key.ToString(), g.Cases, g.Closed, g.InTime, g.Claimed, g.Recovered, g.Sat)).ToList();
        var byLawyerRaw = await inYear.Where(c => c.LawyerId != null).GroupBy(c => c.LawyerId!.Value).Select(g => new { g.Key, Cases = g.Count(),
            Closed = g.Count(c => c.ClosedOn != null), InTime = g.Count(c => c.ClosedInTime == true), Claimed = g.Sum(c => c.ClaimedFen),
            Recovered = g.Sum(c => c.RecoveredFen), Sat = g.Average(c => (double?)c.Satisfaction) }).ToListAsync(ct);
        var ids = byLawyerRaw.Select(r => r.Key).ToList();
        var names = await lawyers.Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var byLawyer = byLawyerRaw.Select(g => new CaseStatRow(names.GetValueOrDefault(g.Key, g.Key.ToString()), g.Cases, g.Closed, g.InTime, g.Claimed, g.Recovered, g.Sat))
            .OrderByDescending(r => r.RecoveredFen).ToList();
        var byClaim = (await claims.Join(inYear, x => x.CaseId, c => c.Id, (x, c) => new { x.Kind, x.ClaimedFen, x.RecoveredFen, c.ClosedOn, c.ClosedInTime, c.Satisfaction })
            .GroupBy(x => x.Kind).Select(g => new { g.Key, Cases = g.Count(), Closed = g.Count(x => x.ClosedOn != null), InTime = g.Count(x => x.ClosedInTime == true),
                Claimed = g.Sum(x => x.ClaimedFen), Recovered = g.Sum(x => x.RecoveredFen ?? 0), Sat = g.Average(x => (double?)x.Satisfaction) }).ToListAsync(ct))
            .Select(g => new CaseStatRow(g.Key.ToString(), g.Cases, g.Closed, g.InTime, g.Claimed, g.Recovered, g.Sat)).ToList();

        var total = new CaseStatRow("", byDistrict.Sum(r => r.Cases), byDistrict.Sum(r => r.Closed), byDistrict.Sum(r => r.ClosedInTime),
            byDistrict.Sum(r => r.ClaimedFen), byDistrict.Sum(r => r.RecoveredFen),
            await inYear.AverageAsync(c => (double?)c.Satisfaction, ct));
        return new CaseStats(year, total, byDistrict.OrderBy(r => r.Key, StringComparer.Ordinal).ToList(), byClaim, byType, byLawyer);
    }
}
