using Gonghui.Modules.MutualAid;

namespace Gonghui.Tests.MutualAid;

/// <summary>The mutual-aid payout as a pure function: deductible, progressive bands, per-claim and per-year caps.</summary>
public class PayoutRulesTests
{
    // Inpatient: deductible 500 yuan; base up to 10,000 at 50%, to 50,000 at 60%, beyond at 70%; 20,000 a claim; 60,000 a year.
    private static readonly PlanRules Inpatient = new(500_00, [new(10_000_00, 5000), new(50_000_00, 6000), new(null, 7000)], 20_000_00, 60_000_00);
    // Critical illness: no deductible, 100%, 50,000 a claim and a year.
    private static readonly PlanRules Critical = new(0, [new(null, 10000)], 50_000_00, 50_000_00);
    // Outpatient special diseases: deductible 200; to 5,000 at 40%, beyond 50%; 5,000 a claim; 15,000 a year.
    private static readonly PlanRules Outpatient = new(200_00, [new(5_000_00, 4000), new(null, 5000)], 5_000_00, 15_000_00);

    private static Bill SelfPaid(long fen) => new(fen * 3, fen, fen);

    [Theory]
    [InlineData(0L, 0L)]                 // nothing self-paid
    [InlineData(300_00L, 0L)]            // below the deductible
    [InlineData(500_00L, 0L)]            // exactly the deductible
    [InlineData(500_01L, 0L)]            // 1 fen above: 50% of 1 fen rounds down to 0
    [InlineData(500_03L, 1L)]            // 3 fen above: 1.5 fen rounds down to 1
    [InlineData(600_00L, 50_00L)]        // base 100 at 50%
    [InlineData(10_500_00L, 5_000_00L)]  // base exactly at the first band's top
    [InlineData(10_500_01L, 5_000_00L)]  // 1 fen into the second band: 0.6 fen rounds down
    [InlineData(20_500_00L, 11_000_00L)] // 10,000 at 50% + 10,000 at 60%
    [InlineData(50_500_00L, 20_000_00L)] // 5,000 + 24,000 = 29,000, capped per claim at 20,000
    [InlineData(30_500_00L, 17_000_00L)] // 5,000 + 12,000
    [InlineData(35_500_00L, 20_000_00L)] // 5,000 + 15,000 = exactly the per-claim cap
    [InlineData(60_500_00L, 20_000_00L)] // into the 70% band, then capped
    public void Inpatient_bands_deductible_and_per_claim_cap(long selfPaid, long expected)
    {
        var p = PayoutRules.Compute(Inpatient, SelfPaid(selfPaid), 0);
        Assert.Equal(expected, p.AmountFen);
        Assert.Equal("payout.total", p.Lines[^1].Code);
        Assert.Equal(expected, p.Lines[^1].AmountFen);
    }

    [Theory]
    [InlineData(0L, 11_000_00L)]
    [InlineData(40_000_00L, 11_000_00L)]
    [InlineData(50_000_00L, 10_000_00L)]  // reaches the yearly cap mid-claim: only 10,000 left
    [InlineData(59_999_99L, 1L)]
    [InlineData(60_000_00L, 0L)]          // cap already reached
    [InlineData(70_000_00L, 0L)]          // over the cap (e.g. after a rule change): never negative
    [InlineData(-5L, 11_000_00L)]         // a negative year-to-date is treated as zero
    public void Yearly_cap_per_member_limits_a_claim_mid_way(long alreadyGranted, long expected)
    {
        var p = PayoutRules.Compute(Inpatient, SelfPaid(20_500_00), alreadyGranted);
        Assert.Equal(expected, p.AmountFen);
        if (alreadyGranted >= 50_000_00) Assert.Contains(p.Lines, l => l.Code == "payout.perYearCap");
        else Assert.DoesNotContain(p.Lines, l => l.Code == "payout.perYearCap");
    }

    [Fact]
    public void Both_caps_apply_in_order_per_claim_then_per_year()
    {
        var p = PayoutRules.Compute(Inpatient, SelfPaid(60_500_00), 45_000_00);
        Assert.Equal(15_000_00, p.AmountFen);
        var codes = p.Lines.Select(l => l.Code).ToList();
        Assert.True(codes.IndexOf("payout.perClaimCap") < codes.IndexOf("payout.perYearCap"));
        Assert.Equal(-(36_000_00 - 20_000_00), p.Lines.Single(l => l.Code == "payout.perClaimCap").AmountFen);
        Assert.Equal(-(20_000_00 - 15_000_00), p.Lines.Single(l => l.Code == "payout.perYearCap").AmountFen);
    }

    [Theory]
    [InlineData(300_00L)]
    [InlineData(10_500_00L)]
    [InlineData(27_345_67L)]
    [InlineData(99_999_99L)]
    [InlineData(123_456_789L)]
    public void The_explanation_adds_up_to_the_payout(long selfPaid)
    {
        foreach (var granted in new long[] { 0, 10_000_00, 55_000_00 })
        {
            var p = PayoutRules.Compute(Inpatient, SelfPaid(selfPaid), granted);
            var fromLines = p.Lines.Where(l => l.Code is "payout.band" or "payout.perClaimCap" or "payout.perYearCap").Sum(l => l.AmountFen);
            Assert.Equal(p.AmountFen, fromLines);
            // The bands' slices add up to the base after the deductible.
            var slices = p.Lines.Where(l => l.Code == "payout.band").Sum(l => l.BaseFen!.Value);
            Assert.Equal(Math.Max(0, selfPaid - 500_00), slices);
            Assert.InRange(p.AmountFen, 0, 20_000_00);
        }
    }

    [Theory]
    [InlineData(1L, 1L)]
    [InlineData(12_345_67L, 12_345_67L)]
    [InlineData(50_000_00L, 50_000_00L)]
    [InlineData(80_000_00L, 50_000_00L)]
    public void Critical_illness_pays_in_full_up_to_the_cap(long selfPaid, long expected)
    {
        var p = PayoutRules.Compute(Critical, SelfPaid(selfPaid), 0);
        Assert.Equal(expected, p.AmountFen);
        Assert.DoesNotContain(p.Lines, l => l.Code == "payout.deductible");
    }

    [Fact]
    public void Amount_is_the_amount_of_Compute_for_every_plan_bill_and_year_to_date()
    {
        var rng = new Random(13);
        var checkedCount = 0;
        foreach (var rules in new[] { Inpatient, Critical, Outpatient })
            for (var i = 0; i < 20_000; i++)
            {
                var self = rng.Next(4) == 0 ? rng.Next(0, 1000) : rng.NextInt64(0, 80_000_00);
                var granted = rng.Next(3) == 0 ? 0 : rng.NextInt64(-1_000_00, 70_000_00);
                var bill = new Bill(self * 2 + 1, self / 2, self);
                Assert.Equal(PayoutRules.Compute(rules, bill, granted).AmountFen, PayoutRules.Amount(rules, bill, granted));
                checkedCount++;
            }
        Assert.Equal(60_000, checkedCount);
    }

    [Theory]
    [InlineData(200_00L, 0L, 0L)]
    [InlineData(1_200_00L, 0L, 400_00L)]
    [InlineData(5_200_00L, 0L, 2_000_00L)]
    [InlineData(7_200_00L, 0L, 3_000_00L)]          // 2,000 + 1,000
    [InlineData(20_200_00L, 0L, 5_000_00L)]         // 2,000 + 7,500, capped at 5,000
    [InlineData(20_200_00L, 12_000_00L, 3_000_00L)] // yearly cap 15,000 leaves 3,000
    public void Outpatient_special_diseases(long selfPaid, long granted, long expected) =>
        Assert.Equal(expected, PayoutRules.Compute(Outpatient, SelfPaid(selfPaid), granted).AmountFen);

    [Theory]
    [InlineData(0L, 0L, 0L, "bill.total")]
    [InlineData(-1L, 0L, 0L, "bill.total")]
    [InlineData(100L, -1L, 0L, "bill.insuranceCovered")]
    [InlineData(100L, 0L, -1L, "bill.selfPaid")]
    [InlineData(100L, 60L, 41L, "bill.partsExceedTotal")]
    [InlineData(100L, 60L, 40L, null)]
    [InlineData(100L, 0L, 100L, null)]
    [InlineData(100L, 30L, 20L, null)] // the rest is outside the insurance catalogue, not reimbursable
    public void Bills_are_checked(long total, long insured, long self, string? error) =>
        Assert.Equal(error, PayoutRules.ValidateBill(new Bill(total, insured, self)));

    [Theory]
    [InlineData("1000000:5000;5000000:6000;*:7000", true)]
    [InlineData("*:10000", true)]
    [InlineData("", false)]
    [InlineData("1000:5000", false)]              // last band must be open
    [InlineData("*:5000;1000:6000", false)]       // open band must be last
    [InlineData("5000:5000;1000:6000;*:1", false)] // limits must increase
    [InlineData("1000:10001;*:5000", false)]      // ratio over 100%
    [InlineData("1000:abc;*:5000", false)]
    [InlineData("-5:100;*:100", false)]
    public void Bands_parse_from_data(string text, bool ok)
    {
        Assert.Equal(ok, PlanRules.TryParseBands(text, out var bands));
        if (ok) Assert.Equal(text, PlanRules.FormatBands(bands));
    }

    [Fact]
    public void Plan_rules_are_validated()
    {
        Assert.Null(Inpatient.Validate());
        Assert.Equal("plan.deductible", (Inpatient with { DeductibleFen = -1 }).Validate());
        Assert.Equal("plan.perClaimCap", (Inpatient with { PerClaimCapFen = 0 }).Validate());
        Assert.Equal("plan.perYearCap", (Inpatient with { PerYearCapFen = 1 }).Validate());
        Assert.Equal("plan.bands.empty", (Inpatient with { Bands = [] }).Validate());
    }

    [Theory]
    [InlineData("2020-03-01", false, 90, "2020-05-30")] // new joiner: 90 days' wait
    [InlineData("2020-03-01", true, 90, "2020-01-01")]  // renewal: covered from the start of the year
    [InlineData("2019-11-15", false, 30, "2020-01-01")] // enrolled early, waiting ends before the year starts
    [InlineData("2019-12-15", false, 30, "2020-01-14")]
    [InlineData("2020-06-01", false, 0, "2020-06-01")]
    public void Cover_starts_after_the_waiting_period_for_new_joiners(string enrolled, bool renewal, int waiting, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), EnrolmentRules.CoverStart(2020, DateOnly.Parse(enrolled), renewal, waiting));

    [Theory]
    [InlineData("2020-05-29", "claim.inWaitingPeriod")]
    [InlineData("2020-05-30", null)]
    [InlineData("2020-12-31", null)]
    [InlineData("2021-01-01", "claim.outsidePlanYear")]
    [InlineData("2019-12-31", "claim.outsidePlanYear")]
    public void Claims_must_fall_in_the_plan_year_after_cover_starts(string admitted, string? error) =>
        Assert.Equal(error, EnrolmentRules.CanClaim(2020, new DateOnly(2020, 5, 30), DateOnly.Parse(admitted)));

    [Theory]
    [InlineData("2019-10-31", "enrol.windowNotOpen")]
    [InlineData("2019-11-01", null)]
    [InlineData("2020-12-31", null)]
    [InlineData("2021-01-01", "enrol.windowClosed")]
    public void Enrolment_only_in_the_window(string today, string? error) =>
        Assert.Equal(error, EnrolmentRules.CanEnrol(DateOnly.Parse(today), new DateOnly(2019, 11, 1), new DateOnly(2020, 12, 31)));
}

public class ClaimExplanationTests
{
    private static readonly Gonghui.Modules.MutualAid.PlanRules Rules = new(500_00, [new(1_000_000, 5000), new(null, 6000)], 20_000_00, 60_000_00);

    [Theory]
    [InlineData(0L)]
    [InlineData(55_000_00L)]
    [InlineData(60_000_00L)]
    public void A_claim_explains_its_payout_from_the_plan_rules_and_the_year_to_date_it_was_computed_against(long grantedBefore)
    {
        var bill = new Gonghui.Modules.MutualAid.Bill(100_000_00, 10_000_00, 80_000_00);
        var preview = Gonghui.Modules.MutualAid.PayoutRules.Compute(Rules, bill, grantedBefore);
        var claim = Gonghui.Modules.MutualAid.Claims.MutualAidClaim.File(Guid.NewGuid(), 2020, Guid.NewGuid(), "张三", Guid.NewGuid(), Guid.NewGuid(),
            new DateOnly(2020, 5, 1), "协和", null, bill, grantedBefore, preview, DateTimeOffset.UnixEpoch, "test");
        var explained = claim.Explain(Rules);
        Assert.Equal(preview, explained with { Lines = preview.Lines });
        Assert.Equal(preview.Lines, explained.Lines);
        Assert.Equal(claim.PayoutFen, explained.AmountFen);
        Assert.Equal(grantedBefore, claim.GrantedBeforeFen);
    }

    [Fact]
    public void Recomputing_before_approval_keeps_payout_and_explanation_together()
    {
        var bill = new Gonghui.Modules.MutualAid.Bill(100_000_00, 10_000_00, 80_000_00);
        var claim = Gonghui.Modules.MutualAid.Claims.MutualAidClaim.File(Guid.NewGuid(), 2020, Guid.NewGuid(), "张三", Guid.NewGuid(), Guid.NewGuid(),
            new DateOnly(2020, 5, 1), "协和", null, bill, 0, Gonghui.Modules.MutualAid.PayoutRules.Compute(Rules, bill, 0), DateTimeOffset.UnixEpoch, "test");
        Assert.Equal(20_000_00, claim.PayoutFen);
        claim.Recompute(Gonghui.Modules.MutualAid.PayoutRules.Compute(Rules, bill, 52_000_00), 52_000_00);
        Assert.Equal(8_000_00, claim.PayoutFen);
        var lines = claim.Explain(Rules).Lines;
        Assert.Contains(lines, l => l.Code == "payout.perYearCap" && l.BaseFen == 8_000_00);
        Assert.Equal(8_000_00, lines[^1].AmountFen);
    }
}
