using Gonghui.Platform.Identity;
using Gonghui.Tests.Infrastructure;
using Gonghui.Tests.MutualAid;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Culture;

/// <summary>Worker accounts for the culture tests: naming an active member, with a verified phone only, or with neither.</summary>
public static class CultureTestData
{
    public sealed record Worker(string UserName, Guid? MemberId, Guid UnitId);

    /// <summary>A new grassroots union under <paramref name="district"/> with <paramref name="count"/> members, each with a worker account naming them.</summary>
    public static async Task<List<Worker>> MembersWithAccountsAsync(GonghuiApp app, string district, int count)
    {
        var (union, members) = await FundsTestData.GrassrootsWithMembersAsync(app, district, count);
        var list = new List<Worker>();
        foreach (var m in members) list.Add(await AccountAsync(app, union, m.Id, phoneConfirmed: false));
        return list;
    }

    public static async Task<Worker> AccountAsync(GonghuiApp app, Guid unit, Guid? member, bool phoneConfirmed)
    {
        var name = "cw" + Guid.NewGuid().ToString("N")[..12];
        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var u = await Gonghui.Modules.Organizations.Demo.OrganizationsDemoSeeder.CreateAsync(users, name, "测试职工", unit, Roles.Worker, member);
            if (phoneConfirmed)
            {
                u.PhoneNumber = "13800000000";
                u.PhoneNumberConfirmed = true;
                await users.UpdateAsync(u);
            }
        });
        return new Worker(name, member, unit);
    }
}
