namespace Gonghui.Modules.Loans;

/// <summary>One instalment of a repayment schedule.</summary>
public sealed record Instalment(int No, DateOnly DueOn, long PrincipalFen, long InterestFen)
{
    public long TotalFen => PrincipalFen + InterestFen;
}

/// <summary>An instalment not fully repaid by its due date.</summary>
public sealed record OverdueInstalment(int No, DateOnly DueOn, long OutstandingFen, int DaysOverdue);

/// <summary>A loan product as data: limit, longest term, yearly interest (0 = interest-free), allowed purposes.</summary>
public sealed record LoanProduct(long MaxAmountFen, int MaxMonths, int AnnualRateBp, IReadOnlyCollection<string> Purposes);

/// <summary>Start-up micro-loan rules (创业小额贷款): checks and equal-instalment schedules in whole fen. Pure functions.</summary>
public static class LoanRules
{
    public static readonly LoanProduct SmallFirm = new(500_000_00, 36, 0, ["设备购置", "经营周转", "技术改造", "场地租赁"]);
    public static readonly LoanProduct WorkerEntrepreneur = new(200_000_00, 24, 0, ["设备购置", "经营周转", "场地租赁"]);

    /// <summary>Field and error code of the first failed check, or null.</summary>
    public static (string Field, string Code)? Check(LoanProduct p, long amountFen, int months, string? purpose, string? guarantor)
    {
        if (amountFen <= 0) return ("amountFen", "loan.amount");
        if (amountFen > p.MaxAmountFen) return ("amountFen", "loan.overLimit");
        if (months < 1 || months > p.MaxMonths) return ("months", "loan.term");
        if (string.IsNullOrWhiteSpace(purpose) || !p.Purposes.Contains(purpose.Trim())) return ("purpose", "loan.purpose");
        if (string.IsNullOrWhiteSpace(guarantor)) return ("guarantor", "loan.guarantor");
        return null;
    }

    /// <summary>
    /// Equal instalments. Interest-free: the principal split evenly, the odd fen spread over the first instalments.
    /// With interest (等额本息): the level payment from the annuity formula rounded to the fen, each month's interest on the
    /// outstanding balance rounded half up, and the last instalment takes whatever principal is left — so principal sums exactly.
    /// </summary>
    public static IReadOnlyList<Instalment> Schedule(long principalFen, int months, int annualRateBp, DateOnly firstDueOn)
    {
        if (principalFen <= 0 || months <= 0) throw new ArgumentOutOfRangeException(nameof(principalFen));
        var list = new List<Instalment>(months);
        if (annualRateBp == 0)
        {
            var each = principalFen / months;
            var odd = principalFen % months;
            for (var i = 0; i < months; i++) list.Add(new(i + 1, firstDueOn.AddMonths(i), each + (i < odd ? 1 : 0), 0));
            return list;
        }
        var r = annualRateBp / 120_000m; // monthly rate
        var factor = 1m;
        for (var i = 0; i < months; i++) factor *= 1 + r;
        var payment = (long)Math.Round(principalFen * r * factor / (factor - 1), MidpointRounding.AwayFromZero);
        var balance = principalFen;
        for (var i = 0; i < months; i++)
        {
            var interest = (long)Math.Round(balance * r, MidpointRounding.AwayFromZero);
            var principal = i == months - 1 ? balance : Math.Min(balance, payment - interest);
            list.Add(new(i + 1, firstDueOn.AddMonths(i), principal, interest));
            balance -= principal;
        }
        return list;
    }

    /// <summary>What is overdue on a day, applying repayments to the oldest instalments first.</summary>
    public static IReadOnlyList<OverdueInstalment> Overdue(IReadOnlyList<Instalment> schedule, long repaidFen, DateOnly today)
    {
        var left = repaidFen;
        var list = new List<OverdueInstalment>();
        foreach (var i in schedule)
        {
            var covered = Math.Min(left, i.TotalFen);
            left -= covered;
            var outstanding = i.TotalFen - covered;
            if (outstanding > 0 && i.DueOn < today) list.Add(new(i.No, i.DueOn, outstanding, today.DayNumber - i.DueOn.DayNumber));
        }
        return list;
    }

    /// <summary>Paying off early: the principal not yet repaid plus this period's interest if it is already due; no penalty.</summary>
    public static long EarlyPayoff(IReadOnlyList<Instalment> schedule, long repaidFen, DateOnly today)
    {
        var left = repaidFen;
        long owed = 0;
        foreach (var i in schedule)
        {
            var covered = Math.Min(left, i.TotalFen);
            left -= covered;
            if (covered == i.TotalFen) continue;
            // Interest is owed only for periods already begun (due on or before today's month end).
            var interestOwed = i.DueOn <= today ? i.InterestFen : 0;
            var paidOfThis = covered;
            var interestPart = Math.Min(paidOfThis, i.InterestFen);
            owed += i.PrincipalFen - Math.Max(0, paidOfThis - interestPart) + Math.Max(0, interestOwed - interestPart);
        }
        return owed;
    }
}
