using Gonghui.Modules.Funds.Public;
using System.Net;
using Gonghui.Modules.Funds;
using Gonghui.Modules.Funds.Ledger;
using Gonghui.Modules.Insurance.Claims;
using Gonghui.Modules.MutualAid.Claims;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Funds;

/// <summary>
/// Paid records and their payments stay in step: reversing a payout through the API puts the claim into Reversed with the
/// reason in the same transaction and the reconciliation stays clean; books damaged behind the ledger's back (a payment
/// marked reversed, a payment's amount altered, a claim set back to approved) are listed per module. Each provider class has
/// a database of its own (the damage touches no other test class).
/// </summary>
public abstract class RecordReconciliationTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private const int Year = 2020; // the demo pays its mutual-aid and insurance claims from the 2020 funds

    private async Task<ReconciliationReport> ReconcileAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<FundLedger>().ReconcileAsync(Year);
    }

    private static string Describe(ReconciliationReport r) =>
        string.Join("; ", r.RecordMismatches.Select(m => $"{m.Module} {m.Kind} {m.RecordId} {m.RecordFen}/{m.PaymentFen}"))
        + string.Join(",", r.Funds.Select(f => $" {f.FundCode}={f.Sum}")) + $" unbalanced={r.UnbalancedEntries.Count} accounts={r.AccountsOutOfBalance.Count}";

    [Fact]
    public async Task Reversing_a_payout_reverses_its_claim_and_damaged_books_are_listed_per_module()
    {
        var before = await ReconcileAsync();
        Assert.True(before.IsClean, Describe(before));
        var mutual = before.Records.Single(r => r.Module == "MutualAid");
        Assert.True(mutual.PaidRecords >= 4, $"demo paid {mutual.PaidRecords} mutual-aid claims");
        Assert.Equal(mutual.PaidRecords, mutual.LivePayments);
        Assert.Equal(mutual.PaidRecordsFen, mutual.LivePaymentsFen);
        // (The insurance test of this class may already have reversed the demo's paid accident claim: no count is assumed.)
        Assert.Contains(before.Records, r => r.Module == "Insurance" && r.PaidRecords == r.LivePayments && r.PaidRecordsFen == r.LivePaymentsFen);
        // Innovation pays two kinds of record (patent and project awards): one source each; Skills pays the 北京大工匠 awards;
        // LaborRelations its organizing grants and Legal its legal-aid fees.
        Assert.Equal(["FeeRefunds", "Hardship", "Innovation", "Innovation", "Insurance", "LaborRelations", "Legal", "Loans", "MemberCard", "ModelWorkers", "MutualAid", "Services", "Services", "Skills"], before.Records.Select(r => r.Module).Order(StringComparer.Ordinal));

        var paid = await app.WithDbAsync(db => db.Set<MutualAidClaim>().AsNoTracking().Where(c => c.Status == ClaimStatus.Paid && c.Year == Year)
            .OrderBy(c => c.Id).Take(4).Select(c => new { c.Id, c.PayoutFen, Entry = c.PaymentEntryId!.Value }).ToListAsync());

        // Reverse the first payout through the API.
        var admin = await app.ClientAsync("admin");
        var url = $"/api/v1/funds/entries/{paid[0].Entry}/reversal";
        var noReason = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent(new { reason = "" }), Headers = { { "Idempotency-Key", "k-" + paid[0].Id } } });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var res = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent(new { reason = "银行退票 bounced" }), Headers = { { "Idempotency-Key", "k-" + paid[0].Id } } });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var claim = await app.WithDbAsync(db => db.Set<MutualAidClaim>().AsNoTracking().SingleAsync(c => c.Id == paid[0].Id));
        Assert.Equal(ClaimStatus.Reversed, claim.Status);
        Assert.Equal("银行退票 bounced", claim.ReversalReason);
        Assert.NotNull(claim.ReversalEntryId);
        var after = await ReconcileAsync();
        Assert.True(after.IsClean, Describe(after));
        var mutualAfter = after.Records.Single(r => r.Module == "MutualAid");
        Assert.Equal(mutual.PaidRecords - 1, mutualAfter.PaidRecords);
        Assert.Equal(mutual.LivePayments - 1, mutualAfter.LivePayments);
        // The reversal is in the audit trail with the claim's new state.
        Assert.True(await app.WithDbAsync(db => db.Set<Gonghui.Platform.Audit.AuditEntry>().AnyAsync(a => a.EntityId == paid[0].Id.ToString() && a.After != null && a.After.Contains("bounced"))));

        // Damage the books behind the ledger's back, three ways.
        var sqlite = app is SqliteApp;
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE funds_entries SET reversed_by_id = {Param(Guid.CreateVersion7(), sqlite)} WHERE id = {Param(paid[1].Entry, sqlite)}"));
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE funds_entries SET amount = amount + 100 WHERE id = {Param(paid[2].Entry, sqlite)}"));
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE mutual_aid_claims SET status = 1 WHERE id = {Param(paid[3].Id, sqlite)}"));
        var damaged = await ReconcileAsync();
        Assert.False(damaged.IsClean);
        var listed = damaged.Records.Single(r => r.Module == "MutualAid").Mismatches;
        Assert.Equal(3, listed.Count);
        Assert.Contains(listed, m => m is { Kind: RecordMismatchKind.PaidWithoutPayment } && m.RecordId == paid[1].Id && m.RecordFen == paid[1].PayoutFen);
        Assert.Contains(listed, m => m is { Kind: RecordMismatchKind.AmountDiffers } && m.RecordId == paid[2].Id && m.PaymentFen == paid[2].PayoutFen + 100 && m.PaymentEntryId == paid[2].Entry);
        Assert.Contains(listed, m => m is { Kind: RecordMismatchKind.PaymentWithoutPaidRecord } && m.RecordId == paid[3].Id && m.PaymentEntryId == paid[3].Entry);
        Assert.All(damaged.Records.Where(r => r.Module != "MutualAid"), r => Assert.Empty(r.Mismatches));

        // The API reports the same, per module.
        var api = await admin.GetJsonAsync<ReconciliationReport>($"/api/v1/funds/reconciliation?year={Year}");
        Assert.Equal(3, api!.Records.Single(r => r.Module == "MutualAid").Mismatches.Count);
    }

    [Fact]
    public async Task Reversing_an_insurance_payout_puts_the_claim_and_its_timeline_into_reversed()
    {
        var paid = await app.WithDbAsync(db => db.Set<AccidentClaim>().AsNoTracking().Where(c => c.Status == AccidentClaimStatus.Paid)
            .OrderByDescending(c => c.Id).Select(c => new { c.Id, Entry = c.PaymentEntryId!.Value }).FirstAsync());
        var admin = await app.ClientAsync("admin");
        var res = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/funds/entries/{paid.Entry}/reversal")
            { Content = JsonContent(new { reason = "重复支付" }), Headers = { { "Idempotency-Key", "ins-" + paid.Id } } });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var (status, events) = await app.WithDbAsync(async db => (
            (await db.Set<AccidentClaim>().AsNoTracking().SingleAsync(c => c.Id == paid.Id)).Status,
            await db.Set<AccidentClaimEvent>().AsNoTracking().Where(e => e.ClaimId == paid.Id).Select(e => e.Kind).ToListAsync()));
        Assert.Equal(AccidentClaimStatus.Reversed, status);
        Assert.Contains(ClaimEventKind.Reversed, events);
        var report = await ReconcileAsync();
        Assert.Empty(report.Records.Single(r => r.Module == "Insurance").Mismatches);
    }

    private static StringContent JsonContent(object o) => new(System.Text.Json.JsonSerializer.Serialize(o), System.Text.Encoding.UTF8, "application/json");

    /// <summary>EF Core stores GUIDs as upper-case text on SQLite and as uuid on PostgreSQL.</summary>
    private static object Param(Guid id, bool sqlite) => sqlite ? id.ToString().ToUpperInvariant() : id;
}

public sealed class RecordReconciliationTests_Sqlite(SqliteApp app) : RecordReconciliationTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class RecordReconciliationTests_Postgres(PostgresApp app) : RecordReconciliationTests<PostgresApp>(app), IClassFixture<PostgresApp>;
