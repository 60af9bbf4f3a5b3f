using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Cli;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Modules.Organizations.Demo;

/// <summary>The demo federation: Beijing's federation, 16 district unions, industry unions and the demo accounts.</summary>
internal sealed class OrganizationsDemoSeeder : IDemoSeeder
{
    public const string DemoPassword = "gonghui-demo";

    public async Task SeedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        if (await db.Set<OrgUnit>().AnyAsync(ct)) return;
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        var root = OrgUnit.CreateRoot("BJ", "北京市总工会", now);
        db.Add(root);
        var districts = BeijingDistricts.All.Select(d => OrgUnit.CreateChild(root, d.Slug, d.Name + "总工会", OrgUnitKind.DistrictUnion, d.Code, now)).ToList();
        db.AddRange(districts);
        foreach (var (code, name) in new[] { ("IND-EDU", "北京市教育工会"), ("IND-HLT", "北京市卫生健康工会"), ("IND-BLD", "北京市建设工会") })
            db.Add(OrgUnit.CreateChild(root, code, name, OrgUnitKind.IndustryUnion, null, now));
        await db.SaveChangesAsync(ct);

        var users = sp.GetRequiredService<UserManager<AppUser>>();
        await CommandLine.EnsureRolesAsync(sp.GetRequiredService<RoleManager<IdentityRole<Guid>>>());
        await CreateAsync(users, "admin", "市总管理员", root.Id, Roles.FederationAdmin);
        await CreateAsync(users, "dongcheng", "东城区总工会", districts.Single(d => d.Code == "DC").Id, Roles.DistrictStaff);
        await CreateAsync(users, "xicheng", "西城区总工会", districts.Single(d => d.Code == "XC").Id, Roles.DistrictStaff);
        await CreateAsync(users, "agent", "12351热线坐席", root.Id, Roles.HotlineAgent);
        await CreateAsync(users, "worker", "职工", root.Id, Roles.Worker);
        await CreateAsync(users, "fundofficer", "市总财务审批员", root.Id, Roles.FundOfficer);
        await CreateAsync(users, "auditor", "市总审计员", root.Id, Roles.Auditor);
    }

    internal static async Task<AppUser> CreateAsync(UserManager<AppUser> users, string name, string display, Guid unit, string role, Guid? member = null)
    {
        var u = new AppUser { UserName = name, DisplayName = display, OrgUnitId = unit, MemberId = member };
        var r = await users.CreateAsync(u, DemoPassword);
        if (!r.Succeeded) throw new InvalidOperationException(string.Join("; ", r.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(u, role);
        return u;
    }
}
