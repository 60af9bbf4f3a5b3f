using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Organizations.Demo;

/// <summary>
/// <see cref="IRegistryScenario"/>: small firms generated as the demo registry generates its enterprises
/// (<see cref="RegistryDemoSeeder.NewEnterprise"/>), sized small (up to 19 staff, so below the Small class's floor they are
/// Micro, or Small by revenue) and handed round the grassroots unions; written audited through <see cref="RowWriter"/>.
/// </summary>
internal sealed class RegistryScenario(GonghuiDb db, SizeThresholds thresholds, TimeProvider clock) : IRegistryScenario
{
    private const string Actor = "system:scenario";

    public async Task<int> EnsureSmallFirmsAsync(int count, CancellationToken ct)
    {
        var have = await db.Set<Enterprise>().CountAsync(e => (e.SizeClass == SizeClass.Small || e.SizeClass == SizeClass.Micro) && e.GrassrootsUnionId != null, ct);
        if (have >= count) return 0;
        var unions = await db.Set<OrgUnit>().AsNoTracking().Where(u => u.Kind == OrgUnitKind.GrassrootsUnion && u.DistrictCode != null)
            .OrderBy(u => u.Path).Select(u => new { u.Id, u.DistrictCode }).ToListAsync(ct);
        if (unions.Count == 0) return 0;
        var existing = await db.Set<Enterprise>().AsNoTracking().Select(e => new { e.Name, e.CreditCode }).ToListAsync(ct);
        var names = existing.Select(e => e.Name).ToHashSet();
        var codes = existing.Select(e => e.CreditCode).ToHashSet();
        // Seeded by how many there are, so a registry grown in two steps still gets new names and codes deterministically.
        var rng = new PeopleGenerator.SplitMix((ulong)PeopleGenerator.DefaultSeed ^ (0x5CA1E_0000UL + (ulong)existing.Count));
        var now = clock.GetUtcNow();
        var rows = new List<(object Row, string Actor)>();
        for (var i = 0; i < count - have; i++)
        {
            var union = unions[i % unions.Count];
            var e = RegistryDemoSeeder.NewEnterprise(ref rng, union.DistrictCode!, names, codes, thresholds);
            e.Employees = 3 + rng.Next(17);
            e.RevenueFen = (long)e.Employees * (100_000 + rng.Next(400_000)) * 100;
            e.SizeClass = thresholds.Classify(e.Employees, e.RevenueFen);
            e.GrassrootsUnionId = union.Id;
            e.UnionFoundedOn = new DateOnly(2000 + rng.Next(20), 1 + rng.Next(12), 1 + rng.Next(28));
            rows.Add((e, Actor));
            if (rows.Count >= 20_000) { await RowWriter.InsertAsync(db, rows, now, ct); rows.Clear(); }
        }
        if (rows.Count > 0) await RowWriter.InsertAsync(db, rows, now, ct);
        return count - have;
    }
}
