using System.Globalization;
using Gonghui.Platform.Money;
using Gonghui.Modules.MutualAid.Claims;

namespace Gonghui.Modules.MutualAid.Plans;

/// <summary>What the new-plan page posts: amounts in yuan and ratios in percent as typed, bands as rows.</summary>
public sealed class PlanForm
{
    public const int BandRows = 5;
    public string? Code { get; set; }
    public string? Year { get; set; }
    public string? Kind { get; set; }
    public string? Name { get; set; }
    public string? Fee { get; set; }
    public string? EnrolFrom { get; set; }
    public string? EnrolTo { get; set; }
    public string? WaitingDays { get; set; }
    public string? Deductible { get; set; }
    public List<string?> BandUpTo { get; set; } = [];
    public List<string?> BandRatio { get; set; } = [];
    public string? PerClaimCap { get; set; }
    public string? PerYearCap { get; set; }
}

/// <summary>
/// Turns the typed form into the API's request: yuan → integer fen and percent → basis points without floating point.
/// Field errors are codes keyed by the API's field names, so the page shows parse errors and the service's errors alike.
/// </summary>
public static class PlanFormParser
{
    /// <remarks>Every value that cannot be read becomes null in the request, which the service refuses: a form with a parse error is never saved.</remarks>
    public static CreatePlanRequest Parse(PlanForm f, List<(string Field, string Code)> errors)
    {
        long? Yuan(string? s, string field)
        {
            if (string.IsNullOrWhiteSpace(s)) { errors.Add((field, "plan.amountRequired")); return null; }
            if (Fen.TryParseYuan(s, out var fen)) return fen.Value;
            errors.Add((field, "plan.amount"));
            return null;
        }
        int? Int(string? s) => int.TryParse(s?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;
        DateOnly? Date(string? s) => DateOnly.TryParseExact(s?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

        var fee = Yuan(f.Fee, "feeFen");
        var deductible = Yuan(f.Deductible, "deductibleFen");
        var perClaim = Yuan(f.PerClaimCap, "perClaimCapFen");
        var perYear = Yuan(f.PerYearCap, "perYearCapFen");
        PlanKind? kind = Enum.TryParse<PlanKind>(f.Kind, ignoreCase: false, out var k) && Enum.IsDefined(k) && !int.TryParse(f.Kind, out _) ? k : null;
        var bands = ParseBands(f.BandUpTo, f.BandRatio, out var badRow);
        if (badRow is not null) errors.Add(("bands", "plan.bands.row:" + badRow));
        return new CreatePlanRequest(f.Code, Int(f.Year), kind, f.Name, fee, Date(f.EnrolFrom), Date(f.EnrolTo), Int(f.WaitingDays), deductible,
            badRow is null ? bands : null, perClaim, perYear);
    }

    /// <summary>
    /// Band rows as typed: a row with both cells empty is skipped; a limit in yuan (empty = open-ended, "everything beyond")
    /// and a ratio in percent with at most two decimals. <paramref name="badRow"/> is the 1-based row that could not be read.
    /// </summary>
    public static List<PayoutBand> ParseBands(IReadOnlyList<string?> upTo, IReadOnlyList<string?> ratio, out int? badRow)
    {
        badRow = null;
        var bands = new List<PayoutBand>();
        for (var i = 0; i < Math.Max(upTo.Count, ratio.Count); i++)
        {
            var u = i < upTo.Count ? upTo[i]?.Trim() : null;
            var r = i < ratio.Count ? ratio[i]?.Trim() : null;
            if (string.IsNullOrEmpty(u) && string.IsNullOrEmpty(r)) continue;
            if (!BasisPoints.TryParsePercent(r, out var bp)) { badRow = i + 1; return []; }
            long? limit = null;
            if (!string.IsNullOrEmpty(u))
            {
                if (!Fen.TryParseYuan(u, out var fen) || fen.Value <= 0) { badRow = i + 1; return []; }
                limit = fen.Value;
            }
            bands.Add(new PayoutBand(limit, bp));
        }
        return bands;
    }
}
