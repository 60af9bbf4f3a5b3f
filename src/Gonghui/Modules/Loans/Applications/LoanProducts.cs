using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Loans.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Money;
using Gonghui.Platform.Notifications;
using Gonghui.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.Loans.Applications;

/// <summary>Loan products (贷款产品) as data: adding one after <see cref="LoanRules.CheckProduct"/>.</summary>
internal sealed class LoanProducts(GonghuiDb db)
{
    /// <summary>Adds a loan product after <see cref="LoanRules.CheckProduct"/>; the errors (field, code) when it is refused.</summary>
    public async Task<Outcome<LoanProductRecord>> CreateProductAsync(ProductInput body, CancellationToken ct)
    {
        var purposes = (body.Purposes ?? []).Select(p => p.Trim()).Where(p => p.Length > 0).Distinct().ToList();
        var errors = LoanRules.CheckProduct(body.Code, body.Name, body.ApplicantKind, body.MinAmountFen, body.MaxAmountFen, body.MinMonths, body.MaxMonths, body.AnnualRateBp, purposes).ToList();
        var code = body.Code?.Trim() ?? "";
        if (errors.All(e => e.Field != "code") && await db.Set<LoanProductRecord>().AnyAsync(p => p.Code == code, ct)) errors.Insert(0, ("code", "product.codeTaken"));
        if (errors.Count > 0) return Outcome<LoanProductRecord>.Invalid(errors);
        var p = LoanProductRecord.Create(code, body.Name!.Trim(), body.ApplicantKind!.Value, body.MinAmountFen ?? 1, body.MaxAmountFen!.Value, body.MinMonths ?? 1, body.MaxMonths!.Value,
            body.AnnualRateBp ?? 0, body.GuarantorRequired ?? true, purposes);
        db.Add(p);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.Entry(p).State = EntityState.Detached; return Outcome<LoanProductRecord>.Invalid("code", "product.codeTaken"); }
        return Outcome<LoanProductRecord>.Ok(p);
    }
}
