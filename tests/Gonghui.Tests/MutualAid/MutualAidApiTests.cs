using Gonghui.Modules.Funds.Ledger;
using Gonghui.Modules.Funds.Public;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gonghui.Modules.Funds;
using Gonghui.Modules.MutualAid;
using Gonghui.Modules.MutualAid.Claims;
using Gonghui.Modules.MutualAid.Plans;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Http;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.MutualAid;

/// <summary>Plans, enrolment, claims, review and payment through the ledger, bulk intake — over HTTP on each provider.</summary>
public abstract class MutualAidApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai).DateTime);

    private async Task<PlanDto> NewPlanAsync(long perYearCap = 60_000_00)
    {
        var admin = await app.ClientAsync("admin");
        var year = Today.Year;
        var res = await admin.PostJsonAsync("/api/v1/mutual-aid/plans", new
        {
            code = "T-" + Guid.NewGuid().ToString("N")[..12], year, kind = PlanKind.Inpatient, name = "测试住院互助", feeFen = 60_00,
            enrolFrom = new DateOnly(year, 1, 1), enrolTo = new DateOnly(year, 12, 31), waitingDays = 0,
            deductibleFen = 500_00, bands = new[] { new { upToFen = (long?)1_000_000, ratioBp = 5000 }, new { upToFen = (long?)null, ratioBp = 6000 } },
            perClaimCapFen = 20_000_00, perYearCapFen = perYearCap,
        });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return (await res.ReadJsonAsync<PlanDto>())!;
    }

    private static async Task<HttpResponseMessage> PostWithKeyAsync(HttpClient c, string url, string key, object? body = null)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent(body ?? new { }) };
        req.Headers.Add("Idempotency-Key", key);
        return await c.SendAsync(req);
    }

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body, Json.Options), Encoding.UTF8, "application/json");

    [Fact]
    public async Task Enrolments_walk_forward_and_back_by_cursor_and_stay_in_scope()
    {
        var plan = await NewPlanAsync();
        var (_, members) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 5);
        var dc = await app.ClientAsync("dongcheng");
        Assert.Equal(HttpStatusCode.OK, (await dc.PostJsonAsync($"/api/v1/mutual-aid/plans/{plan.Id}/enrolments", new { memberIds = members.Select(m => m.Id) })).StatusCode);
        var url = $"/api/v1/mutual-aid/plans/{plan.Id}/enrolments";
        var all = await KeysetPaging.WalkAsync<EnrolmentDto>(dc, url, e => e.Id,
            inOrder: (a, b) => a.EnrolledOn < b.EnrolledOn || (a.EnrolledOn == b.EnrolledOn && a.Id.CompareTo(b.Id) < 0));
        Assert.Equal(members.Select(m => m.Id).Order(), all.Select(e => e.MemberId).Order());
        Assert.Empty((await (await app.ClientAsync("xicheng")).GetJsonAsync<Slice<EnrolmentDto>>(url))!.Items);
        await KeysetPaging.BadInputIs400Async(dc, url);
        Assert.Equal(HttpStatusCode.NotFound, (await dc.GetAsync($"/api/v1/mutual-aid/plans/{Guid.NewGuid()}/enrolments")).StatusCode);
    }

    [Fact]
    public async Task A_claim_is_enrolled_filed_approved_paid_through_the_ledger_and_retries_do_not_pay_twice()
    {
        var plan = await NewPlanAsync();
        var (union, members) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 3);
        var dc = await app.ClientAsync("dongcheng");

        var enrol = await dc.PostJsonAsync($"/api/v1/mutual-aid/plans/{plan.Id}/enrolments", new { memberIds = members.Select(m => m.Id) });
        Assert.Equal(HttpStatusCode.OK, enrol.StatusCode);
        Assert.Equal(3, (await enrol.ReadJsonAsync<EnrolResultDto>())!.Enrolled);
        var again = await (await dc.PostJsonAsync($"/api/v1/mutual-aid/plans/{plan.Id}/enrolments", new { memberIds = members.Select(m => m.Id) })).ReadJsonAsync<EnrolResultDto>();
        Assert.Equal(0, again!.Enrolled);
        Assert.Equal(3, again.AlreadyEnrolled);

        var dcUnit = await app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Path == "/BJ/DC/").Select(u => u.Id).SingleAsync());
        var before = (await dc.GetJsonAsync<FundDetailDto>($"/api/v1/funds/{FundCodes.MutualAid}/{dcUnit}/{Today.Year}"))!.Balance;

        // Self-paid 20,500: base 20,000 → 10,000 × 50% + 10,000 × 60% = 11,000 yuan.
        var filed = await dc.PostJsonAsync("/api/v1/mutual-aid/claims", new
        {
            planId = plan.Id, memberId = members[0].Id, admittedOn = Today, hospital = "北京协和医院", diagnosis = "肺炎",
            totalFen = 60_000_00, insuranceCoveredFen = 35_000_00, selfPaidFen = 20_500_00,
        });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var claim = (await filed.ReadJsonAsync<ClaimDto>())!;
        Assert.Equal(11_000_00, claim.PayoutFen);
        Assert.Equal(ClaimStatus.Submitted, claim.Status);
        Assert.Equal(dcUnit, claim.FundingUnitId);
        Assert.Contains(claim.Explanation, l => l.Code == "payout.band" && l.RatioBp == 6000 && l.AmountFen == 6_000_00);
        Assert.All(claim.Explanation, l => Assert.False(string.IsNullOrWhiteSpace(l.Text)));

        // Out of scope for another district.
        var xc = await app.ClientAsync("xicheng");
        Assert.Equal(HttpStatusCode.NotFound, (await xc.GetAsync($"/api/v1/mutual-aid/claims/{claim.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostWithKeyAsync(xc, $"/api/v1/mutual-aid/claims/{claim.Id}/approve", "x")).StatusCode);

        // Paying before approval is an illegal transition.
        Assert.Equal(HttpStatusCode.Conflict, (await PostWithKeyAsync(dc, $"/api/v1/mutual-aid/claims/{claim.Id}/pay", "early")).StatusCode);

        var approveKey = Guid.NewGuid().ToString();
        var approved = await PostWithKeyAsync(dc, $"/api/v1/mutual-aid/claims/{claim.Id}/approve", approveKey);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(ClaimStatus.Approved, (await approved.ReadJsonAsync<ClaimDto>())!.Status);
        Assert.Equal(HttpStatusCode.OK, (await PostWithKeyAsync(dc, $"/api/v1/mutual-aid/claims/{claim.Id}/approve", approveKey)).StatusCode);
        var another = await PostWithKeyAsync(dc, $"/api/v1/mutual-aid/claims/{claim.Id}/approve", "another");
        Assert.True(another.StatusCode == HttpStatusCode.Conflict, await another.Content.ReadAsStringAsync());

        var payKey = Guid.NewGuid().ToString();
        var pays = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostWithKeyAsync(dc, $"/api/v1/mutual-aid/claims/{claim.Id}/pay", payKey)));
        Assert.Contains(pays, p => p.StatusCode == HttpStatusCode.OK);
        var detail = (await dc.GetJsonAsync<ClaimDetailDto>($"/api/v1/mutual-aid/claims/{claim.Id}"))!;
        Assert.Equal(ClaimStatus.Paid, detail.Claim.Status);
        Assert.Equal([EntryKind.Commitment, EntryKind.Payment], detail.LedgerEntries.Select(e => e.Kind));
        Assert.Single(detail.LedgerEntries, e => e.Kind == EntryKind.Payment);

        var after = (await dc.GetJsonAsync<FundDetailDto>($"/api/v1/funds/{FundCodes.MutualAid}/{dcUnit}/{Today.Year}"))!.Balance;
        Assert.Equal(before.PaidFen + 11_000_00, after.PaidFen);
        Assert.Equal(before.AvailableFen - 11_000_00, after.AvailableFen);
        Assert.Equal(before.CommittedFen, after.CommittedFen);

        // The yearly cap counts what the member was already granted.
        var second = await (await dc.PostJsonAsync("/api/v1/mutual-aid/claims", new
        {
            planId = plan.Id, memberId = members[0].Id, admittedOn = Today, hospital = "北京朝阳医院",
            totalFen = 200_000_00, insuranceCoveredFen = 100_000_00, selfPaidFen = 100_000_00,
        })).ReadJsonAsync<ClaimDto>();
        Assert.Equal(20_000_00, second!.PayoutFen); // per-claim cap; 49,000 left of the year
    }

    [Fact]
    public async Task Four_eyes_above_the_threshold_the_approver_may_not_pay_but_a_second_approver_may()
    {
        var admin = await app.ClientAsync("admin");
        var year = Today.Year;
        var planRes = await admin.PostJsonAsync("/api/v1/mutual-aid/plans", new
        {
            code = "FE-" + Guid.NewGuid().ToString("N")[..12], year, kind = PlanKind.Inpatient, name = "大额互助", feeFen = 60_00,
            enrolFrom = new DateOnly(year, 1, 1), enrolTo = new DateOnly(year, 12, 31), waitingDays = 0,
            deductibleFen = 0, bands = new[] { new { upToFen = (long?)null, ratioBp = 5000 } }, perClaimCapFen = 100_000_00, perYearCapFen = 200_000_00,
        });
        Assert.True(planRes.StatusCode == HttpStatusCode.Created, await planRes.Content.ReadAsStringAsync());
        var plan = (await planRes.ReadJsonAsync<PlanDto>())!;
        var (_, members) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 1);
        var dc = await app.ClientAsync("dongcheng");
        await dc.PostJsonAsync($"/api/v1/mutual-aid/plans/{plan.Id}/enrolments", new { memberIds = new[] { members[0].Id } });
        var dcUnit = await app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Path == "/BJ/DC/").Select(u => u.Id).SingleAsync());
        using (var scope = app.Services.CreateScope())
            Assert.Equal(LedgerState.Done, (await scope.ServiceProvider.GetRequiredService<FundLedger>()
                .AllocateBudgetAsync(FundCodes.MutualAid, dcUnit, year, Gonghui.Platform.Money.Fen.FromYuan(200_000), "test:four-eyes:" + Guid.NewGuid())).State());

        async Task<ClaimDto> FileApprovedAsync(long selfPaidFen)
        {
            var filed = await dc.PostJsonAsync("/api/v1/mutual-aid/claims", new
            {
                planId = plan.Id, memberId = members[0].Id, admittedOn = Today, hospital = "北京协和医院", totalFen = selfPaidFen, insuranceCoveredFen = 0L, selfPaidFen,
            });
            Assert.True(filed.StatusCode == HttpStatusCode.Created, await filed.Content.ReadAsStringAsync());
            var c = (await filed.ReadJsonAsync<ClaimDto>())!;
            Assert.Equal(HttpStatusCode.OK, (await PostWithKeyAsync(dc, $"/api/v1/mutual-aid/claims/{c.Id}/approve", Guid.NewGuid().ToString())).StatusCode);
            return c;
        }

        // 120,000 yuan self-paid × 50% = 60,000 yuan, above the 50,000 threshold: dongcheng approved it and may not pay it.
        var big = await FileApprovedAsync(120_000_00);
        Assert.Equal(60_000_00, big.PayoutFen);
        var refused = await PostWithKeyAsync(dc, $"/api/v1/mutual-aid/claims/{big.Id}/pay", "fe-1");
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("\"code\":\"payment.secondApproverRequired\"", body);
        Assert.Equal(ClaimStatus.Approved, (await dc.GetJsonAsync<ClaimDetailDto>($"/api/v1/mutual-aid/claims/{big.Id}"))!.Claim.Status);
        var officer = await app.ClientAsync("fundofficer");
        var paid = await PostWithKeyAsync(officer, $"/api/v1/mutual-aid/claims/{big.Id}/pay", "fe-2");
        Assert.True(paid.StatusCode == HttpStatusCode.OK, await paid.Content.ReadAsStringAsync());
        Assert.Equal(ClaimStatus.Paid, (await paid.ReadJsonAsync<ClaimDto>())!.Status);

        // 20,000 yuan × 50% = 10,000 yuan, below the threshold: the approver may pay it.
        var small = await FileApprovedAsync(20_000_00);
        var own = await PostWithKeyAsync(dc, $"/api/v1/mutual-aid/claims/{small.Id}/pay", "fe-3");
        Assert.True(own.StatusCode == HttpStatusCode.OK, await own.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Claims_are_validated_and_rejections_need_a_reason()
    {
        var plan = await NewPlanAsync();
        var (_, members) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 2);
        var dc = await app.ClientAsync("dongcheng");
        await dc.PostJsonAsync($"/api/v1/mutual-aid/plans/{plan.Id}/enrolments", new { memberIds = new[] { members[0].Id } });

        async Task<JsonElement> Problem(object body, string field)
        {
            var r = await dc.PostJsonAsync("/api/v1/mutual-aid/claims", body);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            var p = await r.ReadJsonAsync<JsonElement>();
            Assert.True(p.GetProperty("errors").TryGetProperty(field, out _), field);
            return p;
        }
        await Problem(new { planId = plan.Id, memberId = members[1].Id, admittedOn = Today, hospital = "医院", totalFen = 100, insuranceCoveredFen = 0, selfPaidFen = 100 }, "memberId");
        await Problem(new { planId = plan.Id, memberId = members[0].Id, admittedOn = Today, hospital = "医院", totalFen = 100, insuranceCoveredFen = 60, selfPaidFen = 50 }, "selfPaidFen");
        await Problem(new { planId = plan.Id, memberId = members[0].Id, admittedOn = Today.AddDays(1), hospital = "医院", totalFen = 100, insuranceCoveredFen = 0, selfPaidFen = 100 }, "admittedOn");
        await Problem(new { planId = plan.Id, memberId = members[0].Id, admittedOn = Today, hospital = " ", totalFen = 100, insuranceCoveredFen = 0, selfPaidFen = 100 }, "hospital");

        // Below the deductible: nothing to pay, so it cannot be approved; it is rejected with a reason.
        var small = (await (await dc.PostJsonAsync("/api/v1/mutual-aid/claims", new { planId = plan.Id, memberId = members[0].Id, admittedOn = Today, hospital = "医院", totalFen = 300_00, insuranceCoveredFen = 0, selfPaidFen = 300_00 })).ReadJsonAsync<ClaimDto>())!;
        Assert.Equal(0, small.PayoutFen);
        Assert.Equal(HttpStatusCode.Conflict, (await PostWithKeyAsync(dc, $"/api/v1/mutual-aid/claims/{small.Id}/approve", "k")).StatusCode);
        var noReason = await dc.PostJsonAsync($"/api/v1/mutual-aid/claims/{small.Id}/reject", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var rejected = await dc.PostJsonAsync($"/api/v1/mutual-aid/claims/{small.Id}/reject", new { reason = "未达起付线" });
        Assert.Equal(ClaimStatus.Rejected, (await rejected.ReadJsonAsync<ClaimDto>())!.Status);
        Assert.Equal(HttpStatusCode.Conflict, (await PostWithKeyAsync(dc, $"/api/v1/mutual-aid/claims/{small.Id}/approve", "k2")).StatusCode);

        var queueRes = await dc.GetAsync("/api/v1/mutual-aid/claims?status=Rejected&limit=200");
        var queueText = await queueRes.Content.ReadAsStringAsync();
        var queue = JsonSerializer.Deserialize<Gonghui.Platform.Http.Slice<ClaimDto>>(queueText, Json.Options);
        Assert.True(queue!.Items.Any(c => c.Id == small.Id), queueText[..Math.Min(2000, queueText.Length)]);
    }

    [Fact]
    public async Task Twenty_concurrent_approvals_of_one_member_pay_at_most_the_yearly_cap_each_recomputed_against_what_is_left()
    {
        var plan = await NewPlanAsync(perYearCap: 50_000_00);
        var (_, members) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 1);
        var member = members[0];
        var dc = await app.ClientAsync("dongcheng");
        await dc.PostJsonAsync($"/api/v1/mutual-aid/plans/{plan.Id}/enrolments", new { memberIds = new[] { member.Id } });
        var dcUnit = await app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Path == "/BJ/DC/").Select(u => u.Id).SingleAsync());
        using (var scope = app.Services.CreateScope())
        {
            var alloc = await scope.ServiceProvider.GetRequiredService<FundLedger>()
                .AllocateBudgetAsync(FundCodes.MutualAid, dcUnit, Today.Year, Gonghui.Platform.Money.Fen.FromYuan(1_000_000), "test:cap:" + Guid.NewGuid());
            Assert.Equal(LedgerState.Done, alloc.State());
        }

        // Self-paid 14,500 − deductible 500 = base 14,000 → 10,000 × 50% + 4,000 × 60% = 7,400 yuan a claim; 20 claims = 148,000 > 50,000.
        var claims = new List<ClaimDto>();
        for (var i = 0; i < 20; i++)
        {
            var r = await dc.PostJsonAsync("/api/v1/mutual-aid/claims", new
            {
                planId = plan.Id, memberId = member.Id, admittedOn = Today, hospital = "北京协和医院" + i,
                totalFen = 30_000_00, insuranceCoveredFen = 15_000_00, selfPaidFen = 14_500_00,
            });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            claims.Add((await r.ReadJsonAsync<ClaimDto>())!);
        }
        Assert.All(claims, c => Assert.Equal(7_400_00, c.PayoutFen)); // previews: nothing granted yet

        var responses = await Task.WhenAll(claims.Select(c => PostWithKeyAsync(dc, $"/api/v1/mutual-aid/claims/{c.Id}/approve", "cap-" + c.Id)));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.All(responses.Zip(bodies), x => Assert.True(x.First.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, x.Second));

        var details = new List<ClaimDetailDto>();
        foreach (var c in claims) details.Add((await dc.GetJsonAsync<ClaimDetailDto>($"/api/v1/mutual-aid/claims/{c.Id}"))!);
        var approved = details.Where(d => d.Claim.Status == ClaimStatus.Approved).ToList();
        // 6 × 7,400 = 44,400; the seventh is recomputed against the 5,600 left; the other 13 have nothing left (409).
        Assert.Equal(7, approved.Count);
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(50_000_00, approved.Sum(d => d.Claim.PayoutFen));
        var capped = Assert.Single(approved, d => d.Claim.PayoutFen < 7_400_00);
        Assert.Equal(5_600_00, capped.Claim.PayoutFen);
        var capLine = Assert.Single(capped.Claim.Explanation, l => l.Code == "payout.perYearCap");
        Assert.Equal(5_600_00, capLine.BaseFen);           // what was left of the year
        Assert.Equal(-1_800_00, capLine.AmountFen);         // 7,400 cut to 5,600
        Assert.Equal(5_600_00, capped.Claim.Explanation.Single(l => l.Code == "payout.total").AmountFen);
        Assert.All(approved.Where(d => d != capped), d => Assert.DoesNotContain(d.Claim.Explanation, l => l.Code == "payout.perYearCap"));
        Assert.All(details.Where(d => d.Claim.Status != ClaimStatus.Approved), d => Assert.Equal(ClaimStatus.Submitted, d.Claim.Status));

        // The ledger reserved exactly the cap, one commitment per approved claim; the accumulator says the same.
        Assert.All(approved, d => Assert.Equal(d.Claim.PayoutFen, Assert.Single(d.LedgerEntries, e => e.Kind == EntryKind.Commitment).Amount.Value));
        Assert.All(details.Where(d => d.Claim.Status == ClaimStatus.Submitted), d => Assert.Empty(d.LedgerEntries));
        var total = await app.WithDbAsync(db => db.Set<MemberYearTotal>().SingleAsync(t => t.PlanId == plan.Id && t.MemberId == member.Id));
        Assert.Equal(50_000_00, total.GrantedFen);

        // A new claim now previews at zero and cannot be approved.
        var late = (await (await dc.PostJsonAsync("/api/v1/mutual-aid/claims", new
        {
            planId = plan.Id, memberId = member.Id, admittedOn = Today, hospital = "北京天坛医院", totalFen = 30_000_00, insuranceCoveredFen = 15_000_00, selfPaidFen = 14_500_00,
        })).ReadJsonAsync<ClaimDto>())!;
        Assert.Equal(0, late.PayoutFen);
        Assert.Contains(late.Explanation, l => l.Code == "payout.perYearCap" && l.BaseFen == 0);
    }

    [Fact]
    public async Task A_thousand_row_file_streams_in_one_transaction_caps_each_member_across_the_file_and_a_re_intake_counts_nothing_twice()
    {
        var plan = await NewPlanAsync(); // cap 60,000 a year
        var (_, members) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 10);
        var dc = await app.ClientAsync("dongcheng");
        await dc.PostJsonAsync($"/api/v1/mutual-aid/plans/{plan.Id}/enrolments", new { memberIds = members.Select(m => m.Id) });
        var d = Today.ToString("yyyy-MM-dd");
        var csv = new StringBuilder("idNumber,name,admittedOn,hospital,diagnosis,total,insuranceCovered,selfPaid\n");
        // Self-paid 20,500 → 11,000 a claim: each member's 100 rows reach the 60,000 cap on the sixth (5,000 left), then 0.
        for (var i = 0; i < 1000; i++) csv.Append($"{members[i % 10].IdNumber},{members[i % 10].Name},{d},医院{i},,60000,35000,20500\n");
        var bytes = Encoding.UTF8.GetBytes(csv.ToString());

        async Task<(HttpStatusCode, ClaimImportResultDto)> Upload()
        {
            var form = new MultipartFormDataContent { { new StringContent(plan.Id.ToString()), "planId" }, { new StringContent("false"), "skipBadRows" } };
            form.Add(new ByteArrayContent(bytes), "file", "big.csv");
            var r = await dc.PostAsync("/api/v1/mutual-aid/claims/import", form);
            return (r.StatusCode, (await r.ReadJsonAsync<ClaimImportResultDto>())!);
        }

        // Take the large-intake path (secondary indexes set aside and rebuilt before commit) for this file too.
        var indexCount = app is SqliteApp
            ? "SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'mutual_aid_claims'"
            : "SELECT count(*)::int AS \"Value\" FROM pg_indexes WHERE tablename = 'mutual_aid_claims'";
        var before = await app.WithDbAsync(db => db.Database.SqlQueryRaw<int>(indexCount).SingleAsync());
        ClaimBulkWriter.SetAsideMinRows = 1;
        (HttpStatusCode, ClaimImportResultDto) first;
        try { first = await Upload(); }
        finally { ClaimBulkWriter.SetAsideMinRows = 50_000; }
        Assert.Equal(HttpStatusCode.OK, first.Item1);
        Assert.Equal(1000, first.Item2.Imported);
        Assert.Equal(0, first.Item2.ErrorCount);
        // Written past the per-entity audit by the bulk writer: one audit entry with the rows' count and digest stands in.
        var intake = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "MutualAidClaimImport" && a.EntityId == plan.Id.ToString())
            .Select(a => a.After).SingleAsync());
        var audited = System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(intake!);
        Assert.Equal(1000, audited.GetProperty("rowsWritten").GetInt32());
        Assert.Matches("^[0-9a-f]{64}$", audited.GetProperty("rowsSha256").GetString());
        Assert.Equal(before, await app.WithDbAsync(db => db.Database.SqlQueryRaw<int>(indexCount).SingleAsync()));
        if (app is PostgresApp) // rebuilt as defined: the import key compares bytewise
            Assert.Contains("COLLATE \"C\"", await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
                "SELECT indexdef AS \"Value\" FROM pg_indexes WHERE indexname = 'ix_mutual_aid_claims_import_ref'").SingleAsync()));

        var perMember = await app.WithDbAsync(db => db.Set<MutualAidClaim>().Where(c => c.PlanId == plan.Id).GroupBy(c => c.MemberId)
            .Select(g => new { g.Key, N = g.Count(), Sum = g.Sum(c => c.PayoutFen), Capped = g.Count(c => c.PayoutFen == 5_000_00) }).ToListAsync());
        Assert.Equal(10, perMember.Count);
        Assert.All(perMember, m => { Assert.Equal(100, m.N); Assert.Equal(60_000_00, m.Sum); Assert.Equal(1, m.Capped); });
        var capped = await app.WithDbAsync(db => db.Set<MutualAidClaim>().FirstAsync(c => c.PlanId == plan.Id && c.PayoutFen == 5_000_00));
        // No explanation text is stored: the plan's rules, the bill and the year-to-date before the claim give it back.
        Assert.Equal(55_000_00, capped.GrantedBeforeFen);
        var rules = await app.WithDbAsync(db => db.Set<MutualAidPlan>().Where(p => p.Id == plan.Id).Select(p => p).FirstAsync());
        var explained = capped.Explain(rules.Rules());
        Assert.Equal(capped.PayoutFen, explained.AmountFen);
        Assert.Contains(explained.Lines, l => l.Code == "payout.perYearCap" && l.BaseFen == 5_000_00);

        // The same file again: every row is a duplicate, the file is refused, nothing is written.
        var (status, again) = await Upload();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(0, again.Imported);
        Assert.Equal(1000, again.ErrorCount);
        Assert.Equal(1000, again.Errors.Count);
        Assert.Equal(Enumerable.Range(2, 1000), again.Errors.Select(e => e.Row));
        Assert.Equal(1000, await app.WithDbAsync(db => db.Set<MutualAidClaim>().CountAsync(c => c.PlanId == plan.Id)));
    }

    [Fact]
    public async Task Two_intakes_of_the_same_file_at_once_take_each_row_in_once()
    {
        var plan = await NewPlanAsync();
        var (_, members) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 5);
        var dc = await app.ClientAsync("dongcheng");
        await dc.PostJsonAsync($"/api/v1/mutual-aid/plans/{plan.Id}/enrolments", new { memberIds = members.Select(m => m.Id) });
        var d = Today.ToString("yyyy-MM-dd");
        var csv = new StringBuilder("身份证号,姓名,入院日期,医院,诊断,医疗总费用,医保统筹支付,个人自付\n");
        for (var i = 0; i < 200; i++) csv.Append($"{members[i % 5].IdNumber},{members[i % 5].Name},{d},医院{i},,3000,1000,1500\n");
        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        async Task<(HttpStatusCode Status, ClaimImportResultDto Result)> Upload()
        {
            var form = new MultipartFormDataContent { { new StringContent(plan.Id.ToString()), "planId" }, { new StringContent("false"), "skipBadRows" } };
            form.Add(new ByteArrayContent(bytes), "file", "same.csv");
            var r = await dc.PostAsync("/api/v1/mutual-aid/claims/import", form);
            return (r.StatusCode, (await r.ReadJsonAsync<ClaimImportResultDto>())!);
        }

        // The second intake of the plan waits for the first, then finds every row already taken in.
        var both = await Task.WhenAll(Upload(), Upload());
        Assert.Single(both, r => r.Status == HttpStatusCode.OK && r.Result.Imported == 200);
        Assert.Single(both, r => r.Status == HttpStatusCode.UnprocessableEntity && r.Result.ErrorCount == 200 && r.Result.Imported == 0);
        Assert.Equal(200, await app.WithDbAsync(db => db.Set<MutualAidClaim>().CountAsync(c => c.PlanId == plan.Id)));
    }

    [Fact]
    public async Task Bulk_intake_refuses_a_file_with_errors_unless_asked_and_never_imports_a_row_twice()
    {
        var plan = await NewPlanAsync();
        var (_, members) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 3);
        var dc = await app.ClientAsync("dongcheng");
        await dc.PostJsonAsync($"/api/v1/mutual-aid/plans/{plan.Id}/enrolments", new { memberIds = members.Take(2).Select(m => m.Id) });
        var d = Today.ToString("yyyy-MM-dd");
        var csv = "身份证号,姓名,入院日期,医院,诊断,医疗总费用,医保统筹支付,个人自付\n"
                  + $"{members[0].IdNumber},{members[0].Name},{d},北京协和医院,骨折,\"30,000.00\",15000,10500\n"
                  + $"{members[1].IdNumber},{members[1].Name},{d},北京天坛医院,,8000,4000,1500.5\n"
                  + $"{members[2].IdNumber},{members[2].Name},{d},北京天坛医院,,8000,4000,1500\n"   // not enrolled
                  + $"110101199001011234,某某,{d},医院,,100,0,100\n"                                   // bad checksum
                  + $"{members[0].IdNumber},{members[0].Name},2099-01-01,医院,,abc,0,100\n";             // bad amount

        async Task<(HttpStatusCode, ClaimImportResultDto)> Upload(bool skip)
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent(plan.Id.ToString()), "planId" },
                { new StringContent(skip ? "true" : "false"), "skipBadRows" },
            };
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(file, "file", "claims.csv");
            var r = await dc.PostAsync("/api/v1/mutual-aid/claims/import", form);
            return (r.StatusCode, (await r.ReadJsonAsync<ClaimImportResultDto>())!);
        }

        var (status, refused) = await Upload(skip: false);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.True(refused.Rejected);
        Assert.Equal(0, refused.Imported);
        Assert.Contains(refused.Errors, e => e.Row == 4);
        Assert.Contains(refused.Errors, e => e.Row == 5 && e.Column == "身份证号");
        Assert.Contains(refused.Errors, e => e.Row == 6 && e.Column == "医疗总费用");
        Assert.DoesNotContain(refused.Errors, e => e.Row is 2 or 3);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<MutualAidClaim>().CountAsync(c => c.PlanId == plan.Id)));

        var (ok, imported) = await Upload(skip: true);
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(2, imported.Imported);
        var claims = await app.WithDbAsync(db => db.Set<MutualAidClaim>().Where(c => c.PlanId == plan.Id).OrderBy(c => c.SelfPaidFen).ToListAsync());
        Assert.Equal([1_500_50L, 10_500_00L], claims.Select(c => c.SelfPaidFen));
        Assert.Equal([500_25L, 5_000_00L], claims.Select(c => c.PayoutFen)); // (1,500.50 − 500) × 50%; 10,000 × 50%

        var (_, twice) = await Upload(skip: true);
        Assert.Equal(0, twice.Imported);
        Assert.Equal(2, twice.Errors.Count(e => e.Reason.Length > 0 && (e.Row == 2 || e.Row == 3)));
    }
}

public sealed class MutualAidApiTests_Sqlite(SqliteApp app) : MutualAidApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class MutualAidApiTests_Postgres(PostgresApp app) : MutualAidApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
