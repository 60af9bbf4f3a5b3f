using System.Net;
using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.ModelWorkers.Contest;
using Gonghui.Modules.ModelWorkers.Lectures;
using Gonghui.Modules.ModelWorkers.ReadingRooms;
using Gonghui.Modules.ModelWorkers.Register;
using Gonghui.Modules.ModelWorkers.Rules;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Money;
using Gonghui.Platform.Time;
using Gonghui.Tests.Infrastructure;
using Gonghui.Tests.MutualAid;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.ModelWorkers;

/// <summary>The register, care paid through the ledger, lectures (no double-booking, also under a race), sign-in and feedback, reading rooms and their selection, the speech contest — over HTTP on each provider.</summary>
public abstract class ModelWorkersApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private const string Base = "/api/v1/model-workers";
    private static string Unique => Guid.NewGuid().ToString("N")[..8];

    private async Task<(Guid Union, List<FundsTestData.TestMember> Members)> UnionAsync(int n = 3) => await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", n);

    private async Task<ModelWorkerView> RegisteredAsync(Guid memberId, bool lecturer = true, HonourLevel level = HonourLevel.Municipal)
    {
        var dc = await app.ClientAsync("dongcheng");
        var res = await dc.PostJsonAsync(Base, new { memberId, kind = HonourKind.ModelWorker, level, year = 2015, employer = "北京测试公司", occupation = "电工", lecturer });
        Assert.True(res.StatusCode == HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
        return (await res.ReadJsonAsync<ModelWorkerView>())!;
    }

    private async Task<Guid> TopicAsync()
    {
        var admin = await app.ClientAsync("admin");
        var res = await admin.PostJsonAsync($"{Base}/lectures/topics", new { year = BeijingTime.Today(TimeProvider.System).Year, title = "弘扬劳模精神" + Unique });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return (await res.ReadJsonAsync<TopicView>())!.Id;
    }

    private async Task<LectureView> RequestedAsync(Guid topic, Guid union, HostType host = HostType.School)
    {
        var dc = await app.ClientAsync("dongcheng");
        var res = await dc.PostJsonAsync($"{Base}/lectures", new
        {
            topicId = topic, hostName = "北京市第" + Unique + "中学", hostType = host, districtCode = "110101", address = "东城区测试路1号", audience = 200,
            preferredOn = BeijingTime.Today(TimeProvider.System).AddDays(10), unitId = union,
        });
        Assert.True(res.StatusCode == HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
        return (await res.ReadJsonAsync<LectureView>())!;
    }

    private static Task<HttpResponseMessage> ScheduleAsync(HttpClient c, Guid lecture, Guid speaker, DateTimeOffset start, int minutes = 90) =>
        c.PostJsonAsync($"{Base}/lectures/{lecture}/schedule", new { speakerId = speaker, startsAt = start, endsAt = start.AddMinutes(minutes) });

    [Fact]
    public async Task The_register_shows_masked_personal_data_within_scope_only()
    {
        var (_, members) = await UnionAsync(2);
        var w = await RegisteredAsync(members[0].Id, level: HonourLevel.National);
        Assert.Equal("全国劳动模范", w.Title);
        Assert.Contains("*", w.IdNumberMasked);
        Assert.NotEqual(members[0].IdNumber, w.IdNumberMasked);
        Assert.Equal("110101", w.DistrictCode);
        var dc = await app.ClientAsync("dongcheng");
        var detail = await dc.GetAsync($"{Base}/{w.Id}");
        var body = await detail.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        Assert.DoesNotContain(members[0].IdNumber, body);

        var again = await dc.PostJsonAsync(Base, new { memberId = members[0].Id, kind = HonourKind.ModelWorker, level = HonourLevel.Municipal, year = 2016, employer = "x", occupation = "y" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("register.exists", await again.Content.ReadAsStringAsync());

        var xc = await app.ClientAsync("xicheng");
        Assert.Equal(HttpStatusCode.NotFound, (await xc.GetAsync($"{Base}/{w.Id}")).StatusCode);
        Assert.DoesNotContain((await xc.GetJsonAsync<Slice<ModelWorkerView>>($"{Base}?limit=200&q={Uri.EscapeDataString(w.Name)}"))!.Items, x => x.Id == w.Id);
        Assert.Contains((await dc.GetJsonAsync<Slice<ModelWorkerView>>($"{Base}?limit=200&q={Uri.EscapeDataString(w.Name)}"))!.Items, x => x.Id == w.Id);
        var outOfScope = await xc.PostJsonAsync(Base, new { memberId = members[1].Id, kind = HonourKind.ModelWorker, level = HonourLevel.Municipal, year = 2016, employer = "x", occupation = "y" });
        Assert.Equal(HttpStatusCode.BadRequest, outOfScope.StatusCode);
        Assert.Contains("memberId", await outOfScope.Content.ReadAsStringAsync());

        var bad = await dc.PostJsonAsync(Base, new { memberId = members[1].Id, level = HonourLevel.Municipal, year = 1900, employer = "", occupation = "y" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var text = await bad.Content.ReadAsStringAsync();
        Assert.Contains("\"kind\"", text);
        Assert.Contains("\"year\"", text);
        Assert.Contains("\"employer\"", text);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ModelWorker>().CountAsync(x => x.MemberId == members[1].Id)));
        await KeysetPaging.BadInputIs400Async(dc, Base);
    }

    [Fact]
    public async Task Allowances_are_paid_once_through_the_warmth_fund_by_someone_who_may_pay()
    {
        var year = BeijingTime.Today(TimeProvider.System).Year;
        var root = await app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.ParentId == null).Select(u => u.Id).SingleAsync());
        await app.WithScopeAsync(async sp =>
            Assert.True((await sp.GetRequiredService<IFundLedger>().AllocateBudgetAsync(FundCodes.Warmth, root, year, new Fen(10_000_000), "test:mw:" + Unique)).IsOk));
        var (_, members) = await UnionAsync(1);
        var w = await RegisteredAsync(members[0].Id, lecturer: false);
        var dc = await app.ClientAsync("dongcheng");
        var today = BeijingTime.Today(TimeProvider.System);

        var over = await dc.PostJsonAsync($"{Base}/{w.Id}/care", new { kind = CareKind.HonourAllowance, on = today, amountFen = 300_001 });
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Contains("amountFen", await over.Content.ReadAsStringAsync());
        var check = await dc.PostJsonAsync($"{Base}/{w.Id}/care", new { kind = CareKind.HealthCheck, on = today, amountFen = 100, note = "正常" });
        Assert.Equal(HttpStatusCode.BadRequest, check.StatusCode);

        var res = await dc.PostJsonAsync($"{Base}/{w.Id}/care", new { kind = CareKind.HonourAllowance, on = today, amountFen = 300_000 });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var care = (await res.ReadJsonAsync<CareView>())!;
        var twice = await dc.PostJsonAsync($"{Base}/{w.Id}/care", new { kind = CareKind.HonourAllowance, on = today, amountFen = 100 });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("care.allowanceThisYear", await twice.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Forbidden, (await dc.PostAsync($"{Base}/{w.Id}/care/{care.Id}/pay", null)).StatusCode);
        var fo = await app.ClientAsync("fundofficer");
        var paid = await fo.PostAsync($"{Base}/{w.Id}/care/{care.Id}/pay", null);
        Assert.True(paid.StatusCode == HttpStatusCode.OK, await paid.Content.ReadAsStringAsync());
        Assert.Equal(CareStatus.Paid, (await paid.ReadJsonAsync<CareView>())!.Status);
        var again = await fo.PostAsync($"{Base}/{w.Id}/care/{care.Id}/pay", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("care.alreadyPaid", await again.Content.ReadAsStringAsync());
        await app.WithScopeAsync(async sp =>
        {
            var entries = await sp.GetRequiredService<IFundLedger>().EntriesForAsync(new SourceRef(RegisterService.CareSource, care.Id));
            var payment = Assert.Single(entries, e => e.Kind == EntryKind.Payment);
            Assert.Equal(300_000, payment.Amount.Value);
        });
    }

    [Fact]
    public async Task A_speaker_is_never_booked_twice_and_attendees_sign_in_once_and_rate_once()
    {
        var (union, members) = await UnionAsync(1);
        var speaker = await RegisteredAsync(members[0].Id);
        var topic = await TopicAsync();
        var admin = await app.ClientAsync("admin");
        var start = DateTimeOffset.UtcNow.AddMinutes(30);
        var first = await RequestedAsync(topic, union);
        var ok = await ScheduleAsync(admin, first.Id, speaker.Id, start);
        Assert.True(ok.StatusCode == HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        Assert.Equal(LectureStatus.Scheduled, (await ok.ReadJsonAsync<LectureView>())!.Status);

        var second = await RequestedAsync(topic, union, HostType.Community);
        var clash = await ScheduleAsync(admin, second.Id, speaker.Id, start.AddMinutes(120));   // 30 minutes after the first ends: no travel time
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Contains("lecture.speakerBusy", await clash.Content.ReadAsStringAsync());
        var later = await ScheduleAsync(admin, second.Id, speaker.Id, start.AddHours(3));
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        var past = await ScheduleAsync(admin, second.Id, speaker.Id, DateTimeOffset.UtcNow.AddHours(-1));
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("startsAt", await past.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await ScheduleAsync(admin, Guid.NewGuid(), speaker.Id, start.AddDays(2))).StatusCode);

        var detail = (await admin.GetJsonAsync<LectureDetail>($"{Base}/lectures/{first.Id}"))!;
        Assert.NotNull(detail.SignInCode);
        var worker = await app.ClientAsync("worker");
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostJsonAsync($"{Base}/lectures/sign-in", new { code = "nope" })).StatusCode);
        var signed = await worker.PostJsonAsync($"{Base}/lectures/sign-in", new { code = detail.SignInCode });
        Assert.True(signed.StatusCode == HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        Assert.False((await signed.ReadJsonAsync<SignedIn>())!.Again);
        var twice = await worker.PostJsonAsync($"{Base}/lectures/sign-in", new { code = detail.SignInCode });
        Assert.True((await twice.ReadJsonAsync<SignedIn>())!.Again);
        Assert.Equal(1, (await admin.GetJsonAsync<LectureDetail>($"{Base}/lectures/{first.Id}"))!.Lecture.Attendance);

        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostJsonAsync($"{Base}/lectures/{first.Id}/feedback", new { rating = 6 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.PostJsonAsync($"{Base}/lectures/{second.Id}/feedback", new { rating = 5 })).StatusCode);   // not attended
        Assert.Equal(HttpStatusCode.Created, (await worker.PostJsonAsync($"{Base}/lectures/{first.Id}/feedback", new { rating = 5, comment = "很好" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostJsonAsync($"{Base}/lectures/{first.Id}/feedback", new { rating = 4 })).StatusCode);
        Assert.Equal(50, (await admin.GetJsonAsync<LectureDetail>($"{Base}/lectures/{first.Id}"))!.MeanRatingTenths);
        var mine = (await worker.GetJsonAsync<MyLectures>($"{Base}/lectures/mine"))!;
        Assert.Contains(mine.Attended, l => l.Id == first.Id);

        // Held once started; the counts by district and host type follow.
        var early = await admin.PostJsonAsync($"{Base}/lectures/{first.Id}/steps", new { action = LectureAction.Complete });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("lecture.notStarted", await early.Content.ReadAsStringAsync());
        var before = (await admin.GetJsonAsync<LectureStats>($"{Base}/lectures/stats"))!;
        await app.WithDbAsync(db => db.Set<Lecture>().Where(l => l.Id == first.Id)
            .ExecuteUpdateAsync(x => x.SetProperty(l => l.StartsAt, DateTimeOffset.UtcNow.AddMinutes(-5)).SetProperty(l => l.EndsAt, DateTimeOffset.UtcNow.AddMinutes(85))));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync($"{Base}/lectures/{first.Id}/steps", new { action = LectureAction.Complete })).StatusCode);
        var after = (await admin.GetJsonAsync<LectureStats>($"{Base}/lectures/stats"))!;
        int Held(LectureStats s) => s.Rows.Where(r => r.DistrictCode == "110101" && r.HostType == HostType.School).Sum(r => r.Held);
        Assert.Equal(Held(before) + 1, Held(after));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostJsonAsync($"{Base}/lectures/{second.Id}/steps", new { action = LectureAction.Cancel })).StatusCode); // reason required
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync($"{Base}/lectures/{second.Id}/steps", new { action = LectureAction.Cancel, reason = "学校临时停课" })).StatusCode);
        await KeysetPaging.BadInputIs400Async(admin, $"{Base}/lectures");
    }

    [Fact]
    public async Task Staff_at_the_door_sign_attendees_in_by_their_member_pass_once()
    {
        var (union, members) = await UnionAsync(2);
        var speaker = await RegisteredAsync(members[0].Id);
        var topic = await TopicAsync();
        var admin = await app.ClientAsync("admin");
        var dc = await app.ClientAsync("dongcheng");
        var lecture = await RequestedAsync(topic, union);
        async Task<string> PassAsync()
        {
            var token = "";
            await app.WithScopeAsync(async sp => token = (await sp.GetRequiredService<Gonghui.Platform.Passes.MemberPasses>().IssueAsync(members[1].Id)).Token);
            return token;
        }
        Task<HttpResponseMessage> ScanAsync(HttpClient c, Guid id, string? pass) => c.PostJsonAsync($"{Base}/lectures/{id}/pass-sign-in", new { pass });

        // Not scheduled yet: refused before the pass is used, so the same pass works once the lecture is on.
        var pass = await PassAsync();
        var early = await ScanAsync(dc, lecture.Id, pass);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("signIn.notScheduled", await early.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await ScheduleAsync(admin, lecture.Id, speaker.Id, DateTimeOffset.UtcNow.AddMinutes(30))).StatusCode);

        var bad = await ScanAsync(dc, lecture.Id, "not-a-pass");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"pass\"", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await ScanAsync(await app.ClientAsync("xicheng"), lecture.Id, pass)).StatusCode);   // another district's staff
        Assert.Equal(HttpStatusCode.Forbidden, (await ScanAsync(await app.ClientAsync("worker"), lecture.Id, pass)).StatusCode);

        var ok = await ScanAsync(dc, lecture.Id, pass);
        Assert.True(ok.StatusCode == HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        Assert.False((await ok.ReadJsonAsync<SignedIn>())!.Again);
        var replayed = await ScanAsync(dc, lecture.Id, pass);
        Assert.Equal(HttpStatusCode.Conflict, replayed.StatusCode);
        Assert.Contains("pass.replayed", await replayed.Content.ReadAsStringAsync());
        var again = await ScanAsync(dc, lecture.Id, await PassAsync());   // a fresh pass of a member already in: the first sign-in, not a second
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await again.ReadJsonAsync<SignedIn>())!.Again);
        Assert.Equal(1, (await admin.GetJsonAsync<LectureDetail>($"{Base}/lectures/{lecture.Id}"))!.Lecture.Attendance);
        Assert.Equal("pass", await app.WithDbAsync(db => db.Set<LectureAttendance>().Where(a => a.LectureId == lecture.Id).Select(a => a.Via).SingleAsync()));

        // The staff page carries the scan form and the poster's QR code.
        var page = await (await dc.GetAsync($"/model-workers/lectures/{lecture.Id}")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"pass-input\"", page);
        Assert.Contains("data:image/png;base64,", page);
    }

    [Fact]
    public async Task A_contest_set_up_changes_with_the_create_checks_until_the_preliminary_closes()
    {
        var (unionA, a) = await UnionAsync(3);
        var admin = await app.ClientAsync("admin");
        var dc = await app.ClientAsync("dongcheng");
        var name = "八小时约定" + Unique;
        var contest = (await (await admin.PostJsonAsync($"{Base}/contests", new { name, year = 2026, semiFinalists = 6, finalists = 3, entriesPerUnit = 3 }))
            .ReadJsonAsync<ContestView>())!;
        foreach (var m in a.Take(2))
            Assert.Equal(HttpStatusCode.Created, (await dc.PostJsonAsync($"{Base}/contests/{contest.Id}/entries", new { memberId = m.Id, title = "敬业八小时", unitId = unionA })).StatusCode);

        // The same checks as creating: finalists not fewer than semi-finalists, a year out of range, a missing name, each named.
        var bad = await admin.PutJsonAsync($"{Base}/contests/{contest.Id}", new { name = " ", year = 1990, semiFinalists = 4, finalists = 4, entriesPerUnit = 3 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = System.Text.Json.JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _) && errors.TryGetProperty("year", out _) && errors.TryGetProperty("finalists", out _), errors.ToString());
        // A quota under what a unit has already entered (two) is refused; nothing changed.
        var quota = await admin.PutJsonAsync($"{Base}/contests/{contest.Id}", new { name, year = 2026, semiFinalists = 6, finalists = 3, entriesPerUnit = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, quota.StatusCode);
        Assert.Contains("entriesPerUnit", await quota.Content.ReadAsStringAsync());
        Assert.Equal(3, (await admin.GetJsonAsync<ContestDetail>($"{Base}/contests/{contest.Id}"))!.Contest.EntriesPerUnit);

        // District staff may enter contestants but not change the set-up; an unknown contest is 404.
        Assert.Equal(HttpStatusCode.Forbidden, (await dc.PutJsonAsync($"{Base}/contests/{contest.Id}", new { name, year = 2026, semiFinalists = 8, finalists = 4, entriesPerUnit = 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutJsonAsync($"{Base}/contests/{Guid.NewGuid()}", new { name, year = 2026, semiFinalists = 8, finalists = 4, entriesPerUnit = 2 })).StatusCode);

        var ok = await admin.PutJsonAsync($"{Base}/contests/{contest.Id}", new { name = name + "（修订）", year = 2026, semiFinalists = 8, finalists = 4, entriesPerUnit = 2, correction = "TrimmedMean", tie = "Shared" });
        Assert.True(ok.StatusCode == HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        var changed = (await admin.GetJsonAsync<ContestDetail>($"{Base}/contests/{contest.Id}"))!.Contest;
        Assert.Equal((name + "（修订）", 8, 4, 2), (changed.Name, changed.SemiFinalists, changed.Finalists, changed.EntriesPerUnit));
        Assert.Equal((Gonghui.Modules.Skills.Public.JudgingCorrection.TrimmedMean, Gonghui.Modules.Skills.Public.JudgingTieRule.Shared), (changed.Correction, changed.Tie));
        Assert.Equal(2, changed.Entries);

        // Once the preliminary has closed the places depend on the set-up: 409, and nothing changes.
        await app.WithDbAsync(db => db.Set<SpeechContest>().Where(c => c.Id == contest.Id).ExecuteUpdateAsync(x => x.SetProperty(c => c.Round, ContestRound.SemiFinal)));
        var late = await admin.PutJsonAsync($"{Base}/contests/{contest.Id}", new { name, year = 2026, semiFinalists = 10, finalists = 5, entriesPerUnit = 2 });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("contest.setUpClosed", await late.Content.ReadAsStringAsync());
        Assert.Equal(8, (await admin.GetJsonAsync<ContestDetail>($"{Base}/contests/{contest.Id}"))!.Contest.SemiFinalists);

        // The editing page answers for the federation and shows the lock once the preliminary has closed.
        var page = await (await admin.GetAsync($"/model-workers/contests/{contest.Id}/edit")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"contest-locked\"", page);
    }

    [Fact]
    public async Task The_audience_votes_once_per_member_per_entry_through_the_culture_likes()
    {
        var (unionA, a) = await UnionAsync(2);
        var admin = await app.ClientAsync("admin");
        var dc = await app.ClientAsync("dongcheng");
        var contest = (await (await admin.PostJsonAsync($"{Base}/contests", new { name = "八小时约定" + Unique, year = 2026, semiFinalists = 4, finalists = 2, entriesPerUnit = 3 }))
            .ReadJsonAsync<ContestView>())!;
        var entries = new List<EntryView>();
        foreach (var m in a)
            entries.Add((await (await dc.PostJsonAsync($"{Base}/contests/{contest.Id}/entries", new { memberId = m.Id, title = "敬业八小时" + entries.Count, unitId = unionA }))
                .ReadJsonAsync<EntryView>())!);
        var voters = await Gonghui.Tests.Culture.CultureTestData.MembersWithAccountsAsync(app, "/BJ/DC/", 2);
        var v0 = await app.ClientAsync(voters[0].UserName);
        var v1 = await app.ClientAsync(voters[1].UserName);
        string VoteUrl(Guid entry) => $"{Base}/contests/{contest.Id}/entries/{entry}/vote";

        Assert.Equal(HttpStatusCode.NotFound, (await v0.PostAsync(VoteUrl(entries[0].Id), null)).StatusCode);   // no vote opened
        var past = await admin.PutJsonAsync($"{Base}/contests/{contest.Id}/vote", new { closesAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("closesAt", await past.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await dc.PutJsonAsync($"{Base}/contests/{contest.Id}/vote", new { closesAt = DateTimeOffset.UtcNow.AddDays(1) })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync($"{Base}/contests/{contest.Id}/vote", new { closesAt = DateTimeOffset.UtcNow.AddDays(1) })).StatusCode);

        // Twelve concurrent clicks of one voter: one vote.
        var clicks = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => v0.PostAsync(VoteUrl(entries[0].Id), null)));
        Assert.All(clicks, c => Assert.Equal(HttpStatusCode.OK, c.StatusCode));
        var counted = 0;
        foreach (var c in clicks) if ((await c.ReadJsonAsync<Gonghui.Modules.Culture.Public.LikeReceipt>())!.Counted) counted++;
        Assert.Equal(1, counted);
        Assert.Equal(HttpStatusCode.OK, (await v1.PostAsync(VoteUrl(entries[0].Id), null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await v1.PostAsync(VoteUrl(entries[1].Id), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await v1.PostAsync($"{Base}/contests/{contest.Id}/entries/{Guid.NewGuid()}/vote", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync(VoteUrl(entries[1].Id), null)).StatusCode);   // staff do not vote

        var staffView = (await admin.GetJsonAsync<AudienceView>($"{Base}/contests/{contest.Id}/vote"))!;
        Assert.True(staffView.Open);
        Assert.Equal(entries[0].Id, staffView.Entries[0].EntryId);
        Assert.Equal((2L, 2L), (staffView.Entries[0].Cleaned, staffView.Entries[0].Raw!.Value));
        var ballot = (await v0.GetJsonAsync<AudienceView>($"{Base}/contests/{contest.Id}/ballot"))!;
        Assert.All(ballot.Entries, e => Assert.Null(e.Raw));   // workers see the cleaned count only
        Assert.True(ballot.Entries.Single(e => e.EntryId == entries[0].Id).VotedByMe);
        Assert.False(ballot.Entries.Single(e => e.EntryId == entries[1].Id).VotedByMe);
        Assert.Contains("data-testid=\"vote-counts\"", await (await admin.GetAsync($"/model-workers/contests/{contest.Id}")).Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"ballot\"", await (await v0.GetAsync($"/model-workers/contests/{contest.Id}/ballot")).Content.ReadAsStringAsync());

        // After the closing time a vote is refused and nothing is counted.
        await app.WithScopeAsync(sp => sp.GetRequiredService<Gonghui.Modules.Culture.Public.ILikes>()
            .EnsureCampaignAsync(contest.Id, AudienceVote.Kind, contest.Name, DateTimeOffset.UtcNow.AddSeconds(-1), default));
        var closed = await v0.PostAsync(VoteUrl(entries[1].Id), null);
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Contains("like.closed", await closed.Content.ReadAsStringAsync());
        Assert.Equal(3, await app.WithDbAsync(db => db.Set<Gonghui.Modules.Culture.Likes.ItemLike>().CountAsync(l => l.CampaignId == contest.Id)));
    }

    [Fact]
    public async Task Concurrent_schedulers_book_a_speaker_into_one_slot_once()
    {
        var (union, members) = await UnionAsync(1);
        var speaker = await RegisteredAsync(members[0].Id);
        var topic = await TopicAsync();
        var lectures = new List<LectureView>();
        for (var i = 0; i < 8; i++) lectures.Add(await RequestedAsync(topic, union));
        var start = DateTimeOffset.UtcNow.AddDays(3);
        var clients = new List<HttpClient>();
        for (var i = 0; i < lectures.Count; i++) clients.Add(await app.ClientAsync("admin"));
        using var go = new SemaphoreSlim(0);
        var tasks = lectures.Select((l, i) => Task.Run(async () => { await go.WaitAsync(); return await ScheduleAsync(clients[i], l.Id, speaker.Id, start.AddMinutes(i)); })).ToList();
        go.Release(lectures.Count);
        var results = await Task.WhenAll(tasks);
        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(lectures.Count - 1, results.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var booked = await app.WithDbAsync(db => db.Set<Lecture>().CountAsync(l => l.SpeakerId == speaker.Id && l.Status == LectureStatus.Scheduled));
        Assert.Equal(1, booked);
    }

    [Fact]
    public async Task A_reading_room_is_found_nearest_first_and_goes_through_the_selection()
    {
        var (union, _) = await UnionAsync(1);
        var dc = await app.ClientAsync("dongcheng");
        var admin = await app.ClientAsync("admin");
        double lat = 40.95 + Random.Shared.NextDouble() * 0.1, lng = 117.4;
        var bad = await dc.PostJsonAsync($"{Base}/reading-rooms", new { name = "书屋", unitId = union, address = "上海", lat = 31.2, lng = 121.5, books = 100, areaSqm = 10, opensAt = "09:00:00", closesAt = "17:00:00", days = 31 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"lat\"", await bad.Content.ReadAsStringAsync());
        var res = await dc.PostJsonAsync($"{Base}/reading-rooms", new { name = "测试职工书屋" + Unique, unitId = union, address = "东城区测试路2号", lat, lng, books = 6000, areaSqm = 120, opensAt = "09:00:00", closesAt = "21:00:00", days = 127 });
        Assert.True(res.StatusCode == HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
        var room = (await res.ReadJsonAsync<RoomView>())!;
        Assert.Equal(84, room.WeeklyHours);

        var anonymous = app.CreateClient();
        var near = (await anonymous.GetJsonAsync<List<NearbyRoom>>($"{Base}/reading-rooms/nearby?lat={lat + 0.0005}&lng={lng}&limit=5"))!;
        Assert.Equal(room.Id, near[0].Id);
        Assert.InRange(near[0].DistanceMeters, 40, 70);
        Assert.True(near.Zip(near.Skip(1)).All(p => p.First.DistanceMeters <= p.Second.DistanceMeters));
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync($"{Base}/reading-rooms/nearby?lat=40&lng=116&crs=foo")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync($"{Base}/reading-rooms/nearby?lat=91&lng=116")).StatusCode);

        var national = await dc.PostJsonAsync($"{Base}/reading-rooms/{room.Id}/selections", new { level = DemoLevel.National });
        Assert.Equal(HttpStatusCode.Conflict, national.StatusCode);
        Assert.Contains("selection.needsBeijing", await national.Content.ReadAsStringAsync());
        var applied = await dc.PostJsonAsync($"{Base}/reading-rooms/{room.Id}/selections", new { level = DemoLevel.Beijing });
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        var s = (await applied.ReadJsonAsync<SelectionView>())!;
        Assert.Equal(HttpStatusCode.Conflict, (await dc.PostJsonAsync($"{Base}/reading-rooms/{room.Id}/selections", new { level = DemoLevel.Beijing })).StatusCode);

        Task<HttpResponseMessage> Step(SelectionAction a, string? reason = null) => admin.PostJsonAsync($"{Base}/reading-rooms/selections/{s.Id}/steps", new { action = a, reason });
        Assert.Equal(HttpStatusCode.Conflict, (await Step(SelectionAction.Approve)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Step(SelectionAction.Review)).StatusCode);
        var publicity = await Step(SelectionAction.Approve);
        Assert.Equal(HttpStatusCode.OK, publicity.StatusCode);
        Assert.NotNull((await publicity.ReadJsonAsync<SelectionView>())!.PublicityEndsOn);
        var early = await Step(SelectionAction.Name);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("selection.publicityRunning", await early.Content.ReadAsStringAsync());
        await app.WithDbAsync(db => db.Set<RoomSelection>().Where(x => x.Id == s.Id)
            .ExecuteUpdateAsync(x => x.SetProperty(p => p.PublicityEndsOn, BeijingTime.Today(TimeProvider.System).AddDays(-1))));
        var named = await Step(SelectionAction.Name);
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal(SelectionStatus.Named, (await named.ReadJsonAsync<SelectionView>())!.Status);
        Assert.Equal(DemoLevel.Beijing, (await dc.GetJsonAsync<RoomDetail>($"{Base}/reading-rooms/{room.Id}"))!.Room.NamedLevel);

        var year = BeijingTime.Today(TimeProvider.System).Year;
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostJsonAsync($"{Base}/reading-rooms/selections/{s.Id}/checks", new { year = year - 1, result = CheckVerdict.Pass })).StatusCode);
        var fail = await admin.PostJsonAsync($"{Base}/reading-rooms/selections/{s.Id}/checks", new { year, result = CheckVerdict.Fail, note = "开放时间不足" });
        Assert.Equal(HttpStatusCode.Created, fail.StatusCode);
        var after = (await dc.GetJsonAsync<RoomDetail>($"{Base}/reading-rooms/{room.Id}"))!;
        Assert.Null(after.Room.NamedLevel);
        Assert.Equal(SelectionStatus.Revoked, Assert.Single(after.Selections).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientAsync("xicheng")).GetAsync($"{Base}/reading-rooms/{room.Id}")).StatusCode);
    }

    [Fact]
    public async Task The_speech_contest_runs_three_rounds_with_the_skills_judging_to_certificates()
    {
        var (unionA, a) = await UnionAsync(4);
        var (unionB, b) = await UnionAsync(2);
        var admin = await app.ClientAsync("admin");
        var dc = await app.ClientAsync("dongcheng");
        var created = await admin.PostJsonAsync($"{Base}/contests", new { name = "八小时约定" + Unique, year = 2026, semiFinalists = 4, finalists = 2, entriesPerUnit = 3, correction = "None", tie = "Shared" });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var contest = (await created.ReadJsonAsync<ContestView>())!;

        var entries = new List<EntryView>();
        foreach (var (m, u) in a.Take(3).Select(m => (m, unionA)).Concat(b.Select(m => (m, unionB))))
        {
            var r = await dc.PostJsonAsync($"{Base}/contests/{contest.Id}/entries", new { memberId = m.Id, title = "我的八小时" + entries.Count, unitId = u });
            Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
            entries.Add((await r.ReadJsonAsync<EntryView>())!);
        }
        var quota = await dc.PostJsonAsync($"{Base}/contests/{contest.Id}/entries", new { memberId = a[3].Id, title = "超额", unitId = unionA });
        Assert.Equal(HttpStatusCode.BadRequest, quota.StatusCode);
        Assert.Contains("名额已满", await quota.Content.ReadAsStringAsync());

        var dongcheng = await app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Path == "/BJ/DC/").Select(u => u.Id).SingleAsync());
        async Task<List<Guid>> JudgesAsync(ContestRound round)
        {
            var ids = new List<Guid>();
            for (var j = 0; j < 3; j++)
            {
                var r = await admin.PostJsonAsync($"{Base}/contests/{contest.Id}/judges", new { name = $"评委{round}{j}", round, unitId = dongcheng });
                Assert.Equal(HttpStatusCode.Created, r.StatusCode);
                ids.Add((await r.ReadJsonAsync<JudgeView>())!.Id);
            }
            return ids;
        }
        // Entry i scores (i + c) % 4 on criterion c from every judge: totals 33.33, 53.33, 60, 53.33, 33.33.
        async Task ScoreAsync(List<Guid> judges, IEnumerable<EntryView> inRound)
        {
            foreach (var j in judges)
            {
                var lines = inRound.SelectMany(e => Enumerable.Range(0, 4).Select(c => new { entryId = e.Id, criterion = c, score = (decimal)((entries.IndexOf(e) + c) % 4) })).ToList();
                var r = await admin.PostJsonAsync($"{Base}/contests/{contest.Id}/judges/{j}/scores", new { scores = lines });
                Assert.True(r.StatusCode == HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
            }
        }

        var prelim = await JudgesAsync(ContestRound.Preliminary);
        var half = await admin.PostJsonAsync($"{Base}/contests/{contest.Id}/judges/{prelim[0]}/scores", new { scores = new[] { new { entryId = entries[0].Id, criterion = 0, score = 1.5m } } });
        Assert.Equal(HttpStatusCode.BadRequest, half.StatusCode);
        Assert.Contains("scores[0].score", await half.Content.ReadAsStringAsync());
        var conflicted = await admin.PostJsonAsync($"{Base}/contests/{contest.Id}/judges", new { name = "同单位评委", round = ContestRound.Preliminary, unitId = unionA });
        var cj = (await conflicted.ReadJsonAsync<JudgeView>())!;
        var refused = await admin.PostJsonAsync($"{Base}/contests/{contest.Id}/judges/{cj.Id}/scores", new { scores = new[] { new { entryId = entries[0].Id, criterion = 0, score = 2m } } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("须回避", await refused.Content.ReadAsStringAsync());

        var open = await admin.PostAsync($"{Base}/contests/{contest.Id}/close-round", null);
        Assert.Equal(HttpStatusCode.Conflict, open.StatusCode);
        Assert.Contains("round.open", await open.Content.ReadAsStringAsync());
        await ScoreAsync(prelim, entries);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{Base}/contests/{contest.Id}/close-round", null)).StatusCode);
        var d1 = (await admin.GetJsonAsync<ContestDetail>($"{Base}/contests/{contest.Id}"))!;
        Assert.Equal(ContestRound.SemiFinal, d1.Contest.Round);
        Assert.Equal(5, d1.Entries.Count(e => e.Reached >= ContestRound.SemiFinal));   // the tie for 4th goes through too

        await ScoreAsync(await JudgesAsync(ContestRound.SemiFinal), entries);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{Base}/contests/{contest.Id}/close-round", null)).StatusCode);
        var d2 = (await admin.GetJsonAsync<ContestDetail>($"{Base}/contests/{contest.Id}"))!;
        var finalists = d2.Entries.Where(e => e.Reached == ContestRound.Final).ToList();
        Assert.Equal(3, finalists.Count);                                               // 60, then the two tied at 53.33

        await ScoreAsync(await JudgesAsync(ContestRound.Final), entries.Where(e => finalists.Any(f => f.Id == e.Id)));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{Base}/contests/{contest.Id}/close-round", null)).StatusCode);
        var done = (await admin.GetJsonAsync<ContestDetail>($"{Base}/contests/{contest.Id}"))!;
        Assert.True(done.Contest.Finished);
        var winner = Assert.Single(done.Entries, e => e.Prize == Prize.First);
        Assert.Equal(entries[2].Id, winner.Id);
        Assert.Equal(2, done.Entries.Count(e => e.Prize == Prize.Second));
        var cert = (await dc.GetJsonAsync<Certificate>($"{Base}/contests/entries/{winner.Id}/certificate"))!;
        Assert.Equal(Prize.First, cert.Prize);
        Assert.StartsWith("BXS2026-01", cert.CertificateNo);
        Assert.Equal(HttpStatusCode.Conflict, (await dc.GetAsync($"{Base}/contests/entries/{entries[0].Id}/certificate")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"{Base}/contests/{contest.Id}/close-round", null)).StatusCode);
    }

    [Fact]
    public async Task The_demo_and_the_indicators_carry_the_2020_programme()
    {
        var admin = await app.ClientAsync("admin");
        var contests = (await admin.GetJsonAsync<List<ContestView>>($"{Base}/contests"))!;
        var demo = Assert.Single(contests, c => c.Year == 2020);
        Assert.True(demo.Finished);
        await app.WithScopeAsync(async sp =>
        {
            var source = sp.GetServices<IIndicatorSource>().Single(s => s.Definitions.Any(d => d.Key.StartsWith("modelworkers.", StringComparison.Ordinal)));
            var values = await source.ComputeAsync(IndicatorQuery.Year(2020, "/BJ/"), TestContext.Current.CancellationToken);
            Assert.Equal(source.Definitions.Select(d => d.Key), values.Select(v => v.Key));
            var v = values.ToDictionary(x => x.Key);
            Assert.True(v["modelworkers.lectures-held"].Value >= 15, $"held {v["modelworkers.lectures-held"].Value}");
            Assert.True(v["modelworkers.lecture-attendance"].Value >= 8 * 15);
            Assert.True(v["modelworkers.register"].Value >= 8);
            Assert.True(v["modelworkers.speech-entries"].Value >= 10);
            Assert.Null(v["modelworkers.lectures-held"].Flag);
            var dcOnly = await source.ComputeAsync(IndicatorQuery.Year(2020, "/BJ/DC/"), TestContext.Current.CancellationToken);
            Assert.True(dcOnly.Single(x => x.Key == "modelworkers.lectures-held").Value < v["modelworkers.lectures-held"].Value);
        });
        var worker = await app.ClientAsync("worker");
        var mine = (await worker.GetJsonAsync<MyLectures>($"{Base}/lectures/mine"))!;
        Assert.NotNull(mine.Title);
        Assert.True(mine.Speaking.Count >= 3);
    }
}

public sealed class ModelWorkersApiTests_Sqlite(SqliteApp app) : ModelWorkersApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class ModelWorkersApiTests_Postgres(PostgresApp app) : ModelWorkersApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
