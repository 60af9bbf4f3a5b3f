using Gonghui.Modules.MemberCard.Rules;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.MemberCard.Merchants;

/// <summary>A merchant under a member-card contract (商户): a shop, an online store or an aided-region producer (消费扶贫),
/// kept by an organisation unit (its path scopes the staff who see and settle it).</summary>
public sealed class Merchant : IAudited
{
    private Merchant() { }
    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public MerchantKind Kind { get; private set; }
    /// <summary>Only for aided producers: where the goods come from.</summary>
    public OriginRegion? Origin { get; private set; }
    /// <summary>Unified social credit code (统一社会信用代码), when known.</summary>
    public string? CreditCode { get; private set; }
    public string ContractNo { get; private set; } = "";
    public DateOnly ContractFrom { get; private set; }
    public DateOnly ContractTo { get; private set; }
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public string? Address { get; private set; }
    public bool Suspended { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Merchant Create(Guid id, string name, MerchantKind kind, OriginRegion? origin, string? creditCode, string contractNo,
        DateOnly from, DateOnly to, Guid unitId, string unitPath, string? address, DateTimeOffset now) => new()
    {
        Id = id, Name = name.Trim(), Kind = kind, Origin = kind == MerchantKind.AidedProducer ? origin : null, CreditCode = creditCode,
        ContractNo = contractNo.Trim(), ContractFrom = from, ContractTo = to, UnitId = unitId, UnitPath = unitPath, Address = address, CreatedAt = now,
    };

    public bool UnderContractOn(DateOnly day) => !Suspended && day >= ContractFrom && day <= ContractTo;

    public void Renew(string contractNo, DateOnly from, DateOnly to)
    {
        ContractNo = contractNo.Trim();
        ContractFrom = from;
        ContractTo = to;
    }

    public void Suspend(bool suspended) => Suspended = suspended;
}

/// <summary>A product of an aided-region producer (消费扶贫 goods) with its origin region.</summary>
public sealed class MerchantProduct : IAudited
{
    private MerchantProduct() { }
    public Guid Id { get; private set; }
    public Guid MerchantId { get; private set; }
    public string Name { get; private set; } = "";
    public OriginRegion Origin { get; private set; }
    public long PriceFen { get; private set; }

    public static MerchantProduct Create(Guid id, Guid merchantId, string name, OriginRegion origin, long priceFen) =>
        new() { Id = id, MerchantId = merchantId, Name = name.Trim(), Origin = origin, PriceFen = priceFen };
}

/// <summary>A cashier account of a merchant (role Merchant): it verifies and redeems at its own merchant only.</summary>
public sealed class MerchantStaff : IAudited
{
    private MerchantStaff() { }
    public Guid UserId { get; private set; }
    public Guid MerchantId { get; private set; }

    public static MerchantStaff Of(Guid userId, Guid merchantId) => new() { UserId = userId, MerchantId = merchantId };
}
