using Gonghui.Modules.ModelWorkers.Rules;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.ModelWorkers.Register;

/// <summary>The register under /api/v1/model-workers: list, detail, enter, update, care records and their payment.</summary>
internal static class RegisterEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("", async Task<IResult> (HonourLevel? level, HonourKind? kind, bool? lecturer, string? q, string? after, string? before, int? limit,
            RegisterService s, CancellationToken ct) =>
        {
            var errors = new Api.Errors();
            if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
            return TypedResults.Ok(await s.ListAsync(new RegisterFilter(level, kind, lecturer, q), request, ct));
        }).RequireAuthorization(Permissions.ModelWorkersRead);
        g.MapPost("", async (RegisterRequest body, RegisterService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.CreateAsync(body, ct)).ToCreatedResult(v => $"/api/v1/model-workers/{v.Id}", v => v, t)).RequireAuthorization(Permissions.ModelWorkersEdit);
        g.MapGet("/{id:guid}", async (Guid id, RegisterService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.DetailAsync(id, ct)).ToHttpResult(t)).RequireAuthorization(Permissions.ModelWorkersRead);
        g.MapPut("/{id:guid}", async (Guid id, RegisterRequest body, RegisterService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.UpdateAsync(id, body, ct)).ToHttpResult(t)).RequireAuthorization(Permissions.ModelWorkersEdit);
        g.MapPost("/{id:guid}/care", async (Guid id, CareRequest body, RegisterService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.RecordCareAsync(id, body, ct)).ToCreatedResult(v => $"/api/v1/model-workers/{id}", v => v, t)).RequireAuthorization(Permissions.ModelWorkersEdit);
        g.MapPost("/{id:guid}/care/{careId:guid}/pay", async (Guid id, Guid careId, RegisterService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.PayCareAsync(id, careId, ct)).ToHttpResult(t)).RequireAuthorization(Permissions.ModelWorkersPay);
    }
}
