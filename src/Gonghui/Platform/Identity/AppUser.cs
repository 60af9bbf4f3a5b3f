using Microsoft.AspNetCore.Identity;

namespace Gonghui.Platform.Identity;

/// <summary>A staff or worker account. Every account belongs to one organisation unit; a worker's also names their member record.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    public Guid OrgUnitId { get; set; }
    public Guid? MemberId { get; set; }
}

/// <summary>Role names. Staff roles see their unit's subtree; a worker sees only their own records.</summary>
public static class Roles
{
    public const string FederationAdmin = "FederationAdmin";
    public const string DistrictStaff = "DistrictStaff";
    public const string GrassrootsStaff = "GrassrootsStaff";
    public const string HotlineAgent = "HotlineAgent";
    public const string Worker = "Worker";
    /// <summary>A third-party evaluator: sees only the hardship files the system sampled for it, nothing else.</summary>
    public const string Evaluator = "Evaluator";
    /// <summary>A psychological counsellor of the hotline's counselling team: works the requests dispatched to it.</summary>
    public const string Counsellor = "Counsellor";
    /// <summary>Approves and pays money: claims, refunds, loan disbursements, assistance (a second approver above the threshold).</summary>
    public const string FundOfficer = "FundOfficer";
    /// <summary>Reads everything in scope and changes nothing.</summary>
    public const string Auditor = "Auditor";
    /// <summary>A skills-contest judge: marks the competitors of the trades they judge (not those they are conflicted with), nothing else.</summary>
    public const string Judge = "Judge";
    /// <summary>A member-card merchant's cashier: verifies member passes and redeems offers at their own merchant, nothing else.</summary>
    public const string Merchant = "Merchant";
    /// <summary>A lawyer or mediator of the roster (its account linked to the roster entry): their own cases and deadlines, nothing else.</summary>
    public const string Lawyer = "Lawyer";

    public static readonly string[] All = [FederationAdmin, DistrictStaff, GrassrootsStaff, HotlineAgent, Counsellor, FundOfficer, Auditor, Evaluator, Judge, Merchant, Lawyer, Worker];
    public static readonly string[] Staff = [FederationAdmin, DistrictStaff, GrassrootsStaff, HotlineAgent, Counsellor, FundOfficer, Auditor];
}

public static class GonghuiClaims
{
    public const string OrgUnit = "gonghui:org";
    public const string Member = "gonghui:member";
    /// <summary>The server-side session (identity_sessions) a cookie or bearer token belongs to.</summary>
    public const string Session = "gonghui:sid";
}
