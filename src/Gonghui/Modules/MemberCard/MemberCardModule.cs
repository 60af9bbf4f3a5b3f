using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.MemberCard.Figures;
using Gonghui.Modules.MemberCard.Merchants;
using Gonghui.Modules.MemberCard.Offers;
using Gonghui.Modules.MemberCard.Redemptions;
using Gonghui.Modules.MemberCard.Settlements;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;

namespace Gonghui.Modules.MemberCard;

/// <summary>
/// The member card (会员服务卡): merchants under contract (shops, online stores, aided-region producers of 消费扶贫), offers as
/// rules (满99减50, eligible groups, per-member limits, budgets in count and fen), redemption at the till or online with the
/// member pass (reserve → confirm / release / expire; returns), monthly statements paid through the fund ledger, anomaly flags.
/// </summary>
public static class MemberCardModule
{
    public static IServiceCollection AddMemberCard(this IServiceCollection services)
    {
        services.AddModelConfiguration("MemberCard", MemberCardModel.Configure);
        services.AddScoped<MerchantHandlers>();
        services.AddScoped<OfferHandlers>();
        services.AddScoped<RedemptionHandlers>();
        services.AddScoped<SettlementHandlers>();
        services.AddScoped<Words>();
        services.AddSingleton<ReservationSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ReservationSweeper>());
        services.AddScoped<IPaidRecordSource, SettlementPaidRecords>();
        services.AddScoped<IIndicatorSource, MemberCardIndicators>();
        services.AddSingleton<IDemoSeeder, Demo.MemberCardDemoSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapMemberCard(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/member-card").WithTags("Member card");
        MerchantEndpoints.Map(g);
        OfferEndpoints.Map(g);
        RedemptionEndpoints.Map(g);
        SettlementEndpoints.Map(g);
        return app;
    }
}
