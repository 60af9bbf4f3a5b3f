using Gonghui.Modules.Services.Rules;

namespace Gonghui.Tests.Services;

/// <summary>The three-tier project rules, the visit rules and the campaign rules, as pure functions.</summary>
public sealed class ProjectRuleTests
{
    [Theory]
    [InlineData(0, ServiceTier.City)]
    [InlineData(1, ServiceTier.District)]
    [InlineData(2, ServiceTier.Grassroots)]
    [InlineData(3, ServiceTier.Grassroots)]
    public void The_tier_follows_the_owner_units_depth(int depth, ServiceTier tier) => Assert.Equal(tier, ProjectRules.TierOf(depth));

    [Theory]
    [InlineData(ServiceTier.Grassroots, 1, true)]   // the district approves its grassroots projects
    [InlineData(ServiceTier.Grassroots, 0, true)]   // and the federation may
    [InlineData(ServiceTier.Grassroots, 2, false)]  // a grassroots union never approves its own
    [InlineData(ServiceTier.District, 1, false)]    // a district project goes to the federation
    [InlineData(ServiceTier.District, 0, true)]
    [InlineData(ServiceTier.City, 0, true)]
    [InlineData(ServiceTier.City, 1, false)]
    public void The_approving_tier_is_the_one_above(ServiceTier tier, int approverDepth, bool allowed) =>
        Assert.Equal(allowed, ProjectRules.CanDecide(tier, approverDepth, true, "approver", "applicant") is null);

    [Fact]
    public void Nobody_decides_their_own_application_or_outside_their_scope()
    {
        Assert.Equal("project.sameApplicant", ProjectRules.CanDecide(ServiceTier.City, 0, true, "admin", "admin"));
        Assert.Equal("project.outOfScope", ProjectRules.CanDecide(ServiceTier.Grassroots, 1, false, "a", "b"));
        Assert.Equal("project.approverTier", ProjectRules.CanDecide(ServiceTier.District, 1, true, "a", "b"));
    }

    [Fact]
    public void The_state_machine_runs_from_application_to_acceptance_and_nowhere_else()
    {
        Assert.Equal(ProjectStatus.Approved, ProjectRules.Next(ProjectStatus.Applied, ProjectAction.Approve));
        Assert.Equal(ProjectStatus.Rejected, ProjectRules.Next(ProjectStatus.Applied, ProjectAction.Reject));
        Assert.Equal(ProjectStatus.Delivering, ProjectRules.Next(ProjectStatus.Approved, ProjectAction.StartDelivery));
        Assert.Equal(ProjectStatus.Delivered, ProjectRules.Next(ProjectStatus.Delivering, ProjectAction.FinishDelivery));
        Assert.Equal(ProjectStatus.Accepted, ProjectRules.Next(ProjectStatus.Delivered, ProjectAction.Accept));
        var allowed = 0;
        foreach (var s in Enum.GetValues<ProjectStatus>())
            foreach (var a in Enum.GetValues<ProjectAction>())
                if (ProjectRules.Next(s, a) is not null) allowed++;
        Assert.Equal(5, allowed);
        Assert.Null(ProjectRules.Next(ProjectStatus.Accepted, ProjectAction.Approve));
        Assert.Null(ProjectRules.Next(ProjectStatus.Rejected, ProjectAction.Approve));
        Assert.Null(ProjectRules.Next(ProjectStatus.Applied, ProjectAction.Accept));
    }

    [Theory]
    [InlineData(ProjectStatus.Applied, false)]
    [InlineData(ProjectStatus.Approved, true)]
    [InlineData(ProjectStatus.Delivering, true)]
    [InlineData(ProjectStatus.Delivered, true)]
    [InlineData(ProjectStatus.Accepted, false)]
    [InlineData(ProjectStatus.Rejected, false)]
    public void Visits_are_taken_only_while_a_project_is_delivered(ProjectStatus status, bool takes) => Assert.Equal(takes, ProjectRules.TakesVisits(status));

    [Theory]
    [InlineData(ServiceCategory.AutumnSchool, "education")]
    [InlineData(ServiceCategory.SummerCool, "warmth")]
    [InlineData(ServiceCategory.SendLaw, "warmth")]
    [InlineData(ServiceCategory.Other, "warmth")]
    public void The_fund_follows_the_category(ServiceCategory c, string fund) => Assert.Equal(fund, ProjectRules.FundOf(c));

    [Theory]
    [InlineData(ServiceCategory.SpringJobs, "seasons")]
    [InlineData(ServiceCategory.WinterWarmth, "seasons")]
    [InlineData(ServiceCategory.SendPolicy, "fiveSends")]
    [InlineData(ServiceCategory.SendLaw, "fiveSends")]
    [InlineData(ServiceCategory.Other, "other")]
    public void Categories_fall_into_the_four_seasons_the_five_sends_or_other(ServiceCategory c, string family) => Assert.Equal(family, ProjectRules.FamilyOf(c));

    [Fact]
    public void A_good_application_has_no_errors()
    {
        var d = new ProjectDraft("夏送清凉", 2020, ServiceCategory.SummerCool, TargetGroup.FrontLine, 1_000_000, 5000, new DateOnly(2020, 6, 1), new DateOnly(2020, 8, 31));
        Assert.Empty(ProjectRules.Validate(d, 2020));
    }

    [Fact]
    public void A_bad_application_names_every_field()
    {
        var d = new ProjectDraft(" ", 1999, null, null, -1, -5, new DateOnly(2021, 6, 1), new DateOnly(2021, 5, 1));
        var e = ProjectRules.Validate(d, 2020);
        Assert.Contains(("name", "required"), e);
        Assert.Contains(("year", "project.yearRange"), e);
        Assert.Contains(("category", "required"), e);
        Assert.Contains(("targetGroup", "required"), e);
        Assert.Contains(("budgetFen", "project.budgetRange"), e);
        Assert.Contains(("plannedVisits", "project.plannedRange"), e);
        Assert.Contains(("endsOn", "project.endsBeforeStart"), e);
    }

    [Fact]
    public void Names_budgets_years_and_dates_are_bounded()
    {
        Assert.Contains(("name", "too-long"), ProjectRules.Validate(new ProjectDraft(new string('x', 201), 2020, ServiceCategory.Other, TargetGroup.Other, 0, null, null, null), 2020));
        Assert.Contains(("budgetFen", "project.budgetRange"), ProjectRules.Validate(new ProjectDraft("x", 2020, ServiceCategory.Other, TargetGroup.Other, ProjectRules.MaxBudgetFen + 1, null, null, null), 2020));
        Assert.Empty(ProjectRules.Validate(new ProjectDraft("x", 2021, ServiceCategory.Other, TargetGroup.Other, ProjectRules.MaxBudgetFen, null, null, null), 2020));
        Assert.Contains(("year", "project.yearRange"), ProjectRules.Validate(new ProjectDraft("x", 2022, ServiceCategory.Other, TargetGroup.Other, 0, null, null, null), 2020));
        Assert.Contains(("startsOn", "project.dateOutsideYear"), ProjectRules.Validate(new ProjectDraft("x", 2020, ServiceCategory.Other, TargetGroup.Other, 0, null, new DateOnly(2019, 12, 31), null), 2020));
        Assert.Contains(("budgetFen", "required"), ProjectRules.Validate(new ProjectDraft("x", 2020, (ServiceCategory)77, TargetGroup.Other, null, null, null, null), 2020));
        Assert.Contains(("category", "required"), ProjectRules.Validate(new ProjectDraft("x", 2020, (ServiceCategory)77, TargetGroup.Other, null, null, null, null), 2020));
    }

    [Theory]
    [InlineData(null, 100L, "required")]
    [InlineData(-1L, 100L, "project.spentRange")]
    [InlineData(101L, 100L, "project.spentOverBudget")]
    [InlineData(100L, 100L, null)]
    [InlineData(0L, 100L, null)]
    public void What_was_spent_stays_within_the_budget(long? spent, long budget, string? error) => Assert.Equal(error, ProjectRules.ValidateSpent(spent, budget));

    [Theory]
    [InlineData(95, 1000, 1000, EvaluationGrade.Excellent)]
    [InlineData(90, 1000, 1000, EvaluationGrade.Excellent)]
    [InlineData(89, 1000, 1000, EvaluationGrade.Good)]
    [InlineData(75, 1000, 1000, EvaluationGrade.Good)]
    [InlineData(60, 1000, 1000, EvaluationGrade.Pass)]
    [InlineData(59, 1000, 1000, EvaluationGrade.Fail)]
    [InlineData(95, 400, 1000, EvaluationGrade.Pass)]      // under half the plan: at most "pass"
    [InlineData(80, 499, 1000, EvaluationGrade.Pass)]
    [InlineData(80, 500, 1000, EvaluationGrade.Good)]
    [InlineData(50, 100, 1000, EvaluationGrade.Fail)]      // a fail stays a fail
    [InlineData(95, 0, 0, EvaluationGrade.Excellent)]      // no plan, no cap
    public void The_grade_follows_the_score_and_the_plan(int score, long visits, int planned, EvaluationGrade grade) =>
        Assert.Equal(grade, ProjectRules.Grade(score, visits, planned));

    [Fact]
    public void Reach_is_visits_over_the_plan_in_basis_points()
    {
        Assert.Null(ProjectRules.ReachBp(100, 0));
        Assert.Equal(5000, ProjectRules.ReachBp(50, 100));
        Assert.Equal(12_000, ProjectRules.ReachBp(120, 100));
    }
}

public sealed class VisitRuleTests
{
    [Theory]
    [InlineData(null, VisitChannel.OnSite)]
    [InlineData("", VisitChannel.OnSite)]
    [InlineData("现场", VisitChannel.OnSite)]
    [InlineData("线上", VisitChannel.Online)]
    [InlineData(" 电话 ", VisitChannel.Phone)]
    [InlineData("上门", VisitChannel.HomeVisit)]
    [InlineData("入户", VisitChannel.HomeVisit)]
    [InlineData("扫码", VisitChannel.QrSignIn)]
    [InlineData("online", VisitChannel.Online)]
    public void Channel_words_of_a_sheet_are_read(string? cell, VisitChannel channel) => Assert.Equal(channel, VisitRules.ParseChannel(cell));

    [Theory]
    [InlineData("快递")]
    [InlineData("7")]
    public void An_unknown_channel_word_is_refused(string cell) => Assert.Null(VisitRules.ParseChannel(cell));

    [Theory]
    [InlineData("2020-07-15", 2020, 7, 15, null)]
    [InlineData("2020/7/15", 2020, 7, 15, null)]
    [InlineData("20200715", 2020, 7, 15, null)]
    [InlineData("2020.7.15", 2020, 7, 15, null)]
    [InlineData("2020-07-15 09:30", 2020, 7, 15, "09:30")]
    [InlineData("2020/7/15 9:30", 2020, 7, 15, "09:30")]
    [InlineData("2020-07-15T18:05:00", 2020, 7, 15, "18:05")]
    [InlineData(" 2020-02-29 ", 2020, 2, 29, null)]
    public void Served_at_cells_are_read_as_Beijing_dates_and_times(string cell, int y, int m, int d, string? time)
    {
        Assert.True(VisitRules.TryParseWhen(cell, out var date, out var t));
        Assert.Equal(new DateOnly(y, m, d), date);
        Assert.Equal(time, t?.ToString("HH:mm"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2020-13-01")]
    [InlineData("2019-02-29")]
    [InlineData("2020-00-10")]
    [InlineData("15/07/2020")]
    [InlineData("昨天")]
    [InlineData("2020-07-32")]
    public void Unreadable_dates_are_refused(string? cell) => Assert.False(VisitRules.TryParseWhen(cell, out _, out _));

    [Fact]
    public void A_visit_is_recorded_only_in_the_past_within_the_year_of_a_delivered_project()
    {
        var today = new DateOnly(2020, 12, 5);
        Assert.Null(VisitRules.Check(today, today, 2020, ProjectStatus.Delivering));
        Assert.Equal("visit.future", VisitRules.Check(today.AddDays(1), today, 2020, ProjectStatus.Delivering));
        Assert.Equal("visit.outsideYear", VisitRules.Check(new DateOnly(2019, 12, 31), today, 2020, ProjectStatus.Delivering));
        Assert.Equal("visit.projectNotDelivering", VisitRules.Check(today, today, 2020, ProjectStatus.Applied));
        Assert.Equal("visit.projectNotDelivering", VisitRules.Check(today, today, 2020, ProjectStatus.Accepted));
    }

    [Fact]
    public void The_dedupe_key_is_exact_one_member_one_project_one_day()
    {
        var day = new DateOnly(2020, 7, 15);
        var keys = new HashSet<ulong>();
        for (var p = 0; p < 20; p++)
            for (var m = 0; m < 50; m++)
                for (var d = 0; d < 10; d++)
                    Assert.True(keys.Add(VisitRules.PackKey(p, m, day.AddDays(d))));
        Assert.Equal(VisitRules.PackKey(3, 7, day), VisitRules.PackKey(3, 7, day));
        Assert.NotEqual(VisitRules.PackKey(3, 7, day), VisitRules.PackKey(7, 3, day));
        // The extremes still pack without overlapping.
        Assert.NotEqual(VisitRules.PackKey((1 << 20) - 1, 0, new DateOnly(2000, 1, 1)), VisitRules.PackKey(0, (1 << 28) - 1, new DateOnly(2000, 1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => VisitRules.PackKey(1 << 20, 0, day));
        Assert.Throws<ArgumentOutOfRangeException>(() => VisitRules.PackKey(0, 1 << 28, day));
        Assert.Throws<ArgumentOutOfRangeException>(() => VisitRules.PackKey(0, 0, new DateOnly(1999, 12, 31)));
    }
}

public sealed class CampaignRuleTests
{
    private static readonly Guid U1 = new("00000000-0000-0000-0000-000000000001"), U2 = new("00000000-0000-0000-0000-000000000002");
    private static Guid M(int i) => new($"00000000-0000-0000-0001-{i:D12}");

    [Fact]
    public void Each_person_is_listed_once_in_the_group_of_highest_priority()
    {
        var targets = CampaignRules.BuildTargets(
        [
            new(M(1), U1, RecipientGroup.FrontLine), new(M(1), U1, RecipientGroup.ArchivedNeedy), new(M(2), U2, RecipientGroup.Needy),
            new(M(2), U2, RecipientGroup.FrontLine), new(M(3), U1, RecipientGroup.FrontLine), new(M(3), U1, RecipientGroup.FrontLine),
        ], new HashSet<Guid>());
        Assert.Equal(3, targets.Count);
        Assert.Equal(RecipientGroup.ArchivedNeedy, targets.Single(t => t.MemberId == M(1)).Group);
        Assert.Equal(RecipientGroup.Needy, targets.Single(t => t.MemberId == M(2)).Group);
        Assert.Equal(RecipientGroup.FrontLine, targets.Single(t => t.MemberId == M(3)).Group);
        Assert.Equal([RecipientGroup.ArchivedNeedy, RecipientGroup.Needy, RecipientGroup.FrontLine], targets.Select(t => t.Group));
    }

    [Fact]
    public void People_already_listed_are_left_out_and_a_rebuild_adds_nobody_twice()
    {
        var candidates = Enumerable.Range(1, 10).Select(i => new Candidate(M(i), U1, RecipientGroup.FrontLine)).ToList();
        var first = CampaignRules.BuildTargets(candidates.Take(6), new HashSet<Guid>());
        var second = CampaignRules.BuildTargets(candidates, first.Select(t => t.MemberId).ToHashSet());
        Assert.Equal(6, first.Count);
        Assert.Equal(4, second.Count);
        Assert.Empty(first.Select(t => t.MemberId).Intersect(second.Select(t => t.MemberId)));
        Assert.Empty(CampaignRules.BuildTargets(candidates, candidates.Select(c => c.MemberId).ToHashSet()));
    }

    [Fact]
    public void An_unknown_group_is_ignored() =>
        Assert.Empty(CampaignRules.BuildTargets([new(M(1), U1, (RecipientGroup)9)], new HashSet<Guid>()));

    [Theory]
    [InlineData(CampaignKind.SummerCool, GiftKind.InKind, false)]
    [InlineData(CampaignKind.SummerCool, GiftKind.Money, true)]
    [InlineData(CampaignKind.WinterWarmth, GiftKind.Money, true)]
    [InlineData(CampaignKind.WinterWarmth, GiftKind.InKind, false)]
    [InlineData(CampaignKind.AutumnSchool, GiftKind.InKind, true)]
    public void Money_and_school_grants_are_publicised(CampaignKind kind, GiftKind gift, bool required) =>
        Assert.Equal(required, CampaignRules.PublicityRequired(kind, gift));

    [Fact]
    public void Gifts_wait_for_the_publicity_to_end()
    {
        var start = new DateOnly(2020, 12, 1);
        Assert.Equal(new DateOnly(2020, 12, 6), CampaignRules.GiftsFrom(true, start));
        Assert.Null(CampaignRules.GiftsFrom(false, start));
        Assert.Equal("campaign.publicityMissing", CampaignRules.CheckGift(RecipientStatus.Listed, GiftKind.Money, 50_000, null, true, null, start));
        Assert.Equal("campaign.publicityRunning", CampaignRules.CheckGift(RecipientStatus.Listed, GiftKind.Money, 50_000, null, true, start, start.AddDays(4)));
        Assert.Null(CampaignRules.CheckGift(RecipientStatus.Listed, GiftKind.Money, 50_000, null, true, start, start.AddDays(5)));
    }

    [Fact]
    public void A_person_gets_one_gift_with_its_amount_or_item()
    {
        var today = new DateOnly(2020, 7, 1);
        Assert.Equal("campaign.alreadyGifted", CampaignRules.CheckGift(RecipientStatus.Gifted, GiftKind.InKind, 0, "绿豆汤", false, null, today));
        Assert.Equal("campaign.alreadyGifted", CampaignRules.CheckGift(RecipientStatus.SignedOff, GiftKind.InKind, 0, "绿豆汤", false, null, today));
        Assert.Equal("campaign.amountRequired", CampaignRules.CheckGift(RecipientStatus.Listed, GiftKind.Money, 0, null, false, null, today));
        Assert.Equal("campaign.amountRequired", CampaignRules.CheckGift(RecipientStatus.Listed, GiftKind.Money, null, null, false, null, today));
        Assert.Equal("campaign.amountOverCap", CampaignRules.CheckGift(RecipientStatus.Listed, GiftKind.Money, CampaignRules.MaxGiftFen + 1, null, false, null, today));
        Assert.Null(CampaignRules.CheckGift(RecipientStatus.Listed, GiftKind.Money, CampaignRules.MaxGiftFen, null, false, null, today));
        Assert.Equal("campaign.itemRequired", CampaignRules.CheckGift(RecipientStatus.Listed, GiftKind.InKind, 0, " ", false, null, today));
        Assert.Null(CampaignRules.CheckGift(RecipientStatus.Listed, GiftKind.InKind, 0, "防暑降温用品", false, null, today));
    }

    [Fact]
    public void Sign_off_follows_the_gift_once_and_a_unit_signs_only_for_front_line_workers()
    {
        Assert.Equal("campaign.notGifted", CampaignRules.CheckSignOff(RecipientStatus.Listed, RecipientGroup.FrontLine, SignOffBy.Recipient));
        Assert.Equal("campaign.alreadySignedOff", CampaignRules.CheckSignOff(RecipientStatus.SignedOff, RecipientGroup.FrontLine, SignOffBy.Unit));
        Assert.Equal("campaign.unitSignsFrontLineOnly", CampaignRules.CheckSignOff(RecipientStatus.Gifted, RecipientGroup.Needy, SignOffBy.Unit));
        Assert.Null(CampaignRules.CheckSignOff(RecipientStatus.Gifted, RecipientGroup.FrontLine, SignOffBy.Unit));
        Assert.Null(CampaignRules.CheckSignOff(RecipientStatus.Gifted, RecipientGroup.ArchivedNeedy, SignOffBy.Recipient));
    }

    [Fact]
    public void Results_compare_each_unit_and_group_with_its_plan()
    {
        var results = CampaignRules.Results(
            [new PlanLine(U1, RecipientGroup.FrontLine, 100), new PlanLine(U2, RecipientGroup.Needy, 10), new PlanLine(U2, RecipientGroup.Needy, 10)],
            [new RecipientCount(U1, RecipientGroup.FrontLine, 90, 80, 75, 0), new RecipientCount(U1, RecipientGroup.FrontLine, 5, 5, 5, 0),
             new RecipientCount(U1, RecipientGroup.ArchivedNeedy, 3, 3, 3, 30_000)]);
        Assert.Equal(3, results.Count);
        var front = results.Single(r => r.UnitId == U1 && r.Group == RecipientGroup.FrontLine);
        Assert.Equal((100, 95, 85, 80, 8000), (front.Planned, front.Listed, front.Gifted, front.SignedOff, front.ReachBp!.Value));
        var needy = results.Single(r => r.UnitId == U2);
        Assert.Equal((20, 0, 0), (needy.Planned, needy.SignedOff, needy.ReachBp!.Value));
        var unplanned = results.Single(r => r.Group == RecipientGroup.ArchivedNeedy);
        Assert.Equal((0, 3, 30_000L), (unplanned.Planned, unplanned.SignedOff, unplanned.MoneyFen));
        Assert.Null(unplanned.ReachBp);
    }
}
