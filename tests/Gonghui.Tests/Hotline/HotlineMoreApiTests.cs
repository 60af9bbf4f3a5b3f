using Gonghui.Modules.Hotline;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Gonghui.Modules.Hardship.Files;
using Gonghui.Modules.Hotline.Attachments;
using Gonghui.Modules.Hotline.Endpoints;
using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Modules.Hotline.Topics;
using Gonghui.Modules.MutualAid.Claims;
using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Http;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Hotline;

/// <summary>Attachments, merging duplicates, links, the update deadline and monthly topics over real HTTP on SQLite and PostgreSQL.</summary>
public abstract class HotlineMoreApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private static string Phone() => "137" + Random.Shared.Next(10000000, 99999999);

    private static object Call(string? phone = null, string category = "labor-dispute", string? text = null, Guid? enterpriseId = null, DateTimeOffset? receivedAt = null) => new
    {
        category, urgency = "Normal", description = text ?? "欠薪 " + Guid.NewGuid().ToString("N")[..8], callerName = "赵师傅",
        phone = phone ?? Phone(), districtCode = "110101", channel = "Phone", enterpriseId, receivedAt,
    };

    private static async Task<RequestDto> FileAsync(HttpClient c, object body)
    {
        var res = await c.PostJsonAsync("/api/v1/hotline/requests", body);
        Assert.True(res.StatusCode == HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
        return (await res.ReadJsonAsync<RequestDto>())!;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient c, string url, object? body = null) => await c.PostJsonAsync(url, body ?? new { });

    private static async Task Expect(HttpResponseMessage res, HttpStatusCode code, string? contains = null)
    {
        var text = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == code, $"expected {code}, got {res.StatusCode}: {text}");
        if (contains is not null) Assert.Contains(contains, text);
    }

    private static byte[] UniquePdf() => [.. "%PDF-1.4\n"u8.ToArray(), .. System.Text.Encoding.ASCII.GetBytes(Guid.NewGuid().ToString()), .. "\n%%EOF"u8.ToArray()];

    private static MultipartFormDataContent Form(IDictionary<string, string>? fields, params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (k, v) in fields ?? new Dictionary<string, string>()) form.Add(new StringContent(v), k);
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }
        return form;
    }

    private static Dictionary<string, string> Fields(string text, string? phone = null) => new()
    {
        ["category"] = "labor-dispute", ["description"] = text, ["phone"] = phone ?? Phone(), ["districtCode"] = "110101", ["callerName"] = "钱师傅", ["channel"] = "Phone",
    };

    private async Task<string> BlobPathAsync(byte[] bytes)
    {
        var path = "";
        await app.WithScopeAsync(sp => { path = sp.GetRequiredService<AttachmentStore>().PathOf(AttachmentStore.Sha256Of(bytes)); return Task.CompletedTask; });
        return path;
    }

    // ------------------------------------------------------------------ attachments

    [Fact]
    public async Task Files_attached_at_intake_are_stored_by_hash_and_downloaded_only_in_scope_with_an_audit_entry()
    {
        var agent = await app.ClientAsync("agent");
        var pdf = UniquePdf();
        var res = await agent.PostAsync("/api/v1/hotline/requests/form", Form(Fields("附件测试 " + Guid.NewGuid()), ("工资条.pdf", pdf), ("photo.png", HotlineMoreRuleTests.Png)));
        await Expect(res, HttpStatusCode.Created);
        var r = (await res.ReadJsonAsync<RequestDto>())!;
        var atts = (await agent.GetJsonAsync<List<AttachmentDto>>($"/api/v1/hotline/requests/{r.Id}/attachments"))!;
        Assert.Equal(["photo.png", "工资条.pdf"], atts.Select(a => a.FileName).Order(StringComparer.Ordinal).ToArray());
        Assert.All(atts, a => Assert.Equal(AttachmentStage.Intake, a.Stage));
        var path = await BlobPathAsync(pdf);
        Assert.True(File.Exists(path));
        Assert.Equal(AttachmentStore.Sha256Of(pdf), Path.GetFileName(path)); // content-addressed, not named by the caller
        Assert.DoesNotContain("工资条", path);

        var pdfId = atts.Single(a => a.Kind == "pdf").Id;
        var down = await agent.GetAsync($"/api/v1/hotline/attachments/{pdfId}");
        await Expect(down, HttpStatusCode.OK);
        Assert.Equal(pdf, await down.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", down.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", down.Headers.GetValues("X-Content-Type-Options").Single());

        // 东城 sees it only once the request is dispatched into its subtree; 西城 never; the worker did not file it
        var dc = await app.ClientAsync("dongcheng");
        var xc = await app.ClientAsync("xicheng");
        var worker = await app.ClientAsync("worker");
        Assert.Equal(HttpStatusCode.NotFound, (await dc.GetAsync($"/api/v1/hotline/attachments/{pdfId}")).StatusCode);
        await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{r.Id}/dispatch"), HttpStatusCode.OK);
        await Expect(await dc.GetAsync($"/api/v1/hotline/attachments/{pdfId}"), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, (await xc.GetAsync($"/api/v1/hotline/attachments/{pdfId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/api/v1/hotline/attachments/{pdfId}")).StatusCode);

        var key = pdfId.ToString();
        var downloads = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == key && a.Action == "hotline.attachment.download").CountAsync());
        Assert.Equal(2, downloads);
        var created = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == key && a.EntityType == nameof(HotlineAttachment)).CountAsync());
        Assert.True(created >= 3);
    }

    [Fact]
    public async Task A_bad_file_refuses_the_whole_filing_with_a_400_naming_the_field_and_nothing_is_written()
    {
        var agent = await app.ClientAsync("agent");
        var text = "坏附件 " + Guid.NewGuid();
        var good = UniquePdf();
        var res = await agent.PostAsync("/api/v1/hotline/requests/form", Form(Fields(text), ("ok.pdf", good), ("invoice.pdf", HotlineMoreRuleTests.Exe)));
        await Expect(res, HttpStatusCode.BadRequest);
        var problem = await res.ReadJsonAsync<JsonElement>();
        var messages = problem.GetProperty("errors").GetProperty("files").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(messages, m => m!.StartsWith("invoice.pdf", StringComparison.Ordinal));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<HotlineRequest>().CountAsync(r => r.Description == text)));
        Assert.False(File.Exists(await BlobPathAsync(good)));

        // too many, and a missing field together: both named
        var six = Enumerable.Range(0, 6).Select(i => ($"p{i}.pdf", UniquePdf())).ToArray();
        var res2 = await agent.PostAsync("/api/v1/hotline/requests/form", Form(new Dictionary<string, string> { ["category"] = "labor-dispute" }, six));
        await Expect(res2, HttpStatusCode.BadRequest);
        var errors = (await res2.ReadJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("files", out _));
        Assert.True(errors.TryGetProperty("description", out _));

        // too large (the limit plus one byte)
        var big = new byte[10 * 1024 * 1024 + 1];
        "%PDF-"u8.CopyTo(big);
        await Expect(await agent.PostAsync("/api/v1/hotline/requests/form", Form(Fields(text), ("big.pdf", big))), HttpStatusCode.BadRequest, "big.pdf");
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<HotlineRequest>().CountAsync(r => r.Description == text)));
    }

    [Fact]
    public async Task The_handling_unit_adds_files_later_up_to_the_limit_and_not_after_closing_and_the_worker_gets_their_own()
    {
        var agent = await app.ClientAsync("agent");
        var dc = await app.ClientAsync("dongcheng");
        var r = await FileAsync(agent, Call());
        await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{r.Id}/dispatch"), HttpStatusCode.OK);
        var res = await dc.PostAsync($"/api/v1/hotline/requests/{r.Id}/attachments", Form(null, ("visit.jpg", HotlineMoreRuleTests.Jpeg), ("memo.docx", HotlineMoreRuleTests.Docx)));
        await Expect(res, HttpStatusCode.OK);
        Assert.All((await res.ReadJsonAsync<List<AttachmentDto>>())!, a => Assert.Equal(AttachmentStage.Handling, a.Stage));
        // a retried upload of the same bytes attaches nothing twice
        var again = await dc.PostAsync($"/api/v1/hotline/requests/{r.Id}/attachments", Form(null, ("visit-again.jpg", HotlineMoreRuleTests.Jpeg)));
        await Expect(again, HttpStatusCode.OK);
        Assert.Equal("visit.jpg", Assert.Single((await again.ReadJsonAsync<List<AttachmentDto>>())!).FileName);
        var detail = await dc.GetJsonAsync<RequestDetailDto>($"/api/v1/hotline/requests/{r.Id}");
        Assert.Equal(2, detail!.Attachments!.Count);
        Assert.Contains(detail.Timeline, e => e.Action == "attach");
        // 2 + 4 > 5
        var four = Enumerable.Range(0, 4).Select(i => ($"x{i}.pdf", UniquePdf())).ToArray();
        await Expect(await dc.PostAsync($"/api/v1/hotline/requests/{r.Id}/attachments", Form(null, four)), HttpStatusCode.BadRequest, "files");
        await Expect(await dc.PostAsync($"/api/v1/hotline/requests/{r.Id}/attachments", Form(null)), HttpStatusCode.BadRequest, "files");
        // 西城 cannot upload to a 东城 request
        var xc = await app.ClientAsync("xicheng");
        Assert.Equal(HttpStatusCode.NotFound, (await xc.PostAsync($"/api/v1/hotline/requests/{r.Id}/attachments", Form(null, ("a.pdf", UniquePdf())))).StatusCode);

        // the worker files with a voice memo and downloads it; the agent's file is not theirs
        var worker = await app.ClientAsync("worker");
        var wres = await worker.PostAsync("/api/v1/hotline/requests/form", Form(Fields("职工上传 " + Guid.NewGuid()), ("voice.m4a", HotlineMoreRuleTests.M4a)));
        await Expect(wres, HttpStatusCode.Created);
        var mine = (await wres.ReadJsonAsync<RequestDto>())!;
        Assert.Equal(Channel.Portal, mine.Channel);
        var att = Assert.Single((await worker.GetJsonAsync<List<AttachmentDto>>($"/api/v1/hotline/requests/{mine.Id}/attachments"))!);
        var down = await worker.GetAsync($"/api/v1/hotline/attachments/{att.Id}");
        await Expect(down, HttpStatusCode.OK);
        Assert.Equal("audio/mp4", down.Content.Headers.ContentType!.MediaType);

        // closed (merged) → 409
        var dup = await FileAsync(agent, Call());
        await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{dup.Id}/merge", new { targetId = r.Id }), HttpStatusCode.OK);
        await Expect(await agent.PostAsync($"/api/v1/hotline/requests/{dup.Id}/attachments", Form(null, ("late.pdf", UniquePdf()))), HttpStatusCode.Conflict, "Closed");
    }

    [Fact]
    public async Task Anonymous_portal_filing_with_files_answers_a_tracking_code()
    {
        var anon = app.CreateClient();
        var res = await anon.PostAsync("/api/v1/hotline/public/requests/form", Form(Fields("匿名附件 " + Guid.NewGuid()), ("工资表.xlsx", HotlineMoreRuleTests.Xlsx)));
        await Expect(res, HttpStatusCode.OK, "\"trackingCode\":\"GH");
        var bad = await anon.PostAsync("/api/v1/hotline/public/requests/form", Form(Fields("匿名附件 " + Guid.NewGuid()), ("工资表.xlsx", HotlineMoreRuleTests.Docx)));
        await Expect(bad, HttpStatusCode.BadRequest, "files");
    }

    // ------------------------------------------------------------------ merge

    [Fact]
    public async Task An_agent_merges_a_duplicate_into_the_primary_which_alone_counts_in_the_rates()
    {
        var agent = await app.ClientAsync("agent");
        var dc = await app.ClientAsync("dongcheng");
        var phone = Phone();
        var primary = await FileAsync(agent, Call(phone));
        var dup = await FileAsync(agent, Call(phone, category: "social-insurance"));
        var candidates = (await agent.GetJsonAsync<List<DuplicateCandidate>>($"/api/v1/hotline/requests/{dup.Id}/duplicates"))!;
        Assert.Contains(candidates, c => c.Id == primary.Id && c.SameCaller);

        // only agents merge; a retry with the same key acts once
        await Expect(await PostAsync(dc, $"/api/v1/hotline/requests/{dup.Id}/merge", new { targetId = primary.Id }), HttpStatusCode.NotFound);
        var merge = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/hotline/requests/{dup.Id}/merge") { Content = JsonContent(new { targetId = primary.Id, note = "同一事项" }) };
        merge.Headers.Add("Idempotency-Key", "merge-" + dup.Id);
        await Expect(await agent.SendAsync(merge), HttpStatusCode.OK);
        // A retry is the same request again (another body under the same key would be a 422).
        var retry = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/hotline/requests/{dup.Id}/merge") { Content = JsonContent(new { targetId = primary.Id, note = "同一事项" }) };
        retry.Headers.Add("Idempotency-Key", "merge-" + dup.Id);
        await Expect(await agent.SendAsync(retry), HttpStatusCode.OK);

        var d = (await agent.GetJsonAsync<RequestDetailDto>($"/api/v1/hotline/requests/{dup.Id}"))!;
        Assert.Equal((RequestState.Closed, primary.Id, primary.TrackingCode), (d.Request.State, d.Request.MergedIntoId!.Value, d.MergedIntoCode));
        Assert.Equal("merge", d.Timeline.Last().Action);
        Assert.Contains(primary.TrackingCode, d.Timeline.Last().Note);
        var p = (await agent.GetJsonAsync<RequestDetailDto>($"/api/v1/hotline/requests/{primary.Id}"))!;
        Assert.Equal(dup.Id, Assert.Single(p.Merged!).Id);
        Assert.Equal(1, p.Request.MergedCount);
        Assert.Single(p.Timeline, e => e.Action == "merged-in");
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "hotline.merge" && a.EntityId == dup.Id.ToString()).CountAsync());
        Assert.Equal(1, audit);

        // illegal merges: 409 with the reason
        await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{dup.Id}/merge", new { targetId = primary.Id }), HttpStatusCode.Conflict, "Closed");
        var third = await FileAsync(agent, Call(phone));
        await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{third.Id}/merge", new { targetId = third.Id }), HttpStatusCode.Conflict, MergeRules.IntoItself);
        await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{third.Id}/merge", new { targetId = dup.Id }), HttpStatusCode.Conflict, MergeRules.PrimaryMerged);
        await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{primary.Id}/merge", new { targetId = third.Id }), HttpStatusCode.Conflict, MergeRules.DuplicateIsPrimary);
        var stranger = await FileAsync(agent, Call(category: "other"));
        await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{stranger.Id}/merge", new { targetId = third.Id }), HttpStatusCode.Conflict, MergeRules.Unrelated);
        await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{third.Id}/merge", new { }), HttpStatusCode.BadRequest, "targetId");
        await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{third.Id}/merge", new { targetId = Guid.NewGuid() }), HttpStatusCode.BadRequest, "targetId");

        // the primary is handled and visited back; the rates count it once, the duplicate not at all
        var before = (await (await app.ClientAsync("admin")).GetJsonAsync<RatesReport>("/api/v1/hotline/rates"))!.City.ValidVisits;
        await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{primary.Id}/dispatch"), HttpStatusCode.OK);
        foreach (var (act, body) in new (string, object)[] { ("accept", new { }), ("contact", new { }), ("resolve", new { note = "已解决" }) })
            await Expect(await PostAsync(dc, $"/api/v1/hotline/requests/{primary.Id}/{act}", body), HttpStatusCode.OK);
        await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{primary.Id}/visit", new { reached = true, solved = true, satisfaction = "Satisfied" }), HttpStatusCode.OK);
        var after = (await (await app.ClientAsync("admin")).GetJsonAsync<RatesReport>("/api/v1/hotline/rates"))!.City.ValidVisits;
        Assert.Equal(before + 1, after);
        await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{dup.Id}/visit", new { reached = true, solved = true, satisfaction = "Satisfied" }), HttpStatusCode.Conflict);
    }

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body, Json.Options), System.Text.Encoding.UTF8, "application/json");

    // ------------------------------------------------------------------ links

    [Fact]
    public async Task A_request_links_to_a_hardship_file_a_mutual_aid_claim_and_a_legal_aid_case_within_scope()
    {
        var agent = await app.ClientAsync("agent");
        var dc = await app.ClientAsync("dongcheng");
        var files = await app.WithDbAsync(db => (from f in db.Set<HardshipFile>() join u in db.Set<OrgUnit>() on f.OrgUnitId equals u.Id select new { f.Id, f.FileNo, u.Path }).ToListAsync());
        var inDc = files.FirstOrDefault(f => f.Path.StartsWith("/BJ/DC/", StringComparison.Ordinal));
        var outside = files.FirstOrDefault(f => !f.Path.StartsWith("/BJ/DC/", StringComparison.Ordinal));
        Assert.NotNull(inDc);
        Assert.NotNull(outside);
        var claim = await app.WithDbAsync(db => db.Set<MutualAidClaim>().Select(c => c.Id).FirstAsync());

        var r = await FileAsync(agent, Call());
        await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{r.Id}/dispatch"), HttpStatusCode.OK);
        // 东城 links a file in its subtree by number (lower case is fine), but not one elsewhere
        await Expect(await PostAsync(dc, $"/api/v1/hotline/requests/{r.Id}/links", new { kind = "HardshipFile", reference = inDc.FileNo.ToLowerInvariant() }), HttpStatusCode.Created, inDc.FileNo);
        await Expect(await PostAsync(dc, $"/api/v1/hotline/requests/{r.Id}/links", new { kind = "HardshipFile", reference = outside.FileNo }), HttpStatusCode.BadRequest, "reference");
        await Expect(await PostAsync(dc, $"/api/v1/hotline/requests/{r.Id}/links", new { kind = "HardshipFile", reference = inDc.Id.ToString() }), HttpStatusCode.Conflict, HotlineCodes.LinkExists);
        // the federation administrator links the file elsewhere; the agent links a claim by id and a legal-aid case by number
        var admin = await app.ClientAsync("admin");
        await Expect(await PostAsync(admin, $"/api/v1/hotline/requests/{r.Id}/links", new { kind = "HardshipFile", reference = outside.Id.ToString() }), HttpStatusCode.Created);
        await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{r.Id}/links", new { kind = "MutualAidClaim", reference = claim.ToString() }), HttpStatusCode.Created);
        await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{r.Id}/links", new { kind = "MutualAidClaim", reference = "not-an-id" }), HttpStatusCode.BadRequest, "reference");
        await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{r.Id}/links", new { kind = "LegalAidCase", reference = "（2020）京东法援民字第88号" }), HttpStatusCode.Created, "(2020)京东法援民字第88号");
        await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{r.Id}/links", new { kind = "LegalAidCase", reference = "LA-88" }), HttpStatusCode.BadRequest, "reference");
        await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{r.Id}/links", new { reference = "x" }), HttpStatusCode.BadRequest, "kind");

        var agentLinks = (await agent.GetJsonAsync<List<LinkDto>>($"/api/v1/hotline/requests/{r.Id}/links"))!;
        Assert.Equal(4, agentLinks.Count);
        // 东城 sees the links its scope covers (its own file, the external legal-aid number; the claim only if in 东城)
        var dcLinks = (await dc.GetJsonAsync<RequestDetailDto>($"/api/v1/hotline/requests/{r.Id}"))!.Links!;
        Assert.Contains(dcLinks, l => l.Reference == inDc.FileNo);
        Assert.DoesNotContain(dcLinks, l => l.Reference == outside.FileNo);
        Assert.Contains(dcLinks, l => l.Kind == LinkKind.LegalAidCase && l.External);
        // 西城 sees neither the request nor its links
        var xc = await app.ClientAsync("xicheng");
        Assert.Equal(HttpStatusCode.NotFound, (await xc.GetAsync($"/api/v1/hotline/requests/{r.Id}/links")).StatusCode);
        await Expect(await PostAsync(xc, $"/api/v1/hotline/requests/{r.Id}/links", new { kind = "LegalAidCase", reference = "(2020)京东法援民字第9号" }), HttpStatusCode.NotFound);

        var legal = agentLinks.Single(l => l.Kind == LinkKind.LegalAidCase);
        Assert.Equal(HttpStatusCode.NoContent, (await dc.DeleteAsync($"/api/v1/hotline/requests/{r.Id}/links/{legal.Id}")).StatusCode);
        Assert.Equal(3, (await agent.GetJsonAsync<List<LinkDto>>($"/api/v1/hotline/requests/{r.Id}/links"))!.Count);
        var timeline = (await agent.GetJsonAsync<RequestDetailDto>($"/api/v1/hotline/requests/{r.Id}"))!.Timeline.Select(e => e.Action).ToList();
        Assert.Equal(4, timeline.Count(a => a == "link"));
        Assert.Single(timeline, a => a == "unlink");
    }

    [Fact]
    public async Task Open_legal_aid_opens_a_case_from_the_request_and_links_both_ways_once()
    {
        var agent = await app.ClientAsync("agent");
        var dc = await app.ClientAsync("dongcheng");
        var firm = await app.WithDbAsync(db => db.Set<Enterprise>().Where(e => e.DistrictCode == "110101").Select(e => e.Id).FirstAsync());
        var r = await FileAsync(agent, Call(enterpriseId: firm));
        await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{r.Id}/dispatch"), HttpStatusCode.OK);
        // an agent may not open legal cases (legal.work); 西城 does not see the request
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(agent, $"/api/v1/hotline/requests/{r.Id}/legal-aid")).StatusCode);
        await Expect(await PostAsync(await app.ClientAsync("xicheng"), $"/api/v1/hotline/requests/{r.Id}/legal-aid"), HttpStatusCode.NotFound);

        var res = await PostAsync(dc, $"/api/v1/hotline/requests/{r.Id}/legal-aid");
        await Expect(res, HttpStatusCode.Created);
        var link = (await res.ReadJsonAsync<LinkDto>())!;
        Assert.Equal(LinkKind.LegalAidCase, link.Kind);
        Assert.False(link.External);
        Assert.StartsWith("LA", link.Reference);
        var caseId = link.TargetId!.Value;
        // the case keeps the request, the caller and the enterprise
        var c = await app.WithDbAsync(db => db.Set<Gonghui.Modules.Legal.Cases.LegalCase>().AsNoTracking().SingleAsync(x => x.Id == caseId));
        Assert.Equal((r.Id, "赵师傅", firm, Gonghui.Modules.Legal.Rules.CaseChannel.Hotline), (c.HotlineRequestId!.Value, c.WorkerName, c.EmployerId!.Value, c.Channel));
        // a second click answers the same case and adds no link; after unlinking, it restores the link to the same case
        var again = (await (await PostAsync(dc, $"/api/v1/hotline/requests/{r.Id}/legal-aid")).ReadJsonAsync<LinkDto>())!;
        Assert.Equal((link.Id, caseId), (again.Id, again.TargetId!.Value));
        Assert.Equal(HttpStatusCode.NoContent, (await dc.DeleteAsync($"/api/v1/hotline/requests/{r.Id}/links/{link.Id}")).StatusCode);
        var restored = (await (await PostAsync(dc, $"/api/v1/hotline/requests/{r.Id}/legal-aid")).ReadJsonAsync<LinkDto>())!;
        Assert.Equal(caseId, restored.TargetId);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Gonghui.Modules.Legal.Cases.LegalCase>().CountAsync(x => x.HotlineRequestId == r.Id)));
        var links = (await dc.GetJsonAsync<RequestDetailDto>($"/api/v1/hotline/requests/{r.Id}"))!.Links!;
        Assert.Single(links, l => l.Kind == LinkKind.LegalAidCase && l.TargetId == caseId);
    }

    [Fact]
    public async Task A_link_to_a_record_the_caller_cannot_open_is_refused_as_a_localized_field_error()
    {
        var agent = await app.ClientAsync("agent");
        var dc = await app.ClientAsync("dongcheng");
        var (fileId, file) = await app.WithDbAsync(async db => (await (from f in db.Set<HardshipFile>() join u in db.Set<OrgUnit>() on f.OrgUnitId equals u.Id
                                                where u.Path.StartsWith("/BJ/DC/") select new { f.Id, f.FileNo }).FirstAsync()) is var x ? (x.Id, x.FileNo) : default);
        var claimElsewhere = await app.WithDbAsync(db => (from c in db.Set<MutualAidClaim>() join u in db.Set<OrgUnit>() on c.UnionId equals u.Id
                                                          where !u.Path.StartsWith("/BJ/DC/") select c.Id).FirstAsync());
        var r = await FileAsync(agent, Call());
        await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{r.Id}/dispatch"), HttpStatusCode.OK);

        // hotline agents do not open hardship files (the hardship module's readers are union staff), so they cannot link one
        Assert.Contains((await agent.GetAsync($"/api/v1/hardship/files/{fileId}")).StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        var refused = await PostAsync(agent, $"/api/v1/hotline/requests/{r.Id}/links", new { kind = "HardshipFile", reference = file });
        await Expect(refused, HttpStatusCode.BadRequest);
        var problem = (await refused.ReadJsonAsync<ValidationProblemBody>())!;
        Assert.Equal("没有您有权查看的这份困难职工档案，不能关联", Assert.Single(problem.Errors["reference"]));
        var en = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/hotline/requests/{r.Id}/links") { Content = JsonContent(new { kind = "HardshipFile", reference = file }) };
        en.Headers.AcceptLanguage.ParseAdd("en-US");
        var refusedEn = await agent.SendAsync(en);
        await Expect(refusedEn, HttpStatusCode.BadRequest, "No hardship file with this number or id that you may open");
        // 东城 staff open files in their district, so they link it
        await Expect(await PostAsync(dc, $"/api/v1/hotline/requests/{r.Id}/links", new { kind = "HardshipFile", reference = file }), HttpStatusCode.Created, file);

        // the same rule for mutual aid: 东城 does not open a claim of a union elsewhere
        var claimRefused = await PostAsync(dc, $"/api/v1/hotline/requests/{r.Id}/links", new { kind = "MutualAidClaim", reference = claimElsewhere.ToString() });
        await Expect(claimRefused, HttpStatusCode.BadRequest);
        Assert.Equal("没有您有权查看的这笔医疗互助理赔，不能关联", Assert.Single((await claimRefused.ReadJsonAsync<ValidationProblemBody>())!.Errors["reference"]));
        Assert.Equal(HttpStatusCode.NotFound, (await dc.GetAsync($"/api/v1/mutual-aid/claims/{claimElsewhere}")).StatusCode);
        await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{r.Id}/links", new { kind = "MutualAidClaim", reference = claimElsewhere.ToString() }), HttpStatusCode.Created);
        var links = (await agent.GetJsonAsync<List<LinkDto>>($"/api/v1/hotline/requests/{r.Id}/links"))!;
        Assert.Equal([LinkKind.HardshipFile, LinkKind.MutualAidClaim], links.Select(l => l.Kind).ToArray());
    }

    private sealed record ValidationProblemBody(Dictionary<string, string[]> Errors);

    // ------------------------------------------------------------------ update deadline

    [Fact]
    public async Task A_unit_that_posts_no_progress_update_is_flagged_in_the_inbox_and_a_progress_update_clears_it()
    {
        var agent = await app.ClientAsync("agent");
        var dc = await app.ClientAsync("dongcheng");
        // taken twelve days ago (agents may back-date): three working days for an update have passed, fifteen to resolve have not
        var r = await FileAsync(agent, Call(receivedAt: DateTimeOffset.UtcNow.AddDays(-12)));
        await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{r.Id}/dispatch"), HttpStatusCode.OK);
        await Expect(await PostAsync(dc, $"/api/v1/hotline/requests/{r.Id}/accept"), HttpStatusCode.OK);
        await Expect(await PostAsync(dc, $"/api/v1/hotline/requests/{r.Id}/contact"), HttpStatusCode.OK);
        var inbox = (await dc.GetJsonAsync<Slice<RequestDto>>($"/api/v1/hotline/requests?overdue=true&q={r.TrackingCode}"))!;
        var row = Assert.Single(inbox.Items);
        Assert.True(row.UpdateOverdue);
        Assert.True(row.ResolutionDueAt > DateTimeOffset.UtcNow);

        await Expect(await PostAsync(dc, $"/api/v1/hotline/requests/{r.Id}/progress"), HttpStatusCode.BadRequest, "note");
        var progressed = await PostAsync(dc, $"/api/v1/hotline/requests/{r.Id}/progress", new { note = "已约企业负责人面谈" });
        await Expect(progressed, HttpStatusCode.OK);
        var b = (await progressed.ReadJsonAsync<RequestDto>())!;
        Assert.False(b.UpdateOverdue);
        Assert.True(b.UpdateDueAt > DateTimeOffset.UtcNow);
        Assert.NotNull(b.LastProgressAt);
        var after = (await dc.GetJsonAsync<Slice<RequestDto>>($"/api/v1/hotline/requests?q={r.TrackingCode}"))!;
        Assert.False(Assert.Single(after.Items).UpdateOverdue);
        var d = (await dc.GetJsonAsync<RequestDetailDto>($"/api/v1/hotline/requests/{r.Id}"))!;
        Assert.Equal("已约企业负责人面谈", d.Timeline.Last(e => e.Action == "progress").Note);

        // a request still being received owes no progress update yet: 409 naming the state
        var fresh = await FileAsync(agent, Call());
        await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{fresh.Id}/progress", new { note = "x" }), HttpStatusCode.Conflict, "Received");
    }

    [Fact]
    public async Task A_missed_update_deadline_is_escalated_to_the_parent_like_the_other_deadlines()
    {
        var agent = await app.ClientAsync("agent");
        var dc = await app.ClientAsync("dongcheng");
        var r = await FileAsync(agent, Call());
        await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{r.Id}/dispatch"), HttpStatusCode.OK);
        await Expect(await PostAsync(dc, $"/api/v1/hotline/requests/{r.Id}/accept"), HttpStatusCode.OK);
        var contacted = (await (await PostAsync(dc, $"/api/v1/hotline/requests/{r.Id}/contact")).ReadJsonAsync<RequestDto>())!;
        Assert.True(contacted.ContactedInTime);
        // the scan on its own clock: a minute before the update deadline nothing happens, a minute after it escalates
        var scan = async (DateTimeOffset at) => await app.WithScopeAsync(async sp => await sp.GetRequiredService<OverdueScanner>().RunOnceAsync(at));
        await scan(contacted.UpdateDueAt.AddMinutes(-1));
        Assert.Equal(0, (await app.WithDbAsync(db => db.Set<HotlineRequest>().AsNoTracking().SingleAsync(x => x.Id == r.Id))).EscalationLevel);
        await scan(contacted.UpdateDueAt.AddMinutes(1));
        var s = await app.WithDbAsync(db => db.Set<HotlineRequest>().AsNoTracking().SingleAsync(x => x.Id == r.Id));
        Assert.True(s.ResolutionDueAt > contacted.UpdateDueAt.AddMinutes(1));
        Assert.Equal((RequestState.Escalated, true, 1), (s.State, s.Overdue, s.EscalationLevel));
        var root = await app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Code == "BJ").Select(u => u.Id).SingleAsync());
        Assert.Equal(root, s.EscalatedToUnitId);
        var note = await app.WithDbAsync(db => db.Set<HotlineRequestEvent>().Where(e => e.RequestId == r.Id && e.Action == "escalate").Select(e => e.Note).SingleAsync());
        Assert.Equal("update overdue", note);
        // under supervision the unit still posts updates
        await Expect(await PostAsync(dc, $"/api/v1/hotline/requests/{r.Id}/progress", new { note = "督办后反馈" }), HttpStatusCode.OK);
    }

    // ------------------------------------------------------------------ monthly topics

    [Fact]
    public async Task A_district_supervisor_promotes_an_alert_to_a_monthly_topic_that_follows_its_requests_to_a_summary()
    {
        var agent = await app.ClientAsync("agent");
        var dc = await app.ClientAsync("dongcheng");
        var ent = new Enterprise { Name = "每月一题测试公司" + Guid.NewGuid().ToString("N")[..6], CreditCode = "91T" + Guid.NewGuid().ToString("N")[..15].ToUpperInvariant(), DistrictCode = "110101" };
        await app.WithDbAsync(async db => { db.Add(ent); return await db.SaveChangesAsync(); });
        // five wage-arrears calls about one enterprise in a week, dispatched to 东城
        for (var i = 0; i < 5; i++)
        {
            var filed = await FileAsync(agent, Call(enterpriseId: ent.Id));
            await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{filed.Id}/dispatch"), HttpStatusCode.OK);
        }
        var key = "enterprise:" + ent.Id;
        HotlineAlert? alert = null;
        for (var i = 0; i < 300 && alert is null; i++) // up to 30 s on a loaded machine
        {
            alert = await app.WithDbAsync(db => db.Set<HotlineAlert>().AsNoTracking().FirstOrDefaultAsync(a => a.Key == key));
            if (alert is null) await Task.Delay(100);
        }
        Assert.NotNull(alert);
        Assert.Equal("/BJ/DC/", alert.ScopePath);
        var dcUnit = await app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Code == "DC").Select(u => u.Id).SingleAsync());
        var xcUnit = await app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Code == "XC").Select(u => u.Id).SingleAsync());

        var url = $"/api/v1/hotline/alerts/{alert.Id}/topic";
        var xc = await app.ClientAsync("xicheng");
        await Expect(await PostAsync(xc, url, new { month = "2026-11", title = "t", target = "t", leadUnitId = xcUnit }), HttpStatusCode.NotFound);
        await Expect(await PostAsync(dc, url, new { month = "2026-13", title = "", target = "清欠", leadUnitId = xcUnit }), HttpStatusCode.BadRequest, "month");
        var bad = await (await PostAsync(dc, url, new { month = "2026-13", title = "", target = "清欠", leadUnitId = xcUnit })).ReadJsonAsync<JsonElement>();
        foreach (var f in new[] { "month", "title", "leadUnitId" }) Assert.True(bad.GetProperty("errors").TryGetProperty(f, out _), f);

        var res = await PostAsync(dc, url, new { month = "2026-11", title = "欠薪集中投诉", target = "一个月内清欠并建会", leadUnitId = dcUnit });
        await Expect(res, HttpStatusCode.OK);
        var topic = (await res.ReadJsonAsync<TopicDetailDto>())!;
        Assert.Equal((5, TopicStatus.Open, "2026-11"), (topic.Requests.Count, topic.Topic.Status, topic.Topic.Month));
        await Expect(await PostAsync(dc, url, new { month = "2026-11", title = "again", target = "t", leadUnitId = dcUnit }), HttpStatusCode.Conflict, "Topic");

        // a new matching request joins the topic; another category does not
        foreach (var call in new[] { Call(enterpriseId: ent.Id), Call(category: "social-insurance", enterpriseId: ent.Id) })
        {
            var filed = await FileAsync(agent, call);
            await Expect(await PostAsync(agent, $"/api/v1/hotline/requests/{filed.Id}/dispatch"), HttpStatusCode.OK);
        }
        // the federation sees the same requests, 西城 sees neither topic nor requests; the agent takes calls, not topics
        var id = topic.Topic.Id;
        Assert.Equal(6, (await dc.GetJsonAsync<TopicDetailDto>($"/api/v1/hotline/topics/{id}"))!.Requests.Count);
        Assert.Equal(6, (await (await app.ClientAsync("admin")).GetJsonAsync<TopicDetailDto>($"/api/v1/hotline/topics/{id}"))!.Requests.Count);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"/api/v1/hotline/topics/{id}")).StatusCode);

        await Expect(await PostAsync(dc, $"/api/v1/hotline/topics/{id}/notes", new { text = "" }), HttpStatusCode.BadRequest, "text");
        await Expect(await PostAsync(dc, $"/api/v1/hotline/topics/{id}/notes", new { text = "已约谈企业" }), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, (await xc.GetAsync($"/api/v1/hotline/topics/{id}")).StatusCode);
        var list = (await dc.GetJsonAsync<List<TopicDto>>("/api/v1/hotline/topics?month=2026-11"))!;
        Assert.Contains(list, t => t.Id == id && t.RequestCount == 6 && t.LeadUnitName == "东城区总工会");
        Assert.DoesNotContain((await xc.GetJsonAsync<List<TopicDto>>("/api/v1/hotline/topics?month=2026-11"))!, t => t.Id == id);
        Assert.Equal(HttpStatusCode.BadRequest, (await dc.GetAsync("/api/v1/hotline/topics?month=11-2026")).StatusCode);

        await Expect(await PostAsync(dc, $"/api/v1/hotline/topics/{id}/close", new { summary = " " }), HttpStatusCode.BadRequest, "summary");
        await Expect(await PostAsync(dc, $"/api/v1/hotline/topics/{id}/close", new { summary = "已清欠，企业建会", version = 1 }), HttpStatusCode.Conflict, HotlineCodes.TopicVersionChanged);
        var closed = await PostAsync(dc, $"/api/v1/hotline/topics/{id}/close", new { summary = "已清欠，企业建会" });
        await Expect(closed, HttpStatusCode.OK);
        var c = (await closed.ReadJsonAsync<TopicDetailDto>())!;
        Assert.Equal((TopicStatus.Closed, "已清欠，企业建会"), (c.Topic.Status, c.Topic.Summary));
        Assert.Equal(3, c.Notes.Count);
        await Expect(await PostAsync(dc, $"/api/v1/hotline/topics/{id}/notes", new { text = "late" }), HttpStatusCode.Conflict, HotlineCodes.TopicClosed);
        var a2 = await app.WithDbAsync(db => db.Set<HotlineAlert>().AsNoTracking().SingleAsync(a => a.Id == alert.Id));
        Assert.Equal(AlertStatus.Closed, a2.Status);
    }
}

public sealed class HotlineMoreApiTests_Sqlite(SqliteApp app) : HotlineMoreApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class HotlineMoreApiTests_Postgres(PostgresApp app) : HotlineMoreApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
