using Gonghui.Modules.ModelWorkers.Rules;
using Gonghui.Modules.Skills.Public;

namespace Gonghui.Tests.ModelWorkers;

/// <summary>The model-worker module's pure rules: the register and care, lectures and double-booking, reading rooms and their selection, the speech contest, and Skills.Public.Judging as the contest uses it.</summary>
public class ModelWorkersRuleTests
{
    private static readonly DateOnly Today = new(2026, 12, 5);
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 2, 0, 0, TimeSpan.Zero);

    // ---- register ----

    [Fact]
    public void A_register_entry_names_every_bad_field()
    {
        Assert.Empty(RegisterRules.CheckEntry(HonourKind.ModelWorker, HonourLevel.National, 2015, null, "北京公交集团", "公交驾驶员", 2026));
        var e = RegisterRules.CheckEntry(null, (HonourLevel)9, 1949, new string('x', 61), " ", null, 2026);
        Assert.Equal(["kind", "level", "year", "title", "employer", "occupation"], e.Select(x => x.Field));
        Assert.Contains(("year", "register.year"), RegisterRules.CheckEntry(HonourKind.ModelWorker, HonourLevel.Municipal, 2027, null, "a", "b", 2026));
        Assert.Empty(RegisterRules.CheckEntry(HonourKind.AdvancedWorker, HonourLevel.Municipal, 1950, null, "a", "b", 2026));
    }

    [Theory]
    [InlineData(HonourKind.ModelWorker, HonourLevel.National, "全国劳动模范")]
    [InlineData(HonourKind.AdvancedWorker, HonourLevel.Municipal, "北京市先进工作者")]
    [InlineData(HonourKind.ModelWorker, HonourLevel.Provincial, "省部级劳动模范")]
    public void The_default_title_follows_kind_and_level(HonourKind kind, HonourLevel level, string title) =>
        Assert.Equal(title, RegisterRules.DefaultTitle(kind, level));

    [Fact]
    public void A_health_check_carries_a_result_and_no_money()
    {
        Assert.Empty(RegisterRules.CheckCare(CareKind.HealthCheck, Today, null, "正常", HonourLevel.Municipal, Today));
        Assert.Contains(("amountFen", "care.noMoney"), RegisterRules.CheckCare(CareKind.HealthCheck, Today, 100, "正常", HonourLevel.Municipal, Today));
        Assert.Contains(("note", "care.resultRequired"), RegisterRules.CheckCare(CareKind.HealthCheck, Today, null, " ", HonourLevel.Municipal, Today));
    }

    [Fact]
    public void The_honour_allowance_is_capped_by_level_and_dated_in_the_past()
    {
        Assert.Empty(RegisterRules.CheckCare(CareKind.HonourAllowance, Today, 600_000, null, HonourLevel.National, Today));
        Assert.Contains(("amountFen", "care.aboveCap"), RegisterRules.CheckCare(CareKind.HonourAllowance, Today, 600_001, null, HonourLevel.National, Today));
        Assert.Contains(("amountFen", "care.aboveCap"), RegisterRules.CheckCare(CareKind.HonourAllowance, Today, 300_001, null, HonourLevel.Municipal, Today));
        Assert.Contains(("amountFen", "care.amount"), RegisterRules.CheckCare(CareKind.HardshipGrant, Today, 0, null, HonourLevel.Municipal, Today));
        Assert.Contains(("amountFen", "care.amount"), RegisterRules.CheckCare(CareKind.HolidayVisit, Today, null, null, HonourLevel.Municipal, Today));
        Assert.Contains(("on", "care.date"), RegisterRules.CheckCare(CareKind.HolidayVisit, Today.AddDays(1), 100, null, HonourLevel.Municipal, Today));
        Assert.Contains(("on", "care.date"), RegisterRules.CheckCare(CareKind.HolidayVisit, Today.AddYears(-6), 100, null, HonourLevel.Municipal, Today));
        Assert.Equal([("kind", "care.kind")], RegisterRules.CheckCare(null, Today, 100, null, HonourLevel.Municipal, Today));
    }

    [Fact]
    public void The_allowance_key_is_per_person_and_year_and_only_for_the_allowance()
    {
        var id = Guid.NewGuid();
        Assert.Equal($"{id:N}:2026", RegisterRules.OncePerYearKey(CareKind.HonourAllowance, id, 2026));
        Assert.NotEqual(RegisterRules.OncePerYearKey(CareKind.HonourAllowance, id, 2025), RegisterRules.OncePerYearKey(CareKind.HonourAllowance, id, 2026));
        Assert.Null(RegisterRules.OncePerYearKey(CareKind.HardshipGrant, id, 2026));
        Assert.Null(RegisterRules.OncePerYearKey(CareKind.HealthCheck, id, 2026));
    }

    [Fact]
    public void Only_a_recorded_money_record_is_paid()
    {
        Assert.Null(RegisterRules.PayRefusal(CareKind.HonourAllowance, CareStatus.Recorded));
        Assert.Equal("care.notMoney", RegisterRules.PayRefusal(CareKind.HealthCheck, CareStatus.Recorded));
        Assert.Equal("care.alreadyPaid", RegisterRules.PayRefusal(CareKind.HardshipGrant, CareStatus.Paid));
        Assert.Equal("care.notRecorded", RegisterRules.PayRefusal(CareKind.HardshipGrant, CareStatus.Reversed));
    }

    // ---- lectures ----

    [Fact]
    public void A_request_names_every_bad_field()
    {
        Assert.Empty(LectureRules.CheckRequest("首钢", HostType.Enterprise, "110101", "地址", 100, Today, Today, true));
        var e = LectureRules.CheckRequest(" ", (HostType)7, null, "", 0, Today.AddDays(-1), Today, false);
        Assert.Equal(["hostName", "hostType", "districtCode", "address", "audience", "preferredOn"], e.Select(x => x.Field));
        Assert.Contains(("audience", "lecture.audience"), LectureRules.CheckRequest("a", HostType.School, "110101", "b", 5001, Today, Today, true));
        Assert.Contains(("preferredOn", "lecture.preferredOn"), LectureRules.CheckRequest("a", HostType.School, "110101", "b", 10, Today.AddYears(1).AddDays(1), Today, true));
        Assert.Contains(("districtCode", "lecture.district"), LectureRules.CheckRequest("a", HostType.School, "999999", "b", 10, Today, Today, false));
    }

    [Fact]
    public void A_slot_is_in_the_future_and_half_an_hour_to_four_hours_long()
    {
        Assert.Empty(LectureRules.CheckSlot(Now.AddHours(1), Now.AddHours(2.5), Now));
        Assert.Contains(("startsAt", "lecture.startsAt"), LectureRules.CheckSlot(Now, Now.AddHours(1), Now));
        Assert.Contains(("endsAt", "lecture.length"), LectureRules.CheckSlot(Now.AddHours(1), Now.AddHours(1).AddMinutes(29), Now));
        Assert.Contains(("endsAt", "lecture.length"), LectureRules.CheckSlot(Now.AddHours(1), Now.AddHours(5).AddMinutes(1), Now));
        Assert.Contains(("endsAt", "lecture.length"), LectureRules.CheckSlot(Now.AddHours(2), Now.AddHours(1), Now));
        Assert.Empty(LectureRules.CheckSlot(Now.AddHours(1), Now.AddHours(5), Now));
    }

    [Theory]
    [InlineData(9, 10, 10, 11, true)]      // back to back: no time to travel
    [InlineData(9, 10, 10.5, 11, true)]    // half an hour between
    [InlineData(9, 10, 11, 12, false)]     // exactly the travel hour between
    [InlineData(9, 10, 9.5, 10.5, true)]   // overlapping
    [InlineData(9, 12, 10, 11, true)]      // inside
    [InlineData(14, 15, 9, 10, false)]     // four hours apart
    public void Bookings_clash_when_they_overlap_or_leave_no_travel_time(double a0, double a1, double b0, double b1, bool expected)
    {
        var d = new DateTimeOffset(2026, 12, 10, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(expected, LectureRules.Clash(d.AddHours(a0), d.AddHours(a1), d.AddHours(b0), d.AddHours(b1)));
        Assert.Equal(expected, LectureRules.Clash(d.AddHours(b0), d.AddHours(b1), d.AddHours(a0), d.AddHours(a1)));
    }

    [Fact]
    public void Clash_needs_the_travel_hour()
    {
        var d = new DateTimeOffset(2026, 12, 10, 1, 0, 0, TimeSpan.Zero);
        Assert.True(LectureRules.Clash(d, d.AddHours(1), d.AddHours(1).AddMinutes(59), d.AddHours(3)));
        Assert.False(LectureRules.Clash(d, d.AddHours(1), d.AddHours(2), d.AddHours(3)));       // one hour apart exactly: allowed
        Assert.False(LectureRules.Clash(d.AddHours(2), d.AddHours(3), d, d.AddHours(1)));       // symmetric
        Assert.True(LectureRules.Clash(d.AddHours(2), d.AddHours(3), d, d.AddHours(1).AddMinutes(1)));
    }

    [Fact]
    public void The_first_clash_ignores_the_lecture_itself_and_is_the_earliest()
    {
        var d = new DateTimeOffset(2026, 12, 10, 1, 0, 0, TimeSpan.Zero);
        var self = Guid.NewGuid();
        var a = new Booking(Guid.NewGuid(), d.AddHours(3), d.AddHours(4));
        var b = new Booking(Guid.NewGuid(), d.AddHours(1), d.AddHours(2));
        Assert.Null(LectureRules.FirstClash([new Booking(self, d, d.AddHours(1))], self, d, d.AddHours(1)));
        Assert.Equal(b, LectureRules.FirstClash([a, b], self, d.AddHours(2), d.AddHours(3)));
        Assert.Null(LectureRules.FirstClash([a, b], self, d.AddHours(6), d.AddHours(7)));
    }

    [Fact]
    public void The_lecture_steps_follow_its_state()
    {
        Assert.Equal((LectureStatus.Scheduled, null), LectureRules.Step(LectureAction.Schedule, LectureStatus.Requested, Now, null));
        Assert.Equal((LectureStatus.Scheduled, null), LectureRules.Step(LectureAction.Schedule, LectureStatus.Scheduled, Now, Now.AddDays(1)));
        Assert.Equal((null, "lecture.notOpen"), LectureRules.Step(LectureAction.Schedule, LectureStatus.Held, Now, null));
        Assert.Equal((LectureStatus.Declined, null), LectureRules.Step(LectureAction.Decline, LectureStatus.Requested, Now, null));
        Assert.Equal((null, "lecture.notRequested"), LectureRules.Step(LectureAction.Decline, LectureStatus.Scheduled, Now, null));
        Assert.Equal((LectureStatus.Cancelled, null), LectureRules.Step(LectureAction.Cancel, LectureStatus.Scheduled, Now, null));
        Assert.Equal((null, "lecture.notOpen"), LectureRules.Step(LectureAction.Cancel, LectureStatus.Cancelled, Now, null));
        Assert.Equal((null, "lecture.notStarted"), LectureRules.Step(LectureAction.Complete, LectureStatus.Scheduled, Now, Now.AddMinutes(1)));
        Assert.Equal((LectureStatus.Held, null), LectureRules.Step(LectureAction.Complete, LectureStatus.Scheduled, Now, Now));
        Assert.Equal((null, "lecture.notScheduled"), LectureRules.Step(LectureAction.Complete, LectureStatus.Requested, Now, null));
    }

    [Fact]
    public void Sign_in_opens_an_hour_before_and_closes_an_hour_after()
    {
        var start = Now.AddHours(2);
        var end = start.AddHours(1);
        Assert.Equal("signIn.tooEarly", LectureRules.SignInRefusal(LectureStatus.Scheduled, start, end, start.AddMinutes(-61)));
        Assert.Null(LectureRules.SignInRefusal(LectureStatus.Scheduled, start, end, start.AddMinutes(-60)));
        Assert.Null(LectureRules.SignInRefusal(LectureStatus.Held, start, end, end.AddMinutes(60)));
        Assert.Equal("signIn.closed", LectureRules.SignInRefusal(LectureStatus.Held, start, end, end.AddMinutes(61)));
        Assert.Equal("signIn.notScheduled", LectureRules.SignInRefusal(LectureStatus.Cancelled, start, end, start));
        Assert.Equal("signIn.notScheduled", LectureRules.SignInRefusal(LectureStatus.Requested, start, end, start));
    }

    [Fact]
    public void Feedback_is_one_to_five_stars_and_the_mean_is_in_tenths()
    {
        Assert.Empty(LectureRules.CheckFeedback(5, "好"));
        Assert.Contains(("rating", "feedback.rating"), LectureRules.CheckFeedback(0, null));
        Assert.Contains(("rating", "feedback.rating"), LectureRules.CheckFeedback(6, null));
        Assert.Contains(("rating", "feedback.rating"), LectureRules.CheckFeedback(null, null));
        Assert.Contains(("comment", "feedback.comment"), LectureRules.CheckFeedback(3, new string('x', 501)));
        Assert.Null(LectureRules.MeanTenths([]));
        Assert.Equal(43, LectureRules.MeanTenths([4, 4, 5]));   // 4.333 → 4.3
        Assert.Equal(45, LectureRules.MeanTenths([4, 5]));
    }

    [Fact]
    public void A_sign_in_code_is_url_safe()
    {
        var code = LectureRules.NewCode(Enumerable.Range(0, 15).Select(i => (byte)(i * 17 + 250)).ToArray());
        Assert.Equal(20, code.Length);
        Assert.DoesNotContain('+', code);
        Assert.DoesNotContain('/', code);
        Assert.DoesNotContain('=', code);
    }

    // ---- reading rooms ----

    [Fact]
    public void A_room_names_every_bad_field()
    {
        Assert.Empty(ReadingRoomRules.CheckRoom("书屋", "东城区", 39.9, 116.4, 3000, 80, new(9, 0), new(17, 0), 31));
        var e = ReadingRoomRules.CheckRoom("", null, 31.2, 121.5, -1, 0, new(17, 0), new(9, 0), 0);
        Assert.Equal(["name", "address", "lat", "books", "areaSqm", "closesAt", "days"], e.Select(x => x.Field));
        Assert.Contains(("days", "room.days"), ReadingRoomRules.CheckRoom("a", "b", 39.9, 116.4, 1, 1, new(9, 0), new(10, 0), 128));
        Assert.Contains(("lat", "room.location"), ReadingRoomRules.CheckRoom("a", "b", null, 116.4, 1, 1, new(9, 0), new(10, 0), 1));
    }

    [Fact]
    public void Weekly_hours_count_the_open_days()
    {
        Assert.Equal(40, ReadingRoomRules.WeeklyHours(new(9, 0), new(17, 0), OpenDays.Weekdays));
        Assert.Equal(56, ReadingRoomRules.WeeklyHours(new(9, 0), new(17, 0), OpenDays.All));
        Assert.Equal(7, ReadingRoomRules.WeeklyHours(new(9, 0), new(12, 30), OpenDays.Sat | OpenDays.Sun));
        Assert.Equal("周一至周五", ReadingRoomRules.DaysZh(OpenDays.Weekdays));
        Assert.Equal("每天", ReadingRoomRules.DaysZh(OpenDays.All));
        Assert.Equal("周一、三、六", ReadingRoomRules.DaysZh(OpenDays.Mon | OpenDays.Wed | OpenDays.Sat));
    }

    [Fact]
    public void An_application_meets_the_level_minimum_and_national_needs_a_named_Beijing_point()
    {
        Assert.Null(ReadingRoomRules.ApplyRefusal(DemoLevel.Beijing, 3000, 60, 20, false, false));
        Assert.Equal("selection.books", ReadingRoomRules.ApplyRefusal(DemoLevel.Beijing, 2999, 60, 20, false, false));
        Assert.Equal("selection.area", ReadingRoomRules.ApplyRefusal(DemoLevel.Beijing, 3000, 59, 20, false, false));
        Assert.Equal("selection.hours", ReadingRoomRules.ApplyRefusal(DemoLevel.Beijing, 3000, 60, 19, false, false));
        Assert.Equal("selection.needsBeijing", ReadingRoomRules.ApplyRefusal(DemoLevel.National, 9000, 200, 60, false, false));
        Assert.Equal("selection.books", ReadingRoomRules.ApplyRefusal(DemoLevel.National, 4999, 200, 60, true, false));
        Assert.Null(ReadingRoomRules.ApplyRefusal(DemoLevel.National, 5000, 100, 30, true, false));
        Assert.Equal("selection.exists", ReadingRoomRules.ApplyRefusal(DemoLevel.Beijing, 9000, 200, 60, false, true));
    }

    [Fact]
    public void The_selection_goes_application_review_publicity_named()
    {
        var end = Today.AddDays(7);
        Assert.Equal((SelectionStatus.Reviewed, null), ReadingRoomRules.Step(SelectionAction.Review, SelectionStatus.Applied, Today, null, null));
        Assert.Equal((null, "selection.notApplied"), ReadingRoomRules.Step(SelectionAction.Review, SelectionStatus.Reviewed, Today, null, null));
        Assert.Equal((SelectionStatus.InPublicity, null), ReadingRoomRules.Step(SelectionAction.Approve, SelectionStatus.Reviewed, Today, null, null));
        Assert.Equal((null, "selection.notReviewed"), ReadingRoomRules.Step(SelectionAction.Approve, SelectionStatus.Applied, Today, null, null));
        Assert.Equal((null, "selection.publicityRunning"), ReadingRoomRules.Step(SelectionAction.Name, SelectionStatus.InPublicity, end, end, null));
        Assert.Equal((SelectionStatus.Named, null), ReadingRoomRules.Step(SelectionAction.Name, SelectionStatus.InPublicity, end.AddDays(1), end, null));
        Assert.Equal((null, "selection.notInPublicity"), ReadingRoomRules.Step(SelectionAction.Name, SelectionStatus.Reviewed, end.AddDays(1), end, null));
        Assert.Equal((null, "selection.reasonRequired"), ReadingRoomRules.Step(SelectionAction.Reject, SelectionStatus.Applied, Today, null, " "));
        Assert.Equal((SelectionStatus.Rejected, null), ReadingRoomRules.Step(SelectionAction.Reject, SelectionStatus.InPublicity, Today, end, "异议成立"));
        Assert.Equal((null, "selection.closed"), ReadingRoomRules.Step(SelectionAction.Reject, SelectionStatus.Named, Today, end, "x"));
    }

    [Fact]
    public void A_yearly_check_is_for_a_named_point_from_its_naming_year()
    {
        Assert.Null(ReadingRoomRules.CheckRefusal(2026, 2024, 2026, SelectionStatus.Named));
        Assert.Equal("check.year", ReadingRoomRules.CheckRefusal(2023, 2024, 2026, SelectionStatus.Named));
        Assert.Equal("check.year", ReadingRoomRules.CheckRefusal(2027, 2024, 2026, SelectionStatus.Named));
        Assert.Equal("check.notNamed", ReadingRoomRules.CheckRefusal(2026, 2024, 2026, SelectionStatus.Revoked));
        Assert.True(ReadingRoomRules.IsOpen(SelectionStatus.Named));
        Assert.False(ReadingRoomRules.IsOpen(SelectionStatus.Rejected));
        Assert.False(ReadingRoomRules.IsOpen(SelectionStatus.Revoked));
    }

    // ---- the speech contest ----

    [Fact]
    public void The_speech_criteria_are_a_valid_skills_scheme_of_100_marks()
    {
        Assert.Equal(10_000, ContestRules.Criteria.Sum(c => c.MaxCenti));
        Assert.Empty(Judging.CheckScheme(ContestRules.Criteria.Select(c => new JudgedCriterion(c.Code, c.MaxCenti)).ToList()));
        Assert.Contains(("aspects", "scheme.total"), Judging.CheckScheme([new("a", 5000)]));
    }

    [Fact]
    public void A_contest_names_every_bad_field()
    {
        Assert.Empty(ContestRules.CheckContest("八小时约定", 2026, 24, 8, 2, 2026));
        var e = ContestRules.CheckContest("", 1999, 1, 1, 0, 2026);
        Assert.Equal(["name", "year", "semiFinalists", "finalists", "entriesPerUnit"], e.Select(x => x.Field));
        Assert.Contains(("finalists", "contest.finalists"), ContestRules.CheckContest("a", 2026, 8, 8, 1, 2026));
        Assert.Contains(("unitId", "entry.quota"), ContestRules.CheckEntry("题目", 2, 2));
        Assert.Empty(ContestRules.CheckEntry("题目", 1, 2));
        Assert.Contains(("title", "entry.title"), ContestRules.CheckEntry(new string('x', 101), 0, 2));
    }

    [Fact]
    public void The_cut_takes_ties_at_the_last_place_through()
    {
        Assert.Equal([3, 1], ContestRules.Through([(1, 2), (2, 3), (3, 1)], 2));
        Assert.Equal([3, 1, 2], ContestRules.Through([(1, 2), (2, 2), (3, 1), (4, 4)], 2));   // a tie for 2nd: both go
        Assert.Empty(ContestRules.Through([(1, 1)], 0));
        Assert.Equal(24, ContestRules.Advancing(ContestRound.Preliminary, 24, 8));
        Assert.Equal(8, ContestRules.Advancing(ContestRound.SemiFinal, 24, 8));
        Assert.Null(ContestRules.Advancing(ContestRound.Final, 24, 8));
        Assert.Equal(ContestRound.SemiFinal, ContestRules.Next(ContestRound.Preliminary));
        Assert.Null(ContestRules.Next(ContestRound.Final));
    }

    [Theory]
    [InlineData(1, 10, Prize.First)]
    [InlineData(2, 10, Prize.Second)]
    [InlineData(3, 10, Prize.Second)]
    [InlineData(4, 10, Prize.Third)]
    [InlineData(6, 10, Prize.Third)]
    [InlineData(7, 10, Prize.Excellence)]
    [InlineData(10, 10, Prize.Excellence)]
    [InlineData(2, 2, Prize.Second)]
    [InlineData(3, 4, Prize.Third)]
    [InlineData(0, 4, Prize.None)]
    public void Prizes_go_by_final_place(int place, int finalists, Prize prize) => Assert.Equal(prize, ContestRules.PrizeFor(place, finalists));

    [Fact]
    public void Certificate_numbers_carry_year_place_and_serial() => Assert.Equal("BXS2020-01001", ContestRules.CertificateNo(2020, 1, 1));

    // ---- Skills.Public.Judging as the contest uses it ----

    private static readonly IReadOnlyList<JudgedCriterion> Speech = ContestRules.Criteria.Select(c => new JudgedCriterion(c.Code, c.MaxCenti)).ToList();

    private static List<JudgeScore> Panel(int entries, int judges, Func<int, int, int, int> score)
    {
        var list = new List<JudgeScore>();
        for (var e = 0; e < entries; e++)
            for (var j = 0; j < judges; j++)
                for (var c = 0; c < Speech.Count; c++) list.Add(new JudgeScore(e, c, j, score(e, j, c) * 100));
        return list;
    }

    [Fact]
    public void Judging_gives_the_mean_over_three_of_each_criterion()
    {
        // Three judges give everyone 3 on everything: 100 marks; entry 1 gets 2s: two thirds of 100.
        var r = Judging.Compute(Speech, 2, Panel(2, 3, (e, _, _) => e == 0 ? 3 : 2), JudgingCorrection.None, JudgingTieRule.Shared);
        Assert.Equal(100m, r.Entries[0].RawTotal);
        Assert.Equal(66.67m, r.Entries[1].RawTotal);
        Assert.Equal(1, r.Entries[0].Place);
        Assert.Equal(2, r.Entries[1].Place);
        Assert.Equal(0, r.OpenCells);
    }

    [Fact]
    public void Judging_counts_open_cells_for_too_few_judges_and_spreads()
    {
        var two = Judging.Compute(Speech, 1, Panel(1, 2, (_, _, _) => 2), JudgingCorrection.None, JudgingTieRule.Shared);
        Assert.Equal(4, two.OpenCells);                                    // every criterion has only two judges
        var spread = Judging.Compute(Speech, 1, Panel(1, 3, (_, j, c) => c == 0 && j == 0 ? 0 : 2), JudgingCorrection.None, JudgingTieRule.Shared);
        Assert.Equal(1, spread.OpenCells);                                 // 0 vs 2 on content
        Assert.Equal(2, spread.Entries[0].MaxSpread);
        var none = Judging.Compute(Speech, 2, [], JudgingCorrection.None, JudgingTieRule.Shared);
        Assert.Equal(8, none.OpenCells);
    }

    [Fact]
    public void Z_scores_take_a_lenient_judge_out_of_the_ranking()
    {
        // Five entries, three judges; judge 2 is lenient by one point on entries 0–4 except where capped. The standardised ranks
        // keep the order the strict judges agree on.
        var r = Judging.Compute(Speech, 5, Panel(5, 3, (e, j, _) => Math.Min(3, (e % 3) + (j == 2 ? 1 : 0))), JudgingCorrection.ZScore, JudgingTieRule.Shared);
        var byStd = r.Entries.OrderBy(x => x.StdRank).Select(x => x.Entry % 3).ToList();
        Assert.Equal(byStd.OrderByDescending(x => x).ToList(), byStd);
        Assert.All(r.Entries, x => Assert.Equal(x.StdRank, x.Place));
    }

    [Fact]
    public void Ties_share_the_place_under_the_shared_rule()
    {
        var r = Judging.Compute(Speech, 3, Panel(3, 3, (e, _, _) => e == 2 ? 1 : 2), JudgingCorrection.None, JudgingTieRule.Shared);
        Assert.Equal([1, 1, 3], r.Entries.Select(x => x.Place));
    }

    [Fact]
    public void Tie_by_criterion_order_prefers_the_better_content()
    {
        // Entry 0: 2 on everything (66.67); entry 1: content 3, delivery 1, language 2, presence 1 (40 + 10 + 13.33 + 3.33 = 66.67).
        int[] second = [3, 1, 2, 1];
        var scores = Panel(2, 3, (e, _, c) => e == 0 ? 2 : second[c]);
        var order = Judging.Compute(Speech, 2, scores, JudgingCorrection.None, JudgingTieRule.CriterionOrder);
        Assert.Equal(order.Entries[0].RawTotal, order.Entries[1].RawTotal);
        Assert.Equal([2, 1], order.Entries.Select(x => x.Place));          // the better content wins the tie
        var shared = Judging.Compute(Speech, 2, scores, JudgingCorrection.None, JudgingTieRule.Shared);
        Assert.Equal([1, 1], shared.Entries.Select(x => x.Place));
        var judged = Judging.Compute(Speech, 2, scores, JudgingCorrection.None, JudgingTieRule.JudgementFirst);
        Assert.Equal([1, 1], judged.Entries.Select(x => x.Place));         // every criterion is judged: the judgement totals are equal too
    }

    [Fact]
    public void The_conflict_rule_is_the_skills_contests()
    {
        var unit = Guid.NewGuid();
        var firm = Guid.NewGuid();
        var entry = Guid.NewGuid();
        Assert.Equal("sameUnit", Judging.Conflict(new JudgeOrigin(unit, null, new HashSet<Guid>()), new EntryOrigin(entry, unit, Guid.NewGuid(), null)));
        Assert.Equal("sameUnit", Judging.Conflict(new JudgeOrigin(unit, null, new HashSet<Guid>()), new EntryOrigin(entry, Guid.NewGuid(), unit, null)));
        Assert.Equal("sameEnterprise", Judging.Conflict(new JudgeOrigin(Guid.NewGuid(), firm, new HashSet<Guid>()), new EntryOrigin(entry, Guid.NewGuid(), Guid.NewGuid(), firm)));
        Assert.Equal("declared", Judging.Conflict(new JudgeOrigin(Guid.NewGuid(), null, new HashSet<Guid> { entry }), new EntryOrigin(entry, Guid.NewGuid(), Guid.NewGuid(), null)));
        Assert.Null(Judging.Conflict(new JudgeOrigin(Guid.NewGuid(), null, new HashSet<Guid>()), new EntryOrigin(entry, Guid.NewGuid(), Guid.NewGuid(), null)));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(300, true)]
    [InlineData(150, false)]
    [InlineData(400, false)]
    [InlineData(-100, false)]
    public void Scores_are_whole_points_0_to_3(int centi, bool ok) => Assert.Equal(ok, Judging.ScoreRefusal(centi) is null);
}
