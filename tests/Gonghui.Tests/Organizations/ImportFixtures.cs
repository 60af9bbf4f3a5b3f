using System.Text;
using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Ids;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Tests.Organizations;

/// <summary>Test data for imports: unique grassroots unions and valid, never-repeating resident ID numbers, built inside the tests.</summary>
internal static class ImportFixtures
{
    private static int _next = Random.Shared.Next(0, 5000);

    public const string Header = "姓名,身份证号,手机号,用工类型,工会代码,统一社会信用代码,入会日期,会员卡号";

    /// <summary>A valid ID number no other test in this process gets (Dongcheng region, distinct birth date and sequence).</summary>
    public static string NewId()
    {
        var n = Interlocked.Increment(ref _next);
        var birth = new DateOnly(1960, 1, 1).AddDays(n / 900);
        var first17 = $"110101{birth:yyyyMMdd}{n % 900 + 100:D3}";
        return first17 + ResidentId.CheckCharacter(first17);
    }

    public static async Task<(Guid Id, string Code)> NewUnionAsync(GonghuiApp app, string district)
    {
        var code = district + "T" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var id = await app.WithDbAsync(async db =>
        {
            var parent = await db.Set<OrgUnit>().SingleAsync(u => u.Code == district);
            var unit = OrgUnit.CreateChild(parent, code, "测试基层工会" + code, OrgUnitKind.GrassrootsUnion, null, DateTimeOffset.UtcNow);
            db.Add(unit);
            await db.SaveChangesAsync();
            return unit.Id;
        });
        return (id, code);
    }

    /// <summary>An enterprise with a valid, unique credit code.</summary>
    public static async Task<string> NewEnterpriseAsync(GonghuiApp app, Guid unionId)
    {
        var code = CreditCode.Compose("91", "110101", Random.Shared.NextInt64(10_000_000, 99_999_999).ToString());
        await app.WithDbAsync(async db =>
        {
            db.Add(new Enterprise { Name = "测试企业" + code[^6..], CreditCode = code, DistrictCode = "110101", GrassrootsUnionId = unionId });
            return await db.SaveChangesAsync();
        });
        return code;
    }

    public static string Csv(params string[] rows) => Header + "\r\n" + string.Join("\r\n", rows) + "\r\n";

    public static string Row(string name, string id, string union, string phone = "13800138000", string type = "正式职工", string credit = "",
        string joined = "2023-05-04", string card = "") => $"{name},{id},{phone},{type},{union},{credit},{joined},{card}";

    public static byte[] Utf8(string s, bool bom) => (bom ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(s)).ToArray();

    public static Task<List<Member>> MembersOfAsync(GonghuiApp app, Guid unionId) =>
        app.WithDbAsync(db => db.Set<Member>().AsNoTracking().Where(m => m.UnionId == unionId).OrderBy(m => m.Name).ToListAsync());
}
