using Gonghui.Modules.MemberCard.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.MemberCard.Merchants;

public sealed record MerchantInput(string? Name, MerchantKind? Kind, OriginRegion? Origin, string? CreditCode, string? ContractNo,
    DateOnly? ContractFrom, DateOnly? ContractTo, Guid? UnitId, string? Address);
public sealed record ProductInput(string? Name, OriginRegion? Origin, long? PriceFen);
public sealed record ProductView(Guid Id, string Name, OriginRegion Origin, long PriceFen);
public sealed record MerchantView(Guid Id, string Name, MerchantKind Kind, OriginRegion? Origin, string? CreditCode, string ContractNo,
    DateOnly ContractFrom, DateOnly ContractTo, bool UnderContract, string UnitName, string? Address, IReadOnlyList<ProductView> Products);

/// <summary>Merchants under contract and their 消费扶贫 products: staff in scope list them, managers add and renew them.</summary>
public sealed class MerchantHandlers(GonghuiDb db, CurrentUser me, TimeProvider clock)
{
    public async Task<IReadOnlyList<MerchantView>> ListAsync(MerchantKind? kind, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var q = db.Set<Merchant>().AsNoTracking().InScope(scope, m => m.UnitPath);
        if (kind is { } k) q = q.Where(m => m.Kind == k);
        var rows = await (from m in q join u in db.UnitRows() on m.UnitId equals u.Id orderby m.Kind, m.Name select new { m, u.Name }).Take(500).ToListAsync(ct);
        var ids = rows.Select(r => r.m.Id).ToList();
        var products = await db.Set<MerchantProduct>().AsNoTracking().Where(p => ids.Contains(p.MerchantId)).OrderBy(p => p.Name).ToListAsync(ct);
        var today = BeijingTime.Today(clock);
        return rows.Select(r => View(r.m, r.Name, products.Where(p => p.MerchantId == r.m.Id), today)).ToList();
    }

    public async Task<MerchantView?> GetAsync(Guid id, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var row = await (from m in db.Set<Merchant>().AsNoTracking().InScope(scope, m => m.UnitPath)
                         join u in db.UnitRows() on m.UnitId equals u.Id
                         where m.Id == id select new { m, u.Name }).SingleOrDefaultAsync(ct);
        if (row is null) return null;
        var products = await db.Set<MerchantProduct>().AsNoTracking().Where(p => p.MerchantId == id).OrderBy(p => p.Name).ToListAsync(ct);
        return View(row.m, row.Name, products, BeijingTime.Today(clock));
    }

    public async Task<Outcome<MerchantView>> CreateAsync(MerchantInput input, CancellationToken ct)
    {
        var e = new List<(string, string)>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200) e.Add(("name", "merchant.name"));
        if (input.Kind is null || !Enum.IsDefined(input.Kind.Value)) e.Add(("kind", "merchant.kind"));
        if (input.Kind == MerchantKind.AidedProducer && (input.Origin is null || !Enum.IsDefined(input.Origin.Value))) e.Add(("origin", "merchant.origin"));
        var contract = input.ContractNo?.Trim() ?? "";
        if (contract.Length is 0 or > 40) e.Add(("contractNo", "merchant.contractNo"));
        if (input.ContractFrom is null || input.ContractTo is null || input.ContractTo < input.ContractFrom) e.Add(("contractTo", "merchant.contractPeriod"));
        if (input.CreditCode is { Length: > 0 } cc && !Gonghui.Platform.Ids.CreditCode.IsValid(cc)) e.Add(("creditCode", "merchant.creditCode"));
        if (input.Address is { Length: > 300 }) e.Add(("address", "merchant.address"));
        var scope = await me.ScopePathAsync(ct);
        var unitId = input.UnitId ?? me.OrgUnitId;
        var unit = unitId is null ? null : await db.UnitRows().Where(u => u.Id == unitId).Select(u => new { u.Id, u.Path }).SingleOrDefaultAsync(ct);
        if (unit is null || !ScopeFilter.Covers(scope, unit.Path)) e.Add(("unitId", "merchant.unit"));
        if (e.Count > 0) return Outcome<MerchantView>.Invalid(e);
        if (await db.Set<Merchant>().AnyAsync(m => m.ContractNo == contract, ct)) return Outcome<MerchantView>.Invalid("contractNo", "merchant.contractTaken");
        var m = Merchant.Create(Guid.CreateVersion7(), name, input.Kind!.Value, input.Origin, string.IsNullOrWhiteSpace(input.CreditCode) ? null : input.CreditCode.Trim(),
            contract, input.ContractFrom!.Value, input.ContractTo!.Value, unit!.Id, unit.Path, input.Address?.Trim(), clock.GetUtcNow());
        db.Add(m);
        await db.SaveChangesAsync(ct);
        return Outcome<MerchantView>.Ok((await GetAsync(m.Id, ct))!);
    }

    public async Task<Outcome<ProductView>> AddProductAsync(Guid merchantId, ProductInput input, CancellationToken ct)
    {
        var merchant = await GetAsync(merchantId, ct);
        if (merchant is null) return Outcome<ProductView>.NotFound();
        var e = new List<(string, string)>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200) e.Add(("name", "product.name"));
        var origin = input.Origin ?? merchant.Origin;
        if (origin is null || !Enum.IsDefined(origin.Value)) e.Add(("origin", "merchant.origin"));
        if (input.PriceFen is not { } price || price <= 0 || price > 100_000_000) e.Add(("priceFen", "product.price"));
        if (e.Count > 0) return Outcome<ProductView>.Invalid(e);
        var p = MerchantProduct.Create(Guid.CreateVersion7(), merchantId, name, origin!.Value, input.PriceFen!.Value);
        db.Add(p);
        await db.SaveChangesAsync(ct);
        return Outcome<ProductView>.Ok(new ProductView(p.Id, p.Name, p.Origin, p.PriceFen));
    }

    private static MerchantView View(Merchant m, string unit, IEnumerable<MerchantProduct> products, DateOnly today) => new(m.Id, m.Name, m.Kind, m.Origin,
        m.CreditCode, m.ContractNo, m.ContractFrom, m.ContractTo, m.UnderContractOn(today), unit, m.Address,
        products.Select(p => new ProductView(p.Id, p.Name, p.Origin, p.PriceFen)).ToList());
}
