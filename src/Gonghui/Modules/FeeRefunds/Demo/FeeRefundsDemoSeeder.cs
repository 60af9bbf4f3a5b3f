using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.FeeRefunds.Demo;

/// <summary>The 2020–2021 policy (small and micro firms, 100%), and fee records for registered firms in the 2020 proportions when the registry has firms.</summary>
internal sealed class FeeRefundsDemoSeeder : IDemoSeeder
{
    public async Task SeedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        if (await db.Set<RefundPolicy>().AnyAsync(ct)) return;
        var policy = RefundPolicy.Create("2020-2021-SMALL-MICRO", "2020–2021年度小微企业工会经费全额返还", 2020, 2021, [SizeClass.Small, SizeClass.Micro], 10_000);
        db.Add(policy);
        db.Add(RefundPolicyVersion.Of(policy, "2020年疫情期间减负政策(演示数据)", "demo", sp.GetRequiredService<TimeProvider>().GetUtcNow()));
        // 22,100 firms shared 349 million yuan over two years: about 7,900 yuan of fee per firm and year.
        var firms = await db.EnterpriseRows().OrderBy(e => e.Id).Take(500).ToListAsync(ct);
        var rng = new Random(2020);
        foreach (var e in firms)
            foreach (var year in new[] { 2020, 2021 })
                db.Add(FeeRecord.Create(e.Id, year, rng.Next(20_000_000, 60_000_000), null, null));
        await db.SaveChangesAsync(ct);
    }
}
