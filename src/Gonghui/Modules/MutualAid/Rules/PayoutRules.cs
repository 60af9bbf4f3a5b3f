using System.Globalization;

namespace Gonghui.Modules.MutualAid;

/// <summary>A reimbursement band: the part of the reimbursable base up to UpToFen (cumulative; null = no limit) is paid at RatioBp (1/10000).</summary>
public sealed record PayoutBand(long? UpToFen, int RatioBp);

/// <summary>A plan's payout rules, from data: deductible per claim, progressive bands, caps per claim and per member per year.</summary>
public sealed record PlanRules(long DeductibleFen, IReadOnlyList<PayoutBand> Bands, long PerClaimCapFen, long PerYearCapFen)
{
    /// <summary>Bands as text: "1000000:5000;5000000:6000;*:7000" (up-to fen : ratio in basis points).</summary>
    public static string FormatBands(IEnumerable<PayoutBand> bands) =>
        string.Join(";", bands.Select(b => (b.UpToFen?.ToString(CultureInfo.InvariantCulture) ?? "*") + ":" + b.RatioBp.ToString(CultureInfo.InvariantCulture)));

    public static bool TryParseBands(string? text, out List<PayoutBand> bands)
    {
        bands = [];
        if (string.IsNullOrWhiteSpace(text)) return false;
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split(':');
            if (kv.Length != 2 || !int.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out var bp)) return false;
            long? upTo = null;
            if (kv[0] != "*")
            {
                if (!long.TryParse(kv[0], NumberStyles.None, CultureInfo.InvariantCulture, out var u)) return false;
                upTo = u;
            }
            bands.Add(new PayoutBand(upTo, bp));
        }
        return Validate(bands) is null;
    }

    /// <summary>Error code if the bands are not ascending, not ending open, or a ratio is outside 0–100%.</summary>
    public static string? Validate(IReadOnlyList<PayoutBand> bands)
    {
        if (bands.Count == 0) return "plan.bands.empty";
        long prev = 0;
        for (var i = 0; i < bands.Count; i++)
        {
            var b = bands[i];
            if (b.RatioBp is < 0 or > 10_000) return "plan.bands.ratio";
            if (b.UpToFen is null) { if (i != bands.Count - 1) return "plan.bands.openNotLast"; continue; }
            if (b.UpToFen <= prev) return "plan.bands.order";
            prev = b.UpToFen.Value;
        }
        return bands[^1].UpToFen is null ? null : "plan.bands.notOpen";
    }

    public string? Validate()
    {
        if (DeductibleFen < 0) return "plan.deductible";
        if (PerClaimCapFen <= 0) return "plan.perClaimCap";
        if (PerYearCapFen < PerClaimCapFen) return "plan.perYearCap";
        return Validate(Bands);
    }
}

/// <summary>A hospital bill: total, the part medical insurance paid, and the self-paid part within the insurance catalogue.</summary>
public sealed record Bill(long TotalFen, long InsuranceCoveredFen, long SelfPaidFen);

/// <summary>One line of a payout's explanation. Codes are localised at the edges ("payout.band": base × ratio = amount).</summary>
public sealed record PayoutLine(string Code, long AmountFen, long? BaseFen = null, int? RatioBp = null);

/// <summary>The computed payout and how it was reached; lines from "payout.selfPaid" to "payout.total".</summary>
public sealed record Payout(long AmountFen, IReadOnlyList<PayoutLine> Lines);

/// <summary>The mutual-aid payout: a pure function of the plan's rules, the bill and what the member was already granted this year.</summary>
public static class PayoutRules
{
    public static string? ValidateBill(Bill b)
    {
        if (b.TotalFen <= 0) return "bill.total";
        if (b.InsuranceCoveredFen < 0) return "bill.insuranceCovered";
        if (b.SelfPaidFen < 0) return "bill.selfPaid";
        if (b.InsuranceCoveredFen + b.SelfPaidFen > b.TotalFen) return "bill.partsExceedTotal";
        return null;
    }

    /// <summary>
    /// base = self-paid − deductible (not below 0); each band pays its slice of the base at its ratio, rounded down to the fen;
    /// then the per-claim cap, then what is left of the member's yearly cap.
    /// </summary>
    public static Payout Compute(PlanRules rules, Bill bill, long alreadyGrantedThisYearFen)
    {
        var lines = new List<PayoutLine>();
        var amount = Run(rules, bill, alreadyGrantedThisYearFen, lines);
        return new Payout(amount, lines);
    }

    /// <summary>The amount of <see cref="Compute"/> without its explanation (the bulk intake computes millions of them).</summary>
    public static long Amount(PlanRules rules, Bill bill, long alreadyGrantedThisYearFen) => Run(rules, bill, alreadyGrantedThisYearFen, null);

    /// <summary>The one computation behind both: the explanation lines are written to <paramref name="lines"/> when given.</summary>
    private static long Run(PlanRules rules, Bill bill, long alreadyGrantedThisYearFen, List<PayoutLine>? lines)
    {
        lines?.Add(new("payout.selfPaid", bill.SelfPaidFen));
        var deductible = Math.Min(rules.DeductibleFen, bill.SelfPaidFen);
        if (rules.DeductibleFen > 0) lines?.Add(new("payout.deductible", -deductible, rules.DeductibleFen));
        var baseFen = bill.SelfPaidFen - deductible;
        long raw = 0, lower = 0;
        var bands = rules.Bands;
        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i];
            if (baseFen <= lower) break;
            var upper = band.UpToFen is { } u ? Math.Min(u, baseFen) : baseFen;
            var slice = upper - lower;
            var paid = checked(slice * band.RatioBp) / 10_000;
            lines?.Add(new("payout.band", paid, slice, band.RatioBp));
            raw += paid;
            if (band.UpToFen is null) break;
            lower = band.UpToFen.Value;
        }
        var amount = raw;
        if (amount > rules.PerClaimCapFen)
        {
            lines?.Add(new("payout.perClaimCap", rules.PerClaimCapFen - amount, rules.PerClaimCapFen));
            amount = rules.PerClaimCapFen;
        }
        var left = Math.Max(0, rules.PerYearCapFen - Math.Max(0, alreadyGrantedThisYearFen));
        if (amount > left)
        {
            lines?.Add(new("payout.perYearCap", left - amount, left));
            amount = left;
        }
        lines?.Add(new("payout.total", amount));
        return amount;
    }
}

/// <summary>Enrolment and cover dates: the window, the waiting period for new joiners, the plan year.</summary>
public static class EnrolmentRules
{
    public static string? CanEnrol(DateOnly today, DateOnly windowFrom, DateOnly windowTo) =>
        today < windowFrom ? "enrol.windowNotOpen" : today > windowTo ? "enrol.windowClosed" : null;

    /// <summary>Renewals are covered from the start of the plan year; new joiners after the waiting period.</summary>
    public static DateOnly CoverStart(int planYear, DateOnly enrolledOn, bool renewal, int waitingDays)
    {
        var yearStart = new DateOnly(planYear, 1, 1);
        if (renewal) return yearStart;
        var afterWait = enrolledOn.AddDays(waitingDays);
        return afterWait > yearStart ? afterWait : yearStart;
    }

    public static string? CanClaim(int planYear, DateOnly coverStart, DateOnly admittedOn)
    {
        if (admittedOn.Year != planYear) return "claim.outsidePlanYear";
        if (admittedOn < coverStart) return "claim.inWaitingPeriod";
        return null;
    }
}
