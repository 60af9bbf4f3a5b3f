using Gonghui.Modules.FeeRefunds.Refunds;
using Gonghui.Modules.FeeRefunds.Rules;
using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Gonghui.Platform.Money;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.FeeRefunds.Demo;

/// <summary>
/// The scenario's fee-refund year (<see cref="IScenarioSeeder"/>): the small and micro firms refunded their union fees of the
/// year in full under the policy covering it. The registry is asked first for as many small firms as the year refunds
/// (<see cref="IRegistryScenario"/>); a firm's fee record of the year is kept where it has one (the demo's), else recorded
/// with the fee that brings the year's total to the review's amount. The refund is computed by <see cref="RefundRules"/>
/// (100 %), approved and paid over the year (most in the spring, when the 2020 relief was announced) through the entity's
/// own decisions; the money through the fund ledger's bulk path, one batch per funding unit after a budget of exactly what
/// it pays; the rows audited through <see cref="RowWriter"/>. Firms already refunded in the year are left alone.
/// </summary>
internal sealed class FeeRefundsScenarioSeeder : IScenarioSeeder
{
    private const string Actor = "system:scenario";
    private const int Chunk = 20_000;
    public IReadOnlyCollection<string> Keys { get; } = ["feerefunds.firms", "feerefunds.amount"];

    public async Task AddAsync(IServiceProvider sp, int year, IReadOnlyDictionary<string, long> missing, CancellationToken ct)
    {
        var firmsWanted = (int)missing.GetValueOrDefault("feerefunds.firms");
        var amount = missing.GetValueOrDefault("feerefunds.amount");
        if (firmsWanted <= 0 || amount <= 0) return;
        var db = sp.GetRequiredService<GonghuiDb>();
        var policy = (await db.Set<RefundPolicy>().AsNoTracking().Where(p => p.FromYear <= year && p.ToYear >= year).ToListAsync(ct))
            .OrderBy(p => p.Code, StringComparer.Ordinal).FirstOrDefault();
        if (policy is null) return;
        var rules = policy.Rules();

        // Firms with a refund of the year under the policy are done (or in someone's hands); the rest of the small firms qualify.
        var refunded = (await db.Set<UnionFeeRefund>().AsNoTracking().Where(r => r.PolicyId == policy.Id && r.Year == year).Select(r => r.EnterpriseId).ToListAsync(ct)).ToHashSet();
        async Task<List<EnterpriseRow>> CandidatesAsync() =>
            (await db.EnterpriseRows().Where(e => (e.SizeClass == SizeClass.Small || e.SizeClass == SizeClass.Micro) && e.GrassrootsUnionId != null)
                .OrderBy(e => e.Id).ToListAsync(ct)).Where(e => !refunded.Contains(e.Id) && rules.Classes.Contains(e.SizeClass)).ToList();
        var firms = await CandidatesAsync();
        if (firms.Count < firmsWanted)
        {
            var small = await db.EnterpriseRows().CountAsync(e => (e.SizeClass == SizeClass.Small || e.SizeClass == SizeClass.Micro) && e.GrassrootsUnionId != null, ct);
            await sp.GetRequiredService<IRegistryScenario>().EnsureSmallFirmsAsync(small + firmsWanted - firms.Count, ct);
            firms = await CandidatesAsync();
        }
        firms = firms.Take(firmsWanted).ToList();
        if (firms.Count == 0) return;

        var ids = firms.Select(f => f.Id).ToList();
        var fees = new Dictionary<Guid, FeeRecord>();
        foreach (var chunk in ids.Chunk(1000))
            foreach (var f in await db.Set<FeeRecord>().AsNoTracking().Where(f => f.Year == year && chunk.Contains(f.EnterpriseId)).ToListAsync(ct)) fees[f.EnterpriseId] = f;
        // Firms with a recorded fee first (their refund is what it is), then the new records share what is left of the amount.
        firms = firms.OrderBy(f => fees.ContainsKey(f.Id) ? 0 : 1).ThenBy(f => f.Id).ToList();

        var funding = await FundingUnitsAsync(db, firms, ct);
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        var rows = new List<(object Row, string Actor)>();
        var refunds = new List<UnionFeeRefund>(firms.Count);
        var left = amount;
        for (var i = 0; i < firms.Count; i++)
        {
            var e = firms[i];
            if (!fees.TryGetValue(e.Id, out var fee))
            {
                var share = Math.Max(100, left / (firms.Count - i)); // at least one yuan
                fee = FeeRecord.Create(e.Id, year, share * 10_000 / RefundRules.FeeRateBp, share, null);
                rows.Add((fee, Actor));
            }
            var due = RefundRules.Compute(rules, year, fee.FeeFen, fee.SizeClass, e.SizeClass);
            if (!due.Eligible || due.AmountFen <= 0) continue;
            // Computed when the relief was announced (March), paid from April to December.
            var computed = BeijingTime.ToUtc(new DateOnly(year, 3, 2), new TimeOnly(9, 0));
            refunds.Add(UnionFeeRefund.Create(policy.Id, e.Id, e.Name, funding[e.Id], due, fee.FeeFen, computed));
            left -= due.AmountFen;
        }

        // The ledger's batches first (each under the fund's lock), then the rows: see MutualAidScenarioSeeder for why not one transaction.
        var ledger = sp.GetRequiredService<IFundLedger>();
        var n = 0;
        foreach (var byUnit in refunds.GroupBy(r => r.FundingUnitId))
        {
            var budget = await ledger.AllocateBudgetAsync(FundCodes.FeeRefund, byUnit.Key, year, new Fen(byUnit.Sum(r => r.AmountFen)),
                $"fee-refund-scenario-budget:{byUnit.Key:N}:{year}:{byUnit.First().Id:N}", ct);
            if (!budget.IsOk) throw new InvalidOperationException($"scenario budget refused: {budget.Code} {budget.Detail}");
            foreach (var batch in byUnit.Chunk(Chunk))
            {
                var posted = await ledger.CommitAndPayManyAsync(FundCodes.FeeRefund, byUnit.Key, year,
                    batch.Select(r => new BulkPayment(new SourceRef(RefundScope.SourceType, r.Id), new Fen(r.AmountFen), $"fee-refund:commit:{r.Id}", $"fee-refund:pay:{r.Id}")).ToList(), ct);
                if (!posted.IsOk) throw new InvalidOperationException($"scenario payments refused: {posted.Code} {posted.Detail}");
                for (var k = 0; k < batch.Length; k++, n++)
                {
                    var on = new DateOnly(year, 4, 1).AddDays(n * 270 / Math.Max(1, refunds.Count));
                    batch[k].Approve(posted.Value![k].CommitEntryId, Actor, BeijingTime.ToUtc(on, new TimeOnly(10, 0)));
                    batch[k].MarkPaid(posted.Value![k].PaymentEntryId, BeijingTime.ToUtc(on.AddDays(3), new TimeOnly(15, 0)));
                }
            }
        }
        foreach (var r in refunds)
        {
            rows.Add((r, Actor));
            if (rows.Count >= Chunk) { await RowWriter.InsertAsync(db, rows, now, ct); rows.Clear(); }
        }
        if (rows.Count > 0) await RowWriter.InsertAsync(db, rows, now, ct);
    }

    /// <summary>Each firm's funding unit as <see cref="RefundScope.FundingUnitAsync"/> finds it, from two reads instead of two per firm.</summary>
    private static async Task<Dictionary<Guid, Guid>> FundingUnitsAsync(GonghuiDb db, List<EnterpriseRow> firms, CancellationToken ct)
    {
        var units = await db.UnitRows().Where(u => u.Depth <= 1).ToListAsync(ct);
        var tops = units.ToDictionary(u => u.Path, u => u.Id);
        var root = units.First(u => u.Depth == 0).Id;
        var unionIds = firms.Select(f => f.GrassrootsUnionId!.Value).Distinct().ToList();
        var paths = new Dictionary<Guid, string>();
        foreach (var chunk in unionIds.Chunk(1000))
            foreach (var u in await db.UnitRows().Where(u => chunk.Contains(u.Id)).Select(u => new { u.Id, u.Path }).ToListAsync(ct)) paths[u.Id] = u.Path;
        var result = new Dictionary<Guid, Guid>();
        foreach (var f in firms)
        {
            Guid? unit = null;
            if (paths.TryGetValue(f.GrassrootsUnionId!.Value, out var path) && tops.TryGetValue(RegistryQueries.FundingPathOf(path), out var t)) unit = t;
            result[f.Id] = unit ?? units.Where(u => u.Depth == 1 && u.DistrictCode == f.DistrictCode).Select(u => (Guid?)u.Id).FirstOrDefault() ?? root;
        }
        return result;
    }
}
