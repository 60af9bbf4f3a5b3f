using Gonghui.Platform.Time;

namespace Gonghui.Modules.Hardship.Rules;

/// <summary>Where a hardship file is. Active statuses (everything but Rejected and Exited) hold the household's people city-wide.</summary>
public enum FileStatus
{
    Filed = 1,            // grassroots filed; district to review
    InNotice = 2,         // district accepted; public notice (公示) running
    AwaitingApproval = 3, // notice closed without upheld objection; federation to approve
    Active = 4,           // in the archive (在档)
    ExitProposed = 5,     // exit proposed; grassroots collective review due
    ExitInNotice = 6,     // collective review agreed; exit notice running (>= 5 working days)
    ExitApproved = 7,     // district approved; written notice to the worker due
    Exited = 8,           // out of hardship; followed up for >= 6 months; may re-enter
    Rejected = 9,
}

public enum FileAction
{
    DistrictAccept = 1, DistrictReject = 2, RecordObjection = 3, CloseNotice = 4, UpholdObjection = 5,
    FederationApprove = 6, FederationReject = 7, Reverify = 8, ProposeExit = 9, CollectiveApproveExit = 10,
    CollectiveRejectExit = 11, DistrictApproveExit = 12, RecordWrittenNotice = 13, ReEnter = 14, DismissObjection = 15,
}

/// <summary>Who may act: grassroots, district, federation. A higher level may do a lower level's step in its subtree.</summary>
public enum ActorLevel { None = 0, Grassroots = 1, District = 2, Federation = 3 }

public enum ExitReason { IncomeAboveLine = 1, ReEmployed = 2, Retired = 3, MovedAway = 4, Deceased = 5, Other = 99 }

/// <summary>What the workflow needs to know to decide one step.</summary>
public sealed record TransitionContext(
    FileStatus Status, ActorLevel Actor, DateTimeOffset Now, DateTimeOffset? NoticeEndsAt, int OpenObjections, string? Reason, ExitReason? ExitReason = null);

public sealed record TransitionVerdict(FileStatus? To, string? Error)
{
    public bool Ok => Error is null;
    public static TransitionVerdict Go(FileStatus to) => new(to, null);
    public static TransitionVerdict No(string code) => new(null, code);
}

/// <summary>The three-level workflow of a hardship file as a pure state machine.</summary>
public static class HardshipWorkflow
{
    public const string IllegalTransition = "workflow.illegalTransition";
    public const string NotAllowedForLevel = "workflow.levelNotAllowed";
    public const string ReasonRequired = "workflow.reasonRequired";
    public const string NoticeRunning = "workflow.noticeStillRunning";
    public const string ObjectionsOpen = "workflow.objectionsOpen";
    public const string NoObjection = "workflow.noObjectionToUphold";
    public const string ExitReasonRequired = "workflow.exitReasonRequired";

    private static readonly Dictionary<(FileStatus, FileAction), (FileStatus To, ActorLevel Level)> Table = new()
    {
        [(FileStatus.Filed, FileAction.DistrictAccept)] = (FileStatus.InNotice, ActorLevel.District),
        [(FileStatus.Filed, FileAction.DistrictReject)] = (FileStatus.Rejected, ActorLevel.District),
        [(FileStatus.InNotice, FileAction.RecordObjection)] = (FileStatus.InNotice, ActorLevel.District),
        [(FileStatus.InNotice, FileAction.CloseNotice)] = (FileStatus.AwaitingApproval, ActorLevel.District),
        [(FileStatus.InNotice, FileAction.UpholdObjection)] = (FileStatus.Rejected, ActorLevel.District),
        [(FileStatus.InNotice, FileAction.DismissObjection)] = (FileStatus.InNotice, ActorLevel.District),
        [(FileStatus.AwaitingApproval, FileAction.FederationApprove)] = (FileStatus.Active, ActorLevel.Federation),
        [(FileStatus.AwaitingApproval, FileAction.FederationReject)] = (FileStatus.Rejected, ActorLevel.Federation),
        [(FileStatus.Active, FileAction.Reverify)] = (FileStatus.Active, ActorLevel.Grassroots),
        [(FileStatus.Active, FileAction.ProposeExit)] = (FileStatus.ExitProposed, ActorLevel.Grassroots),
        [(FileStatus.ExitProposed, FileAction.CollectiveApproveExit)] = (FileStatus.ExitInNotice, ActorLevel.Grassroots),
        [(FileStatus.ExitProposed, FileAction.CollectiveRejectExit)] = (FileStatus.Active, ActorLevel.Grassroots),
        [(FileStatus.ExitInNotice, FileAction.RecordObjection)] = (FileStatus.ExitInNotice, ActorLevel.District),
        [(FileStatus.ExitInNotice, FileAction.UpholdObjection)] = (FileStatus.Active, ActorLevel.District),
        [(FileStatus.ExitInNotice, FileAction.DismissObjection)] = (FileStatus.ExitInNotice, ActorLevel.District),
        [(FileStatus.ExitInNotice, FileAction.DistrictApproveExit)] = (FileStatus.ExitApproved, ActorLevel.District),
        [(FileStatus.ExitApproved, FileAction.RecordWrittenNotice)] = (FileStatus.Exited, ActorLevel.Grassroots),
        [(FileStatus.Exited, FileAction.ReEnter)] = (FileStatus.Filed, ActorLevel.Grassroots),
    };

    /// <summary>Actions that must carry a reason (a rejection, an objection, an exit, a re-entry).</summary>
    private static readonly HashSet<FileAction> NeedReason =
    [
        FileAction.DistrictReject, FileAction.RecordObjection, FileAction.UpholdObjection, FileAction.FederationReject,
        FileAction.ProposeExit, FileAction.CollectiveRejectExit, FileAction.ReEnter, FileAction.DismissObjection,
    ];

    public static bool IsActive(FileStatus s) => s is not (FileStatus.Rejected or FileStatus.Exited);

    /// <summary>The actions a given level could take now (used to draw the buttons; Decide still checks timing).</summary>
    public static IEnumerable<FileAction> Available(FileStatus status, ActorLevel actor) =>
        Table.Where(kv => kv.Key.Item1 == status && actor >= kv.Value.Level).Select(kv => kv.Key.Item2).OrderBy(a => a);

    public static ActorLevel RequiredLevel(FileStatus status, FileAction action) =>
        Table.TryGetValue((status, action), out var t) ? t.Level : ActorLevel.None;

    public static TransitionVerdict Decide(FileAction action, TransitionContext c)
    {
        if (!Table.TryGetValue((c.Status, action), out var t)) return TransitionVerdict.No(IllegalTransition);
        if (c.Actor < t.Level) return TransitionVerdict.No(NotAllowedForLevel);
        if (NeedReason.Contains(action) && string.IsNullOrWhiteSpace(c.Reason)) return TransitionVerdict.No(ReasonRequired);
        switch (action)
        {
            case FileAction.ProposeExit when c.ExitReason is null:
                return TransitionVerdict.No(ExitReasonRequired);
            case FileAction.CloseNotice or FileAction.DistrictApproveExit when c.NoticeEndsAt is { } end && c.Now < end:
                return TransitionVerdict.No(NoticeRunning);
            case FileAction.CloseNotice or FileAction.DistrictApproveExit when c.OpenObjections > 0:
                return TransitionVerdict.No(ObjectionsOpen);
            case FileAction.UpholdObjection or FileAction.DismissObjection when c.OpenObjections == 0:
                return TransitionVerdict.No(NoObjection);
        }
        return TransitionVerdict.Go(t.To);
    }

    /// <summary>When an enrolment notice of n calendar days that starts now ends (Beijing midnight after the last day).</summary>
    public static DateTimeOffset EnrolmentNoticeEnd(DateTimeOffset start, int days) => EndOfLocalDay(BeijingTime.DateOf(start).AddDays(days - 1));

    /// <summary>When an exit notice of n working days that starts now ends: after the n-th full working day after today.</summary>
    public static DateTimeOffset ExitNoticeEnd(DateTimeOffset start, int workingDays, Gonghui.Platform.Calendars.WorkCalendar cal) =>
        EndOfLocalDay(cal.AddWorkingDays(BeijingTime.DateOf(start), workingDays));

    /// <summary>Midnight (Beijing) after the given day, as UTC (PostgreSQL stores UTC only).</summary>
    public static DateTimeOffset EndOfLocalDay(DateOnly d) => BeijingTime.EndOfDayUtc(d);

    /// <summary>Noon (Beijing) of the given day, as UTC: when a visit or payment recorded by date is taken to have happened.</summary>
    public static DateTimeOffset LocalNoon(DateOnly d) => BeijingTime.ToUtc(d, new TimeOnly(12, 0));
}

/// <summary>Dynamic management: annual re-verification and the contact person's visits.</summary>
public static class DueDates
{
    public static DateTimeOffset ReverifyDue(DateTimeOffset lastVerified, int months) => lastVerified.AddMonths(months);
    public static DateTimeOffset VisitDue(DateTimeOffset lastVisitOrApproval, int months) => lastVisitOrApproval.AddMonths(months);
    public static bool IsOverdue(DateTimeOffset? due, DateTimeOffset now) => due is { } d && now > d;
    public static DateTimeOffset FollowUpUntil(DateTimeOffset exited, int months) => exited.AddMonths(months);
}
