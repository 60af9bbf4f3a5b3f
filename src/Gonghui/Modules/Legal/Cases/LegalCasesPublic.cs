using Gonghui.Modules.Legal.Public;
using Gonghui.Modules.Legal.Rules;
using Gonghui.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Legal.Cases;

/// <summary>The Legal module's <see cref="ILegalCases"/> on its handlers (scope and checks as for any caller).</summary>
internal sealed class LegalCasesPublic(CaseHandlers cases, CurrentUser me) : ILegalCases
{
    public async Task<IReadOnlyList<LegalCaseRef>> ForHotlineRequestAsync(Guid hotlineRequestId, CancellationToken ct)
    {
        if (!me.Can(Permissions.LegalRead)) return [];
        return await (await cases.VisibleAsync(ct)).Where(c => c.HotlineRequestId == hotlineRequestId).OrderBy(c => c.CreatedAt)
            .Select(c => new LegalCaseRef(c.Id, c.Number, c.Type.ToString(), c.ClosedOn != null, c.NextDue, c.ScopePath)).ToListAsync(ct);
    }

    public async Task<LegalCaseRef?> OpenFromHotlineAsync(HotlineCaseSeed seed, CancellationToken ct)
    {
        if (!me.Can(Permissions.LegalWork)) return null;
        var existing = await ForHotlineRequestAsync(seed.HotlineRequestId, ct);
        if (existing.Count > 0) return existing[0];
        var o = await cases.OpenAsync(new OpenCaseInput(CaseType.Consultation, CaseChannel.Hotline, seed.Summary, seed.WorkerName, seed.WorkerPhone, null, 1,
            seed.EmployerId, string.IsNullOrWhiteSpace(seed.EmployerName) ? "（待补充）" : seed.EmployerName, null, null, seed.ReceivedOn, seed.ReceivedOn, null, [], [],
            seed.HotlineRequestId), ct);
        return o.IsOk ? new LegalCaseRef(o.Value!.Id, o.Value.Number, o.Value.Type.ToString(), false, o.Value.NextDue, o.Value.ScopePath) : null;
    }
}
