using Gonghui.Modules.LaborRelations.Rules;

namespace Gonghui.Tests.LaborRelations;

/// <summary>The pure rules of issue 16.8–16.10: 集体合同规定's checks and deadlines, reminders, the health-check score and recognition, drive progress.</summary>
public class RightsRulesTests
{
    private static readonly DateOnly Today = new(2021, 6, 30);

    private static SigningFacts Facts(DateOnly? signed = null, DateOnly? starts = null, DateOnly? expires = null, int total = 90, int present = 60, int votesFor = 46,
        int unionReps = 3, int employerReps = 3, int workers = 120, int? increase = 500, long? minWage = null, AgreementKind kind = AgreementKind.Wage) =>
        new(signed ?? new DateOnly(2021, 3, 1), starts ?? new DateOnly(2021, 4, 1), expires ?? new DateOnly(2022, 3, 31), total, present, votesFor, unionReps, employerReps,
            workers, increase, minWage, kind);

    private static string[] Codes(SigningFacts f) => BargainingRules.ValidateSigning(f, Today).Select(e => $"{e.Field}:{e.Code}").ToArray();

    [Fact]
    public void A_proper_agreement_signs()
    {
        Assert.Empty(Codes(Facts()));
        // a term of exactly three years is allowed, a day more is not (Art. 38)
        Assert.Empty(Codes(Facts(starts: new DateOnly(2021, 4, 1), expires: new DateOnly(2024, 4, 1))));
        Assert.Equal(["expiresOn:agreement.term"], Codes(Facts(starts: new DateOnly(2021, 4, 1), expires: new DateOnly(2024, 4, 2))));
        Assert.Equal(["expiresOn:agreement.expiresBeforeStart"], Codes(Facts(starts: new DateOnly(2021, 4, 1), expires: new DateOnly(2021, 4, 1))));
        Assert.Equal(["signedOn:date.future"], Codes(Facts(signed: Today.AddDays(1))));
    }

    [Theory]
    [InlineData(90, 60, 46, null)]                                  // 2/3 exactly present, 46 of 90 is more than half
    [InlineData(90, 59, 46, "congressPresent:agreement.quorum")]   // 59 of 90 is under two thirds
    [InlineData(90, 60, 45, "congressFor:agreement.majority")]     // 45 of 90 is half, not more than half
    [InlineData(3, 2, 2, null)]
    [InlineData(90, 91, 46, "congressPresent:out-of-range")]       // more present than members
    [InlineData(90, 60, 61, "congressFor:out-of-range")]           // more for than present
    public void The_workers_congress_passes_with_two_thirds_present_and_more_than_half_of_all_for(int total, int present, int votesFor, string? code)
    {
        var codes = Codes(Facts(total: total, present: present, votesFor: votesFor));
        if (code is null) Assert.Empty(codes); else Assert.Equal([code], codes);
        Assert.Equal(code is null, BargainingRules.CongressPasses(total, present, votesFor) && present <= total && votesFor <= present);
    }

    [Fact]
    public void Representatives_are_at_least_three_a_side_and_equal_in_number()
    {
        Assert.Equal(["unionReps:agreement.reps"], Codes(Facts(unionReps: 2, employerReps: 2)).Take(1).ToArray());
        Assert.Equal(["employerReps:agreement.repsEqual"], Codes(Facts(unionReps: 5, employerReps: 4)));
        Assert.Empty(Codes(Facts(unionReps: 7, employerReps: 7)));
    }

    [Fact]
    public void A_wage_agreement_needs_its_increase_and_no_agreement_goes_below_the_minimum_wage()
    {
        Assert.Equal(["wageIncreaseBp:agreement.wageFigure"], Codes(Facts(increase: null)));
        Assert.Empty(Codes(Facts(increase: null, kind: AgreementKind.Comprehensive)));
        // Beijing's minimum: 2,200 yuan from 1 July 2019, 2,320 from 1 September 2021
        Assert.Equal(2_200_00, BargainingStatute.MinimumWageOn(new DateOnly(2021, 8, 31)));
        Assert.Equal(2_320_00, BargainingStatute.MinimumWageOn(new DateOnly(2021, 9, 1)));
        Assert.Null(BargainingStatute.MinimumWageOn(new DateOnly(2010, 1, 1)));
        Assert.Empty(Codes(Facts(minWage: 2_200_00)));
        Assert.Equal(["minimumWageFen:agreement.belowMinimumWage"], Codes(Facts(minWage: 2_199_99)));
        Assert.Equal(["minimumWageFen:agreement.belowMinimumWage"], Codes(Facts(starts: new DateOnly(2021, 9, 1), expires: new DateOnly(2022, 8, 31), minWage: 2_200_00)));
    }

    [Fact]
    public void Beijings_minimum_wage_after_2023_comes_from_the_data_file()
    {
        // 2,320 → 2,420 yuan from 1 September 2023; 2,420 → 2,540 from 1 September 2025 (北京市人力资源和社会保障局 notices)
        Assert.Equal(2_320_00, BargainingStatute.MinimumWageOn(new DateOnly(2023, 8, 31)));
        Assert.Equal(2_420_00, BargainingStatute.MinimumWageOn(new DateOnly(2023, 9, 1)));
        Assert.Equal(2_420_00, BargainingStatute.MinimumWageOn(new DateOnly(2025, 8, 31)));
        Assert.Equal(2_540_00, BargainingStatute.MinimumWageOn(new DateOnly(2025, 9, 1)));
        Assert.Equal(2_540_00, BargainingStatute.MinimumWageOn(new DateOnly(2026, 12, 6)));
        Assert.Equal(6, BargainingStatute.BeijingMinimumWage.Count);
        // an agreement starting on 1 September 2025 may not promise 2,420 any more; one starting the day before may
        Assert.Equal(["minimumWageFen:agreement.belowMinimumWage"], Codes(Facts(starts: new DateOnly(2025, 9, 1), expires: new DateOnly(2026, 8, 31), minWage: 2_420_00)));
        Assert.Empty(Codes(Facts(starts: new DateOnly(2025, 9, 1), expires: new DateOnly(2026, 8, 31), minWage: 2_540_00)));
    }

    [Fact]
    public void A_minimum_wage_table_is_checked_on_load()
    {
        var d = new DateOnly(2025, 9, 1);
        Assert.Single(BargainingStatute.ParseSteps([(d, 254000, "notice")]));
        Assert.Throws<InvalidDataException>(() => BargainingStatute.ParseSteps([]));
        Assert.Throws<InvalidDataException>(() => BargainingStatute.ParseSteps([(d, 0, "notice")]));
        Assert.Throws<InvalidDataException>(() => BargainingStatute.ParseSteps([(d, 254000, " ")]));
        Assert.Throws<InvalidDataException>(() => BargainingStatute.ParseSteps([(d, 254000, "a"), (d, 260000, "b")]));
        Assert.Throws<InvalidDataException>(() => BargainingStatute.ParseSteps([(d, 254000, "a"), (d.AddYears(1), 250000, "b")]));
    }

    [Fact]
    public void The_statutes_deadlines_are_counted_from_the_day_after()
    {
        // Art. 32: a request received on 1 March 2021 is answered by 21 March
        Assert.Equal(new DateOnly(2021, 3, 21), BargainingRules.ResponseDue(new DateOnly(2021, 3, 1)));
        // Art. 42: signed on 25 February 2021, filed by 7 March
        Assert.Equal(new DateOnly(2021, 3, 7), BargainingRules.FilingDue(new DateOnly(2021, 2, 25)));
        // Art. 47: filed on 1 April, no objection by 16 April: in force from 16 April, or from a later start
        Assert.Equal(new DateOnly(2021, 4, 16), BargainingRules.EffectiveOn(new DateOnly(2021, 4, 1), new DateOnly(2021, 4, 1)));
        Assert.Equal(new DateOnly(2021, 5, 1), BargainingRules.EffectiveOn(new DateOnly(2021, 4, 1), new DateOnly(2021, 5, 1)));
        // Art. 38: expiring on 31 May 2022, renewal may be asked from 28 February 2022 (a month without the 31st ends on its last day)
        Assert.Equal(new DateOnly(2022, 2, 28), BargainingRules.RenewalWindowOpens(new DateOnly(2022, 5, 31)));
    }

    [Theory]
    [InlineData("2022-03-29", ReminderStage.None, null)]                          // more than 3 months before expiry (30 June 2022)
    [InlineData("2022-03-30", ReminderStage.None, ReminderStage.RenewalWindow)]   // the window opens 3 months before
    [InlineData("2022-04-15", ReminderStage.RenewalWindow, null)]                 // already told
    [InlineData("2022-05-31", ReminderStage.RenewalWindow, ReminderStage.ThirtyDays)]
    [InlineData("2022-05-31", ReminderStage.None, ReminderStage.ThirtyDays)]      // a later stage supersedes one never sent
    [InlineData("2022-06-30", ReminderStage.ThirtyDays, null)]                    // the expiry day is still in force
    [InlineData("2022-07-01", ReminderStage.ThirtyDays, ReminderStage.Expired)]
    [InlineData("2022-08-01", ReminderStage.Expired, null)]
    public void Reminders_come_once_per_stage(string today, ReminderStage sent, ReminderStage? due)
    {
        Assert.Equal(due, BargainingRules.ReminderDue(new DateOnly(2022, 6, 30), DateOnly.Parse(today), sent));
    }

    [Fact]
    public void In_force_means_filed_effective_and_not_expired()
    {
        var eff = new DateOnly(2021, 4, 16);
        var exp = new DateOnly(2022, 3, 31);
        Assert.False(BargainingRules.InForce(AgreementStatus.Filed, eff, exp, eff.AddDays(-1)));
        Assert.True(BargainingRules.InForce(AgreementStatus.Filed, eff, exp, eff));
        Assert.True(BargainingRules.InForce(AgreementStatus.Renewed, eff, exp, exp));
        Assert.False(BargainingRules.InForce(AgreementStatus.Filed, eff, exp, exp.AddDays(1)));
        Assert.False(BargainingRules.InForce(AgreementStatus.Signed, eff, exp, eff));
        Assert.Equal(400, BargainingRules.WeightedIncreaseBp([(100, 300), (300, 433), (50, null)]));
        Assert.Null(BargainingRules.WeightedIncreaseBp([(10, null)]));
        Assert.Equal(150, BargainingRules.OfferGap(600, 450));
    }

    private static List<ItemFinding> AllCompliant() => CultivationRules.Checklist.Select(c => new ItemFinding(c.Key, ItemVerdict.Compliant, null, null)).ToList();

    [Fact]
    public void The_health_check_scores_out_of_100_minor_half_major_none()
    {
        Assert.Equal(100, CultivationRules.MaxScore);
        var items = AllCompliant();
        Assert.Equal(100, CultivationRules.Score(items));
        items[0] = items[0] with { Result = ItemVerdict.Minor };   // contracts, 15 → 7
        items[3] = items[3] with { Result = ItemVerdict.Major };   // insurance, 15 → 0
        Assert.Equal(100 - 8 - 15, CultivationRules.Score(items));
        Assert.Equal(77, CultivationRules.Score(items.Where(i => i.Key != "insurance")));   // an item not given counts nothing, as a major problem
    }

    private static string[] C(IEnumerable<(string Field, string Code)> errors) => errors.Select(e => $"{e.Field}:{e.Code}").ToArray();

    [Fact]
    public void A_check_gives_every_item_once_and_a_deadline_within_a_year_for_each_problem()
    {
        var enrolled = new DateOnly(2020, 3, 10);
        var on = new DateOnly(2020, 4, 20);
        var items = AllCompliant();
        Assert.Empty(CultivationRules.ValidateCheck(on, enrolled, Today, items));
        items[1] = items[1] with { Result = ItemVerdict.Minor };
        Assert.Equal(["items[1].rectifyBy:check.deadlineRequired"], C(CultivationRules.ValidateCheck(on, enrolled, Today, items)));
        items[1] = items[1] with { RectifyBy = on };
        Assert.Equal(["items[1].rectifyBy:check.deadlineRange"], C(CultivationRules.ValidateCheck(on, enrolled, Today, items)));
        items[1] = items[1] with { RectifyBy = on.AddDays(366) };
        Assert.Equal(["items[1].rectifyBy:check.deadlineRange"], C(CultivationRules.ValidateCheck(on, enrolled, Today, items)));
        items[1] = items[1] with { RectifyBy = on.AddDays(365) };
        Assert.Empty(CultivationRules.ValidateCheck(on, enrolled, Today, items));
        Assert.Contains("checkedOn:check.beforeEnrolment", C(CultivationRules.ValidateCheck(enrolled.AddDays(-1), enrolled, Today, items)));
        Assert.Contains("items:check.incomplete", C(CultivationRules.ValidateCheck(on, enrolled, Today, items.Skip(1).ToList())));
        Assert.Contains("items[9].key:check.duplicateItem", C(CultivationRules.ValidateCheck(on, enrolled, Today, [.. items, items[0]])));
        Assert.Contains("items[9].key:check.unknownItem", C(CultivationRules.ValidateCheck(on, enrolled, Today, [.. items, new ItemFinding("x", ItemVerdict.Compliant, null, null)])));
        Assert.Equal(["items:required"], C(CultivationRules.ValidateCheck(on, enrolled, Today, [])));
    }

    [Fact]
    public void Recognition_needs_the_score_no_open_problem_no_open_alert_and_six_months()
    {
        Assert.Empty(CultivationRules.RecognitionBlockers(new RecognitionFacts(80, 0, false, 6)));
        Assert.Equal(["cultivation.score"], CultivationRules.RecognitionBlockers(new RecognitionFacts(79, 0, false, 6)));
        Assert.Equal(["cultivation.noCheck", "cultivation.openFindings", "cultivation.openAlert", "cultivation.tooSoon"],
            CultivationRules.RecognitionBlockers(new RecognitionFacts(null, 2, true, 5)));
        Assert.Equal(5, CultivationRules.MonthsBetween(new DateOnly(2020, 3, 15), new DateOnly(2020, 9, 14)));
        Assert.Equal(6, CultivationRules.MonthsBetween(new DateOnly(2020, 3, 15), new DateOnly(2020, 9, 15)));
        Assert.Equal(0, CultivationRules.MonthsBetween(new DateOnly(2020, 3, 15), new DateOnly(2020, 3, 1)));
        Assert.True(CultivationRules.Overdue(new DateOnly(2020, 5, 1), null, new DateOnly(2020, 5, 2)));
        Assert.False(CultivationRules.Overdue(new DateOnly(2020, 5, 1), null, new DateOnly(2020, 5, 1)));
        Assert.False(CultivationRules.Overdue(new DateOnly(2020, 5, 1), new DateOnly(2020, 5, 3), new DateOnly(2020, 6, 1)));
    }

    [Fact]
    public void A_firm_counts_as_cultivated_in_a_year_it_was_coached_in()
    {
        var (from, to) = (new DateOnly(2020, 1, 1), new DateOnly(2021, 1, 1));
        Assert.True(CultivationRules.CultivatedIn(new DateOnly(2020, 3, 1), new DateOnly(2020, 12, 20), from, to));   // recognised in December 2020
        Assert.True(CultivationRules.CultivatedIn(new DateOnly(2019, 3, 1), new DateOnly(2020, 1, 1), from, to));     // ended on the first day
        Assert.False(CultivationRules.CultivatedIn(new DateOnly(2019, 3, 1), new DateOnly(2019, 12, 31), from, to));  // recognised before 2020
        Assert.False(CultivationRules.CultivatedIn(new DateOnly(2021, 1, 1), null, from, to));                          // taken in after
        Assert.True(CultivationRules.CultivatedIn(new DateOnly(2018, 1, 1), null, from, to));                           // still being coached
    }

    [Fact]
    public void A_drive_needs_a_target_a_period_and_for_parks_and_platforms_its_firms()
    {
        var s = new DateOnly(2020, 1, 1);
        Assert.Empty(OrganizingRules.Validate("非公建会", DriveKind.NonPublicFirms, s, s.AddYears(1), 10, 0, 0));
        Assert.Contains("targetFirms:drive.noTarget", C(OrganizingRules.Validate("x", DriveKind.NonPublicFirms, s, s.AddYears(1), 0, 0, 0)));
        Assert.Contains("endsOn:drive.period", C(OrganizingRules.Validate("x", DriveKind.NonPublicFirms, s, s.AddDays(-1), 1, 0, 0)));
        Assert.Contains("endsOn:drive.period", C(OrganizingRules.Validate("x", DriveKind.NonPublicFirms, s, s.AddYears(5).AddDays(1), 1, 0, 0)));
        Assert.Contains("enterpriseIds:drive.firmsRequired", C(OrganizingRules.Validate("x", DriveKind.ParkOrBuilding, s, s.AddYears(1), 1, 0, 0)));
        Assert.Empty(OrganizingRules.Validate("x", DriveKind.PlatformFirms, s, s.AddYears(1), 1, 0, 3));
        Assert.Contains("name:required", C(OrganizingRules.Validate(" ", DriveKind.DispatchWorkers, s, s.AddYears(1), 0, 5, 0)));
        Assert.Equal((s, new DateOnly(2020, 6, 30)), OrganizingRules.CountingPeriod(s, new DateOnly(2020, 12, 31), new DateOnly(2020, 6, 30)));
        Assert.Equal((s, new DateOnly(2020, 12, 31)), OrganizingRules.CountingPeriod(s, new DateOnly(2020, 12, 31), new DateOnly(2026, 1, 1)));
        var p = new DriveProgress(15, 40, 3_000, 2_000, 100);
        Assert.Equal((3_750, 10_000), (p.FirmsBp!.Value, p.MembersBp!.Value));   // capped at 100 %
        Assert.Null(new DriveProgress(1, 0, 0, 0, 0).FirmsBp);
    }
}
