using Gonghui.Modules.Hardship.Demo;
using Gonghui.Modules.Hardship.Rules;

namespace Gonghui.Tests.Hardship;

/// <summary>Pure hardship rules: eligibility, the workflow, working days, assistance limits, documents, precision.</summary>
public class HardshipRuleTests
{
    private static readonly HardshipRuleBook Rules = HardshipRuleBook.Default;
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);

    // 2020 city-wide: minimum-living 1,240.00, low-income 2,050.00 per person per month; accident limit 200% = 4,100.00.
    [Theory]
    [InlineData(124000, 1, true, HardshipGrade.DeepHardship, Eligibility.DeepBelowMinimum)]       // exactly on the minimum-living line
    [InlineData(123999, 1, true, HardshipGrade.DeepHardship, Eligibility.DeepBelowMinimum)]
    [InlineData(0, 3, true, HardshipGrade.DeepHardship, Eligibility.DeepBelowMinimum)]
    [InlineData(124001, 1, true, HardshipGrade.RelativeHardship, Eligibility.RelativeBelowLowIncome)] // one fen above
    [InlineData(205000, 1, true, HardshipGrade.RelativeHardship, Eligibility.RelativeBelowLowIncome)] // exactly on the low-income line
    [InlineData(205001, 1, false, null, Eligibility.AboveLine)]
    [InlineData(372000, 3, true, HardshipGrade.DeepHardship, Eligibility.DeepBelowMinimum)]       // 3 x 1,240.00
    [InlineData(372003, 3, true, HardshipGrade.DeepHardship, Eligibility.DeepBelowMinimum)]       // per person rounds down to 1,240.01? no: 124001 → see next
    [InlineData(615000, 3, true, HardshipGrade.RelativeHardship, Eligibility.RelativeBelowLowIncome)] // 3 x 2,050.00
    [InlineData(615003, 3, false, null, Eligibility.AboveLine)]
    public void Eligibility_around_the_2020_lines_without_a_sudden_cause(long income, int size, bool eligible, HardshipGrade? grade, string rule)
    {
        var r = Eligibility.Evaluate(new HouseholdFacts(2020, "110101", income, size, [HardshipCause.SeriousIllness]), Rules);
        if (income == 372003) { Assert.Equal(124001, r.PerPersonIncomeFen); Assert.Equal(HardshipGrade.RelativeHardship, r.Grade); return; }
        Assert.Equal(eligible, r.Eligible);
        Assert.Equal(grade, r.Grade);
        Assert.Equal(rule, r.Rule);
        Assert.Equal(124000, r.MinimumLivingFen);
        Assert.Equal(205000, r.LowIncomeFen);
    }

    [Theory]
    [InlineData(124001, false, Eligibility.NoCause)]
    [InlineData(205000, false, Eligibility.NoCause)]
    [InlineData(124000, true, Eligibility.DeepBelowMinimum)]
    public void Relative_hardship_needs_a_cause(long perPerson, bool eligible, string rule)
    {
        var r = Eligibility.Evaluate(new HouseholdFacts(2020, "110101", perPerson, 1, []), Rules);
        Assert.Equal(eligible, r.Eligible);
        Assert.Equal(rule, r.Rule);
    }

    [Theory]
    [InlineData(HardshipCause.Accident, 410000, true)]
    [InlineData(HardshipCause.Disaster, 410000, true)]
    [InlineData(HardshipCause.Accident, 410001, false)]
    [InlineData(HardshipCause.SeriousIllness, 205001, false)]
    [InlineData(HardshipCause.Accident, 205001, true)]
    public void Accident_caused_hardship_up_to_twice_the_low_income_line(HardshipCause cause, long perPerson, bool eligible)
    {
        var r = Eligibility.Evaluate(new HouseholdFacts(2020, "110102", perPerson, 1, [cause]), Rules);
        Assert.Equal(eligible, r.Eligible);
        Assert.Equal(eligible ? Eligibility.AccidentSudden : Eligibility.AboveLine, r.Rule);
        if (eligible) Assert.Equal(HardshipGrade.AccidentHardship, r.Grade);
        Assert.Equal(410000, r.AccidentLimitFen);
    }

    [Fact]
    public void A_district_line_overrides_the_city_line_and_a_missing_year_is_named()
    {
        // 2026: city 1,500.00, Yanqing (110119) 1,400.00.
        var city = Eligibility.Evaluate(new HouseholdFacts(2026, "110101", 145000, 1, [HardshipCause.Disability]), Rules);
        var yanqing = Eligibility.Evaluate(new HouseholdFacts(2026, "110119", 145000, 1, [HardshipCause.Disability]), Rules);
        Assert.Equal(HardshipGrade.DeepHardship, city.Grade);
        Assert.Equal(HardshipGrade.RelativeHardship, yanqing.Grade);
        Assert.Equal(140000, yanqing.MinimumLivingFen);
        var none = Eligibility.Evaluate(new HouseholdFacts(1999, "110101", 100, 1, [HardshipCause.Disability]), Rules);
        Assert.False(none.Eligible);
        Assert.Equal(Eligibility.NoLine, none.Rule);
        Assert.Equal(Eligibility.InvalidHousehold, Eligibility.Evaluate(new HouseholdFacts(2020, null, 100, 0, []), Rules).Rule);
    }

    [Fact]
    public void Lines_come_from_data_not_code()
    {
        var json = """
            { "lines": [ { "year": 2030, "district": "*", "minimumLiving": 100, "lowIncome": 200 } ], "accidentIncomeMultiplePercent": 150,
              "accidentCauses": ["Accident"], "enrolmentNoticeDays": 5, "exitNoticeWorkingDays": 5, "followUpMonths": 6, "visitIntervalMonths": 6,
              "reverifyMonths": 12, "householdCapPerYear": 1000, "assistance": [ { "type": "WarmthCash", "fund": "warmth", "perYear": 1, "amounts": { "DeepHardship": 10 } } ],
              "educationStandards": {}, "sampleSizePerDistrict": 1, "documents": { "maxBytes": 10, "types": [] } }
            """;
        var book = HardshipRuleBook.Parse(json);
        Assert.Equal(Eligibility.RelativeBelowLowIncome, Eligibility.Evaluate(new HouseholdFacts(2030, "x", 200, 1, [HardshipCause.Other]), book).Rule);
        Assert.Equal(Eligibility.AccidentSudden, Eligibility.Evaluate(new HouseholdFacts(2030, "x", 300, 1, [HardshipCause.Accident]), book).Rule);
        Assert.Throws<InvalidOperationException>(() => HardshipRuleBook.Parse(json.Replace("\"exitNoticeWorkingDays\": 5", "\"exitNoticeWorkingDays\": 3")));
    }

    // ---------------------------------------------------------------- workflow

    private static TransitionContext Ctx(FileStatus s, ActorLevel a, DateTimeOffset? noticeEnds = null, int objections = 0, string? reason = "理由", ExitReason? exit = null) =>
        new(s, a, Now, noticeEnds, objections, reason, exit);

    public static TheoryData<FileStatus, FileAction, ActorLevel, FileStatus> LegalSteps => new()
    {
        { FileStatus.Filed, FileAction.DistrictAccept, ActorLevel.District, FileStatus.InNotice },
        { FileStatus.Filed, FileAction.DistrictReject, ActorLevel.District, FileStatus.Rejected },
        { FileStatus.InNotice, FileAction.RecordObjection, ActorLevel.District, FileStatus.InNotice },
        { FileStatus.InNotice, FileAction.CloseNotice, ActorLevel.District, FileStatus.AwaitingApproval },
        { FileStatus.AwaitingApproval, FileAction.FederationApprove, ActorLevel.Federation, FileStatus.Active },
        { FileStatus.AwaitingApproval, FileAction.FederationReject, ActorLevel.Federation, FileStatus.Rejected },
        { FileStatus.Active, FileAction.Reverify, ActorLevel.Grassroots, FileStatus.Active },
        { FileStatus.Active, FileAction.ProposeExit, ActorLevel.Grassroots, FileStatus.ExitProposed },
        { FileStatus.ExitProposed, FileAction.CollectiveApproveExit, ActorLevel.Grassroots, FileStatus.ExitInNotice },
        { FileStatus.ExitProposed, FileAction.CollectiveRejectExit, ActorLevel.Grassroots, FileStatus.Active },
        { FileStatus.ExitInNotice, FileAction.DistrictApproveExit, ActorLevel.District, FileStatus.ExitApproved },
        { FileStatus.ExitInNotice, FileAction.RecordObjection, ActorLevel.District, FileStatus.ExitInNotice },
        { FileStatus.ExitApproved, FileAction.RecordWrittenNotice, ActorLevel.Grassroots, FileStatus.Exited },
        { FileStatus.Exited, FileAction.ReEnter, ActorLevel.Grassroots, FileStatus.Filed },
        { FileStatus.Active, FileAction.Reverify, ActorLevel.Federation, FileStatus.Active },
    };

    [Theory]
    [MemberData(nameof(LegalSteps))]
    public void Every_legal_step_moves_to_its_status(FileStatus from, FileAction action, ActorLevel level, FileStatus to)
    {
        var r = HardshipWorkflow.Decide(action, Ctx(from, level, exit: ExitReason.ReEmployed));
        Assert.True(r.Ok, r.Error);
        Assert.Equal(to, r.To);
    }

    [Fact]
    public void Every_other_status_and_action_pair_is_illegal()
    {
        var legal = LegalSteps.Select(r => (r.Data.Item1, r.Data.Item2)).ToHashSet();
        legal.Add((FileStatus.InNotice, FileAction.UpholdObjection));
        legal.Add((FileStatus.ExitInNotice, FileAction.UpholdObjection));
        legal.Add((FileStatus.InNotice, FileAction.DismissObjection));
        legal.Add((FileStatus.ExitInNotice, FileAction.DismissObjection));
        var checkedPairs = 0;
        foreach (var s in Enum.GetValues<FileStatus>())
            foreach (var a in Enum.GetValues<FileAction>())
            {
                if (legal.Contains((s, a))) continue;
                var r = HardshipWorkflow.Decide(a, Ctx(s, ActorLevel.Federation, objections: 1, exit: ExitReason.Other));
                Assert.Equal(HardshipWorkflow.IllegalTransition, r.Error);
                checkedPairs++;
            }
        Assert.True(checkedPairs > 100);
    }

    [Theory]
    [InlineData(FileStatus.Filed, FileAction.DistrictAccept, ActorLevel.Grassroots)]
    [InlineData(FileStatus.AwaitingApproval, FileAction.FederationApprove, ActorLevel.District)]
    [InlineData(FileStatus.ExitInNotice, FileAction.DistrictApproveExit, ActorLevel.Grassroots)]
    [InlineData(FileStatus.Active, FileAction.ProposeExit, ActorLevel.None)]
    public void A_lower_level_cannot_take_a_higher_levels_step(FileStatus s, FileAction a, ActorLevel level) =>
        Assert.Equal(HardshipWorkflow.NotAllowedForLevel, HardshipWorkflow.Decide(a, Ctx(s, level, exit: ExitReason.Other)).Error);

    [Fact]
    public void Notice_periods_and_objections_are_enforced()
    {
        Assert.Equal(HardshipWorkflow.NoticeRunning, HardshipWorkflow.Decide(FileAction.CloseNotice, Ctx(FileStatus.InNotice, ActorLevel.District, Now.AddMinutes(1))).Error);
        Assert.True(HardshipWorkflow.Decide(FileAction.CloseNotice, Ctx(FileStatus.InNotice, ActorLevel.District, Now)).Ok);
        Assert.Equal(HardshipWorkflow.ObjectionsOpen, HardshipWorkflow.Decide(FileAction.CloseNotice, Ctx(FileStatus.InNotice, ActorLevel.District, Now.AddDays(-1), 1)).Error);
        Assert.Equal(HardshipWorkflow.NoticeRunning, HardshipWorkflow.Decide(FileAction.DistrictApproveExit, Ctx(FileStatus.ExitInNotice, ActorLevel.District, Now.AddDays(1))).Error);
        Assert.Equal(HardshipWorkflow.NoObjection, HardshipWorkflow.Decide(FileAction.UpholdObjection, Ctx(FileStatus.InNotice, ActorLevel.District)).Error);
        Assert.Equal(FileStatus.Rejected, HardshipWorkflow.Decide(FileAction.UpholdObjection, Ctx(FileStatus.InNotice, ActorLevel.District, objections: 1)).To);
        Assert.Equal(FileStatus.Active, HardshipWorkflow.Decide(FileAction.UpholdObjection, Ctx(FileStatus.ExitInNotice, ActorLevel.District, objections: 1)).To);
        Assert.Equal(FileStatus.InNotice, HardshipWorkflow.Decide(FileAction.DismissObjection, Ctx(FileStatus.InNotice, ActorLevel.District, objections: 1)).To);
        Assert.Equal(HardshipWorkflow.NoObjection, HardshipWorkflow.Decide(FileAction.DismissObjection, Ctx(FileStatus.InNotice, ActorLevel.District)).Error);
    }

    [Fact]
    public void Rejections_objections_and_exits_need_reasons()
    {
        Assert.Equal(HardshipWorkflow.ReasonRequired, HardshipWorkflow.Decide(FileAction.DistrictReject, Ctx(FileStatus.Filed, ActorLevel.District, reason: " ")).Error);
        Assert.Equal(HardshipWorkflow.ReasonRequired, HardshipWorkflow.Decide(FileAction.RecordObjection, Ctx(FileStatus.InNotice, ActorLevel.District, reason: null)).Error);
        Assert.Equal(HardshipWorkflow.ExitReasonRequired, HardshipWorkflow.Decide(FileAction.ProposeExit, Ctx(FileStatus.Active, ActorLevel.Grassroots)).Error);
        Assert.Equal(HardshipWorkflow.ReasonRequired, HardshipWorkflow.Decide(FileAction.ReEnter, Ctx(FileStatus.Exited, ActorLevel.Grassroots, reason: "")).Error);
    }

    [Fact]
    public void Enrolment_notice_runs_the_configured_calendar_days_in_Beijing_time()
    {
        // 2026-03-10 10:00 Beijing; 7 days → ends at the start of 2026-03-17 Beijing.
        var end = HardshipWorkflow.EnrolmentNoticeEnd(Now, 7);
        Assert.Equal(new DateTimeOffset(2026, 3, 17, 0, 0, 0, TimeSpan.FromHours(8)), end);
    }

    [Fact]
    public void Exit_notice_counts_five_working_days_skipping_holidays_and_honouring_adjusted_workdays()
    {
        var cal = Rules.Calendar;
        // Friday 2020-09-25: Mon 28, Sun 27 is an adjusted workday (调休) → 27, 28, 29, 30 then 1–8 October holidays, Fri 9, Sat 10 (adjusted).
        Assert.True(cal.IsWorkingDay(new DateOnly(2020, 9, 27)));
        Assert.False(cal.IsWorkingDay(new DateOnly(2020, 10, 1)));
        // The hardship module once kept its own calendar, which listed Saturday 2020-02-01 as worked; the extended 2020
        // Spring Festival cancelled it. The module now reads the platform's calendar.
        Assert.False(cal.IsWorkingDay(new DateOnly(2020, 2, 1)));
        Assert.Equal(new DateOnly(2020, 10, 9), cal.AddWorkingDays(new DateOnly(2020, 9, 25), 5));
        Assert.Equal(new DateOnly(2026, 3, 17), cal.AddWorkingDays(new DateOnly(2026, 3, 10), 5));
        Assert.Equal(5, cal.WorkingDaysBetween(new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 17)));
        var end = HardshipWorkflow.ExitNoticeEnd(Now, 5, cal);
        Assert.Equal(new DateTimeOffset(2026, 3, 18, 0, 0, 0, TimeSpan.FromHours(8)), end);
    }

    [Fact]
    public void Re_verification_and_visits_are_flagged_when_overdue()
    {
        var approved = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var reverify = DueDates.ReverifyDue(approved, Rules.ReverifyMonths);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), reverify);
        Assert.True(DueDates.IsOverdue(reverify, Now));
        Assert.False(DueDates.IsOverdue(reverify, reverify));
        Assert.False(DueDates.IsOverdue(null, Now));
        var visit = DueDates.VisitDue(new DateTimeOffset(2025, 9, 11, 0, 0, 0, TimeSpan.Zero), Rules.VisitIntervalMonths);
        Assert.False(DueDates.IsOverdue(visit, Now));
        Assert.True(DueDates.IsOverdue(visit, Now.AddDays(2)));
        Assert.Equal(new DateTimeOffset(2026, 9, 10, 2, 0, 0, TimeSpan.Zero), DueDates.FollowUpUntil(Now, 6));
    }

    // ---------------------------------------------------------------- assistance

    private static AssistanceRequest Req(AssistanceType t, long amount, DateOnly on, string? child = null, HardshipGrade g = HardshipGrade.DeepHardship, FileStatus s = FileStatus.Active) =>
        new(t, g, s, amount, on, child);

    [Fact]
    public void Amount_above_the_standard_for_type_and_grade_is_refused()
    {
        Assert.True(AssistanceRules.Check(Req(AssistanceType.WarmthCash, 300000, new(2026, 1, 5)), [], Rules).Ok);
        var d = AssistanceRules.Check(Req(AssistanceType.WarmthCash, 300001, new(2026, 1, 5)), [], Rules);
        Assert.Equal(AssistanceRules.AboveStandard, d.Refusal);
        Assert.Equal(300000, d.StandardFen);
        Assert.Equal(AssistanceRules.AboveStandard, AssistanceRules.Check(Req(AssistanceType.WarmthCash, 250000, new(2026, 1, 5), g: HardshipGrade.RelativeHardship), [], Rules).Refusal);
        Assert.Equal(AssistanceRules.AmountInvalid, AssistanceRules.Check(Req(AssistanceType.WarmthCash, 0, new(2026, 1, 5)), [], Rules).Refusal);
        Assert.Equal("warmth", AssistanceRules.Check(Req(AssistanceType.SummerRelief, 100, new(2026, 7, 5)), [], Rules).Fund);
        Assert.Equal("medical-relief", AssistanceRules.Check(Req(AssistanceType.MedicalRelief, 100, new(2026, 7, 5)), [], Rules).Fund);
    }

    [Theory]
    [InlineData(FileStatus.Filed)]
    [InlineData(FileStatus.Exited)]
    [InlineData(FileStatus.Rejected)]
    [InlineData(FileStatus.AwaitingApproval)]
    public void Only_files_in_the_archive_are_helped(FileStatus s) =>
        Assert.Equal(AssistanceRules.NotActive, AssistanceRules.Check(Req(AssistanceType.WarmthCash, 100, new(2026, 1, 5), s: s), [], Rules).Refusal);

    [Fact]
    public void Frequency_per_year_is_enforced_and_a_new_year_starts_again()
    {
        PriorAssistance[] two = [new(AssistanceType.WarmthCash, 100, new(2026, 1, 5), null), new(AssistanceType.WarmthCash, 100, new(2026, 6, 5), null)];
        Assert.Equal(AssistanceRules.TooOften, AssistanceRules.Check(Req(AssistanceType.WarmthCash, 100, new(2026, 12, 5)), two, Rules).Refusal);
        Assert.True(AssistanceRules.Check(Req(AssistanceType.WarmthCash, 100, new(2027, 1, 5)), two, Rules).Ok);
        Assert.True(AssistanceRules.Check(Req(AssistanceType.WarmthGoods, 100, new(2026, 12, 5)), two, Rules).Ok);
        PriorAssistance[] summer = [new(AssistanceType.SummerRelief, 100, new(2026, 7, 5), null)];
        Assert.Equal(AssistanceRules.TooOften, AssistanceRules.Check(Req(AssistanceType.SummerRelief, 100, new(2026, 8, 5)), summer, Rules).Refusal);
    }

    [Fact]
    public void One_education_grant_per_child_per_school_year()
    {
        PriorAssistance[] prior = [new(AssistanceType.EducationGrant, 500000, new(2026, 9, 20), "child-a")];
        Assert.Equal(AssistanceRules.ChildAlreadyThisSchoolYear, AssistanceRules.Check(Req(AssistanceType.EducationGrant, 500000, new(2027, 3, 1), "child-a"), prior, Rules).Refusal);
        Assert.True(AssistanceRules.Check(Req(AssistanceType.EducationGrant, 500000, new(2027, 3, 1), "child-b"), prior, Rules).Ok);
        Assert.True(AssistanceRules.Check(Req(AssistanceType.EducationGrant, 500000, new(2027, 9, 1), "child-a"), prior, Rules).Ok);
        Assert.Equal(AssistanceRules.ChildRequired, AssistanceRules.Check(Req(AssistanceType.EducationGrant, 500000, new(2027, 9, 1)), prior, Rules).Refusal);
        Assert.Equal(2026, AssistanceRules.SchoolYear(new DateOnly(2027, 8, 31)));
        Assert.Equal(2027, AssistanceRules.SchoolYear(new DateOnly(2027, 9, 1)));
    }

    [Fact]
    public void Household_cap_per_year_is_enforced_to_the_fen()
    {
        // Cap 20,000.00 yuan. 19,000.00 given this year: 1,000.00 more is fine, 1,000.01 is not.
        PriorAssistance[] prior = [new(AssistanceType.MedicalRelief, 1000000, new(2026, 2, 1), null), new(AssistanceType.EducationGrant, 900000, new(2026, 3, 1), "c")];
        Assert.True(AssistanceRules.Check(Req(AssistanceType.WarmthCash, 100000, new(2026, 5, 1)), prior, Rules).Ok);
        Assert.Equal(AssistanceRules.HouseholdCap, AssistanceRules.Check(Req(AssistanceType.WarmthCash, 100001, new(2026, 5, 1)), prior, Rules).Refusal);
        Assert.True(AssistanceRules.Check(Req(AssistanceType.WarmthCash, 300000, new(2027, 1, 2)), prior, Rules).Ok);
    }

    [Fact]
    public void Documents_are_checked_by_size_and_by_content()
    {
        var pdf = "%PDF-1.7 test"u8.ToArray();
        Assert.Null(DocumentRules.Check("application/pdf", pdf.Length, pdf, Rules.Documents));
        Assert.Equal(DocumentRules.TypeNotAllowed, DocumentRules.Check("image/png", pdf.Length, pdf, Rules.Documents));
        Assert.Equal(DocumentRules.TypeNotAllowed, DocumentRules.Check("text/plain", 5, "hello"u8, Rules.Documents));
        Assert.Equal(DocumentRules.TooLarge, DocumentRules.Check("application/pdf", Rules.Documents.MaxBytes + 1, pdf, Rules.Documents));
        Assert.Equal(DocumentRules.Empty, DocumentRules.Check("application/pdf", 0, [], Rules.Documents));
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0];
        Assert.Null(DocumentRules.Check("image/png", png.Length, png, Rules.Documents));
        byte[] jpg = [0xFF, 0xD8, 0xFF, 0xE0];
        Assert.Null(DocumentRules.Check("image/jpeg", jpg.Length, jpg, Rules.Documents));
    }

    // ---------------------------------------------------------------- precision

    [Fact]
    public void A_fixture_sample_with_known_agreement_gives_known_precisions()
    {
        // Dongcheng: 4 sampled, 3 rightly identified; 2 exits judged, both right; 3 assisted, 2 right.
        // Xicheng: 2 sampled, both right; no exits; 1 assisted, right.
        Verdict[] v =
        [
            new("110101", true, true, true), new("110101", true, true, false), new("110101", true, null, true), new("110101", false, null, null),
            new("110102", true, null, true), new("110102", true, null, null),
        ];
        var figures = PrecisionRules.ByDistrict(v);
        var dc = figures.Single(f => f.District == "110101");
        Assert.Equal(new Ratio(3, 4), dc.Identification);
        Assert.Equal(7500, dc.Identification.BasisPoints);
        Assert.Equal(new Ratio(2, 2), dc.Exit);
        Assert.Equal(10000, dc.Exit.BasisPoints);
        Assert.Equal(new Ratio(2, 3), dc.Assistance);
        Assert.Equal(6667, dc.Assistance.BasisPoints);
        var xc = figures.Single(f => f.District == "110102");
        Assert.Equal(10000, xc.Identification.BasisPoints);
        Assert.Null(xc.Exit.BasisPoints);
        var city = figures.Last();
        Assert.Equal(PrecisionRules.CityWide, city.District);
        Assert.Equal(new Ratio(5, 6), city.Identification);
        Assert.Equal(8333, city.Identification.BasisPoints);
        Assert.Equal(new Ratio(3, 4), city.Assistance);
        Assert.Equal(2, v.Count(PrecisionRules.IsDisagreement));
    }

    [Fact]
    public void The_sample_is_stratified_by_district_reproducible_and_without_repeats()
    {
        var population = Enumerable.Range(0, 100).Select(i => (Id: i, District: i < 70 ? "A" : i < 95 ? "B" : "C")).ToList();
        var s1 = PrecisionRules.Sample(population, p => p.District, 10, seed: 2020);
        var s2 = PrecisionRules.Sample(population, p => p.District, 10, seed: 2020);
        Assert.Equal(s1, s2);
        Assert.Equal(10, s1.Count(p => p.District == "A"));
        Assert.Equal(10, s1.Count(p => p.District == "B"));
        Assert.Equal(5, s1.Count(p => p.District == "C"));
        Assert.Equal(s1.Count, s1.Distinct().Count());
        Assert.NotEqual(s1, PrecisionRules.Sample(population, p => p.District, 10, seed: 2021));
    }

    [Fact]
    public void The_2020_campaign_plan_is_190_children_and_1307000_yuan_exactly()
    {
        var children = HardshipDemoSeeder.Campaign2020.Sum(c => c.Children);
        var fen = HardshipDemoSeeder.Campaign2020.Sum(c => c.Children * Rules.EducationStandards[c.Stage]);
        Assert.Equal(190, children);
        Assert.Equal(1_307_000_00L, fen);
    }
}
