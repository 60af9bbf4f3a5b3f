namespace Gonghui.Modules.Hardship.Public;

/// <summary>A needy worker with a membership, as a campaign's target list sees them: the member, the unit keeping the file, archived or not.</summary>
public sealed record NeedyMember(Guid MemberId, Guid UnitId, bool Archived);

/// <summary>
/// The needy workers of a scope for the seasonal campaigns (送清凉, 冬送温暖): archived (在档: in the archive, an exit not yet approved)
/// and needy (困难职工 not or no longer archived: being identified, or exited and still followed up). Only files of members; no personal data.
/// </summary>
/// <remarks>The one reader of the needy-worker archive for other modules (campaign lists, jobs matching): "archived" has one
/// definition here (a file of a member in status Active, ExitProposed or ExitInNotice).</remarks>
public interface IHardshipRoster
{
    Task<IReadOnlyList<NeedyMember>> NeedyMembersAsync(string scopePath, CancellationToken ct);

    /// <summary>The ids of members archived now, as a query the caller composes into its own SQL (jobs: needy workers first).</summary>
    IQueryable<Guid> ArchivedMemberIds();
}
