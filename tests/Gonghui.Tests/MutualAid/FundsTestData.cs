using Gonghui.Modules.Organizations.Members;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Security;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Tests.MutualAid;

/// <summary>Creates what the funds tests need in the registry: a grassroots union under a district and members with valid ID numbers.</summary>
public static class FundsTestData
{
    public sealed record TestMember(Guid Id, string Name, string IdNumber);

    public static string NewIdNumber(Random rng)
    {
        // Born 1970 to July 2002: of age (18) on the 2020 contest days the skills tests use (12,000 days reached November 2002,
        // and a member born after 15 September 2002 was refused now and then as too young).
        var birth = new DateOnly(1970, 1, 1).AddDays(rng.Next(0, 11_900));
        var first17 = $"110101{birth:yyyyMMdd}{rng.Next(0, 1000):000}";
        return first17 + ResidentId.CheckCharacter(first17);
    }

    public static async Task<(Guid UnionId, List<TestMember> Members)> GrassrootsWithMembersAsync(GonghuiApp app, string districtPath, int count)
    {
        var rng = new Random();
        return await app.WithDbAsync(async db =>
        {
            var district = await db.Set<OrgUnit>().SingleAsync(u => u.Path == districtPath);
            var code = "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
            var union = OrgUnit.CreateChild(district, code, "测试基层工会" + code, OrgUnitKind.GrassrootsUnion, null, DateTimeOffset.UtcNow);
            db.Add(union);
            var protector = app.Services.GetRequiredService<PersonalDataProtector>();
            var list = new List<TestMember>();
            for (var i = 0; i < count; i++)
            {
                string id;
                do id = NewIdNumber(rng); while (await db.Set<Member>().AnyAsync(m => m.IdNumberHash == protector.Hash(id)));
                ResidentId.TryParse(id, out var info, out _);
                var m = new Member { UnionId = union.Id, Status = MemberStatus.Active, UpdatedAt = DateTimeOffset.UtcNow };
                MemberRules.ApplyPersonalData(m, new MemberFields("测试会员" + i + code[^3..], info, null, EmploymentType.Regular, new DateOnly(2015, 1, 1), null), protector);
                db.Add(m);
                list.Add(new TestMember(m.Id, m.Name, id));
            }
            await db.SaveChangesAsync();
            return (union.Id, list);
        });
    }
}
