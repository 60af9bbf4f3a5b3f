using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Hardship.Assistance;
using Gonghui.Modules.Hardship.Files;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Gonghui.Platform.Money;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Hardship.Demo;

/// <summary>
/// The scenario's warmth and education money (<see cref="IScenarioSeeder"/>), every payment through the fund ledger as in the
/// app: Spring Festival (January) and winter (December) warmth cash of 2,000 yuan a visit to the households on the archive in
/// the year, until the year's warmth total is reached; and, when the year's 金秋助学 grants sum to less than the review's
/// figure, a second instalment to a child already granted (the children's count stays). Each district's fund is given the
/// budget its payments need (idempotent keys), then the payments go through the ledger's bulk path, the records through
/// RowWriter and the report's roll-up through <see cref="AssistanceRollup.ApplyAsync"/>, all in the step's transaction.
/// </summary>
internal sealed class HardshipScenarioSeeder : IScenarioSeeder
{
    private const long VisitFen = 2_000_00;
    public IReadOnlyCollection<string> Keys { get; } = ["hardship.warmth", "hardship.education.amount"];

    public async Task AddAsync(IServiceProvider sp, int year, IReadOnlyDictionary<string, long> missing, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        var yearStart = BeijingTime.StartOfYearUtc(year);
        var yearEnd = yearStart.AddYears(1);
        // Files on the archive during the year (compared in memory: SQLite cannot compare DateTimeOffset in SQL).
        var files = (await db.Set<HardshipFile>().AsNoTracking().Where(f => f.ApprovedAt != null)
                .Select(f => new { f.Id, f.OrgUnitId, f.DistrictUnitId, f.ContactName, f.ApprovedAt, f.ExitedAt }).ToListAsync(ct))
            .Where(f => f.ApprovedAt < yearEnd && (f.ExitedAt is null || f.ExitedAt >= yearStart)).OrderBy(f => f.Id).ToList();
        var payments = new List<HardshipAssistance>();

        var warmth = missing.GetValueOrDefault("hardship.warmth");
        if (warmth > 0 && files.Count > 0)
        {
            var shares = ScenarioShares.Split(warmth, (int)((warmth + VisitFen - 1) / VisitFen));
            for (var i = 0; i < shares.Length; i++)
            {
                var f = files[i % files.Count];
                // Half before the Spring Festival (25 January 2020), half in the winter warmth visits of December.
                var on = i % 2 == 0 ? new DateOnly(year, 1, 6).AddDays(i / 2 % 18) : new DateOnly(year, 12, 1).AddDays(i / 2 % 30);
                payments.Add(HardshipAssistance.Approve(f.Id, AssistanceType.WarmthCash, shares[i], on, FundCodes.Warmth, null, null, f.ContactName,
                    "送温暖走访", null, null, "system:scenario", now));
            }
        }

        var education = missing.GetValueOrDefault("hardship.education.amount");
        if (education > 0)
        {
            var granted = await db.Set<HardshipAssistance>().AsNoTracking()
                .Where(a => a.Type == AssistanceType.EducationGrant && a.Year == year && a.Status == AssistanceStatus.Paid && a.ChildMemberId != null)
                .OrderBy(a => a.On).Select(a => new { a.FileId, a.ChildMemberId, a.HandedOverBy }).FirstOrDefaultAsync(ct);
            if (granted is not null)
                payments.Add(HardshipAssistance.Approve(granted.FileId, AssistanceType.EducationGrant, education, new DateOnly(year, 10, 20), FundCodes.Education,
                    granted.ChildMemberId, null, granted.HandedOverBy, $"{year}年金秋助学(第二笔)", null, null, "system:scenario", now));
        }
        if (payments.Count == 0) return;

        // Each payment's district (whose fund pays) from the files read above; the education instalment's file may have left the archive.
        var district = files.ToDictionary(f => f.Id, f => f.DistrictUnitId);
        var union = files.ToDictionary(f => f.Id, f => f.OrgUnitId);
        foreach (var other in payments.Select(p => p.FileId).Where(id => !district.ContainsKey(id)).Distinct().ToList())
        {
            var row = await db.Set<HardshipFile>().AsNoTracking().Where(f => f.Id == other).Select(f => new { f.DistrictUnitId, f.OrgUnitId }).SingleAsync(ct);
            (district[other], union[other]) = (row.DistrictUnitId, row.OrgUnitId);
        }
        var ledger = sp.GetRequiredService<IFundLedger>();
        // The ledger's bulk path (a commitment and its payment per record, batches all or nothing under the fund's lock), then the
        // records, already paid, through RowWriter (audited). Both join the scenario step's transaction (ScenarioYearSeeder.RunStepAsync):
        // a run cut short leaves no payment without its record.
        foreach (var g in payments.GroupBy(p => (p.Fund, District: district[p.FileId])))
        {
            var budget = await ledger.AllocateBudgetAsync(g.Key.Fund, g.Key.District, year, new Fen(g.Sum(p => p.AmountFen)),
                $"hardship-scenario-budget:{g.Key.Fund}:{g.Key.District:N}:{year}", ct);
            if (!budget.IsOk) throw new InvalidOperationException($"scenario budget refused: {budget.Code} {budget.Detail}");
            foreach (var batch in g.Chunk(500))
            {
                var posted = await ledger.CommitAndPayManyAsync(g.Key.Fund, g.Key.District, year, batch.Select(p => new BulkPayment(
                    new SourceRef(AssistanceHandlers.SourceType, p.Id), new Fen(p.AmountFen), $"hardship-assistance:commit:{p.Id:N}", $"hardship-assistance:{p.Id:N}")).ToList(), ct);
                if (!posted.IsOk) throw new InvalidOperationException($"scenario payments refused: {posted.Code} {posted.Detail}");
                for (var k = 0; k < batch.Length; k++) batch[k].MarkPaid(posted.Value![k].PaymentEntryId, now);
            }
        }
        foreach (var chunk in payments.Chunk(20_000))
            await RowWriter.InsertAsync(db, chunk.Select(p => ((object)p, "system:scenario")).ToList(), now, ct);
        // The report's roll-up of the same payments, in the step's transaction too.
        await AssistanceRollup.ApplyAsync(db, payments.Select(p => AssistanceChange.Paid(p, union[p.FileId])), ct);
    }
}
