using Gonghui.Modules.Funds.Ledger;
using Gonghui.Modules.Funds.Public;
using System.Net;
using System.Text;
using System.Text.Json;
using Gonghui.Modules.Funds;
using Gonghui.Modules.Insurance;
using Gonghui.Modules.Insurance.Claims;
using Gonghui.Modules.Insurance.Schemes;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Http;
using Gonghui.Tests.Infrastructure;
using Gonghui.Tests.MutualAid;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Tests.Insurance;

/// <summary>Schemes, cover, claims, review, approval and payment through the ledger, the per-person cap under concurrency — over HTTP on each provider.</summary>
public abstract class InsuranceApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private const string Base = "/api/v1/insurance";

    private async Task<SchemeDto> NewSchemeAsync(long perPersonCapFen = 223_200_00, IEnumerable<string>? causes = null, DateOnly? covidFrom = null, bool family = true)
    {
        var admin = await app.ClientAsync("admin");
        var s = AccidentPayoutRules.Schedule2020;
        causes ??= AccidentCauses.All;
        var res = await admin.PostJsonAsync($"{Base}/schemes", new
        {
            code = "T-" + Guid.NewGuid().ToString("N")[..12], year = 2020, name = "测试意外险", coverFrom = new DateOnly(2020, 1, 1), coverTo = new DateOnly(2020, 12, 31),
            covidFrom = causes.Contains(AccidentCauses.Covid19) ? covidFrom ?? new DateOnly(2020, 1, 20) : (DateOnly?)null, causes, coversFamily = family,
            sumInsuredFen = s.SumInsuredFen, familySumInsuredFen = s.FamilySumInsuredFen, medicalDeductibleFen = s.MedicalDeductibleFen, medicalRatioBp = s.MedicalRatioBp,
            medicalCapFen = s.MedicalCapFen, disabilityBp = s.DisabilityBp, perPersonCapFen = perPersonCapFen,
        });
        Assert.True(res.StatusCode == HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
        return (await res.ReadJsonAsync<SchemeDto>())!;
    }

    private Task<Guid> DongchengAsync() => app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Path == "/BJ/DC/").Select(u => u.Id).SingleAsync());

    private async Task FundAsync(long amountFen)
    {
        var admin = await app.ClientAsync("admin");
        // A district's allocation draws on the federation's budget: fund the federation first.
        var root = await app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.ParentId == null).Select(u => u.Id).SingleAsync());
        var top = await PostWithKeyAsync(admin, "/api/v1/funds/allocations", Guid.NewGuid().ToString(),
            new { fundCode = FundCodes.Accident, orgUnitId = root, year = 2020, amountFen });
        Assert.True(top.IsSuccessStatusCode, await top.Content.ReadAsStringAsync());
        var res = await PostWithKeyAsync(admin, "/api/v1/funds/allocations", Guid.NewGuid().ToString(),
            new { fundCode = FundCodes.Accident, orgUnitId = await DongchengAsync(), year = 2020, amountFen });
        Assert.True(res.IsSuccessStatusCode, await res.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> PostWithKeyAsync(HttpClient c, string url, string key, object? body = null)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(JsonSerializer.Serialize(body ?? new { }, Json.Options), Encoding.UTF8, "application/json") };
        req.Headers.Add("Idempotency-Key", key);
        return await c.SendAsync(req);
    }

    private async Task<(SchemeDto Scheme, List<FundsTestData.TestMember> Members, HttpClient Dc)> EnrolledAsync(int count, long cap = 223_200_00, bool frontLine = true)
    {
        var scheme = await NewSchemeAsync(cap);
        var (_, members) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", count);
        var dc = await app.ClientAsync("dongcheng");
        var res = await dc.PostJsonAsync($"{Base}/schemes/{scheme.Id}/enrolments", new { memberIds = members.Select(m => m.Id), frontLine, coverFrom = new DateOnly(2020, 1, 1) });
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(count, (await res.ReadJsonAsync<InsuranceEnrolResultDto>())!.Enrolled);
        return (scheme, members, dc);
    }

    private static async Task<AccidentClaimDto> FileAsync(HttpClient c, object body)
    {
        var res = await c.PostJsonAsync($"{Base}/claims", body);
        Assert.True(res.StatusCode == HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
        return (await res.ReadJsonAsync<AccidentClaimDto>())!;
    }

    [Fact]
    public async Task Covers_walk_forward_and_back_by_cursor_in_name_order()
    {
        var (scheme, members, dc) = await EnrolledAsync(5);
        var url = $"{Base}/schemes/{scheme.Id}/enrolments";
        var all = await KeysetPaging.WalkAsync<CoverDto>(dc, url, c => c.Id,
            inOrder: (a, b) => string.CompareOrdinal(a.PersonName, b.PersonName) < 0 || (a.PersonName == b.PersonName && a.Id.CompareTo(b.Id) < 0));
        Assert.Equal(members.Select(m => m.Id).Order(), all.Select(c => c.MemberId).Order());
        Assert.Empty((await (await app.ClientAsync("xicheng")).GetJsonAsync<Slice<CoverDto>>(url))!.Items);
        await KeysetPaging.BadInputIs400Async(dc, url);
    }

    [Fact]
    public async Task A_claim_is_filed_reviewed_approved_and_paid_once_through_the_accident_fund()
    {
        var (scheme, members, dc) = await EnrolledAsync(2);
        await FundAsync(50_000_00);
        var dcUnit = await DongchengAsync();
        var before = (await dc.GetJsonAsync<FundDetailDto>($"/api/v1/funds/{FundCodes.Accident}/{dcUnit}/2020"))!.Balance;

        var claim = await FileAsync(dc, new { schemeId = scheme.Id, memberId = members[0].Id, accidentOn = new DateOnly(2020, 5, 6), cause = "traffic", medicalFen = 10_000_00, description = "骑车摔倒" });
        Assert.Equal(7_920_00, claim.PayoutFen);
        Assert.Equal(AccidentClaimStatus.Submitted, claim.Status);
        Assert.Equal(dcUnit, claim.FundingUnitId);
        Assert.All(claim.Explanation, l => Assert.False(string.IsNullOrWhiteSpace(l.Text)));

        var xc = await app.ClientAsync("xicheng");
        Assert.Equal(HttpStatusCode.NotFound, (await xc.GetAsync($"{Base}/claims/{claim.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostWithKeyAsync(xc, $"{Base}/claims/{claim.Id}/review", "x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostWithKeyAsync(xc, $"{Base}/claims/{claim.Id}/approve", "x")).StatusCode);

        Assert.Equal(HttpStatusCode.Conflict, (await PostWithKeyAsync(dc, $"{Base}/claims/{claim.Id}/pay", "early")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PostWithKeyAsync(dc, $"{Base}/claims/{claim.Id}/approve", "early")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostWithKeyAsync(dc, $"{Base}/claims/{claim.Id}/review", "r1", new { note = "材料齐全" })).StatusCode);

        var approveKey = Guid.NewGuid().ToString();
        var approved = await PostWithKeyAsync(dc, $"{Base}/claims/{claim.Id}/approve", approveKey);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(AccidentClaimStatus.Approved, (await approved.ReadJsonAsync<AccidentClaimDto>())!.Status);
        Assert.Equal(HttpStatusCode.OK, (await PostWithKeyAsync(dc, $"{Base}/claims/{claim.Id}/approve", approveKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PostWithKeyAsync(dc, $"{Base}/claims/{claim.Id}/approve", "another")).StatusCode);

        // A retried payment with the same key pays once; a new key on a paid claim is refused.
        var payKey = Guid.NewGuid().ToString();
        var pays = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostWithKeyAsync(dc, $"{Base}/claims/{claim.Id}/pay", payKey)));
        Assert.All(pays, p => Assert.Equal(HttpStatusCode.OK, p.StatusCode));
        Assert.Equal(HttpStatusCode.Conflict, (await PostWithKeyAsync(dc, $"{Base}/claims/{claim.Id}/pay", "second")).StatusCode);

        var detail = (await dc.GetJsonAsync<AccidentClaimDetailDto>($"{Base}/claims/{claim.Id}"))!;
        Assert.Equal(AccidentClaimStatus.Paid, detail.Claim.Status);
        Assert.Equal([ClaimEventKind.Filed, ClaimEventKind.Reviewed, ClaimEventKind.Approved, ClaimEventKind.Paid], detail.History.Select(h => h.Kind));
        Assert.Equal([EntryKind.Commitment, EntryKind.Payment], detail.LedgerEntries.Select(e => e.Kind));
        Assert.Equal("材料齐全", detail.History[1].Note);

        var after = (await dc.GetJsonAsync<FundDetailDto>($"/api/v1/funds/{FundCodes.Accident}/{dcUnit}/2020"))!.Balance;
        Assert.Equal(before.PaidFen + 7_920_00, after.PaidFen);
        Assert.Equal(before.CommittedFen, after.CommittedFen);

        var covers = (await dc.GetJsonAsync<Slice<CoverDto>>($"{Base}/schemes/{scheme.Id}/enrolments?q={Uri.EscapeDataString(members[0].Name)}"))!;
        Assert.Equal(7_920_00, Assert.Single(covers.Items).GrantedFen);

        var list = (await dc.GetJsonAsync<Slice<AccidentClaimDto>>($"{Base}/claims?schemeId={scheme.Id}&status=Paid&cause=traffic"))!;
        Assert.Equal(claim.Id, Assert.Single(list.Items).Id);
        Assert.Empty((await dc.GetJsonAsync<Slice<AccidentClaimDto>>($"{Base}/claims?schemeId={scheme.Id}&status=Submitted"))!.Items);
    }

    [Fact]
    public async Task Covid_before_the_scheme_date_is_refused_with_the_reason_and_after_it_is_covered()
    {
        var (scheme, members, dc) = await EnrolledAsync(1);
        var early = await dc.PostJsonAsync($"{Base}/claims", new { schemeId = scheme.Id, memberId = members[0].Id, accidentOn = new DateOnly(2020, 1, 19), cause = "covid-19", medicalFen = 20_000_00 });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        var problem = await early.Content.ReadAsStringAsync();
        Assert.Contains("accidentOn", problem);
        Assert.Contains("2020-01-20", problem);

        var ok = await FileAsync(dc, new { schemeId = scheme.Id, memberId = members[0].Id, accidentOn = new DateOnly(2020, 1, 20), cause = "covid-19", medicalFen = 20_000_00 });
        Assert.Equal(15_920_00, ok.PayoutFen);

        var outside = await dc.PostJsonAsync($"{Base}/claims", new { schemeId = scheme.Id, memberId = members[0].Id, accidentOn = new DateOnly(2021, 2, 1), cause = "fall", medicalFen = 1_000_00 });
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);

        var narrow = await NewSchemeAsync(causes: [AccidentCauses.Traffic]);
        Assert.Equal(HttpStatusCode.BadRequest, (await (await app.ClientAsync("admin")).PostJsonAsync($"{Base}/schemes", new { code = "x" })).StatusCode);
        await dc.PostJsonAsync($"{Base}/schemes/{narrow.Id}/enrolments", new { memberIds = new[] { members[0].Id }, coverFrom = new DateOnly(2020, 1, 1) });
        var sports = await dc.PostJsonAsync($"{Base}/claims", new { schemeId = narrow.Id, memberId = members[0].Id, accidentOn = new DateOnly(2020, 3, 1), cause = "sports", medicalFen = 1_000_00 });
        Assert.Equal(HttpStatusCode.BadRequest, sports.StatusCode);
        Assert.Contains("\"cause\"", await sports.Content.ReadAsStringAsync());

        var bad = await dc.PostJsonAsync($"{Base}/claims", new { schemeId = scheme.Id, memberId = members[0].Id, accidentOn = new DateOnly(2020, 3, 1), cause = "fall", disabilityGrade = 11 });
        Assert.Contains("disabilityGrade", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_front_line_workers_family_member_is_covered_with_the_id_masked()
    {
        var (scheme, members, dc) = await EnrolledAsync(1);
        var (_, others) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 1);
        await dc.PostJsonAsync($"{Base}/schemes/{scheme.Id}/enrolments", new { memberIds = new[] { others[0].Id }, frontLine = false, coverFrom = new DateOnly(2020, 1, 1) });
        var id = FundsTestData.NewIdNumber(new Random());

        var badId = await dc.PostJsonAsync($"{Base}/schemes/{scheme.Id}/family", new { memberId = members[0].Id, name = "王秀英", relation = "Spouse", idNumber = "110101199001011230" });
        Assert.Contains("idNumber", await badId.Content.ReadAsStringAsync());
        var notFront = await dc.PostJsonAsync($"{Base}/schemes/{scheme.Id}/family", new { memberId = others[0].Id, name = "王秀英", relation = "Spouse", idNumber = id });
        Assert.Equal(HttpStatusCode.BadRequest, notFront.StatusCode);

        var res = await dc.PostJsonAsync($"{Base}/schemes/{scheme.Id}/family", new { memberId = members[0].Id, name = "王秀英", relation = "Spouse", idNumber = id });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var cover = (await res.ReadJsonAsync<CoverDto>())!;
        Assert.Equal(InsuredKind.FamilyMember, cover.Kind);
        Assert.Equal(id[..6] + "********" + id[14..], cover.IdNumberMasked);
        Assert.DoesNotContain(id, await (await dc.GetAsync($"{Base}/schemes/{scheme.Id}/enrolments?kind=FamilyMember&limit=200")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await dc.PostJsonAsync($"{Base}/schemes/{scheme.Id}/family", new { memberId = members[0].Id, name = "王秀英", relation = "Spouse", idNumber = id })).StatusCode);
        var stored = await app.WithDbAsync(db => db.Set<InsuranceCover>().SingleAsync(c => c.Id == cover.Id));
        Assert.NotEqual(id, stored.IdNumberCipher);

        var claim = await FileAsync(dc, new { coverId = cover.Id, accidentOn = new DateOnly(2020, 2, 10), cause = "covid-19", death = true });
        Assert.True(claim.IsFamily);
        Assert.Equal(100_000_00, claim.PayoutFen);

        var noFamily = await NewSchemeAsync(family: false);
        Assert.Equal(HttpStatusCode.Conflict, (await dc.PostJsonAsync($"{Base}/schemes/{noFamily.Id}/family", new { memberId = members[0].Id, name = "王秀英", relation = "Spouse", idNumber = id })).StatusCode);
    }

    [Fact]
    public async Task Four_eyes_above_the_threshold_the_approver_may_not_pay_but_a_second_approver_may()
    {
        var (scheme, members, dc) = await EnrolledAsync(2);
        await FundAsync(300_000_00);
        async Task<AccidentClaimDto> ApprovedAsync(object body)
        {
            var c = await FileAsync(dc, body);
            Assert.Equal(HttpStatusCode.OK, (await PostWithKeyAsync(dc, $"{Base}/claims/{c.Id}/review", Guid.NewGuid().ToString())).StatusCode);
            var a = await PostWithKeyAsync(dc, $"{Base}/claims/{c.Id}/approve", Guid.NewGuid().ToString());
            Assert.True(a.StatusCode == HttpStatusCode.OK, await a.Content.ReadAsStringAsync());
            return c;
        }

        // A death benefit is above the 50,000-yuan threshold: dongcheng approved it and may not pay it; the fund officer may.
        var big = await ApprovedAsync(new { schemeId = scheme.Id, memberId = members[0].Id, accidentOn = new DateOnly(2020, 5, 6), cause = "traffic", death = true });
        Assert.True(big.PayoutFen > 50_000_00, big.PayoutFen.ToString());
        var refused = await PostWithKeyAsync(dc, $"{Base}/claims/{big.Id}/pay", "fe-1");
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("\"code\":\"payment.secondApproverRequired\"", body);
        var officer = await app.ClientAsync("fundofficer");
        var paid = await PostWithKeyAsync(officer, $"{Base}/claims/{big.Id}/pay", "fe-2");
        Assert.True(paid.StatusCode == HttpStatusCode.OK, await paid.Content.ReadAsStringAsync());
        Assert.Equal(AccidentClaimStatus.Paid, (await paid.ReadJsonAsync<AccidentClaimDto>())!.Status);

        // 7,920 yuan of medical costs is below it: the approver may pay.
        var small = await ApprovedAsync(new { schemeId = scheme.Id, memberId = members[1].Id, accidentOn = new DateOnly(2020, 5, 6), cause = "traffic", medicalFen = 10_000_00 });
        var own = await PostWithKeyAsync(dc, $"{Base}/claims/{small.Id}/pay", "fe-3");
        Assert.True(own.StatusCode == HttpStatusCode.OK, await own.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Twenty_concurrent_approvals_never_pay_a_person_more_than_the_cap()
    {
        // Cap 90,000 yuan; 20 claims of grade 10 (20,000 yuan each) = 400,000 together.
        var (scheme, members, dc) = await EnrolledAsync(1, cap: 90_000_00);
        await FundAsync(500_000_00);
        var claims = new List<AccidentClaimDto>();
        for (var i = 0; i < 20; i++)
        {
            var c = await FileAsync(dc, new { schemeId = scheme.Id, memberId = members[0].Id, accidentOn = new DateOnly(2020, 4, 1 + i), cause = "fall", disabilityGrade = 10 });
            Assert.Equal(HttpStatusCode.OK, (await PostWithKeyAsync(dc, $"{Base}/claims/{c.Id}/review", "r" + i)).StatusCode);
            claims.Add(c);
        }
        var clients = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.ClientAsync("dongcheng")));
        var results = await Task.WhenAll(claims.Select((c, i) => PostWithKeyAsync(clients[i % 4], $"{Base}/claims/{c.Id}/approve", "a-" + c.Id)));
        Assert.All(results, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        var approved = new List<AccidentClaimDto>();
        foreach (var r in results.Where(r => r.StatusCode == HttpStatusCode.OK)) approved.Add((await r.ReadJsonAsync<AccidentClaimDto>())!);
        Assert.Equal(90_000_00, approved.Sum(a => a.PayoutFen));
        Assert.Equal(5, approved.Count); // four full payouts and one cut to the 10,000 left
        Assert.Contains(approved, a => a.PayoutFen == 10_000_00 && a.Explanation.Any(l => l.Code == "payout.personCap"));

        var pays = await Task.WhenAll(approved.Select((a, i) => PostWithKeyAsync(clients[i % 4], $"{Base}/claims/{a.Id}/pay", "p-" + a.Id)));
        Assert.All(pays, p => Assert.Equal(HttpStatusCode.OK, p.StatusCode));
        var ids = claims.Select(c => c.Id).ToList();
        var (granted, paid) = await app.WithDbAsync(async db =>
        {
            var cover = await db.Set<InsuranceCover>().SingleAsync(c => c.SchemeId == scheme.Id);
            var sum = await db.Set<AccidentClaim>().Where(c => ids.Contains(c.Id) && c.Status == AccidentClaimStatus.Paid).SumAsync(c => c.PayoutFen);
            return (cover.GrantedFen, sum);
        });
        Assert.Equal(90_000_00, granted);
        Assert.Equal(90_000_00, paid);
        var ledgerPaid = 0L;
        foreach (var a in approved)
        {
            var d = (await dc.GetJsonAsync<AccidentClaimDetailDto>($"{Base}/claims/{a.Id}"))!;
            ledgerPaid += Assert.Single(d.LedgerEntries, e => e.Kind == EntryKind.Payment).Amount.Value;
        }
        Assert.Equal(90_000_00, ledgerPaid);
    }

    [Fact]
    public async Task The_demo_has_the_2020_scheme_with_its_covid_date_cap_and_claims_in_each_state()
    {
        var admin = await app.ClientAsync("admin");
        var scheme = Assert.Single((await admin.GetJsonAsync<List<SchemeDto>>($"{Base}/schemes?year=2020"))!, s => s.Code == "2020-ACC");
        Assert.Equal(new DateOnly(2020, 1, 20), scheme.CovidFrom);
        Assert.Equal(22_320_000, scheme.PerPersonCapFen);
        Assert.True(scheme.CoversFamily);
        Assert.True(scheme.Covered >= 20);
        var claims = (await admin.GetJsonAsync<Slice<AccidentClaimDto>>($"{Base}/claims?schemeId={scheme.Id}&limit=200"))!;
        Assert.True(claims.TotalEstimate >= 12, claims.TotalEstimate.ToString());
        var states = claims.Items.Select(c => c.Status).ToHashSet();
        Assert.Superset(new HashSet<AccidentClaimStatus> { AccidentClaimStatus.Submitted, AccidentClaimStatus.Reviewed, AccidentClaimStatus.Rejected, AccidentClaimStatus.Paid }, states);
        Assert.True((await admin.GetJsonAsync<Slice<CoverDto>>($"{Base}/schemes/{scheme.Id}/enrolments?kind=FamilyMember"))!.TotalEstimate > 0);
    }

    [Fact]
    public async Task Filing_with_the_same_idempotency_key_files_once()
    {
        var (scheme, members, dc) = await EnrolledAsync(1);
        var key = Guid.NewGuid().ToString();
        var body = new { schemeId = scheme.Id, memberId = members[0].Id, accidentOn = new DateOnly(2020, 6, 1), cause = "fall", medicalFen = 2_000_00 };
        var first = await PostWithKeyAsync(dc, $"{Base}/claims", key, body);
        var second = await PostWithKeyAsync(dc, $"{Base}/claims", key, body);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode); // the first answer, replayed by the platform
        var claim = (await first.ReadJsonAsync<AccidentClaimDto>())!;
        Assert.Equal(claim.Id, (await second.ReadJsonAsync<AccidentClaimDto>())!.Id);

        // Concurrent retries of the same filing and of the same review act once.
        var key2 = Guid.NewGuid().ToString();
        var filings = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => PostWithKeyAsync(dc, $"{Base}/claims", key2, body with { medicalFen = 3_000_00 })));
        Assert.All(filings, f => Assert.True(f.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, f.StatusCode.ToString()));
        Assert.Equal(2, (await dc.GetJsonAsync<Slice<AccidentClaimDto>>($"{Base}/claims?schemeId={scheme.Id}"))!.TotalEstimate);
        var reviews = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => PostWithKeyAsync(dc, $"{Base}/claims/{claim.Id}/review", "rk")));
        Assert.All(reviews, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var detail = (await dc.GetJsonAsync<AccidentClaimDetailDto>($"{Base}/claims/{claim.Id}"))!;
        Assert.Single(detail.History, h => h.Kind == ClaimEventKind.Reviewed);
    }

    [Fact]
    public async Task A_whole_union_is_enrolled_rejections_need_a_reason_and_a_worker_sees_only_their_own_claims()
    {
        var scheme = await NewSchemeAsync();
        var (union, members) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 3);
        var dc = await app.ClientAsync("dongcheng");
        var enrol = (await (await dc.PostJsonAsync($"{Base}/schemes/{scheme.Id}/enrolments", new { unionId = union, coverFrom = new DateOnly(2020, 3, 1) })).ReadJsonAsync<InsuranceEnrolResultDto>())!;
        Assert.Equal(3, enrol.Enrolled);
        var xc = await app.ClientAsync("xicheng");
        Assert.Equal(HttpStatusCode.BadRequest, (await xc.PostJsonAsync($"{Base}/schemes/{scheme.Id}/enrolments", new { unionId = union })).StatusCode);
        Assert.Equal(0, (await (await xc.PostJsonAsync($"{Base}/schemes/{scheme.Id}/enrolments", new { memberIds = members.Select(m => m.Id) })).ReadJsonAsync<InsuranceEnrolResultDto>())!.Enrolled);

        // Covered from 1 March: an accident in February is outside the person's cover.
        Assert.Equal(HttpStatusCode.BadRequest, (await dc.PostJsonAsync($"{Base}/claims", new { schemeId = scheme.Id, memberId = members[1].Id, accidentOn = new DateOnly(2020, 2, 1), cause = "fall", medicalFen = 1_000_00 })).StatusCode);
        var claim = await FileAsync(dc, new { schemeId = scheme.Id, memberId = members[1].Id, accidentOn = new DateOnly(2020, 3, 2), cause = "fall", medicalFen = 1_000_00 });
        var noReason = await dc.PostJsonAsync($"{Base}/claims/{claim.Id}/reject", new { reason = " " });
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await dc.PostJsonAsync($"{Base}/claims/{claim.Id}/reject", new { reason = "非意外事故" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PostWithKeyAsync(dc, $"{Base}/claims/{claim.Id}/review", "late")).StatusCode);

        var worker = await app.ClientAsync("worker");
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"{Base}/claims/{claim.Id}")).StatusCode);
        var mine = (await worker.GetJsonAsync<Slice<AccidentClaimDto>>($"{Base}/claims?limit=200"))!;
        Assert.DoesNotContain(mine.Items, c => c.Id == claim.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostWithKeyAsync(worker, $"{Base}/claims/{claim.Id}/approve", "w")).StatusCode);

        // A claim for the worker's own member record is theirs to read, not to decide.
        var own = await app.WithDbAsync(db => db.Set<Gonghui.Platform.Identity.AppUser>().Where(u => u.UserName == "worker").Select(u => u.MemberId).SingleAsync());
        Assert.NotNull(own);
        var admin = await app.ClientAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync($"{Base}/schemes/{scheme.Id}/enrolments", new { memberIds = new[] { own.Value }, coverFrom = new DateOnly(2020, 1, 1) })).StatusCode);
        var theirs = await FileAsync(admin, new { schemeId = scheme.Id, memberId = own.Value, accidentOn = new DateOnly(2020, 8, 8), cause = "traffic", medicalFen = 3_000_00 });
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"{Base}/claims/{theirs.Id}")).StatusCode);
        var listed = (await worker.GetJsonAsync<Slice<AccidentClaimDto>>($"{Base}/claims?schemeId={scheme.Id}"))!;
        Assert.Equal(theirs.Id, Assert.Single(listed.Items).Id);
        Assert.All((await worker.GetJsonAsync<Slice<AccidentClaimDto>>($"{Base}/claims?limit=200"))!.Items, c => Assert.Equal(own.Value, c.MemberId));
        Assert.Equal(HttpStatusCode.Forbidden, (await PostWithKeyAsync(worker, $"{Base}/claims/{theirs.Id}/review", "w")).StatusCode);
    }

    /// <summary>The report's drill-down (issue 19): the claims paid in a period (payment time, Beijing days, end exclusive), of a unit's subtree, for family members.</summary>
    [Fact]
    public async Task The_claim_list_takes_the_reports_period_and_unit_and_the_family_filter()
    {
        var truth = await app.WithDbAsync(db => (from c in db.Set<AccidentClaim>() join u in db.Set<OrgUnit>() on c.UnionId equals u.Id
                                                 select new { c.Id, u.Path, c.Status, c.PaidAt, c.IsFamily }).ToListAsync());
        var paid = truth.Where(t => t.Status == AccidentClaimStatus.Paid && t.PaidAt is not null).ToList();
        Assert.NotEmpty(paid);
        var days = paid.Select(t => Gonghui.Platform.Time.BeijingTime.DateOf(t.PaidAt!.Value)).Order().ToList();
        var (from, to) = (days[0], days[^1].AddDays(1));
        var (start, end) = (Gonghui.Platform.Time.BeijingTime.StartOfDayUtc(from), Gonghui.Platform.Time.BeijingTime.StartOfDayUtc(to));
        var inPeriod = paid.Where(t => t.PaidAt >= start && t.PaidAt < end).ToList();
        var period = $"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
        var admin = await app.ClientAsync("admin");
        async Task<List<Guid>> Ids(HttpClient c, string query) =>
            (await KeysetPaging.WalkAsync<AccidentClaimDto>(c, $"{Base}/claims?{query}", x => x.Id, limit: 7)).Select(x => x.Id).Order().ToList();
        Assert.Equal(inPeriod.Select(t => t.Id).Order(), await Ids(admin, period));
        var dcId = await DongchengAsync();
        Assert.Equal(inPeriod.Where(t => t.Path.StartsWith("/BJ/DC/", StringComparison.Ordinal)).Select(t => t.Id).Order(), await Ids(admin, $"{period}&unit={dcId}"));
        Assert.Equal(inPeriod.Where(t => t.IsFamily).Select(t => t.Id).Order(), await Ids(admin, $"{period}&family=true"));
        Assert.Equal(inPeriod.Where(t => !t.IsFamily).Select(t => t.Id).Order(), await Ids(admin, $"{period}&family=false"));
        // The unit alone narrows without a period (any status).
        Assert.Equal(truth.Where(t => t.Path.StartsWith("/BJ/DC/", StringComparison.Ordinal)).Select(t => t.Id).Order(), await Ids(admin, $"unit={dcId}"));

        // Bad filters are 400s naming the field; a unit outside the caller's scope is one of them, not data.
        var dc = await app.ClientAsync("dongcheng");
        var xcId = await app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Path == "/BJ/XC/").Select(u => u.Id).SingleAsync());
        foreach (var (query, field) in new[] { ("from=2020-13-01", "from"), ("from=2020-02-01&to=2020-01-01", "to"), ($"unit={xcId}", "unit"),
                     ($"unit={Guid.NewGuid()}", "unit"), ("family=perhaps", "family") })
        {
            var res = await dc.GetAsync($"{Base}/claims?{query}");
            Assert.True(res.StatusCode == HttpStatusCode.BadRequest, $"{query}: {res.StatusCode}");
            Assert.Contains($"\"{field}\"", await res.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(HttpStatusCode.OK, (await dc.GetAsync($"{Base}/claims?{period}&unit={dcId}")).StatusCode);
    }
}

public sealed class InsuranceApiTests_Sqlite(SqliteApp app) : InsuranceApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class InsuranceApiTests_Postgres(PostgresApp app) : InsuranceApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
