using Gonghui.Modules.Funds.Ledger;
using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Scope;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Organizations;

/// <summary>
/// The registry's Public query surface (RegistryQueries): other modules' list queries join their rows to UnitRows for
/// names and paths, so a UnitRows join must be the very SQL a join to the entity is (one statement, no subquery, no
/// extra round trip); and the rows carry what they say (masked member fields, no cipher). On SQLite and PostgreSQL.
/// </summary>
public abstract class RegistryQueriesTests<TApp>(TApp app) where TApp : GonghuiApp
{
    [Fact]
    public async Task A_join_to_UnitRows_is_the_same_SQL_as_a_join_to_the_unit_entity()
    {
        await app.WithDbAsync(db =>
        {
            // The funds balance list's join (FundEndpoints.Balances), scoped to Dongcheng.
            var viaRows = db.Set<LedgerAccount>().Where(a => a.Year == 2020)
                .Join(db.UnitRows().InScope("/BJ/DC/", u => u.Path), a => a.OrgUnitId, u => u.Id, (a, u) => new { a.Balance, u.Name, u.Path })
                .OrderBy(x => x.Path).ToQueryString();
            var viaEntity = db.Set<LedgerAccount>().Where(a => a.Year == 2020)
                .Join(db.Set<OrgUnit>().InScope("/BJ/DC/", u => u.Path), a => a.OrgUnitId, u => u.Id, (a, u) => new { a.Balance, u.Name, u.Path })
                .OrderBy(x => x.Path).ToQueryString();
            Assert.Equal(viaEntity, viaRows);
            Assert.Contains("JOIN", viaRows);

            // A member look-up by hash is the entity's query with the row's columns only: never a cipher.
            var member = db.MemberRows().Where(m => m.IdNumberHash == "x" && m.Status == MemberStatus.Active).ToQueryString();
            Assert.Equal(db.Set<Member>().Where(m => m.IdNumberHash == "x" && m.Status == MemberStatus.Active)
                .Select(m => new { m.Id, m.Name, m.Status, m.UnionId, m.EnterpriseId, m.IdNumberMasked, m.PhoneMasked, m.IdNumberHash }).ToQueryString(), member);
            Assert.DoesNotContain("cipher", member, StringComparison.OrdinalIgnoreCase);
            var firm = db.EnterpriseRows().Where(e => e.SizeClass == SizeClass.Small).OrderBy(e => e.CreditCode).ToQueryString();
            Assert.Equal(db.Set<Enterprise>().Where(e => e.SizeClass == SizeClass.Small).OrderBy(e => e.CreditCode)
                .Select(e => new { e.Id, e.Name, e.CreditCode, e.SizeClass, e.DistrictCode, e.GrassrootsUnionId }).ToQueryString(), firm);
            return Task.FromResult(0);
        });
    }

    [Fact]
    public async Task A_tracked_query_filtered_by_UnitRows_stays_tracked()
    {
        // EF applies AsNoTracking to the whole query it appears in: the read models must not carry it into a module's
        // tracked query (a claim loaded this way and changed would otherwise never be saved).
        await app.WithDbAsync(async db =>
        {
            var inScope = db.UnitRows().InScope("/BJ/", u => u.Path).Select(u => u.Id);
            var unit = await db.Set<OrgUnit>().Where(u => inScope.Contains(u.Id)).OrderBy(u => u.Path).FirstAsync();
            Assert.Equal(Microsoft.EntityFrameworkCore.EntityState.Unchanged, db.Entry(unit).State);
            return 0;
        });
    }

    [Fact]
    public async Task The_rows_carry_the_registrys_values_and_members_only_masked()
    {
        var (unit, entity) = await app.WithDbAsync(async db =>
            (await db.UnitRows().SingleAsync(u => u.Path == "/BJ/DC/"), await db.Set<OrgUnit>().AsNoTracking().SingleAsync(u => u.Path == "/BJ/DC/")));
        Assert.Equal((entity.Id, entity.Name, entity.Kind, entity.ParentId, entity.DistrictCode, entity.Depth), (unit.Id, unit.Name, unit.Kind, unit.ParentId, unit.DistrictCode, unit.Depth));
        Assert.Equal(OrgUnitKind.DistrictUnion, unit.Kind);
        Assert.Equal("110101", unit.DistrictCode);
        Assert.Equal("东城区", BeijingDistricts.NameOf(unit.DistrictCode));

        var member = await app.WithDbAsync(db => db.MemberRows().FirstAsync());
        var stored = await app.WithDbAsync(db => db.Set<Member>().AsNoTracking().SingleAsync(m => m.Id == member.Id));
        Assert.Equal((stored.Name, stored.UnionId, stored.Status, stored.IdNumberMasked, stored.IdNumberHash), (member.Name, member.UnionId, member.Status, member.IdNumberMasked, member.IdNumberHash));
        Assert.Contains('*', member.IdNumberMasked);
        Assert.DoesNotContain(typeof(MemberRow).GetProperties(), p => p.Name.Contains("Cipher", StringComparison.Ordinal) || p.Name is "BirthDate" or "Sex");
    }

    [Fact]
    public async Task The_unit_directory_adds_a_unit_once_under_its_parent()
    {
        var code = "RQ" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var parent = await app.WithDbAsync(db => db.UnitRows().SingleAsync(u => u.Path == "/BJ/XC/"));
        UnitRow? first = null, second = null;
        await app.WithScopeAsync(async sp => first = await sp.GetRequiredService<IOrgUnitDirectory>().EnsureChildAsync(parent.Id, code, "测试基层工会", OrgUnitKind.GrassrootsUnion, null, default));
        await app.WithScopeAsync(async sp => second = await sp.GetRequiredService<IOrgUnitDirectory>().EnsureChildAsync(parent.Id, code, "另一个名字", OrgUnitKind.GrassrootsUnion, null, default));
        Assert.Equal(first!.Id, second!.Id);
        Assert.Equal($"/BJ/XC/{code}/", first.Path);
        Assert.Equal(parent.Id, first.ParentId);
        Assert.Equal("测试基层工会", second.Name);
        Assert.Equal(1, await app.WithDbAsync(db => db.UnitRows().CountAsync(u => u.Code == code)));
        // The tree's rules still hold: a grassroots union cannot hold a district union.
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithScopeAsync(sp =>
            sp.GetRequiredService<IOrgUnitDirectory>().EnsureChildAsync(first.Id, code + "X", "错误", OrgUnitKind.DistrictUnion, null, default)));
    }
}

public sealed class RegistryQueriesTests_Sqlite(SqliteApp app) : RegistryQueriesTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class RegistryQueriesTests_Postgres(PostgresApp app) : RegistryQueriesTests<PostgresApp>(app), IClassFixture<PostgresApp>;
