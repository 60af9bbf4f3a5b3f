using Gonghui.Platform.Identity;

namespace Gonghui.Modules.Hardship.Public;

/// <summary>Who may read hardship data (other modules show a link to a file only to them).</summary>
public static class HardshipReaders
{
    /// <summary>Hardship data is for grassroots, district and federation staff in scope, and the evaluator for its sample; not hotline agents.</summary>
    public static readonly string[] Roles = [Platform.Identity.Roles.FederationAdmin, Platform.Identity.Roles.DistrictStaff, Platform.Identity.Roles.GrassrootsStaff, Platform.Identity.Roles.Evaluator];
}
