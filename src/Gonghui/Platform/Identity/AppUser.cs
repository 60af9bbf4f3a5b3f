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

    public static readonly string[] All = [FederationAdmin, DistrictStaff, GrassrootsStaff, HotlineAgent, Worker, Evaluator];
    public static readonly string[] Staff = [FederationAdmin, DistrictStaff, GrassrootsStaff, HotlineAgent];
}

public static class Policies
{
    public const string Staff = "Staff";
    public const string FederationAdmin = "FederationAdmin";
    public const string Worker = "Worker";
}

public static class GonghuiClaims
{
    public const string OrgUnit = "gonghui:org";
    public const string Member = "gonghui:member";
}
