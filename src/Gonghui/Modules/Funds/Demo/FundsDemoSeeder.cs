using Gonghui.Modules.Funds.Ledger;
using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Money;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.Funds.Demo;

/// <summary>
/// Demo budgets for every fund, for the federation and each district and industry union, for 2020, 2021 and the current year,
/// in the 2020 proportions (warmth 396 million yuan, mutual aid 358 million, fee refunds 349 million, …) times the demo scale.
/// </summary>
internal sealed class FundsDemoSeeder : IDemoSeeder
{
    /// <summary>City-wide yearly budget per fund in yuan at scale 1, from the 2020 review (with headroom over what was paid).</summary>
    internal static readonly IReadOnlyDictionary<string, long> YearlyYuan = new Dictionary<string, long>
    {
        [FundCodes.Warmth] = 400_000_000,
        [FundCodes.Education] = 2_000_000,
        [FundCodes.Innovation] = 40_000_000,
        [FundCodes.MutualAid] = 380_000_000,
        [FundCodes.Accident] = 50_000_000,
        [FundCodes.FeeRefund] = 360_000_000,
        [FundCodes.Loan] = 10_000_000,
        [FundCodes.MedicalRelief] = 20_000_000,
        // Not in the review: figures we chose so drives and cases can be paid in the demo.
        [FundCodes.Organizing] = 20_000_000,
        [FundCodes.LegalAid] = 10_000_000,
    };

    private static void Must(Outcome<Guid> r, string fund, UnitRow unit, int year)
    {
        if (!r.IsOk) throw new InvalidOperationException($"Demo budget {fund}/{unit.Code}/{year}: {r.Code} {r.Detail}");
    }

    public async Task SeedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        if (await db.Set<LedgerEntry>().AnyAsync(e => e.IdempotencyKey.StartsWith("demo:budget:"), ct)) return;
        var scale = sp.GetRequiredService<IConfiguration>().GetValue<double?>("Gonghui:Demo:Scale") ?? 1.0;
        var units = await db.UnitRows().Where(u => u.Depth <= 1).OrderBy(u => u.Path).ToListAsync(ct);
        var root = units.FirstOrDefault(u => u.Depth == 0);
        if (root is null) return;
        var children = units.Where(u => u.Depth == 1 && u.Kind.IsDistrictLevelUnion()).ToList(); // not service units: they keep no funds
        var ledger = sp.GetRequiredService<FundLedger>();
        var clock = sp.GetRequiredService<TimeProvider>();
        foreach (var year in new[] { 2020, 2021, BeijingTime.Year(clock) }.Distinct())
        {
            foreach (var (fund, yuan) in YearlyYuan)
            {
                // 40% kept by the federation, 60% shared among the district and industry unions; remainders stay at the top.
                var total = (long)Math.Round(yuan * 100 * scale);
                var each = children.Count == 0 ? 0 : total * 6 / 10 / children.Count;
                // The federation is granted the whole and passes each district its share (budget flows down; never made from nothing).
                if (total <= 0) continue;
                Must(await ledger.AllocateBudgetAsync(fund, root.Id, year, new Fen(total), $"demo:budget:{fund}:{root.Code}:{year}", ct), fund, root, year);
                foreach (var unit in children)
                    if (each > 0)
                        Must(await ledger.AllocateFromParentAsync(fund, root.Id, unit.Id, year, new Fen(each), $"demo:budget:{fund}:{unit.Code}:{year}", ct), fund, unit, year);
            }
        }
    }
}
