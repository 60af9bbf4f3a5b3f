using Gonghui.Modules.Loans.Applications;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Modules.Loans.Rules;

/// <summary>One instalment of a repayment schedule.</summary>
public sealed record Instalment(int No, DateOnly DueOn, long PrincipalFen, long InterestFen)
{
    public long TotalFen => PrincipalFen + InterestFen;
}

/// <summary>An instalment not fully repaid by its due date.</summary>
public sealed record OverdueInstalment(int No, DateOnly DueOn, long OutstandingFen, int DaysOverdue);

/// <summary>A loan product as data: limits, longest term, yearly interest (0 = interest-free), allowed purposes, whether a guarantor is required.</summary>
public sealed record LoanProduct(long MaxAmountFen, int MaxMonths, int AnnualRateBp, IReadOnlyCollection<string> Purposes, long MinAmountFen = 1, int MinMonths = 1, bool GuarantorRequired = true);

public enum ReminderKind { DueSoon = 0, Overdue = 1 }

/// <summary>A reminder that should be queued for an instalment: due within the look-ahead, or overdue.</summary>
public sealed record ReminderDue(int No, ReminderKind Kind, DateOnly DueOn, long AmountFen, int Days);

public enum InstalmentState { Paid = 0, PartlyPaid = 1, Open = 2, Overdue = 3 }

/// <summary>An instalment with what was applied to it (oldest first) and its state on a day.</summary>
public sealed record InstalmentStanding(Instalment Instalment, long AppliedFen, long OutstandingFen, InstalmentState State, int DaysOverdue);

/// <summary>Start-up micro-loan rules (创业小额贷款): checks and equal-instalment schedules in whole fen. Pure functions.</summary>
public static class LoanRules
{
    /// <summary>
    /// An application with the same applicant, product and amount as one made within this many days (and not rejected or
    /// reversed) is a repeat of it: refused with <see cref="DuplicateCode"/>, naming the existing application.
    /// </summary>
    public const int DuplicateWindowDays = 30;
    public const string DuplicateCode = "loan.duplicate";

    // Products are data (table loans_products, two seeded by the Loans migration): the rules take one as an argument.

    public const int MaxTermMonths = 120;
    public const int MaxRateBp = 2400;

    /// <summary>
    /// Checks a new loan product's terms; every failed field with its error code (empty when valid). Amounts in fen, the
    /// rate in basis points (435 = 4.35 %), purposes already trimmed. Whether the code is taken is for the caller to check.
    /// </summary>
    public static IReadOnlyList<(string Field, string Code)> CheckProduct(string? code, string? name, LoanApplicant? kind, long? minAmountFen, long? maxAmountFen,
        int? minMonths, int? maxMonths, int? annualRateBp, IReadOnlyList<string> purposes)
    {
        var errors = new List<(string, string)>();
        var c = code?.Trim() ?? "";
        if (c.Length is 0 or > 40 || !c.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_')) errors.Add(("code", "product.code"));
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200) errors.Add(("name", "product.name"));
        if (kind is null || !Enum.IsDefined(kind.Value)) errors.Add(("applicantKind", "product.applicantKind"));
        if (maxAmountFen is null or <= 0) errors.Add(("maxAmountFen", "product.maxAmount"));
        else if ((minAmountFen ?? 1) < 1 || (minAmountFen ?? 1) > maxAmountFen) errors.Add(("minAmountFen", "product.minAmount"));
        if (maxMonths is null or < 1 or > MaxTermMonths) errors.Add(("maxMonths", "product.maxMonths"));
        else if ((minMonths ?? 1) < 1 || (minMonths ?? 1) > maxMonths) errors.Add(("minMonths", "product.minMonths"));
        if (annualRateBp is < 0 or > MaxRateBp) errors.Add(("annualRateBp", "product.rate"));
        if (purposes.Count == 0 || purposes.Count > 20 || purposes.Any(p => p.Length is 0 or > 50 || p.Contains(';'))) errors.Add(("purposes", "product.purposes"));
        return errors;
    }

    /// <summary>Only small and micro firms (by the registry's size class) may borrow as a firm.</summary>
    public static string? CheckFirmSize(SizeClass size) => size is SizeClass.Small or SizeClass.Micro ? null : "loan.firmSize";

    /// <summary>Field and error code of the first failed check, or null.</summary>
    public static (string Field, string Code)? Check(LoanProduct p, long amountFen, int months, string? purpose, string? guarantor)
    {
        if (amountFen <= 0) return ("amountFen", "loan.amount");
        if (amountFen < p.MinAmountFen) return ("amountFen", "loan.underLimit");
        if (amountFen > p.MaxAmountFen) return ("amountFen", "loan.overLimit");
        if (months < Math.Max(1, p.MinMonths) || months > p.MaxMonths) return ("months", "loan.term");
        if (string.IsNullOrWhiteSpace(purpose) || !p.Purposes.Contains(purpose.Trim())) return ("purpose", "loan.purpose");
        if (p.GuarantorRequired && string.IsNullOrWhiteSpace(guarantor)) return ("guarantor", "loan.guarantor");
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
            var principal = i == months - 1 ? balance : Math.Clamp(payment - interest, 0, balance);
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

    /// <summary>
    /// Paying off early: the principal not yet repaid plus the interest of periods already due (due on or before the day) and
    /// not yet paid; no penalty. Repayments are applied oldest instalment first, within an instalment to its due interest first.
    /// </summary>
    public static long EarlyPayoff(IReadOnlyList<Instalment> schedule, long repaidFen, DateOnly today)
    {
        var left = repaidFen;
        long owed = 0;
        foreach (var i in schedule)
        {
            var interestOwed = i.DueOn <= today ? i.InterestFen : 0;
            var covered = Math.Min(left, i.PrincipalFen + interestOwed);
            left -= covered;
            var interestPart = Math.Min(covered, interestOwed);
            owed += i.PrincipalFen - (covered - interestPart) + (interestOwed - interestPart);
        }
        return owed;
    }

    /// <summary>Due dates keep the disbursement's day of month (31 January → 29 February → 31 March …).</summary>
    public static IReadOnlyList<Instalment> ScheduleFrom(long principalFen, int months, int annualRateBp, DateOnly disbursedOn) =>
        Schedule(principalFen, months, annualRateBp, disbursedOn.AddMonths(1))
            .Select(i => i with { DueOn = disbursedOn.AddMonths(i.No) }).ToList();

    /// <summary>Each instalment's standing on a day, with repayments applied to the oldest instalments first.</summary>
    public static IReadOnlyList<InstalmentStanding> Standing(IReadOnlyList<Instalment> schedule, long repaidFen, DateOnly today)
    {
        var left = repaidFen;
        var list = new List<InstalmentStanding>(schedule.Count);
        foreach (var i in schedule)
        {
            var applied = Math.Min(left, i.TotalFen);
            left -= applied;
            var outstanding = i.TotalFen - applied;
            var state = outstanding == 0 ? InstalmentState.Paid : i.DueOn < today ? InstalmentState.Overdue : applied > 0 ? InstalmentState.PartlyPaid : InstalmentState.Open;
            list.Add(new(i, applied, outstanding, state, state == InstalmentState.Overdue ? today.DayNumber - i.DueOn.DayNumber : 0));
        }
        return list;
    }

    /// <summary>
    /// Reminders to queue on a day: one per instalment due within <paramref name="daysAhead"/> days (today included) and not yet
    /// covered, and one per overdue instalment. The caller keeps one reminder per (loan, instalment, kind), so rerunning is harmless.
    /// </summary>
    public static IReadOnlyList<ReminderDue> RemindersDue(IReadOnlyList<Instalment> schedule, long repaidFen, DateOnly today, int daysAhead)
    {
        var list = new List<ReminderDue>();
        foreach (var s in Standing(schedule, repaidFen, today))
        {
            if (s.OutstandingFen == 0) continue;
            var days = s.Instalment.DueOn.DayNumber - today.DayNumber;
            if (s.State == InstalmentState.Overdue) list.Add(new(s.Instalment.No, ReminderKind.Overdue, s.Instalment.DueOn, s.OutstandingFen, s.DaysOverdue));
            else if (days >= 0 && days <= daysAhead) list.Add(new(s.Instalment.No, ReminderKind.DueSoon, s.Instalment.DueOn, s.OutstandingFen, days));
        }
        return list;
    }
}
