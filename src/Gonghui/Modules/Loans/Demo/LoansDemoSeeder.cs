using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Loans.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Money;
using Gonghui.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Time;
using Gonghui.Modules.Loans.Applications;

namespace Gonghui.Modules.Loans.Demo;

/// <summary>
/// Loans in the 2020 shape: exactly the review's 31 small firms and 8.48 million yuan disbursed in 2020, times the demo scale
/// (rounded as the report's scaled figures are, at least one firm), so the 2020 report lands on the figure at any scale; and
/// four loans outside 2020 to show the other states: one waiting for review, one approved, one disbursed this year, one
/// disbursed the year after 2020 and repaid early. One of the 2020 loans is overdue, the rest repaid on schedule. One transaction.
/// </summary>
internal sealed class LoansDemoSeeder : IDemoSeeder
{

    public async Task SeedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        if (await db.Set<Loan>().AnyAsync(ct)) return;
        var scale = sp.GetRequiredService<IConfiguration>().GetValue<double?>("Gonghui:Demo:Scale") ?? 1.0;
        // Firms disbursed in 2020 (role 0 and roles 5 and up) and their amounts in whole yuan, summing to the scaled figure exactly.
        var firms2020 = Math.Max(1, (int)Math.Round(31 * scale, MidpointRounding.AwayFromZero));
        var amounts2020 = ScenarioShares.Split((long)Math.Round(8_480_000 * scale, MidpointRounding.AwayFromZero), firms2020);
        var count = firms2020 + 4;
        var firms = await db.EnterpriseRows().Where(e => e.SizeClass == SizeClass.Small || e.SizeClass == SizeClass.Micro)
            .OrderBy(e => e.Id).Take(count).ToListAsync(ct);
        if (firms.Count == 0) return;
        var units = await db.UnitRows().Where(u => u.Depth <= 1 || firms.Select(f => f.GrassrootsUnionId).Contains(u.Id)).ToListAsync(ct);
        var ledger = sp.GetRequiredService<IFundLedger>();
        var protector = sp.GetRequiredService<PersonalDataProtector>();
        var clock = sp.GetRequiredService<TimeProvider>();
        var today = BeijingTime.Today(clock);
        var rng = new Random(2020);
        // 8.48 million yuan over 31 firms: about 273,500 yuan each, in whole thousands, scaled with the demo (at least 10,000 yuan).
        var each = Math.Clamp((long)Math.Round(8_480_000 * scale / count / 1000) * 1000, 10_000, 500_000) * 100;
        var product = await db.Set<LoanProductRecord>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == LoanProductRecord.SmallFirmId, ct);
        if (product is null) return; // the seeded product row was removed: nothing to lend against
        var purposes = product.PurposeList().ToArray();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        for (var i = 0; i < firms.Count; i++)
        {
            var f = firms[i];
            var unit = units.FirstOrDefault(u => u.Id == f.GrassrootsUnionId) ?? units.Where(u => u.Depth == 1 && u.DistrictCode == f.DistrictCode).MinBy(u => u.Path)
                       ?? units.First(u => u.Depth == 0);
            var top = RegistryQueries.FundingPathOf(unit.Path);
            var funding = units.First(u => u.Path == top);
            // Roles: 0 overdue, 1 waiting for review, 2 approved, 3 disbursed this year, 4 repaid early (lent in 2021), the rest repaid on schedule.
            var role = i < 5 ? i : 5;
            var months = role == 3 ? 12 : new[] { 12, 24, 36 }[rng.Next(3)];
            var applied = role is 1 or 2 or 3 ? today.AddDays(role == 3 ? -75 : -3 - role) : new DateOnly(role == 4 ? 2021 : 2020, 3 + i % 8, 1 + rng.Next(20));
            var amount = Math.Clamp(each + rng.Next(-20, 21) * 1000_00L, 10_000_00, 500_000_00);
            if (role is 0 or 5) amount = amounts2020[role == 0 ? 0 : i - 4] * 100;
            var phone = $"139{rng.Next(0, 100_000_000):00000000}";
            var loan = Loan.Apply(LoanProductRecord.SmallFirmId, LoanApplicant.SmallFirm, f.Name, f.Id, null, unit.Id, funding.Id, amount, months, 0,
                purposes[rng.Next(purposes.Length)], "北京市中小企业融资再担保有限公司", protector.Encrypt(phone), Platform.Ids.MobilePhone.Mask(phone), At(applied, 9));
            db.Add(loan);
            db.Add(LoanEvent.Of(loan.Id, "applied", At(applied, 9), "demo", amount, "小微企业创业贷款"));
            if (role == 1) continue;

            var decided = applied.AddDays(role == 2 ? 1 : 10);
            var year = decided.Year;
            // The demo brings its own budget so it never eats into the loan fund others see in the demo.
            await Must(ledger.AllocateBudgetAsync(FundCodes.Loan, funding.Id, year, new Fen(amount), $"demo:loans:budget:{loan.Id}", ct));
            var commit = await Must(ledger.CommitAsync(FundCodes.Loan, funding.Id, year, new Fen(amount), new SourceRef(LoansModule.SourceType, loan.Id), $"loan:commit:{loan.Id}", ct));
            loan.Approve(commit.Value, year);
            db.Add(LoanEvent.Of(loan.Id, "approved", At(decided, 10), "demo", amount));
            if (role == 2) continue;

            var disbursed = decided.AddDays(5);
            var pay = await Must(ledger.PayAsync(FundCodes.Loan, funding.Id, year, new Fen(amount), new SourceRef(LoansModule.SourceType, loan.Id), $"loan:pay:{loan.Id}", ct));
            loan.Disburse(pay.Value, disbursed);
            db.Add(LoanEvent.Of(loan.Id, "disbursed", At(disbursed, 11), "demo", amount, disbursed.ToString("yyyy-MM-dd")));

            // Instalments paid on their due dates; the overdue loan stops after six, the early one pays off after a year.
            var schedule = loan.Schedule();
            var paidUpTo = role switch { 0 => 6, 4 => 12, _ => schedule.Count };
            long returned = 0;
            foreach (var inst in schedule.Take(paidUpTo).Where(s => s.DueOn <= today))
            {
                Repay(db, loan, inst.TotalFen, inst.DueOn);
                returned += inst.TotalFen;
            }
            if (role == 4 && loan.Status == LoanStatus.Disbursed)
            {
                var on = schedule[Math.Min(12, schedule.Count - 1)].DueOn.AddDays(-10);
                if (on <= today)
                {
                    var payoff = LoanRules.EarlyPayoff(schedule, loan.RepaidFen, on);
                    Repay(db, loan, payoff, on);
                    returned += payoff;
                }
            }
            if (returned > 0)
                await Must(ledger.AllocateBudgetAsync(FundCodes.Loan, funding.Id, Math.Min(today.Year, disbursed.Year + 1), new Fen(returned), $"demo:loans:repaid:{loan.Id}", ct));
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static void Repay(GonghuiDb db, Loan loan, long amount, DateOnly on)
    {
        var payoff = LoanRules.EarlyPayoff(loan.Schedule(), loan.RepaidFen, on);
        amount = Math.Min(amount, payoff);
        if (amount <= 0) return;
        loan.Repay(amount, payoff, on);
        db.Add(LoanRepayment.Create(loan.Id, on, amount, $"demo:{loan.Id}:{on:yyyyMMdd}", "demo", At(on, 15)));
        db.Add(LoanEvent.Of(loan.Id, "repayment", At(on, 15), "demo", amount, on.ToString("yyyy-MM-dd")));
        if (loan.Status == LoanStatus.Repaid) db.Add(LoanEvent.Of(loan.Id, "repaid", At(on, 15).AddMinutes(1), "demo", loan.RepaidFen));
    }

    private static DateTimeOffset At(DateOnly d, int hour) => BeijingTime.ToUtc(d, new TimeOnly(hour, 0));

    private static async Task<Outcome<Guid>> Must(Task<Outcome<Guid>> call)
    {
        var r = await call;
        return r.IsOk ? r : throw new InvalidOperationException("Demo loan ledger movement refused: " + r.Code + " " + r.Detail);
    }
}
