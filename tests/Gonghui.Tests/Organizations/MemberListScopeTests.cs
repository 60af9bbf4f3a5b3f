using Gonghui.Modules.Organizations.Members;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Organizations;

/// <summary>
/// The member list by scope (issue 13.4): a grassroots union's staff list their union's members by equality on the union
/// (index (union, name, id)); a district filters by employment type (index (type, name, id)); the keyset seeks with a row
/// comparison (name, id) &gt; (k, i). Each must still be exactly the members in scope, by name then id, across pages — with many
/// members sharing one name, so that pages end in the middle of a run of equal names.
/// </summary>
public abstract partial class RegistryApiTests<TApp>
{
    private static bool ByNameThenId(MemberDto a, MemberDto b) =>
        string.CompareOrdinal(a.Name, b.Name) < 0 || (a.Name == b.Name && a.Id.CompareTo(b.Id) < 0);

    [Fact]
    public async Task Grassroots_and_district_member_lists_are_exactly_the_members_in_scope_by_name_across_pages_of_equal_names()
    {
        var admin = await app.ClientAsync("admin");
        var dongcheng = await app.ClientAsync("dongcheng");
        var dcId = (await UnitByPathAsync(admin, "/BJ/DC/")).Id;
        var unit = await NewUnitAsync(dongcheng, dcId, prefix: "ML");
        var other = await NewUnitAsync(dongcheng, dcId, prefix: "MO");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        // Seven members of one name in the union (pages of 3 end inside the run), two of other names, and two of the same name in
        // another union of the district (not the grassroots union's, but the district's).
        var mine = new List<MemberDto>();
        for (var i = 0; i < 9; i++)
            mine.Add(await NewMemberAsync(dongcheng, unit.Id, NewPerson() with { Name = i < 7 ? "同名" + suffix : $"异名{suffix}{i}" }));
        var elsewhere = new List<MemberDto>();
        for (var i = 0; i < 2; i++) elsewhere.Add(await NewMemberAsync(dongcheng, other.Id, NewPerson() with { Name = "同名" + suffix }));
        var user = "ml" + suffix;
        await app.WithScopeAsync(sp => Gonghui.Modules.Organizations.Demo.OrganizationsDemoSeeder.CreateAsync(
            sp.GetRequiredService<UserManager<AppUser>>(), user, unit.Name, unit.Id, Roles.GrassrootsStaff));
        var grassroots = await app.ClientAsync(user);

        var walked = await KeysetPaging.WalkAsync<MemberDto>(grassroots, "/api/v1/members", m => m.Id, limit: 3, inOrder: ByNameThenId);
        Assert.Equal(mine.Order(Comparer<MemberDto>.Create((a, b) => ByNameThenId(a, b) ? -1 : ByNameThenId(b, a) ? 1 : 0)).Select(m => m.Id),
            walked.Select(m => m.Id));
        Assert.All(walked, m => Assert.Equal(unit.Id, m.UnionId));

        // Filtered by type: the grassroots union's members of that type, and the district's (which has the other union's too).
        var type = mine[0].EmploymentType;
        var ofType = await KeysetPaging.WalkAsync<MemberDto>(grassroots, $"/api/v1/members?employmentType={type}", m => m.Id, limit: 2, inOrder: ByNameThenId);
        Assert.Equal(mine.Where(m => m.EmploymentType == type).Select(m => m.Id).Order(), ofType.Select(m => m.Id).Order());
        // The district's list, searched by the shared name: both unions' members of that name, pages ending inside the run.
        var named = await KeysetPaging.WalkAsync<MemberDto>(dongcheng, $"/api/v1/members?q={Uri.EscapeDataString("同名" + suffix)}", m => m.Id, limit: 2,
            inOrder: ByNameThenId);
        Assert.Equal(mine.Take(7).Concat(elsewhere).Select(m => m.Id).Order(), named.Select(m => m.Id).Order());
        var districtOfType = await KeysetPaging.WalkAsync<MemberDto>(dongcheng, $"/api/v1/members?employmentType={type}&q={Uri.EscapeDataString(suffix)}",
            m => m.Id, limit: 2, inOrder: ByNameThenId);
        Assert.Equal(mine.Concat(elsewhere).Where(m => m.EmploymentType == type).Select(m => m.Id).Order(), districtOfType.Select(m => m.Id).Order());

        // Not the grassroots union's: another union's member, by id and in a search.
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await grassroots.GetAsync($"/api/v1/members/{elsewhere[0].Id}")).StatusCode);
        Assert.DoesNotContain((await grassroots.GetJsonAsync<Slice<MemberDto>>($"/api/v1/members?q={Uri.EscapeDataString("同名" + suffix)}&limit=50"))!.Items,
            m => m.UnionId != unit.Id);
    }
}
