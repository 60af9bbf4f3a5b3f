using Gonghui.Modules.MutualAid;
using Gonghui.Modules.MutualAid.Plans;
using Gonghui.Modules.MutualAid.Claims;

namespace Gonghui.Tests.MutualAid;

/// <summary>The new-plan page's reading of yuan, percent and band rows: exact integers, never floating point.</summary>
public sealed class PlanFormTests
{
    [Theory]
    [InlineData("50", 5000)]
    [InlineData("62.5", 6250)]
    [InlineData("62.55", 6255)]
    [InlineData(" 60% ", 6000)]
    [InlineData("0", 0)]
    [InlineData("100", 10000)]
    [InlineData("0.01", 1)]
    [InlineData("70％", 7000)]
    public void Percent_is_read_as_basis_points(string text, int bp)
    {
        Assert.True(Gonghui.Platform.Money.BasisPoints.TryParsePercent(text, out var v));
        Assert.Equal(bp, v);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("50.125")]
    [InlineData("50.")]
    [InlineData(".5")]
    [InlineData("1e2")]
    [InlineData("5,0")]
    [InlineData("9999999999")]
    [InlineData("999999999")] // nine digits: basis points would overflow an int
    public void Percent_that_is_not_a_plain_number_with_two_decimals_is_refused(string? text) =>
        Assert.False(Gonghui.Platform.Money.BasisPoints.TryParsePercent(text, out _));

    [Theory]
    [InlineData(5000, "50")]
    [InlineData(6250, "62.5")]
    [InlineData(6255, "62.55")]
    [InlineData(0, "0")]
    public void Percent_round_trips(int bp, string text)
    {
        Assert.Equal(text, Gonghui.Platform.Money.BasisPoints.FormatPercent(bp));
        Assert.True(Gonghui.Platform.Money.BasisPoints.TryParsePercent(text, out var back));
        Assert.Equal(bp, back);
    }

    [Fact]
    public void Band_rows_skip_empty_rows_and_an_empty_limit_is_open_ended()
    {
        var bands = PlanFormParser.ParseBands(["10000", "", "50000.50", "", ""], ["50", "", "60", "70", ""], out var bad);
        Assert.Null(bad);
        Assert.Equal([new PayoutBand(1_000_000, 5000), new PayoutBand(5_000_050, 6000), new PayoutBand(null, 7000)], bands);
        Assert.Null(PlanRules.Validate(bands));
    }

    [Theory]
    [InlineData("10000", "", 1)]       // a limit without a ratio
    [InlineData("abc", "50", 1)]       // not an amount
    [InlineData("0", "50", 1)]         // a limit must be above zero
    [InlineData("-100", "50", 1)]
    [InlineData("100.001", "50", 1)]   // more than two decimals of yuan
    public void A_band_row_that_cannot_be_read_is_named(string upTo, string ratio, int row)
    {
        var bands = PlanFormParser.ParseBands([upTo, ""], [ratio, "60"], out var bad);
        Assert.Equal(row, bad);
        Assert.Empty(bands);
    }

    [Fact]
    public void Second_row_is_named_when_it_is_the_bad_one()
    {
        PlanFormParser.ParseBands(["10000", "x"], ["50", "60"], out var bad);
        Assert.Equal(2, bad);
    }

    [Fact]
    public void Bands_in_the_wrong_order_are_read_and_left_to_the_plan_rules()
    {
        var bands = PlanFormParser.ParseBands(["50000", "10000", ""], ["50", "60", "70"], out var bad);
        Assert.Null(bad);
        Assert.Equal("plan.bands.order", PlanRules.Validate(bands));
    }

    [Fact]
    public void A_whole_form_becomes_the_api_request_in_fen()
    {
        var errors = new List<(string, string)>();
        var r = PlanFormParser.Parse(new PlanForm
        {
            Code = "IP-2026", Year = "2026", Kind = "CriticalIllness", Name = "重大疾病互助", Fee = "60.50", EnrolFrom = "2026-01-01", EnrolTo = "2026-03-31",
            WaitingDays = "90", Deductible = "500", BandUpTo = ["10000", ""], BandRatio = ["50", "62.5"], PerClaimCap = "20,000", PerYearCap = "¥60000",
        }, errors);
        Assert.Empty(errors);
        Assert.Equal(new CreatePlanRequest("IP-2026", 2026, PlanKind.CriticalIllness, "重大疾病互助", 60_50, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), 90, 500_00,
            r.Bands, 20_000_00, 60_000_00), r);
        Assert.Equal([new PayoutBand(1_000_000, 5000), new PayoutBand(null, 6250)], r.Bands!);
    }

    [Fact]
    public void Unreadable_values_become_null_with_an_error_so_the_plan_is_never_saved()
    {
        var errors = new List<(string Field, string Code)>();
        var r = PlanFormParser.Parse(new PlanForm
        {
            Code = "X", Year = "twenty", Kind = "7", Name = "n", Fee = "", EnrolFrom = "2026/01/01", EnrolTo = "2026-12-31", WaitingDays = "9.5",
            Deductible = "1.234", BandUpTo = ["abc"], BandRatio = ["50"], PerClaimCap = "100", PerYearCap = "100",
        }, errors);
        Assert.Null(r.Year);
        Assert.Null(r.Kind);
        Assert.Null(r.FeeFen);
        Assert.Null(r.EnrolFrom);
        Assert.Null(r.WaitingDays);
        Assert.Null(r.DeductibleFen);
        Assert.Null(r.Bands);
        Assert.Contains(("feeFen", "plan.amountRequired"), errors);
        Assert.Contains(("deductibleFen", "plan.amount"), errors);
        Assert.Contains(("bands", "plan.bands.row:1"), errors);
    }
}
