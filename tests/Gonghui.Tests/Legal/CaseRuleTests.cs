using Gonghui.Modules.Legal.Rules;
using Gonghui.Platform.Calendars;

namespace Gonghui.Tests.Legal;

/// <summary>A case's running deadlines, its timely closing, and the checks on its dates, amounts and lawyer.</summary>
public sealed class CaseRuleTests
{
    private static readonly WorkCalendar Cal = WorkCalendar.Shipped();
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_mediation_case_runs_the_mediation_clock_and_the_limitation()
    {
        var limitation = StatutoryClocks.Limitation(new(D("2020-06-01"), false, null, []), Cal);
        var running = CaseRules.Running(new CaseDates(D("2020-09-10"), MediationAppliedOn: D("2020-09-17")), limitation, Cal);
        Assert.Equal(["mediation", "limitation"], running.Select(d => d.Period.Code));
        Assert.Equal(D("2020-10-09"), running[0].Due);
        Assert.Equal(D("2021-06-01"), running[1].Due);
        Assert.Equal(D("2020-10-09"), CaseRules.Next(new CaseDates(D("2020-09-10"), MediationAppliedOn: D("2020-09-17")), limitation, Cal)!.Due);
    }

    [Fact]
    public void Applying_for_arbitration_stops_the_mediation_clock_and_the_limitation()
    {
        var limitation = StatutoryClocks.Limitation(new(D("2020-06-01"), false, null, []), Cal);
        var c = new CaseDates(D("2020-09-10"), MediationAppliedOn: D("2020-09-17"), ArbitrationAppliedOn: D("2020-09-29"));
        var d = Assert.Single(CaseRules.Running(c, limitation, Cal));
        Assert.Equal("acceptance", d.Period.Code);
        Assert.Equal(D("2020-10-13"), d.Due);
    }

    [Fact]
    public void Acceptance_starts_the_award_clock_and_an_extension_moves_it()
    {
        var c = new CaseDates(D("2020-08-01"), ArbitrationAppliedOn: D("2020-08-14"), AcceptedOn: D("2020-08-20"));
        Assert.Equal(D("2020-10-09"), Assert.Single(CaseRules.Running(c, null, Cal)).Due);
        var extended = Assert.Single(CaseRules.Running(c with { ExtensionApproved = true }, null, Cal));
        Assert.Equal(("award-extension", D("2020-10-19")), (extended.Period.Code, extended.Due));
        Assert.Empty(CaseRules.Running(c with { AwardedOn = D("2020-10-01") }, null, Cal));
    }

    [Fact]
    public void A_closed_case_runs_no_clock()
    {
        var c = new CaseDates(D("2020-09-10"), MediationAppliedOn: D("2020-09-17"), ClosedOn: D("2020-09-20"));
        Assert.Empty(CaseRules.Running(c, StatutoryClocks.Limitation(new(D("2020-06-01"), false, null, []), Cal), Cal));
    }

    [Fact]
    public void A_wage_claim_during_employment_shows_no_limitation_deadline()
    {
        var limitation = StatutoryClocks.Limitation(new(D("2019-06-01"), true, null, []), Cal);
        Assert.Empty(CaseRules.Running(new CaseDates(D("2020-09-10")), limitation, Cal));
    }

    [Theory]
    [InlineData("2020-10-09", true)]  // award on its last day
    [InlineData("2020-10-10", false)] // a day late
    public void Timely_closing_is_judged_against_each_clock(string awardedOn, bool inTime)
    {
        var c = new CaseDates(D("2020-08-01"), ArbitrationAppliedOn: D("2020-08-14"), AcceptedOn: D("2020-08-20"),
            AwardedOn: D(awardedOn), ClosedOn: D(awardedOn));
        Assert.Equal(inTime, CaseRules.ClosedInTime(c, Cal));
    }

    [Fact]
    public void Late_acceptance_or_late_mediation_is_not_timely_and_an_open_case_is_not_judged()
    {
        Assert.False(CaseRules.ClosedInTime(new CaseDates(D("2020-09-01"), ArbitrationAppliedOn: D("2020-09-29"),
            AcceptedOn: D("2020-10-14"), AwardedOn: D("2020-10-20"), ClosedOn: D("2020-10-20")), Cal));
        Assert.False(CaseRules.ClosedInTime(new CaseDates(D("2020-03-01"), MediationAppliedOn: D("2020-03-02"),
            MediationEndedOn: D("2020-03-18"), ClosedOn: D("2020-03-18")), Cal));
        Assert.True(CaseRules.ClosedInTime(new CaseDates(D("2020-03-01"), MediationAppliedOn: D("2020-03-02"),
            MediationEndedOn: D("2020-03-17"), ClosedOn: D("2020-03-17")), Cal));
        Assert.Null(CaseRules.ClosedInTime(new CaseDates(D("2020-03-01"), MediationAppliedOn: D("2020-03-02")), Cal));
    }

    [Fact]
    public void Case_dates_are_checked()
    {
        var today = D("2020-12-01");
        var errors = CaseRules.Validate(new CaseDates(D("2020-09-10"),
            MediationAppliedOn: D("2020-09-01"),      // before the case was received
            ArbitrationAppliedOn: D("2020-10-10"),
            AcceptedOn: D("2020-10-01"),             // before the application
            AwardedOn: D("2021-01-10"),              // in the future
            ClosedOn: null), today);
        Assert.Contains(("mediationAppliedOn", "before-receipt"), errors);
        Assert.Contains(("acceptedOn", "before-arbitration-applied"), errors);
        Assert.Contains(("awardedOn", "date-in-future"), errors);

        Assert.Contains(("acceptedOn", "arbitration-not-applied"), CaseRules.Validate(new CaseDates(D("2020-09-10"), AcceptedOn: D("2020-09-20")), today));
        Assert.Contains(("extensionApproved", "not-accepted"), CaseRules.Validate(new CaseDates(D("2020-09-10"), ExtensionApproved: true), today));
        Assert.Contains(("mediationEndedOn", "before-mediation-applied"),
            CaseRules.Validate(new CaseDates(D("2020-09-10"), MediationAppliedOn: D("2020-09-12"), MediationEndedOn: D("2020-09-11")), today));
        Assert.Empty(CaseRules.Validate(new CaseDates(D("2020-09-10"), MediationAppliedOn: D("2020-09-12"), MediationEndedOn: D("2020-09-20"),
            ArbitrationAppliedOn: D("2020-09-21"), AcceptedOn: D("2020-09-25"), ExtensionApproved: true, AwardedOn: D("2020-11-01"), ClosedOn: D("2020-11-02")), today));
    }

    [Theory]
    [InlineData(100_000L, 100_000L, null, true)]
    [InlineData(100_000L, 50_000L, null, true)]
    [InlineData(100_000L, 120_000L, null, false)]      // above the claim without a reason
    [InlineData(100_000L, 120_000L, "  ", false)]
    [InlineData(100_000L, 120_000L, "经济补偿金加付", true)]
    [InlineData(-1L, null, null, false)]
    [InlineData(100_000L, -5L, null, false)]
    public void Recovered_above_claimed_needs_a_reason(long claimed, long? recovered, string? reason, bool ok) =>
        Assert.Equal(ok, CaseRules.ValidateClaim(new(ClaimKind.WageArrears, claimed, recovered, reason), 0).Count == 0);

    [Fact]
    public void A_claim_error_names_the_claim()
    {
        var e = Assert.Single(CaseRules.ValidateClaim(new(ClaimKind.Overtime, 10, 20, null), 2));
        Assert.Equal(("claims[2].recoveredFen", "recovered-above-claimed"), e);
    }

    [Fact]
    public void A_lawyer_whose_firm_represented_the_employer_has_a_conflict()
    {
        Guid firm = Guid.NewGuid(), other = Guid.NewGuid();
        var employer = CaseRules.EmployerKey("91110105MA01ABCD2X", "北京某某物流有限公司");
        (Guid, string)[] reps = [(firm, employer)];
        Assert.True(CaseRules.HasConflict(firm, employer, reps));
        Assert.False(CaseRules.HasConflict(other, employer, reps));
        Assert.False(CaseRules.HasConflict(firm, CaseRules.EmployerKey(null, "另一家公司"), reps));
    }

    [Fact]
    public void Employers_are_recognised_by_credit_code_or_by_name()
    {
        Assert.Equal(CaseRules.EmployerKey(" 91110105ma01abcd2x ", "甲"), CaseRules.EmployerKey("91110105MA01ABCD2X", "乙"));
        Assert.Equal(CaseRules.EmployerKey(null, "北京某某有限公司（朝阳）"), CaseRules.EmployerKey("", "北京某某 有限公司(朝阳)"));
        Assert.NotEqual(CaseRules.EmployerKey(null, "北京某某有限公司"), CaseRules.EmployerKey("91110105MA01ABCD2X", "北京某某有限公司"));
    }
}
