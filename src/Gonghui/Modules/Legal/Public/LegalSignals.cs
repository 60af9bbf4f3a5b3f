namespace Gonghui.Modules.Legal.Public;

/// <summary>A legal case as a labour-relations signal: the registry enterprise it is against, when it was received, how many workers. No personal data.</summary>
public sealed record LegalSignalRow(Guid CaseId, Guid EmployerId, string EmployerName, DateOnly ReceivedOn, int Workers);

/// <summary>
/// Legal aid's narrow reader for labour-relations monitoring: cases against a registry enterprise received on or after a date, across
/// the city (the monitoring keeps each signal under the enterprise's district union and scopes its own reads).
/// </summary>
public interface ILegalSignals
{
    Task<IReadOnlyList<LegalSignalRow>> SinceAsync(DateOnly since, CancellationToken ct);
}
