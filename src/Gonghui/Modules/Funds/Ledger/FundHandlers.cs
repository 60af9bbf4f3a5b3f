using Gonghui.Modules.Funds.Ledger;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gonghui.Modules.Funds.Ledger;

/// <summary>
/// The API's fund handlers (<see cref="FundEndpoints"/>) with their services bound, for the fund pages: a page calls the
/// same handler as its endpoint and never touches <see cref="GonghuiDb"/> itself.
/// </summary>
internal sealed class FundHandlers(GonghuiDb db, FundLedger ledger, CurrentUser me, TimeProvider clock)
{
    public Task<Results<Ok<List<FundBalanceDto>>, ValidationProblem>> Balances(int? year, string? fund, Guid? unitId, CancellationToken ct) =>
        FundEndpoints.Balances(year, fund, unitId, db, ledger, me, clock, ct);

    public Task<Results<Ok<FundDetailDto>, NotFound, ValidationProblem>> Detail(string fundCode, Guid unitId, int year, string? after, string? before, int? limit,
        CancellationToken ct) => FundEndpoints.Detail(fundCode, unitId, year, after, before, limit, db, ledger, me, ct);
}
