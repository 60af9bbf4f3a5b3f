using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Insurance.Claims;
using Gonghui.Modules.Insurance.Schemes;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Money;
using Gonghui.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.Insurance.Schemes;

/// <summary>Schemes (city-wide): list, read, record one under <see cref="SchemeRules"/>.</summary>
internal sealed class SchemeHandlers(GonghuiDb db)
{
    /// <summary>Every scheme (schemes are city-wide), newest year first; narrowed to one year when asked.</summary>
    public Task<List<InsuranceScheme>> SchemesAsync(int? year, CancellationToken ct) =>
        db.Set<InsuranceScheme>().AsNoTracking().Where(s => year == null || s.Year == year).OrderByDescending(s => s.Year).ThenBy(s => s.Code).ToListAsync(ct);

    public Task<InsuranceScheme?> SchemeAsync(Guid id, CancellationToken ct) =>
        db.Set<InsuranceScheme>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);

    /// <summary>The names of the given schemes, by id.</summary>
    public Task<Dictionary<Guid, string>> SchemeNamesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        db.Set<InsuranceScheme>().AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);

    /// <summary>Records a scheme after <see cref="SchemeRules.Check"/> (and a unique code); the field errors when refused.</summary>
    public async Task<Outcome<InsuranceScheme>> CreateSchemeAsync(CreateSchemeRequest body, CancellationToken ct)
    {
        var causes = (body.Causes ?? []).Select(c => c.Trim()).Distinct().ToList();
        var errors = SchemeRules.Check(body.Code, body.Year, body.Name, body.CoverFrom, body.CoverTo, body.CovidFrom, causes, body.SumInsuredFen, body.FamilySumInsuredFen,
            body.MedicalDeductibleFen, body.MedicalRatioBp, body.MedicalCapFen, body.DisabilityBp, body.PerPersonCapFen).ToList();
        var code = body.Code?.Trim() ?? "";
        if (errors.All(e => e.Field != "code") && await db.Set<InsuranceScheme>().AnyAsync(s => s.Code == code, ct)) errors.Insert(0, ("code", "scheme.code"));
        if (errors.Count > 0) return Outcome<InsuranceScheme>.Invalid(errors);
        var schedule = new PayoutSchedule(body.SumInsuredFen!.Value, body.FamilySumInsuredFen ?? 0, body.MedicalDeductibleFen ?? 0, body.MedicalRatioBp!.Value,
            body.MedicalCapFen ?? 0, body.DisabilityBp!, body.PerPersonCapFen!.Value);
        var s = InsuranceScheme.Create(code, body.Year!.Value, body.Name!.Trim(), body.CoverFrom!.Value, body.CoverTo!.Value, body.CovidFrom, causes, body.CoversFamily ?? false, schedule);
        db.Add(s);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.Entry(s).State = EntityState.Detached; return Outcome<InsuranceScheme>.Invalid("code", "scheme.code"); }
        return Outcome<InsuranceScheme>.Ok(s);
    }
}
