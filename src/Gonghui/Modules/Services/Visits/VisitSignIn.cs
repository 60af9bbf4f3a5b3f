using Gonghui.Modules.Services.Projects;
using Gonghui.Modules.Services.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Passes;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Services.Visits;

/// <summary>A member's pass scanned at an event or venue of a project: the token the QR code carries, and where.</summary>
public sealed record SignInInput(string? Pass, string? Place, Guid? VenueId);

/// <summary>
/// Sign-in by scanning a member's pass (会员码, <c>Platform/Passes</c>): the pass is used once (a replayed or expired code is refused
/// with the pass's own codes) and the visit recorded with channel QR sign-in, in one transaction — a refused visit (a second one the
/// same day, a project not delivering) rolls the pass's use back, so the member can show it again elsewhere.
/// </summary>
public sealed class VisitSignIn(GonghuiDb db, MemberPasses passes, VisitHandlers visits, ProjectHandlers projects)
{
    public const string Purpose = "services.sign-in";

    public async Task<Outcome<VisitRow>> SignInAsync(Guid projectId, SignInInput input, CancellationToken ct)
    {
        if (!await (await projects.VisibleAsync(ct)).AnyAsync(p => p.Id == projectId, ct)) return Outcome<VisitRow>.NotFound();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var pass = await passes.ConsumeAsync(input.Pass, Purpose, "pass", ct);
        if (!pass.IsOk) return pass.As<VisitRow>();
        var visit = await visits.RecordAsync(projectId, new RecordVisitInput(pass.Value!.MemberId, null, VisitChannel.QrSignIn, input.Place, input.VenueId), ct);
        if (!visit.IsOk) return visit; // disposing the transaction rolls the pass's use back
        await tx.CommitAsync(ct);
        return visit;
    }
}
