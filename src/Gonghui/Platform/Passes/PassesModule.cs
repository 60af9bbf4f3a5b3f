using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gonghui.Platform.Passes;

/// <summary>The member pass (会员码): the signer, the single-use consume and its nonce table, the purge, and the member's own API.</summary>
public static class PassesModule
{
    public static IServiceCollection AddPasses(this IServiceCollection services)
    {
        services.AddSingleton<MemberPassSigner>(sp => new MemberPassSigner(sp.GetRequiredService<Security.PersonalDataProtector>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<MemberPasses>();
        services.AddSingleton<PassNoncePurge>();
        services.AddHostedService(sp => sp.GetRequiredService<PassNoncePurge>());
        return services;
    }

    internal static void Configure(ModelBuilder b) => PassNonce.Configure(b);

    public static IEndpointRouteBuilder MapPasses(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/passes").WithTags("Member pass");
        g.MapGet("/mine", Mine).RequireAuthorization(Permissions.SelfService);
        return app;
    }

    /// <summary>The caller's own member pass: a fresh token (valid 60 s), its expiry and its QR code (PNG data URI).</summary>
    private static async Task<Results<Ok<MyPass>, ProblemHttpResult>> Mine(CurrentUser me, MemberPasses passes, IStringLocalizer<PassText> t, CancellationToken ct)
    {
        if (me.MemberId is not { } member) return Api.Conflict(t[PassCodes.NoMember], null, PassCodes.NoMember);
        var pass = await passes.IssueAsync(member, ct);
        return TypedResults.Ok(new MyPass(pass.Token, pass.ExpiresAt, MemberPasses.QrDataUri(pass.Token)));
    }
}

/// <summary>A member's pass as the API gives it to their own page or app.</summary>
public sealed record MyPass(string Token, DateTimeOffset ExpiresAt, string Qr);

/// <summary>Marker for the member pass's UI strings and the wording of its codes (PassText.resx, zh-CN; PassText.en.resx).</summary>
public sealed class PassText
{
    /// <summary>A module's wording with the pass's codes added: a consumer of <see cref="MemberPasses"/> words its outcomes
    /// with this, so an expired or replayed pass reads the same everywhere.</summary>
    public static OutcomeText Words(IStringLocalizer<PassText> pass, OutcomeText module) =>
        (code, args) => code.StartsWith("pass.", StringComparison.Ordinal) ? pass[code].Value : module(code, args);
}
