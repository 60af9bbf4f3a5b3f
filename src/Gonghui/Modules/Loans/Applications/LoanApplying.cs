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

/// <summary>Applying for a loan (申请): staff for a firm or a member in their subtree, a worker for themself; the checks of <see cref="LoanRules"/>.</summary>
internal sealed class LoanApplying(GonghuiDb db, CurrentUser me, PersonalDataProtector protector, TimeProvider clock, LoanQueries queries)
{
    /// <summary>Staff apply for a firm or a member in their subtree.</summary>
    public Task<Outcome<Loan>> ApplyAsync(LoanInput input, CancellationToken ct) => ApplyAsync(input, self: false, ct);

    /// <summary>A worker applies for themself: a worker-entrepreneur product, the member of their own account; nothing else is taken from the input.</summary>
    public Task<Outcome<Loan>> ApplyMineAsync(LoanInput input, CancellationToken ct) =>
        me.MemberId is { } own && me.IsInRole(Roles.Worker)
            ? ApplyAsync(input with { ApplicantKind = LoanApplicant.WorkerEntrepreneur, MemberId = own, IdNumber = null, EnterpriseId = null, CreditCode = null }, self: true, ct)
            : Task.FromResult(Outcome<Loan>.NotFound());

    private async Task<Outcome<Loan>> ApplyAsync(LoanInput input, bool self, CancellationToken ct)
    {
        var products = await queries.ProductsAsync(ct);
        var product = input.ProductId is { } pid ? products.FirstOrDefault(p => p.Id == pid)
            : input.ApplicantKind is { } k ? products.FirstOrDefault(p => p.ApplicantKind == k) : null;
        if (product is null || (self && product.ApplicantKind != LoanApplicant.WorkerEntrepreneur)) return Outcome<Loan>.Invalid("productId", "loan.product");
        var scope = await me.ScopePathAsync(ct);
        string name; Guid unitId; string unitPath; Guid? enterpriseId = null, memberId = null;
        if (product.ApplicantKind == LoanApplicant.SmallFirm)
        {
            var code = input.CreditCode?.Trim().ToUpperInvariant();
            if (input.EnterpriseId is null && string.IsNullOrEmpty(code)) return Outcome<Loan>.Invalid("creditCode", "loan.firmRequired");
            if (input.EnterpriseId is null && !CreditCode.IsValid(code!)) return Outcome<Loan>.Invalid("creditCode", "loan.creditCode");
            var firm = await db.EnterpriseRows().FirstOrDefaultAsync(e => input.EnterpriseId != null ? e.Id == input.EnterpriseId : e.CreditCode == code, ct);
            if (firm is null) return Outcome<Loan>.Invalid("creditCode", "loan.firmUnknown");
            var unit = firm.GrassrootsUnionId is { } g ? await db.UnitRows().FirstOrDefaultAsync(u => u.Id == g, ct) : null;
            unit ??= await db.UnitRows().Where(u => u.Depth == 1 && u.DistrictCode == firm.DistrictCode).OrderBy(u => u.Path).FirstOrDefaultAsync(ct);
            if (unit is null || !ScopeFilter.Covers(scope, unit.Path)) return Outcome<Loan>.Invalid("creditCode", "loan.firmUnknown");
            if (LoanRules.CheckFirmSize(firm.SizeClass) is { } sizeError) return Outcome<Loan>.Invalid("creditCode", sizeError);
            (name, unitId, unitPath, enterpriseId) = (firm.Name, unit.Id, unit.Path, firm.Id);
        }
        else
        {
            MemberRow? member = null;
            if (input.MemberId is { } mid) member = await db.MemberRows().FirstOrDefaultAsync(m => m.Id == mid, ct);
            else if (!string.IsNullOrWhiteSpace(input.IdNumber))
            {
                if (!ResidentId.TryParse(input.IdNumber.Trim(), out var info, out _)) return Outcome<Loan>.Invalid("idNumber", "loan.idNumber");
                var hash = protector.Hash(info.Number);
                member = await db.MemberRows().FirstOrDefaultAsync(m => m.IdNumberHash == hash, ct);
            }
            else return Outcome<Loan>.Invalid("idNumber", "loan.memberRequired");
            var unit = member is null ? null : await db.UnitRows().FirstOrDefaultAsync(u => u.Id == member.UnionId, ct);
            // A worker applying for themself is in their own scope; staff only within their subtree.
            if (member is null || unit is null || (!self && !ScopeFilter.Covers(scope, unit.Path))) return Outcome<Loan>.Invalid("idNumber", "loan.memberUnknown");
            if (member.Status != MemberStatus.Active) return Outcome<Loan>.Invalid("idNumber", "loan.memberInactive");
            (name, unitId, unitPath, memberId) = (member.Name, unit.Id, unit.Path, member.Id);
        }
        if (LoanRules.Check(product.Rules(), input.AmountFen ?? 0, input.Months ?? 0, input.Purpose, input.Guarantor) is { } e) return Outcome<Loan>.Invalid(e.Field, e.Code);
        string? cipher = null, masked = null;
        if (!string.IsNullOrWhiteSpace(input.ContactPhone))
        {
            if (!MobilePhone.TryParse(input.ContactPhone, out var phone)) return Outcome<Loan>.Invalid("contactPhone", "loan.phone");
            (cipher, masked) = (protector.Encrypt(phone), MobilePhone.Mask(phone));
        }
        var guarantor = input.Guarantor?.Trim() ?? "";
        if (guarantor.Length > 200) return Outcome<Loan>.Invalid("guarantor", "loan.guarantor");
        var now = clock.GetUtcNow();
        // A repeat (a double click, a retried script: once 60 identical applications were all accepted) is refused, naming the
        // application already made. Checked and saved one at a time per applicant and product, on every node (KeyedLock).
        return await db.SerializedAsync($"loan-apply:{product.Id}:{enterpriseId?.ToString() ?? memberId?.ToString()}", async () =>
        {
            var amount = input.AmountFen!.Value;
            var same = await db.Set<Loan>().AsNoTracking()
                .Where(l => l.ProductId == product.Id && l.AmountFen == amount && l.Status != LoanStatus.Rejected && l.Status != LoanStatus.Reversed
                    && (enterpriseId != null ? l.EnterpriseId == enterpriseId : l.MemberId == memberId))
                .Select(l => new { l.Id, l.AppliedAt }).ToListAsync(ct);
            // Compared in memory: SQLite cannot compare DateTimeOffset in SQL, and an applicant has a handful of loans.
            var since = now.AddDays(-LoanRules.DuplicateWindowDays);
            if (same.Where(l => l.AppliedAt >= since).OrderByDescending(l => l.AppliedAt).FirstOrDefault() is { } earlier)
                return Outcome<Loan>.Conflict(LoanRules.DuplicateCode, null, earlier.Id, $"/loans/{earlier.Id}", LoanRules.DuplicateWindowDays) with { Title = LoanRules.DuplicateCode };
            return await CreateAsync();
        }, ct);

        async Task<Outcome<Loan>> CreateAsync()
        {
            var loan = Loan.Apply(product.Id, product.ApplicantKind, name, enterpriseId, memberId, unitId, await db.FundingUnitIdAsync(unitPath, ct), input.AmountFen!.Value, input.Months!.Value,
                product.AnnualRateBp, input.Purpose!.Trim(), guarantor, cipher, masked, now);
            db.Add(loan);
            db.Add(LoanEvent.Of(loan.Id, "applied", now, me.Name, loan.AmountFen, product.Name));
            await db.SaveChangesAsync(ct);
            return Outcome<Loan>.Ok(loan);
        }
    }

}
