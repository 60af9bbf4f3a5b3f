using Gonghui.Platform.Audit;
using Gonghui.Platform.Ids;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Modules.Organizations.Members;

public enum EmploymentType { Regular = 0, DispatchWorker = 1, FlexibleWorker = 2 }

/// <summary>A union member. ID number and phone are stored encrypted, with keyed hashes for look-up and masked copies for lists.</summary>
public sealed class Member : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public string IdNumberCipher { get; set; } = "";
    public string IdNumberHash { get; set; } = "";
    public string IdNumberMasked { get; set; } = "";
    public Sex Sex { get; set; }
    public DateOnly BirthDate { get; set; }
    public string? PhoneCipher { get; set; }
    public string? PhoneHash { get; set; }
    public string? PhoneMasked { get; set; }
    public EmploymentType EmploymentType { get; set; }
    public Guid? EnterpriseId { get; set; }
    public Guid UnionId { get; set; }
    public DateOnly JoinedOn { get; set; }
    public string? CardNumber { get; set; }
    public MemberStatus Status { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A transfer of a member between grassroots unions; history is never rewritten.</summary>
public sealed class MemberTransfer
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MemberId { get; set; }
    public Guid FromUnionId { get; set; }
    public Guid ToUnionId { get; set; }
    public DateTimeOffset At { get; set; }
    public string By { get; set; } = "";
    public string? Reason { get; set; }
}
