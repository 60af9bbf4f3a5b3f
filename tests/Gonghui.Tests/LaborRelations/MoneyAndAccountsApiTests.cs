using System.Net;
using System.Text.Json;
using Gonghui.Modules.Funds.Ledger;
using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.LaborRelations.Organizing;
using Gonghui.Modules.Legal.Cases;
using Gonghui.Modules.Legal.Fees;
using Gonghui.Modules.Legal.Roster;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Money;
using Gonghui.Platform.Time;
using Gonghui.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.LaborRelations;

/// <summary>
/// Issue 16's money and accounts: the special organizing fund's grants to drives and legal-aid fees move only through the fund ledger
/// (reserved on approval, paid once, four eyes above the threshold, reversals reach the record), and a roster entry is linked to a
/// sign-in account of role Lawyer from the roster, after which that account sees the entry's cases under "my cases".
/// </summary>
public abstract class MoneyAndAccountsApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private const string Labor = "/api/v1/labor-relations";
    private const string Legal = "/api/v1/legal";

    private static async Task<JsonElement> ErrorsOf(HttpResponseMessage res)
    {
        var text = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == HttpStatusCode.BadRequest, $"{res.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("errors");
    }

    private static async Task<T> Ok<T>(HttpResponseMessage res, HttpStatusCode code = HttpStatusCode.OK)
    {
        Assert.True(res.StatusCode == code, $"{res.StatusCode}: {await res.Content.ReadAsStringAsync()}");
        return (await res.ReadJsonAsync<T>())!;
    }

    private static async Task<string> ConflictCode(HttpResponseMessage res)
    {
        var text = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == HttpStatusCode.Conflict, $"{res.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("code").GetString()!;
    }

    private Task<int> YearAsync() => app.WithDbAsync(_ => Task.FromResult(BeijingTime.Year(app.Services.GetRequiredService<TimeProvider>())));

    private Task<Guid> DongchengUnionAsync() => app.WithDbAsync(db =>
        db.UnitRows().Where(u => u.Kind == OrgUnitKind.DistrictUnion && u.DistrictCode == "110101").Select(u => u.Id).FirstAsync());

    private async Task AllocateAsync(string fund, Guid unit, long fen)
    {
        var year = await YearAsync();
        using var scope = app.Services.CreateScope();
        var r = await scope.ServiceProvider.GetRequiredService<IFundLedger>().AllocateBudgetAsync(fund, unit, year, new Fen(fen), "test:budget:" + Guid.NewGuid(), default);
        Assert.True(r.IsOk, r.Code + " " + r.Detail);
    }

    [Fact]
    public async Task An_organizing_drives_grant_is_reserved_on_approval_and_paid_once_through_the_ledger_with_four_eyes()
    {
        var admin = await app.ClientAsync("admin");
        var today = BeijingTime.Today(app.Services.GetRequiredService<TimeProvider>());
        var d = await Ok<DriveDto>(await admin.PostJsonAsync($"{Labor}/organizing/drives",
            new { name = "东城区楼宇建会（经费测试）", kind = "NonPublicFirms", districtCode = "110101", startsOn = today.AddMonths(-1), endsOn = today.AddMonths(6), targetFirms = 5, targetMembers = 50 }),
            HttpStatusCode.Created);
        var dc = await DongchengUnionAsync();
        await AllocateAsync(FundCodes.Organizing, dc, 10_000_000);

        // bad input names the field; a grassroots union may not approve; nothing is written
        var bad = await ErrorsOf(await admin.PostJsonAsync($"{Labor}/organizing/drives/{d.Id}/grants", new { amountFen = 0, purpose = " " }));
        Assert.True(bad.TryGetProperty("amountFen", out _) && bad.TryGetProperty("purpose", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("dc-grassroots")).PostJsonAsync($"{Labor}/organizing/drives/{d.Id}/grants",
            new { amountFen = 100_00, purpose = "x" })).StatusCode);
        // more than the district's organizing budget: refused by the ledger, no grant row
        Assert.Equal("grant.budgetExceeded", await ConflictCode(await admin.PostJsonAsync($"{Labor}/organizing/drives/{d.Id}/grants",
            new { amountFen = Fen.MaxValue, purpose = "超出预算" })));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<DriveGrant>().CountAsync(g => g.DriveId == d.Id)));

        var g = await Ok<GrantDto>(await admin.PostJsonAsync($"{Labor}/organizing/drives/{d.Id}/grants", new { amountFen = 6_000_000L, purpose = "园区联合工会组建补助" }),
            HttpStatusCode.Created);
        Assert.Equal((PayableState.Approved, dc, 6_000_000L), (g.State, g.FundUnitId, g.AmountFen));
        Assert.NotNull(g.CommitmentEntryId);

        // 60,000 yuan is above the four-eyes threshold: the approver may not pay; a worker may not pay at all
        Assert.Equal("payment.secondApproverRequired", await ConflictCode(await admin.PostAsync($"{Labor}/organizing/grants/{g.Id}/pay", null)));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("worker")).PostAsync($"{Labor}/organizing/grants/{g.Id}/pay", null)).StatusCode);
        // concurrent payments by the fund officer: one pays, the others are told it is paid
        var officer = await app.ClientAsync("fundofficer");
        var tries = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => officer.PostAsync($"{Labor}/organizing/grants/{g.Id}/pay", null)));
        var bodies = await Task.WhenAll(tries.Select(t => t.Content.ReadAsStringAsync()));
        Assert.True(tries.Count(t => t.StatusCode == HttpStatusCode.OK) == 1, string.Join("\n", bodies));
        Assert.All(bodies.Where((_, i) => tries[i].StatusCode != HttpStatusCode.OK), b => Assert.Contains("grant.alreadyPaid", b));

        var entries = (await admin.GetJsonAsync<List<LedgerEntryView>>($"{Labor}/organizing/grants/{g.Id}/entries"))!;
        Assert.Equal([EntryKind.Commitment, EntryKind.Payment], entries.Select(e => e.Kind).ToArray());
        Assert.All(entries, e => Assert.Equal((FundCodes.Organizing, dc, 6_000_000L), (e.FundCode, e.OrgUnitId, e.Amount.Value)));
        var listed = (await admin.GetJsonAsync<List<GrantDto>>($"{Labor}/organizing/drives/{d.Id}/grants"))!;
        Assert.Equal(PayableState.Paid, listed.Single().State);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientAsync("xicheng")).GetAsync($"{Labor}/organizing/drives/{d.Id}/grants")).StatusCode);

        // reconciliation sees the paid grant; a reversal in the ledger puts the grant into Reversed
        using (var scope = app.Services.CreateScope())
        {
            var ledger = scope.ServiceProvider.GetRequiredService<FundLedger>();
            var report = await ledger.ReconcileAsync(await YearAsync());
            Assert.DoesNotContain(report.RecordMismatches, m => m.SourceType == GrantHandlers.PaymentSource);
            Assert.Contains(report.Records, r => r.SourceType == GrantHandlers.PaymentSource && r.PaidRecords >= 1);
            var reversed = await ledger.ReverseAsync(entries[1].Id, "测试冲销", "test:reverse:" + g.Id, default);
            Assert.True(reversed.IsOk, reversed.Code + " " + reversed.Detail);
        }
        Assert.Equal(PayableState.Reversed, await app.WithDbAsync(db => db.Set<DriveGrant>().Where(x => x.Id == g.Id).Select(x => x.State).SingleAsync()));
        Assert.Equal("grant.reversed", await ConflictCode(await officer.PostAsync($"{Labor}/organizing/grants/{g.Id}/pay", null)));
    }

    [Fact]
    public async Task A_legal_aid_fee_is_paid_to_the_cases_lawyer_through_the_ledger()
    {
        var dc = await app.ClientAsync("dongcheng");
        var res = await dc.PostJsonAsync($"{Legal}/cases", new
        {
            type = "Arbitration", channel = "WalkIn", summary = "欠薪仲裁代理", workerName = "王测试", workerPhone = "13812345678", workers = 1,
            employerName = "北京律师费测试有限公司", industry = "制造业", receivedOn = "2021-01-20", knewOn = "2020-12-01",
            claims = new[] { new { kind = "WageArrears", claimedFen = 3_000_000L } },
        });
        var c = await Ok<CaseDto>(res, HttpStatusCode.Created);
        var unit = await DongchengUnionAsync();
        await AllocateAsync(FundCodes.LegalAid, unit, 10_000_000);

        // no lawyer yet: the fee must name one; bad amount; a grassroots union may not approve fees
        var bad = await ErrorsOf(await dc.PostJsonAsync($"{Legal}/cases/{c.Id}/fees", new { amountFen = -1 }));
        Assert.True(bad.TryGetProperty("amountFen", out _) && bad.TryGetProperty("lawyerId", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("dc-grassroots")).PostJsonAsync($"{Legal}/cases/{c.Id}/fees", new { amountFen = 100 })).StatusCode);

        var lawyer = await app.WithDbAsync(db => db.Set<Lawyer>().Where(l => !l.Mediator && l.Active).OrderBy(l => l.Id).Select(l => l.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.OK, (await dc.PostJsonAsync($"{Legal}/cases/{c.Id}/assign", new { lawyerId = lawyer })).StatusCode);

        // 3,000 yuan is below the threshold: the district pays what it approved
        var small = await Ok<FeeDto>(await dc.PostJsonAsync($"{Legal}/cases/{c.Id}/fees", new { amountFen = 300_000L, note = "仲裁代理费" }), HttpStatusCode.Created);
        Assert.Equal((lawyer, unit, PayableState.Approved), (small.LawyerId, small.FundUnitId, small.State));
        var paid = await Ok<FeeDto>(await dc.PostAsync($"{Legal}/fees/{small.Id}/pay", null));
        Assert.Equal(PayableState.Paid, paid.State);
        Assert.Equal("fee.alreadyPaid", await ConflictCode(await dc.PostAsync($"{Legal}/fees/{small.Id}/pay", null)));

        // 60,000 yuan: another person pays; more than the budget is refused with nothing written
        var big = await Ok<FeeDto>(await dc.PostJsonAsync($"{Legal}/cases/{c.Id}/fees", new { amountFen = 6_000_000L }), HttpStatusCode.Created);
        Assert.Equal("payment.secondApproverRequired", await ConflictCode(await dc.PostAsync($"{Legal}/fees/{big.Id}/pay", null)));
        Assert.Equal(PayableState.Paid, (await Ok<FeeDto>(await (await app.ClientAsync("fundofficer")).PostAsync($"{Legal}/fees/{big.Id}/pay", null))).State);
        Assert.Equal("fee.budgetExceeded", await ConflictCode(await dc.PostJsonAsync($"{Legal}/cases/{c.Id}/fees", new { amountFen = Fen.MaxValue })));

        var fees = (await dc.GetJsonAsync<List<FeeDto>>($"{Legal}/cases/{c.Id}/fees"))!;
        Assert.Equal([300_000L, 6_000_000L], fees.Select(f => f.AmountFen).ToArray());
        Assert.All(fees, f => Assert.Equal(PayableState.Paid, f.State));
        using var scope = app.Services.CreateScope();
        var ledger = scope.ServiceProvider.GetRequiredService<IFundLedger>();
        foreach (var f in fees)
        {
            var payment = await ledger.PaymentOfAsync(new SourceRef(FeeHandlers.PaymentSource, f.Id));
            Assert.Equal((FundCodes.LegalAid, unit, f.AmountFen), (payment!.FundCode, payment.OrgUnitId, payment.Amount.Value));
        }
        var report = await scope.ServiceProvider.GetRequiredService<FundLedger>().ReconcileAsync(await YearAsync());
        Assert.DoesNotContain(report.RecordMismatches, m => m.SourceType == FeeHandlers.PaymentSource);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientAsync("xicheng")).GetAsync($"{Legal}/cases/{c.Id}/fees")).StatusCode);
    }

    [Fact]
    public async Task Staff_link_a_mediators_account_from_the_roster_and_it_sees_the_mediators_cases()
    {
        var userName = "mediator-" + Guid.NewGuid().ToString("N")[..8];
        Guid accountId;
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admin0 = await users.FindByNameAsync("admin");
            var u = new AppUser { UserName = userName, DisplayName = "调解员测试", OrgUnitId = admin0!.OrgUnitId };
            Assert.True((await users.CreateAsync(u, GonghuiApp.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(u, Roles.Lawyer)).Succeeded);
            accountId = u.Id;
        }
        var mediators = await app.WithDbAsync(db => db.Set<Lawyer>().Where(l => l.Mediator && l.AccountId == null).OrderBy(l => l.Id).Select(l => l.Id).Take(2).ToListAsync());
        var admin = await app.ClientAsync("admin");
        var staffAccount = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "dongcheng").Select(u => u.Id).SingleAsync());

        // only an account of role Lawyer; only by those who keep the roster
        Assert.True((await ErrorsOf(await admin.PutJsonAsync($"{Legal}/lawyers/{mediators[0]}/account", new { accountId = staffAccount }))).TryGetProperty("accountId", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("dc-grassroots")).PutJsonAsync($"{Legal}/lawyers/{mediators[0]}/account", new { accountId })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutJsonAsync($"{Legal}/lawyers/{Guid.NewGuid()}/account", new { accountId })).StatusCode);

        var linked = await Ok<LawyerDto>(await admin.PutJsonAsync($"{Legal}/lawyers/{mediators[0]}/account", new { accountId }));
        Assert.Equal(accountId, linked.AccountId);
        Assert.True((await ErrorsOf(await admin.PutJsonAsync($"{Legal}/lawyers/{mediators[1]}/account", new { accountId }))).TryGetProperty("accountId", out _));
        var accounts = (await admin.GetJsonAsync<List<LawyerAccount>>($"{Legal}/lawyer-accounts"))!;
        Assert.Equal(mediators[0], accounts.Single(a => a.Id == accountId).LinkedLawyerId);
        Assert.Contains(accounts, a => a.UserName == "lawyer");

        // a case assigned to the mediator shows under the account's "my cases"
        var dc = await app.ClientAsync("dongcheng");
        var c = await Ok<CaseDto>(await dc.PostJsonAsync($"{Legal}/cases", new
        {
            type = "Mediation", channel = "Hotline", summary = "调解测试", workerName = "赵测试", workerPhone = "13812345679", workers = 1,
            employerName = "北京调解测试有限公司", receivedOn = "2021-02-01", knewOn = "2021-01-05",
            claims = new[] { new { kind = "Overtime", claimedFen = 200_000L } },
        }), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await dc.PostJsonAsync($"{Legal}/cases/{c.Id}/assign", new { lawyerId = mediators[0] })).StatusCode);
        var mine = (await (await app.ClientAsync(userName)).GetJsonAsync<List<MyCaseDto>>($"{Legal}/my-cases"))!;
        Assert.Contains(mine, x => x.Id == c.Id);

        // unlinked, the account sees nothing
        Assert.Null((await Ok<LawyerDto>(await admin.PutJsonAsync($"{Legal}/lawyers/{mediators[0]}/account", new { accountId = (Guid?)null }))).AccountId);
        Assert.Empty((await (await app.ClientAsync(userName)).GetJsonAsync<List<MyCaseDto>>($"{Legal}/my-cases"))!);
    }
}

public sealed class MoneyAndAccountsApiTests_Sqlite(SqliteApp app) : MoneyAndAccountsApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class MoneyAndAccountsApiTests_Postgres(PostgresApp app) : MoneyAndAccountsApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
