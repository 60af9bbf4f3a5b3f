using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Modules.Organizations.Demo;
using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Http;
using Gonghui.Platform.Ids;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Tests.Organizations;

/// <summary>Units, enterprises and members over real HTTP, with scope; run on SQLite and on PostgreSQL.</summary>
public abstract partial class RegistryApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    // Indices far above the demo's keep generated ID numbers unique against demo data and between tests.
    private static long _nextPerson = 2_000_000 + Random.Shared.Next(0, 10_000_000);
    private static int _nextCode = Random.Shared.Next(0, 100_000);

    internal static GeneratedPerson NewPerson() => PeopleGenerator.Generate(Interlocked.Increment(ref _nextPerson));
    internal static string NewCode(string prefix) => $"{prefix}{Interlocked.Increment(ref _nextCode):D6}";

    internal static async Task<OrgUnitDto> UnitByPathAsync(HttpClient admin, string path) =>
        (await admin.GetJsonAsync<List<OrgUnitDto>>("/api/v1/orgs"))!.Single(u => u.Path == path);

    internal static async Task<OrgUnitDto> NewUnitAsync(HttpClient client, Guid parentId, string kind = "GrassrootsUnion", string prefix = "T")
    {
        var res = await client.PostJsonAsync("/api/v1/orgs", new { parentId, code = NewCode(prefix), name = "测试工会" + NewCode(""), kind });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return (await res.ReadJsonAsync<OrgUnitDto>())!;
    }

    internal static async Task<MemberDto> NewMemberAsync(HttpClient client, Guid unionId, GeneratedPerson? person = null)
    {
        var p = person ?? NewPerson();
        var res = await client.PostJsonAsync("/api/v1/members", new
        {
            name = p.Name, idNumber = p.IdNumber, phone = p.Phone, employmentType = p.EmploymentType.ToString(),
            joinedOn = p.JoinedOn.ToString("yyyy-MM-dd"), cardNumber = p.CardNumber, unionId,
        });
        Assert.True(res.StatusCode == HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
        return (await res.ReadJsonAsync<MemberDto>())!;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage res) => await res.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task A_district_cannot_list_read_change_transfer_or_reveal_another_districts_members()
    {
        var admin = await app.ClientAsync("admin");
        var dongcheng = await app.ClientAsync("dongcheng");
        var xicheng = await app.ClientAsync("xicheng");
        var xcUnit = await NewUnitAsync(xicheng, (await UnitByPathAsync(admin, "/BJ/XC/")).Id, prefix: "XCT");
        var dcUnit = await NewUnitAsync(dongcheng, (await UnitByPathAsync(admin, "/BJ/DC/")).Id, prefix: "DCT");
        var person = NewPerson();
        var member = await NewMemberAsync(xicheng, xcUnit.Id, person);

        // Not in lists, not by name, not by exact ID number.
        var byName = await dongcheng.GetJsonAsync<Slice<MemberDto>>($"/api/v1/members?q={Uri.EscapeDataString(member.Name)}&limit=200");
        Assert.DoesNotContain(byName!.Items, m => m.Id == member.Id);
        Assert.All(byName.Items, m => Assert.NotEqual(xcUnit.Id, m.UnionId));
        var byId = await dongcheng.GetJsonAsync<Slice<MemberDto>>($"/api/v1/members?q={person.IdNumber}");
        Assert.Equal(0, byId!.TotalEstimate);
        Assert.Equal(0, (await dongcheng.GetJsonAsync<Slice<MemberDto>>($"/api/v1/members?unionId={xcUnit.Id}"))!.TotalEstimate);

        // Every door answers 404.
        Assert.Equal(HttpStatusCode.NotFound, (await dongcheng.GetAsync($"/api/v1/members/{member.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dongcheng.GetAsync($"/api/v1/members/{member.Id}/personal")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dongcheng.GetAsync($"/api/v1/members/{member.Id}/timeline")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dongcheng.PutJsonAsync($"/api/v1/members/{member.Id}", new { name = "篡改" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dongcheng.PostJsonAsync($"/api/v1/members/{member.Id}/transfer", new { toUnionId = dcUnit.Id })).StatusCode);

        // Nor can xicheng pull a member into a dongcheng union, or enrol one there.
        var transfer = await xicheng.PostJsonAsync($"/api/v1/members/{member.Id}/transfer", new { toUnionId = dcUnit.Id });
        Assert.Equal(HttpStatusCode.BadRequest, transfer.StatusCode);
        Assert.True((await ProblemAsync(transfer)).GetProperty("errors").TryGetProperty("toUnionId", out _));
        var enrol = await xicheng.PostJsonAsync("/api/v1/members", new { name = "越界", idNumber = NewPerson().IdNumber, unionId = dcUnit.Id });
        Assert.Equal(HttpStatusCode.BadRequest, enrol.StatusCode);

        // The owner and the federation still see the member, unchanged.
        var mine = await xicheng.GetJsonAsync<MemberDto>($"/api/v1/members/{member.Id}");
        Assert.Equal(member.Name, mine!.Name);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/members/{member.Id}")).StatusCode);
    }

    [Fact]
    public async Task Members_are_masked_found_by_exact_id_or_phone_and_reveal_is_audited()
    {
        var admin = await app.ClientAsync("admin");
        var dongcheng = await app.ClientAsync("dongcheng");
        var unit = await NewUnitAsync(dongcheng, (await UnitByPathAsync(admin, "/BJ/DC/")).Id);
        var p = NewPerson();
        var m = await NewMemberAsync(dongcheng, unit.Id, p);
        Assert.Equal(ResidentId.Mask(p.IdNumber), m.IdNumberMasked);
        Assert.Equal(MobilePhone.Mask(p.Phone), m.PhoneMasked);
        Assert.Equal(p.BirthDate, m.BirthDate);

        var raw = await dongcheng.GetStringAsync($"/api/v1/members?q={p.IdNumber}");
        Assert.DoesNotContain(p.IdNumber, raw);
        Assert.DoesNotContain(p.Phone, raw);
        var byId = await dongcheng.GetJsonAsync<Slice<MemberDto>>($"/api/v1/members?q={p.IdNumber}");
        Assert.Equal(m.Id, Assert.Single(byId!.Items).Id);
        var byPhone = await dongcheng.GetJsonAsync<Slice<MemberDto>>($"/api/v1/members?q={p.Phone}&unionId={unit.Id}");
        Assert.Equal(m.Id, Assert.Single(byPhone!.Items).Id);
        var byCard = await dongcheng.GetJsonAsync<Slice<MemberDto>>($"/api/v1/members?q={p.CardNumber}");
        Assert.Contains(byCard!.Items, x => x.Id == m.Id);
        var byType = await dongcheng.GetJsonAsync<Slice<MemberDto>>($"/api/v1/members?unionId={unit.Id}&employmentType={p.EmploymentType}&status=Active");
        Assert.Equal(m.Id, Assert.Single(byType!.Items).Id);

        var personal = await dongcheng.GetJsonAsync<MemberPersonalDto>($"/api/v1/members/{m.Id}/personal");
        Assert.Equal(p.IdNumber, personal!.IdNumber);
        Assert.Equal(p.Phone, personal.Phone);
        var reveals = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "Member" && a.EntityId == m.Id.ToString() && a.Action == "reveal").ToListAsync());
        Assert.Equal("dongcheng", Assert.Single(reveals).Actor);
        var timeline = await dongcheng.GetJsonAsync<List<TimelineItem>>($"/api/v1/members/{m.Id}/timeline");
        Assert.Contains(timeline!, t => t.Action == "reveal");
        Assert.Contains(timeline!, t => t.Action == "create");

        // Stored encrypted: neither the number nor the phone is in the row.
        var row = await app.WithDbAsync(db => db.Set<Member>().AsNoTracking().SingleAsync(x => x.Id == m.Id));
        Assert.DoesNotContain(p.IdNumber, row.IdNumberCipher + row.IdNumberHash + row.IdNumberMasked);
        Assert.DoesNotContain(p.Phone, row.PhoneCipher + row.PhoneHash + row.PhoneMasked);

        // The hotline agent is staff but may not reveal.
        var agent = await app.ClientAsync("agent");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"/api/v1/members/{m.Id}/personal")).StatusCode);
    }

    [Fact]
    public async Task A_second_member_with_the_same_id_is_409_naming_the_unit()
    {
        var admin = await app.ClientAsync("admin");
        var xicheng = await app.ClientAsync("xicheng");
        var dongcheng = await app.ClientAsync("dongcheng");
        var holder = await NewUnitAsync(xicheng, (await UnitByPathAsync(admin, "/BJ/XC/")).Id);
        var other = await NewUnitAsync(dongcheng, (await UnitByPathAsync(admin, "/BJ/DC/")).Id);
        var p = NewPerson();
        await NewMemberAsync(xicheng, holder.Id, p);

        var again = await dongcheng.PostJsonAsync("/api/v1/members", new { name = "重复", idNumber = p.IdNumber.ToLowerInvariant(), unionId = other.Id });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await ProblemAsync(again);
        Assert.Contains(holder.Name, problem.GetProperty("detail").GetString());
        Assert.Contains("已在", problem.GetProperty("detail").GetString());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Member>().CountAsync(m => m.UnionId == holder.Id || m.UnionId == other.Id)));
    }

    [Fact]
    public async Task Bad_member_fields_are_named_with_localized_messages()
    {
        var admin = await app.ClientAsync("admin");
        var dongcheng = await app.ClientAsync("dongcheng");
        var unit = await NewUnitAsync(dongcheng, (await UnitByPathAsync(admin, "/BJ/DC/")).Id);
        var good = NewPerson().IdNumber;
        var badCheck = good[..17] + (good[17] == '0' ? '1' : '0');
        var body = new { name = "张三", idNumber = badCheck, phone = "12345", unionId = unit.Id };
        var zh = await dongcheng.PostJsonAsync("/api/v1/members", body);
        Assert.Equal(HttpStatusCode.BadRequest, zh.StatusCode);
        var errors = (await ProblemAsync(zh)).GetProperty("errors");
        Assert.Equal("身份证号校验位不正确，请核对。", errors.GetProperty("idNumber")[0].GetString());
        Assert.Equal("请输入有效的11位手机号码。", errors.GetProperty("phone")[0].GetString());

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/members") { Content = JsonContent.Create(body) };
        request.Headers.AcceptLanguage.ParseAdd("en-US");
        var en = await dongcheng.SendAsync(request);
        var enErrors = (await ProblemAsync(en)).GetProperty("errors");
        Assert.Contains("check digit", enErrors.GetProperty("idNumber")[0].GetString());
    }

    [Fact]
    public async Task Transfer_moves_the_member_keeps_history_and_a_retry_with_the_same_key_does_not_move_twice()
    {
        var admin = await app.ClientAsync("admin");
        var dc = (await UnitByPathAsync(admin, "/BJ/DC/")).Id;
        var from = await NewUnitAsync(admin, dc);
        var to = await NewUnitAsync(admin, (await UnitByPathAsync(admin, "/BJ/XC/")).Id);
        var m = await NewMemberAsync(admin, from.Id);

        var request = () =>
        {
            var r = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/members/{m.Id}/transfer") { Content = JsonContent.Create(new { toUnionId = to.Id, reason = "调动工作" }) };
            r.Headers.Add("Idempotency-Key", "transfer-" + m.Id);
            return r;
        };
        var first = await admin.SendAsync(request());
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var moved = await first.ReadJsonAsync<MemberDto>();
        Assert.Equal(to.Id, moved!.UnionId);
        var transfer = Assert.Single(moved.Transfers!);
        Assert.Equal(from.Id, transfer.FromUnionId);
        Assert.Equal("调动工作", transfer.Reason);

        var retry = await admin.SendAsync(request());
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<MemberTransfer>().CountAsync(t => t.MemberId == m.Id)));

        // Without a key, a second identical transfer is a conflict, not a silent second move.
        var again = await admin.PostJsonAsync($"/api/v1/members/{m.Id}/transfer", new { toUnionId = to.Id });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // Now in xicheng: dongcheng has lost sight of the member.
        var dongcheng = await app.ClientAsync("dongcheng");
        Assert.Equal(HttpStatusCode.NotFound, (await dongcheng.GetAsync($"/api/v1/members/{m.Id}")).StatusCode);
    }

    [Fact]
    public async Task Update_changes_fields_keeps_omitted_personal_data_and_refuses_a_union_change()
    {
        var admin = await app.ClientAsync("admin");
        var dongcheng = await app.ClientAsync("dongcheng");
        var unit = await NewUnitAsync(dongcheng, (await UnitByPathAsync(admin, "/BJ/DC/")).Id);
        var p = NewPerson();
        var m = await NewMemberAsync(dongcheng, unit.Id, p);
        var res = await dongcheng.PutJsonAsync($"/api/v1/members/{m.Id}", new { name = "李新名", employmentType = "FlexibleWorker", status = "Lapsed" });
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var updated = await res.ReadJsonAsync<MemberDto>();
        Assert.Equal("李新名", updated!.Name);
        Assert.Equal(EmploymentType.FlexibleWorker, updated.EmploymentType);
        Assert.Equal(MemberStatus.Lapsed, updated.Status);
        Assert.Equal(m.IdNumberMasked, updated.IdNumberMasked);
        Assert.Equal(m.PhoneMasked, updated.PhoneMasked);
        var other = await NewUnitAsync(dongcheng, (await UnitByPathAsync(admin, "/BJ/DC/")).Id);
        var move = await dongcheng.PutJsonAsync($"/api/v1/members/{m.Id}", new { name = "李新名", unionId = other.Id });
        Assert.Equal(HttpStatusCode.BadRequest, move.StatusCode);
    }

    [Fact]
    public async Task A_service_unit_sits_under_the_federation_holds_no_unions_and_covers_no_district()
    {
        var admin = await app.ClientAsync("admin");
        var root = await UnitByPathAsync(admin, "/BJ/");
        var dc = await UnitByPathAsync(admin, "/BJ/DC/");
        var service = await NewUnitAsync(admin, root.Id, kind: "ServiceUnit", prefix: "SV");
        Assert.Equal((OrgUnitKind.ServiceUnit, 1, (Guid?)root.Id, (string?)null), (service.Kind, service.Depth, service.ParentId, service.DistrictCode));
        Assert.Contains((await admin.GetJsonAsync<List<OrgUnitDto>>($"/api/v1/orgs?parentId={root.Id}"))!, u => u.Id == service.Id && u.Kind == OrgUnitKind.ServiceUnit);

        // no member unions below it, so no member, claim or refund is ever funded by it
        var under = await admin.PostJsonAsync("/api/v1/orgs", new { parentId = service.Id, code = NewCode("SG"), name = "测试工会", kind = "GrassrootsUnion" });
        Assert.Equal(HttpStatusCode.BadRequest, under.StatusCode);
        Assert.Equal("服务单位下不能设立基层工会。", (await ProblemAsync(under)).GetProperty("errors").GetProperty("kind")[0].GetString());
        var en = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orgs") { Content = JsonContent.Create(new { parentId = service.Id, code = NewCode("SG"), name = "x", kind = "GrassrootsUnion" }) };
        en.Headers.AcceptLanguage.ParseAdd("en-US");
        Assert.Contains("A Grassroots union cannot sit under a Service unit", await (await admin.SendAsync(en)).Content.ReadAsStringAsync());
        // a federation-level body: not inside a district
        var inDistrict = await admin.PostJsonAsync("/api/v1/orgs", new { parentId = dc.Id, code = NewCode("SD"), name = "服务中心", kind = "ServiceUnit" });
        Assert.Equal(HttpStatusCode.BadRequest, inDistrict.StatusCode);
        Assert.Equal("区总工会下不能设立服务单位。", (await ProblemAsync(inDistrict)).GetProperty("errors").GetProperty("kind")[0].GetString());
        // and no district code: "the depth-1 unit of district X" (fee-refund and loan funding) must never find a service unit
        var coded = await admin.PostJsonAsync("/api/v1/orgs", new { parentId = root.Id, code = NewCode("SC"), name = "服务中心", kind = "ServiceUnit", districtCode = "110101" });
        Assert.Equal(HttpStatusCode.BadRequest, coded.StatusCode);
        Assert.True((await ProblemAsync(coded)).GetProperty("errors").TryGetProperty("districtCode", out _));
        // a district's staff cannot create one in their subtree either
        var dongcheng = await app.ClientAsync("dongcheng");
        Assert.Equal(HttpStatusCode.BadRequest, (await dongcheng.PostJsonAsync("/api/v1/orgs", new { parentId = dc.Id, code = NewCode("SX"), name = "服务中心", kind = "ServiceUnit" })).StatusCode);
    }

    [Fact]
    public async Task Moving_a_unit_rewrites_every_descendant_path_and_refuses_cycles_and_illegal_kinds()
    {
        var admin = await app.ClientAsync("admin");
        var root = await UnitByPathAsync(admin, "/BJ/");
        var dc = await UnitByPathAsync(admin, "/BJ/DC/");
        var xc = await UnitByPathAsync(admin, "/BJ/XC/");
        var industry = await NewUnitAsync(admin, dc.Id, kind: "IndustryUnion", prefix: "IU");
        var child = await NewUnitAsync(admin, industry.Id, prefix: "GU");
        Assert.Equal(industry.Path + child.Code + "/", child.Path);

        var res = await admin.PostJsonAsync($"/api/v1/orgs/{industry.Id}/move", new { newParentId = xc.Id });
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var moved = await admin.GetJsonAsync<OrgUnitDto>($"/api/v1/orgs/{industry.Id}");
        var movedChild = await admin.GetJsonAsync<OrgUnitDto>($"/api/v1/orgs/{child.Id}");
        Assert.Equal($"/BJ/XC/{industry.Code}/", moved!.Path);
        Assert.Equal(xc.Id, moved.ParentId);
        Assert.Equal($"/BJ/XC/{industry.Code}/{child.Code}/", movedChild!.Path);
        Assert.Equal(industry.Id, movedChild.ParentId);
        Assert.Equal(3, movedChild.Depth);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "move" && a.EntityId == industry.Id.ToString())));

        // Dongcheng no longer sees the subtree; xicheng does.
        var dongcheng = await app.ClientAsync("dongcheng");
        Assert.Equal(HttpStatusCode.NotFound, (await dongcheng.GetAsync($"/api/v1/orgs/{child.Id}")).StatusCode);

        var cycle = await admin.PostJsonAsync($"/api/v1/orgs/{industry.Id}/move", new { newParentId = child.Id });
        Assert.Equal(HttpStatusCode.Conflict, cycle.StatusCode);
        var kind = await admin.PostJsonAsync($"/api/v1/orgs/{child.Id}/move", new { newParentId = root.Id });
        Assert.Equal(HttpStatusCode.Conflict, kind.StatusCode);
        // A district cannot move a unit into another district.
        var xicheng = await app.ClientAsync("xicheng");
        var outOfScope = await xicheng.PostJsonAsync($"/api/v1/orgs/{child.Id}/move", new { newParentId = dc.Id });
        Assert.Equal(HttpStatusCode.BadRequest, outOfScope.StatusCode);
    }

    [Fact]
    public async Task Closing_a_unit_is_refused_while_it_has_active_members_or_open_units()
    {
        var admin = await app.ClientAsync("admin");
        var dongcheng = await app.ClientAsync("dongcheng");
        var dc = await UnitByPathAsync(admin, "/BJ/DC/");
        var unit = await NewUnitAsync(dongcheng, dc.Id);
        var m = await NewMemberAsync(dongcheng, unit.Id);

        var refused = await dongcheng.PostAsync($"/api/v1/orgs/{unit.Id}/close", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("1 名在册会员", (await ProblemAsync(refused)).GetProperty("detail").GetString());

        var parent = await NewUnitAsync(admin, dc.Id, kind: "IndustryUnion", prefix: "IC");
        await NewUnitAsync(admin, parent.Id);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/orgs/{parent.Id}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await dongcheng.PostAsync($"/api/v1/orgs/{dc.Id}/close", null)).StatusCode);

        await dongcheng.PutJsonAsync($"/api/v1/members/{m.Id}", new { name = m.Name, status = "Lapsed" });
        var closed = await dongcheng.PostAsync($"/api/v1/orgs/{unit.Id}/close", null);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.True((await closed.ReadJsonAsync<OrgUnitDto>())!.IsClosed);
        var enrol = await dongcheng.PostJsonAsync("/api/v1/members", new { name = "王五", idNumber = NewPerson().IdNumber, unionId = unit.Id });
        Assert.Equal(HttpStatusCode.BadRequest, enrol.StatusCode);
    }

    [Fact]
    public async Task Units_are_created_and_renamed_within_scope_only()
    {
        var admin = await app.ClientAsync("admin");
        var dongcheng = await app.ClientAsync("dongcheng");
        var xc = await UnitByPathAsync(admin, "/BJ/XC/");
        var outside = await dongcheng.PostJsonAsync("/api/v1/orgs", new { parentId = xc.Id, code = NewCode("Z"), name = "越界工会", kind = "GrassrootsUnion" });
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.True((await ProblemAsync(outside)).GetProperty("errors").TryGetProperty("parentId", out _));
        var bad = await admin.PostJsonAsync("/api/v1/orgs", new { parentId = xc.Id, code = "含 空格", name = "", kind = "DistrictUnion" });
        var errors = (await ProblemAsync(bad)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("code", out _) && errors.TryGetProperty("name", out _) && errors.TryGetProperty("kind", out _));
        var unit = await NewUnitAsync(admin, xc.Id);
        var taken = await admin.PostJsonAsync("/api/v1/orgs", new { parentId = xc.Id, code = unit.Code, name = "同码", kind = "GrassrootsUnion" });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dongcheng.PutJsonAsync($"/api/v1/orgs/{unit.Id}", new { name = "改名" })).StatusCode);
        var renamed = await admin.PutJsonAsync($"/api/v1/orgs/{unit.Id}", new { name = "新名字工会" });
        Assert.Equal("新名字工会", (await renamed.ReadJsonAsync<OrgUnitDto>())!.Name);
    }

    [Fact]
    public async Task Enterprises_validate_the_credit_code_compute_the_size_class_and_refuse_duplicates()
    {
        var admin = await app.ClientAsync("admin");
        var dongcheng = await app.ClientAsync("dongcheng");
        var xicheng = await app.ClientAsync("xicheng");
        var unit = await NewUnitAsync(dongcheng, (await UnitByPathAsync(admin, "/BJ/DC/")).Id);
        var code = NewCreditCode("110101");

        var bad = await dongcheng.PostJsonAsync("/api/v1/enterprises", new { name = "", creditCode = code[..17] + (code[17] == '0' ? '1' : '0'), districtCode = "999999", employees = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await ProblemAsync(bad)).GetProperty("errors");
        Assert.Equal("统一社会信用代码校验位不正确。", errors.GetProperty("creditCode")[0].GetString());
        Assert.True(errors.TryGetProperty("name", out _) && errors.TryGetProperty("districtCode", out _) && errors.TryGetProperty("employees", out _));
        var shortCode = await dongcheng.PostJsonAsync("/api/v1/enterprises", new { name = "x", creditCode = "91110101", districtCode = "110101", employees = 1 });
        Assert.Equal("统一社会信用代码应为18位。", (await ProblemAsync(shortCode)).GetProperty("errors").GetProperty("creditCode")[0].GetString());
        var letters = await dongcheng.PostJsonAsync("/api/v1/enterprises", new { name = "x", creditCode = "91110101IOZSV00000", districtCode = "110101", employees = 1 });
        Assert.Contains("无效字符", (await ProblemAsync(letters)).GetProperty("errors").GetProperty("creditCode")[0].GetString());

        var created = await dongcheng.PostJsonAsync("/api/v1/enterprises", new
        {
            name = "北京测试科技有限公司" + NewCode(""), creditCode = code.ToLowerInvariant(), districtCode = "110101", ownership = "Private",
            employees = 350, revenueFen = 30_000_000_00L, grassrootsUnionId = unit.Id,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var e = (await created.ReadJsonAsync<EnterpriseDto>())!;
        Assert.Equal(SizeClass.Medium, e.SizeClass);
        Assert.Equal(code, e.CreditCode);

        var duplicate = await admin.PostJsonAsync("/api/v1/enterprises", new { name = "另一家", creditCode = code, districtCode = "110102", employees = 5 });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Contains(e.Name, (await ProblemAsync(duplicate)).GetProperty("detail").GetString());

        var update = await dongcheng.PutJsonAsync($"/api/v1/enterprises/{e.Id}", new { name = e.Name, creditCode = code, districtCode = "110101", employees = 5, revenueFen = 100_00L, grassrootsUnionId = unit.Id });
        Assert.Equal(SizeClass.Micro, (await update.ReadJsonAsync<EnterpriseDto>())!.SizeClass);

        // Scope: dongcheng finds it by credit code, xicheng does not see it at all.
        var found = await dongcheng.GetJsonAsync<Slice<EnterpriseDto>>($"/api/v1/enterprises?q={code}");
        Assert.Equal(e.Id, Assert.Single(found!.Items).Id);
        Assert.Equal(0, (await xicheng.GetJsonAsync<Slice<EnterpriseDto>>($"/api/v1/enterprises?q={code}"))!.TotalEstimate);
        Assert.Equal(HttpStatusCode.NotFound, (await xicheng.GetAsync($"/api/v1/enterprises/{e.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await xicheng.PutJsonAsync($"/api/v1/enterprises/{e.Id}", new { name = "x" })).StatusCode);
        var detail = await dongcheng.GetJsonAsync<EnterpriseDto>($"/api/v1/enterprises/{e.Id}");
        Assert.Equal(unit.Name, detail!.GrassrootsUnionName);
        Assert.Equal(0, detail.MemberCount);
        var small = await dongcheng.GetJsonAsync<Slice<EnterpriseDto>>("/api/v1/enterprises?district=110101&sizeClass=Micro&limit=200");
        Assert.All(small!.Items, x => Assert.Equal(SizeClass.Micro, x.SizeClass));
    }

    [Theory]
    [InlineData("/api/v1/members?limit=201", "limit")]
    [InlineData("/api/v1/members?limit=0", "limit")]
    [InlineData("/api/v1/members?after=not-a-cursor", "after")]
    [InlineData("/api/v1/members?before=eyJ4Ijox", "before")]
    [InlineData("/api/v1/enterprises?limit=201", "limit")]
    public async Task Paging_out_of_bounds_is_400_naming_the_parameter(string url, string field)
    {
        var admin = await app.ClientAsync("admin");
        var res = await admin.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.True((await ProblemAsync(res)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Paging_walks_forward_and_back_by_cursor_with_the_total()
    {
        var admin = await app.ClientAsync("admin");
        var first = await admin.GetJsonAsync<Slice<MemberDto>>("/api/v1/members?limit=100");
        Assert.True(first!.TotalEstimate >= 250, $"demo members: {first.TotalEstimate}");
        Assert.Equal(100, first.Items.Count);
        Assert.Null(first.Previous);
        Assert.NotNull(first.Next);
        var second = await admin.GetJsonAsync<Slice<MemberDto>>($"/api/v1/members?limit=100&after={first.Next}");
        Assert.Equal(100, second!.Items.Count);
        Assert.Equal(first.TotalEstimate, second.TotalEstimate);
        Assert.Empty(first.Items.Select(m => m.Id).Intersect(second.Items.Select(m => m.Id)));
        var back = await admin.GetJsonAsync<Slice<MemberDto>>($"/api/v1/members?limit=100&before={second.Previous}");
        Assert.Equal(first.Items.Select(m => m.Id), back!.Items.Select(m => m.Id));
        Assert.Null(back.Previous);
        // Walking to the end visits every member once.
        var seen = new HashSet<Guid>(first.Items.Select(m => m.Id));
        var cursor = first.Next;
        while (cursor is not null)
        {
            var s = await admin.GetJsonAsync<Slice<MemberDto>>($"/api/v1/members?limit=100&after={cursor}");
            foreach (var m in s!.Items) Assert.True(seen.Add(m.Id), $"{m.Id} twice");
            cursor = s.Next;
        }
        if (first.TotalIsExact) Assert.Equal(first.TotalEstimate, seen.Count);
        else Assert.True(seen.Count > Keyset.CountCap);
        var enterprises = await admin.GetJsonAsync<Slice<EnterpriseDto>>("/api/v1/enterprises?limit=5");
        Assert.Equal(5, enterprises!.Items.Count);
        Assert.All(enterprises.Items, e => Assert.True(CreditCode.IsValid(e.CreditCode)));
    }

    [Fact]
    public async Task The_demo_worker_sees_their_own_member_record()
    {
        var worker = await app.ClientAsync("worker");
        var me = await worker.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var m = await me.ReadJsonAsync<MemberDto>();
        Assert.Contains("****", m!.IdNumberMasked);
        var page = await worker.GetStringAsync("/me");
        Assert.Contains(m.IdNumberMasked, page);
        Assert.Contains(m.UnionName, System.Net.WebUtility.HtmlDecode(page));
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/members")).StatusCode);
        var dongcheng = await app.ClientAsync("dongcheng");
        Assert.Equal(HttpStatusCode.Forbidden, (await dongcheng.GetAsync("/api/v1/me")).StatusCode);
    }

    internal static string NewCreditCode(string region)
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        return CreditCode.Compose("91", region, string.Concat(Enumerable.Range(0, 8).Select(_ => alphabet[Random.Shared.Next(alphabet.Length)])));
    }
}

public sealed class RegistryApiTests_Sqlite(SqliteApp app) : RegistryApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class RegistryApiTests_Postgres(PostgresApp app) : RegistryApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
