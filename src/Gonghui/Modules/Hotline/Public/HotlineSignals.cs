namespace Gonghui.Modules.Hotline.Public;

/// <summary>
/// A 12351 request as a labour-relations signal: the enterprise it names, when it came in, and whether it is about wage arrears
/// (subcategory 拖欠工资) or collective (urgency 群体性). No caller, no phone, no text.
/// </summary>
public sealed record HotlineSignalRow(Guid RequestId, Guid EnterpriseId, string? EnterpriseName, DateTimeOffset ReceivedAt, bool WageArrears, bool Collective);

/// <summary>
/// The hotline's narrow reader for labour-relations monitoring: requests naming a registry enterprise that are about wage arrears or
/// collective, received at or after a time (merged duplicates left out). It reads across the whole city: the monitoring keeps each
/// signal under the enterprise's district union and scopes its own reads.
/// </summary>
public interface IHotlineSignals
{
    Task<IReadOnlyList<HotlineSignalRow>> SinceAsync(DateTimeOffset since, CancellationToken ct);
}
