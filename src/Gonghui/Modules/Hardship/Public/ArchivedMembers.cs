using Gonghui.Modules.Hardship.Files;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Platform.Data;

namespace Gonghui.Modules.Hardship.Public;

/// <summary>Which members are in the needy-worker archive (在档), for services that put them first (jobs matching); no file data.</summary>
public static class ArchivedMembers
{
    /// <summary>The ids of members with a file in the archive now (status Active).</summary>
    public static IQueryable<Guid> ArchivedMemberIds(this GonghuiDb db) =>
        db.Set<HardshipFile>().Where(f => f.Status == FileStatus.Active && f.MemberId != null).Select(f => f.MemberId!.Value);
}
